package model

import (
	"bufio"
	"bytes"
	"io"
)

// jsonlLines reads a JSONL source as the indexer and Stream both do: lines of any
// length, the newline and a first line's BOM cut off, each passed to line with its
// offset in the (decompressed) stream and its number from 1. line reports whether the
// line is a document, and an error that stops the read. every1024 runs after each
// 1,024th line; false stops the read quietly (a cancelled index). The file's own
// warnings (a read error, broken lines past the limit, no documents) go to warn.
func jsonlLines(s *source, r io.Reader, line func(body []byte, off int64, lineNo int, bad *int) (bool, error),
	every1024 func() bool, warn func(Warning)) error {
	br := bufio.NewReaderSize(r, readBufferSize)
	var long []byte // a line longer than the buffer, being assembled
	var off int64   // of the current line in the stream
	lineNo, docs, bad := 0, 0, 0
	for {
		chunk, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			long = append(long, chunk...)
			continue
		}
		l := chunk
		if long != nil {
			l = append(long, chunk...)
		}
		if len(l) > 0 {
			lineNo++
			body, start := bytes.TrimSuffix(l, []byte{'\n'}), int64(0)
			if lineNo == 1 && bytes.HasPrefix(body, bom) {
				body, start = body[len(bom):], int64(len(bom))
			}
			ok, ferr := line(body, off+start, lineNo, &bad)
			if ferr != nil {
				return ferr
			}
			if ok {
				docs++
			}
			off += int64(len(l))
		}
		long = nil
		if every1024 != nil && lineNo%1024 == 0 && !every1024() {
			return nil
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			warn(warnf(s.path, lineNo+1, off, "read error, the rest of the file is ignored: %v", unwrapPath(err)))
			break
		}
	}
	if bad > maxLineWarns {
		warn(warnf(s.path, 0, -1, "%d more broken lines skipped without a warning each", bad-maxLineWarns))
	}
	switch {
	case lineNo == 0:
		warn(warnf(s.path, 0, -1, "empty file, no documents"))
	case docs == 0:
		warn(warnf(s.path, 0, -1, "no documents: none of its %d lines has a usable \"text\"", lineNo))
	}
	return nil
}
