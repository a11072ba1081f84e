package tui

import (
	"context"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/text/bidi"
)

// Bounds of a corpus-wide search, so a common word over 200,000 documents keeps memory
// flat: each document lists its first few hits (the rest are counted), and the list
// stops growing at maxListedHits while the counting goes on.
const (
	maxHitsPerDoc  = 3
	maxListedHits  = 5000
	snippetContext = 48 // code points kept either side of a hit for its context line
	feedEvery      = 50 * time.Millisecond
	maxSearchErrs  = 20 // documents that could not be read, named in the warnings
)

// corpusHit is one listed hit: the document, the hit's code-point range in its text, and
// the context around it (within its paragraph) to draw in the list.
type corpusHit struct {
	doc      int
	id       string
	nth, of  int // this is hit nth (1-based) of the document's of hits
	start    int // the hit in the document
	snippet  string
	hitStart int // the hit in snippet, code points
	hitEnd   int
	cutStart bool // the snippet starts or ends inside its paragraph
	cutEnd   bool
	rtl      bool // the paragraph's direction (first strong character, UAX #9 P2)
}

// searchProgress is what the worker has done so far.
type searchProgress struct {
	searched int // documents searched
	known    int // documents in the corpus when last looked (it grows while indexing)
	hits     int // every hit counted, listed or not
	docs     int // documents with a hit
	listed   int // hits in the list
	failed   int // documents that could not be loaded
}

// searchFeed hands the worker's results to the UI without the worker ever waiting for
// it: hits pile up in batch (bounded by maxListedHits) until a command collects them.
type searchFeed struct {
	mu    sync.Mutex
	batch []corpusHit
	errs  []string // documents that could not be read, since the last collection
	prog  searchProgress
	wake  chan struct{} // capacity 1: results waiting
	done  chan struct{} // closed when the worker has returned
}

// corpusProgressMsg brings the hits found since the last one, and where the search is.
type corpusProgressMsg struct {
	gen      int
	hits     []corpusHit
	errs     []string
	prog     searchProgress
	finished bool    // the worker returned: completed, or stopped
	next     tea.Cmd // waits for the results after these; nil once finished
}

// corpusSearchCmd starts the worker in a command (never in Update) and returns the
// command that waits for its first results, with the function that stops it.
func corpusSearchCmd(c *model.Corpus, query string, gen int) (tea.Cmd, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	f := &searchFeed{wake: make(chan struct{}, 1), done: make(chan struct{})}
	start := func() tea.Msg {
		go f.run(ctx, c, query)
		return f.wait(gen)()
	}
	return start, cancel
}

// wait is the command that collects the next results.
func (f *searchFeed) wait(gen int) tea.Cmd {
	return func() tea.Msg {
		finished := false
		select {
		case <-f.wake:
		case <-f.done:
			finished = true
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		if !finished {
			select {
			case <-f.done:
				finished = true
			default:
			}
		}
		msg := corpusProgressMsg{gen: gen, hits: f.batch, errs: f.errs, prog: f.prog, finished: finished}
		f.batch, f.errs = nil, nil
		if !finished {
			msg.next = f.wait(gen)
		}
		return msg
	}
}

// run searches every document in corpus order, including those indexed while it runs.
func (f *searchFeed) run(ctx context.Context, c *model.Corpus, query string) {
	defer close(f.done)
	last := time.Now()
	listed := 0
	for i := 0; ctx.Err() == nil; {
		n := c.Len()
		if i >= n {
			if done, _, _, _ := c.Indexing(); done && i >= c.Len() {
				return
			}
			select {
			case <-c.Changed():
			case <-ctx.Done():
				return
			}
			continue
		}
		var found []corpusHit
		var count int
		doc, err := c.Peek(i) // not cached: the pass must not evict what the panes show
		if err == nil {
			ranges := model.Search(doc.Text, query)
			count = len(ranges)
			for k, r := range ranges {
				if k == maxHitsPerDoc || listed+len(found) >= maxListedHits {
					break
				}
				found = append(found, newCorpusHit(i, doc, r, k+1, len(ranges)))
			}
		}
		f.mu.Lock()
		f.batch = append(f.batch, found...)
		listed += len(found)
		p := &f.prog
		p.searched, p.known, p.listed = i+1, n, listed
		p.hits += count
		if count > 0 {
			p.docs++
		}
		if err != nil {
			if p.failed < maxSearchErrs {
				f.errs = append(f.errs, "search: "+err.Error())
			}
			p.failed++
		}
		f.mu.Unlock()
		if now := time.Now(); now.Sub(last) >= feedEvery {
			last = now
			select {
			case f.wake <- struct{}{}:
			default:
			}
		}
		i++
	}
}

// newCorpusHit cuts the context of hit r (the nth of of) out of doc's text.
func newCorpusHit(i int, doc *model.Document, r model.Range, nth, of int) corpusHit {
	// The code points around the hit as far as paragraphAround and paragraphRTL look.
	reach := max(2*snippetContext, 4096) + 1
	lo := max(0, r.Start-reach)
	text := doc.Text.Runes(lo, r.End+reach)
	ps, pe := paragraphAround(text, r.Start-lo, snippetContext)
	ps, pe = ps+lo, pe+lo
	s, e := max(ps, r.Start-snippetContext), min(pe, r.End+snippetContext)
	return corpusHit{
		doc: i, id: doc.ID, nth: nth, of: of, start: r.Start,
		snippet:  string(text[s-lo : e-lo]),
		hitStart: r.Start - s, hitEnd: r.End - s,
		cutStart: s > ps, cutEnd: e < pe,
		rtl: paragraphRTL(text, ps-lo, r.Start-lo),
	}
}

// paragraphAround finds the paragraph holding offset, looking at most reach code points
// beyond what a snippet shows: the bounds are those of the snippet's reach, or the
// paragraph's separators inside it.
func paragraphAround(text []rune, offset, reach int) (start, end int) {
	start = offset
	for start > 0 && start > offset-2*reach && !isParaSep(text[start-1]) {
		start--
	}
	end = offset
	for end < len(text) && end < offset+2*reach && !isParaSep(text[end]) {
		end++
	}
	return start, end
}

func isParaSep(r rune) bool {
	return r == '\n' || r == '\r' || r == 0x2029 || r == 0x1C || r == 0x1D || r == 0x1E || r == 0x85
}

// paragraphRTL is the direction of the paragraph holding offset, by its first strong
// character (UAX #9 P2, isolates not skipped), looked for from the paragraph's start (at
// most a few thousand code points back) up to the hit, then after it.
func paragraphRTL(text []rune, from, offset int) bool {
	start := from
	for start > 0 && start > offset-4096 && !isParaSep(text[start-1]) {
		start--
	}
	for i := start; i < len(text) && i < offset+4096 && !isParaSep(text[i]); i++ {
		switch bidi.ClassOf(text[i]) {
		case bidi.L:
			return false
		case bidi.R, bidi.AL:
			return true
		}
	}
	return false
}
