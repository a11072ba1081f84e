package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// Live is a shared record that others change while a screen shows it: the project
// database other readers, sessions or servers commit to. A ReviewBackend or a Team that
// has it keeps its screen current: a command waits for a change, and the screen reads
// again through another command, keeping the user's place.
type Live interface {
	// WaitChange blocks until something was committed since the previous call; false
	// once nothing more will come (the subscription ended with the session).
	WaitChange() bool
}

// liveChangedMsg says the record of the screen's backend changed; for says which
// screen waited for it.
type liveChangedMsg struct{ from string }

const (
	liveReview = "review"
	liveTeam   = "team"
)

// waitLive waits for the next change of src, if it is Live, after pause (which
// spaces the reads when commits come in a stream).
func waitLive(src any, from string, pause time.Duration) tea.Cmd {
	l, ok := src.(Live)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		time.Sleep(pause)
		if !l.WaitChange() {
			return nil
		}
		return liveChangedMsg{from: from}
	}
}
