package journal

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/export"
	"github.com/hashiya/hashiya/annotations/record"
)

var mixed = annotations.DocInfo{ID: "mixed/1", Lang: "ar", Text: "بوتين 🇷🇺 met Kim\r\nفي بيونج يانج"}

// mixedRecords annotates the mixed text through the real Store and reads
// the records back from the flushed file.
func mixedRecords(t *testing.T) []record.Record {
	t.Helper()
	dir := t.TempDir()
	s := openT(t, dir)
	p := mustSpan(t, s, mixed, "PERSON", "بوتين")
	mustSpan(t, s, mixed, "PERSON", "Kim")
	mustSpan(t, s, mixed, "GPE", "بيونج يانج")
	mustSpan(t, s, mixed, "LOC", "يانج") // overlaps GPE; shorter loses
	a, b := find(t, mixed.Text, "met Kim\r\nفي بيونج")
	c, _ := s.AddClaim(mixed, a, b)
	c.Claimant.SpanID = p.ID
	c.Attribution = annotations.AttrAttributed
	if _, err := s.UpdateClaim(mixed.ID, c); err != nil {
		t.Fatal(err)
	}
	bp := mustSpan(t, s, mixed, "BOILERPLATE", "🇷🇺")
	_ = bp
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(filepath.Join(dir, "annotations.jsonl"))
	defer f.Close()
	recs, probs, err := record.ReadRecords(f, "annotations.jsonl")
	if err != nil {
		t.Fatal(err, probs)
	}
	return recs
}

func exportString(t *testing.T, recs []record.Record, format string, o export.ExportOptions) (string, []string) {
	t.Helper()
	var warns []string
	o.Warn = func(s string) { warns = append(warns, s) }
	var b strings.Builder
	if err := export.Export(&b, recs, format, o); err != nil {
		t.Fatal(err)
	}
	return b.String(), warns
}

func TestMixedTextOffsets(t *testing.T) {
	// Code points vs UTF-16: the flag is 2 code points but 4 UTF-16 units.
	m := annotations.NewOffsetMap(mixed.Text)
	a, _ := find(t, mixed.Text, "Kim")
	if a != 13 {
		t.Fatalf("Kim at %d", a)
	}
	if u, _ := m.UTF16(13); u != 15 {
		t.Fatalf("UTF16(13) = %d, want 15", u)
	}
	if cp, _ := m.FromUTF16(15); cp != 13 {
		t.Fatalf("FromUTF16(15) = %d", cp)
	}
	if _, err := m.FromUTF16(7); err == nil {
		t.Fatal("offset inside a surrogate pair accepted")
	}
	if s, _ := annotations.CodePointSlice(mixed.Text, 13, 16); s != "Kim" {
		t.Fatalf("slice = %q", s)
	}
	toks := annotations.Tokenize(mixed.Text)
	var words []string
	for _, tk := range toks {
		words = append(words, tk.Text)
	}
	if got := strings.Join(words, "|"); got != "بوتين|🇷🇺|met|Kim|في|بيونج|يانج" {
		t.Fatalf("tokens %s", got)
	}
}

func TestExportDoccanoUTF16(t *testing.T) {
	recs := mixedRecords(t)
	cp, _ := exportString(t, recs, export.FormatDoccano, export.ExportOptions{})
	u16, _ := exportString(t, recs, export.FormatDoccano, export.ExportOptions{Offsets: export.OffsetsUTF16})
	var a, b struct {
		Label     [][3]any
		Entities  []export.DoccanoEntity
		Relations []export.DoccanoRelation
	}
	json.Unmarshal([]byte(cp), &a)
	json.Unmarshal([]byte(u16), &b)
	want := map[string][2][2]int{ // label text → code point range, UTF-16 range
		"بوتين": {{0, 5}, {0, 5}}, "Kim": {{13, 16}, {15, 18}}, "بيونج يانج": {{21, 31}, {23, 33}},
	}
	for i, e := range a.Entities {
		txt := string([]rune(mixed.Text)[e.StartOffset:e.EndOffset])
		if w, ok := want[txt]; ok {
			if [2]int{e.StartOffset, e.EndOffset} != w[0] || [2]int{b.Entities[i].StartOffset, b.Entities[i].EndOffset} != w[1] {
				t.Errorf("%s: cp %v utf16 %v, want %v", txt, e, b.Entities[i], w)
			}
		}
		if e.Label == "BOILERPLATE" {
			t.Error("boilerplate exported by default")
		}
	}
	if len(a.Entities) != 5 || len(a.Relations) != 1 || a.Relations[0].Type != "CLAIMANT" {
		t.Errorf("entities %v relations %v", a.Entities, a.Relations)
	}
	if !strings.Contains(u16, `"offset_unit":"utf16"`) {
		t.Error("unit not stated")
	}
	with, _ := exportString(t, recs, export.FormatDoccano, export.ExportOptions{IncludeBoilerplate: true})
	if !strings.Contains(with, "BOILERPLATE") {
		t.Error("--include-boilerplate ignored")
	}
}

