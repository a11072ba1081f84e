package journal

import (
	"fmt"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

// Rebuilding records for importers: the Store's own journal replay and record
// rendering, run on a store value that owns no file (nothing is opened, locked
// or written), so an import reads the journal exactly as Open does.

// JournalLineError is a journal line that could not be used, 1-based.
type JournalLineError struct {
	Line int
	Msg  string
}

// JournalReplay is one annotator's journal as Open would load it.
type JournalReplay struct {
	// Records holds one record per document, in first-touch order, as Flush
	// would write it.
	Records []record.Record
	// Lines is the journal line that first touched each document.
	Lines []int
	// Torn is an incomplete last line (an interrupted append), which Open
	// sets aside with a warning; nil when there is none.
	Torn *JournalLineError
	// Bad lists lines Open refuses without --salvage: corruption in the
	// middle of the journal, or an entry that does not replay.
	Bad []JournalLineError
}

// ReplayJournal replays the bytes of "<out>.journal/<annotator>.jsonl" with
// the Store's replay code. The records carry annotator and session.
func ReplayJournal(data []byte, annotator, session string) JournalReplay {
	s := scratchStore(annotator, session)
	sr := scanJournal(data)
	var out JournalReplay
	for _, b := range sr.bad {
		out.Bad = append(out.Bad, JournalLineError{b.Line, b.Err.Error()})
	}
	if sr.torn != nil {
		out.Torn = &JournalLineError{sr.torn.Line, sr.torn.Err.Error()}
	}
	first := map[string]int{}
	for i, e := range sr.entries {
		if err := s.replay(e); err != nil {
			out.Bad = append(out.Bad, JournalLineError{sr.lines[i], err.Error()})
			continue
		}
		if e.Doc != nil {
			if _, ok := first[e.Doc.ID]; !ok {
				first[e.Doc.ID] = sr.lines[i]
			}
		}
	}
	for _, id := range s.order {
		out.Records = append(out.Records, s.record(s.docs[id]))
		out.Lines = append(out.Lines, first[id])
	}
	return out
}

// RecordFromParts renders a document's annotations as the Store would write them:
// tokens split at span ends, token_start/token_end, claimant relations,
// hashes. Spans and claims are checked against the text (and claims' numeric
// surfaces against their spans) as the journal replay checks them; IDs must be
// "sN" for spans and "cN" for claims, unique. updated is unix milliseconds.
func RecordFromParts(info annotations.DocInfo, spans []annotations.Span, claims []annotations.Claim, answer, annotator, session string, updated int64) (record.Record, error) {
	byID, claimByID := map[string]annotations.Span{}, map[string]annotations.Claim{}
	for _, sp := range spans {
		if _, dup := byID[sp.ID]; dup {
			return record.Record{}, fmt.Errorf("span id %q used twice", sp.ID)
		}
		byID[sp.ID] = sp
	}
	for _, c := range claims {
		if _, dup := claimByID[c.ID]; dup {
			return record.Record{}, fmt.Errorf("claim id %q used twice", c.ID)
		}
		claimByID[c.ID] = annotations.CloneClaim(c)
	}
	s := scratchStore(annotator, session)
	e := snapshotOf(info, annotations.SortedSpans(byID), annotations.SortedClaims(claimByID), answer, "import", updated)
	if err := s.replay(e); err != nil {
		return record.Record{}, err
	}
	return s.record(s.docs[info.ID]), nil
}

func scratchStore(annotator, session string) *Store {
	return &Store{opts: StoreOptions{Annotator: annotator, Session: session}, docs: map[string]*docState{}}
}
