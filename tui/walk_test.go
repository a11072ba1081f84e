package tui

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

var (
	walkSeeds = flag.Int("walk.seeds", 8, "random walk: number of seeds")
	walkKeysN = flag.Int("walk.keys", 0, "random walk: keys per seed (0: 25,000, or 2,500 under -race or -short)")
	walkSeed  = flag.Int("walk.seed", -1, "random walk: run only this seed (replay)")
)

// reopenEvery is how many keys pass between closing and reopening the store.
const reopenEvery = 2500

// seeded draws the walk's choices from a seeded generator.
type seeded struct{ r *rand.Rand }

func (s seeded) intn(n int) int { return s.r.IntN(n) }
func (s seeded) done() bool     { return false }

// fuzzBytes draws the walk's choices from a fuzzer's input, two bytes a choice.
type fuzzBytes struct{ b []byte }

func (f *fuzzBytes) intn(n int) int {
	if len(f.b) < 2 {
		f.b = nil
		return 0
	}
	v := int(f.b[0])<<8 | int(f.b[1])
	f.b = f.b[2:]
	return v % n
}
func (f *fuzzBytes) done() bool { return len(f.b) < 2 }

// walkStep does one thing a person might do: mostly a key of the KeyMap or of the
// schema, else typing, a resize, an undo/redo burst, a document switch, a paste, or the
// passing of the flush delay.
func (w *walker) walkStep(c chooser) {
	ks := w.keys
	pick := func(keys []walkKey) walkKey { return keys[c.intn(len(keys))] }
	switch r := c.intn(1000); {
	case r < 600:
		k := pick(ks.bindings)
		for k.source == "Quit" && c.intn(25) != 0 { // a quit restarts the reader: keep it rare
			k = pick(ks.bindings)
		}
		w.press(k)
	case r < 660:
		w.press(pick(ks.labels))
	case r < 870:
		w.press(runeKey(walkRunes[c.intn(len(walkRunes))]))
	case r < 930:
		w.press(pick(ks.inputs))
	case r < 950:
		w.resize(c)
	case r < 962: // undo/redo burst
		for n := 1 + c.intn(20); n > 0; n-- {
			w.press(ks.binding("Undo"))
		}
		for n := c.intn(20); n > 0; n-- {
			w.press(ks.binding("Redo"))
		}
	case r < 972: // switch documents through the picker or the next/previous keys
		if c.intn(2) == 0 {
			w.press(ks.binding("OpenDoc"))
			for n := c.intn(12); n > 0; n-- {
				w.press(walkKey{source: "input", name: "down", msg: keyMsg("down")})
			}
			w.press(walkKey{source: "input", name: "enter", msg: keyMsg("enter")})
		} else {
			k := ks.binding([]string{"NextDoc", "PrevDoc"}[c.intn(2)])
			for n := 1 + c.intn(4); n > 0; n-- {
				w.press(k)
			}
		}
	case r < 980: // select, move, tag: longer spans than single keys give
		w.press(ks.binding("Select"))
		motions := []string{"NextWord", "PrevWord", "Left", "Right", "Down", "Up", "Bottom", "Top"}
		for n := c.intn(6); n > 0; n-- {
			w.press(ks.binding(motions[c.intn(len(motions))]))
		}
		w.press(pick(ks.labels))
	case r < 985: // link a claim to a claim in the next pane, as the status line guides
		enter := walkKey{source: "input", name: "enter", msg: keyMsg("enter")}
		esc := walkKey{source: "input", name: "esc", msg: keyMsg("esc")}
		for _, k := range []walkKey{ks.binding("Claim"), esc, ks.binding("Link"), ks.binding("NextPane"), ks.binding("Claim"), esc, enter} {
			w.press(k)
		}
		w.press(runeKey(rune('1' + c.intn(len(relations)))))
	case r < 990:
		var b []rune
		for n := 1 + c.intn(12); n > 0; n-- {
			b = append(b, walkRunes[c.intn(len(walkRunes))])
		}
		w.note(fmt.Sprintf("paste %q", string(b)))
		w.deliver(tea.PasteMsg{Content: string(b)})
	default: // the background export comes due
		w.note("export tick")
		w.deliver(exportTickMsg{})
	}
}

// resize mostly picks small screens (cheap to draw, hard to fit), sometimes large ones
// and the extremes.
func (w *walker) resize(c chooser) {
	var width, height int
	switch r := c.intn(100); {
	case r < 4:
		width, height = 10, 5
	case r < 5:
		width, height = 300, 80
	case r < 7:
		width, height = 10+c.intn(291), 5+c.intn(76)
	case r < 30:
		width, height = 40+c.intn(81), 5+c.intn(20) // two or three panes
	default:
		width, height = 10+c.intn(40), 5+c.intn(8)
	}
	w.note(fmt.Sprintf("resize %dx%d", width, height))
	w.deliver(tea.WindowSizeMsg{Width: width, Height: height})
}

