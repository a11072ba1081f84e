package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

// newTextApp opens one plain-text document holding text, annotating into a temporary
// training file.
func newTextApp(t *testing.T, text string) (*App, string) {
	t.Helper()
	dir := t.TempDir()
	doc := filepath.Join(dir, "doc.txt")
	if err := os.WriteFile(doc, []byte(text+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return newAppOn(t, dir, doc, "words", 80, 24)
}

// pressBindings presses bindings by their first key.
func pressBindings(t *testing.T, a *App, bs ...key.Binding) {
	t.Helper()
	for _, b := range bs {
		press(t, a, b.Keys()[0])
	}
}

// onlySpan is the one span of the focused document.
func onlySpan(t *testing.T, a *App) annotations.Span {
	t.Helper()
	p := a.focused()
	spans := a.spans(p.info.ID, 0, p.view.text.Len())
	if len(spans) != 1 {
		t.Fatalf("want one span, have %+v (status %q)", spans, a.status)
	}
	return spans[0]
}

// savedRecord quits (saving) and reads the one record of the training file, checking
// that every span starts and ends on a token boundary.
func savedRecord(t *testing.T, a *App, out string) record.Record {
	t.Helper()
	pressBindings(t, a, a.keys.Quit)
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, probs, err := record.ReadRecords(f, out)
	if err != nil || len(recs) != 1 {
		t.Fatalf("training file: %d records, %v %v", len(recs), err, probs)
	}
	r := recs[0]
	for _, sp := range r.Spans {
		if r.Tokens[sp.TokenStart].Start != sp.Start || r.Tokens[sp.TokenEnd].End != sp.End {
			t.Errorf("span %q [%d,%d) is not on tokens %+v .. %+v", sp.Text, sp.Start, sp.End, r.Tokens[sp.TokenStart], r.Tokens[sp.TokenEnd])
		}
	}
	return r
}

// TestWordDefinitionsDisagree: the word under the cursor was a run of letters and
// digits while tokens were UAX #29 words, so «10,000» tagged "10" and «don't» "don".
// One label key on the word now tags it whole, in the store and in the training file.
func TestWordDefinitionsDisagree(t *testing.T) {
	for _, tc := range []struct{ word, label string }{
		{"10,000", "QUANTITY"}, {"3.5", "QUANTITY"}, {"٣٫٥", "QUANTITY"}, {"۱۰٬۰۰۰", "QUANTITY"},
		{"2024-06-19", "DATE"}, {"don't", "EVENT"},
	} {
		t.Run(tc.word, func(t *testing.T) {
			a, out := newTextApp(t, "x "+tc.word+" y")
			pressBindings(t, a, a.keys.NextWord)
			press(t, a, labelKey(t, a, tc.label))
			if sp := onlySpan(t, a); sp.Text != tc.word || sp.Label != tc.label {
				t.Fatalf("tagged %q as %s, want %q", sp.Text, sp.Label, tc.word)
			}
			r := savedRecord(t, a, out)
			if len(r.Spans) != 1 || r.Spans[0].Text != tc.word || r.Spans[0].TokenStart != r.Spans[0].TokenEnd {
				t.Fatalf("training file spans %+v tokens %+v", r.Spans, r.Tokens)
			}
		})
	}
}

// TestEntityCannotBeCutBelowAWord: tagging واشنطن in «وواشنطن» always took the
// conjunction و with it, and the resize keys moved by whole words only. The character
// keys now move either end of a span or a selection by one letter with its marks.
func TestEntityCannotBeCutBelowAWord(t *testing.T) {
	t.Run("span start", func(t *testing.T) {
		a, out := newTextApp(t, "زار وواشنطن أمس")
		k := a.keys
		pressBindings(t, a, k.NextWord)
		press(t, a, labelKey(t, a, "GPE"))
		if sp := onlySpan(t, a); sp.Text != "وواشنطن" {
			t.Fatalf("the word under the cursor is %q", sp.Text)
		}
		pressBindings(t, a, k.ShrinkStartChar)
		if sp := onlySpan(t, a); sp.Text != "واشنطن" || sp.Label != "GPE" {
			t.Fatalf("after shrinking the start by a character: %q", sp.Text)
		}
		r := savedRecord(t, a, out)
		sp := r.Spans[0]
		if sp.Text != "واشنطن" || sp.TokenStart != sp.TokenEnd || r.Tokens[sp.TokenStart].Text != "واشنطن" ||
			r.Tokens[sp.TokenStart-1].Text != "و" {
			t.Fatalf("training file: span %+v tokens %+v", sp, r.Tokens)
		}
	})
	t.Run("selection start, then the end extended by a word", func(t *testing.T) {
		a, _ := newTextApp(t, "زار وواشنطن وبكين أمس")
		k := a.keys
		pressBindings(t, a, k.NextWord, k.Select, k.ShrinkStartChar)
		if a.status != "selection «واشنطن»" {
			t.Errorf("status after moving the start: %q", a.status)
		}
		// On screen the status is shaped and in visual order: count its letters.
		if shown := between(screen(a), "selection «", "»"); len([]rune(shown)) != 6 {
			t.Errorf("the screen shows the selection as %q, want the 6 letters of واشنطن", shown)
		}
		// The start stays where the character key put it while w extends the end.
		pressBindings(t, a, k.NextWord)
		press(t, a, labelKey(t, a, "GPE"))
		if sp := onlySpan(t, a); sp.Text != "واشنطن وبكين" {
			t.Fatalf("selection tagged %q", sp.Text)
		}
	})
	t.Run("article and marks", func(t *testing.T) {
		a, out := newTextApp(t, "في وَالبيتِ الأبيض")
		k := a.keys
		pressBindings(t, a, k.NextWord)
		press(t, a, labelKey(t, a, "ORG"))
		pressBindings(t, a, k.ShrinkStartChar, k.ShrinkStartChar, k.ShrinkStartChar)
		if sp := onlySpan(t, a); sp.Text != "بيتِ" {
			t.Fatalf("three characters off «وَالبيتِ» gave %q", sp.Text)
		}
		pressBindings(t, a, k.GrowStartChar, k.GrowStartChar, k.GrowEndChar)
		if sp := onlySpan(t, a); sp.Text != "البيتِ ا" {
			t.Fatalf("growing start twice and end once gave %q", sp.Text)
		}
		pressBindings(t, a, k.ShrinkEndChar)
		if sp := onlySpan(t, a); sp.Text != "البيتِ" {
			t.Fatalf("shrinking the end gave %q", sp.Text)
		}
		savedRecord(t, a, out)
	})
	t.Run("a shrink never empties the span", func(t *testing.T) {
		a, _ := newTextApp(t, "x ab y")
		k := a.keys
		pressBindings(t, a, k.NextWord)
		press(t, a, labelKey(t, a, "ORG"))
		pressBindings(t, a, k.ShrinkStartChar, k.ShrinkStartChar, k.ShrinkEndChar)
		if sp := onlySpan(t, a); sp.Text != "b" {
			t.Fatalf("got %q", sp.Text)
		}
	})
}

func TestSelectionEndByCharacter(t *testing.T) {
	a, _ := newTextApp(t, "x كتابه y")
	k := a.keys
	pressBindings(t, a, k.NextWord, k.Select, k.ShrinkEndChar)
	press(t, a, labelKey(t, a, "ORG"))
	if sp := onlySpan(t, a); sp.Text != "كتاب" {
		t.Fatalf("selection end moved by a character tagged %q", sp.Text)
	}
	// Moving the cursor after a character step snaps its end to a word again.
	pressBindings(t, a, k.Undo, k.Select, k.ShrinkEndChar, k.NextWord)
	press(t, a, labelKey(t, a, "ORG"))
	if sp := onlySpan(t, a); sp.Text != "كتابه y" {
		t.Fatalf("after w the end should be a whole word again: %q", sp.Text)
	}
}

// TestSelectionOnTheLastCharacter: a selection on a closing full stop covers no word
// (and must not index past the text); with b it covers the last word.
func TestSelectionOnTheLastCharacter(t *testing.T) {
	a, _ := newTextApp(t, "قال.")
	k := a.keys
	pressBindings(t, a, k.Bottom, k.Select)
	press(t, a, labelKey(t, a, "PERSON"))
	if n := len(a.spans(a.focused().info.ID, 0, 10)); n != 0 || !a.isError {
		t.Fatalf("a full stop alone was tagged (%d spans, status %q)", n, a.status)
	}
	pressBindings(t, a, k.Select, k.Bottom, k.Select, k.PrevWord)
	press(t, a, labelKey(t, a, "PERSON"))
	if sp := onlySpan(t, a); sp.Text != "قال" {
		t.Fatalf("G v b tagged %q", sp.Text)
	}
}

func TestClaimStartByCharacter(t *testing.T) {
	a, out := newTextApp(t, "قالت وواشنطن إن")
	k := a.keys
	pressBindings(t, a, k.NextWord, k.Claim)
	if a.mode != modeClaim {
		t.Fatal("the claim key did not open the form")
	}
	press(t, a, "esc")
	pressBindings(t, a, k.ShrinkStartChar)
	p := a.focused()
	cs := a.claims(p.info.ID, 0, p.view.text.Len())
	if len(cs) != 1 || cs[0].Span.Text != "واشنطن" {
		t.Fatalf("claims %+v (status %q)", cs, a.status)
	}
	r := savedRecord(t, a, out)
	if c := r.Claims[0].Span; r.Tokens[c.TokenStart].Start != c.Start || r.Tokens[c.TokenEnd].End != c.End {
		t.Fatalf("claim %+v not on tokens %+v", c, r.Tokens)
	}
}

// TestCharacterKeysAreFree: the character keys clash with no other binding of their
// mode and no key of the default label schema, are listed in the full help and rebind
// by name.
func TestCharacterKeysAreFree(t *testing.T) {
	km := DefaultKeyMap()
	if err := km.Check(); err != nil {
		t.Error(err)
	}
	if err := annotations.DefaultSchema().Validate(Options{}.ReservedLabelKeys()...); err != nil {
		t.Errorf("default labels clash with the reader's keys: %v", err)
	}
	a := newTestApp(t, 240, 60)
	pressBindings(t, a, a.keys.Help)
	for _, b := range []key.Binding{km.GrowEndChar, km.ShrinkEndChar, km.GrowStartChar, km.ShrinkStartChar} {
		if !strings.Contains(screen(a), b.Help().Desc) {
			t.Errorf("full help does not list %q", b.Help().Desc)
		}
	}
	if err := km.Rebind(map[string][]string{"shrink_start_char": {"_"}, "grow_end_char": {";"}}); err != nil ||
		km.ShrinkStartChar.Keys()[0] != "_" || km.GrowEndChar.Keys()[0] != ";" {
		t.Fatalf("rebind: %v", err)
	}
}

// TestWordMotionsStopOnTheSameWords: w and b land on the starts of the words a label
// key tags, numbers and contractions whole, punctuation skipped.
func TestWordMotionsStopOnTheSameWords(t *testing.T) {
	a, _ := newTextApp(t, "قال: 10,000 (don't) ۱۰٬۰۰۰، 2024-06-19.")
	p := a.focused()
	text := []rune(p.view.text.String())
	var got []string
	for range 6 {
		got = append(got, strings.TrimSpace(string(text[p.cursor:])))
		pressBindings(t, a, a.keys.NextWord)
	}
	want := []string{"قال: 10,000 (don't) ۱۰٬۰۰۰، 2024-06-19.", "10,000 (don't) ۱۰٬۰۰۰، 2024-06-19.",
		"don't) ۱۰٬۰۰۰، 2024-06-19.", "۱۰٬۰۰۰، 2024-06-19.", "2024-06-19.", "2024-06-19."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("w stops at\n%q\nwant\n%q", got, want)
	}
	pressBindings(t, a, a.keys.PrevWord, a.keys.PrevWord)
	if rest := strings.TrimSpace(string(text[p.cursor:])); rest != want[2] {
		t.Fatalf("b b stops at %q", rest)
	}
}

// between is the text of frame between the first before and the after that follows it.
func between(frame, before, after string) string {
	_, rest, ok := strings.Cut(frame, before)
	if !ok {
		return ""
	}
	in, _, _ := strings.Cut(rest, after)
	return in
}