func TestExportSpacyNonOverlapping(t *testing.T) {
	out, warns := exportString(t, mixedRecords(t), export.FormatSpacy, export.ExportOptions{})
	var line struct {
		Text     string
		Entities [][3]any
	}
	json.Unmarshal([]byte(out), &line)
	got := ""
	for _, e := range line.Entities {
		got += string([]rune(line.Text)[int(e[0].(float64)):int(e[1].(float64))]) + "/" + e[2].(string) + " "
	}
	if got != "بوتين/PERSON Kim/PERSON بيونج يانج/GPE " {
		t.Fatalf("entities: %s", got)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "LOC") {
		t.Fatalf("warnings %v", warns)
	}
	if _, err := (func() (string, error) {
		var b strings.Builder
		return "", export.Export(&b, nil, export.FormatSpacy, export.ExportOptions{Offsets: export.OffsetsUTF16})
	})(); err == nil {
		t.Fatal("utf16 accepted for spacy")
	}
}

func TestExportCoNLLAndHF(t *testing.T) {
	recs := mixedRecords(t)
	out, _ := exportString(t, recs, export.FormatCoNLL, export.ExportOptions{})
	want := "# tokenization = " + annotations.Tokenization + "\n\n# doc_id = mixed/1\n" +
		"بوتين\tB-PERSON\n🇷🇺\tO\nmet\tO\nKim\tB-PERSON\n\nفي\tO\nبيونج\tB-GPE\nيانج\tI-GPE\n"
	if out != want {
		t.Fatalf("conll:\n%s\nwant:\n%s", out, want)
	}
	hf, _ := exportString(t, recs, export.FormatHF, export.ExportOptions{})
	var line struct {
		Tokens  []string
		NerTags []int `json:"ner_tags"`
	}
	json.Unmarshal([]byte(hf), &line)
	names := export.HFLabels(export.ExportOptions{})
	var tags []string
	for _, n := range line.NerTags {
		tags = append(tags, names[n])
	}
	if strings.Join(tags, " ") != "B-PERSON O O B-PERSON O B-GPE I-GPE" || len(line.Tokens) != 7 {
		t.Fatalf("hf tags %v tokens %v", tags, line.Tokens)
	}
	bp, _ := exportString(t, recs, export.FormatCoNLL, export.ExportOptions{IncludeBoilerplate: true})
	if !strings.Contains(bp, "🇷🇺\tB-BOILERPLATE") {
		t.Fatalf("boilerplate not tagged:\n%s", bp)
	}
}

func TestExportClaimsUTF16(t *testing.T) {
	recs := mixedRecords(t)
	out, _ := exportString(t, recs, export.FormatClaims, export.ExportOptions{Offsets: export.OffsetsUTF16})
	var c struct {
		Doc        string
		Start, End int
		Text       string
		Claimant   map[string]any
		OffsetUnit string `json:"offset_unit"`
	}
	json.Unmarshal([]byte(out), &c)
	// "met Kim\r\nفي بيونج" starts at code point 9 = UTF-16 11.
	if c.Doc != "mixed/1" || c.Start != 11 || c.End != 11+annotations.CodePointLen("met Kim\r\nفي بيونج") ||
		c.Text != "met Kim\r\nفي بيونج" || c.Claimant["text"] != "بوتين" || c.OffsetUnit != "utf16" {
		t.Fatalf("claim line %s", out)
	}
}

func TestExportBrat(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	if err := export.Export(&b, mixedRecords(t), export.FormatBrat, export.ExportOptions{Dir: dir}); err != nil {
		t.Fatal(err)
	}
	txt, _ := os.ReadFile(filepath.Join(dir, export.BratName(mixed.ID)+".txt"))
	ann, _ := os.ReadFile(filepath.Join(dir, export.BratName(mixed.ID)+".ann"))
	if strings.Contains(string(txt), "\r") {
		t.Fatal("CR left in brat text")
	}
	rt := []rune(string(txt))
	sc := bufio.NewScanner(strings.NewReader(string(ann)))
	nT := 0
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if !strings.HasPrefix(f[0], "T") {
			continue
		}
		nT++
		// Every fragment's offsets must select the stated text.
		head := strings.SplitN(f[1], " ", 2)
		var parts []string
		for _, fr := range strings.Split(head[1], ";") {
			var s, e int
			if _, err := fmtSscan(fr, &s, &e); err != nil {
				t.Fatal(err)
			}
			parts = append(parts, string(rt[s:e]))
		}
		if strings.Join(parts, " ") != f[2] {
			t.Errorf("%s: offsets give %q, text says %q", f[0], strings.Join(parts, " "), f[2])
		}
	}
	if nT != 5 || !strings.Contains(string(ann), "CLAIMANT Arg1:T1") || !strings.Contains(string(ann), "Attribution") {
		t.Fatalf("ann:\n%s", ann)
	}
	if !strings.Contains(string(ann), "CLAIM 9 16;17 25") {
		t.Fatalf("claim across the line break should be two fragments:\n%s", ann)
	}
}

func TestExportProdigyDropsBoilerplate(t *testing.T) {
	out, _ := exportString(t, mixedRecords(t), export.FormatProdigy, export.ExportOptions{})
	var r record.Record
	json.Unmarshal([]byte(out), &r)
	if len(r.Spans) != 4 || strings.Contains(out, "BOILERPLATE") {
		t.Fatalf("spans %v", r.Spans)
	}
	if p := record.ValidateLine([]byte(out)); len(p) != 0 {
		t.Fatalf("exported record invalid: %v", p)
	}
}

func fmtSscan(s string, a, b *int) (int, error) { return fmt.Sscan(s, a, b) }
