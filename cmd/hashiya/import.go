package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/export"
	"github.com/hashiya/hashiya/annotations/importer"
	"github.com/hashiya/hashiya/annotations/record"
	"github.com/spf13/cobra"
)

func newImportCmd() *cobra.Command {
	var o importer.Options
	var format, out, labels, db string
	cmd := &cobra.Command{
		Use:   "import [--format FORMAT] [--offsets utf16] [--db PATH|URL] [--out FILE] FILE...",
		Short: "Check and bring in annotations made elsewhere (Prodigy, doccano, hashiya)",
		Long: "Read annotation work into hashiya records, each FILE whole or not at all:\n" +
			"  prodigy  Prodigy JSONL (db-out): text, spans, tokens, answer, _annotator_id,\n" +
			"           _session_id, meta; _input_hash/_task_hash kept\n" +
			"  doccano  doccano JSONL: label [[start,end,\"LABEL\"]] or entities/relations;\n" +
			"           CLAIM entities (the claim label of --labels) become claims, CLAIMANT\n" +
			"           relations their claimants\n" +
			"  hashiya  a hashiya training file, with the journals beside it\n" +
			"           (FILE.journal/ANNOTATOR.jsonl) read as the reader reads them\n" +
			"  journal  one journal file alone\n" +
			"The format is detected per file unless --format names it. Offsets are code points\n" +
			"(Python str indices); --offsets utf16 reads doccano files of tools that count UTF-16\n" +
			"units. Every span is checked against its text: offsets inside the text, the text\n" +
			"the file gives equal to text[start:end], both ends between characters (never a\n" +
			"combining mark cut from its letter, never inside an emoji). Any bad line is printed\n" +
			"as FILE:LINE: reason and nothing of that file is taken.\n\n" +
			"Prints what each file holds (documents, spans, claims, answers per annotator).\n" +
			"With --db (or --out, whose database is beside it: annotations.jsonl → annotations.db),\n" +
			"imports every file into the project database, each in one transaction, and records\n" +
			"it (name, size, sha256, time, counts): the same file is refused a second time. A\n" +
			"document an annotator already has in the database is refused, as is an annotator\n" +
			"at work in a running hashiya. With --out, also writes the work of all files as one\n" +
			"new hashiya training file (atomic; never over an existing file).",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Format = importer.Format(format)
			if format == "auto" {
				o.Format = importer.Auto
			}
			if labels != "" {
				s, err := loadSchema(labels)
				if err != nil {
					return err
				}
				o.ClaimLabel = s.Claim.Name
			}
			database := ""
			if db != "" || out != "" {
				database = dbPath(db, out)
			}
			return runImport(cmd, args, o, out, database)
		},
	}
	f := cmd.Flags()
	names := make([]string, len(importer.Formats))
	for i, n := range importer.Formats {
		names[i] = string(n)
	}
	f.StringVar(&format, "format", "auto", "input format: auto, "+strings.Join(names, ", "))
	f.StringVar(&o.Offsets, "offsets", "codepoint", "unit of doccano offsets: codepoint or utf16")
	f.StringVar(&o.Annotator, "annotator", "", "annotator for lines that name none (doccano, Prodigy without _annotator_id)")
	f.StringVar(&o.Session, "session", "", "session for lines that name none (default ANNOTATOR-import)")
	f.StringVar(&out, "out", "", "write the imported work as a new hashiya training file")
	addDBFlag(f, &db)
	f.StringVar(&labels, "labels", "", "label schema TOML whose claim label marks doccano claims (default CLAIM)")
	return cmd
}

func runImport(cmd *cobra.Command, paths []string, o importer.Options, out, database string) error {
	if err := o.Check(); err != nil {
		return err
	}
	if out != "" {
		for _, p := range []string{out, out + ".journal"} {
			if _, err := os.Lstat(p); err == nil {
				return fmt.Errorf("refusing to write %s: %s exists (import into a new file)", out, p)
			}
		}
		return importWithOut(cmd, paths, o, out, database)
	}
	stdout, stderr := stdoutOf(cmd), stderrOf(cmd)
	if database != "" && len(paths) == 1 {
		// One file is read once, straight into its transaction.
		return importIntoDB(stdout, stderr, database, paths, o)
	}
	// Several files are all checked first, so that a file that fails to
	// read imports nothing of any; records are counted, not kept.
	var all summary
	failed := 0
	for _, p := range paths {
		var sum summary
		f, err := importer.Each(p, o, func(r record.Record, _ importer.Pos) error { sum.add(r); return nil })
		if reportUnread(stderr, p, err) {
			failed++
			continue
		}
		sum.print(stdout, fmt.Sprintf("%s (%s)", f.Name, f.Format), f.Warnings)
		all.merge(sum)
	}
	if n := len(paths) - failed; n > 1 {
		all.print(stdout, fmt.Sprintf("all %d files", n), nil)
	}
	if failed > 0 {
		msg := fmt.Sprintf("%d of %d file(s) not imported", failed, len(paths))
		if database != "" {
			msg += "; nothing imported into " + database
		}
		return errors.New(msg)
	}
	if database == "" {
		return nil
	}
	return importIntoDB(nil, stderr, database, paths, o)
}

