package tui

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/model"
)

func TestReservedFollowsTheKeyMap(t *testing.T) {
	km := DefaultKeyMap()
	res := km.Reserved()
	for _, b := range []struct {
		name string
		keys []string
	}{{"down", km.Down.Keys()}, {"quit", km.Quit.Keys()}, {"remove", km.Remove.Keys()}, {"direction", km.Direction.Keys()}} {
		if !slices.Contains(res, b.keys[0]) {
			t.Errorf("%s key %q not reserved: %v", b.name, b.keys[0], res)
		}
	}
	if slices.Contains(res, km.Claim.Keys()[0]) {
		t.Errorf("the claim key belongs to the schema's CLAIM label, yet is reserved")
	}
	if !slices.Contains(res, " ") {
		t.Errorf("a label on \" \" is allowed, but the space bar arrives as %q", keyMsg(" ").String())
	}
	d := km.Direction.Keys()[0]
	if err := km.Rebind(map[string][]string{"direction": {"D"}, "select": {"space"}}); err != nil {
		t.Fatal(err)
	}
	res = km.Reserved()
	if slices.Contains(res, d) || !slices.Contains(res, "D") {
		t.Errorf("rebinding direction from %q to D: reserved %v", d, res)
	}
	if !slices.Contains(res, "space") || !slices.Contains(res, " ") {
		t.Errorf("space bound to select, but not reserved: %v", res)
	}
}

// TestEveryUnreservedKeyTagsAsALabel: a label may use any printable key that
// Reserved leaves free, so each must tag the word under the cursor, directly
// and from the label picker; a key the reader consumed without reserving it
// would fail here.
func TestEveryUnreservedKeyTagsAsALabel(t *testing.T) {
	km := DefaultKeyMap()
	schema := annotations.DefaultSchema()
	schema.Labels = nil
	for c := '!'; c <= '~'; c++ {
		k := string(c)
		if slices.Contains(km.Reserved(), k) || k == schema.Claim.Key || k == schema.Boilerplate.Key {
			continue
		}
		schema.Labels = append(schema.Labels, annotations.Label{Name: fmt.Sprintf("L%d", c), Key: k, Color: "#000000"})
	}
	if err := schema.Validate(km.Reserved()...); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "annotations.jsonl")
	st, err := openSession(t, out, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := New(Options{Corpus: model.Sample(), CorpusName: "sample", Annotator: "test", Session: st, Export: st.export, Out: out,
		Schema: schema, Keys: km, ExportEvery: time.Millisecond})
	drive(t, a, a.Init())
	resize(t, a, 120, 40)
	p := a.focused()
	for _, via := range []string{"key", "picker"} {
		for _, l := range schema.Labels {
			if via == "picker" {
				press(t, a, km.LabelPicker.Keys()[0])
			}
			press(t, a, l.Key)
			spans := a.spans(p.info.ID, 0, 100)
			if len(spans) != 1 || spans[0].Label != l.Name {
				t.Fatalf("%s %q: spans %+v", via, l.Key, spans)
			}
			press(t, a, km.Undo.Keys()[0])
			if n := len(a.spans(p.info.ID, 0, 100)); n != 0 {
				t.Fatalf("%s %q: undo left %d spans", via, l.Key, n)
			}
		}
	}
}

// TestSpaceCannotTypeALabel is why Reserved always holds " ": a label on it
// (admitted here without the schema check) is never reached by the space bar.
// If this starts failing, the reader can type " " and Reserved may free it.
func TestSpaceCannotTypeALabel(t *testing.T) {
	schema := annotations.DefaultSchema()
	schema.Labels = append(schema.Labels, annotations.Label{Name: "SPACED", Key: " ", Color: "#000000"})
	out := filepath.Join(t.TempDir(), "annotations.jsonl")
	st, err := openSession(t, out, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := New(Options{Corpus: model.Sample(), CorpusName: "sample", Annotator: "test", Session: st, Export: st.export, Out: out,
		Schema: schema, ExportEvery: time.Millisecond})
	drive(t, a, a.Init())
	resize(t, a, 120, 40)
	press(t, a, " ")
	if spans := a.spans(a.focused().info.ID, 0, 100); len(spans) != 0 {
		t.Fatalf("the space bar typed a label: %+v", spans)
	}
}

// TestLayoutLetterLabelKeyActedAsLatinKey: a label on ش used to pass the
// schema check, but the reader reads ش as "a" (its key on the Arabic layout)
// before looking up labels, so pressing it accepted the document. Such
// letters are reserved unless the keyboard mapping is off, and then they tag.
func TestLayoutLetterLabelKeyActedAsLatinKey(t *testing.T) {
	const shin = "ش"
	var auto Options
	if latin, ok := auto.LayoutKey(shin); !ok || latin != DefaultKeyMap().Accept.Keys()[0] {
		t.Fatalf("LayoutKey(%s) = %q, %v", shin, latin, ok)
	}
	if !slices.Contains(auto.ReservedLabelKeys(), shin) {
		t.Errorf("%s not reserved with the layout mapping on", shin)
	}
	off := Options{Keyboard: kbNone}
	if slices.Contains(off.ReservedLabelKeys(), shin) {
		t.Errorf("%s reserved with keyboard = none", shin)
	}
	for _, kb := range []keyboard{kbAuto, kbNone} {
		schema := annotations.DefaultSchema()
		schema.Labels = append(schema.Labels, annotations.Label{Name: "SHIN", Key: shin, Color: "#000000"})
		out := filepath.Join(t.TempDir(), "annotations.jsonl")
		st, err := openSession(t, out, "test")
		if err != nil {
			t.Fatal(err)
		}
		a := New(Options{Corpus: model.Sample(), CorpusName: "sample", Annotator: "test", Session: st, Export: st.export, Out: out,
			Schema: schema, Keyboard: kb, ExportEvery: time.Millisecond})
		drive(t, a, a.Init())
		resize(t, a, 120, 40)
		typeText(t, a, shin)
		v, _ := st.Doc(a.focused().info.ID)
		tagged := len(v.Spans) == 1 && v.Spans[0].Label == "SHIN"
		if reserved := slices.Contains((Options{Keyboard: kb}).ReservedLabelKeys(), shin); reserved == tagged {
			t.Errorf("keyboard %s: %s reserved %v, yet a label on it tagged %v (spans %+v, answer %q)", kb, shin, reserved, tagged, v.Spans, v.Answer)
		}
		st.Close()
	}
}
