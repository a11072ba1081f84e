package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/export"
	"github.com/hashiya/hashiya/annotations/record"
	"github.com/spf13/cobra"
)

func newExportCmd() *cobra.Command {
	var format, offsets, out, labels, db, annotator string
	var boilerplate bool
	cmd := &cobra.Command{
		Use:   "export --format FORMAT [--db PATH|URL [--annotator A] | ANNOTATIONS.jsonl]",
		Short: "Convert annotations to training formats",
		Long: "Convert an annotations file (default ./annotations.jsonl) to a training format:\n" +
			"  prodigy  records as stored (Prodigy ner_manual/rel superset)\n" +
			"  doccano  JSONL with label [[start,end,label]] and entities/relations\n" +
			"  spacy    JSONL {text, entities [[start,end,label]]}, overlaps resolved longest-first\n" +
			"  conll    token<TAB>IOB2 tag, blank line between text lines\n" +
			"  hf       JSONL {id, tokens, ner_tags} plus labels.json with the tag names\n" +
			"  claims   JSONL, one claim per line\n" +
			"  brat     NAME.txt + NAME.ann per document into --out DIR, NAME the id with\n" +
			"           bytes outside [A-Za-z0-9._-] percent-encoded; documents.json maps\n" +
			"           names to ids, annotation.conf declares the types\n" +
			"Offsets are code points unless --offsets utf16 (doccano, claims only).\n" +
			"Tokens: " + annotations.Tokenization + ".\n" +
			"BOILERPLATE spans are dropped unless --include-boilerplate; documents answered\n" +
			"reject or ignore are skipped except in prodigy format. The input is validated\n" +
			"first as by hashiya validate (with --labels, against that schema); any bad line\n" +
			"stops the export.\n" +
			"With --db, the records are read from the project database instead, streamed from\n" +
			"one read snapshot (edits may go on meanwhile), each checked before it is written;\n" +
			"--annotator keeps one annotator's.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := "annotations.jsonl"
			if len(args) == 1 {
				in = args[0]
			}
			opts := export.ExportOptions{Offsets: offsets, IncludeBoilerplate: boilerplate}
			var check record.ValidateOptions
			if labels != "" {
				s, err := loadSchema(labels)
				if err != nil {
					return err
				}
				opts.Schema = s
				check = record.ValidateOptions{Schema: &s, SchemaName: labels}
			}
			warned := 0
			opts.Warn = func(m string) {
				warned++
				fmt.Fprintln(stderrOf(cmd), "note:", m)
			}
			if db != "" {
				if len(args) == 1 {
					return fmt.Errorf("give the database (--db) or a training file (%s), not both", args[0])
				}
				return runExportDB(cmd, db, annotator, format, out, opts, &warned)
			}
			if annotator != "" {
				return fmt.Errorf("--annotator selects records of a database: give --db")
			}
			return runExport(cmd, in, format, out, opts, check, &warned)
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "", "output format: "+strings.Join(export.Formats, ", "))
	f.StringVar(&offsets, "offsets", "codepoint", "offset unit: codepoint or utf16")
	f.BoolVar(&boilerplate, "include-boilerplate", false, "keep BOILERPLATE spans")
	f.StringVar(&out, "out", "", "output file or directory (default stdout; required for brat)")
	f.StringVar(&labels, "labels", "", "label schema TOML (default: built-in)")
	f.StringVar(&db, "db", "", "read the records from this project database (an SQLite file, or a PostgreSQL URL: postgres://USER@HOST/DATABASE) instead of a training file")
	f.StringVar(&annotator, "annotator", "", "with --db: only this annotator's records")
	cmd.MarkFlagRequired("format")
	return cmd
}

func runExport(cmd *cobra.Command, in, format, out string, opts export.ExportOptions, check record.ValidateOptions, warned *int) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	guard, err := inputGuard(f, in)
	if err != nil {
		f.Close()
		return err
	}
	recs, probs, err := record.ReadRecordsWith(f, in, check)
	f.Close()
	for _, p := range probs {
		fmt.Fprintln(stderrOf(cmd), p)
	}
	if err != nil {
		return err
	}
	if format == export.FormatBrat {
		if out == "" {
			return fmt.Errorf("brat writes one .txt and .ann per document: give --out DIR")
		}
		opts.Dir = out
		opts.Guard = guard.check
		return export.Export(io.Discard, recs, format, opts)
	}
	if out == "" {
		if so, ok := cmd.OutOrStdout().(*os.File); ok {
			if st, err := so.Stat(); err == nil && guard.same(st) {
				return fmt.Errorf("refusing to write to standard output: it is the input %s (redirect it to another file)", in)
			}
		}
		if err := export.Export(cmd.OutOrStdout(), recs, format, opts); err != nil {
			return err
		}
		if format == export.FormatHF {
			names, _ := json.Marshal(export.HFLabels(opts))
			fmt.Fprintf(stderrOf(cmd), "ner_tags names: %s\n", names)
		}
		return nil
	}
	out, err = outFileIn(out, strings.TrimSuffix(filepath.Base(in), ".jsonl"), format)
	if err != nil {
		return err
	}
	lp := strings.TrimSuffix(out, filepath.Ext(out)) + ".labels.json"
	if err := guard.check(out); err != nil {
		return err
	}
	if format == export.FormatHF {
		if err := guard.check(lp); err != nil {
			return err
		}
	}
	if err := writeFileAtomic(out, func(w io.Writer) error { return export.Export(w, recs, format, opts) }); err != nil {
		return err
	}
	if format == export.FormatHF {
		b, _ := json.MarshalIndent(map[string]any{"names": export.HFLabels(opts), "tokenization": annotations.Tokenization}, "", "  ")
		if err := writeFileAtomic(lp, func(w io.Writer) error { _, err := w.Write(append(b, '\n')); return err }); err != nil {
			return err
		}
		fmt.Fprintln(stderrOf(cmd), "wrote", lp)
	}
	fmt.Fprintf(stderrOf(cmd), "wrote %s (%d documents, %d notes)\n", out, len(recs), *warned)
	return nil
}

// writeFileAtomic writes path via a temp file and rename, so an interrupted
// export never leaves a half-written training file behind.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// outFileIn is the file an export writes for --out: out itself, or, when out is a
// directory (or ends in a separator), STEM.FORMAT.jsonl (.conll for CoNLL) inside it.
func outFileIn(out, stem, format string) (string, error) {
	if st, err := os.Stat(out); (err == nil && st.IsDir()) || strings.HasSuffix(out, string(os.PathSeparator)) {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return "", err
		}
		ext := ".jsonl"
		if format == export.FormatCoNLL {
			ext = ".conll"
		}
		return filepath.Join(out, stem+"."+format+ext), nil
	}
	return out, nil
}
