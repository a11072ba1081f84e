package model

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"
)

type kind uint8

const (
	kindNone  kind = iota
	kindText       // a whole file is one document, read whole on Load
	kindJSONL      // one document per line, read with ReadAt on Load
	kindGzip       // gzipped JSONL: no random access, see readLine
)

// gzKeepBudget bounds the decompressed lines of .jsonl.gz sources kept in memory. A gzip
// stream cannot be entered in the middle, so lines beyond the budget are re-read by
// decompressing again from the start (or from where the last such read stopped, which
// makes reading forward cheap). Large gzipped corpora are best gunzipped once.
const gzKeepBudget = 32 << 20

// source is one input file.
type source struct {
	path string
	kind kind
	fsys fs.FS // the embedded sample; nil for the OS's files
	size int64
	f    *os.File // JSONL and gzip sources stay open for Load

	mu   sync.Mutex     // guards what follows (gzip sources only)
	kept map[int][]byte // document index → its line, within gzKeepBudget
	zr   *gzip.Reader   // the stream a re-read left open, at zpos
	zpos int64
}

// open checks that the source is readable text, and keeps JSONL files open. It
// returns a warning saying why the source is refused, or nil.
func (s *source) open() *Warning {
	refuse := func(format string, args ...any) *Warning {
		if s.f != nil {
			s.f.Close()
			s.f = nil
		}
		w := warnf(s.path, 0, -1, format, args...)
		return &w
	}
	var f fs.File
	var err error
	if s.fsys != nil {
		f, err = s.fsys.Open(s.path)
	} else {
		s.f, err = os.Open(s.path)
		f = s.f
	}
	if err != nil {
		return refuse("cannot open: %v", unwrapPath(err))
	}
	if s.kind == kindText && s.fsys == nil {
		s.f = nil // text files are re-read whole on Load; don't hold a descriptor each
		defer f.Close()
	}
	st, err := f.Stat()
	if err != nil {
		return refuse("cannot stat: %v", unwrapPath(err))
	}
	if st.IsDir() {
		return refuse("is a directory")
	}
	s.size = st.Size()
	var r io.Reader = f
	if s.kind == kindGzip {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return refuse("not a gzip file (%v)", err)
		}
		r = zr
	}
	head := make([]byte, sniffSize)
	n, err := io.ReadFull(r, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return refuse("cannot read: %v", unwrapPath(err))
	}
	head = bytes.TrimPrefix(head[:n], bom)
	if why := sniff(head, n == sniffSize, s.path); why != "" {
		return refuse("%s", why)
	}
	if s.fsys != nil {
		f.Close()
	}
	return nil
}

func (s *source) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kept, s.zr = nil, nil
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	return err
}

// readAll reads a text source whole.
func (s *source) readAll() ([]byte, error) {
	if s.fsys != nil {
		return fs.ReadFile(s.fsys, s.path)
	}
	return os.ReadFile(s.path)
}

// readLine reads the line of document i, located by e.
func (s *source) readLine(i int, e entry) ([]byte, error) {
	if s.kind == kindJSONL {
		s.mu.Lock() // only to read s.f, which Close clears; ReadAt itself runs unlocked
		f := s.f
		s.mu.Unlock()
		if f == nil {
			return nil, errors.New("corpus is closed")
		}
		buf := make([]byte, e.n)
		if _, err := f.ReadAt(buf, e.off); err != nil {
			if err == io.EOF {
				return nil, errors.New("the file is shorter than when it was indexed")
			}
			return nil, unwrapPath(err)
		}
		return buf, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, ok := s.kept[i]; ok {
		return b, nil
	}
	if s.f == nil {
		return nil, errors.New("corpus is closed")
	}
	if s.zr == nil || e.off < s.zpos {
		zr, err := gzip.NewReader(io.NewSectionReader(s.f, 0, 1<<62))
		if err != nil {
			return nil, err
		}
		s.zr, s.zpos = zr, 0
	}
	if _, err := io.CopyN(io.Discard, s.zr, e.off-s.zpos); err != nil {
		s.zr = nil
		return nil, fmt.Errorf("re-reading the gzip stream: %v", err)
	}
	buf := make([]byte, e.n)
	if _, err := io.ReadFull(s.zr, buf); err != nil {
		s.zr = nil
		return nil, fmt.Errorf("re-reading the gzip stream: %v", err)
	}
	s.zpos = e.off + e.n
	return buf, nil
}

// unwrapPath drops the path from an *fs.PathError: our messages name the file already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
