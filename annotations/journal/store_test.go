package journal

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/hashiya/hashiya/annotations"
)

var docA = annotations.DocInfo{ID: "002_6616baea8f6d7c2e", Lang: "ar", Source: "hura7.com",
	Text: "وقع الرئيس الروسي فلاديمير بوتين معاهدة الدفاع المشترك مع كوريا الشمالية.\r\nوقالت كييف إن كوريا الشمالية نشرت حوالى 10 آلاف جندي في روسيا 🇷🇺."}
var docB = annotations.DocInfo{ID: "004_33b7dc99ac63bf30", Lang: "fa",
	Text: "این پیمان که در ژوئن ۲۰۲۴ بین ولادیمیر پوتین و کیم جونگ اون امضا شد، شامل ۲۳ ماده است."}

// find returns the code-point range of the first occurrence of sub.
func find(t testing.TB, text, sub string) (int, int) {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	s := annotations.CodePointLen(text[:i])
	return s, s + annotations.CodePointLen(sub)
}

func openT(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := Open(StoreOptions{Out: filepath.Join(dir, "annotations.jsonl"), Annotator: "amira", Session: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustSpan(t testing.TB, s *Store, d annotations.DocInfo, label, sub string) annotations.Span {
	t.Helper()
	a, b := find(t, d.Text, sub)
	sp, err := s.AddSpan(d, label, a, b)
	if err != nil {
		t.Fatal(err)
	}
	if sp.Text != sub {
		t.Fatalf("span text %q, want %q", sp.Text, sub)
	}
	return sp
}

func TestStoreEditsReplayAfterReopen(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	p := mustSpan(t, s, docA, "PERSON", "فلاديمير بوتين")
	g := mustSpan(t, s, docA, "GPE", "روسيا")
	mustSpan(t, s, docA, "GPE", "كييف")
	if err := s.RemoveSpan(docA.ID, g.ID); err != nil {
		t.Fatal(err)
	}
	a, b := find(t, docA.Text, "بوتين")
	if _, err := s.ResizeSpan(docA.ID, p.ID, a, b); err != nil {
		t.Fatal(err)
	}
	a, b = find(t, docA.Text, "نشرت حوالى 10 آلاف جندي في روسيا")
	c, err := s.AddClaim(docA, a, b)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := annotations.ParseNumber("حوالى 10 آلاف جندي")
	c.Numeric, c.Attribution, c.Checkworthy = &n, annotations.AttrAttributed, true
	c.Claimant = annotations.Claimant{Text: "كييف"}
	if _, err := s.UpdateClaim(docA.ID, c); err != nil {
		t.Fatal(err)
	}
	a, b = find(t, docB.Text, "شامل ۲۳ ماده است")
	c2, err := s.AddClaim(docB, a, b)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LinkClaims(docA.ID, c.ID, docB.ID, c2.ID, annotations.RelRelated); err != nil {
		t.Fatal(err)
	}
	if err := s.SetAnswer(docA.ID, annotations.AnswerAccept); err != nil {
		t.Fatal(err)
	}
	want, _ := s.Doc(docA.ID)
	wantB, _ := s.Doc(docB.ID)
	if want.Claims[0].Cluster == "" || want.Claims[0].Cluster != wantB.Claims[0].Cluster {
		t.Fatalf("clusters not shared: %q %q", want.Claims[0].Cluster, wantB.Claims[0].Cluster)
	}
	// Simulate a crash: no Flush, no Close; just drop the lock.
	s.lock.release()
	s.jf.Close()

	s2 := openT(t, dir)
	defer s2.Close()
	got, ok := s2.Doc(docA.ID)
	if !ok || len(got.Spans) != 2 || got.Spans[0].Text != "بوتين" || got.Answer != annotations.AnswerAccept {
		t.Fatalf("replayed doc = %+v", got)
	}
	if got.Claims[0].Numeric == nil || got.Claims[0].Numeric.Value != 10000 || len(got.Claims[0].Links) != 1 {
		t.Fatalf("claim after replay = %+v", got.Claims[0])
	}
	if len(s2.Warnings()) != 0 {
		t.Fatalf("warnings: %v", s2.Warnings())
	}
	// IDs are never reused, even for a span removed before the crash.
	sp := mustSpan(t, s2, docA, "GPE", "روسيا")
	if sp.ID != "s4" {
		t.Fatalf("new span id %s, want s4", sp.ID)
	}
}

func TestUndoRedoPerDocument(t *testing.T) {
	s := openT(t, t.TempDir())
	defer s.Close()
	a := mustSpan(t, s, docA, "PERSON", "بوتين")
	mustSpan(t, s, docB, "PERSON", "پوتین")
	x, y := find(t, docA.Text, "فلاديمير بوتين")
	if _, err := s.ResizeSpan(docA.ID, a.ID, x, y); err != nil {
		t.Fatal(err)
	}
	if err := s.Undo(docA.ID); err != nil { // undo resize, though docB was edited last
		t.Fatal(err)
	}
	if v, _ := s.Doc(docA.ID); v.Spans[0].Text != "بوتين" || !v.CanRedo {
		t.Fatalf("after undo: %+v", v.Spans)
	}
	if err := s.Undo(docA.ID); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Doc(docA.ID); len(v.Spans) != 0 {
		t.Fatalf("after 2nd undo: %+v", v.Spans)
	}
	if err := s.Undo(docA.ID); err == nil {
		t.Fatal("undo past the beginning succeeded")
	}
	if err := s.Redo(docA.ID); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Doc(docB.ID); len(v.Spans) != 1 {
		t.Fatal("undo in A touched B")
	}
	// A new edit clears redo.
	mustSpan(t, s, docA, "GPE", "روسيا")
	if err := s.Redo(docA.ID); err == nil {
		t.Fatal("redo after new edit succeeded")
	}
}

func TestUndoRefusesToClobberLaterEdit(t *testing.T) {
	s := openT(t, t.TempDir())
	defer s.Close()
	a, b := find(t, docA.Text, "بوتين")
	ca, _ := s.AddClaim(docA, a, b)
	a, b = find(t, docB.Text, "پوتین")
	cb, _ := s.AddClaim(docB, a, b)
	if err := s.LinkClaims(docA.ID, ca.ID, docB.ID, cb.ID, annotations.RelSameClaim); err != nil {
		t.Fatal(err)
	}
	cb2, _ := s.Doc(docB.ID)
	upd := cb2.Claims[0]
	upd.Checkworthy = true
	if _, err := s.UpdateClaim(docB.ID, upd); err != nil {
		t.Fatal(err)
	}
	if err := s.Undo(docA.ID); err == nil {
		t.Fatal("undo of link overwrote a later edit in docB")
	}
	if v, _ := s.Doc(docB.ID); !v.Claims[0].Checkworthy {
		t.Fatal("later edit lost")
	}
}

func TestClusterMergeAndRemoveClaim(t *testing.T) {
	s := openT(t, t.TempDir())
	defer s.Close()
	var cs []annotations.Claim
	for _, sub := range []string{"بوتين", "كوريا الشمالية نشرت", "روسيا"} {
		a, b := find(t, docA.Text, sub)
		c, err := s.AddClaim(docA, a, b)
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	a, b := find(t, docB.Text, "ماده")
	cb, _ := s.AddClaim(docB, a, b)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.LinkClaims(docA.ID, cs[0].ID, docA.ID, cs[1].ID, annotations.RelSameClaim))
	must(s.LinkClaims(docB.ID, cb.ID, docA.ID, cs[2].ID, annotations.RelContradicts))
	must(s.LinkClaims(docA.ID, cs[1].ID, docB.ID, cb.ID, annotations.RelRefines)) // merges two clusters
	va, _ := s.Doc(docA.ID)
	vb, _ := s.Doc(docB.ID)
	k := vb.Claims[0].Cluster
	for _, c := range va.Claims {
		if c.Cluster != k {
			t.Fatalf("claim %s in cluster %q, want %q", c.ID, c.Cluster, k)
		}
	}
	must(s.RemoveClaim(docB.ID, cb.ID))
	va, _ = s.Doc(docA.ID)
	for _, c := range va.Claims {
		for _, l := range c.Links {
			if strings.HasPrefix(l.To, docB.ID) {
				t.Fatalf("dangling link %v on %s", l, c.ID)
			}
		}
	}
}

func TestTextChangeRefused(t *testing.T) {
	s := openT(t, t.TempDir())
	defer s.Close()
	mustSpan(t, s, docA, "PERSON", "بوتين")
	changed := docA
	changed.Text = "x" + docA.Text
	if _, err := s.AddSpan(changed, "GPE", 0, 1); err == nil {
		t.Fatal("span on changed text accepted")
	}
	if _, err := s.AddSpan(docA, "GPE", 5, 5); err == nil {
		t.Fatal("empty span accepted")
	}
	if _, err := s.AddSpan(docA, "GPE", 0, 10_000); err == nil {
		t.Fatal("out of range span accepted")
	}
}

func TestInjectedJournalFailureKeepsEverything(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	mustSpan(t, s, docA, "PERSON", "بوتين")
	// Disk full after half a line has been written.
	s.hookJournalWrite = func(f *os.File, b []byte) (int, error) {
		n, _ := f.Write(b[:len(b)/2])
		return n, syscall.ENOSPC
	}
	a, b := find(t, docA.Text, "روسيا")
	sp, err := s.AddSpan(docA, "GPE", a, b)
	if !IsNotDurable(err) || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("err = %v, want NotDurableError(ENOSPC)", err)
	}
	if v, _ := s.Doc(docA.ID); len(v.Spans) != 2 || v.Spans[1].ID != sp.ID {
		t.Fatalf("change not kept in memory: %+v", v.Spans)
	}
	if err := s.Flush(); !IsNotDurable(err) {
		t.Fatalf("Flush err = %v, want journal still failing", err)
	}
	s.hookJournalWrite = nil // space freed
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := openT(t, dir)
	defer s2.Close()
	if v, _ := s2.Doc(docA.ID); len(v.Spans) != 2 {
		t.Fatalf("after retry+reopen: %+v", v.Spans)
	}
	if w := s2.Warnings(); len(w) != 0 {
		t.Fatalf("partial write was not cleaned up: %v", w)
	}
}

func TestAnswerCounts(t *testing.T) {
	s, err := Open(StoreOptions{Out: filepath.Join(t.TempDir(), "a.jsonl"), Annotator: "t"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i, ans := range []string{annotations.AnswerAccept, annotations.AnswerAccept, annotations.AnswerReject} {
		doc := annotations.DocInfo{ID: "d" + strconv.Itoa(i), Text: "نص"}
		if err := s.Touch(doc); err != nil {
			t.Fatal(err)
		}
		if err := s.SetAnswer(doc.ID, ans); err != nil {
			t.Fatal(err)
		}
	}
	got := s.AnswerCounts()
	if got[annotations.AnswerAccept] != 2 || got[annotations.AnswerReject] != 1 || got[annotations.AnswerIgnore] != 0 {
		t.Fatalf("AnswerCounts = %v", got)
	}
}
