package main

import (
	"bufio"
	"fmt"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
	"github.com/hashiya/hashiya/annotations/store"
	"github.com/hashiya/hashiya/annotations/suggest"
	"github.com/spf13/cobra"
)

// goldAnnotator is the annotator whose work is adjudicated, when a project has one.
const goldAnnotator = "gold"

func newPatternsCmd() *cobra.Command {
	var annotator, db, out string
	cmd := &cobra.Command{
		Use:   "patterns [--annotator A] [--db PATH|URL]",
		Short: "Write the annotated entities of the database as a phrase-pattern file",
		Long: "Write every entity span of the project database (not claims, not BOILERPLATE\n" +
			"regions) as spaCy/Prodigy phrase patterns, one {\"label\", \"pattern\"} per line, for\n" +
			"`hashiya match` and the reader's --patterns. The spans are the gold annotator's\n" +
			"when the database has one, else every annotator's; --annotator picks one. Spellings\n" +
			"search takes for one word share the label most often given to them.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path := dbPath(db, out)
			if err := dbMustExist(path); err != nil {
				return err
			}
			d, err := store.Open(path)
			if err != nil {
				return namePath(err, path)
			}
			defer d.Close()
			who := annotator
			if who == "" {
				n, err := d.EachRecord(goldAnnotator, func(record.Record) error { return nil })
				if err != nil {
					return err
				}
				if n > 0 {
					who = goldAnnotator
				}
			}
			schema := annotations.DefaultSchema()
			var b suggest.Bootstrap
			spans := 0
			_, err = d.EachRecord(who, func(r record.Record) error {
				for _, sp := range r.Spans {
					if sp.Label != schema.Boilerplate.Name && sp.Label != schema.Claim.Name {
						b.Add(sp.Label, sp.Text)
						spans++
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			w := bufio.NewWriter(cmd.OutOrStdout())
			if _, err := b.WriteTo(w); err != nil {
				return err
			}
			from := "every annotator"
			if who != "" {
				from = "annotator " + who
			}
			fmt.Fprintf(stderrOf(cmd), "%d entities from %d spans of %s\n", b.Len(), spans, from)
			return w.Flush()
		},
	}
	cmd.Flags().StringVar(&annotator, "annotator", "", "whose spans (default: gold when the database has it, else everyone's)")
	cmd.Flags().StringVar(&out, "out", "annotations.jsonl", "the training file whose database is meant when --db is not given")
	addDBFlag(cmd.Flags(), &db)
	return cmd
}
