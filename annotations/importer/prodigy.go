package importer

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

// Prodigy's ner_manual / spans_manual task as its db-out writes it. Offsets
// are code points (Python str indices); token_end is inclusive.
type prodigyLine struct {
	Text        *string                    `json:"text"`
	ID          json.RawMessage            `json:"id"`
	Meta        map[string]json.RawMessage `json:"meta"`
	Tokens      []prodigyToken             `json:"tokens"`
	Spans       []prodigySpan              `json:"spans"`
	Relations   []json.RawMessage          `json:"relations"`
	Answer      string                     `json:"answer"`
	InputHash   *int64                     `json:"_input_hash"`
	TaskHash    *int64                     `json:"_task_hash"`
	AnnotatorID string                     `json:"_annotator_id"`
	SessionID   string                     `json:"_session_id"`
	Timestamp   int64                      `json:"_timestamp"`
}

type prodigyToken struct {
	Text  *string `json:"text"`
	Start int     `json:"start"`
	End   int     `json:"end"`
	ID    *int    `json:"id"`
}

type prodigySpan struct {
	Start      *int    `json:"start"`
	End        *int    `json:"end"`
	Label      string  `json:"label"`
	TokenStart *int    `json:"token_start"`
	TokenEnd   *int    `json:"token_end"`
	Text       *string `json:"text"`
}

func (p *parser) prodigy(line []byte, n int) (record.Record, []string) {
	var l prodigyLine
	if err := json.Unmarshal(line, &l); err != nil {
		return record.Record{}, []string{badJSON(err)}
	}
	var msgs []string
	add := func(f string, a ...any) { msgs = append(msgs, fmt.Sprintf(f, a...)) }
	if l.Text == nil {
		return record.Record{}, []string{`no "text" field`}
	}
	id, err := p.docID(l.ID, l.Meta, n)
	if err != nil {
		add("%v", err)
	}
	who, err := p.annotator(l.AnnotatorID)
	if err != nil {
		add("%v", err)
	}
	switch l.Answer {
	case "", annotations.AnswerAccept, annotations.AnswerReject, annotations.AnswerIgnore:
	default:
		add("answer %q is not accept, reject or ignore", l.Answer)
	}
	for _, h := range []*int64{l.InputHash, l.TaskHash} {
		if h != nil && (*h < math.MinInt32 || *h > math.MaxInt32) {
			add("hash %d does not fit Prodigy's 32-bit hashes", *h)
		}
	}
	t := newTextIndex(*l.Text)
	for i, tok := range l.Tokens {
		if tok.ID != nil && *tok.ID != i {
			add("tokens[%d]: id %d, want %d", i, *tok.ID, i)
		}
		if _, err := t.checkExtent(tok.Start, tok.End, tok.Text); err != nil {
			add("tokens[%d] [%d,%d): %v", i, tok.Start, tok.End, err)
		}
	}
	var spans []annotations.Span
	for i, s := range l.Spans {
		where := fmt.Sprintf("spans[%d]", i)
		if s.Start == nil || s.End == nil {
			add("%s: start and end are required", where)
			continue
		}
		where = fmt.Sprintf("spans[%d] [%d,%d)", i, *s.Start, *s.End)
		txt, err := t.checkExtent(*s.Start, *s.End, s.Text)
		if err != nil {
			add("%s: %v", where, err)
			continue
		}
		if s.Label == "" {
			add("%s: empty label", where)
		}
		if m := checkTokenRange(l.Tokens, s); m != "" {
			add("%s: %s", where, m)
		}
		spans = append(spans, annotations.Span{ID: fmt.Sprintf("s%d", len(spans)+1), Start: *s.Start, End: *s.End, Label: s.Label, Text: txt})
	}
	if len(msgs) > 0 {
		return record.Record{}, msgs
	}
	if len(l.Relations) > 0 {
		p.note("Prodigy relations are not imported (hashiya keeps a relation only as the claimant of a claim)")
	}
	info := annotations.DocInfo{ID: id, Text: *l.Text, Source: metaString(l.Meta, "source"), Lang: metaString(l.Meta, "lang")}
	rec, probs := build(info, spans, nil, l.Answer, who, p.sessionOr(l.SessionID, who), l.Timestamp*1000)
	if probs != nil {
		return rec, probs
	}
	if l.InputHash != nil { // Prodigy's own hashes tell its tasks apart; keep them
		rec.InputHash = int32(*l.InputHash)
	}
	if l.TaskHash != nil {
		rec.TaskHash = int32(*l.TaskHash)
	}
	return rec, nil
}

func (p *parser) sessionOr(own, annotator string) string {
	if own != "" {
		return own
	}
	return p.o.session(annotator)
}

// checkTokenRange checks a span's optional token_start/token_end against the
// file's tokens: in range, ordered, and the span within those tokens,
// touching the first and the last.
func checkTokenRange(toks []prodigyToken, s prodigySpan) string {
	if s.TokenStart == nil && s.TokenEnd == nil {
		return ""
	}
	if s.TokenStart == nil || s.TokenEnd == nil {
		return "token_start and token_end go together"
	}
	ts, te := *s.TokenStart, *s.TokenEnd
	if len(toks) == 0 {
		return "" // nothing to check them against; hashiya makes its own tokens
	}
	if ts < 0 || te < ts || te >= len(toks) {
		return fmt.Sprintf("token_start %d / token_end %d out of range (%d tokens)", ts, te, len(toks))
	}
	first, last := toks[ts], toks[te]
	if *s.Start < first.Start || *s.End > last.End || *s.Start >= first.End || *s.End <= last.Start {
		return fmt.Sprintf("tokens %d..%d [%d,%d) do not hold the span", ts, te, first.Start, last.End)
	}
	return ""
}

// badJSON is the message for a line that does not decode.
func badJSON(err error) string {
	if _, ok := err.(*json.SyntaxError); ok {
		return "bad JSON: " + err.Error()
	}
	return "wrong type: " + err.Error()
}
