package tui

import (
	"strings"
	"testing"

	"github.com/hashiya/hashiya/text/layout"
)

func statusRow(a *App) string {
	rows := strings.Split(screen(a), "\n")
	return strings.TrimRight(rows[len(rows)-2], " ")
}

// The search message read “10 :”ﻩﺮﮐ match(es) in 1 of 5 panes: the Persian query
// took the colon and the count into its right-to-left run.
func TestSearchMessageIsolatesThePersianQuery(t *testing.T) {
	a := newTestApp(t, 120, 40)
	press(t, a, a.keys.Search.Keys()[0])
	typeText(t, a, "کره")
	press(t, a, "enter")
	got := statusRow(a)
	if strings.Contains(got, ":”ﻩﺮﮐ") || !strings.HasPrefix(got, "“ﻩﺮﮐ”: ") || !strings.HasSuffix(got, " panes") {
		t.Fatalf("status line %q, want “ﻩﺮﮐ”: … panes", got)
	}
}

// The issue's «10 :ﺮﺸﻨﻟﺍth»: a quote of mixed text reads in its own direction, its number
// beside its own words, not pulled out of it by the message around it.
func TestQuotedMixedTextReadsInItsOwnDirection(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"selection «النشر 10th»", "selection «10th ﺮﺸﻨﻟﺍ»"},
		{"“کره”: 10 match(es) in 1 of 5 panes", "“ﻩﺮﮐ”: 10 match(es) in 1 of 5 panes"},
		{"saved 1 edit(s) · PERSON «بوتين», merged with PERSON «بوتين»", "saved 1 edit(s) · PERSON «ﻦﻴﺗﻮﺑ», merged with PERSON «ﻦﻴﺗﻮﺑ»"},
		{"English «quote» stays", "English «quote» stays"},
	} {
		if got := visualMessage(c.in, 0, layout.Options{}); got != c.want {
			t.Errorf("%q: %q, want %q", c.in, got, c.want)
		}
	}
	// The isolates never show, not even with the engine's controls visible.
	if got := visualMessage("«کره» 10", 0, layout.Options{ShowControls: true}); strings.ContainsAny(got, "⇹⇳\u2068\u2069") {
		t.Errorf("the isolate shows: %q", got)
	}
}

// A long message was cut mid-word with "…" beside its start. The quote gives way first
// and shows "…" where its text was cut (left of an Arabic quote); the count survives;
// no cut falls inside a word.
func TestLongMessageKeepsItsCountAndCutsBetweenWords(t *testing.T) {
	q := "قالت سيول إن كوريا الشمالية نشرت حوالى عشرة آلاف جندي في روسيا"
	msg := "“" + q + "”: match 1 of 3 here · 3 match(es) in 1 of 2 panes"
	got := visualMessage(msg, 64, layout.Options{})
	if layout.StringWidth(got) > 64 {
		t.Fatalf("%d cells wide: %q", layout.StringWidth(got), got)
	}
	if !strings.HasSuffix(got, "”: match 1 of 3 here · 3 match(es) in 1 of 2 panes") {
		t.Errorf("the count did not survive: %q", got)
	}
	if !strings.HasPrefix(got, "“…") {
		t.Errorf("the Arabic quote's ellipsis is not on its left, where it was cut: %q", got)
	}
	// The words kept are whole: its first words, in full.
	kept := visual(strings.Join(strings.Fields(q)[:2], " "), 0, layout.Options{})
	if !strings.Contains(got, kept) {
		t.Errorf("%q does not keep the quote's first words %q whole", got, kept)
	}
	// Cut at its end, an English message loses whole words, "…" on the right.
	long := "no claim under the cursor to link from; move onto one and press the key again"
	got = visualMessage(long, 40, layout.Options{})
	if !strings.HasSuffix(got, "…") || layout.StringWidth(got) > 40 || !strings.HasPrefix(long, strings.TrimSuffix(got, "…")) {
		t.Errorf("cut to 40: %q", got)
	}
	if w := strings.TrimSuffix(got, "…"); !strings.HasSuffix(w, " ") && long[len(w)] != ' ' {
		t.Errorf("cut inside a word: %q", got)
	}
}

