package importer

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/export"
	"github.com/hashiya/hashiya/annotations/record"
)

// doccano's JSONL: sequence labelling writes "label" as [[start, end,
// "LABEL"], ...]; relation extraction writes "entities" and "relations".
// hashiya's own doccano export writes both, plus offset_unit and annotator.
type doccanoLine struct {
	ID         json.RawMessage   `json:"id"`
	Text       *string           `json:"text"`
	Label      []json.RawMessage `json:"label"`
	Entities   *[]doccanoEntity  `json:"entities"`
	Relations  []doccanoRelation `json:"relations"`
	OffsetUnit string            `json:"offset_unit"`
	Annotator  string            `json:"annotator"`
	User       string            `json:"user"`
}

type doccanoEntity struct {
	ID          int    `json:"id"`
	Label       string `json:"label"`
	StartOffset int    `json:"start_offset"`
	EndOffset   int    `json:"end_offset"`
}

type doccanoRelation struct {
	FromID int    `json:"from_id"`
	ToID   int    `json:"to_id"`
	Type   string `json:"type"`
}

// claimantRelation is the relation type hashiya's doccano export gives the
// link from a claimant span to its claim.
const claimantRelation = "CLAIMANT"

func (p *parser) doccano(line []byte, n int) (record.Record, []string) {
	var l doccanoLine
	if err := json.Unmarshal(line, &l); err != nil {
		return record.Record{}, []string{badJSON(err)}
	}
	if l.Text == nil {
		return record.Record{}, []string{`no "text" field`}
	}
	var msgs []string
	add := func(f string, a ...any) { msgs = append(msgs, fmt.Sprintf(f, a...)) }
	id, err := p.docID(l.ID, nil, n)
	if err != nil {
		add("%v", err)
	}
	own := l.Annotator
	if own == "" {
		own = l.User
	}
	who, err := p.annotator(own)
	if err != nil {
		add("%v", err)
	}
	if l.OffsetUnit != "" && l.OffsetUnit != p.o.Offsets {
		add("the line says offset_unit %q but offsets are read as %s; import it with --offsets %s", l.OffsetUnit, p.o.Offsets, l.OffsetUnit)
	}
	triples, err := labelTriples(l.Label)
	if err != nil {
		add("%v", err)
	}
	ents := triples
	if l.Entities != nil {
		ents = *l.Entities
		if l.Label != nil && !sameExtents(triples, ents) {
			add("label and entities disagree; give one of them")
		}
	} else if len(l.Relations) > 0 {
		add("relations without entities")
	}
	if len(msgs) > 0 {
		return record.Record{}, msgs
	}

	t := newTextIndex(*l.Text)
	var om *annotations.OffsetMap
	if p.o.Offsets == export.OffsetsUTF16 {
		om = annotations.NewOffsetMap(*l.Text)
	}
	type built struct {
		span    annotations.Span
		isClaim bool
	}
	byID := map[int]built{}
	var spans []annotations.Span
	var claims []annotations.Claim
	for i, e := range ents {
		where := fmt.Sprintf("entities[%d] [%d,%d)", i, e.StartOffset, e.EndOffset)
		if l.Entities == nil {
			where = fmt.Sprintf("label[%d] [%d,%d)", i, e.StartOffset, e.EndOffset)
		}
		start, end := e.StartOffset, e.EndOffset
		if om != nil {
			s, e2, err := fromUTF16(om, start, end)
			if err != nil {
				add("%s: %v", where, err)
				continue
			}
			start, end = s, e2
		}
		txt, err := t.checkExtent(start, end, nil)
		if err != nil {
			add("%s: %v", where, err)
			continue
		}
		if e.Label == "" {
			add("%s: empty label", where)
			continue
		}
		if _, dup := byID[e.ID]; dup && l.Entities != nil {
			add("%s: entity id %d used twice", where, e.ID)
			continue
		}
		sp := annotations.Span{Start: start, End: end, Label: e.Label, Text: txt}
		if e.Label == p.o.ClaimLabel {
			sp.ID = fmt.Sprintf("c%d", len(claims)+1)
			claims = append(claims, annotations.Claim{ID: sp.ID, Span: sp, Attribution: annotations.AttrAsserted, Numeric: claimNumber(sp)})
		} else {
			sp.ID = fmt.Sprintf("s%d", len(spans)+1)
			spans = append(spans, sp)
		}
		byID[e.ID] = built{sp, e.Label == p.o.ClaimLabel}
	}
	claimAt := map[string]int{}
	for i, c := range claims {
		claimAt[c.ID] = i
	}
	for i, r := range l.Relations {
		from, ok1 := byID[r.FromID]
		to, ok2 := byID[r.ToID]
		switch {
		case !ok1 || !ok2:
			add("relations[%d]: from_id %d / to_id %d: no such entity", i, r.FromID, r.ToID)
		case r.Type == claimantRelation && !from.isClaim && to.isClaim:
			c := &claims[claimAt[to.span.ID]]
			if c.Claimant.SpanID != "" {
				add("relations[%d]: claim %q has a second claimant", i, to.span.Text)
				continue
			}
			c.Claimant.SpanID = from.span.ID
		default:
			p.note(fmt.Sprintf("doccano relations other than %s from an entity to a %s are not imported", claimantRelation, p.o.ClaimLabel))
		}
	}
	if len(msgs) > 0 {
		return record.Record{}, msgs
	}
	info := annotations.DocInfo{ID: id, Text: *l.Text}
	return build(info, spans, claims, "", who, p.o.session(who), 0)
}

