package journal

import (
	"bytes"
	"os"
)

// Unsaved says what exists only in memory: the changes whose journal lines could not be
// written yet (a full disk), and the documents they change, in order. A caller that
// cannot save tells the user this before a quit that would lose them.
func (s *Store) Unsaved() (changes int, docs []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := map[string]bool{}
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			docs = append(docs, id)
		}
	}
	for _, line := range s.pending {
		_, e, err := decodeLine(bytes.TrimSuffix(line, []byte{'\n'}))
		if err != nil {
			continue // cannot happen: the store encoded it
		}
		if e.Doc != nil {
			add(e.Doc.ID)
		}
		for _, m := range e.Muts {
			add(m.Doc)
		}
	}
	return len(s.pending), docs
}

// FailJournalWrites makes every later journal write fail with err, as a full disk does,
// until it is called with nil. It is for tests of code built on a Store (the reader's
// quit); the store behaves as on a real write error.
func (s *Store) FailJournalWrites(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil {
		s.hookJournalWrite = nil
		return
	}
	s.hookJournalWrite = func(*os.File, []byte) (int, error) { return 0, err }
}
