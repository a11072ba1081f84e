package suggest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// Pattern is one usable line of a pattern file.
type Pattern struct {
	Label  string
	ID     string // the line's "id", or ""
	File   string // the pattern file, as named to Parse
	Line   int    // 1-based line in its file
	Phrase string // a phrase pattern; "" for a token pattern
	Tokens []TokenSpec
}

// Ref is what a match names its pattern by: the pattern's id, or FILE:LINE with the
// file's base name (a training file should not carry the paths of one machine).
func (p Pattern) Ref() string {
	if p.ID != "" {
		return p.ID
	}
	return filepath.Base(p.File) + ":" + strconv.Itoa(p.Line)
}

// Warning is a pattern left out, with where it is and why.
type Warning struct {
	File string
	Line int
	Msg  string
}

func (w Warning) String() string { return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Msg) }

// SyntaxError is a line that is not JSON: the file is broken there, and nothing of it
// is used until it is fixed.
type SyntaxError struct {
	File string
	Line int
	Err  error
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d: not a JSON line: %v", e.File, e.Line, e.Err)
}

func (e *SyntaxError) Unwrap() error { return e.Err }

// maxLine bounds one line of a pattern file.
const maxLine = 16 << 20

// Parse reads a pattern file named file (for messages). A pattern hashiya cannot
// use (an attribute it cannot compute, such as POS, a bad operator or regular
// expression, a missing label) is left out with a Warning naming its line; a line that
// is not JSON fails the whole file with a *SyntaxError. Blank lines are skipped.
func Parse(r io.Reader, file string) ([]Pattern, []Warning, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	var out []Pattern
	var warns []Warning
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		if len(line) == 0 {
			continue
		}
		if !json.Valid(line) {
			var v any
			err := json.Unmarshal(line, &v)
			if err == nil {
				err = errors.New("invalid JSON")
			}
			return nil, nil, &SyntaxError{File: file, Line: n, Err: err}
		}
		p, err := parseLine(line)
		if err != nil {
			warns = append(warns, Warning{File: file, Line: n, Msg: err.Error() + "; pattern skipped"})
			continue
		}
		p.File, p.Line = file, n
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	return out, warns, nil
}

// parseLine reads one JSON object line.
func parseLine(line []byte) (Pattern, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(line, &raw); err != nil || raw == nil {
		return Pattern{}, errors.New(`not a JSON object {"label", "pattern"}`)
	}
	var p Pattern
	if err := json.Unmarshal(raw["label"], &p.Label); err != nil || strings.TrimSpace(p.Label) == "" {
		return Pattern{}, errors.New(`no "label" (a non-empty string)`)
	}
	if id, ok := raw["id"]; ok {
		var s string
		if json.Unmarshal(id, &s) != nil {
			var n json.Number
			if json.Unmarshal(id, &n) != nil {
				return Pattern{}, errors.New(`"id" is neither a string nor a number`)
			}
			s = n.String()
		}
		p.ID = s
	}
	pat, ok := raw["pattern"]
	if !ok {
		return Pattern{}, errors.New(`no "pattern"`)
	}
	switch bytes.TrimSpace(pat)[0] {
	case '"':
		_ = json.Unmarshal(pat, &p.Phrase)
		if strings.TrimSpace(p.Phrase) == "" {
			return Pattern{}, errors.New("empty phrase pattern")
		}
	case '[':
		var toks []map[string]json.RawMessage
		if err := json.Unmarshal(pat, &toks); err != nil {
			return Pattern{}, errors.New(`"pattern" is a list but not of token objects`)
		}
		if len(toks) == 0 {
			return Pattern{}, errors.New("empty token pattern")
		}
		for i, t := range toks {
			spec, err := parseTokenSpec(t)
			if err != nil {
				return Pattern{}, fmt.Errorf("token %d: %w", i+1, err)
			}
			p.Tokens = append(p.Tokens, spec)
		}
		if allOptional(p.Tokens) {
			return Pattern{}, errors.New("every token is optional: the pattern could match nothing")
		}
	default:
		return Pattern{}, errors.New(`"pattern" is neither a string (phrase) nor a list (tokens)`)
	}
	return p, nil
}
