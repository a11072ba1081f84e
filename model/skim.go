package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// The indexer must check every line of a 600 MB JSONL file without decoding it:
// skimLine validates a line exactly as encoding/json would (FuzzSkimLine holds it to
// that) and extracts only the id, so indexing allocates next to nothing per line.
// Load decodes the one line it needs with parseRecord.

const maxDepth = 10000 // encoding/json's nesting limit, so both agree on what is valid

// lineError is why a JSONL line was skipped.
type lineError struct {
	kind errKind
	pos  int // byte offset in the line, for syntax errors
	msg  string
}

type errKind uint8

const (
	errSyntax    errKind = iota + 1 // not JSON
	errNotObject                    // JSON, but not an object
	errNoText                       // an object without "text"
	errTextType                     // "text" is not a string
)

func (e *lineError) Error() string { return e.msg }

type skimmer struct {
	b       []byte
	i       int
	depth   int
	trusted bool // the line is known to be valid: strings are only skipped (strEnd)
}

// skimLine validates line (one JSONL line without its newline) and returns its id: the
// "id" field's value if it is a string or a number, else "" (the caller's default).
func skimLine(line []byte) (id string, err *lineError) {
	id, _, err = skimRecord(line)
	return id, err
}

// skimRecord is skimLine that also says where the "text" value (the literal with its
// quotes) lies in line, for Stream to unescape.
func skimRecord(line []byte) (id string, text []byte, err *lineError) {
	hasText, textOK := false, false
	err = skimObject(line, func(key string, v []byte) {
		switch key {
		case "text": // duplicates: the last one counts, as in encoding/json
			hasText, textOK, text = true, v[0] == '"', v
		case "id":
			id = ""
			if c := v[0]; c == '"' {
				id = unquote(v)
			} else if c == '-' || c >= '0' && c <= '9' {
				id = string(v)
			}
		}
	})
	switch {
	case err != nil:
		return "", nil, err
	case !hasText:
		return "", nil, &lineError{kind: errNoText, msg: `line has no "text" field`}
	case !textOK:
		return "", nil, &lineError{kind: errTextType, msg: `"text" is not a string`}
	}
	return id, text, nil
}

// skimObject validates line as one JSON object and calls field with each top-level
// field's name and raw value, in order.
func skimObject(line []byte, field func(key string, v []byte)) *lineError {
	return (&skimmer{b: line}).object(field)
}

func (s *skimmer) object(field func(key string, v []byte)) *lineError {
	s.ws()
	if s.i < len(s.b) && s.b[s.i] != '{' {
		if e := s.value(); e != nil {
			return e
		}
		if e := s.end(); e != nil {
			return e
		}
		return &lineError{kind: errNotObject, msg: "line is not a JSON object"}
	}
	if s.i >= len(s.b) {
		return s.fail("unexpected end of line")
	}
	s.i++ // '{'
	s.depth = 1
	for first := true; ; first = false {
		s.ws()
		if s.i >= len(s.b) {
			return s.fail("unexpected end of line")
		}
		if s.b[s.i] == '}' && first {
			s.i++
			break
		}
		if s.b[s.i] != '"' {
			return s.fail("expected a field name")
		}
		k0 := s.i
		if e := s.str(); e != nil {
			return e
		}
		key := unquote(s.b[k0:s.i])
		s.ws()
		if s.i >= len(s.b) || s.b[s.i] != ':' {
			return s.fail("expected ':' after field name")
		}
		s.i++
		s.ws()
		v0 := s.i
		if e := s.value(); e != nil {
			return e
		}
		field(key, s.b[v0:s.i])
		s.ws()
		if s.i >= len(s.b) {
			return s.fail("unexpected end of line")
		}
		if s.b[s.i] == '}' {
			s.i++
			break
		}
		if s.b[s.i] != ',' {
			return s.fail("expected ',' or '}'")
		}
		s.i++
	}
	return s.end()
}

// unquote decodes a JSON string literal that skimLine has already validated.
func unquote(q []byte) string {
	for _, c := range q[1 : len(q)-1] {
		if c == '\\' || c >= utf8.RuneSelf {
			var s string
			_ = json.Unmarshal(q, &s) // escapes, and invalid UTF-8 made U+FFFD as Load does
			return s
		}
	}
	return string(q[1 : len(q)-1])
}

func (s *skimmer) fail(msg string) *lineError {
	return &lineError{kind: errSyntax, pos: s.i, msg: "line is not valid JSON: " + msg}
}