// The claim info line did not say whether the claim is check-worthy; its claimant is
// quoted, so it reads in its own direction.
func TestClaimInfoLineShowsCheckWorthy(t *testing.T) {
	a := newDocsApp(t, 120, 30, seoulClaim)
	p := a.focused()
	press(t, a, bind(a.keys.NextWord), labelKey(t, a, "GPE")) // سيول
	press(t, a, bind(a.keys.Top), bind(a.keys.Select), bind(a.keys.Bottom), bind(a.keys.Claim), "enter")
	press(t, a, bind(a.keys.Top), bind(a.keys.NextWord), bind(a.keys.NextWord))
	if c := claimsOf(a, p); len(c) != 1 || c[0].Checkworthy {
		t.Fatalf("claims: %+v", c)
	}
	if got := statusRow(a); !strings.Contains(got, "CLAIM c1") || !strings.Contains(got, "not check-worthy") {
		t.Fatalf("info line %q does not say the claim is not check-worthy", got)
	}
	press(t, a, bind(a.keys.Claim), "ctrl+n", "tab", "tab", "y", "enter") // claimant سيول; check-worthy
	press(t, a, bind(a.keys.PrevWord), bind(a.keys.NextWord))
	got := statusRow(a)
	if !strings.Contains(got, "· check-worthy") || !strings.Contains(got, "by «ﻝﻮﻴﺳ»") {
		t.Fatalf("info line %q, want the claimant «ﻝﻮﻴﺳ» and check-worthy (claims %+v)", got, claimsOf(a, p))
	}
}

// d changed the pane's direction without a word on the status line.
func TestDirectionKeySaysWhatItSet(t *testing.T) {
	a := newTestApp(t, 120, 40)
	d := bind(a.keys.Direction)
	for _, want := range []string{"direction rtl forced", "direction ltr forced", "direction auto"} {
		press(t, a, d)
		if got := statusRow(a); !strings.HasPrefix(got, want) {
			t.Errorf("after %s: %q, want %q…", d, got, want)
		}
	}
}

// esc in normal mode left the search highlights on; it clears them (after cancelling a
// selection, when there is one).
func TestEscClearsSearchHighlights(t *testing.T) {
	a := newTestApp(t, 120, 40)
	p := a.focused()
	press(t, a, bind(a.keys.Search))
	typeText(t, a, "في")
	press(t, a, "enter")
	if len(p.matches) == 0 {
		t.Fatalf("no matches to clear (status %q)", a.status)
	}
	press(t, a, "esc")
	for i, q := range a.panes {
		if len(q.matches) != 0 {
			t.Errorf("pane %d keeps %d matches after esc", i, len(q.matches))
		}
	}
	if a.query != "" || !strings.Contains(statusRow(a), "search cleared") {
		t.Errorf("query %q, status %q", a.query, statusRow(a))
	}
}

// At every width from 1 to the message's own, a cut message fits, ends in "…" where it
// was cut and never opens an empty quote.
func TestMessagesFitEveryWidth(t *testing.T) {
	msg := "saved 3 edit(s) · GPE «كوريا الشمالية», merged with GPE «كوريا»"
	full := layout.StringWidth(visualMessage(msg, 0, layout.Options{}))
	for w := 1; w < full; w++ {
		got := visualMessage(msg, w, layout.Options{})
		if layout.StringWidth(got) > w {
			t.Fatalf("width %d: %q is %d wide", w, got, layout.StringWidth(got))
		}
		if !strings.Contains(got, "…") || strings.Contains(got, "«»") {
			t.Errorf("width %d: %q", w, got)
		}
	}
}
