package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

// The review screen reads the user's key map from config.toml as the reader
// does: with quit rebound to Q, typing Q ends the review (a default key map
// would not, and the command would run until the context's end).
func TestReviewUsesTheConfigKeyMap(t *testing.T) {
	withConfig(t, "[keys]\nreview_quit = [\"Q\"]\n")
	db := agreeDB(t)
	cmd := newReviewCmd()
	cmd.SetIn(strings.NewReader("Q"))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd.SetContext(ctx)
	_, errOut, err := run(t, cmd, "--db", db, "--reviewer", "mona")
	if err != nil {
		t.Fatalf("review did not quit on the rebound key: %v\n%s", err, errOut)
	}
}

func TestReviewRefusesABrokenConfig(t *testing.T) {
	withConfig(t, "[keys]\nreview_quit = [\"j\"]\n") // j is the next difference's
	_, _, err := run(t, newReviewCmd(), "--db", agreeDB(t), "--reviewer", "mona")
	if err == nil || !strings.Contains(err.Error(), "config.toml") || !strings.Contains(err.Error(), "review_quit") {
		t.Fatalf("a colliding rebinding: %v", err)
	}
}
