package model

import (
	"bytes"
	"context"
	"io"
	"time"

	"github.com/hashiya/hashiya/model/internal/inflate"
)

const (
	publishEvery   = 50 * time.Millisecond // how often the reader hears of progress
	maxLineWarns   = 1000                  // per source; then one summary warning
	readBufferSize = 1 << 20
)

// indexer finds the documents of every source in order, in the background, and
// publishes them in batches so that Len, Title and Load never wait long for the lock.
type indexer struct {
	c         *Corpus
	batch     []entry
	warns     []Warning
	published int   // documents published so far
	scanned   int64 // bytes of finished sources, plus the current one's progress
	last      time.Time
}

func (c *Corpus) index(ctx context.Context) {
	defer close(c.stopped)
	ix := &indexer{c: c, last: time.Now()}
	for i, s := range c.sources {
		if ctx.Err() != nil {
			break
		}
		base := ix.scanned
		switch s.kind {
		case kindText:
			if s.size == 0 || s.size == int64(len(bom)) && ix.isBOMOnly(s) {
				ix.warns = append(ix.warns, warnf(s.path, 0, -1, "empty document"))
			}
			ix.add(entry{src: int32(i), n: s.size})
		case kindJSONL:
			sr := io.NewSectionReader(s.f, 0, 1<<62)
			ix.lines(ctx, i, s, sr, func() int64 { return base + ix.pos(sr) })
		case kindGzip:
			// Checkpoints are taken as the stream is read: a Load can then enter it
			// near any line without decompressing everything before it.
			zr := inflate.NewGzipReader(io.NewSectionReader(s.f, 0, 1<<62))
			zr.Every = checkpointEvery
			zr.OnCheckpoint = func(cp inflate.Checkpoint) {
				s.mu.Lock()
				s.checkpoints = append(s.checkpoints, cp)
				s.mu.Unlock()
			}
			ix.lines(ctx, i, s, gzipErrors{zr}, func() int64 { return base + zr.InputOffset() })
		}
		ix.scanned = base + s.size
		ix.maybePublish(false)
	}
	ix.c.publish(ix.batch, ix.warns, ix.scanned, true)
}

func (ix *indexer) isBOMOnly(s *source) bool {
	b, err := s.readAll()
	return err == nil && bytes.Equal(b, bom)
}

func (ix *indexer) pos(sr *io.SectionReader) int64 {
	p, _ := sr.Seek(0, io.SeekCurrent)
	return p
}

func (ix *indexer) add(e entry) {
	ix.batch = append(ix.batch, e)
	ix.maybePublish(false)
}

// maybePublish publishes the batch when the reader has nothing yet or has not heard
// from us for a while.
func (ix *indexer) maybePublish(force bool) {
	if len(ix.batch) == 0 && len(ix.warns) == 0 && !force {
		return
	}
	if !force && ix.published > 0 && time.Since(ix.last) < publishEvery {
		return
	}
	ix.c.publish(ix.batch, ix.warns, ix.scanned, false)
	ix.published += len(ix.batch)
	ix.batch, ix.warns = ix.batch[:0:0], nil
	ix.last = time.Now()
}

// lines indexes a JSONL stream: one entry per valid line, one warning per broken one.
func (ix *indexer) lines(ctx context.Context, src int, s *source, r io.Reader, progress func() int64) {
	jsonlLines(s, r, func(body []byte, off int64, lineNo int, bad *int) (bool, error) {
		return ix.line(src, s, body, off, lineNo, bad), nil
	}, func() bool {
		if ctx.Err() != nil {
			return false
		}
		ix.scanned = progress()
		ix.maybePublish(false)
		return true
	}, func(w Warning) { ix.warns = append(ix.warns, w) })
}

// line indexes one JSONL line at offset off; it reports whether it is a document.
func (ix *indexer) line(src int, s *source, body []byte, off int64, lineNo int, bad *int) bool {
	if len(bytes.TrimLeft(body, " \t\r\n")) == 0 {
		return false // blank lines (a trailing one, say) are not worth a warning
	}
	id, lerr := skimLine(body)
	if lerr != nil {
		if *bad++; *bad <= maxLineWarns {
			ix.warns = append(ix.warns, lineWarning(s.path, lineNo, off, lerr))
		}
		return false
	}
	ix.add(entry{src: int32(src), line: int32(lineNo), off: off, n: int64(len(body)), id: id})
	return true
}

func lineWarning(path string, lineNo int, off int64, e *lineError) Warning {
	if e.kind == errSyntax {
		at := off + int64(e.pos)
		return warnf(path, lineNo, at, "%s (byte %d), skipped", e.msg, at)
	}
	return warnf(path, lineNo, off, "%s, skipped", e.msg)
}

// gzipErrors words a gzip stream's errors as warnings say them.
type gzipErrors struct{ r io.Reader }

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = gzipError(err)
	}
	return n, err
}
