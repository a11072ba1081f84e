package record

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"regexp"
	"strings"

	"github.com/hashiya/hashiya/annotations"
)

// Meta is Prodigy's meta block.
type Meta struct {
	ID     string `json:"id"`
	Source string `json:"source,omitempty"`
	Lang   string `json:"lang,omitempty"`
}

// RelSpan is the span summary Prodigy puts in relations.
type RelSpan struct {
	Start      int    `json:"start"`
	End        int    `json:"end"`
	TokenStart int    `json:"token_start"`
	TokenEnd   int    `json:"token_end"`
	Label      string `json:"label"`
}

// Relation is a Prodigy relation; hashiya emits claimant → claim as
// CLAIMANT. Head and Child are the token_end of the head and child spans.
type Relation struct {
	Head      int     `json:"head"`
	Child     int     `json:"child"`
	HeadSpan  RelSpan `json:"head_span"`
	ChildSpan RelSpan `json:"child_span"`
	Label     string  `json:"label"`
}

// Record is one line of annotations.jsonl: one document by one annotator.
// It is a superset of Prodigy's ner_manual/rel format; see
// schema/record.schema.json.
type Record struct {
	Text         string              `json:"text"`
	Meta         Meta                `json:"meta"`
	Tokens       []annotations.Token `json:"tokens"`
	Spans        []annotations.Span  `json:"spans"`
	Claims       []annotations.Claim `json:"claims"`
	Relations    []Relation          `json:"relations"`
	Answer       string              `json:"answer,omitempty"`
	InputHash    int32               `json:"_input_hash"`
	TaskHash     int32               `json:"_task_hash"`
	AnnotatorID  string              `json:"_annotator_id"`
	SessionID    string              `json:"_session_id"`
	Timestamp    int64               `json:"_timestamp"` // unix seconds of the last change
	OffsetUnit   string              `json:"offset_unit"`
	Tokenization string              `json:"tokenization"`
	TextSHA256   string              `json:"text_sha256"`
}

// OffsetUnit is the only offset_unit records are written with.
const OffsetUnit = "codepoint"

