package model

import (
	"bytes"
	"io"
	"slices"

	"github.com/hashiya/hashiya/model/internal/inflate"
)

// StreamDoc is a document as Stream yields it: only what matching needs.
type StreamDoc struct {
	ID   string // as Load gives it
	Text []rune // as Load gives it
}

// Stream reads the documents of paths (taken as Open takes them) front to back, once,
// and calls fn with each in corpus order: the same ids and texts Load gives, without
// an index, a cache, the meta fields or language detection. It returns the warnings
// Open and Load would report, and fn's first error. Like Open it fails when nothing is
// readable. fn may keep the StreamDoc.
func Stream(paths []string, fn func(StreamDoc) error) ([]Warning, error) {
	srcs, warns, err := sourcesOf(paths)
	if err != nil {
		return nil, err
	}
	return stream(srcs, warns, fn)
}

// StreamSample is Stream over the embedded sample corpus.
func StreamSample(fn func(StreamDoc) error) ([]Warning, error) {
	return stream(sampleSources(), nil, fn)
}

func stream(all []*source, warns []Warning, fn func(StreamDoc) error) ([]Warning, error) {
	var srcs []*source
	for _, s := range all {
		if w := s.open(); w != nil {
			warns = append(warns, *w)
			continue
		}
		srcs = append(srcs, s)
	}
	if len(srcs) == 0 {
		return nil, nothingReadable(warns, len(all))
	}
	defer func() {
		for _, s := range srcs {
			s.close()
		}
	}()
	st := &streamer{warns: warns, fn: fn}
	for _, s := range srcs {
		var err error
		switch s.kind {
		case kindText:
			err = st.text(s)
		case kindJSONL:
			err = st.lines(s, io.NewSectionReader(s.f, 0, 1<<62))
		case kindGzip:
			err = st.lines(s, gzipErrors{inflate.NewGzipReader(io.NewSectionReader(s.f, 0, 1<<62))})
		}
		if err != nil {
			return st.warns, err
		}
	}
	if st.docs == 0 {
		return nil, nothingReadable(st.warns, 0)
	}
	return st.warns, nil
}

type streamer struct {
	warns []Warning
	fn    func(StreamDoc) error
	docs  int
}

// note adds warnings, leaving out one already there ("empty document" of a text file
// is both an indexing and a loading warning).
func (st *streamer) note(ws ...Warning) {
	for _, w := range ws {
		if !slices.Contains(st.warns, w) {
			st.warns = append(st.warns, w)
		}
	}
}

func (st *streamer) text(s *source) error {
	d, err := loadText(s)
	if err != nil {
		return err
	}
	st.note(d.Warnings...)
	st.docs++
	return st.fn(StreamDoc{ID: d.ID, Text: []rune(d.Text.String())})
}

// lines streams a JSONL source as the indexer reads it and Load decodes each line.
func (st *streamer) lines(s *source, r io.Reader) error {
	return jsonlLines(s, r, func(body []byte, off int64, lineNo int, bad *int) (bool, error) {
		return st.line(s, body, off, lineNo, bad)
	}, nil, func(w Warning) { st.note(w) })
}

// line hands one JSONL line at offset off to fn if it is a document, with the
// warnings indexing and Load give it.
func (st *streamer) line(s *source, body []byte, off int64, lineNo int, bad *int) (bool, error) {
	if len(bytes.TrimLeft(body, " \t\r\n")) == 0 {
		return false, nil
	}
	id, lit, lerr := skimRecord(body) // on the bytes as read, for the indexer's warning
	if lerr != nil {
		if *bad++; *bad <= maxLineWarns {
			st.note(lineWarning(s.path, lineNo, off, lerr))
		}
		return false, nil
	}
	var ws []Warning
	if clean, nbad, first := sanitizeUTF8(body); nbad > 0 { // Load decodes the line made valid
		at := off + int64(first)
		ws = append(ws, warnf(s.path, lineNo, at,
			"invalid UTF-8 at byte %d (%s replaced with U+FFFD)", at, plural(nbad, "bad sequence")))
		id, lit, _ = skimRecord(clean)
	}
	text := unquoteRunes(lit)
	if id == "" {
		id = defaultID(s.path, lineNo)
	}
	if len(text) == 0 {
		ws = append(ws, warnf(s.path, lineNo, off, "empty document"))
	}
	if i := slices.Index(text, 0); i >= 0 {
		ws = append(ws, warnf(s.path, lineNo, off, "NUL character at code point %d of the text shown as ␀", i))
	}
	st.note(append(ws, longParagraphs(text, s.path, lineNo)...)...)
	st.docs++
	return true, st.fn(StreamDoc{ID: id, Text: text})
}
