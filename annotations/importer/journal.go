package importer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/hashiya/hashiya/annotations/journal"
	"github.com/hashiya/hashiya/annotations/record"
)

// readJournal rebuilds one annotator's documents from a journal with the
// Store's own replay (journal.ReplayJournal): what the reader would load.
// A torn last line is left out with a warning, as the reader leaves it out;
// damage in the middle is an error for each line.
func readJournal(data []byte, name string, o Options) (*File, error) {
	who := journalAnnotator(name)
	if who == "" {
		who = o.Annotator
	}
	if who == "" {
		return nil, fileErr(name, record.Problem{File: name, Line: 1,
			Msg: "a journal is named <annotator>.jsonl in <training file>.journal/; give the annotator with --annotator"})
	}
	rep := journal.ReplayJournal(data, who, "")
	out := &File{Name: name, Format: Journal}
	var probs []record.Problem
	for _, b := range rep.Bad {
		probs = append(probs, record.Problem{File: name, Line: b.Line, Msg: b.Msg})
	}
	for i, r := range rep.Records {
		for _, m := range checkBoundaries(r) {
			probs = append(probs, record.Problem{File: name, Line: rep.Lines[i], Msg: fmt.Sprintf("document %q: %s", r.Meta.ID, m)})
		}
		r.SessionID = o.Session
		if r.SessionID == "" { // the journal does not say; the reader names sessions so
			r.SessionID = who + "-" + time.Unix(r.Timestamp, 0).UTC().Format("2006-01-02")
		}
		out.Records = append(out.Records, r)
		out.From = append(out.From, Pos{name, rep.Lines[i]})
	}
	probs = append(probs, crossCheck(out.Records, out.From)...)
	if len(probs) > 0 {
		return nil, fileErr(name, probs...)
	}
	if t := rep.Torn; t != nil {
		out.Warnings = append(out.Warnings, fmt.Sprintf("%s:%d: incomplete last line (%s) left out, as the reader leaves it out", name, t.Line, t.Msg))
	}
	return out, nil
}

// journalAnnotator is the annotator a journal's path names, "" if none.
func journalAnnotator(name string) string {
	base := filepath.Base(name)
	if !strings.HasSuffix(filepath.Dir(name), ".journal") || !strings.HasSuffix(base, ".jsonl") {
		return ""
	}
	return strings.TrimSuffix(base, ".jsonl")
}

// Open imports the file at path. A hashiya training file is read with the
// journals beside it ("<path>.journal/<annotator>.jsonl") the way the reader
// opens them: for each annotator with a journal, the journal's documents
// replace that annotator's lines of the file, and the file's other lines of
// that annotator are kept (the reader adopts them). The result is what the
// reader would write on quitting, for every annotator at once.
//
// A training file not written yet (the reader was stopped before its first
// write) or empty, beside a journal directory, is its journals alone.
func Open(path string, o Options) (*File, error) {
	jdir := path + ".journal"
	des, jerr := os.ReadDir(jdir)
	if jerr != nil && !errors.Is(jerr, os.ErrNotExist) {
		return nil, jerr
	}
	hasJournals := jerr == nil && (o.Format == Auto || o.Format == Hashiya)
	var file *File
	f, err := os.Open(path)
	switch {
	case errors.Is(err, os.ErrNotExist) && hasJournals:
		file = &File{Name: path, Format: Hashiya}
	case err != nil:
		return nil, err
	default:
		file, err = Read(f, path, o)
		f.Close()
		if err != nil {
			return nil, err
		}
		if file.Format == Auto && hasJournals { // empty
			file.Format = Hashiya
		}
	}
	if file.Format != Hashiya || !hasJournals {
		return file, nil
	}
	var journals []*File
	var probs []record.Problem
	for _, de := range des { // sorted by name; .torn-* and .corrupt-* copies are not journals
		if de.IsDir() || !strings.HasSuffix(de.Name(), ".jsonl") {
			continue
		}
		jp := filepath.Join(jdir, de.Name())
		data, err := os.ReadFile(jp)
		if err != nil {
			return nil, err
		}
		jo := o
		jo.Annotator = ""
		j, err := readJournal(data, jp, jo)
		var ie *Error
		if errors.As(err, &ie) {
			probs = append(probs, ie.Problems...)
			continue
		}
		if err != nil {
			return nil, err
		}
		journals = append(journals, j)
	}
	if len(probs) > 0 {
		return nil, fileErr(path, probs...)
	}
	merged := merge(file, journals)
	if probs := crossCheck(merged.Records, merged.From); len(probs) > 0 {
		return nil, fileErr(path, probs...)
	}
	return merged, nil
}

// merge lays journals over their training file as Store.Open does: a
// journal's document replaces the file's line for that document and
// annotator (keeping the line's session), lines it does not know stay, and
// documents only in the journal follow the file's lines.
func merge(training *File, journals []*File) *File {
	type key struct{ annotator, doc string }
	replace := map[key]int{} // → index in all
	var all []record.Record
	var from []Pos
	for _, j := range journals {
		for i, r := range j.Records {
			replace[key{r.AnnotatorID, r.Meta.ID}] = len(all)
			all = append(all, r)
			from = append(from, j.From[i])
		}
	}
	out := &File{Name: training.Name, Format: Hashiya, Warnings: append([]string(nil), training.Warnings...)}
	placed := map[int]bool{}
	for i, r := range training.Records {
		if j, ok := replace[key{r.AnnotatorID, r.Meta.ID}]; ok && !placed[j] {
			placed[j] = true
			jr := all[j]
			jr.SessionID = r.SessionID
			out.Records = append(out.Records, jr)
			out.From = append(out.From, from[j])
			continue
		}
		out.Records = append(out.Records, r)
		out.From = append(out.From, training.From[i])
	}
	rest := make([]int, 0, len(all))
	for j := range all {
		if !placed[j] {
			rest = append(rest, j)
		}
	}
	sort.Ints(rest)
	for _, j := range rest {
		out.Records = append(out.Records, all[j])
		out.From = append(out.From, from[j])
	}
	for _, j := range journals {
		out.Warnings = append(out.Warnings, j.Warnings...)
	}
	return out
}