func textSHA(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

func hash32(parts ...[]byte) int32 {
	h := fnv.New32a()
	for _, p := range parts {
		h.Write(p)
		h.Write([]byte{0})
	}
	return int32(h.Sum32())
}

// BuildRecord renders one annotator's state of a document as the training
// record, exactly as every store writes it (check it with CheckRecord).
func BuildRecord(d *annotations.DocState, annotator, session string) Record {
	v := d.View() // sorted spans and claims, tokens aligned to them
	r := Record{
		Text: v.Info.Text, Meta: Meta{ID: v.Info.ID, Source: v.Info.Source, Lang: v.Info.Lang},
		Spans: v.Spans, Claims: v.Claims, Relations: []Relation{},
		Answer: v.Answer, AnnotatorID: annotator, SessionID: session,
		Timestamp: d.Updated() / 1000, OffsetUnit: OffsetUnit, Tokenization: annotations.Tokenization,
		TextSHA256: textSHA(v.Info.Text),
		Tokens:     v.Tokens,
	}
	if r.Tokens == nil {
		r.Tokens = []annotations.Token{}
	}
	for i := range r.Claims {
		if r.Claims[i].Links == nil {
			r.Claims[i].Links = []annotations.Link{} // consumers get [], not null
		}
	}
	byID := make(map[string]annotations.Span, len(r.Spans))
	for _, sp := range r.Spans {
		byID[sp.ID] = sp
	}
	for _, c := range r.Claims {
		if sp, ok := byID[c.Claimant.SpanID]; ok {
			r.Relations = append(r.Relations, Relation{
				Head: sp.TokenEnd, Child: c.Span.TokenEnd,
				HeadSpan: relSpan(sp), ChildSpan: relSpan(c.Span), Label: "CLAIMANT",
			})
		}
	}
	r.InputHash = hash32([]byte(r.Text))
	task, _ := json.Marshal([]any{r.Spans, r.Claims, r.Answer})
	r.TaskHash = hash32([]byte(fmt.Sprint(r.InputHash)), task)
	return r
}

func relSpan(sp annotations.Span) RelSpan {
	return RelSpan{Start: sp.Start, End: sp.End, TokenStart: sp.TokenStart, TokenEnd: sp.TokenEnd, Label: sp.Label}
}

// linkToRE is a link target: DOC#cN names a claim of the record's own
// annotator, DOC#cN@ANNOTATOR one of another's (as the SQLite store writes
// it). The schema's links[].to pattern is the same.
var linkToRE = regexp.MustCompile(`^[^#]+#c[0-9]+(@[A-Za-z0-9._-]+)?$`)

// sourceRE is the form of Span.Source: a kind of origin and what in it.
var sourceRE = regexp.MustCompile(`^[a-z]+:\S.*$`)

// CheckRecord verifies a record against its own text: hash, offset unit,
// tokens, every span and claim span, enums and IDs. It returns every
// problem found; nil means the record is safe to write.
func CheckRecord(r Record) []string {
	var p []string
	add := func(f string, a ...any) { p = append(p, fmt.Sprintf(f, a...)) }
	if r.Meta.ID == "" {
		add("meta.id is empty")
	}
	if r.OffsetUnit != OffsetUnit {
		add("offset_unit is %q, want %q", r.OffsetUnit, OffsetUnit)
	}
	if got := textSHA(r.Text); r.TextSHA256 != got {
		add("text_sha256 is %q, text hashes to %s", r.TextSHA256, got)
	}
	if r.AnnotatorID == "" {
		add("_annotator_id is empty")
	}
	switch r.Answer {
	case "", annotations.AnswerAccept, annotations.AnswerReject, annotations.AnswerIgnore:
	default:
		add("answer %q is not accept, reject or ignore", r.Answer)
	}
	// Byte offset of every code point (+ the end): one pass, no UTF-16 map.
	byts := make([]int32, 0, len(r.Text)+1)
	for b := range r.Text {
		byts = append(byts, int32(b))
	}
	n := len(byts)
	byts = append(byts, int32(len(r.Text)))
	slice := func(start, end int) (string, bool) {
		if start < 0 || end < start || end > n {
			return "", false
		}
		return r.Text[byts[start]:byts[end]], true
	}
	for i, t := range r.Tokens {
		if t.ID != i {
			add("tokens[%d]: id %d, want %d", i, t.ID, i)
		}
		if got, ok := slice(t.Start, t.End); !ok || got != t.Text {
			add("tokens[%d] [%d,%d): text %q does not match %q", i, t.Start, t.End, got, t.Text)
		}
	}
	checkSpan := func(where string, sp annotations.Span) {
		got, ok := slice(sp.Start, sp.End)
		switch {
		case !ok || sp.End == sp.Start:
			add("%s: offsets [%d,%d) out of range (text has %d code points)", where, sp.Start, sp.End, n)
		case got != sp.Text:
			add("%s [%d,%d): text[start:end] is %q, span text is %q", where, sp.Start, sp.End, got, sp.Text)
		}
		if sp.Label == "" {
			add("%s: empty label", where)
		}
		if sp.Source != "" && !sourceRE.MatchString(sp.Source) {
			add("%s: source %q is not KIND:ID (pattern:ID)", where, sp.Source)
		}
		if len(r.Tokens) > 0 && (sp.TokenStart < 0 || sp.TokenEnd < sp.TokenStart || sp.TokenEnd >= len(r.Tokens)) {
			add("%s: token_start %d / token_end %d out of range", where, sp.TokenStart, sp.TokenEnd)
		}
	}
	ids := map[string]bool{}
	for i, sp := range r.Spans {
		where := fmt.Sprintf("spans[%d] %s", i, sp.ID)
		if sp.ID == "" || ids[sp.ID] {
			add("%s: missing or duplicate id", where)
		}
		ids[sp.ID] = true
		checkSpan(where, sp)
	}
	for i, c := range r.Claims {
		where := fmt.Sprintf("claims[%d] %s", i, c.ID)
		if c.ID == "" || ids[c.ID] {
			add("%s: missing or duplicate id", where)
		}
		ids[c.ID] = true
		checkSpan(where+" span", c.Span)
		switch c.Attribution {
		case annotations.AttrAsserted, annotations.AttrAttributed, annotations.AttrDenied:
		default:
			add("%s: attribution %q is not asserted, attributed or denied", where, c.Attribution)
		}
		if c.Numeric != nil {
			if err := annotations.CheckQualifier(c.Numeric.Qualifier); err != nil {
				add("%s: numeric: %v", where, err)
			}
			if n := c.Numeric; n.SurfaceStart != 0 || n.SurfaceEnd != 0 {
				got, ok := slice(n.SurfaceStart, n.SurfaceEnd)
				switch {
				case !ok || n.SurfaceEnd <= n.SurfaceStart || n.SurfaceStart < c.Span.Start || n.SurfaceEnd > c.Span.End:
					add("%s: numeric surface [%d,%d) is not inside the claim span [%d,%d)", where, n.SurfaceStart, n.SurfaceEnd, c.Span.Start, c.Span.End)
				case got != n.Surface:
					add("%s: numeric surface [%d,%d): text[start:end] is %q, surface is %q", where, n.SurfaceStart, n.SurfaceEnd, got, n.Surface)
				}
			}
		}
		for j, l := range c.Links {
			if !linkToRE.MatchString(l.To) {
				add("%s: links[%d].to %q is not DOCID#CLAIMID or DOCID#CLAIMID@ANNOTATOR", where, j, l.To)
			}
			if err := annotations.CheckRelation(l.Relation); err != nil {
				add("%s: links[%d]: %v", where, j, err)
			}
		}
	}
	for i, c := range r.Claims {
		if c.Claimant.SpanID != "" && !strings.HasPrefix(c.Claimant.SpanID, "s") {
			add("claims[%d]: claimant span_id %q is not a span", i, c.Claimant.SpanID)
		}
	}
	return p
}
