package model

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
)

// summaryRunes bounds a Summary's title and meta: a document list shows one line of each.
const summaryRunes = 160

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
	_ = skimObject(line, func(key string, v []byte) {
		switch key {
		case "text":
			if v[0] == '"' {
				sum.Title = firstLine(unquote(jsonStringHead(v, 4*summaryRunes)))
			}
		case "meta":
			if v[0] == '{' && len(v) <= 1<<16 {
				var m map[string]any
				if decodeNumbers(v, &m) == nil {
					sum.Meta = flattenMeta(m)
				}
			}
		}
	})
	return sum
}

// jsonStringHead is the JSON string literal q cut after about n bytes of content, at an
// escape's boundary, and closed again: the first line of a 50 MB text is near its start.
func jsonStringHead(q []byte, n int) []byte {
	if len(q) <= n+2 {
		return q
	}
	i := 1
	for i < len(q)-1 && i < n {
		if q[i] == '\\' {
			if q[i+1] == 'u' {
				i += 6
			} else {
				i += 2
			}
			continue
		}
		i++
	}
	// A \uD83D of a surrogate pair cut from its partner decodes to U+FFFD: harmless here.
	out := append([]byte(nil), q[:min(i, len(q)-1)]...)
	return append(out, '"')
}

// firstLine is the first line of s that is not blank, trimmed and cut to summaryRunes.
func firstLine(s string) string {
	for line := range strings.Lines(s) {
		if t := strings.TrimSpace(line); t != "" {
			return cutRunes(t, summaryRunes)
		}
	}
	return ""
}

// flattenMeta writes a meta object as "key: value · key: value", keys sorted.
func flattenMeta(m map[string]any) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		if b.Len() > 0 {
			b.WriteString(" · ")
		}
		v := m[k]
		if _, nested := v.(map[string]any); nested {
			j, _ := json.Marshal(v)
			v = string(j)
		}
		fmt.Fprintf(&b, "%s: %v", k, v)
		if b.Len() > 8*summaryRunes {
			break
		}
	}
	return cutRunes(strings.Join(strings.Fields(b.String()), " "), summaryRunes)
}

func cutRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
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
