package annotations

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

func exportProdigy(w *bufio.Writer, rs []Record, o ExportOptions) error {
	for _, r := range rs {
		r.Spans = entitySpans(r, o)
		if r.Spans == nil {
			r.Spans = []Span{}
		}
		if err := writeJSONL(w, r); err != nil {
			return err
		}
	}
	return nil
}

type doccanoEntity struct {
	ID          int    `json:"id"`
	Label       string `json:"label"`
	StartOffset int    `json:"start_offset"`
	EndOffset   int    `json:"end_offset"`
}

type doccanoRelation struct {
	ID     int    `json:"id"`
	FromID int    `json:"from_id"`
	ToID   int    `json:"to_id"`
	Type   string `json:"type"`
}

// exportDoccano writes doccano's sequence-labelling "label" column and its
// relation-extraction "entities"/"relations" columns in one line, so either
// project type imports it. Claims appear as CLAIM entities and claimant
// links as CLAIMANT relations (doccano allows overlapping spans).
func exportDoccano(w *bufio.Writer, rs []Record, o ExportOptions) error {
	for _, r := range rs {
		cv := newConv(r, o.Offsets)
		line := struct {
			ID         string            `json:"id"`
			Text       string            `json:"text"`
			Label      [][3]any          `json:"label"`
			Entities   []doccanoEntity   `json:"entities"`
			Relations  []doccanoRelation `json:"relations"`
			OffsetUnit string            `json:"offset_unit"`
			Annotator  string            `json:"annotator"`
		}{ID: r.Meta.ID, Text: r.Text, Label: [][3]any{}, Entities: []doccanoEntity{},
			Relations: []doccanoRelation{}, OffsetUnit: o.Offsets, Annotator: r.AnnotatorID}
		ids := map[string]int{}
		add := func(sp Span, label string) {
			e := doccanoEntity{ID: len(line.Entities) + 1, Label: label, StartOffset: cv.at(sp.Start), EndOffset: cv.at(sp.End)}
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
				line.Relations = append(line.Relations, doccanoRelation{len(line.Relations) + 1, from, ids[c.Span.ID], "CLAIMANT"})
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
func exportSpacy(w *bufio.Writer, rs []Record, o ExportOptions) error {
	for _, r := range rs {
		spans := filterOverlaps(entitySpans(r, o), func(s Span) int { return s.Start }, func(s Span) int { return s.End }, r.Meta.ID, o.Warn)
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
func tagTokens(r Record, o ExportOptions) []string {
	tags := make([]string, len(r.Tokens))
	for i := range tags {
		tags[i] = "O"
	}
	spans := filterOverlaps(entitySpans(r, o), func(s Span) int { return s.TokenStart }, func(s Span) int { return s.TokenEnd + 1 }, r.Meta.ID, o.Warn)
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
func exportCoNLL(w *bufio.Writer, rs []Record, o ExportOptions) error {
	fmt.Fprintf(w, "# tokenization = %s\n", Tokenization)
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
func exportHF(w *bufio.Writer, rs []Record, o ExportOptions) error {
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
func exportClaims(w *bufio.Writer, rs []Record, o ExportOptions) error {
	for _, r := range rs {
		cv := newConv(r, o.Offsets)
		spans := map[string]Span{}
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
				links = []Link{}
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

var unsafeFileRE = regexp.MustCompile(`[^A-Za-z0-9._-]`)

// exportBrat writes DOC.txt and DOC.ann per record into o.Dir. Line breaks
// are normalised to \n in the .txt (brat reads text in universal-newline
// mode, which would otherwise shift every offset after a \r\n) and offsets
// remapped to match; spans crossing a line break become discontinuous
// fragments. Claims are CLAIM entities with Attribution/Checkworthy
// attributes, claimants CLAIMANT relations, numbers AnnotatorNotes.
func exportBrat(rs []Record, o ExportOptions) error {
	if o.Dir == "" {
		return fmt.Errorf("brat export needs an output directory (--out DIR)")
	}
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return err
	}
	seen := map[string]int{}
	for _, r := range rs {
		name := unsafeFileRE.ReplaceAllString(r.Meta.ID, "_")
		if n := seen[name]; n > 0 {
			name = fmt.Sprintf("%s.%s", name, unsafeFileRE.ReplaceAllString(r.AnnotatorID, "_"))
		}
		seen[name]++
		text, remap := normNewlines(r.Text)
		var ann strings.Builder
		tids := map[string]string{}
		nt, na, nr, nn := 0, 0, 0, 0
		ent := func(sp Span, label string) string {
			nt++
			id := fmt.Sprintf("T%d", nt)
			tids[sp.ID] = id
			frags, ftext := bratFragments(text, remap[sp.Start], remap[sp.End])
			fmt.Fprintf(&ann, "%s\t%s %s\t%s\n", id, label, frags, ftext)
			return id
		}
		for _, sp := range entitySpans(r, o) {
			ent(sp, sp.Label)
		}
		for _, c := range r.Claims {
			id := ent(c.Span, o.Schema.Claim.Name)
			na++
			fmt.Fprintf(&ann, "A%d\tAttribution %s %s\n", na, id, c.Attribution)
			if c.Checkworthy {
				na++
				fmt.Fprintf(&ann, "A%d\tCheckworthy %s\n", na, id)
			}
			if from, ok := tids[c.Claimant.SpanID]; ok {
				nr++
				fmt.Fprintf(&ann, "R%d\tCLAIMANT Arg1:%s Arg2:%s\t\n", nr, from, id)
			}
			var notes []string
			if c.Numeric != nil {
				b, _ := json.Marshal(c.Numeric)
				notes = append(notes, "numeric="+string(b))
			}
			if c.Cluster != "" {
				notes = append(notes, "cluster="+c.Cluster)
			}
			for _, l := range c.Links {
				notes = append(notes, l.Relation+"="+l.To)
			}
			if c.Claimant.Text != "" {
				notes = append(notes, "claimant="+c.Claimant.Text)
			}
			if len(notes) > 0 {
				nn++
				fmt.Fprintf(&ann, "#%d\tAnnotatorNotes %s\t%s\n", nn, id, strings.Join(notes, " | "))
			}
		}
		if err := os.WriteFile(filepath.Join(o.Dir, name+".txt"), []byte(text), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(o.Dir, name+".ann"), []byte(ann.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// normNewlines turns \r\n and lone \r into \n; remap[cp] is the new offset
// of old code-point offset cp (len = old length + 1).
func normNewlines(text string) (string, []int) {
	rt := []rune(text)
	remap := make([]int, len(rt)+1)
	var out []rune
	for i := 0; i < len(rt); i++ {
		remap[i] = len(out)
		if rt[i] == '\r' {
			if i+1 < len(rt) && rt[i+1] == '\n' {
				continue // the \n that follows is kept
			}
			out = append(out, '\n')
			continue
		}
		out = append(out, rt[i])
	}
	remap[len(rt)] = len(out)
	return string(out), remap
}

// bratFragments renders [start,end) of text as brat offsets, split at line
// breaks, and the fragments' text joined by spaces (brat's convention).
func bratFragments(text string, start, end int) (string, string) {
	rt := []rune(text)
	var offs, parts []string
	s := start
	for i := start; i <= end; i++ {
		if i == end || rt[i] == '\n' {
			if i > s {
				offs = append(offs, fmt.Sprintf("%d %d", s, i))
				parts = append(parts, string(rt[s:i]))
			}
			s = i + 1
		}
	}
	return strings.Join(offs, ";"), strings.Join(parts, " ")
}
