package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Typing 001 kept the highlight on its old row, and enter opened 003.
func TestPickerEnterOpensTheBestMatchNotTheOldRow(t *testing.T) {
	a := newTestApp(t, 80, 24)
	press(t, a, bind(a.keys.NextDoc), bind(a.keys.NextDoc), bind(a.keys.NextDoc)) // the picker opens on 004's row
	press(t, a, bind(a.keys.OpenDoc))
	typeText(t, a, "001")
	if len(a.picker.items) == 0 || a.picker.items[a.picker.cursor] != 1 {
		t.Fatalf("highlight on row %d of %v, want document 001 (index 1)", a.picker.cursor, a.picker.items)
	}
	press(t, a, "enter")
	if d := a.focused().DocIndex; d != 1 {
		t.Fatalf("enter opened document %d, want 1", d)
	}
}

// The filter reads titles (first lines) with the search's normalization: «معاهده»
// finds «معاهدة», and كوريا the articles about Korea, which their file names never did.
func TestPickerMatchesTitlesNormalized(t *testing.T) {
	a := newTestApp(t, 120, 30)
	press(t, a, bind(a.keys.OpenDoc))
	typeText(t, a, "كوريا")
	if n := len(a.picker.items); n == 0 {
		t.Fatalf("كوريا matches no title:\n%s", screen(a))
	}
	press(t, a, "backspace", "backspace", "backspace", "backspace", "backspace")
	typeText(t, a, "يوقع معاهده")
	if len(a.picker.items) == 0 || a.picker.items[0] != 0 {
		t.Fatalf("«يوقع معاهده» does not rank 000 (بوتين يوقع معاهدة …) first: %v", a.picker.items)
	}
	if !strings.Contains(screen(a), visualLTR("بوتين", 0, a.opts.Engine)) {
		t.Fatalf("rows do not show titles:\n%s", screen(a))
	}
}

// The query is drawn by the engine: Arabic typed shows joined, in visual order.
func TestPickerQueryDrawnByEngine(t *testing.T) {
	a := newTestApp(t, 80, 24)
	press(t, a, bind(a.keys.OpenDoc))
	typeText(t, a, "كوريا")
	if a.picker.input.Value() != "كوريا" {
		t.Fatalf("query %q, want the letters in typing (logical) order", a.picker.input.Value())
	}
	want := "open: " + visualLTR("كوريا", 0, a.opts.Engine)
	if want == "open: كوريا" {
		t.Fatal("the engine left كوريا unshaped: the test would prove nothing")
	}
	if line := strings.Split(screen(a), "\n")[1]; !strings.HasPrefix(line, want) {
		t.Fatalf("prompt line %q, want it to start with %q", line, want)
	}
}

// Meta is searched too.
func TestPickerMatchesMeta(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.jsonl")
	data := `{"id":"a","text":"نص أول","meta":{"source":"reuters"}}` + "\n" +
		`{"id":"b","text":"نص ثان","meta":{"source":"TASS","url":"https://tass.ru/x"}}` + "\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	a, _ := newAppOn(t, dir, path, "c", 80, 24)
	press(t, a, bind(a.keys.OpenDoc))
	typeText(t, a, "tass")
	if len(a.picker.items) != 1 || a.picker.items[0] != 1 {
		t.Fatalf("tass (in b's meta) found %v, want [1]", a.picker.items)
	}
}

// Each row shows the document's answer and how many annotations it has.
func TestPickerRowsShowAnswerAndCount(t *testing.T) {
	a, _ := startReader(t, filepath.Join(t.TempDir(), "annotations.jsonl"))
	label := a.schema.Labels[0].Key
	press(t, a, label, bind(a.keys.NextWord), bind(a.keys.NextWord), label, bind(a.keys.Accept))
	press(t, a, bind(a.keys.NextPane), bind(a.keys.Reject))
	press(t, a, bind(a.keys.OpenDoc))
	rows := strings.Split(screen(a), "\n")
	find := func(num string) string {
		for _, r := range rows {
			if strings.HasPrefix(strings.TrimLeft(r, "▸ "), num+" ") {
				return r
			}
		}
		t.Fatalf("no row for document %s:\n%s", num, screen(a))
		return ""
	}
	if r := find("1"); !strings.Contains(r, "✓accepted   2  000_") {
		t.Errorf("row of document 1 lacks its answer and count: %q", r)
	}
	if r := find("2"); !strings.Contains(r, "✗rejected      001_") {
		t.Errorf("row of document 2 lacks its answer, or shows a count: %q", r)
	}
	if r := find("3"); strings.Contains(r, "accepted") || strings.Contains(r, "rejected") {
		t.Errorf("row of document 3 shows an answer: %q", r)
	}
}

func TestPickerFilteredGolden(t *testing.T) {
	a, _ := startReader(t, filepath.Join(t.TempDir(), "annotations.jsonl"))
	press(t, a, a.schema.Labels[2].Key, bind(a.keys.Accept))
	resize(t, a, 100, 12)
	press(t, a, bind(a.keys.OpenDoc))
	typeText(t, a, "كوريا")
	golden(t, "picker_filtered.golden", screen(a))
}
