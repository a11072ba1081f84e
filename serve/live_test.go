package serve

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/store"
	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/tui"
)

// screenDriver runs a screen's commands concurrently, as the Bubble Tea runtime does,
// so a command waiting on the database's changes holds nothing else up.
type screenDriver struct {
	t    *testing.T
	m    tea.Model
	msgs chan tea.Msg
}

func newScreenDriver(t *testing.T, m tea.Model) *screenDriver {
	d := &screenDriver{t: t, m: m, msgs: make(chan tea.Msg, 1024)}
	d.m.Update(tea.WindowSizeMsg{Width: 160, Height: 40})
	d.run(m.Init())
	return d
}

func (d *screenDriver) run(cmd tea.Cmd) {
	if cmd != nil {
		go func() { d.msgs <- cmd() }()
	}
}

// until handles messages until the screen holds want; it returns how long that took.
// The limit is for slow machines, not a timing assertion.
func (d *screenDriver) until(want string) time.Duration {
	d.t.Helper()
	start := time.Now()
	deadline := time.After(20 * time.Second)
	for !strings.Contains(ansi.Strip(d.m.View().Content), want) {
		select {
		case msg := <-d.msgs:
			switch m := msg.(type) {
			case tea.BatchMsg:
				for _, c := range m {
					d.run(c)
				}
			case nil:
			default:
				_, next := d.m.Update(m)
				d.run(next)
			}
		case <-deadline:
			d.t.Fatalf("the screen never showed %q:\n%s", want, ansi.Strip(d.m.View().Content))
		}
	}
	return time.Since(start)
}

// sampleDoc is the sample corpus's document i, as a store op names it.
func sampleDoc(t *testing.T, i int) annotations.DocInfo {
	t.Helper()
	c := model.Sample()
	if err := c.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	doc, err := c.Load(i)
	if err != nil {
		t.Fatal(err)
	}
	return annotations.DocInfo{ID: doc.ID, Text: string(doc.Text)}
}

func tag(t *testing.T, db *store.DB, who string, ops ...annotations.Op) {
	t.Helper()
	s, err := db.Session(who)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, op := range ops {
		if _, err := s.Apply(op); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReviewerOnOneServerSeesACommitOnAnother: two handles on one database stand in for
// two servers; bob's commit through B reaches the review screen reading through A.
func TestReviewerOnOneServerSeesACommitOnAnother(t *testing.T) {
	onBackends(t, testReviewerSeesACommitOnAnother)
}

func testReviewerSeesACommitOnAnother(t *testing.T, dbName string) {
	a, b := openStore(t, dbName), openStore(t, dbName)
	info := sampleDoc(t, 0)
	tag(t, b, "sara", annotations.AddSpan{Doc: info, Label: "PERSON", Start: 0, End: 3})
	gold, err := a.Session(store.Gold)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { gold.Close() })
	changes, unsubscribe := a.Subscribe()
	t.Cleanup(unsubscribe)
	screen := tui.NewReview(&StoreReview{DB: a, Gold: gold, Reviewer: "rev", Changes: changes}, tui.DefaultKeyMap())
	d := newScreenDriver(t, screen)
	d.until("no document has versions of two annotators")
	start := time.Now()
	tag(t, b, "bob", annotations.AddSpan{Doc: info, Label: "PERSON", Start: 5, End: 9})
	d.until("review · doc 1 of 1 · " + info.ID)
	t.Logf("bob's commit on B reached the review screen on A after %v", time.Since(start).Round(time.Millisecond))
	tag(t, b, "bob", annotations.Answer{Doc: info.ID, Answer: annotations.AnswerReject})
	d.until("bob · reject") // and again: the screen waits for every change
}

// TestTeamProgressFollowsAnotherServersCommits: sara's progress line, served by A,
// counts bob's answer committed through B.
func TestTeamProgressFollowsAnotherServersCommits(t *testing.T) {
	onBackends(t, testTeamProgressFollowsAnotherServer)
}

func testTeamProgressFollowsAnotherServer(t *testing.T, dbName string) {
	f := newFixtureOn(t, dbName, 0, "sara", "bob")
	srv := f.start(f.config())
	other := openStore(t, dbName)
	changes, unsubscribe := f.db.Subscribe()
	t.Cleanup(unsubscribe)
	team := srv.teamFor(Member{Name: "sara", Role: RoleAnnotator}, changes)
	before, err := team.Progress()
	if err != nil {
		t.Fatal(err)
	}
	info := sampleDoc(t, 1)
	tag(t, other, "bob", annotations.AddSpan{Doc: info, Label: "PERSON", Start: 0, End: 3},
		annotations.Answer{Doc: info.ID, Answer: annotations.AnswerAccept})
	waited := make(chan bool, 1)
	go func() { waited <- team.(tui.Live).WaitChange() }()
	select {
	case ok := <-waited:
		if !ok {
			t.Fatal("the subscription ended")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("bob's commit through another handle never woke sara's progress line")
	}
	after, err := team.Progress()
	if err != nil {
		t.Fatal(err)
	}
	if before != "mine 0/5 · team 0/10" || after != "mine 0/5 · team 1/10" {
		t.Fatalf("progress %q then %q; want team 0/10 then 1/10", before, after)
	}
}

func openStore(t *testing.T, path string) *store.DB {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
