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
