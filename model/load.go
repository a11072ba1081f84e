package model

import (
	"bytes"
	"container/list"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/hashiya/hashiya/text/doctext"
)

// Load reads document i (0 <= i < Len()). Recently loaded documents are cached; the
// returned Document is shared, so don't modify it.
func (c *Corpus) Load(i int) (*Document, error) {
	e, err := c.entryOf(i)
	if err != nil {
		return nil, err
	}
	if d := c.cache.get(i); d != nil {
		return d, nil
	}
	d, err := c.read(i, e)
	if err != nil {
		return nil, err
	}
	d.Lang = DetectLang(d.Text.String())
	c.cache.put(i, d)
	c.noteWarnings(i, d.Warnings)
	return d, nil
}

// Peek reads document i for a pass over the whole corpus (a corpus-wide search): the
// document is not cached, so the pass does not evict what the reader shows, and its
// language is not detected nor its warnings noted (Load does both when it is opened).
// Unless the document is in the cache (then it is the one Load gave), Lang is "".
func (c *Corpus) Peek(i int) (*Document, error) {
	e, err := c.entryOf(i)
	if err != nil {
		return nil, err
	}
	if d := c.cache.get(i); d != nil {
		return d, nil
	}
	return c.read(i, e)
}

// entryOf locates document i, or says why it cannot be read.
func (c *Corpus) entryOf(i int) (entry, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	switch {
	case c.closed:
		return entry{}, errors.New("corpus is closed")
	case i < 0 || i >= len(c.entries):
		return entry{}, fmt.Errorf("no document %d (the corpus has %d so far)", i, len(c.entries))
	}
	return c.entries[i], nil
}

// read reads document i, located by e, from its file.
func (c *Corpus) read(i int, e entry) (*Document, error) {
	s := c.sources[e.src]
	if s.kind == kindText {
		return loadText(s)
	}
	return loadRecord(s, i, e)
}

// noteWarnings adds a loaded document's warnings to the corpus's, once.
func (c *Corpus) noteWarnings(i int, ws []Warning) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.warned[i] {
		return
	}
	c.warned[i] = true
next:
	for _, w := range ws {
		for _, old := range c.warnings { // "empty document" is known from indexing
			if old == w {
				continue next
			}
		}
		c.warnings = append(c.warnings, w)
	}
}

// loadText reads a text file whole: Text is exactly its content minus a BOM, so offsets
// are the code points of the file as read (CRLF stays two characters).
func loadText(s *source) (*Document, error) {
	b, err := s.readAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", s.path, unwrapPath(err))
	}
	skip := 0
	if bytes.HasPrefix(b, bom) {
		skip = len(bom)
	}
	// The text is the bytes read (or their repaired copy), viewed as a string: nothing else
	// holds them, and a 50 MB file is not copied. Valid text is checked and indexed in one
	// pass.
	body := b[skip:]
	text, ok := doctext.Valid(unsafe.String(unsafe.SliceData(body), len(body)))
	bad, first := 0, -1
	if !ok {
		body, bad, first = sanitizeUTF8(body)
		text = doctext.New(unsafe.String(unsafe.SliceData(body), len(body)))
	}
	d := &Document{ID: filepath.Base(s.path), Source: s.path, Text: text}
	if text.Len() == 0 {
		d.Warnings = append(d.Warnings, warnf(s.path, 0, -1, "empty document"))
	}
	if bad > 0 {
		at := skip + first
		line := bytes.Count(b[:at], []byte{'\n'}) + 1
		d.Warnings = append(d.Warnings, warnf(s.path, line, int64(at),
			"invalid UTF-8 at byte %d (%s replaced with U+FFFD)", at, plural(bad, "bad sequence")))
	}
	d.Warnings = append(d.Warnings, nulWarning(b[skip:], s.path, skip)...)
	d.Warnings = append(d.Warnings, longLines(b[skip:], s.path, skip)...)
	return d, nil
}

// loadRecord reads and decodes JSONL document i.
func loadRecord(s *source, i int, e entry) (*Document, error) {
	where := s.path + ":" + strconv.Itoa(int(e.line))
	line, err := s.readLine(i, e)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", where, err)
	}
	var ws []Warning
	line, bad, first := sanitizeUTF8(line)
	if bad > 0 {
		at := e.off + int64(first)
		ws = append(ws, warnf(s.path, int(e.line), at,
			"invalid UTF-8 at byte %d (%s replaced with U+FFFD)", at, plural(bad, "bad sequence")))
	}
	rec, lerr := parseRecord(line)
	if lerr != nil { // the file changed since it was indexed
		return nil, errors.New(lineWarning(s.path, int(e.line), e.off, lerr).String())
	}
	d := &Document{ID: rec.id, Source: where, Text: doctext.New(rec.text), Meta: rec.meta}
	if d.ID == "" {
		d.ID = defaultID(s.path, int(e.line))
	}
	if d.Text.Len() == 0 {
		ws = append(ws, warnf(s.path, int(e.line), e.off, "empty document"))
	}
	if b := strings.IndexByte(rec.text, 0); b >= 0 { // a JSON "\u0000": shown as ␀ like a text file's NUL
		ws = append(ws, warnf(s.path, int(e.line), e.off, "NUL character at code point %d of the text shown as ␀", d.Text.IndexOf(b)))
	}
	d.Warnings = append(ws, longParagraphsIn(rec.text, s.path, int(e.line))...)
	return d, nil
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// lru caches the last few loaded documents, bounded by count and by text size, so
// paging back and forth is free but a 50 MB document doesn't pin ten others.
type lru struct {
	mu    sync.Mutex
	order *list.List // of *lruItem, most recent first
	items map[int]*list.Element
	bytes int
}

type lruItem struct {
	i int
	d *Document
}

const (
	lruDocs  = 16
	lruBytes = 64 << 20 // of UTF-8 text
)

func newLRU() *lru { return &lru{order: list.New(), items: map[int]*list.Element{}} }

func (l *lru) get(i int) *Document {
	l.mu.Lock()
	defer l.mu.Unlock()
	if el, ok := l.items[i]; ok {
		l.order.MoveToFront(el)
		return el.Value.(*lruItem).d
	}
	return nil
}

func (l *lru) put(i int, d *Document) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.items[i]; ok {
		return
	}
	l.items[i] = l.order.PushFront(&lruItem{i, d})
	l.bytes += len(d.Text.String())
	for l.order.Len() > 1 && (l.order.Len() > lruDocs || l.bytes > lruBytes) {
		it := l.order.Remove(l.order.Back()).(*lruItem)
		delete(l.items, it.i)
		l.bytes -= len(it.d.Text.String())
	}
}
