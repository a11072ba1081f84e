package tui

import (
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/term"
)

// rawTerminal does for the painter what Bubble Tea does only when its own renderer runs:
// raw mode on the input terminal, the window's size at start and on every SIGWINCH.
type rawTerminal struct {
	in, out *os.File
	state   *term.State
	winch   chan os.Signal
}

// openTerminal puts stdin in raw mode when stdin and out are terminals; otherwise it
// returns nil and the reader runs on whatever size messages it is sent.
func openTerminal(out any) (*rawTerminal, error) {
	f, ok := out.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || !term.IsTerminal(int(os.Stdin.Fd())) {
		return nil, nil
	}
	st, err := term.MakeRaw(int(os.Stdin.Fd()))
	if err != nil {
		return nil, err
	}
	return &rawTerminal{in: os.Stdin, out: f, state: st}, nil
}

// size is the window's size now, as a WindowSizeMsg.
func (t *rawTerminal) size() (tea.WindowSizeMsg, bool) {
	w, h, err := term.GetSize(int(t.out.Fd()))
	return tea.WindowSizeMsg{Width: w, Height: h}, err == nil && w > 0 && h > 0
}

// watchResize sends p the new size whenever the window changes.
func (t *rawTerminal) watchResize(p *tea.Program) {
	t.winch = make(chan os.Signal, 1)
	signal.Notify(t.winch, syscall.SIGWINCH)
	go func() {
		for range t.winch {
			if ws, ok := t.size(); ok {
				p.Send(ws)
			}
		}
	}()
}

func (t *rawTerminal) restore() {
	if t.winch != nil {
		signal.Stop(t.winch)
		close(t.winch)
	}
	term.Restore(int(t.in.Fd()), t.state)
}
