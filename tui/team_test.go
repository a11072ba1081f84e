package tui

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/model"
)

// fakeTeam is a team server's view with fixed answers.
type fakeTeam struct {
	next   int
	others []string
	denied bool
	asked  []int // the "after" of every Next
}

func (f *fakeTeam) Next(after int) (int, bool, error) {
	f.asked = append(f.asked, after)
	return f.next, true, nil
}

func (f *fakeTeam) Progress() (string, error) { return "mine 1/2 · team 3/4", nil }

func (f *fakeTeam) Others(string) ([]string, error) {
	if f.denied {
		return nil, errors.New("only reviewers and admins see the other annotators' annotations")
	}
	return f.others, nil
}

// keyOf is the press of a binding's first key as the terminal reports it.
func keyOf(k string) tea.KeyPressMsg {
	if k == "space" {
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	return keyMsg(k)
}

func newTeamApp(t *testing.T, team Team) *App {
	t.Helper()
	out := filepath.Join(t.TempDir(), "annotations.jsonl")
	st, err := openSession(t, out, "sara")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := New(Options{Corpus: model.Sample(), CorpusName: "sample", Annotator: "sara", Session: st, Out: out,
		Export: st.export, ExportEvery: time.Hour, Team: team})
	drive(t, a, a.Init())
	_, cmd := a.Update(tea.WindowSizeMsg{Width: 160, Height: 30})
	drive(t, a, cmd)
	return a
}

func TestTeamNextAssignedOpensItInTheFocusedPane(t *testing.T) {
	ft := &fakeTeam{next: 3}
	a := newTeamApp(t, ft)
	if scr := screen(a); !strings.Contains(scr, "mine 1/2 · team 3/4") {
		t.Fatalf("the header has no team progress:\n%s", scr)
	}
	_, cmd := a.Update(keyOf(a.keys.NextAssigned.Keys()[0]))
	drive(t, a, cmd)
	if got := a.focused().DocIndex; got != 3 {
		t.Fatalf("next assigned opened document %d, want 3", got)
	}
	if len(ft.asked) != 1 || ft.asked[0] != 0 {
		t.Errorf("Next was asked after %v, want after the focused pane's document 0", ft.asked)
	}
}

func TestTeamOthersListedForReviewersRefusedToAnnotators(t *testing.T) {
	a := newTeamApp(t, &fakeTeam{others: []string{"bob  PERSON  0–5  «x»"}})
	_, cmd := a.Update(keyOf(a.keys.Others.Keys()[0]))
	drive(t, a, cmd)
	if scr := screen(a); !strings.Contains(scr, "bob  PERSON  0–5") || !strings.Contains(scr, "read only") {
		t.Fatalf("a reviewer's O does not list the others' work:\n%s", scr)
	}
	press(t, a, "esc")
	if a.mode != modeNormal {
		t.Errorf("esc did not close the list")
	}
	a = newTeamApp(t, &fakeTeam{denied: true})
	_, cmd = a.Update(keyOf(a.keys.Others.Keys()[0]))
	drive(t, a, cmd)
	if scr := screen(a); a.mode == modeOthers || !strings.Contains(scr, "only reviewers and admins") {
		t.Fatalf("an annotator's O is not refused on screen:\n%s", scr)
	}
}

func TestShutdownMsgSavesAndQuits(t *testing.T) {
	a := newTeamApp(t, &fakeTeam{})
	_, cmd := a.Update(ShutdownMsg{Reason: "the server is stopping"})
	if scr := screen(a); !strings.Contains(scr, "the server is stopping") {
		t.Errorf("the reader does not say why it closes:\n%s", scr)
	}
	if !runQuits(t, a, cmd) {
		t.Fatal("ShutdownMsg did not end the reader after saving")
	}
}

func TestTeamKeysWithoutATeamServerSaySo(t *testing.T) {
	a := newTestApp(t, 120, 30)
	_, cmd := a.Update(keyOf(a.keys.NextAssigned.Keys()[0]))
	drive(t, a, cmd)
	if scr := screen(a); !strings.Contains(scr, "team server") || a.focused().DocIndex != 0 {
		t.Fatalf("space without a team server:\n%s", scr)
	}
}
