package journal

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

// fileStamp identifies a version of Out, to notice edits by other tools.
type fileStamp struct {
	size  int64
	mtime time.Time
}

func stampOf(path string) fileStamp {
	st, err := os.Stat(path)
	if err != nil {
		return fileStamp{size: -1}
	}
	return fileStamp{st.Size(), st.ModTime()}
}

// loadOut reads Out. Lines of other annotators, and lines that are not
// valid records, are kept verbatim and written back by every Flush. With
// adopt, this annotator's valid records for documents the journal does not
// know are taken into the store (and journalled).
func (s *Store) loadOut(adopt bool) error {
	f, err := os.Open(s.opts.Out)
	if errors.Is(err, os.ErrNotExist) {
		s.outStamp = fileStamp{size: -1}
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	s.others = nil
	br := bufio.NewReaderSize(f, 1<<20) // no line limit: a record may be any length
	for n := 1; ; n++ {
		raw, rerr := br.ReadBytes('\n')
		if rerr != nil && rerr != io.EOF {
			return fmt.Errorf("%s: %w", s.opts.Out, rerr)
		}
		if rerr == io.EOF && len(raw) == 0 {
			break
		}
		line := bytes.TrimRight(raw, "\r\n")
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		keep := append([]byte(nil), line...)
		// Decode only the owner first: most lines are other annotators' or
		// already known from the journal, and full records are large.
		var r record.Record
		var head struct {
			Meta        struct{ ID string } `json:"meta"`
			AnnotatorID string              `json:"_annotator_id"`
		}
		if err := json.Unmarshal(line, &head); err != nil {
			s.warn("%s:%d: not a record (%v); kept as-is", s.opts.Out, n, err)
			s.others = append(s.others, keep)
			continue
		}
		r.Meta.ID, r.AnnotatorID = head.Meta.ID, head.AnnotatorID
		if r.AnnotatorID != s.opts.Annotator {
			s.others = append(s.others, keep)
			continue
		}
		if d := s.docs[r.Meta.ID]; d != nil {
			if d.lastGood == nil {
				d.lastGood = keep // the journal is newer; keep this as fallback
			}
			continue
		}
		if !adopt {
			s.others = append(s.others, keep)
			continue
		}
		if err := json.Unmarshal(line, &r); err != nil {
			s.warn("%s:%d: own record for %q does not decode (%v); kept as-is, not loaded", s.opts.Out, n, r.Meta.ID, err)
			s.others = append(s.others, keep)
			continue
		}
		if probs := record.CheckRecord(r); len(probs) > 0 {
			s.warn("%s:%d: own record for %q has problems (%s); kept as-is, not loaded",
				s.opts.Out, n, r.Meta.ID, strings.Join(probs, "; "))
			s.others = append(s.others, keep)
			continue
		}
		if err := s.adopt(r, keep); err != nil {
			s.warn("%s:%d: cannot load record for %q (%v); kept as-is", s.opts.Out, n, r.Meta.ID, err)
			s.others = append(s.others, keep)
		}
	}
	s.outStamp = stampOf(s.opts.Out)
	return nil
}

// adopt loads a record into the store as one journalled snapshot entry.
func (s *Store) adopt(r record.Record, line []byte) error {
	info := annotations.DocInfo{ID: r.Meta.ID, Text: r.Text, Source: r.Meta.Source, Lang: r.Meta.Lang}
	spans, claims := map[string]annotations.Span{}, map[string]annotations.Claim{}
	for _, sp := range r.Spans {
		spans[sp.ID] = sp
	}
	for _, c := range r.Claims {
		claims[c.ID] = annotations.CloneClaim(c)
	}
	e := snapshotOf(info, annotations.SortedSpans(spans), annotations.SortedClaims(claims), r.Answer,
		"adopt "+filepath.Base(s.opts.Out), r.Timestamp*1000)
	if err := s.replay(e); err != nil {
		delete(s.docs, info.ID)
		s.order = s.order[:len(s.order)-1]
		return err
	}
	s.docs[info.ID].lastGood = line
	if err := s.queue(e); err != nil {
		return err
	}
	if err := s.syncPending(); err != nil {
		s.warn("%v", err) // the record is still in Out, and pending
	}
	return nil
}

// FlushError lists documents whose records failed the pre-write check.
// Their previous line (if any) was written instead; the store keeps the
// in-memory state and the journal, so nothing is lost.
type FlushError struct{ Problems []string }

func (e *FlushError) Error() string {
	return "records not written: " + strings.Join(e.Problems, "; ")
}

// Flush atomically rewrites Out: other annotators' lines verbatim, then one
// line per document of this annotator, each checked (text[start:end] ==
// text for every span and claim) before it is written. It first retries
// pending journal writes and, while they fail, returns that error without
// touching Out (Out must never be newer than the journal). Safe to call
// from any goroutine.
func (s *Store) Flush() error {
	s.flushMu.Lock()
	defer s.flushMu.Unlock()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	if jerr := s.syncPending(); jerr != nil {
		// Never let Out get ahead of the journal: at Open the journal wins
		// for documents it knows, so a newer Out line would be discarded.
		s.mu.Unlock()
		return jerr
	}
	if st := stampOf(s.opts.Out); st != s.outStamp {
		s.warn("%s was changed by another program; its other lines were re-read", s.opts.Out)
		if err := s.loadOut(false); err != nil {
			s.mu.Unlock()
			return err
		}
		s.gen++
	}
	if s.gen == s.outGen { // nothing changed since the last good write
		s.mu.Unlock()
		return nil
	}
	gen := s.gen
	lines := append([][]byte(nil), s.others...)
	written := map[*docState][]byte{}
	var probs []string
	for _, id := range s.order {
		d := s.docs[id]
		if d.line == nil {
			r := s.record(d)
			if p := record.CheckRecord(r); len(p) > 0 {
				probs = append(probs, fmt.Sprintf("%s: %s", id, strings.Join(p, "; ")))
			} else if b, err := json.Marshal(r); err != nil {
				probs = append(probs, fmt.Sprintf("%s: %v", id, err))
			} else {
				d.line = b
			}
		}
		line := d.line
		if line == nil {
			line = d.lastGood
		}
		if line != nil {
			lines = append(lines, line)
			written[d] = line
		}
	}
	s.mu.Unlock()

	werr := s.writeAtomic(lines)
	s.mu.Lock()
	if werr == nil {
		for d, l := range written {
			d.lastGood = l
		}
		s.outStamp = stampOf(s.opts.Out)
		if len(probs) == 0 {
			s.outGen = gen
		}
	}
	s.mu.Unlock()
	var ferr error
	if len(probs) > 0 {
		ferr = &FlushError{Problems: probs}
	}
	return errors.Join(werr, ferr)
}

// writeAtomic replaces Out with lines: temp file in the same directory,
// write, fsync, rename over Out, fsync the directory. A crash at any point
// leaves either the old or the new file, never a mix.
func (s *Store) writeAtomic(lines [][]byte) error {
	dir, base := filepath.Split(s.opts.Out)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", s.opts.Out, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	write := s.hookOutWrite
	if write == nil {
		write = (*os.File).Write
	}
	// Stream through a buffer: one 300 MB bytes.Buffer cost seconds in
	// growth and zeroing at 10,000 documents.
	bw := bufio.NewWriterSize(writerFunc(func(b []byte) (int, error) { return write(tmp, b) }), 1<<20)
	for _, l := range lines {
		bw.Write(l)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", s.opts.Out, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("fsync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if s.hookBeforeRename != nil {
		if err := s.hookBeforeRename(tmp.Name()); err != nil {
			done = errors.Is(err, errSimulatedCrash) // a crash leaves the temp file behind
			return err
		}
	}
	if err := os.Rename(tmp.Name(), s.opts.Out); err != nil {
		return fmt.Errorf("replace %s: %w", s.opts.Out, err)
	}
	done = true
	return syncDir(dir)
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

var errSimulatedCrash = errors.New("simulated crash")

// removeStaleTemps deletes temp files left by a crash during Flush. Safe:
// we hold the lock, so no other writer owns them.
func (s *Store) removeStaleTemps() {
	dir, base := filepath.Split(s.opts.Out)
	if dir == "" {
		dir = "."
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "."+base+".tmp-*"))
	for _, m := range matches {
		os.Remove(m)
	}
}
