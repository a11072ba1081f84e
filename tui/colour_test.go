package tui

import (
	"bytes"
	"fmt"
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/text/layout"
	"github.com/hashiya/hashiya/tui/palette"
)

// cellStyles reads one painted row as a terminal would: the SGR parameters in force at
// each column ("" for plain text).
func cellStyles(row string) []string {
	var cols []string
	cur := ""
	for len(row) > 0 {
		if strings.HasPrefix(row, "\x1b[") {
			end := strings.IndexAny(row[2:], "mHJK")
			if end < 0 {
				break
			}
			if row[2+end] == 'm' {
				switch p := row[2 : 2+end]; p {
				case "", "0":
					cur = ""
				default:
					cur = strings.TrimPrefix(cur+";"+p, ";")
				}
			}
			row = row[2+end+1:]
			continue
		}
		r := []rune(row)[0]
		row = row[len(string(r)):]
		for range layout.StringWidth(string(r)) {
			cols = append(cols, cur)
		}
	}
	return cols
}

// columnsOf are the screen columns, in pane 0 at the first text row, of the logical
// range [start, end) of its document.
func columnsOf(p *Pane, start, end int) []int {
	var cols []int
	for col, c := range p.view.line(p.top).Cells {
		if c.Rune != 0 && c.Logical >= start && c.Logical < end {
			cols = append(cols, col)
		}
	}
	return cols
}

func stylesAt(styles []string, cols []int) map[string]bool {
	out := map[string]bool{}
	for _, c := range cols {
		out[styles[c]] = true
	}
	return out
}

func feedKeys(t *testing.T, p *painter, keys ...string) {
	t.Helper()
	for _, k := range keys {
		feed(t, p, keyMsg(k))
	}
}

