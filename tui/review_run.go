package tui

import (
	"context"
	"io"

	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/text/layout"
)

// RunReview runs the review screen over backend until it is quit, with the
// user's key map and engine modes (Options.Keys and Options.Engine after
// Config.Apply, as the reader gets them).
func RunReview(ctx context.Context, backend ReviewBackend, keys KeyMap, engine layout.Options, in io.Reader, out io.Writer) error {
	if keys.ReviewQuit.Keys() == nil {
		keys = DefaultKeyMap()
	}
	_, err := tea.NewProgram(NewReview(backend, keys).WithEngine(engine), tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(out)).Run()
	return err
}

// RunReviewSession runs the review screen on a remote terminal (a reviewer's
// SSH session) until it is quit, ctx ends or the server says it is stopping;
// every accept is already in the store by then. The terminal gets its bidi
// mode back however it ends.
func RunReviewSession(ctx context.Context, backend ReviewBackend, keys KeyMap, engine layout.Options, term SessionTerminal) error {
	if keys.ReviewQuit.Keys() == nil {
		keys = DefaultKeyMap()
	}
	io.WriteString(term.Out, bdsmExplicit)
	defer io.WriteString(term.Out, bdsmImplicit)
	return runOnSession(ctx, NewReview(backend, keys).WithEngine(engine), term)
}
