package journal

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/export"
	"github.com/hashiya/hashiya/annotations/record"
)

// bratIDs are document ids the old exporter mapped to shared file names:
// the three Latin ones all became x_y, the Arabic pair ___ (one _ per
// letter), and the last two would also be paths.
var bratIDs = []string{"x y", "x_y", "x?y", "سيول", "كييف", "news/a", "..", "../x", ".hidden", "100%", "CaseA", "casea"}

// bratRecords writes one small document per id through the real store and
// reads the records back.
func bratRecords(t *testing.T, ids []string) []record.Record {
	t.Helper()
	dir := t.TempDir()
	s := openT(t, dir)
	for i, id := range ids {
		d := annotations.DocInfo{ID: id, Lang: "ar", Text: "قالت سيول " + strings.Repeat("و", i) + " إن كوريا"}
		mustSpan(t, s, d, "GPE", "سيول")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "annotations.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, probs, err := record.ReadRecords(f, "annotations.jsonl")
	if err != nil {
		t.Fatal(err, probs)
	}
	return recs
}

func TestBratExportOverwroteDocumentsWithSimilarIDs(t *testing.T) {
	recs := bratRecords(t, bratIDs)
	out := filepath.Join(t.TempDir(), "brat")
	if err := export.Export(nil, recs, export.FormatBrat, export.ExportOptions{Dir: out}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var txts []string
	for _, e := range entries {
		if e.IsDir() {
			t.Errorf("brat export made a directory %q: an id became a path", e.Name())
		}
		if strings.HasSuffix(e.Name(), ".txt") {
			txts = append(txts, e.Name())
		}
	}
	if len(txts) != len(bratIDs) {
		t.Fatalf("%d documents gave %d .txt files: %v", len(bratIDs), len(txts), txts)
	}
	byID := map[string]record.Record{}
	for _, r := range recs {
		byID[r.Meta.ID] = r
	}
	// The mapping file names every document, and each name decodes to its id.
	var m []export.BratFile
	b, err := os.ReadFile(filepath.Join(out, export.BratMappingFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var mapped []string
	for _, f := range m {
		mapped = append(mapped, f.ID)
		if got, err := export.BratID(f.Name); err != nil || got != f.ID {
			t.Errorf("%s decodes to %q (%v), mapping says %q", f.Name, got, err, f.ID)
		}
		if strings.HasPrefix(f.Name, ".") || strings.ContainsAny(f.Name, `/\`) {
			t.Errorf("name %q is hidden or a path", f.Name)
		}
		txt, err := os.ReadFile(filepath.Join(out, f.Txt))
		if err != nil {
			t.Fatal(err)
		}
		if r, ok := byID[f.ID]; !ok || string(txt) != r.Text {
			t.Errorf("%s holds %q; document %q is %q", f.Txt, txt, f.ID, r.Text)
		}
		if _, err := os.Stat(filepath.Join(out, f.Ann)); err != nil {
			t.Error(err)
		}
	}
	slices.Sort(mapped)
	want := slices.Clone(bratIDs)
	slices.Sort(want)
	if !slices.Equal(mapped, want) {
		t.Fatalf("mapping ids %q, want %q", mapped, want)
	}
}

func TestBratLongIDsStayUniqueAndShort(t *testing.T) {
	long := strings.Repeat("كوريا", 30) // 150 letters, 900 bytes escaped
	ids := []string{long + "أ", long + "ب"}
	recs := bratRecords(t, ids)
	out := t.TempDir()
	if err := export.Export(nil, recs, export.FormatBrat, export.ExportOptions{Dir: out}); err != nil {
		t.Fatal(err)
	}
	var m []export.BratFile
	b, _ := os.ReadFile(filepath.Join(out, export.BratMappingFile))
	json.Unmarshal(b, &m)
	if len(m) != 2 || m[0].Name == m[1].Name {
		t.Fatalf("mapping %+v", m)
	}
	for _, f := range m {
		if len(f.Ann) > 255 {
			t.Errorf("file name of %d bytes", len(f.Ann))
		}
	}
}

func TestBratTwoAnnotatorsOfOneDocument(t *testing.T) {
	recs := bratRecords(t, []string{"d1"})
	other := recs[0]
	other.AnnotatorID = "sara"
	recs = append(recs, other)
	out := t.TempDir()
	if err := export.Export(nil, recs, export.FormatBrat, export.ExportOptions{Dir: out}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"d1@amira.ann", "d1@sara.ann"} {
		if _, err := os.Stat(filepath.Join(out, n)); err != nil {
			t.Error(err)
		}
	}
}

func TestBratAnnotationConf(t *testing.T) {
	recs := mixedRecords(t)
	out := t.TempDir()
	if err := export.Export(nil, recs, export.FormatBrat, export.ExportOptions{Dir: out}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "annotation.conf"))
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string][]string{}
	cur := ""
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "["):
			cur = l
			sections[cur] = []string{}
		default:
			sections[cur] = append(sections[cur], strings.Fields(l)[0])
		}
	}
	for _, s := range []string{"[entities]", "[relations]", "[events]", "[attributes]"} {
		if _, ok := sections[s]; !ok {
			t.Errorf("no %s section:\n%s", s, b)
		}
	}
	// Every type the .ann files use is declared.
	ann, _ := os.ReadFile(filepath.Join(out, export.BratName(mixed.ID)+".ann"))
	declared := map[string]bool{}
	for _, v := range sections {
		for _, n := range v {
			declared[n] = true
		}
	}
	for _, l := range strings.Split(strings.TrimSpace(string(ann)), "\n") {
		f := strings.Split(l, "\t")
		typ := strings.Fields(f[1])[0]
		if f[0][0] != '#' && !declared[typ] {
			t.Errorf("%s uses %s, not in annotation.conf:\n%s", f[0], typ, b)
		}
	}
	for _, l := range annotations.DefaultSchema().Labels {
		if !declared[l.Name] {
			t.Errorf("schema label %s not declared", l.Name)
		}
	}
	for _, r := range []string{"CLAIMANT", annotations.RelSameClaim, annotations.RelContradicts, annotations.RelRefines, annotations.RelRelated, "Attribution", "Checkworthy", "CLAIM"} {
		if !declared[r] {
			t.Errorf("%s not declared:\n%s", r, b)
		}
	}
	if declared["BOILERPLATE"] {
		t.Error("BOILERPLATE declared though it is not exported")
	}
}

func TestBratLinkWithinADocumentIsOneRelation(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	a, b := find(t, docA.Text, "وقع الرئيس الروسي")
	c1, _ := s.AddClaim(docA, a, b)
	a, b = find(t, docA.Text, "نشرت حوالى 10 آلاف جندي")
	c2, _ := s.AddClaim(docA, a, b)
	if err := s.LinkClaims(docA.ID, c1.ID, docA.ID, c2.ID, annotations.RelRefines); err != nil {
		t.Fatal(err)
	}
	s.Close()
	f, _ := os.Open(filepath.Join(dir, "annotations.jsonl"))
	defer f.Close()
	recs, probs, err := record.ReadRecords(f, "annotations.jsonl")
	if err != nil {
		t.Fatal(err, probs)
	}
	out := t.TempDir()
	if err := export.Export(nil, recs, export.FormatBrat, export.ExportOptions{Dir: out}); err != nil {
		t.Fatal(err)
	}
	ann, _ := os.ReadFile(filepath.Join(out, export.BratName(docA.ID)+".ann"))
	if n := strings.Count(string(ann), "\trefines Arg1:T1 Arg2:T2\t"); n != 1 || strings.Contains(string(ann), "Arg1:T2 Arg2:T1") {
		t.Fatalf("want one refines relation T1 → T2:\n%s", ann)
	}
}
