package main

import (
	"errors"
	"fmt"
	"log"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/store"
	"github.com/hashiya/hashiya/bench/internal/benchtext"
)

// sharedDocs is how many documents the whole team edits: every session
// works on all of them, each annotator on its own version.
const sharedDocs = 50

// runWorker is one server: one store.Open, sessions annotators named
// prefix-NNN. It says "ready" once every session is open and has made one
// untimed edit, starts on "go", and prints the latencies and failures.
func runWorker(path, prefix, corpus string, sessions, edits int, interval time.Duration, live bool) {
	texts := benchtext.Load(corpus)
	docs := make([]annotations.DocInfo, sharedDocs)
	toks := make([][]annotations.Token, sharedDocs)
	for i := range docs {
		docs[i] = annotations.DocInfo{ID: fmt.Sprintf("team-doc-%03d", i), Text: texts[i%len(texts)], Lang: "ar"}
		toks[i] = annotations.Tokenize(docs[i].Text)
	}
	db, err := store.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	ss := make([]*store.Session, sessions)
	for j := range ss {
		if ss[j], err = db.Session(fmt.Sprintf("%s-%03d", prefix, j)); err != nil {
			log.Fatal(err)
		}
		// Untimed: the session's first statements and its first document.
		d := docs[j%sharedDocs]
		t := toks[j%sharedDocs][0]
		if _, err := ss[j].Apply(annotations.AddSpan{Doc: d, Label: "GPE", Start: t.Start, End: t.End}); err != nil {
			log.Fatalf("session %d: first edit: %v", j, err)
		}
	}
	var reads atomic.Int64
	var watchers sync.WaitGroup
	if live {
		for _, s := range ss {
			watchers.Add(1)
			go func() { defer watchers.Done(); follow(db, s.Annotator(), &reads) }()
		}
	}
	start := gate()
	fmt.Println("ready")
	<-start
	lats := make([][]time.Duration, sessions)
	fails := make([]int, sessions)
	var wg sync.WaitGroup
	for j, s := range ss {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(interval * time.Duration(j) / time.Duration(sessions)) // spread over one interval
			lats[j], fails[j] = editLoop(s, j, docs, toks, edits, interval)
		}()
	}
	wg.Wait()
	var all []time.Duration
	failed := 0
	for j := range ss {
		all = append(all, lats[j]...)
		failed += fails[j]
		ss[j].Close()
	}
	db.Close() // ends the subscriptions
	watchers.Wait()
	printLatencies(os.Stdout, all)
	fmt.Println("failed", failed)
	fmt.Println("reads", reads.Load())
}

// livePause spaces a screen's reads while commits come in a stream (the
// reader's teamLivePause).
const livePause = 500 * time.Millisecond

// follow is what a serve session's screen does with the database's commits:
// subscribed as every session is, it reads the team's answers again (the
// header's "mine A/B · team C/D") after a commit of another annotator, then
// pauses before it waits for the next.
func follow(db *store.DB, me string, reads *atomic.Int64) {
	changes, cancel := db.Subscribe()
	defer cancel()
	for c := range changes {
		if c.Annotator == me {
			continue
		}
		if _, err := db.Answers(); err == nil {
			reads.Add(1)
		}
		time.Sleep(livePause)
	}
}

// editLoop makes session j's edits, one every interval: mostly new spans,
// then a resize of the last, an undo and a redo, on the shared documents in
// turn. Only an Apply that committed something is timed; an error other
// than "nothing to do" is counted as a failure (and logged, the first few).
func editLoop(s *store.Session, j int, docs []annotations.DocInfo, toks [][]annotations.Token, edits int, interval time.Duration) ([]time.Duration, int) {
	labels := []string{"PERSON", "ORG", "GPE"}
	lat := make([]time.Duration, 0, edits)
	failed := 0
	for i := 0; len(lat) < edits && i < 20*edits; i++ {
		k := (j + i/10) % sharedDocs
		d, tk := docs[k], toks[k]
		t := tk[(i*7+j*3)%len(tk)]
		var op annotations.Op = annotations.AddSpan{Doc: d, Label: labels[(i+j)%3], Start: t.Start, End: t.End}
		switch i % 10 {
		case 7:
			if v, err := s.Doc(d.ID); err == nil && len(v.Spans) > 0 {
				sp := v.Spans[len(v.Spans)-1]
				for _, next := range tk {
					if next.Start >= sp.End {
						op = annotations.Resize{Doc: d.ID, Span: sp.ID, Start: sp.Start, End: next.End}
						break
					}
				}
			}
		case 8:
			op = annotations.Undo{Doc: d.ID}
		case 9:
			op = annotations.Redo{Doc: d.ID}
		}
		t0 := time.Now()
		_, err := s.Apply(op)
		took := time.Since(t0)
		switch {
		case err == nil:
			lat = append(lat, took)
		case nothingToDo(err):
			continue // nothing written, no pause: the next edit is the annotator's next
		default:
			failed++
			if failed <= 3 {
				log.Printf("%s: edit %d (%s): %v", s.Annotator(), i, op.Kind(), err)
			}
		}
		time.Sleep(interval)
	}
	return lat, failed
}

// nothingToDo: an edit that would change nothing, an undo or redo with no
// history, a span where one already is.
func nothingToDo(err error) bool {
	return errors.Is(err, annotations.ErrUnchanged) || errors.Is(err, annotations.ErrUnknownDoc) ||
		strings.HasPrefix(err.Error(), "nothing to") || strings.Contains(err.Error(), "already")
}
