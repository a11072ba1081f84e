package tui

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// SessionTerminal is a remote terminal the reader runs on: an SSH session's channel,
// with the size and environment its client sent.
type SessionTerminal struct {
	In            io.Reader
	Out           io.Writer
	Env           []string // the client's environment, TERM from its PTY request included
	Width, Height int
	// Msgs carries what the server tells the reader while it runs: window sizes
	// (tea.WindowSizeMsg) and ShutdownMsg. RunSession reads it until it returns.
	Msgs <-chan tea.Msg
}

// RunSession runs one reader on a remote terminal until it quits or ctx ends. It paints
// its own frames as Run does, in the colours the session's environment allows (never
// the server's), and gives the terminal back its modes however it ends. A panic ends this
// reader only, returned as an error with its stack for the server's log.
func RunSession(ctx context.Context, opts Options, term SessionTerminal) (err error) {
	io.WriteString(term.Out, bdsmExplicit)
	defer io.WriteString(term.Out, bdsmImplicit)
	pt := newPainter(New(opts), term.Out, colorprofile.Env(term.Env))
	defer pt.giveBack()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("reader panicked: %v\n%s", r, debug.Stack())
		}
	}()
	return runOnSession(ctx, pt, term, tea.WithoutRenderer())
}

// runOnSession runs model m on a remote terminal until it quits or ctx ends: the
// session's input, output, environment and size, no signal handling of its own (the
// server's signals are the server's), no suspend (there is no shell to go back to),
// and what the server sends on term.Msgs passed on.
func runOnSession(ctx context.Context, m tea.Model, term SessionTerminal, extra ...tea.ProgramOption) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	opts := append([]tea.ProgramOption{
		tea.WithContext(ctx),
		tea.WithInput(term.In),
		tea.WithOutput(term.Out),
		tea.WithEnvironment(term.Env),
		tea.WithoutSignalHandler(),
		tea.WithWindowSize(term.Width, term.Height),
		tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
			if _, ok := msg.(tea.SuspendMsg); ok {
				return nil
			}
			return msg
		}),
	}, extra...)
	p := tea.NewProgram(m, opts...)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case m, ok := <-term.Msgs:
				if !ok {
					return
				}
				p.Send(m)
			}
		}
	}()
	_, err := p.Run()
	return err
}
