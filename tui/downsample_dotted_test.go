package tui

import (
	"testing"

	"github.com/charmbracelet/colorprofile"
)

// TestDownsamplerKeptDottedUnderlineAsTwoUnderlines: colorprofile rewrote 4:4 (dotted
// underline) as 4;4, a plain underline like a claim's, in every profile but true colour.
func TestDownsamplerKeptDottedUnderlineAsTwoUnderlines(t *testing.T) {
	for _, prof := range []colorprofile.Profile{colorprofile.ANSI256, colorprofile.ANSI, colorprofile.ASCII} {
		d := newDownsampler(prof)
		if got := d.convert("\x1b[2;4:4m"); got != "\x1b[2m\x1b[4:4m" {
			t.Errorf("%v: %q", prof, got)
		}
		if got := d.convert("\x1b[4:4m"); got != "\x1b[4:4m" {
			t.Errorf("%v: %q", prof, got)
		}
	}
	if got := newDownsampler(colorprofile.ASCII).convert("\x1b[38;2;1;2;3;4:4m"); got != "\x1b[m\x1b[4:4m" && got != "\x1b[4:4m" {
		t.Errorf("colour dropped, style kept: %q", got)
	}
}
