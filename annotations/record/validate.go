package record

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/hashiya/hashiya/annotations"
)

// Problem is one thing wrong with one line of an annotations file.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg) }

// ValidateOptions adds checks that need more than the file itself.
type ValidateOptions struct {
	// Schema, when set, is the label schema every span label must belong to;
	// SchemaName names it in the problems (the --labels file).
	Schema     *annotations.Schema
	SchemaName string
}

// requiredFields must be present in every record; kept in sync with
// schema/record.schema.json by a test.
var requiredFields = []string{
	"text", "meta", "tokens", "spans", "claims", "relations", "_input_hash", "_task_hash",
	"_annotator_id", "_session_id", "_timestamp", "offset_unit", "text_sha256",
}

// Validate checks every line of an annotations JSONL stream: JSON syntax,
// required fields and their types, offsets in range, text[start:end] ==
// text for tokens, spans and claims, text_sha256, enums, at most one line
// per (document, annotator), and the references between records (see
// checkReferences). name is used in the problems, which come in line order.
func Validate(r io.Reader, name string) []Problem {
	return ValidateWith(r, name, ValidateOptions{})
}

// ValidateWith is Validate with the checks o adds (labels against a schema).
func ValidateWith(r io.Reader, name string, o ValidateOptions) []Problem {
	_, probs := scanRecords(r, name, o, false)
	return probs
}

// numbered is a decoded record and the line it came from.
type numbered struct {
	line int
	rec  Record
}

// scanRecords reads and checks a whole stream; it returns every problem,
// sorted by line, and when keep is set every line that decodes as a record.
func scanRecords(r io.Reader, name string, o ValidateOptions, keep bool) ([]numbered, []Problem) {
	var recs []numbered
	var probs []Problem
	refs := newRefChecker(o)
	seen := map[[2]string]int{}
	br := bufio.NewReaderSize(r, 1<<20)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			msgs, rec := checkLine(line)
			for _, m := range msgs {
				probs = append(probs, Problem{name, n, m})
			}
			if rec != nil {
				refs.add(n, *rec)
				if keep {
					recs = append(recs, numbered{n, *rec})
				}
			}
			var head struct {
				Meta struct {
					ID string `json:"id"`
				} `json:"meta"`
				Annotator string `json:"_annotator_id"`
			}
			if json.Unmarshal(line, &head) == nil && head.Meta.ID != "" {
				k := [2]string{head.Meta.ID, head.Annotator}
				if prev, dup := seen[k]; dup {
					probs = append(probs, Problem{name, n, fmt.Sprintf(
						"second line for document %q by %q (first on line %d)", k[0], k[1], prev)})
				} else {
					seen[k] = n
				}
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			probs = append(probs, Problem{name, n, err.Error()})
			break
		}
	}
	for _, p := range refs.finish() {
		probs = append(probs, Problem{name, p.line, p.msg})
	}
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
	return recs, probs
}

// ValidateLine checks one record line and returns what is wrong with it.
func ValidateLine(line []byte) []string {
	msgs, _ := checkLine(line)
	return msgs
}

// checkLine checks one line on its own; the record is nil when the line does
// not decode as one.
func checkLine(line []byte) ([]string, *Record) {
	line = bytes.TrimRight(line, "\r\n")
	if len(bytes.TrimSpace(line)) == 0 {
		return nil, nil // blank lines are tolerated, as by Prodigy
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		return []string{"bad JSON: " + err.Error()}, nil
	}
	var p []string
	var missing []string
	for _, f := range requiredFields {
		if _, ok := fields[f]; !ok {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		p = append(p, fmt.Sprintf("missing required fields %v", missing))
	}
	var r Record
	if err := json.Unmarshal(line, &r); err != nil {
		return append(p, "wrong type: "+err.Error()), nil
	}
	return append(p, CheckRecord(r)...), &r
}

// ReadRecords parses an annotations JSONL stream, refusing it if Validate
// finds any problem: exporting damaged training data silently is worse than
// not exporting, and formats that read references differently would
// disagree with each other.
func ReadRecords(r io.Reader, name string) ([]Record, []Problem, error) {
	return ReadRecordsWith(r, name, ValidateOptions{})
}

// ReadRecordsWith is ReadRecords with the checks o adds (as ValidateWith).
func ReadRecordsWith(r io.Reader, name string, o ValidateOptions) ([]Record, []Problem, error) {
	recs, probs := scanRecords(r, name, o, true)
	if len(probs) > 0 {
		return nil, probs, fmt.Errorf("%s: %d problem(s); fix them (hashiya validate) before exporting", name, len(probs))
	}
	out := make([]Record, len(recs))
	for i, n := range recs {
		out[i] = n.rec
	}
	return out, nil, nil
}