// labelTriples decodes doccano's [[start, end, "LABEL"], ...].
func labelTriples(raw []json.RawMessage) ([]doccanoEntity, error) {
	var out []doccanoEntity
	for i, r := range raw {
		var t []json.RawMessage
		var e doccanoEntity
		if json.Unmarshal(r, &t) != nil || len(t) != 3 ||
			json.Unmarshal(t[0], &e.StartOffset) != nil || json.Unmarshal(t[1], &e.EndOffset) != nil ||
			json.Unmarshal(t[2], &e.Label) != nil {
			return nil, fmt.Errorf("label[%d] is %s, not [start, end, \"LABEL\"]", i, r)
		}
		e.ID = -1 - i // triples have no ids; relations cannot name them
		out = append(out, e)
	}
	return out, nil
}

// sameExtents tells whether two entity lists hold the same (start, end,
// label) set.
func sameExtents(a, b []doccanoEntity) bool {
	key := func(es []doccanoEntity) []string {
		out := make([]string, len(es))
		for i, e := range es {
			out[i] = fmt.Sprintf("%d\x00%d\x00%s", e.StartOffset, e.EndOffset, e.Label)
		}
		sort.Strings(out)
		return out
	}
	ka, kb := key(a), key(b)
	if len(ka) != len(kb) {
		return false
	}
	for i := range ka {
		if ka[i] != kb[i] {
			return false
		}
	}
	return true
}

// fromUTF16 converts a UTF-16 range to code points, exactly: an offset in the
// middle of a surrogate pair (an emoji, any character above U+FFFF) is an
// error, not rounded.
func fromUTF16(om *annotations.OffsetMap, start, end int) (int, int, error) {
	total, _ := om.UTF16(om.Len())
	if start < 0 || end > total || end < start {
		return 0, 0, fmt.Errorf("offsets outside the text of %d UTF-16 units", total)
	}
	var cps [2]int
	for i, u := range []int{start, end} {
		cp, err := om.FromUTF16(u)
		if err != nil {
			return 0, 0, fmt.Errorf("UTF-16 offset %d is inside a surrogate pair (the middle of one character)", u)
		}
		cps[i] = cp
	}
	return cps[0], cps[1], nil
}