// With NO_COLOR a tagged word, a selected word and a search match each carry attributes
// that an untagged word lacks, and differ from one another, in the cells the terminal
// gets (painted through the ASCII profile's conversion).
func TestNoColorTellsSpansSelectionAndMatchesApart(t *testing.T) {
	a, _ := newAnnotatingApp(t, 120, 40)
	var out bytes.Buffer
	pt := newPainter(a, &out, colorprofile.ASCII)
	scr := &termScreen{rows: make([]string, 40)}
	feed(t, pt, tea.WindowSizeMsg{Width: 120, Height: 40})
	p := a.focused()
	k := a.keys
	feedKeys(t, pt, a.schema.Labels[0].Key) // PERSON on the first word
	spans := a.spans(p.info.ID, 0, 100)
	if len(spans) != 1 {
		t.Fatalf("spans: %+v", spans)
	}
	tagged := spans[0]
	feedKeys(t, pt, k.NextWord.Keys()[0])
	w1 := p.cursor
	feedKeys(t, pt, k.NextWord.Keys()[0])
	w2 := p.cursor
	feedKeys(t, pt, k.NextWord.Keys()[0], k.NextWord.Keys()[0]) // the cursor leaves the words compared
	scr.apply(t, out.String())
	out.Reset()
	row := cellStyles(scr.rows[2])
	spanStyle := stylesAt(row, columnsOf(p, tagged.Start, tagged.End))
	plain := stylesAt(row, columnsOf(p, w1, w2-1))
	if len(spanStyle) != 1 || spanStyle[""] {
		t.Fatalf("the tagged word's cells: %v", spanStyle)
	}
	if len(plain) != 1 || !plain[""] {
		t.Fatalf("the untagged word's cells: %v", plain)
	}
	if strings.Contains(scr.rows[2], "38;") || strings.Contains(scr.rows[2], "48;") {
		t.Errorf("a colour reached a NO_COLOR terminal: %q", scr.rows[2])
	}

	// A search for the second word; then the selection over it.
	feedKeys(t, pt, k.Search.Keys()[0])
	for _, r := range p.view.text.Slice(w1, w2-1) {
		feed(t, pt, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	feedKeys(t, pt, "enter")
	scr.apply(t, out.String())
	out.Reset()
	row = cellStyles(scr.rows[2])
	match := stylesAt(row, columnsOf(p, w1, w2-1))
	for s := range match {
		if s == "" || spanStyle[s] {
			t.Errorf("a match looks like plain text or a span: %v (span %v)", match, spanStyle)
		}
	}
	feedKeys(t, pt, k.Top.Keys()[0], k.NextWord.Keys()[0], k.NextWord.Keys()[0], k.Select.Keys()[0], k.PrevWord.Keys()[0])
	scr.apply(t, out.String())
	row = cellStyles(scr.rows[2])
	var selected []int
	for _, c := range columnsOf(p, w1, w2-1) {
		if c != p.cursorColumn(p.view.line(p.top)) {
			selected = append(selected, c)
		}
	}
	sel := stylesAt(row, selected)
	for s := range sel {
		if s == "" || spanStyle[s] || match[s] {
			t.Errorf("the selection looks like plain text, a span or a match: %v (span %v, match %v)", sel, spanStyle, match)
		}
	}
}

// Without colour every kind of highlight is its own tuple of attributes: each label,
// claims, linked claims, boilerplate, the selection, matches and the current match.
func TestNoColorLooksAllDiffer(t *testing.T) {
	st := NewStyles(true, colorprofile.ASCII)
	looks := map[string]cellLook{"plain": {}, "claim": st.Claim, "boilerplate": st.Boilerplate,
		"selection": st.Selection, "match": st.Match, "current match": st.CurrentMatch}
	linked := st.Claim
	mergeLook(&linked, st.Linked)
	looks["linked claim"] = linked
	for i := range 9 {
		looks[fmt.Sprintf("label %d", i+1)] = st.LabelLook(i)
	}
	d := newDownsampler(colorprofile.ASCII)
	seen := map[string]string{}
	sgr := sgrCache{}
	for name, l := range looks {
		var b bytes.Buffer
		d.appendLine(&b, sgr.open(l))
		if other, ok := seen[b.String()]; ok {
			t.Errorf("%s and %s both look %q", name, other, b.String())
		}
		seen[b.String()] = name
	}
}

// The curly, dotted and other underline styles survive the conversion to 256 and 16
// colours and to none, while colours convert as colorprofile converts them
// (colorprofile.Writer turned "4:3" into "4;3": underline and italic).
func TestDownsamplingKeepsUnderlineStyles(t *testing.T) {
	in := "\x1b[4:3;38;2;224;108;117mx\x1b[m"
	for _, c := range []struct {
		p    colorprofile.Profile
		want string
	}{
		{colorprofile.ANSI256, "\x1b[4:3;38;5;246mx\x1b[m"},
		{colorprofile.ANSI, "\x1b[4:3;37mx\x1b[m"},
		{colorprofile.ASCII, "\x1b[4:3mx\x1b[m"},
	} {
		var b bytes.Buffer
		newDownsampler(c.p).appendLine(&b, in)
		if b.String() != c.want {
			t.Errorf("%v: %q, want %q", c.p, b.String(), c.want)
		}
	}
	for _, sgr := range []string{"38;5;203", "48;2;1;2;3", "38:2::250:10:20", "1;4:4;48;5;24", "58;2;9;9;9", "91;102"} {
		var got, want bytes.Buffer
		newDownsampler(colorprofile.ANSI).appendLine(&got, "\x1b["+sgr+"m")
		w := colorprofile.Writer{Forward: &want, Profile: colorprofile.ANSI}
		w.WriteString("\x1b[" + strings.ReplaceAll(sgr, "4:4", "4") + "m")
		if g, w := strings.ReplaceAll(got.String(), "4:4", "4"), want.String(); g != w && !sameColours(g, w) {
			t.Errorf("%s: %q, colorprofile %q", sgr, g, w)
		}
	}
}

// sameColours compares two SGR sequences as sets of parameters.
func sameColours(a, b string) bool {
	set := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, f := range strings.Split(strings.Trim(s, "\x1b[m"), ";") {
			m[f] = true
		}
		return m
	}
	sa, sb := set(a), set(b)
	if len(sa) != len(sb) {
		return false
	}
	for k := range sa {
		if !sb[k] {
			return false
		}
	}
	return true
}

// Label colours did not follow a light background; they do, from the terminal's
// answer, and a labels file's own colour is kept in true colour only.
func TestLabelLooksFollowBackgroundAndProfile(t *testing.T) {
	a := newTestApp(t, 80, 24)
	person := a.schema.Labels[0].Name
	dark := a.labelLook(person)
	a.Update(tea.BackgroundColorMsg{Color: color.White})
	light := a.labelLook(person)
	if dark == light || light != lookOf(palette.For(colorprofile.TrueColor, false).LabelLook(0)) {
		t.Errorf("PERSON on dark %+v, on light %+v", dark, light)
	}
	a.Update(tea.ColorProfileMsg{Profile: colorprofile.ANSI256})
	if got := a.labelLook(person); got != lookOf(palette.For(colorprofile.ANSI256, false).LabelLook(0)) {
		t.Errorf("PERSON in 256 colours: %+v", got)
	}

	custom := annotations.DefaultSchema()
	custom.Labels[0].Color = "#123456"
	b := New(Options{Corpus: model.Sample(), CorpusName: "s", Schema: custom})
	if got := b.labelLook(person); got.fg != lipgloss.Color("#123456") {
		t.Errorf("true colour: the labels file's colour is not used: %+v", got)
	}
	b.Update(tea.ColorProfileMsg{Profile: colorprofile.ANSI})
	if got := b.labelLook(person); got != lookOf(palette.For(colorprofile.ANSI, true).LabelLook(0)) {
		t.Errorf("16 colours: %+v, want the palette's", got)
	}
}

// With NO_COLOR a claim and a claim linked to the one under the cursor are told apart
// from plain text, from spans and from each other, in the cells the terminal gets.
func TestNoColorTellsClaimsAndLinksApart(t *testing.T) {
	a, left, right := linkedPanes(t) // the cursor on the left pane's claim, linked to the right one
	var out bytes.Buffer
	pt := newPainter(a, &out, colorprofile.ASCII)
	scr := &termScreen{rows: make([]string, 30)}
	feed(t, pt, tea.WindowSizeMsg{Width: 120, Height: 30})
	scr.apply(t, out.String())
	row := cellStyles(scr.rows[2])
	cursor := left.cursorColumn(left.view.line(left.top))
	var claimCols []int
	for _, c := range columnsOf(left, 0, left.view.text.Len()) {
		if c != cursor {
			claimCols = append(claimCols, c)
		}
	}
	offset := left.width + textWidth(paneGap)
	var linkedCols []int
	for _, c := range columnsOf(right, 0, right.view.text.Len()) {
		linkedCols = append(linkedCols, offset+c)
	}
	claim, linked := stylesAt(row, claimCols), stylesAt(row, linkedCols)
	if len(claim) != 1 || claim[""] || len(linked) != 1 || linked[""] {
		t.Fatalf("claim cells %v, linked claim cells %v", claim, linked)
	}
	for s := range claim {
		if linked[s] {
			t.Errorf("the linked claim looks like the claim: %q", s)
		}
		for i := range 9 {
			var b bytes.Buffer
			newDownsampler(colorprofile.ASCII).appendLine(&b, sgrCache{}.open(a.styles.LabelLook(i)))
			if strings.Trim(b.String(), "\x1b[m") == s {
				t.Errorf("a claim looks like label %d: %q", i+1, s)
			}
		}
	}
}
