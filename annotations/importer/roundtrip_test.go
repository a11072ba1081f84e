package importer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/export"
	"github.com/hashiya/hashiya/annotations/journal"
	"github.com/hashiya/hashiya/annotations/record"
)

func marshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var (
	rtDoc1 = annotations.DocInfo{ID: "ar-1", Lang: "ar", Text: "قال الرئيس بوتين 🇷🇺 إن أكثر من 8 آلاف جندي وصلوا إلى كَرَاكاس\r\nيوم الأربعاء."}
	rtDoc2 = annotations.DocInfo{ID: "fa-1", Lang: "fa", Text: "به گفته‌ی پوتین ۱۰ هزار سرباز به کاراکاس رسیدند 👍🏽"}
)

func sub(t *testing.T, d annotations.DocInfo, s string) (int, int) { return find(t, d.Text, s) }

// buildStore makes a store with spans, claims with claimants, a link across
// documents and answers, through the reader's own Store API.
func buildStore(t *testing.T, out, annotator string) *journal.Store {
	t.Helper()
	st, err := journal.Open(journal.StoreOptions{Out: out, Annotator: annotator, Session: annotator + "-s1"})
	if err != nil {
		t.Fatal(err)
	}
	span := func(d annotations.DocInfo, label, w string) annotations.Span {
		s, e := sub(t, d, w)
		sp, err := st.AddSpan(d, label, s, e)
		if err != nil {
			t.Fatal(err)
		}
		return sp
	}
	claim := func(d annotations.DocInfo, w string, claimant annotations.Span) annotations.Claim {
		s, e := sub(t, d, w)
		c, err := st.AddClaim(d, s, e)
		if err != nil {
			t.Fatal(err)
		}
		c.Claimant = annotations.Claimant{SpanID: claimant.ID}
		c.Attribution = annotations.AttrAttributed
		if c, err = st.UpdateClaim(d.ID, c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	p1 := span(rtDoc1, "PERSON", "بوتين")
	span(rtDoc1, "GPE", "🇷🇺")
	span(rtDoc1, "GPE", "كَرَاكاس")
	span(rtDoc1, "DATE", "يوم الأربعاء")
	c1 := claim(rtDoc1, "أكثر من 8 آلاف جندي وصلوا إلى كَرَاكاس", p1)
	p2 := span(rtDoc2, "PERSON", "پوتین")
	span(rtDoc2, "GPE", "کاراکاس")
	c2 := claim(rtDoc2, "۱۰ هزار سرباز به کاراکاس رسیدند", p2)
	if err := st.LinkClaims(rtDoc1.ID, c1.ID, rtDoc2.ID, c2.ID, annotations.RelContradicts); err != nil {
		t.Fatal(err)
	}
	if err := st.SetAnswer(rtDoc1.ID, annotations.AnswerAccept); err != nil {
		t.Fatal(err)
	}
	return st
}

func readOut(t *testing.T, path string) []record.Record {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, probs, err := record.ReadRecords(f, path)
	if err != nil {
		t.Fatal(err, probs)
	}
	return recs
}

// TestExportsImportBack imports hashiya's own prodigy and doccano exports
// of a store and gets the same spans (and, where the format carries them,
// claims and claimants) back.
func TestExportsImportBack(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")
	st := buildStore(t, out, "alice")
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	recs := readOut(t, out)
	exportTo := func(format, offsets string) string {
		var b strings.Builder
		if err := export.Export(&b, recs, format, export.ExportOptions{Offsets: offsets}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}

	t.Run("prodigy", func(t *testing.T) {
		f := mustRead(t, "p.jsonl", exportTo(export.FormatProdigy, ""), Options{})
		if f.Format != Hashiya || !reflect.DeepEqual(f.Records, recs) {
			t.Errorf("prodigy export imported as %s:\n%s\nwant\n%s", f.Format, marshal(t, f.Records), marshal(t, recs))
		}
	})
	for _, unit := range []string{export.OffsetsCodepoint, export.OffsetsUTF16} {
		t.Run("doccano-"+unit, func(t *testing.T) {
			f := mustRead(t, "d.jsonl", exportTo(export.FormatDoccano, unit), Options{Offsets: unit})
			if f.Format != Doccano || len(f.Records) != len(recs) {
				t.Fatalf("%s, %d records", f.Format, len(f.Records))
			}
			for i, r := range f.Records {
				w := recs[i]
				if r.Meta.ID != w.Meta.ID || r.AnnotatorID != w.AnnotatorID || r.Text != w.Text {
					t.Errorf("record %d: %s/%s, want %s/%s", i, r.Meta.ID, r.AnnotatorID, w.Meta.ID, w.AnnotatorID)
				}
				if got, want := spanList(r.Spans), spanList(w.Spans); got != want {
					t.Errorf("%s spans:\n%s\nwant\n%s", r.Meta.ID, got, want)
				}
				if len(r.Claims) != len(w.Claims) {
					t.Fatalf("%s: %d claims, want %d", r.Meta.ID, len(r.Claims), len(w.Claims))
				}
				for j, c := range r.Claims {
					wc := w.Claims[j]
					if c.Span.Text != wc.Span.Text || c.Span.Start != wc.Span.Start || spanByID(r, c.Claimant.SpanID).Text != spanByID(w, wc.Claimant.SpanID).Text {
						t.Errorf("%s claim %d: %+v, want %+v", r.Meta.ID, j, c, wc)
					}
					if !reflect.DeepEqual(c.Numeric, wc.Numeric) {
						t.Errorf("%s claim %d number: %+v, want %+v", r.Meta.ID, j, c.Numeric, wc.Numeric)
					}
				}
			}
		})
	}
}

func spanByID(r record.Record, id string) annotations.Span {
	for _, sp := range r.Spans {
		if sp.ID == id {
			return sp
		}
	}
	return annotations.Span{}
}

// TestJournalAheadOfTrainingFile reads a training file whose journal holds
// edits made after the last write of the file (the reader was killed), and
// gets what the Store shows after opening them.
func TestJournalAheadOfTrainingFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")
	bob := buildStore(t, out, "bob")
	if err := bob.Close(); err != nil {
		t.Fatal(err)
	}
	st := buildStore(t, out, "alice")
	if err := st.Flush(); err != nil {
		t.Fatal(err)
	}
	// Edits after the flush: only in the journal.
	s, e := sub(t, rtDoc2, "سرباز")
	if _, err := st.AddSpan(rtDoc2, "NORP", s, e); err != nil {
		t.Fatal(err)
	}
	if err := st.SetAnswer(rtDoc2.ID, annotations.AnswerReject); err != nil {
		t.Fatal(err)
	}
	sp := st.Spans(rtDoc1.ID, 0, 1000)
	if err := st.RemoveSpan(rtDoc1.ID, sp[len(sp)-1].ID); err != nil {
		t.Fatal(err)
	}
	f, err := Open(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Format != Hashiya || len(f.Records) != 4 {
		t.Fatalf("%s, %d records", f.Format, len(f.Records))
	}
	compareWithStore(t, f, st, "alice")
	compareWithStore(t, f, bob, "bob") // bob's store is closed; Doc still answers from memory
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	// After the reader writes the file, the file alone says the same.
	again, err := Open(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(stateOf(again.Records), stateOf(f.Records)) {
		t.Errorf("after the flush:\n%v\nbefore:\n%v", stateOf(again.Records), stateOf(f.Records))
	}
}

// docState is what a test compares: spans, claims with their links, answer.
type docState struct {
	Spans  []annotations.Span
	Claims []annotations.Claim
	Answer string
}

func stateOf(recs []record.Record) map[[2]string]docState {
	out := map[[2]string]docState{}
	for _, r := range recs {
		out[[2]string{r.AnnotatorID, r.Meta.ID}] = docState{r.Spans, normClaims(r.Claims), r.Answer}
	}
	return out
}

func normClaims(cs []annotations.Claim) []annotations.Claim {
	out := make([]annotations.Claim, len(cs))
	for i, c := range cs {
		if len(c.Links) == 0 {
			c.Links = nil
		}
		out[i] = c
	}
	return out
}

// compareWithStore checks that the imported records of annotator hold
// exactly the documents, spans, claims, links and answers st reports.
func compareWithStore(t *testing.T, f *File, st *journal.Store, annotator string) {
	t.Helper()
	got := stateOf(f.Records)
	n := 0
	for k := range got {
		if k[0] == annotator {
			n++
		}
	}
	docs := st.Docs()
	if n != len(docs) {
		t.Errorf("%s: %d documents imported, the store has %d", annotator, n, len(docs))
	}
	for _, id := range docs {
		v, _ := st.Doc(id)
		want := docState{v.Spans, normClaims(v.Claims), v.Answer}
		if g := got[[2]string{annotator, id}]; !reflect.DeepEqual(g, want) {
			t.Errorf("%s %s:\nimported %+v\nstore    %+v", annotator, id, g, want)
		}
	}
}

func TestJournalStreamAndDamage(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")
	st := buildStore(t, out, "alice")
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	jpath := filepath.Join(out+".journal", "alice.jsonl")
	data, err := os.ReadFile(jpath)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Open(jpath, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Format != Journal || !reflect.DeepEqual(stateOf(f.Records), stateOf(readOut(t, out))) {
		t.Errorf("journal alone: %s\n%v\nwant\n%v", f.Format, stateOf(f.Records), stateOf(readOut(t, out)))
	}
	if f.Records[0].SessionID == "" || !strings.HasPrefix(f.Records[0].SessionID, "alice-") {
		t.Errorf("session %q", f.Records[0].SessionID)
	}

	lines := strings.SplitAfter(string(data), "\n")
	// A torn last line is left out with a warning, as the reader does.
	torn := string(data) + lines[2][:20]
	f, err = Read(strings.NewReader(torn), jpath, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0], "incomplete last line") {
		t.Errorf("warnings %v", f.Warnings)
	}
	// A flipped byte in the middle is an error naming the line; nothing imported.
	bad := strings.Join(lines[:2], "") + strings.Replace(lines[2], `"op":"`, `"op":"x`, 1) + strings.Join(lines[3:], "")
	_, err = Read(strings.NewReader(bad), jpath, Options{})
	wantErr(t, err, jpath+":3: checksum mismatch")
	// A lost line is found by its sequence number.
	gap := lines[0] + strings.Join(lines[2:], "")
	_, err = Read(strings.NewReader(gap), jpath, Options{})
	wantErr(t, err, jpath+":2: sequence jumps from 1 to 3 (lines missing)")
	// Without a journal directory the annotator must be given.
	_, err = Read(strings.NewReader(string(data)), "alice.jsonl", Options{Format: Journal})
	wantErr(t, err, "alice.jsonl:1: a journal is named <annotator>.jsonl")
	if f, err := Read(strings.NewReader(string(data)), "copy.jsonl", Options{Format: Journal, Annotator: "alice"}); err != nil || len(f.Records) != 2 {
		t.Errorf("journal with --annotator: %v", err)
	}
	// A damaged journal beside a training file stops the training file too.
	if err := os.WriteFile(jpath, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Open(out, Options{})
	wantErr(t, err, jpath+":3: checksum mismatch")
}

// TestJournalWithoutTrainingFile reads the work of a reader stopped before it
// first wrote the training file: only the journal exists, or an empty file.
func TestJournalWithoutTrainingFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")
	st := buildStore(t, out, "alice") // never flushed
	t.Cleanup(func() { st.Close() })
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("the store wrote %s already: %v", out, err)
	}
	for _, empty := range []bool{false, true} {
		if empty {
			if err := os.WriteFile(out, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		f, err := Open(out, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if f.Format != Hashiya || len(f.Records) != 2 {
			t.Fatalf("empty file %v: %s, %d records", empty, f.Format, len(f.Records))
		}
		compareWithStore(t, f, st, "alice")
	}
	// Without a journal, a missing file is an error and an empty one holds nothing.
	if _, err := Open(filepath.Join(dir, "none.jsonl"), Options{}); !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
}
