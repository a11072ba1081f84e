package journal

import (
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

// TestRandomOpsReplay drives the store with random actions (including
// failing ones, undo/redo and cross-document links), "crashes" it, and
// checks that replaying the journal rebuilds exactly the state in memory,
// and that the flushed file validates.
func TestRandomOpsReplay(t *testing.T) {
	docs := []annotations.DocInfo{docA, docB, mixed}
	for seed := int64(1); seed <= 8; seed++ {
		dir := t.TempDir()
		s := openT(t, dir)
		r := rand.New(rand.NewSource(seed))
		rng := func(d annotations.DocInfo) (int, int) {
			n := annotations.CodePointLen(d.Text)
			a := r.Intn(n)
			return a, min(n, a+1+r.Intn(12))
		}
		for i := 0; i < 300; i++ {
			d := docs[r.Intn(len(docs))]
			v, _ := s.Doc(d.ID)
			switch op := r.Intn(11); {
			case op < 3:
				a, b := rng(d)
				s.AddSpan(d, []string{"PERSON", "GPE", "BOILERPLATE"}[r.Intn(3)], a, b)
			case op == 3 && len(v.Spans) > 0:
				s.RemoveSpan(d.ID, v.Spans[r.Intn(len(v.Spans))].ID)
			case op == 4 && len(v.Spans) > 0:
				a, b := rng(d)
				s.ResizeSpan(d.ID, v.Spans[r.Intn(len(v.Spans))].ID, a, b)
			case op == 5:
				a, b := rng(d)
				s.AddClaim(d, a, b)
			case op == 6 && len(v.Claims) > 0:
				c := v.Claims[r.Intn(len(v.Claims))]
				c.Checkworthy = !c.Checkworthy
				if len(v.Spans) > 0 {
					c.Claimant.SpanID = v.Spans[0].ID
				}
				s.UpdateClaim(d.ID, c)
			case op == 7 && len(v.Claims) > 0:
				o := docs[r.Intn(len(docs))]
				if ov, _ := s.Doc(o.ID); len(ov.Claims) > 0 {
					s.LinkClaims(d.ID, v.Claims[0].ID, o.ID, ov.Claims[len(ov.Claims)-1].ID, annotations.RelSameClaim)
				}
			case op == 8 && len(v.Claims) > 0 && r.Intn(3) == 0:
				s.RemoveClaim(d.ID, v.Claims[r.Intn(len(v.Claims))].ID)
			case op == 9:
				s.Undo(d.ID)
			case op == 10:
				if r.Intn(2) == 0 {
					s.Redo(d.ID)
				} else {
					s.SetAnswer(d.ID, []string{"", annotations.AnswerAccept, annotations.AnswerReject}[r.Intn(3)])
				}
			}
			if i == 150 {
				if err := s.Flush(); err != nil {
					t.Fatal(err)
				}
			}
		}
		want := map[string]annotations.DocView{}
		for _, id := range s.Docs() {
			v, _ := s.Doc(id)
			v.CanUndo, v.CanRedo = false, false
			want[id] = v
		}
		n := 0
		for _, w := range want {
			n += len(w.Spans) + len(w.Claims)
		}
		if n < 10 {
			t.Fatalf("seed %d: only %d annotations; the test exercises too little", seed, n)
		}
		crash(s)
		s2 := openT(t, dir)
		for id, w := range want {
			got, _ := s2.Doc(id)
			got.CanUndo, got.CanRedo = false, false
			if !reflect.DeepEqual(normView(got), normView(w)) {
				t.Fatalf("seed %d doc %s: replay differs\n got %+v\nwant %+v", seed, id, got, w)
			}
		}
		if err := s2.Close(); err != nil {
			t.Fatal(err)
		}
		f, _ := os.Open(filepath.Join(dir, "annotations.jsonl"))
		if p := record.Validate(f, "out"); len(p) != 0 {
			t.Fatalf("seed %d: %v", seed, p)
		}
		f.Close()
	}
}

func normView(v annotations.DocView) annotations.DocView {
	for i := range v.Claims {
		v.Claims[i] = annotations.CloneClaim(v.Claims[i])
	}
	v.Tokens = nil
	return v
}
