package importer

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

// hashiya reads one line of hashiya's own training file: the checks of
// hashiya validate, then every span's ends on character boundaries.
func (p *parser) hashiya(line []byte) (record.Record, []string) {
	if !p.validated {
		if msgs := record.ValidateLine(line); len(msgs) > 0 {
			return record.Record{}, msgs
		}
	}
	var r record.Record
	if err := json.Unmarshal(line, &r); err != nil {
		if p.validated {
			return record.Record{}, nil // the validator says what is wrong
		}
		return record.Record{}, []string{badJSON(err)}
	}
	if msgs := checkBoundaries(r); len(msgs) > 0 {
		return record.Record{}, msgs
	}
	return r, nil
}

// checkBoundaries checks that every span and claim of a record starts and
// ends between characters. Offsets out of range and a span text that is not
// text[start:end] are CheckRecord's to report.
func checkBoundaries(r record.Record) []string {
	var msgs []string
	t := newTextIndex(r.Text)
	check := func(where string, sp annotations.Span) {
		if sp.Start < 0 || sp.End > t.n() || sp.End <= sp.Start || t.slice(sp.Start, sp.End) != sp.Text {
			return
		}
		if _, err := t.checkExtent(sp.Start, sp.End, &sp.Text); err != nil {
			msgs = append(msgs, fmt.Sprintf("%s [%d,%d): %v", where, sp.Start, sp.End, err))
		}
	}
	for i, sp := range r.Spans {
		check(fmt.Sprintf("spans[%d] %s", i, sp.ID), sp)
	}
	for i, c := range r.Claims {
		check(fmt.Sprintf("claims[%d] %s span", i, c.ID), c.Span)
	}
	return msgs
}

// crossCheck validates records together as hashiya validate checks a
// training file (one line per document and annotator, links that resolve
// and link back, claimant spans, repeated extents) and names the problems
// by the lines the records came from.
func crossCheck(recs []record.Record, from []Pos) []record.Problem {
	if len(recs) == 0 {
		return nil
	}
	var out []record.Problem
	for _, p := range record.Validate(&recordReader{recs: recs}, "") {
		at := Pos{"?", 0}
		if p.Line >= 1 && p.Line <= len(from) {
			at = from[p.Line-1]
		}
		msg := firstOnLine.ReplaceAllStringFunc(p.Msg, func(m string) string {
			n, _ := strconv.Atoi(firstOnLine.FindStringSubmatch(m)[1])
			if n >= 1 && n <= len(from) {
				return "(first at " + from[n-1].String() + ")"
			}
			return m
		})
		out = append(out, record.Problem{File: at.File, Line: at.Line, Msg: msg})
	}
	return out
}

// firstOnLine is how Validate points at the first line of a repeated
// document; the line is one of the records given to it, not of the input.
var firstOnLine = regexp.MustCompile(`\(first on line ([0-9]+)\)`)

// recordReader streams records as JSONL, one marshalled at a time.
type recordReader struct {
	recs []record.Record
	i    int
	buf  []byte
}

func (r *recordReader) Read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		if r.i == len(r.recs) {
			return 0, io.EOF
		}
		b, err := json.Marshal(r.recs[r.i])
		if err != nil {
			return 0, err
		}
		r.buf = append(b, '\n')
		r.i++
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}
