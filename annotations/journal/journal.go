package journal

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"strconv"

	"github.com/hashiya/hashiya/annotations"
)

// Journal format: one JSON object per line,
//
//	{"v":1,"seq":7,"crc":"1c291ca3","e":{...entry...}}
//
// seq starts at 1 and grows by one per line, so a lost line is detected; crc
// is CRC-32C (Castagnoli) of "<seq>:" followed by the exact bytes of e, so a
// flipped byte is detected. An entry is applied whole or not at all.

const journalVersion = 1

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// entry is one journalled change: the document's full info on first touch,
// then the resulting puts/deletes ("mutations"). Storing results rather than
// intent makes replay trivial and independent of the code that made them.
type entry struct {
	TS   int64                `json:"ts"` // unix milliseconds
	Op   string               `json:"op"` // what the user did, for humans and forensics
	Doc  *annotations.DocInfo `json:"doc,omitempty"`
	Muts []mut                `json:"m,omitempty"`
}

// mut is Mut under the name the journal code has always used.
type mut = annotations.Mut

type journalLine struct {
	V   int             `json:"v"`
	Seq uint64          `json:"seq"`
	CRC string          `json:"crc"`
	E   json.RawMessage `json:"e"`
}

func lineCRC(seq uint64, e []byte) string {
	h := crc32.Update(0, castagnoli, []byte(strconv.FormatUint(seq, 10)+":"))
	return fmt.Sprintf("%08x", crc32.Update(h, castagnoli, e))
}

// encodeLine renders e as one journal line ending in '\n'.
func encodeLine(seq uint64, e entry) ([]byte, error) {
	body, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	l, err := json.Marshal(journalLine{V: journalVersion, Seq: seq, CRC: lineCRC(seq, body), E: body})
	if err != nil {
		return nil, err
	}
	return append(l, '\n'), nil
}

// decodeLine parses and verifies one line (without its '\n').
func decodeLine(b []byte) (uint64, entry, error) {
	var l journalLine
	if err := json.Unmarshal(b, &l); err != nil {
		return 0, entry{}, fmt.Errorf("bad JSON: %v", err)
	}
	if l.V != journalVersion {
		return 0, entry{}, fmt.Errorf("unsupported journal version %d", l.V)
	}
	if len(l.E) == 0 {
		return 0, entry{}, fmt.Errorf("missing entry")
	}
	if got := lineCRC(l.Seq, l.E); got != l.CRC {
		return 0, entry{}, fmt.Errorf("checksum mismatch (line says %s, content gives %s)", l.CRC, got)
	}
	var e entry
	d := json.NewDecoder(bytes.NewReader(l.E))
	d.DisallowUnknownFields()
	if err := d.Decode(&e); err != nil {
		return 0, entry{}, fmt.Errorf("bad entry: %v", err)
	}
	return l.Seq, e, nil
}

// badLine is a journal line that could not be used.
type badLine struct {
	Line   int // 1-based
	Offset int64
	Err    error
}

// scanResult is what scanJournal found in a journal's bytes.
type scanResult struct {
	entries []entry
	lines   []int // line number of each entry
	lastSeq uint64
	good    int64     // byte length of the usable prefix (ends after a '\n')
	torn    *badLine  // unusable last line: torn write, kept aside, not fatal
	bad     []badLine // unusable lines followed by good ones: corruption
}

// scanJournal splits data into lines and verifies each. A bad final line is
// "torn" (an interrupted append); bad lines before a good one are
// corruption. Entries after a corrupt line are still returned so that
// salvage loses as little as possible.
func scanJournal(data []byte) scanResult {
	var r scanResult
	var off int64
	lineNo := 0
	for len(data) > 0 {
		lineNo++
		i := bytes.IndexByte(data, '\n')
		var line []byte
		complete := i >= 0
		if complete {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		start := off
		off += int64(len(line))
		if complete {
			off++
		}
		if len(bytes.TrimSpace(line)) == 0 && complete {
			if len(r.bad) == 0 && r.torn == nil {
				r.good = off
			}
			continue
		}
		seq, e, err := decodeLine(line)
		if err == nil && !complete {
			err = fmt.Errorf("no trailing newline")
		}
		if err == nil && seq <= r.lastSeq {
			err = fmt.Errorf("sequence %d after %d (line repeated or out of order)", seq, r.lastSeq)
		}
		if err != nil {
			if r.torn != nil { // the previous "torn" line was not last after all
				r.bad = append(r.bad, *r.torn)
			}
			r.torn = &badLine{Line: lineNo, Offset: start, Err: err}
			continue
		}
		if r.torn != nil {
			r.bad = append(r.bad, *r.torn)
			r.torn = nil
		}
		if seq != r.lastSeq+1 && len(r.bad) == 0 {
			// A good line after a gap: something between was lost. Use
			// the line, but report the gap as corruption.
			r.bad = append(r.bad, badLine{Line: lineNo, Offset: start,
				Err: fmt.Errorf("sequence jumps from %d to %d (lines missing)", r.lastSeq, seq)})
		}
		r.entries = append(r.entries, e)
		r.lines = append(r.lines, lineNo)
		r.lastSeq = seq
		if len(r.bad) == 0 {
			r.good = off
		}
	}
	return r
}
