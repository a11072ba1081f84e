package tui

import (
	"strings"
	"testing"
)

// Rows kept from the last frame must never show what a fresh draw would not: after every
// key of a session that scrolls, moves, selects, labels, undoes, searches and switches
// documents, the frame equals one drawn with every pane's cache emptied.
func TestDrawCacheNeverShowsAStaleRow(t *testing.T) {
	a, _ := newAnnotatingApp(t, 160, 30)
	k := a.keys
	keys := []string{
		k.Down.Keys()[0], k.NextWord.Keys()[0], "1", k.NextWord.Keys()[0], k.Select.Keys()[0],
		k.NextWord.Keys()[0], k.NextWord.Keys()[0], "2", k.Undo.Keys()[0], k.Redo.Keys()[0],
		k.PageDown.Keys()[0], k.Up.Keys()[0], k.NextPane.Keys()[0], k.Direction.Keys()[0], k.Bottom.Keys()[0],
		k.Top.Keys()[0], k.Remove.Keys()[0], k.NextDoc.Keys()[0], k.PrevPane.Keys()[0], k.SyncScroll.Keys()[0], k.HalfDown.Keys()[0],
	}
	for i, key := range keys {
		press(t, a, key)
		got := screen(a)
		forget(a)
		if want := screen(a); got != want {
			t.Fatalf("after key %d (%q) the cached frame differs from a fresh one:\n%s\n--- fresh:\n%s", i, key, got, want)
		}
	}
	resize(t, a, 100, 20)
	got := screen(a)
	forget(a)
	if want := screen(a); got != want {
		t.Fatalf("after a resize the cached frame differs from a fresh one")
	}
	if err := a.keys.Rebind(map[string][]string{"search": {"f3"}}); err != nil {
		t.Fatal(err)
	}
	if s := screen(a); !strings.Contains(s, "f3 search") {
		t.Fatalf("the help line still shows the old key for search:\n%s", s)
	}
}

// forget empties every cache of drawn lines.
func forget(a *App) {
	for _, p := range a.panes {
		p.drawn = drawCache{}
	}
	a.chrome = chromeCache{}
}
