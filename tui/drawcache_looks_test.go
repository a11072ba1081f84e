package tui

import "testing"

// Rows and decorations kept from the last frame must never show colours a fresh draw would
// not: after every key of a session that labels, removes, undoes (also away from the
// cursor), selects, searches and moves between panes and documents, the styled frame (escape sequences included) equals one
// drawn with every pane's caches emptied.
func TestDrawCacheNeverShowsStaleLooks(t *testing.T) {
	a, _ := newAnnotatingApp(t, 160, 30)
	k := a.keys
	keys := []string{
		k.NextWord.Keys()[0], "1", k.Down.Keys()[0], k.Down.Keys()[0], k.Undo.Keys()[0], k.Redo.Keys()[0],
		k.NextWord.Keys()[0], "2", k.Select.Keys()[0], k.NextWord.Keys()[0],
		k.NextWord.Keys()[0], "3", k.Undo.Keys()[0], k.Redo.Keys()[0], k.Remove.Keys()[0], k.Undo.Keys()[0],
		k.Down.Keys()[0], k.NextPane.Keys()[0], k.NextWord.Keys()[0], "1", k.PrevPane.Keys()[0],
		k.Search.Keys()[0], "ا", "enter", k.NextWord.Keys()[0], "1", k.NextDoc.Keys()[0], k.PrevDoc.Keys()[0],
		k.PageDown.Keys()[0], k.Top.Keys()[0],
	}
	for i, key := range keys {
		press(t, a, key)
		got := a.View().Content
		forget(a)
		if want := a.View().Content; got != want {
			t.Fatalf("after key %d (%q) the cached frame's styles differ from a fresh one:\n%q\n--- fresh:\n%q", i, key, got, want)
		}
	}
}
