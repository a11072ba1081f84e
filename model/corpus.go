package model

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Corpus is an ordered list of documents from one or more files. It is safe for
// concurrent use: a background goroutine may still be indexing large JSONL files while
// the reader calls Len, Title and Load; Len grows as indexing proceeds, never shrinks.
type Corpus struct {
	sources []*source
	cancel  context.CancelFunc
	cache   *lru
	stopped chan struct{} // closed when the indexer has returned

	mu       sync.RWMutex
	entries  []entry
	warnings []Warning
	warned   map[int]bool // documents whose load-time warnings are in warnings
	scanned  int64        // input bytes indexed so far
	total    int64        // input bytes in all
	done     bool
	changed  chan struct{} // closed and replaced on progress (a broadcast)
	closed   bool
}

// entry locates one document without holding its text.
type entry struct {
	src  int32 // index in Corpus.sources
	line int32 // 1-based line of a JSONL document; 0 for a text file
	off  int64 // byte offset of the line (for .jsonl.gz, in the decompressed stream)
	n    int64 // line length in bytes, without the newline
	id   string
}

// Open opens the corpus made of paths, in order. A path may be a text file (one
// document), a JSONL file (.jsonl or .ndjson: one document per line, "text" required,
// "id" and "meta" optional), a gzipped one (.jsonl.gz), or a directory, whose .txt,
// .jsonl and .jsonl.gz files are taken in name order (not recursively). Any other file
// named explicitly is read as text.
//
// Open returns as soon as the first document is available; large JSONL files go on being
// indexed in the background (see Indexing, Changed, Wait). Problems with single files or
// lines become Warnings. Open fails when a path does not exist, or when nothing readable
// is left (so a lone binary file is an error, one among text files a warning). Close the
// corpus to release its files.
func Open(paths []string) (*Corpus, error) {
	srcs, rejected, err := sourcesOf(paths)
	if err != nil {
		return nil, err
	}
	return start(srcs, rejected)
}

// sourcesOf lists the files of paths as Open takes them, with warnings about
// directories that hold none or hold other entries.
func sourcesOf(paths []string) ([]*source, []Warning, error) {
	if len(paths) == 0 {
		return nil, nil, errors.New("no corpus given")
	}
	var srcs []*source
	var rejected []Warning
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, nil, fmt.Errorf("%s: no such file or directory", p)
			}
			return nil, nil, err
		}
		if !st.IsDir() {
			srcs = append(srcs, &source{path: p, kind: kindOf(p, true)})
			continue
		}
		des, err := os.ReadDir(p)
		if err != nil {
			return nil, nil, err
		}
		n, other := 0, 0
		for _, de := range des { // ReadDir sorts by name
			k := kindOf(de.Name(), false)
			if de.IsDir() || k == kindNone {
				other++
				continue
			}
			srcs = append(srcs, &source{path: filepath.Join(p, de.Name()), kind: k})
			n++
		}
		if n == 0 {
			rejected = append(rejected, warnf(p, 0, -1, "no .txt, .jsonl or .jsonl.gz files in this directory"))
		} else if other > 0 {
			rejected = append(rejected, warnf(p, 0, -1, "%d entries that are not .txt, .jsonl or .jsonl.gz files ignored", other))
		}
	}
	return srcs, rejected, nil
}

// start sniffs the sources, drops the unreadable ones and starts indexing the rest.
func start(all []*source, warnings []Warning) (*Corpus, error) {
	c := &Corpus{cache: newLRU(), warned: map[int]bool{}, changed: make(chan struct{}), stopped: make(chan struct{})}
	refused := 0
	for _, s := range all {
		if w := s.open(); w != nil {
			warnings = append(warnings, *w)
			refused++
			continue
		}
		c.sources = append(c.sources, s)
		c.total += s.size
	}
	c.warnings = warnings
	if len(c.sources) == 0 {
		return nil, nothingReadable(warnings, refused)
	}
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	go c.index(ctx)
	for { // Wait for the first document, so the reader has something to show.
		ch := c.Changed()
		if done, n, _, _ := c.Indexing(); n > 0 || done {
			break
		}
		<-ch
	}
	if done, n, _, _ := c.Indexing(); done && n == 0 {
		c.Close()
		return nil, nothingReadable(c.Warnings(), 0)
	}
	return c, nil
}

