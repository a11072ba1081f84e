package tui

import (
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/agree"
	"github.com/hashiya/hashiya/text/layout"
)

// Review is the review screen: one document at a time, one pane per
// annotator's version side by side (scrolling together), the differences
// of the focused pane listed under its text, and keys that accept items
// into the gold version.
type Review struct {
	backend  ReviewBackend
	keys     KeyMap
	docs     []agree.Document
	gold     map[string]agree.Version
	doc      int
	review   agree.DocReview
	focus    int // pane
	item     int // difference of the focused pane
	scroll   int // lines, the same in every pane
	rejected map[string]bool
	width    int
	height   int
	status   string
	loaded   bool
	engine   layout.Options // bidi and shaping modes for the text and the quotes
}

// NewReview makes the review screen over backend.
func NewReview(backend ReviewBackend, keys KeyMap) *Review {
	return &Review{backend: backend, keys: keys, gold: map[string]agree.Version{}, rejected: map[string]bool{}, width: 80, height: 24}
}

// WithEngine sets the bidi and shaping modes the screen lays text out with
// (the reader's --bidi and --shaping); the zero value is App for both.
func (r *Review) WithEngine(opts layout.Options) *Review {
	r.engine = opts
	return r
}

// Init reads the documents and, on a live backend, waits for changes.
func (r *Review) Init() tea.Cmd { return tea.Batch(r.load(""), waitLive(r.backend, liveReview, 0)) }

func (r *Review) load(note string) tea.Cmd {
	b := r.backend
	return func() tea.Msg {
		docs, gold, err := b.Documents()
		return reviewLoadedMsg{docs: docs, gold: gold, err: err, note: note}
	}
}

// reload reads again after someone committed, keeping the status line.
func (r *Review) reload() tea.Cmd {
	b := r.backend
	return func() tea.Msg {
		docs, gold, err := b.Documents()
		return reviewLoadedMsg{docs: docs, gold: gold, err: err, live: true}
	}
}

// write runs fn against the backend, then reads everything again.
func (r *Review) write(note string, fn func(ReviewBackend) error) tea.Cmd {
	b := r.backend
	return func() tea.Msg {
		if err := fn(b); err != nil {
			return reviewLoadedMsg{err: err}
		}
		docs, gold, err := b.Documents()
		return reviewLoadedMsg{docs: docs, gold: gold, err: err, note: note}
	}
}

// Update handles keys and the backend's answers.
func (r *Review) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch m := msg.(type) {
	case tea.WindowSizeMsg:
		r.width, r.height = m.Width, m.Height
	case reviewLoadedMsg:
		if m.err != nil {
			r.status = "error: " + m.err.Error()
			return r, nil
		}
		r.loadedDocs(m)
		if !m.live {
			r.status = m.note
		}
	case liveChangedMsg:
		if m.from == liveReview {
			return r, tea.Batch(r.reload(), waitLive(r.backend, liveReview, 0))
		}
	case tea.KeyPressMsg:
		return r, r.key(m)
	case ShutdownMsg: // served: every accept is in the store already
		return r, tea.Quit
	}
	return r, nil
}

func (r *Review) key(m tea.KeyPressMsg) tea.Cmd {
	k := &r.keys
	if key.Matches(m, k.ReviewQuit) {
		return tea.Quit
	}
	if len(r.docs) == 0 {
		return nil
	}
	switch {
	case key.Matches(m, k.ReviewNextPane):
		r.focus = (r.focus + 1) % len(r.review.Annotators)
		r.item = 0
	case key.Matches(m, k.ReviewPrevPane):
		r.focus = (r.focus + len(r.review.Annotators) - 1) % len(r.review.Annotators)
		r.item = 0
	case key.Matches(m, k.ReviewNextItem):
		if r.item+1 < len(r.paneDiffs(r.focus)) {
			r.item++
		}
	case key.Matches(m, k.ReviewPrevItem):
		if r.item > 0 {
			r.item--
		}
	case key.Matches(m, k.ReviewScrollDown):
		r.scroll += max(1, r.height/2)
	case key.Matches(m, k.ReviewScrollUp):
		r.scroll = max(0, r.scroll-max(1, r.height/2))
	case key.Matches(m, k.ReviewNextDoc):
		r.goDoc(min(r.doc+1, len(r.docs)-1))
	case key.Matches(m, k.ReviewPrevDoc):
		r.goDoc(max(r.doc-1, 0))
	case key.Matches(m, k.ReviewNextNeeding):
		if i := r.nextNeeding(); i >= 0 {
			r.goDoc(i)
		} else {
			r.status = "every document is reviewed"
		}
	case key.Matches(m, k.ReviewRejectItem):
		if d, ok := r.selected(); ok {
			r.rejected[diffKey(r.review.Doc, d)] = true
			r.status = "rejected: " + d.Detail
			r.clampItem()
		}
	case key.Matches(m, k.ReviewAcceptItem):
		if d, ok := r.selected(); ok {
			return r.acceptDiff(d)
		}
	case key.Matches(m, k.ReviewAcceptVersion):
		return r.acceptVersion()
	case key.Matches(m, k.ReviewAutoAccept):
		return r.autoAccept()
	case key.Matches(m, k.ReviewDone):
		return r.done()
	}
	return nil
}

