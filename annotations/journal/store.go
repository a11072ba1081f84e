package journal

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
	"strings"
	"sync"
	"time"
)

// StoreOptions configure Open.
type StoreOptions struct {
	// Out is the annotations JSONL file, e.g. "annotations.jsonl".
	Out string
	// Annotator names whose journal and records this store owns; it becomes
	// _annotator_id. [A-Za-z0-9._-]+; defaults to $USER or "annotator".
	Annotator string
	// Session becomes _session_id; defaults to "<annotator>-<YYYY-MM-DD>".
	Session string
	// Salvage lets Open continue past corruption in the middle of the
	// journal: readable lines are loaded, the damaged journal is kept as
	// "<journal>.corrupt-<time>", a clean journal is rebuilt, and every
	// skipped line is listed in Warnings. Without it Open fails with a
	// *JournalError naming file and line.
	Salvage bool
}

// Store holds one annotator's annotations for one Out file. It is safe for
// concurrent use: every method takes an internal mutex, so the TUI may call
// Flush from a goroutine while handling keys. Flush serialises the records
// under the mutex and writes the file outside it.
type Store struct {
	mu      sync.Mutex
	flushMu sync.Mutex
	opts    StoreOptions
	lock    *fileLock

	jpath   string
	jf      *os.File
	jgood   int64 // journal bytes known written and fsync'd
	jdirty  bool  // a failed write may have left bytes after jgood
	seq     uint64
	pending [][]byte // journal lines not yet durable, retried on every write

	docs     map[string]*docState
	order    []string  // doc IDs in first-touch order
	others   [][]byte  // Out lines this store does not own, kept verbatim
	outStamp fileStamp // Out as last read or written, to notice outside edits
	warnings []string
	closed   bool
	gen      uint64 // bumped by every change; Out is current when gen == outGen
	outGen   uint64

	// Test hooks for failure injection; nil means the real thing.
	hookJournalWrite func(f *os.File, b []byte) (int, error)
	hookOutWrite     func(f *os.File, b []byte) (int, error)
	hookRecord       func(r *record.Record) // a test corrupts a rendered record here
	hookBeforeRename func(tmp string) error
	now              func() time.Time
}

// ErrClosed is returned by methods called after Close.
var ErrClosed = errors.New("annotation store is closed")

// NotDurableError means a change was applied in memory but could not yet be
// written to the journal (disk full, I/O error). The change is kept and the
// write is retried by every later change, Flush and Close; tell the user.
type NotDurableError struct {
	Path    string
	Pending int // journal lines waiting
	Err     error
}

func (e *NotDurableError) Error() string {
	return fmt.Sprintf("journal %s: %v (%d change(s) kept in memory, not yet on disk; will retry)", e.Path, e.Err, e.Pending)
}

func (e *NotDurableError) Unwrap() error { return e.Err }

// IsNotDurable reports whether err is a *NotDurableError: the change was
// made and is kept, only its durability is pending.
func IsNotDurable(err error) bool {
	var nd *NotDurableError
	return errors.As(err, &nd)
}

// JournalError reports lines of a journal that could not be replayed.
type JournalError struct {
	File  string
	Lines []string // "LINE: reason"
}

func (e *JournalError) Error() string {
	return fmt.Sprintf("journal %s is damaged in the middle (nothing was changed; rerun with --salvage to load the readable lines and keep a copy of the damaged file):\n  %s:%s",
		e.File, e.File, strings.Join(e.Lines, "\n  "+e.File+":"))
}

// Open locks opts.Out (refusing if another hashiya holds it), replays the
// annotator's journal "<Out>.journal/<annotator>.jsonl", and adopts this
// annotator's records from Out that the journal does not know (e.g. a file
// copied from another machine). A torn last journal line is moved to
// "<journal>.torn-<time>" with a warning.
func Open(opts StoreOptions) (*Store, error) {
	if opts.Out == "" {
		return nil, errors.New("no annotations file given")
	}
	if opts.Annotator == "" {
		opts.Annotator = "annotator"
		if u, err := user.Current(); err == nil && annotations.ValidAnnotator(u.Username) {
			opts.Annotator = u.Username
		}
	}
	if !annotations.ValidAnnotator(opts.Annotator) || strings.Trim(opts.Annotator, ".") == "" {
		return nil, fmt.Errorf("annotator %q: use letters, digits, '.', '_' or '-'", opts.Annotator)
	}
	if opts.Session == "" {
		opts.Session = opts.Annotator + "-" + time.Now().Format("2006-01-02")
	}
	abs, err := filepath.Abs(opts.Out) // immune to later chdir
	if err != nil {
		return nil, err
	}
	opts.Out = abs
	if err := os.MkdirAll(filepath.Dir(opts.Out), 0o755); err != nil {
		return nil, err
	}
	lk, err := acquireLock(opts.Out)
	if err != nil {
		return nil, err
	}
	s := &Store{opts: opts, lock: lk, docs: map[string]*docState{}, now: time.Now, gen: 1}
	if err := s.open(); err != nil {
		if s.jf != nil {
			s.jf.Close()
		}
		lk.release()
		return nil, err
	}
	return s, nil
}

