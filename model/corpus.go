package model

import (
	"context"
	"errors"
)

// Corpus is an ordered list of documents from one or more files. It is safe for
// concurrent use: a background goroutine may still be indexing large JSONL files while
// the reader calls Len, Title and Load; Len grows as indexing proceeds, never shrinks.
type Corpus struct {
	// filled in below the skeleton
}

// Open opens the corpus made of paths, in order. A path may be a text file (one
// document), a JSONL file (.jsonl, one document per line: "text" required, "id" and
// "meta" optional), a gzipped JSONL file (.jsonl.gz), or a directory, whose .txt, .jsonl
// and .jsonl.gz files are taken in name order (not recursively).
//
// Open returns as soon as the first document is available; large JSONL files go on being
// indexed in the background (see Indexing, Changed, Wait). Problems with single files or
// lines become Warnings; Open fails only when a path does not exist or nothing readable
// is left. Close the corpus to release its files.
func Open(paths []string) (*Corpus, error) {
	return nil, errors.New("model.Open: not implemented yet")
}

// Len is the number of documents known so far (it grows while indexing).
func (c *Corpus) Len() int { return 0 }

// Title is what a document list shows for document i: its id, or its file's base name.
// It does not read the document.
func (c *Corpus) Title(i int) string { return "" }

// Load reads document i (0 <= i < Len()). Recently loaded documents are cached.
func (c *Corpus) Load(i int) (*Document, error) { return nil, errors.New("not implemented") }

// Warnings returns every warning so far: those found while opening and indexing, and
// those of documents loaded since.
func (c *Corpus) Warnings() []Warning { return nil }

// Indexing reports the background indexing's progress: whether it is done, how many
// documents are known, and how many of the total input bytes have been scanned (for
// .jsonl.gz, compressed bytes).
func (c *Corpus) Indexing() (done bool, docs int, bytes, total int64) { return true, 0, 0, 0 }

// Changed returns a channel that is closed the next time indexing makes progress (about
// every 50 ms while it runs) or finishes. Once indexing is done it returns a closed
// channel, so check Indexing first. In Bubble Tea: a Cmd that waits on it.
func (c *Corpus) Changed() <-chan struct{} { return nil }

// Wait blocks until indexing is done or ctx is cancelled.
func (c *Corpus) Wait(ctx context.Context) error { return nil }

// Close stops indexing and closes the corpus's files. Load fails after Close.
func (c *Corpus) Close() error { return nil }