// loadedDocs takes what the backend read, keeping the reviewer's place: the
// document, the focused annotator's pane and the selected difference, found
// again by what they are (another annotator's work may add panes and items).
func (r *Review) loadedDocs(m reviewLoadedMsg) {
	keepDoc, keepPane, keepItem := "", "", ""
	if r.loaded && r.doc < len(r.docs) {
		keepDoc = r.docs[r.doc].ID
		if r.focus < len(r.review.Annotators) {
			keepPane = r.review.Annotators[r.focus]
		}
		if d, ok := r.selected(); ok {
			keepItem = diffKey(r.review.Doc, d)
		}
	}
	r.docs, r.gold, r.loaded = m.docs, m.gold, true
	if r.gold == nil {
		r.gold = map[string]agree.Version{}
	}
	r.doc = 0
	for i, d := range r.docs {
		if d.ID == keepDoc {
			r.doc = i
		}
	}
	if len(r.docs) == 0 {
		return
	}
	r.review = agree.Review(r.docs[r.doc])
	if i := slices.Index(r.review.Annotators, keepPane); i >= 0 {
		r.focus = i
	}
	if j := slices.IndexFunc(r.paneDiffs(r.focus), func(d agree.Difference) bool { return diffKey(r.review.Doc, d) == keepItem }); j >= 0 {
		r.item = j
	}
	r.refresh()
}

func (r *Review) goDoc(i int) {
	if i != r.doc {
		r.doc, r.scroll, r.item = i, 0, 0
		r.refresh()
	}
}

// refresh recomputes the document's review against gold.
func (r *Review) refresh() {
	if len(r.docs) == 0 {
		return
	}
	r.review = agree.Review(r.docs[r.doc])
	r.focus = min(r.focus, max(0, len(r.review.Annotators)-1))
	r.clampItem()
}

func (r *Review) clampItem() {
	r.item = min(r.item, max(0, len(r.paneDiffs(r.focus))-1))
}

func (r *Review) info() annotations.DocInfo {
	d := r.docs[r.doc]
	return annotations.DocInfo{ID: d.ID, Text: d.Text}
}

// inGold says whether gold already has the span (extent and label) or claim (extent).
func (r *Review) inGold(d agree.Difference) bool {
	g := r.gold[r.review.Doc]
	switch {
	case d.Span != nil:
		return slices.ContainsFunc(g.Spans, func(s annotations.Span) bool {
			return s.Start == d.Span.Start && s.End == d.Span.End && s.Label == d.Span.Label
		})
	case d.Claim != nil:
		return slices.ContainsFunc(g.Claims, func(c annotations.Claim) bool {
			return c.Span.Start == d.Claim.Span.Start && c.Span.End == d.Claim.Span.End
		})
	}
	return g.Answer != ""
}

// paneDiffs is the differences of pane i still to decide: not in gold, not rejected.
func (r *Review) paneDiffs(i int) []agree.Difference {
	if i >= len(r.review.Annotators) {
		return nil
	}
	who := r.review.Annotators[i]
	var out []agree.Difference
	for _, d := range r.review.Differences {
		if d.Annotator == who && !r.rejected[diffKey(r.review.Doc, d)] && !r.inGold(d) {
			out = append(out, d)
		}
	}
	return out
}

func (r *Review) selected() (agree.Difference, bool) {
	ds := r.paneDiffs(r.focus)
	if r.item < len(ds) {
		return ds[r.item], true
	}
	return agree.Difference{}, false
}

func diffKey(doc string, d agree.Difference) string {
	switch {
	case d.Span != nil:
		return fmt.Sprintf("%s|%s|s|%d|%d|%s", doc, d.Annotator, d.Span.Start, d.Span.End, d.Span.Label)
	case d.Claim != nil:
		return fmt.Sprintf("%s|%s|c|%d|%d", doc, d.Annotator, d.Claim.Span.Start, d.Claim.Span.End)
	}
	return doc + "|" + d.Annotator + "|" + d.Kind
}

