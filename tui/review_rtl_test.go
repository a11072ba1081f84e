package tui

import (
	"strings"
	"testing"

	"github.com/hashiya/hashiya/text/bidi"
	"github.com/hashiya/hashiya/text/layout"
)

// visualWord is an RTL word as the engine shows it on its own: the order
// and letter forms a quote of it must have on screen.
func visualWord(t *testing.T, s string) string {
	t.Helper()
	lines := layout.LayoutParagraph([]rune(s), 0, layout.Options{Dir: bidi.RTL}).Lines
	if len(lines) != 1 {
		t.Fatalf("%q: %d lines", s, len(lines))
	}
	return lines[0].String()
}

// The span, claim and difference lines above a pane's text quote document
// text; they used to be cut and drawn in logical order, so Arabic in them
// read backwards and unjoined on screen.
func TestReviewTextOnlyLinesNotReorderedForRTL(t *testing.T) {
	r, _ := newTestReview(t)
	s := reviewScreen(r)
	for _, word := range []string{"بوتين", "موسكو"} {
		vis := visualWord(t, word)
		if vis == word {
			t.Fatalf("the engine left %q as it is; the test cannot tell the orders apart", word)
		}
		if !strings.Contains(s, "«"+vis+"»") {
			t.Fatalf("no line quotes %q in visual order «%s»:\n%s", word, vis, s)
		}
		if strings.Contains(s, "«"+word+"»") {
			t.Fatalf("a line quotes %q in logical order:\n%s", word, s)
		}
	}
	// The status line quotes what was just decided.
	reviewPress(t, r, r.keys.ReviewRejectItem)
	status := strings.Split(reviewScreen(r), "\n")
	if line := status[len(status)-2]; !strings.HasPrefix(line, "rejected: ") || !strings.Contains(line, "«"+visualWord(t, "التقى بوتين")+"»") {
		t.Fatalf("the status line does not quote the rejected span in visual order: %q", line)
	}
}
