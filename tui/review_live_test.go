package tui

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/agree"
	"github.com/hashiya/hashiya/model"
)

// liveDriver runs a model's commands concurrently, as the runtime does, so that a
// command waiting for a change of the record holds nothing else up.
type liveDriver struct {
	t    *testing.T
	m    tea.Model
	msgs chan tea.Msg
}

func newLiveDriver(t *testing.T, m tea.Model) *liveDriver {
	d := &liveDriver{t: t, m: m, msgs: make(chan tea.Msg, 1024)}
	d.run(m.Init())
	return d
}

func (d *liveDriver) run(cmd tea.Cmd) {
	if cmd != nil {
		go func() { d.msgs <- cmd() }()
	}
}

func (d *liveDriver) send(msg tea.Msg) {
	_, next := d.m.Update(msg)
	d.run(next)
}

func (d *liveDriver) press(k string) { d.send(keyOf(k)) }

func (d *liveDriver) screen() string { return ansi.Strip(d.m.View().Content) }

// until handles messages until the screen holds every want; the limit is for slow
// machines, not a timing assertion.
func (d *liveDriver) until(want ...string) string {
	d.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		scr := d.screen()
		if !slices.ContainsFunc(want, func(w string) bool { return !strings.Contains(scr, w) }) {
			return scr
		}
		select {
		case msg := <-d.msgs:
			switch m := msg.(type) {
			case tea.BatchMsg:
				for _, c := range m {
					d.run(c)
				}
				continue
			case nil, tea.QuitMsg:
				continue
			}
			if fromRuntime(msg) && !isAppMsg(msg) {
				continue
			}
			d.send(msg)
		case <-deadline:
			d.t.Fatalf("the screen never showed %q:\n%s", want, scr)
		}
	}
}

// liveMemory is memoryBackend whose documents the test changes, telling the screen
// through WaitChange as a database subscription would.
type liveMemory struct {
	memoryBackend
	mu      sync.Mutex
	changes chan struct{}
}

func (l *liveMemory) Documents() ([]agree.Document, map[string]agree.Version, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.memoryBackend.Documents()
}

func (l *liveMemory) WaitChange() bool {
	_, ok := <-l.changes
	return ok
}

// change edits the documents as another annotator's commit would, then says so.
func (l *liveMemory) change(fn func(docs []agree.Document) []agree.Document) {
	l.mu.Lock()
	l.docs = fn(slices.Clone(l.docs))
	l.mu.Unlock()
	l.changes <- struct{}{}
}

func selectedLine(t *testing.T, scr string) string {
	t.Helper()
	for _, l := range strings.Split(scr, "\n") {
		if i := strings.Index(l, "› "); i >= 0 {
			return strings.TrimSpace(l[i:])
		}
	}
	t.Fatalf("no selected difference on screen:\n%s", scr)
	return ""
}

func TestReviewReadsAgainWhenAnnotatorsCommitKeepingThePlace(t *testing.T) {
	b := &liveMemory{memoryBackend: memoryBackend{docs: reviewDocs(), gold: map[string]agree.Version{}}, changes: make(chan struct{})}
	t.Cleanup(func() { close(b.changes) })
	r := NewReview(b, DefaultKeyMap())
	r.Update(tea.WindowSizeMsg{Width: 160, Height: 40})
	d := newLiveDriver(t, r)
	k := r.keys
	d.until("doc 1 of 2 · r1", "▶ reza")
	d.press(k.ReviewNextPane.Keys()[0])   // sara's pane
	d.press(k.ReviewRejectItem.Keys()[0]) // her boundary difference: the label conflict is selected
	before := d.until("▶ sara", "rejected: ")
	if sel := selectedLine(t, before); !strings.Contains(sel, "label conflict: GPE [19,24)") {
		t.Fatalf("selected %q, want sara's label conflict", sel)
	}
	// Someone commits: a new document sorts first, and ali's version of r1 comes in: a
	// pane before sara's, lacking her PERSON [12,15) (a difference before the selected
	// one) and tagging a word nobody else did.
	text := reviewDocs()[0].Text
	b.change(func(docs []agree.Document) []agree.Document {
		r1 := docs[0]
		reza, sara := r1.Versions[0], r1.Versions[1]
		ali := agree.Version{Annotator: "ali", Answer: "accept", Spans: []annotations.Span{reza.Spans[0], sara.Spans[2],
			{Start: 16, End: 18, Label: "ORG", Text: string([]rune(text)[16:18])}}}
		r1.Versions = []agree.Version{ali, reza, sara}
		docs[0] = r1
		r0 := agree.Document{ID: "r0", Text: text, Versions: docs[1].Versions}
		return append([]agree.Document{r0}, docs...)
	})
	after := d.until("doc 2 of 3 · r1", "ORG")
	if !strings.Contains(after, "▶ sara") {
		t.Errorf("the focus left sara's pane:\n%s", after)
	}
	if sel := selectedLine(t, after); !strings.Contains(sel, "label conflict: GPE [19,24)") {
		t.Errorf("the selection moved to %q:\n%s", sel, after)
	}
	if !strings.Contains(after, "PERSON [12,15)") {
		t.Errorf("ali's version did not make sara's PERSON a difference:\n%s", after)
	}
	if !strings.Contains(after, "rejected: ") {
		t.Errorf("the reload wiped the status line:\n%s", after)
	}
}

// liveFakeTeam is fakeTeam whose progress the test changes, telling the reader through
// WaitChange.
type liveFakeTeam struct {
	fakeTeam
	mu       sync.Mutex
	progress string
	changes  chan struct{}
}

func (l *liveFakeTeam) Progress() (string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.progress, nil
}

func (l *liveFakeTeam) WaitChange() bool {
	_, ok := <-l.changes
	return ok
}

func TestTeamProgressLineFollowsTheOthersCommits(t *testing.T) {
	out := t.TempDir() + "/annotations.jsonl"
	st, err := openSession(t, out, "sara")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	team := &liveFakeTeam{progress: "mine 0/2 · team 0/4", changes: make(chan struct{})}
	t.Cleanup(func() { close(team.changes) })
	a := New(Options{Corpus: model.Sample(), CorpusName: "sample", Annotator: "sara", Session: st, Out: out,
		Export: st.export, ExportEvery: time.Hour, Team: team})
	a.Update(tea.WindowSizeMsg{Width: 160, Height: 30})
	d := newLiveDriver(t, a)
	d.until("mine 0/2 · team 0/4")
	for _, p := range []string{"mine 0/2 · team 1/4", "mine 0/2 · team 2/4"} { // twice: it waits again
		team.mu.Lock()
		team.progress = p
		team.mu.Unlock()
		team.changes <- struct{}{}
		d.until(p)
	}
}
