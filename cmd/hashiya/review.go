package main

import (
	"fmt"
	"io"
	"os"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/agree"
	"github.com/hashiya/hashiya/annotations/store"
	"github.com/hashiya/hashiya/serve"
	"github.com/hashiya/hashiya/tui"
	"github.com/spf13/cobra"
)

func newReviewCmd() *cobra.Command {
	var db, reviewer string
	var auto bool
	cmd := &cobra.Command{
		Use:   "review [--db PATH|URL] [--reviewer NAME] [--auto]",
		Short: "Adjudicate the annotators' versions into the gold version",
		Long: "Open the review screen over the project database: each document that two or more\n" +
			"annotators worked on, one pane per annotator side by side, what differs marked (a\n" +
			"span only some have, a label or boundary conflict, a claim field, the answer).\n" +
			"Keys accept what every annotator agrees on, one difference, or a whole version into\n" +
			"the annotator \"" + store.Gold + "\"; each accepted item records which annotators had it, who\n" +
			"decided (--reviewer, default $USER; \"" + store.AutoDecider + "\" for what all agreed on) and when.\n" +
			"A document is not reviewed (gold has nothing of it), in review, or done (gold has\n" +
			"its answer). Export gold with: hashiya export --db PATH --annotator " + store.Gold + "\n" +
			"Auto-accepting gives gold the agreed answer only where nothing differs. The keys are the\n" +
			"reader's, rebound by name in config.toml's [keys]; on a team server, reviewers connect\n" +
			"with `ssh -t -p PORT HOST review`.\n" +
			"With --auto, no screen: accept what every annotator agrees on in every document\n" +
			"and print each document's status and what is left to decide.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if reviewer == "" {
				reviewer = os.Getenv("USER")
			}
			if reviewer == "" || reviewer == store.AutoDecider {
				return fmt.Errorf("give --reviewer NAME (who decides goes into gold's provenance)")
			}
			path := dbPath(db, "annotations.jsonl")
			if err := dbMustExist(path); err != nil {
				return err
			}
			d, err := store.Open(path)
			if err != nil {
				return err
			}
			defer d.Close()
			g, err := d.Session(store.Gold)
			if err != nil {
				return err
			}
			defer g.Close()
			b := &serve.StoreReview{DB: d, Gold: g, Reviewer: reviewer}
			if auto {
				return autoReview(stdoutOf(cmd), b)
			}
			opts, err := userOptions()
			if err != nil {
				return err
			}
			// Live: the annotators' commits (another reader, a team server) appear as they land.
			changes, unsubscribe := d.Subscribe()
			defer unsubscribe()
			b.Changes = changes
			return tui.RunReview(cmd.Context(), b, opts.Keys, opts.Engine, cmd.InOrStdin(), cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	addDBFlag(f, &db)
	f.StringVar(&reviewer, "reviewer", "", "who decides, for gold's provenance (default $USER)")
	f.BoolVar(&auto, "auto", false, "no screen: accept what every annotator agrees on, print what is left")
	return cmd
}

// autoReview accepts every document's agreed items into gold and prints
// what is left.
func autoReview(w io.Writer, b *serve.StoreReview) error {
	docs, gold, err := b.Documents()
	if err != nil {
		return err
	}
	for _, d := range docs {
		rev := agree.Review(d)
		info := annotations.DocInfo{ID: d.ID, Text: d.Text}
		g := gold[d.ID]
		n := 0
		for _, s := range rev.Spans {
			if !hasSpan(g.Spans, s.Span) {
				if err := b.AcceptSpan(info, s.Span, s.Sources, true); err != nil {
					return err
				}
				n++
			}
		}
		for _, c := range rev.Claims {
			if !hasClaim(g.Claims, c.Claim) {
				if err := b.AcceptClaim(info, c.Claim, c.Sources, true); err != nil {
					return err
				}
				n++
			}
		}
		status := "in review"
		if rev.Unanimous && g.Answer == "" { // the answer makes it done: only when nothing differs
			if err := b.AcceptAnswer(info, rev.Answer, rev.AnswerSource, true); err != nil {
				return err
			}
		}
		if rev.Unanimous || g.Answer != "" {
			status = "done"
		}
		fmt.Fprintf(w, "%s: %s; accepted %d agreed item(s); %d difference(s) left; span F1 exact %s\n",
			d.ID, status, n, len(rev.Differences), rev.F1Exact)
		for _, x := range rev.Differences {
			fmt.Fprintf(w, "  %s (%s): %s\n", x.Kind, x.Annotator, x.Detail)
		}
	}
	return nil
}

func hasSpan(ss []annotations.Span, sp annotations.Span) bool {
	for _, s := range ss {
		if s.Start == sp.Start && s.End == sp.End && s.Label == sp.Label {
			return true
		}
	}
	return false
}

func hasClaim(cs []annotations.Claim, c annotations.Claim) bool {
	for _, x := range cs {
		if x.Span.Start == c.Span.Start && x.Span.End == c.Span.End {
			return true
		}
	}
	return false
}
