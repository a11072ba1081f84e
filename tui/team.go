package tui

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Team is what a reader served to a team (hashiya serve) knows beyond its own session:
// which documents are its annotator's, the team's progress and, for reviewers, the
// others' work. Its methods may read the database: the reader calls them in commands.
type Team interface {
	// Next is the first document after index after (corpus order, wrapping round)
	// assigned to this annotator and not answered by them; ok is false when none is left.
	Next(after int) (doc int, ok bool, err error)
	// Progress is the header's summary of this annotator's and the team's answers.
	Progress() (string, error)
	// Others lists the other annotators' annotations of document doc, one line each; an
	// error for a member whose role does not allow it.
	Others(doc string) ([]string, error)
}

// ShutdownMsg tells a served reader the server is stopping: it saves and quits as on q.
type ShutdownMsg struct{ Reason string }

// teamState is the App's part of the team: the header's progress and the others list.
type teamState struct {
	progress string
	others   []string
}

type teamNextMsg struct {
	doc int
	ok  bool
	err error
}

type teamProgressMsg struct {
	line string
	err  error
}

type teamOthersMsg struct {
	lines []string
	err   error
}

// teamUpdate handles the team's messages; ok is false for every other message.
func (a *App) teamUpdate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case ShutdownMsg:
		a.mode = modeNormal
		cmd := a.quit()
		a.setStatus(msg.Reason, true) // over quit's "saving…": the user learns why
		return cmd, true
	case teamNextMsg:
		switch {
		case msg.err != nil:
			a.setStatus(shortPaths(msg.err.Error()), true)
		case !msg.ok:
			a.setStatus("every document assigned to you is answered", false)
		default:
			return a.openInPane(a.focused(), msg.doc), true
		}
		return nil, true
	case teamProgressMsg:
		if msg.err == nil {
			a.team.progress = msg.line
		}
		return nil, true
	case teamOthersMsg:
		if msg.err != nil {
			a.setStatus(msg.err.Error(), true)
			return nil, true
		}
		a.team.others = msg.lines
		a.mode = modeOthers
		return nil, true
	case liveChangedMsg:
		if msg.from != liveTeam {
			return nil, false
		}
		// Another annotator's commit, on this server or another: the progress line again.
		return tea.Batch(a.teamProgressCmd(), waitLive(a.opts.Team, liveTeam, teamLivePause)), true
	case editDoneMsg:
		// Answers change the progress line; the edit itself is the App's.
		return tea.Batch(a.editResult(msg), a.teamProgressCmd()), true
	}
	return nil, false
}

// teamLivePause spaces the progress line's reads while the team commits in a stream:
// every session of a server reads it on every change.
const teamLivePause = 500 * time.Millisecond

// teamStartCmd reads the progress line and, on a live team, waits for changes to it.
func (a *App) teamStartCmd() tea.Cmd {
	if a.opts.Team == nil {
		return nil
	}
	return tea.Batch(a.teamProgressCmd(), waitLive(a.opts.Team, liveTeam, 0))
}

func (a *App) teamProgressCmd() tea.Cmd {
	t := a.opts.Team
	if t == nil {
		return nil
	}
	return func() tea.Msg {
		s, err := t.Progress()
		return teamProgressMsg{line: s, err: err}
	}
}

// nextAssigned opens the annotator's next unanswered assigned document in the pane.
func (a *App) nextAssigned() tea.Cmd {
	t := a.opts.Team
	if t == nil {
		a.setStatus("documents are assigned only on a team server (hashiya serve)", false)
		return nil
	}
	after := a.focused().DocIndex
	return func() tea.Msg {
		d, ok, err := t.Next(after)
		return teamNextMsg{doc: d, ok: ok, err: err}
	}
}

// showOthers lists the other annotators' annotations of the focused document.
func (a *App) showOthers() tea.Cmd {
	t := a.opts.Team
	if t == nil {
		a.setStatus("the others' annotations are shown only on a team server (hashiya serve)", false)
		return nil
	}
	doc := a.focused().info.ID
	return func() tea.Msg {
		ls, err := t.Others(doc)
		return teamOthersMsg{lines: ls, err: err}
	}
}

func (a *App) othersView() string {
	lines := []string{a.styles.Header.Render("the others' annotations of this document (read only) — esc to close")}
	if len(a.team.others) == 0 {
		lines = append(lines, "none yet")
	}
	for _, l := range a.team.others {
		lines = append(lines, visualLTR(l, a.width, a.opts.Engine))
	}
	return block(strings.Join(lines, "\n"), a.width, a.bodyHeight())
}