// walk presses keys until n were sent or the choices run out, reopening the store now
// and then and once at the end.
func (w *walker) walk(c chooser, n int) {
	next := reopenEvery
	for w.keysSent < n && !c.done() && !w.dead {
		w.walkStep(c)
		if w.keysSent >= next && !w.dead {
			w.reopen()
			next += reopenEvery
		}
	}
	if !w.dead {
		w.reopen()
	}
}

// TestRandomWalk drives the reader with seeded random keys over the sample and the edge
// documents; after every message the frame, the panes and the store must be sound.
func TestRandomWalk(t *testing.T) {
	perSeed := *walkKeysN
	if perSeed <= 0 {
		perSeed = 25000
		if raceDetector || testing.Short() {
			perSeed = 2500
		}
	}
	corpus := buildWalkCorpus(t, t.TempDir())
	t.Cleanup(func() { corpus.Close() })
	var keys, steps atomic.Int64
	var mu sync.Mutex
	modes := map[mode]int{}
	start := time.Now()
	seeds := 0
	t.Run("seeds", func(t *testing.T) {
		// The seeds run at once, not under t.Parallel's limit of GOMAXPROCS: much of a
		// walk waits on the journal's fsync, and the others run meanwhile.
		var wg sync.WaitGroup
		defer wg.Wait()
		for seed := 1; seed <= *walkSeeds; seed++ {
			if *walkSeed >= 0 && seed != *walkSeed {
				continue
			}
			seeds++
			wg.Go(func() {
				t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
					w := newWalker(t, corpus, storeDir(t))
					defer w.close()
					w.walk(seeded{rand.New(rand.NewPCG(uint64(seed), 0x686173686979))}, perSeed)
					mu.Lock()
					for m, n := range w.modes {
						modes[m] += n
					}
					mu.Unlock()
					keys.Add(int64(w.keysSent))
					steps.Add(int64(w.steps))
					t.Logf("seed %d: %d keys, %d messages, %d restarts, %d store reopens, %d kinds of failure",
						seed, w.keysSent, w.steps, w.restarts, w.reopens, len(w.failures))
					w.report(fmt.Sprintf("seed %d", seed), fmt.Sprintf("go test ./tui -run 'TestRandomWalk/seeds/seed=%d$' -walk.seed=%d -walk.keys=%d", seed, seed, perSeed))
				})
			})
		}
	})
	t.Logf("random walk: %d seeds, %d keys, %d messages checked, %v", seeds, keys.Load(), steps.Load(), time.Since(start).Round(time.Millisecond))
	// A walk that never reaches a mode tests nothing there.
	names := map[mode]string{modeNormal: "normal", modeSearch: "search", modePicker: "picker", modeHelp: "help",
		modeWarnings: "warnings", modeLabels: "label picker", modeClaim: "claim form", modeRelation: "link relation",
		modeResults: "corpus search hits"}
	for _, m := range []mode{modeNormal, modeSearch, modePicker, modeHelp, modeWarnings, modeLabels, modeClaim, modeRelation, modeResults} {
		t.Logf("  %s: %d messages", names[m], modes[m])
		if modes[m] == 0 && *walkSeed < 0 {
			t.Errorf("the walk never reached the %s mode", names[m])
		}
	}
}

// FuzzWalk is the same walk with the fuzzer's bytes as the choices:
// go test -run - -fuzz FuzzWalk -fuzzminimizetime 5s ./tui (every walk is long: let the
// fuzzer minimize briefly).
func FuzzWalk(f *testing.F) {
	for seed := uint64(1); seed <= 4; seed++ {
		r := rand.New(rand.NewPCG(seed, 7))
		b := make([]byte, 600)
		for i := range b {
			b[i] = byte(r.UintN(256))
		}
		f.Add(b)
	}
	corpus := buildWalkCorpus(f, f.TempDir())
	f.Cleanup(func() { corpus.Close() })
	f.Fuzz(func(t *testing.T, choices []byte) {
		w := newWalker(t, corpus, storeDir(t))
		defer w.close()
		w.walk(&fuzzBytes{b: choices}, 1<<30)
		w.report("fuzz input", "add the failing input under testdata/fuzz/FuzzWalk and run go test ./tui -run FuzzWalk")
	})
}
