package importer

import (
	"strings"

	"github.com/hashiya/hashiya/annotations/record"
)

// Combine checks the records of several imported files together, as one
// training file would be checked (a document by one annotator in two files is
// refused, naming both places), and returns them in file order.
func Combine(files []*File) ([]record.Record, error) {
	var recs []record.Record
	var from []Pos
	var names []string
	for _, f := range files {
		recs = append(recs, f.Records...)
		from = append(from, f.From...)
		names = append(names, f.Name)
	}
	if probs := crossCheck(recs, from); len(probs) > 0 {
		return nil, fileErr(strings.Join(names, ", "), probs...)
	}
	return recs, nil
}

// Count sums what records hold, for summaries.
type Count struct {
	Documents, Spans, Claims int
	Answers                  map[string]int // accept, reject, ignore → documents
}

// Add counts r.
func (c *Count) Add(r record.Record) {
	c.Documents++
	c.Spans += len(r.Spans)
	c.Claims += len(r.Claims)
	if r.Answer != "" {
		if c.Answers == nil {
			c.Answers = map[string]int{}
		}
		c.Answers[r.Answer]++
	}
}

// AnswerTotal is the number of answered documents.
func (c Count) AnswerTotal() int {
	n := 0
	for _, v := range c.Answers {
		n += v
	}
	return n
}
