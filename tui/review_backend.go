package tui

import (
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/agree"
)

// ReviewBackend is where the review screen reads the annotators' versions
// and writes the gold version: the local database (hashiya review), or the
// server for a reviewer's session. Its calls do I/O: the screen makes them
// in tea.Cmds, never in Update.
type ReviewBackend interface {
	// Documents is every document with its annotators' versions, gold's
	// left out, and gold's version of each (keyed by document, absent when
	// gold has none).
	Documents() ([]agree.Document, map[string]agree.Version, error)
	// The accepts write one item into gold with the annotators who had it;
	// auto says it was accepted because every annotator agreed, not by a
	// reviewer's choice.
	AcceptSpan(doc annotations.DocInfo, sp annotations.Span, sources []string, auto bool) error
	AcceptClaim(doc annotations.DocInfo, c annotations.Claim, sources []string, auto bool) error
	AcceptAnswer(doc annotations.DocInfo, answer string, sources []string, auto bool) error
}

// Review statuses of a document.
const (
	NotReviewed = "not reviewed" // gold has no version of it
	InReview    = "in review"    // gold has items but no answer yet
	Reviewed    = "done"         // gold has its answer
)

// reviewStatus is a document's status from gold's version.
func reviewStatus(gold map[string]agree.Version, doc string) string {
	g, ok := gold[doc]
	switch {
	case !ok:
		return NotReviewed
	case g.Answer == "":
		return InReview
	}
	return Reviewed
}

// reviewLoadedMsg carries what the backend read.
type reviewLoadedMsg struct {
	docs []agree.Document
	gold map[string]agree.Version
	err  error
	note string // what the write before the read did
	live bool   // read because someone committed: the status line stays
}
