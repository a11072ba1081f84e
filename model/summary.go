package model

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A document list shows one line of a title and less of its meta; a picker keeps them
// for every document of the corpus.
const (
	summaryRunes = 100 // of a title
	metaRunes    = 64  // of meta
)

// Summary is what a document list shows of a document without loading it: the first
// line of its text and its meta, both cut to a line's length.
type Summary struct {
	Title string // the first line of the text that is not blank
	Meta  string // the JSONL "meta" object's fields, "key: value" joined by " · ", keys sorted
}

// Summaries reads the summaries of documents from, from+1, … up to those known when it
// is called, in order, and calls fn with each. It reads each file once, front to back
// (not a Load per document), so the 200,000 titles of a 600 MB corpus take about as
// long as indexing it. It stops when ctx is done or fn returns false; a document that
// cannot be read has an empty Summary.
func (c *Corpus) Summaries(ctx context.Context, from int, fn func(i int, s Summary) bool) error {
	c.mu.RLock()
	closed := c.closed
	es := c.entries[min(max(from, 0), len(c.entries)):]
	c.mu.RUnlock()
	if closed {
		return errors.New("corpus is closed")
	}
	var jr *jsonlReader
	for k, e := range es {
		if k%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		s := c.sources[e.src]
		var sum Summary
		switch s.kind {
		case kindText:
			sum = Summary{Title: firstLine(textHead(s))}
		case kindJSONL:
			if jr == nil || jr.src != s {
				jr = newJSONLReader(s, e.off)
			}
			if line, err := jr.line(e); err == nil {
				sum = summarizeLine(line)
			}
		case kindGzip:
			if line, err := s.readLine(from+k, e); err == nil { // reads on from the last line
				sum = summarizeLine(line)
			}
		}
		if !fn(from+k, sum) {
			return nil
		}
	}
	return nil
}

// textHead is the start of a text source, enough for its first line.
func textHead(s *source) string {
	var b []byte
	if s.fsys != nil {
		b, _ = fs.ReadFile(s.fsys, s.path)
	} else if f, err := os.Open(s.path); err == nil {
		b = make([]byte, 4096)
		n, _ := io.ReadFull(f, b)
		b = b[:n]
		f.Close()
	}
	return string(bytes.TrimPrefix(b, bom))
}

// jsonlReader reads the lines of one JSONL source in order through one buffer.
type jsonlReader struct {
	src *source
	br  *bufio.Reader
	pos int64
	buf []byte
	err error
}

func newJSONLReader(s *source, off int64) *jsonlReader {
	s.mu.Lock() // only to read s.f, which Close clears
	f := s.f
	s.mu.Unlock()
	r := &jsonlReader{src: s, pos: off}
	if f == nil {
		r.err = errors.New("corpus is closed")
		return r
	}
	r.br = bufio.NewReaderSize(io.NewSectionReader(f, off, 1<<62), 1<<20)
	return r
}

// line reads the line of entry e, at or after the reader's position.
func (r *jsonlReader) line(e entry) ([]byte, error) {
	if r.err != nil {
		return nil, r.err
	}
	if e.off < r.pos {
		return nil, fmt.Errorf("line at %d read out of order", e.off)
	}
	if _, err := r.br.Discard(int(e.off - r.pos)); err != nil {
		r.err = err
		return nil, err
	}
	if cap(r.buf) < int(e.n) {
		r.buf = make([]byte, e.n)
	}
	r.buf = r.buf[:e.n]
	if _, err := io.ReadFull(r.br, r.buf); err != nil {
		r.err = err
		return nil, err
	}
	r.pos = e.off + e.n
	return r.buf, nil
}

// summarizeLine takes the title and meta of a JSONL line the indexer found valid.
func summarizeLine(line []byte) Summary {
	var sum Summary
	_ = (&skimmer{b: line, trusted: true}).object(func(key string, v []byte) {
		switch key {
		case "text":
			if v[0] == '"' {
				sum.Title = firstLineJSON(v)
			}
		case "meta":
			if v[0] == '{' {
				sum.Meta = flattenMeta(v)
			}
		}
	})
	return sum
}

// firstLineJSON is the first line that is not blank of the JSON string literal q (valid:
// the indexer checked it), decoded only that far, trimmed and cut to summaryRunes: the
// title of a 50 MB text is at its start.
func firstLineJSON(q []byte) string {
	var b []byte
	for i := 1; i < len(q)-1 && len(b) <= 4*summaryRunes+8; {
		if q[i] != '\\' {
			b = append(b, q[i])
			i++
			continue
		}
		var r rune
		r, i = unescape(q, i)
		if r == '\n' || r == '\r' {
			if len(bytes.TrimSpace(b)) > 0 {
				break
			}
			b = b[:0]
			continue
		}
		b = utf8.AppendRune(b, r)
	}
	return firstLine(strings.ToValidUTF8(string(b), "\uFFFD"))
}

// unescape decodes the escape at q[i] (a backslash), returning the rune and the index
// after it; a lone surrogate is U+FFFD, as encoding/json makes it.
func unescape(q []byte, i int) (rune, int) {
	switch c := q[i+1]; c {
	case 'n':
		return '\n', i + 2
	case 'r':
		return '\r', i + 2
	case 't':
		return '\t', i + 2
	case 'b':
		return '\b', i + 2
	case 'f':
		return '\f', i + 2
	case 'u':
		r := hex4(q[i+2 : i+6])
		if utf16.IsSurrogate(r) {
			if i+12 <= len(q) && q[i+6] == '\\' && q[i+7] == 'u' {
				if d := utf16.DecodeRune(r, hex4(q[i+8:i+12])); d != utf8.RuneError {
					return d, i + 12
				}
			}
			return utf8.RuneError, i + 6
		}
		return r, i + 6
	default: // " \ /
		return rune(c), i + 2
	}
}

func hex4(h []byte) rune {
	var r rune
	for _, c := range h {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		}
	}
	return r
}

// firstLine is the first line of s that is not blank (lines end at LF or CR), trimmed
// and cut to summaryRunes.
func firstLine(s string) string {
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if t := strings.TrimSpace(line); t != "" {
			return cutRunes(t, summaryRunes)
		}
	}
	return ""
}

// flattenMeta writes a meta object (valid JSON) as "key: value · key: value", keys
// sorted, strings unquoted, other values as written, cut to metaRunes.
func flattenMeta(obj []byte) string {
	type field struct{ k, v string }
	var fs []field
	size := 0
	_ = skimObject(obj, func(key string, v []byte) {
		if size > 8*metaRunes {
			return
		}
		val := string(v)
		if v[0] == '"' {
			val = unquote(v)
		}
		fs = append(fs, field{key, val})
		size += len(key) + len(val)
	})
	sort.Slice(fs, func(i, j int) bool { return fs[i].k < fs[j].k })
	var b strings.Builder
	for _, f := range fs {
		if b.Len() > 0 {
			b.WriteString(" · ")
		}
		b.WriteString(f.k + ": " + f.v)
	}
	return cutRunes(strings.Join(strings.Fields(b.String()), " "), metaRunes)
}

// cutRunes is s cut to n code points, copied: a title must not hold on to the text it
// was cut from.
func cutRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return strings.Clone(s[:i])
		}
		n--
	}
	return strings.Clone(s)
}

// SearchKey is s as Search compares it: every character replaced by its search key
// (see Search), the ignored ones dropped. Lists filtered by a query (the document
// picker) compare the keys of both.
func SearchKey(s string) string {
	var b []rune
	for _, r := range s {
		b = appendKeys(b, r)
	}
	return string(b)
}