func nothingReadable(ws []Warning, refused int) error {
	if len(ws) == 1 {
		return errors.New(ws[0].String())
	}
	var b strings.Builder
	b.WriteString("nothing readable")
	for i, w := range ws {
		if i == 5 {
			fmt.Fprintf(&b, "\n  ... and %d more", len(ws)-i)
			break
		}
		b.WriteString("\n  " + w.String())
	}
	return errors.New(b.String())
}

// Len is the number of documents known so far (it grows while indexing).
func (c *Corpus) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.entries)
}

// Title is what a document list shows for document i: its id, or its file's base name.
// It does not read the document. It is "" when i is out of range.
func (c *Corpus) Title(i int) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if i < 0 || i >= len(c.entries) {
		return ""
	}
	return c.title(c.entries[i])
}

func (c *Corpus) title(e entry) string {
	switch {
	case e.id != "":
		return e.id
	case e.line > 0:
		return defaultID(c.sources[e.src].path, int(e.line))
	}
	return filepath.Base(c.sources[e.src].path)
}

// Warnings returns every warning so far: those found while opening and indexing, and
// those of documents loaded since.
func (c *Corpus) Warnings() []Warning {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return append([]Warning(nil), c.warnings...)
}

// Indexing reports the background indexing's progress: whether it is done, how many
// documents are known, and how many of the total input bytes have been scanned (for
// .jsonl.gz, compressed bytes).
func (c *Corpus) Indexing() (done bool, docs int, bytes, total int64) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.done, len(c.entries), c.scanned, c.total
}

var closedChan = func() chan struct{} { ch := make(chan struct{}); close(ch); return ch }()

// Changed returns a channel that is closed the next time indexing makes progress (about
// every 50 ms while it runs) or finishes. Once indexing is done it returns a closed
// channel, so check Indexing first. In Bubble Tea: a Cmd that waits on it.
func (c *Corpus) Changed() <-chan struct{} {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.done {
		return closedChan
	}
	return c.changed
}

// Wait blocks until indexing is done or ctx is cancelled.
func (c *Corpus) Wait(ctx context.Context) error {
	for {
		ch := c.Changed()
		if done, _, _, _ := c.Indexing(); done {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Close stops indexing and closes the corpus's files. Load fails after Close.
func (c *Corpus) Close() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	c.closed = true
	c.mu.Unlock()
	if c.cancel != nil {
		c.cancel()
		<-c.stopped
	}
	var errs []error
	for _, s := range c.sources {
		errs = append(errs, s.close())
	}
	return errors.Join(errs...)
}

// publish adds a batch of entries (and warnings) found by the indexer.
func (c *Corpus) publish(es []entry, ws []Warning, scanned int64, done bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = append(c.entries, es...)
	c.warnings = append(c.warnings, ws...)
	c.scanned = scanned
	if done {
		c.done = true
	}
	close(c.changed)
	c.changed = make(chan struct{})
}

// kindOf tells a source's format by its name; explicit says the user named the file,
// in which case anything that is not JSONL is read as text.
func kindOf(name string, explicit bool) kind {
	n := strings.ToLower(name)
	switch {
	case strings.HasSuffix(n, ".jsonl"), strings.HasSuffix(n, ".ndjson"):
		return kindJSONL
	case strings.HasSuffix(n, ".jsonl.gz"), strings.HasSuffix(n, ".ndjson.gz"):
		return kindGzip
	case strings.HasSuffix(n, ".txt") || explicit:
		return kindText
	}
	return kindNone
}
