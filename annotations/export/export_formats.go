package export

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

func exportProdigy(w *bufio.Writer, rs []record.Record, o ExportOptions) error {
	for _, r := range rs {
		r.Spans = entitySpans(r, o)
		if r.Spans == nil {
			r.Spans = []annotations.Span{}
		}
		if err := writeJSONL(w, r); err != nil {
			return err
		}
	}
	return nil
}

type DoccanoEntity struct {
	ID          int    `json:"id"`
	Label       string `json:"label"`
	StartOffset int    `json:"start_offset"`
	EndOffset   int    `json:"end_offset"`
}

type DoccanoRelation struct {
	ID     int    `json:"id"`
	FromID int    `json:"from_id"`
	ToID   int    `json:"to_id"`
	Type   string `json:"type"`
}

// exportDoccano writes doccano's sequence-labelling "label" column and its
// relation-extraction "entities"/"relations" columns in one line, so either
// project type imports it. Claims appear as CLAIM entities and claimant
// links as CLAIMANT relations (doccano allows overlapping spans).
func exportDoccano(w *bufio.Writer, rs []record.Record, o ExportOptions) error {
	for _, r := range rs {
		cv := newConv(r, o.Offsets)
		line := struct {
			ID         string            `json:"id"`
			Text       string            `json:"text"`
			Label      [][3]any          `json:"label"`
			Entities   []DoccanoEntity   `json:"entities"`
			Relations  []DoccanoRelation `json:"relations"`
			OffsetUnit string            `json:"offset_unit"`
			Annotator  string            `json:"annotator"`
		}{ID: r.Meta.ID, Text: r.Text, Label: [][3]any{}, Entities: []DoccanoEntity{},
			Relations: []DoccanoRelation{}, OffsetUnit: o.Offsets, Annotator: r.AnnotatorID}
		ids := map[string]int{}
		add := func(sp annotations.Span, label string) {
			e := DoccanoEntity{ID: len(line.Entities) + 1, Label: label, StartOffset: cv.at(sp.Start), EndOffset: cv.at(sp.End)}
			ids[sp.ID] = e.ID
			line.Entities = append(line.Entities, e)
			line.Label = append(line.Label, [3]any{e.StartOffset, e.EndOffset, label})
		}
		for _, sp := range entitySpans(r, o) {
			add(sp, sp.Label)
		}
		for _, c := range r.Claims {
			add(c.Span, o.Schema.Claim.Name)
			if from, ok := ids[c.Claimant.SpanID]; ok {
				line.Relations = append(line.Relations, DoccanoRelation{len(line.Relations) + 1, from, ids[c.Span.ID], "CLAIMANT"})
			}
		}
		if err := writeJSONL(w, line); err != nil {
			return err
		}
	}
	return nil
}

// exportSpacy writes {"text", "entities": [[start, end, label]]} in code
// points, entities only (no claims), overlaps resolved by filterOverlaps.
// Load with spacy's Doc.char_span(start, end, label).
func exportSpacy(w *bufio.Writer, rs []record.Record, o ExportOptions) error {
	for _, r := range rs {
		spans := filterOverlaps(entitySpans(r, o), func(s annotations.Span) int { return s.Start }, func(s annotations.Span) int { return s.End }, r.Meta.ID, o.Warn)
		ents := [][3]any{}
		for _, sp := range spans {
			ents = append(ents, [3]any{sp.Start, sp.End, sp.Label})
		}
		line := map[string]any{"text": r.Text, "entities": ents, "meta": r.Meta}
		if err := writeJSONL(w, line); err != nil {
			return err
		}
	}
	return nil
}

// tagTokens assigns IOB2 tags to the record's tokens. Spans cover whole
// tokens (a span on part of a token, e.g. بوتين inside لبوتين, tags the
// whole token); overlaps are resolved on token ranges.
func tagTokens(r record.Record, o ExportOptions) []string {
	tags := make([]string, len(r.Tokens))
	for i := range tags {
		tags[i] = "O"
	}
	spans := filterOverlaps(entitySpans(r, o), func(s annotations.Span) int { return s.TokenStart }, func(s annotations.Span) int { return s.TokenEnd + 1 }, r.Meta.ID, o.Warn)
	for _, sp := range spans {
		if t := r.Tokens[sp.TokenStart]; t.Start != sp.Start || r.Tokens[sp.TokenEnd].End != sp.End {
			o.Warn(fmt.Sprintf("%s: %s %q does not fall on token boundaries; whole tokens tagged", r.Meta.ID, sp.Label, sp.Text))
		}
		for i := sp.TokenStart; i <= sp.TokenEnd; i++ {
			tags[i] = "I-" + sp.Label
		}
		tags[sp.TokenStart] = "B-" + sp.Label
	}
	return tags
}

