package annotations

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
)

// Problem is one thing wrong with one line of an annotations file.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg) }

// requiredFields must be present in every record; kept in sync with
// schema/record.schema.json by a test.
var requiredFields = []string{
	"text", "meta", "tokens", "spans", "claims", "relations", "_input_hash", "_task_hash",
	"_annotator_id", "_session_id", "_timestamp", "offset_unit", "text_sha256",
}

// Validate checks every line of an annotations JSONL stream: JSON syntax,
// required fields and their types, offsets in range, text[start:end] ==
// text for tokens, spans and claims, text_sha256, enums, and at most one
// line per (document, annotator). name is used in the problems.
func Validate(r io.Reader, name string) []Problem {
	var probs []Problem
	seen := map[[2]string]int{}
	br := bufio.NewReaderSize(r, 1<<20)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			for _, m := range ValidateLine(line) {
				probs = append(probs, Problem{name, n, m})
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
	return probs
}

// ValidateLine checks one record line and returns what is wrong with it.
func ValidateLine(line []byte) []string {
	line = bytes.TrimRight(line, "\r\n")
	if len(bytes.TrimSpace(line)) == 0 {
		return nil // blank lines are tolerated, as by Prodigy
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		return []string{"bad JSON: " + err.Error()}
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
		return append(p, "wrong type: "+err.Error())
	}
	return append(p, CheckRecord(r)...)
}