func (r *Review) acceptDiff(d agree.Difference) tea.Cmd {
	info, who := r.info(), []string{d.Annotator}
	switch {
	case d.Span != nil:
		sp := *d.Span
		return r.write("accepted into gold: "+d.Detail, func(b ReviewBackend) error { return b.AcceptSpan(info, sp, who, false) })
	case d.Claim != nil:
		c := *d.Claim
		return r.write("accepted into gold: "+d.Detail, func(b ReviewBackend) error { return b.AcceptClaim(info, c, who, false) })
	}
	answer := ""
	for _, v := range r.docs[r.doc].Versions {
		if v.Annotator == d.Annotator {
			answer = v.Answer
		}
	}
	if answer == "" {
		r.status = d.Annotator + " gave no answer"
		return nil
	}
	return r.write("gold's answer: "+answer, func(b ReviewBackend) error { return b.AcceptAnswer(info, answer, who, false) })
}

// autoAccept writes into gold what every annotator agrees on.
func (r *Review) autoAccept() tea.Cmd {
	info, rev, g := r.info(), r.review, r.gold[r.review.Doc]
	n := 0
	for _, s := range rev.Spans {
		if !r.inGold(agree.Difference{Span: &s.Span}) {
			n++
		}
	}
	for _, c := range rev.Claims {
		if !r.inGold(agree.Difference{Claim: &c.Claim}) {
			n++
		}
	}
	// The agreed answer only once nothing differs: it makes the document done.
	answer := rev.Answer != "" && g.Answer == "" && rev.Unanimous
	if n == 0 && !answer {
		r.status = "nothing agreed that gold lacks"
		return nil
	}
	inGold := r.inGold
	note := fmt.Sprintf("auto-accepted %d agreed item(s)", n)
	if answer {
		note += " and the answer " + rev.Answer
	}
	return r.write(note, func(b ReviewBackend) error {
		for _, s := range rev.Spans {
			if !inGold(agree.Difference{Span: &s.Span}) {
				if err := b.AcceptSpan(info, s.Span, s.Sources, true); err != nil {
					return err
				}
			}
		}
		for _, c := range rev.Claims {
			if !inGold(agree.Difference{Claim: &c.Claim}) {
				if err := b.AcceptClaim(info, c.Claim, c.Sources, true); err != nil {
					return err
				}
			}
		}
		if answer {
			return b.AcceptAnswer(info, rev.Answer, rev.AnswerSource, true)
		}
		return nil
	})
}

// acceptVersion writes the focused annotator's whole version into gold.
func (r *Review) acceptVersion() tea.Cmd {
	info, who := r.info(), r.review.Annotators[r.focus]
	var v agree.Version
	for _, x := range r.docs[r.doc].Versions {
		if x.Annotator == who {
			v = x
		}
	}
	inGold, hasAnswer := r.inGold, r.gold[r.review.Doc].Answer != ""
	return r.write("accepted "+who+"'s version into gold", func(b ReviewBackend) error {
		for _, s := range v.Spans {
			if !inGold(agree.Difference{Span: &s}) {
				if err := b.AcceptSpan(info, s, []string{who}, false); err != nil {
					return err
				}
			}
		}
		for _, c := range v.Claims {
			if !inGold(agree.Difference{Claim: &c}) {
				if err := b.AcceptClaim(info, c, []string{who}, false); err != nil {
					return err
				}
			}
		}
		if v.Answer != "" && !hasAnswer {
			return b.AcceptAnswer(info, v.Answer, []string{who}, false)
		}
		return nil
	})
}

// done gives gold its answer (the agreed one, else the focused pane's), which
// makes the document reviewed.
func (r *Review) done() tea.Cmd {
	info, answer, src := r.info(), r.review.Answer, r.review.AnswerSource
	if answer == "" {
		who := r.review.Annotators[r.focus]
		for _, v := range r.docs[r.doc].Versions {
			if v.Annotator == who {
				answer, src = v.Answer, []string{who}
			}
		}
	}
	if answer == "" {
		answer, src = "accept", nil
	}
	return r.write("done: gold's answer is "+answer, func(b ReviewBackend) error { return b.AcceptAnswer(info, answer, src, false) })
}

// nextNeeding is the next document after this one (wrapping) not done, or -1.
func (r *Review) nextNeeding() int {
	for k := 1; k <= len(r.docs); k++ {
		i := (r.doc + k) % len(r.docs)
		if reviewStatus(r.gold, r.docs[i].ID) != Reviewed {
			return i
		}
	}
	return -1
}