func (s *skimmer) end() *lineError {
	s.ws()
	if s.i < len(s.b) {
		return s.fail("unexpected data after the value")
	}
	return nil
}

func (s *skimmer) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// value skips one JSON value starting at s.i.
func (s *skimmer) value() *lineError {
	if s.i >= len(s.b) {
		return s.fail("unexpected end of line")
	}
	switch c := s.b[s.i]; {
	case c == '"':
		return s.str()
	case c == '{' || c == '[':
		return s.container(c)
	case c == '-' || c >= '0' && c <= '9':
		return s.number()
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	}
	return s.fail("unexpected character " + quoteByte(s.b[s.i]))
}

func (s *skimmer) container(open byte) *lineError {
	if s.depth++; s.depth > maxDepth {
		return s.fail("nested too deeply")
	}
	close := byte(']')
	if open == '{' {
		close = '}'
	}
	s.i++
	for first := true; ; first = false {
		s.ws()
		if s.i >= len(s.b) {
			return s.fail("unexpected end of line")
		}
		if first && s.b[s.i] == close {
			s.i++
			s.depth--
			return nil
		}
		if open == '{' {
			if s.b[s.i] != '"' {
				return s.fail("expected a field name")
			}
			if e := s.str(); e != nil {
				return e
			}
			s.ws()
			if s.i >= len(s.b) || s.b[s.i] != ':' {
				return s.fail("expected ':' after field name")
			}
			s.i++
			s.ws()
		}
		if e := s.value(); e != nil {
			return e
		}
		s.ws()
		if s.i >= len(s.b) {
			return s.fail("unexpected end of line")
		}
		if s.b[s.i] == close {
			s.i++
			s.depth--
			return nil
		}
		if s.b[s.i] != ',' {
			return s.fail("expected ',' or '" + string(close) + "'")
		}
		s.i++
	}
}

// str skips a string literal. It is the hot loop of indexing: texts are most of a line.
func (s *skimmer) str() *lineError {
	if s.trusted {
		return s.strEnd()
	}
	s.i++ // opening quote
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return nil
		case c == '\\':
			s.i++
			if s.i >= len(s.b) {
				return s.fail("unexpected end of line in string")
			}
			switch s.b[s.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i++
			case 'u':
				s.i++
				for k := 0; k < 4; k++ {
					if s.i >= len(s.b) || !isHex(s.b[s.i]) {
						return s.fail(`bad \u escape in string`)
					}
					s.i++
				}
			default:
				return s.fail("bad escape in string")
			}
		case c < 0x20:
			return s.fail("control character in string")
		default:
			s.i++
		}
	}
	return s.fail("unexpected end of line in string")
}

// strEnd skips a string of a line known to be valid: its end is the first quote after
// an even run of backslashes, found at memchr speed.
func (s *skimmer) strEnd() *lineError {
	for at := s.i + 1; ; {
		j := bytes.IndexByte(s.b[at:], '"')
		if j < 0 {
			return s.fail("unexpected end of line in string")
		}
		q := at + j
		k := q
		for k > s.i+1 && s.b[k-1] == '\\' {
			k--
		}
		at = q + 1
		if (q-k)%2 == 0 {
			s.i = at
			return nil
		}
	}
}

func (s *skimmer) number() *lineError {
	digits := func() int {
		n := 0
		for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
			s.i++
			n++
		}
		return n
	}
	if s.b[s.i] == '-' {
		s.i++
	}
	if s.i < len(s.b) && s.b[s.i] == '0' {
		s.i++
	} else if digits() == 0 {
		return s.fail("bad number")
	}
	if s.i < len(s.b) && s.b[s.i] == '.' {
		s.i++
		if digits() == 0 {
			return s.fail("bad number")
		}
	}
	if s.i < len(s.b) && (s.b[s.i] == 'e' || s.b[s.i] == 'E') {
		s.i++
		if s.i < len(s.b) && (s.b[s.i] == '+' || s.b[s.i] == '-') {
			s.i++
		}
		if digits() == 0 {
			return s.fail("bad number")
		}
	}
	return nil
}

func (s *skimmer) literal(lit string) *lineError {
	if len(s.b)-s.i < len(lit) || string(s.b[s.i:s.i+len(lit)]) != lit {
		return s.fail("unexpected character " + quoteByte(s.b[s.i]))
	}
	s.i += len(lit)
	return nil
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func quoteByte(c byte) string {
	if c >= 0x20 && c < 0x7F {
		return "'" + string(c) + "'"
	}
	return fmt.Sprintf("byte 0x%02X", c)
}
