package tui

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCursorStatusWhenAnnotationsLoadAfterKey: after a restart, a cursor key that came
// before the document's annotations were read said nothing, and the status line stayed
// silent once they came (the tmux test waited for PERSON «بوتين» in vain).
func TestCursorStatusWhenAnnotationsLoadAfterKey(t *testing.T) {
	out := filepath.Join(t.TempDir(), "annotations.jsonl")
	a, st := startReader(t, out)
	doc := a.focused().info.ID
	press(t, a, a.schema.Labels[0].Key) // the first word, cursor stays on it
	if !pressQuits(t, a, bind(a.keys.Quit)) {
		t.Fatalf("q did not quit:\n%s", screen(a))
	}
	st.Close()

	b, st2 := startReader(t, out)
	p := b.focused()
	if p.info.ID != doc || p.cursor != 0 {
		t.Fatalf("restart: focused %s cursor %d, want %s cursor 0", p.info.ID, p.cursor, doc)
	}
	// The annotations are read in a command of their own: as if it had not answered yet,
	// the cache does not have the document when the keys come.
	delete(b.docs, doc)
	press(t, b, bind(b.keys.Right), bind(b.keys.Left))
	want := b.schema.Labels[0].Name + " «"
	if strings.Contains(b.status, want) {
		t.Fatalf("the status describes annotations not loaded yet: %q", b.status)
	}
	b.Update(loadView(st2, doc)) // now they come
	if !strings.Contains(b.status, want) {
		t.Fatalf("annotations loaded after a cursor key: status %q, want it to say %q", b.status, want)
	}
}
