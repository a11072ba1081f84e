package tui

import (
	"context"
	"io"

	tea "charm.land/bubbletea/v2"
)

// RunReview runs the review screen over backend until it is quit.
func RunReview(ctx context.Context, backend ReviewBackend, out io.Writer) error {
	_, err := tea.NewProgram(NewReview(backend, DefaultKeyMap()), tea.WithContext(ctx), tea.WithOutput(out)).Run()
	return err
}
