package tui

import (
	"errors"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/store"
)

// testDB is a session on a database beside the training file out, as the reader opens
// one; tests read what was committed through it.
type testDB struct {
	*store.Session
	db   *store.DB
	out  string
	once sync.Once
	shut bool
}

// closed reports a session already closed (by the App at quit, or by Close).
func (s *testDB) closed() bool {
	_, err := s.Session.Doc("")
	return s.shut || err != nil && strings.Contains(err.Error(), "closed")
}

func dbBeside(out string) string { return strings.TrimSuffix(out, ".jsonl") + ".db" }

func openSession(t testing.TB, out, annotator string) (*testDB, error) {
	t.Helper()
	db, err := store.Open(dbBeside(out))
	if err != nil {
		return nil, err
	}
	s, err := db.Session(annotator)
	if err != nil {
		db.Close()
		return nil, err
	}
	return &testDB{Session: s, db: db, out: out}, nil
}

// Close ends the session and the database, once.
func (s *testDB) Close() error {
	var err error
	s.once.Do(func() { err, s.shut = errors.Join(s.Session.Close(), s.db.Close()), true })
	return err
}

// export writes the training file from the database, as the reader's Export does.
func (s *testDB) export() error {
	_, err := s.db.ExportTraining(s.out)
	return err
}

func (s *testDB) view(doc string) annotations.DocView {
	v, _ := s.Doc(doc)
	return v
}

// Spans are the committed spans of doc overlapping [start,end).
func (s *testDB) Spans(doc string, start, end int) []annotations.Span {
	var out []annotations.Span
	for _, sp := range s.view(doc).Spans {
		if overlaps(sp.Start, sp.End, start, end) {
			out = append(out, sp)
		}
	}
	return out
}

// Claims are the committed claims of doc overlapping [start,end).
func (s *testDB) Claims(doc string, start, end int) []annotations.Claim {
	var out []annotations.Claim
	for _, c := range s.view(doc).Claims {
		if overlaps(c.Span.Start, c.Span.End, start, end) {
			out = append(out, c)
		}
	}
	return out
}

// allOf is every committed span of doc.
func (s *testDB) allSpans(doc string) []annotations.Span { return s.Spans(doc, 0, math.MaxInt) }