// exportCoNLL writes "token<TAB>tag" lines. Each document starts with
// "# doc_id = ID"; a blank line separates lines of the source text, which
// serve as sentences. The first line states the tokenization.
func exportCoNLL(w *bufio.Writer, rs []record.Record, o ExportOptions) error {
	fmt.Fprintf(w, "# tokenization = %s\n", annotations.Tokenization)
	for _, r := range rs {
		fmt.Fprintf(w, "\n# doc_id = %s\n", r.Meta.ID)
		tags := tagTokens(r, o)
		rt := []rune(r.Text)
		for i, t := range r.Tokens {
			if i > 0 && strings.ContainsAny(string(rt[r.Tokens[i-1].End:t.Start]), "\n\r\u2028\u2029") {
				w.WriteString("\n")
			}
			fmt.Fprintf(w, "%s\t%s\n", t.Text, tags[i])
		}
	}
	return nil
}

// HFLabels is the ner_tags name list for hf exports: O, then B-/I- for each
// entity label of the schema (plus BOILERPLATE when included).
func HFLabels(o ExportOptions) []string {
	o.norm()
	names := []string{"O"}
	for _, l := range o.Schema.Labels {
		names = append(names, "B-"+l.Name, "I-"+l.Name)
	}
	if o.IncludeBoilerplate {
		names = append(names, "B-"+o.Schema.Boilerplate.Name, "I-"+o.Schema.Boilerplate.Name)
	}
	return names
}

// exportHF writes {"id", "tokens", "ner_tags"} lines; ner_tags index
// HFLabels (written beside the data by the CLI as labels.json). A label
// missing from the schema is an error rather than a silent O.
func exportHF(w *bufio.Writer, rs []record.Record, o ExportOptions) error {
	names := HFLabels(o)
	idx := map[string]int{}
	for i, n := range names {
		idx[n] = i
	}
	for _, r := range rs {
		toks := make([]string, len(r.Tokens))
		for i, t := range r.Tokens {
			toks[i] = t.Text
		}
		ids := make([]int, len(r.Tokens))
		for i, tag := range tagTokens(r, o) {
			n, ok := idx[tag]
			if !ok {
				return fmt.Errorf("%s: label %s is not in the label schema; pass --labels", r.Meta.ID, tag[2:])
			}
			ids[i] = n
		}
		if err := writeJSONL(w, map[string]any{"id": r.Meta.ID, "tokens": toks, "ner_tags": ids}); err != nil {
			return err
		}
	}
	return nil
}

// exportClaims writes one claim per line with its document and offsets.
func exportClaims(w *bufio.Writer, rs []record.Record, o ExportOptions) error {
	for _, r := range rs {
		cv := newConv(r, o.Offsets)
		spans := map[string]annotations.Span{}
		for _, sp := range r.Spans {
			spans[sp.ID] = sp
		}
		for _, c := range r.Claims {
			claimant := map[string]any{"text": c.Claimant.Text}
			if sp, ok := spans[c.Claimant.SpanID]; ok {
				claimant = map[string]any{"span_id": sp.ID, "text": sp.Text, "label": sp.Label,
					"start": cv.at(sp.Start), "end": cv.at(sp.End)}
				if c.Claimant.Text != "" {
					claimant["text"] = c.Claimant.Text
				}
			}
			links := c.Links
			if links == nil {
				links = []annotations.Link{}
			}
			line := map[string]any{
				"doc": r.Meta.ID, "lang": r.Meta.Lang, "annotator": r.AnnotatorID, "claim_id": c.ID,
				"start": cv.at(c.Span.Start), "end": cv.at(c.Span.End), "offset_unit": o.Offsets,
				"text": c.Span.Text, "claimant": claimant, "attribution": c.Attribution,
				"checkworthy": c.Checkworthy, "numeric": c.Numeric, "cluster": c.Cluster, "links": links,
			}
			if err := writeJSONL(w, line); err != nil {
				return err
			}
		}
	}
	return nil
}