// reportUnread prints why a file was not read, if it was not.
func reportUnread(w io.Writer, path string, err error) bool {
	var ie *importer.Error
	switch {
	case errors.As(err, &ie):
		for _, pr := range ie.Problems {
			fmt.Fprintln(w, pr)
		}
		fmt.Fprintf(w, "%s: not imported (%d problem(s))\n", path, len(ie.Problems))
	case err != nil:
		fmt.Fprintf(w, "%s: not imported: %v\n", path, err)
	}
	return err != nil
}

// importWithOut reads every file whole, checks them together, imports each
// into the database and writes them all as one new training file.
func importWithOut(cmd *cobra.Command, paths []string, o importer.Options, out, database string) error {
	stdout, stderr := stdoutOf(cmd), stderrOf(cmd)
	var files []*importer.File
	var all summary
	failed := 0
	for _, p := range paths {
		f, err := importer.Open(p, o)
		if reportUnread(stderr, p, err) {
			failed++
			continue
		}
		files = append(files, f)
		var sum summary
		for _, r := range f.Records {
			sum.add(r)
		}
		sum.print(stdout, fmt.Sprintf("%s (%s)", f.Name, f.Format), f.Warnings)
		all.merge(sum)
	}
	if len(files) > 1 {
		all.print(stdout, fmt.Sprintf("all %d files", len(files)), nil)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d file(s) not imported; nothing written to %s; nothing imported into %s", failed, len(paths), out, database)
	}
	recs, err := importer.Combine(files)
	if err != nil {
		var ie *importer.Error
		if errors.As(err, &ie) {
			for _, pr := range ie.Problems {
				fmt.Fprintln(stderr, pr)
			}
			return fmt.Errorf("the files do not go together (%d problem(s)); nothing written to %s", len(ie.Problems), out)
		}
		return err
	}
	if err := importFilesIntoDB(stderr, database, files); err != nil {
		return fmt.Errorf("%w; nothing written to %s", err, out)
	}
	// The prodigy export writes records as they are; keep every span.
	opts := export.ExportOptions{IncludeBoilerplate: true}
	if err := writeFileAtomic(out, func(w io.Writer) error {
		return export.Export(w, recs, export.FormatProdigy, opts)
	}); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %s (%d records)\n", out, len(recs))
	return nil
}

// summary counts what records hold, in all and per annotator.
type summary struct {
	total importer.Count
	per   map[string]*importer.Count
}

func (s *summary) add(r record.Record) {
	s.total.Add(r)
	if s.per == nil {
		s.per = map[string]*importer.Count{}
	}
	c := s.per[r.AnnotatorID]
	if c == nil {
		c = &importer.Count{}
		s.per[r.AnnotatorID] = c
	}
	c.Add(r)
}

func (s *summary) merge(o summary) {
	s.total.Merge(o.total)
	for a, c := range o.per {
		if s.per == nil {
			s.per = map[string]*importer.Count{}
		}
		if s.per[a] == nil {
			s.per[a] = &importer.Count{}
		}
		s.per[a].Merge(*c)
	}
}

// print writes the summary under title, then the file's notes.
func (s *summary) print(w io.Writer, title string, notes []string) {
	fmt.Fprintf(w, "%s: %s\n", title, countLine(s.total))
	who := make([]string, 0, len(s.per))
	for a := range s.per {
		who = append(who, a)
	}
	sort.Strings(who)
	for _, a := range who {
		fmt.Fprintf(w, "  %s: %s\n", a, countLine(*s.per[a]))
	}
	for _, n := range notes {
		fmt.Fprintln(w, "  note:", n)
	}
}

func countLine(c importer.Count) string {
	s := fmt.Sprintf("%d documents, %d spans, %d claims, %d answers", c.Documents, c.Spans, c.Claims, c.AnswerTotal())
	var parts []string
	for _, a := range []string{annotations.AnswerAccept, annotations.AnswerReject, annotations.AnswerIgnore} {
		if n := c.Answers[a]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, a))
		}
	}
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	return s
}
