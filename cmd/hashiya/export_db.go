package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/export"
	"github.com/hashiya/hashiya/annotations/record"
	"github.com/hashiya/hashiya/annotations/store"
	"github.com/spf13/cobra"
)

// streamable formats write each record on its own, so records go out one at
// a time as the database gives them; conll (one header for the file) and
// brat (a mapping file over every document) take them all first.
var streamable = map[string]bool{
	export.FormatProdigy: true, export.FormatDoccano: true, export.FormatSpacy: true,
	export.FormatHF: true, export.FormatClaims: true,
}

// runExportDB exports the records of a project database.
func runExportDB(cmd *cobra.Command, path, annotator, format, out string, opts export.ExportOptions, warned *int) error {
	if err := dbMustExist(path); err != nil {
		return err // never create an empty one to export
	}
	if !slicesContains(export.Formats, format) {
		return fmt.Errorf("unknown format %q (one of %v)", format, export.Formats)
	}
	db, err := store.Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	if format == export.FormatBrat {
		if out == "" {
			return fmt.Errorf("brat writes one .txt and .ann per document: give --out DIR")
		}
		recs, err := allRecords(db, annotator)
		if err != nil {
			return err
		}
		opts.Dir = out
		return export.Export(io.Discard, recs, format, opts)
	}
	write := func(w io.Writer) (int, error) { return exportRecords(w, db, annotator, format, opts) }
	if out == "" {
		if _, err := write(cmd.OutOrStdout()); err != nil {
			return err
		}
		if format == export.FormatHF {
			names, _ := json.Marshal(export.HFLabels(opts))
			fmt.Fprintf(stderrOf(cmd), "ner_tags names: %s\n", names)
		}
		return nil
	}
	out, err = outFileIn(out, dbStem(path), format)
	if err != nil {
		return err
	}
	if same(out, db.Path()) {
		return fmt.Errorf("refusing to write %s: it is the database", out)
	}
	n := 0
	if err := writeFileAtomic(out, func(w io.Writer) error { var err error; n, err = write(w); return err }); err != nil {
		return err
	}
	if format == export.FormatHF {
		lp := strings.TrimSuffix(out, filepath.Ext(out)) + ".labels.json"
		b, _ := json.MarshalIndent(map[string]any{"names": export.HFLabels(opts), "tokenization": annotations.Tokenization}, "", "  ")
		if err := writeFileAtomic(lp, func(w io.Writer) error { _, err := w.Write(append(b, '\n')); return err }); err != nil {
			return err
		}
		fmt.Fprintln(stderrOf(cmd), "wrote", lp)
	}
	fmt.Fprintf(stderrOf(cmd), "wrote %s (%d documents, %d notes)\n", out, n, *warned)
	return nil
}

// exportRecords writes the database's records in format to w.
func exportRecords(w io.Writer, db *store.DB, annotator, format string, opts export.ExportOptions) (int, error) {
	if !streamable[format] {
		recs, err := allRecords(db, annotator)
		if err != nil {
			return 0, err
		}
		return len(recs), export.Export(w, recs, format, opts)
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	one := make([]record.Record, 1)
	n, err := db.EachRecord(annotator, func(r record.Record) error {
		one[0] = r
		return export.Export(bw, one, format, opts)
	})
	if err != nil {
		return n, err
	}
	return n, bw.Flush()
}

func allRecords(db *store.DB, annotator string) ([]record.Record, error) {
	var recs []record.Record
	_, err := db.EachRecord(annotator, func(r record.Record) error { recs = append(recs, r); return nil })
	return recs, err
}

func same(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

func slicesContains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
