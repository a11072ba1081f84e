package tui

import (
	"strings"
	"testing"
)

// annListApp is linkedPanes with two spans more in the left document.
func annListApp(t *testing.T) (*App, *Pane) {
	a, left, _ := linkedPanes(t)
	press(t, a, bind(a.keys.Top), labelKey(t, a, "GPE"))                                                    // قالت
	press(t, a, bind(a.keys.NextWord), bind(a.keys.NextWord), bind(a.keys.NextWord), labelKey(t, a, "GPE")) // كوريا
	press(t, a, bind(a.keys.Top))
	return a, left
}

func TestAnnotationListGolden(t *testing.T) {
	a, _ := annListApp(t)
	press(t, a, bind(a.keys.AnnotationList))
	golden(t, "annotation_list.golden", screen(a))
}

func TestAnnotationListJumps(t *testing.T) {
	a, left := annListApp(t)
	press(t, a, bind(a.keys.AnnotationList))
	items := a.annItems(left)
	if len(items) != 4 { // two spans, the claim, its link
		t.Fatalf("%d rows, want 4", len(items))
	}
	// The second span (كوريا) is the third row: the claim starts where the first does.
	var target int
	for i, it := range items {
		if it.span != nil && it.span.Text == "كوريا" {
			target = i
		}
	}
	for range target {
		press(t, a, bind(a.keys.Down))
	}
	press(t, a, bind(a.keys.ListJump))
	if a.mode != modeNormal {
		t.Fatal("jump left the list open")
	}
	if got := left.view.text.Slice(left.cursor, left.cursor+5); got != "كوريا" {
		t.Fatalf("cursor at %d on %q, want on كوريا", left.cursor, got)
	}
	if !strings.Contains(a.status, "GPE «كوريا»") {
		t.Errorf("the status line does not describe the annotation jumped to: %q", a.status)
	}
}

func TestAnnotationListRemovesUndoably(t *testing.T) {
	a, left := annListApp(t)
	doc := left.info.ID
	press(t, a, bind(a.keys.AnnotationList))
	rowOf := func(kind string) int {
		for i, it := range a.annItems(left) {
			if kind == "link" && it.link != nil || kind == "span" && it.span != nil && it.span.Text == "كوريا" {
				return i
			}
		}
		t.Fatalf("no %s row", kind)
		return -1
	}
	moveTo := func(row int) {
		press(t, a, bind(a.keys.Top)) // nothing in the list: the cursor stays
		for a.annList.cursor > row {
			press(t, a, bind(a.keys.Up))
		}
		for a.annList.cursor < row {
			press(t, a, bind(a.keys.Down))
		}
	}
	moveTo(rowOf("span"))
	press(t, a, bind(a.keys.Remove))
	if n := len(a.spans(doc, 0, 1<<30)); n != 1 {
		t.Fatalf("remove from the list left %d spans, want 1", n)
	}
	moveTo(rowOf("link"))
	press(t, a, bind(a.keys.Remove))
	right := a.panes[1]
	if l := claimsOf(a, left)[0].Links; len(l) != 0 {
		t.Fatalf("unlink from the list left %+v", l)
	}
	if l := claimsOf(a, right)[0].Links; len(l) != 0 {
		t.Fatalf("unlink from the list left the other side %+v", l)
	}
	press(t, a, bind(a.keys.ListClose), bind(a.keys.Undo), bind(a.keys.Undo))
	if n := len(a.spans(doc, 0, 1<<30)); n != 2 {
		t.Fatalf("two undos gave %d spans back, want 2", n)
	}
	if l := claimsOf(a, right)[0].Links; len(l) != 1 {
		t.Fatalf("two undos did not bring the link back on the other side: %+v", l)
	}
}
