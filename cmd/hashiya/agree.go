package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/hashiya/hashiya/annotations/agree"
	"github.com/hashiya/hashiya/annotations/record"
	"github.com/hashiya/hashiya/annotations/store"
	"github.com/hashiya/hashiya/text/layout"
	"github.com/spf13/cobra"
)

func newAgreeCmd() *cobra.Command {
	var format, annotators, labels, db string
	cmd := &cobra.Command{
		Use:   "agree [--format text|json] [--annotators A,B,...] [--labels FILE] [--db PATH|URL]",
		Short: "Measure inter-annotator agreement over the project database",
		Long: "Measure how far the annotators agree, over every document that at least two of\n" +
			"them (all but gold, or those of --annotators) have worked on:\n" +
			"  spans    pairwise F1, exact (same start, end, label) and overlap (same label,\n" +
			"           intersecting), micro-averaged over labels, averaged over pairs, per\n" +
			"           label too; Krippendorff's alpha_u over the documents every one has\n" +
			"  answers  percent agreement, Cohen's kappa per pair, Fleiss' kappa, nominal alpha\n" +
			"  claims   claim-span F1; for claims both marked, Cohen's kappa on attribution\n" +
			"           and check-worthy, percent with equal normalized value and qualifier\n" +
			"  worst    the documents with the lowest exact span F1, worst first\n" +
			"A measure undefined for the data (one category only, nothing to pair) is n/a with\n" +
			"the reason in text and null in JSON. --labels counts only that schema's labels.\n" +
			"The JSON is described by annotations/record/schema/agree.schema.json.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return fmt.Errorf("unknown format %q (text or json)", format)
			}
			var only []string
			if labels != "" {
				s, err := loadSchema(labels)
				if err != nil {
					return err
				}
				for _, l := range s.All() {
					only = append(only, l.Name)
				}
			}
			var who []string
			for _, a := range strings.Split(annotators, ",") {
				if a = strings.TrimSpace(a); a != "" {
					who = append(who, a)
				}
			}
			r, err := agreeReport(dbPath(db, "annotations.jsonl"), who, only)
			if err != nil {
				return err
			}
			if format == "json" {
				b, err := json.MarshalIndent(r, "", "  ")
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(cmd.OutOrStdout(), "%s\n", b)
				return err
			}
			return writeAgreeText(stdoutOf(cmd), r)
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "text", "text (a table) or json")
	f.StringVar(&annotators, "annotators", "", "comma-separated annotators to compare (default: all)")
	f.StringVar(&labels, "labels", "", "label schema TOML: count only its labels")
	addDBFlag(f, &db)
	return cmd
}

// agreeReport reads every record of the database, grouped by document, and
// measures them.
func agreeReport(path string, annotators, labels []string) (agree.Report, error) {
	if err := dbMustExist(path); err != nil {
		return agree.Report{}, err
	}
	db, err := store.Open(path)
	if err != nil {
		return agree.Report{}, err
	}
	defer db.Close()
	var docs []agree.Document
	seen := map[string]bool{}
	_, err = db.EachRecord("", func(r record.Record) error {
		seen[r.AnnotatorID] = true
		if n := len(docs); n == 0 || docs[n-1].ID != r.Meta.ID {
			docs = append(docs, agree.Document{ID: r.Meta.ID, Text: r.Text})
		}
		d := &docs[len(docs)-1]
		d.Versions = append(d.Versions, agree.Version{Annotator: r.AnnotatorID, Answer: r.Answer, Spans: r.Spans, Claims: r.Claims})
		return nil
	})
	if err != nil {
		return agree.Report{}, err
	}
	for _, a := range annotators {
		if !seen[a] {
			return agree.Report{}, fmt.Errorf("database %s: no annotator %q (it has %s)", dbShown(path), a, strings.Join(sortedKeys(seen), ", "))
		}
	}
	if len(annotators) == 0 { // gold is compared only when named
		for _, a := range sortedKeys(seen) {
			if a != store.Gold {
				annotators = append(annotators, a)
			}
		}
	}
	return agree.Compute(docs, annotators, labels), nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// writeAgreeText prints the report as aligned tables (columns padded by the
// layout engine's width, so Arabic document ids line up too).
func writeAgreeText(w io.Writer, r agree.Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d documents, annotators %s\n\n", r.Documents, strings.Join(r.Annotators, ", "))
	rows := [][]string{{"spans", "f1 exact", "f1 overlap", "alpha_u"},
		{"all labels", r.Spans.F1Exact.String(), r.Spans.F1Overlap.String(), r.Spans.AlphaU.String()}}
	labels := make([]string, 0, len(r.Spans.ByLabel))
	for l := range r.Spans.ByLabel {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	for _, l := range labels {
		m := r.Spans.ByLabel[l]
		rows = append(rows, []string{"  " + l, m.F1Exact.String(), m.F1Overlap.String(), m.AlphaU.String()})
	}
	for _, p := range r.Spans.Pairs {
		rows = append(rows, []string{"  " + p.A + " / " + p.B, p.F1Exact.String(), p.F1Overlap.String(), ""})
	}
	table(&b, rows)
	rows = [][]string{{"answers", "value"},
		{"percent", r.Answers.Percent.String()},
		{"Fleiss' kappa", r.Answers.FleissKappa.String()},
		{"alpha (nominal)", r.Answers.Alpha.String()}}
	for _, k := range r.Answers.CohenKappa {
		rows = append(rows, []string{"Cohen's kappa " + k.A + " / " + k.B, k.Kappa.String()})
	}
	table(&b, rows)
	c := r.Claims
	table(&b, [][]string{{"claims", "value"},
		{"f1 exact", c.F1Exact.String()},
		{"f1 overlap", c.F1Overlap.String()},
		{"matched (overlap)", fmt.Sprint(c.Matched)},
		{"attribution kappa", c.AttributionKappa.String()},
		{"check-worthy kappa", c.CheckworthyKappa.String()},
		{"same value", c.ValuePercent.String()},
		{"same qualifier", c.QualifierPercent.String()}})
	rows = [][]string{{"worst documents", "f1 exact"}}
	for _, d := range r.Worst {
		rows = append(rows, []string{d.Doc, d.F1Exact.String()})
	}
	table(&b, rows)
	_, err := io.WriteString(w, b.String())
	return err
}

// table writes rows with columns padded to their widest cell, then a blank line.
func table(b *strings.Builder, rows [][]string) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], layout.StringWidth(c))
		}
	}
	for _, r := range rows {
		var line strings.Builder
		for i, c := range r {
			line.WriteString(c)
			if i < len(r)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-layout.StringWidth(c)+2))
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	b.WriteString("\n")
}
