package model

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"sync"

	"github.com/hashiya/hashiya/model/internal/inflate"
)

type kind uint8

const (
	kindNone  kind = iota
	kindText       // a whole file is one document, read whole on Load
	kindJSONL      // one document per line, read with ReadAt on Load
	kindGzip       // gzipped JSONL: no random access, see readLine
)

// checkpointEvery spaces the checkpoints of a .jsonl.gz source, in decompressed bytes. A
// gzip stream can only be entered at a checkpoint (see model/internal/inflate), so a
// Load decompresses at most this much before the line it wants (about 10 ms at the
// inflater's speed); each costs 32 KiB of memory, 150 for the 600 MB benchmark corpus.
const checkpointEvery = 4 << 20

// source is one input file.
type source struct {
	path string
	kind kind
	fsys fs.FS // the embedded sample; nil for the OS's files
	size int64
	f    *os.File // JSONL and gzip sources stay open for Load

	mu          sync.Mutex           // guards what follows (gzip sources only)
	checkpoints []inflate.Checkpoint // in stream order, added while indexing
	zr          *inflate.Reader      // the stream the last Load left open, at zpos
	zpos        int64
	skipped     int64 // bytes the last Load decompressed before its line
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
		r = inflate.NewGzipReader(f)
	}
	head := make([]byte, sniffSize)
	n, err := io.ReadFull(r, head)
	if s.kind == kindGzip && err != nil && err != io.ErrUnexpectedEOF && n == 0 {
		return refuse("not a gzip file (%v)", gzipError(err))
	}
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
	s.checkpoints, s.zr = nil, nil
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
	if s.f == nil {
		return nil, errors.New("corpus is closed")
	}
	// Start at the last checkpoint before the line, unless the stream left open by the
	// previous Load is nearer (reading on, page after page, is the common case).
	cp := inflate.Checkpoint{}
	if k := sort.Search(len(s.checkpoints), func(k int) bool { return s.checkpoints[k].Out > e.off }); k > 0 {
		cp = s.checkpoints[k-1]
	}
	if s.zr == nil || e.off < s.zpos || cp.Out > s.zpos {
		var err error
		if cp.Out == 0 {
			s.zr, err = inflate.NewGzipReader(io.NewSectionReader(s.f, 0, 1<<62)), nil
		} else {
			s.zr, err = inflate.Resume(io.NewSectionReader(s.f, cp.In, 1<<62), cp, true)
		}
		if err != nil {
			s.zr = nil
			return nil, fmt.Errorf("re-reading the gzip stream: %v", gzipError(err))
		}
		s.zpos = cp.Out
	}
	s.skipped = e.off - s.zpos
	if _, err := io.CopyN(io.Discard, s.zr, e.off-s.zpos); err != nil {
		s.zr = nil
		return nil, fmt.Errorf("re-reading the gzip stream: %v", gzipError(err))
	}
	buf := make([]byte, e.n)
	if _, err := io.ReadFull(s.zr, buf); err != nil {
		s.zr = nil
		return nil, fmt.Errorf("re-reading the gzip stream: %v", gzipError(err))
	}
	s.zpos = e.off + e.n
	return buf, nil
}

// gzipError words the errors of a gzip stream for a warning.
func gzipError(err error) error {
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, inflate.ErrHeader):
		return errors.New("gzip: invalid header")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("unexpected EOF")
	}
	return unwrapPath(err)
}

// unwrapPath drops the path from an *fs.PathError: our messages name the file already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