func (s *Store) open() error {
	s.removeStaleTemps()
	jdir := s.opts.Out + ".journal"
	if err := os.MkdirAll(jdir, 0o755); err != nil {
		return err
	}
	s.jpath = filepath.Join(jdir, s.opts.Annotator+".jsonl")
	data, err := os.ReadFile(s.jpath)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	sr := scanJournal(data)
	var problems []string
	for _, b := range sr.bad {
		problems = append(problems, fmt.Sprintf("%d: %v", b.Line, b.Err))
	}
	for i, e := range sr.entries {
		if err := s.replay(e); err != nil {
			problems = append(problems, fmt.Sprintf("%d: %v", sr.lines[i], err))
		}
	}
	if len(problems) > 0 && !s.opts.Salvage {
		return &JournalError{File: s.jpath, Lines: problems}
	}
	stamp := s.now().Format("20060102-150405")
	if sr.torn != nil {
		// An interrupted append: keep the bytes for forensics, cut them
		// off so the next append does not glue onto them.
		aside := s.jpath + ".torn-" + stamp
		if err := os.WriteFile(aside, data[sr.good:], 0o644); err != nil {
			return fmt.Errorf("saving torn journal tail: %w", err)
		}
		if err := os.Truncate(s.jpath, sr.good); err != nil {
			return err
		}
		s.warn("journal %s:%d: incomplete last line (%v) ignored; its bytes are in %s",
			s.jpath, sr.torn.Line, sr.torn.Err, aside)
	}
	s.seq = sr.lastSeq
	if len(problems) > 0 { // salvage
		aside := s.jpath + ".corrupt-" + stamp
		if err := os.Rename(s.jpath, aside); err != nil {
			return err
		}
		for _, p := range problems {
			s.warn("journal %s:%s (skipped; original kept as %s)", s.jpath, p, aside)
		}
		s.seq = 0
	}
	s.jf, err = os.OpenFile(s.jpath, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	st, err := s.jf.Stat()
	if err != nil {
		return err
	}
	s.jgood = st.Size()
	if len(problems) > 0 {
		// Rebuild a clean journal from what was loaded.
		for _, id := range s.order {
			d := s.docs[id]
			if err := s.queue(snapshotEntry(d, "salvage", d.Updated())); err != nil {
				return err
			}
		}
		if err := s.syncPending(); err != nil {
			return err
		}
		syncDir(filepath.Dir(s.jpath))
	}
	return s.loadOut(true)
}

// replay applies one journal entry, all or nothing.
func (s *Store) replay(e entry) error {
	if e.Doc != nil {
		if err := s.addDoc(*e.Doc); err != nil {
			return err
		}
		d := s.docs[e.Doc.ID]
		d.SetUpdated(max(d.Updated(), e.TS))
	}
	var done []mut
	for _, m := range e.Muts {
		before := s.current(m)
		if err := s.apply(m, e.TS); err != nil {
			s.rollback(done, e.TS)
			return err
		}
		done = append(done, before)
	}
	return nil
}

func (s *Store) rollback(before []mut, ts int64) {
	for i := len(before) - 1; i >= 0; i-- {
		_ = s.apply(before[i], ts)
	}
}

// snapshotEntry recreates a document's whole state in one entry.
func snapshotEntry(d *docState, op string, ts int64) entry {
	return snapshotOf(d.Info(), d.Spans(), d.Claims(), d.Answer(), op, ts)
}

// snapshotOf is the entry that recreates a document with these sorted spans
// and claims and this answer.
func snapshotOf(info annotations.DocInfo, spans []annotations.Span, claims []annotations.Claim, answer, op string, ts int64) entry {
	e := entry{TS: ts, Op: op, Doc: &info}
	for _, sp := range spans {
		e.Muts = append(e.Muts, mut{Doc: info.ID, Span: &sp})
	}
	for _, c := range claims {
		e.Muts = append(e.Muts, mut{Doc: info.ID, Claim: &c})
	}
	if answer != "" {
		a := answer
		e.Muts = append(e.Muts, mut{Doc: info.ID, Answer: &a})
	}
	return e
}

// queue encodes e as the next journal line and adds it to pending.
func (s *Store) queue(e entry) error {
	line, err := encodeLine(s.seq+1, e)
	if err != nil {
		return err
	}
	s.seq++
	s.pending = append(s.pending, line)
	return nil
}

// syncPending writes and fsyncs all pending journal lines. On failure they
// stay pending, and the next attempt first cuts off any partial write.
func (s *Store) syncPending() error {
	if len(s.pending) == 0 {
		return nil
	}
	if s.jdirty {
		if err := s.jf.Truncate(s.jgood); err != nil {
			return fmt.Errorf("journal %s: %w", s.jpath, err)
		}
		s.jdirty = false
	}
	buf := bytes.Join(s.pending, nil)
	write := s.hookJournalWrite
	if write == nil {
		write = (*os.File).Write
	}
	_, err := write(s.jf, buf)
	if err == nil {
		err = s.jf.Sync()
	}
	if err != nil {
		// Even a failed fsync may leave bytes whose durability is unknown:
		// rewrite them next time rather than trust them.
		s.jdirty = true
		return &NotDurableError{Path: s.jpath, Pending: len(s.pending), Err: err}
	}
	s.jgood += int64(len(buf))
	s.pending = nil
	return nil
}

func (s *Store) warn(f string, a ...any) { s.warnings = append(s.warnings, fmt.Sprintf(f, a...)) }

// Warnings returns non-fatal problems found so far (torn journal tail,
// records kept verbatim, skipped journal lines).
func (s *Store) Warnings() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.warnings...)
}

// Close flushes Out and the journal and releases the lock. If anything could
// not be made durable it returns the error and stays open (lock held), so
// the caller can retry or tell the user; nothing is dropped.
func (s *Store) Close() error {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		return nil
	}
	if err := s.Flush(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.syncPending(); err != nil {
		return err
	}
	s.closed = true
	err := s.jf.Close()
	if lerr := s.lock.release(); err == nil {
		err = lerr
	}
	return err
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
