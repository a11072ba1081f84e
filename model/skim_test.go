package model

import (
	"encoding/json"
	"strings"
	"testing"
)

var skimSeeds = []string{
	`{"text": "hello"}`,
	`{"id": "a1", "text": "مرحبا", "meta": {"k": [1, 2.5e3, -0.1, true, false, null]}}`,
	`{"id": 12345678901234567890, "text": "big id"}`,
	`{"id": {"x": 1}, "text": "object id"}`,
	`{"te\u0078t": "escaped key", "id": "\u0627\ud83d\ude00"}`,
	`{"text": "a", "text": 1}`,
	`{"text": 1, "text": "a"}`,
	`{"text": "tab\there \\ \" \/ \b\f\n\r \u001b[31m"}`,
	"{\"text\": \"raw\ttab\"}",
	"{\"text\": \"bad \xff utf8\"}",
	` {"text":"x"} ` + "\r",
	`{"text": "x"} trailing`,
	`{"text": "x",}`,
	`{"text" "x"}`,
	`{"text": "\x"}`,
	`{"text": "\u12"}`,
	`{"text": 01}`,
	`{"text": -}`,
	`{"text": 1.}`,
	`{"text": 1e}`,
	`{"text": tru}`,
	`{}`,
	`[]`,
	`"text"`,
	`null`,
	`42`,
	`{"a": [[[[{"b": {}}]]]], "text": ""}`,
	`{"text": "unterminated`,
	`{`,
	``,
}

// FuzzSkimLine holds the indexer's skimmer to encoding/json (through parseRecord, which
// Load uses): both must accept the same lines, give the same reason for refusing one,
// and find the same id. The seeds run under plain go test.
func FuzzSkimLine(f *testing.F) {
	for _, s := range skimSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		id, serr := skimLine(line)
		rec, perr := parseRecord(line)
		if (serr == nil) != (perr == nil) {
			t.Fatalf("%q: skim %v, parse %v", line, serr, perr)
		}
		if serr != nil {
			if serr.kind != perr.kind {
				t.Fatalf("%q: skim %q, parse %q", line, serr.msg, perr.msg)
			}
			if (serr.kind == errSyntax) == json.Valid(line) {
				t.Fatalf("%q: skim says %q, json.Valid %v", line, serr.msg, json.Valid(line))
			}
			return
		}
		if id != rec.id {
			t.Fatalf("%q: skim id %q, parse id %q", line, id, rec.id)
		}
	})
}

func TestSkimDeepNesting(t *testing.T) {
	for _, depth := range []int{maxDepth - 1, maxDepth} { // the object itself is one level
		line := `{"text": "x", "a": ` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + `}`
		_, serr := skimLine([]byte(line))
		_, perr := parseRecord([]byte(line))
		if (serr == nil) != (perr == nil) || (serr == nil) != (depth < maxDepth) {
			t.Errorf("depth %d: skim %v, parse %v", depth, serr, perr)
		}
	}
}
