package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

// Export formats.
const (
	FormatProdigy = "prodigy" // records as stored (boilerplate filtered)
	FormatDoccano = "doccano" // JSONL: label [[s,e,L]] + entities/relations objects
	FormatSpacy   = "spacy"   // JSONL: text + non-overlapping entities [[s,e,L]]
	FormatCoNLL   = "conll"   // token<TAB>IOB2 tag, blank line between lines of text
	FormatHF      = "hf"      // JSONL: tokens + integer ner_tags (see HFLabels)
	FormatClaims  = "claims"  // JSONL: one claim per line
	FormatBrat    = "brat"    // .txt + .ann per document into ExportOptions.Dir
)

// Formats lists the export formats in help order.
var Formats = []string{FormatProdigy, FormatDoccano, FormatSpacy, FormatCoNLL, FormatHF, FormatClaims, FormatBrat}

// Offset units for exports.
const (
	OffsetsCodepoint = "codepoint"
	OffsetsUTF16     = "utf16"
)

// ExportOptions tune Export.
type ExportOptions struct {
	// Offsets is codepoint (default) or utf16. utf16 is accepted only by
	// doccano and claims, whose consumers are JavaScript; prodigy, spacy and
	// brat are read by Python, where offsets are code points.
	Offsets string
	// IncludeBoilerplate keeps BOILERPLATE spans (dropped by default).
	IncludeBoilerplate bool
	// Schema names the claim and boilerplate labels and orders HF tags;
	// zero value means DefaultSchema.
	Schema annotations.Schema
	// Dir receives brat's files.
	Dir string
	// Guard, when set, is asked before brat writes each file and may refuse
	// it (the CLI refuses to write over its input).
	Guard func(path string) error
	// Warn receives notes about data changed for a format (overlaps
	// dropped, spans widened to tokens); nil discards them.
	Warn func(string)
}

func (o *ExportOptions) norm() {
	if o.Offsets == "" {
		o.Offsets = OffsetsCodepoint
	}
	if o.Schema.Claim.Name == "" {
		o.Schema = annotations.DefaultSchema()
	}
	if o.Warn == nil {
		o.Warn = func(string) {}
	}
}

// Export writes records in format to w (brat writes to opts.Dir instead).
// Records answered reject or ignore are skipped except in prodigy format,
// as Prodigy's own training exports do.
func Export(w io.Writer, records []record.Record, format string, opts ExportOptions) error {
	opts.norm()
	switch opts.Offsets {
	case OffsetsCodepoint:
	case OffsetsUTF16:
		if format != FormatDoccano && format != FormatClaims {
			return fmt.Errorf("--offsets utf16 is only for doccano and claims; %s consumers count code points", format)
		}
	default:
		return fmt.Errorf("unknown offset unit %q (codepoint or utf16)", opts.Offsets)
	}
	bw := bufio.NewWriter(w)
	var err error
	switch format {
	case FormatProdigy:
		err = exportProdigy(bw, records, opts)
	case FormatDoccano:
		err = exportDoccano(bw, trainable(records), opts)
	case FormatSpacy:
		err = exportSpacy(bw, trainable(records), opts)
	case FormatCoNLL:
		err = exportCoNLL(bw, trainable(records), opts)
	case FormatHF:
		err = exportHF(bw, trainable(records), opts)
	case FormatClaims:
		err = exportClaims(bw, trainable(records), opts)
	case FormatBrat:
		err = exportBrat(trainable(records), opts)
	default:
		return fmt.Errorf("unknown format %q (one of %v)", format, Formats)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

func trainable(rs []record.Record) []record.Record {
	var out []record.Record
	for _, r := range rs {
		if r.Answer != annotations.AnswerReject && r.Answer != annotations.AnswerIgnore {
			out = append(out, r)
		}
	}
	return out
}

// entitySpans returns the record's spans for export: boilerplate dropped
// unless asked for, claim-labelled spans never (claims are separate).
func entitySpans(r record.Record, o ExportOptions) []annotations.Span {
	var out []annotations.Span
	for _, sp := range r.Spans {
		if sp.Label == o.Schema.Boilerplate.Name && !o.IncludeBoilerplate {
			continue
		}
		out = append(out, sp)
	}
	return out
}

// filterOverlaps keeps non-overlapping spans the way spaCy's filter_spans
// does: longest first, earlier start on ties. Overlap is judged on
// [lo(sp), hi(sp)); dropped spans are reported through warn.
func filterOverlaps(spans []annotations.Span, lo, hi func(annotations.Span) int, docID string, warn func(string)) []annotations.Span {
	c := append([]annotations.Span(nil), spans...)
	sort.SliceStable(c, func(i, j int) bool {
		li, lj := hi(c[i])-lo(c[i]), hi(c[j])-lo(c[j])
		if li != lj {
			return li > lj
		}
		return lo(c[i]) < lo(c[j])
	})
	var kept []annotations.Span
	for _, sp := range c {
		ok := true
		for _, k := range kept {
			if lo(sp) < hi(k) && lo(k) < hi(sp) {
				ok = false
				warn(fmt.Sprintf("%s: %s %q [%d,%d) overlaps %s %q; dropped (longest span wins)",
					docID, sp.Label, sp.Text, sp.Start, sp.End, k.Label, k.Text))
				break
			}
		}
		if ok {
			kept = append(kept, sp)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return lo(kept[i]) < lo(kept[j]) })
	return kept
}

func writeJSONL(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

// offsetConv converts code-point offsets of one record to the export unit.
type offsetConv struct{ m *annotations.OffsetMap }

func newConv(r record.Record, unit string) *offsetConv {
	if unit == OffsetsUTF16 {
		return &offsetConv{m: annotations.NewOffsetMap(r.Text)}
	}
	return &offsetConv{}
}

func (c *offsetConv) at(cp int) int {
	if c.m == nil {
		return cp
	}
	u, err := c.m.UTF16(cp)
	if err != nil { // records are validated before export; this is a bug
		panic(err)
	}
	return u
}
