package bidi

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// confCase is one paragraph run of a conformance file.
type confCase struct {
	line   int
	runes  []rune  // BidiCharacterTest only
	class  []Class // BidiTest only
	dir    Direction
	para   int     // expected paragraph level, -1 if not given
	levels []Level // Removed for 'x'
	order  []int
}

// readLines calls fn with every non-comment line of a gzip-compressed test file.
func readLines(t *testing.T, name string, fn func(n int, line string)) {
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	s := bufio.NewScanner(z)
	for n := 1; s.Scan(); n++ {
		line := s.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			fn(n, line)
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
}

func parseLevels(t *testing.T, s string) []Level {
	var out []Level
	for _, f := range strings.Fields(s) {
		if f == "x" {
			out = append(out, Removed)
			continue
		}
		v, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("bad level %q", f)
		}
		out = append(out, Level(v))
	}
	return out
}

func parseInts(t *testing.T, s string, base int) []int {
	out := []int{}
	for _, f := range strings.Fields(s) {
		v, err := strconv.ParseInt(f, base, 32)
		if err != nil {
			t.Fatalf("bad number %q", f)
		}
		out = append(out, int(v))
	}
	return out
}

func loadBidiTest(t *testing.T) (cases []confCase, lines int) {
	var levels []Level
	var order []int
	readLines(t, "BidiTest.txt.gz", func(n int, line string) {
		switch {
		case strings.HasPrefix(line, "@Levels:"):
			levels = parseLevels(t, line[len("@Levels:"):])
		case strings.HasPrefix(line, "@Reorder:"):
			order = parseInts(t, line[len("@Reorder:"):], 10)
		case strings.HasPrefix(line, "@"):
		default:
			in, bits, _ := strings.Cut(line, ";")
			var cls []Class
			for _, f := range strings.Fields(in) {
				c, ok := ParseClass(f)
				if !ok {
					t.Fatalf("line %d: bad class %q", n, f)
				}
				cls = append(cls, c)
			}
			set, err := strconv.ParseUint(strings.TrimSpace(bits), 16, 8)
			if err != nil {
				t.Fatalf("line %d: bad bitset", n)
			}
			lines++
			for i, dir := range []Direction{Auto, LTR, RTL} {
				if set&(1<<i) != 0 {
					cases = append(cases, confCase{line: n, class: cls, dir: dir, para: -1, levels: levels, order: order})
				}
			}
		}
	})
	return cases, lines
}

func loadCharacterTest(t *testing.T) []confCase {
	var cases []confCase
	readLines(t, "BidiCharacterTest.txt.gz", func(n int, line string) {
		f := strings.Split(line, ";")
		if len(f) != 5 {
			t.Fatalf("line %d: %d fields", n, len(f))
		}
		c := confCase{line: n, dir: [...]Direction{LTR, RTL, Auto}[parseInts(t, f[1], 10)[0]]}
		for _, r := range parseInts(t, f[0], 16) {
			c.runes = append(c.runes, rune(r))
		}
		c.para = parseInts(t, f[2], 10)[0]
		c.levels = parseLevels(t, f[3])
		c.order = parseInts(t, f[4], 10)
		cases = append(cases, c)
	})
	return cases
}

// runConformance checks every case on all cores and returns the failing ones,
// sorted by line, and how many lines had a failure.
func runConformance(cases []confCase) (failed []string, failedLines map[int]bool) {
	var mu sync.Mutex
	failedLines = map[int]bool{}
	var next atomic.Int64
	var wg sync.WaitGroup
	type fail struct {
		line int
		msg  string
	}
	var fails []fail
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var p Paragraph
			var order []int
			for {
				k := int(next.Add(256)) - 256
				if k >= len(cases) {
					return
				}
				for _, c := range cases[k:min(k+256, len(cases))] {
					if c.runes != nil {
						p.SetText(c.runes, c.dir)
					} else {
						p.SetClasses(c.class, c.dir)
					}
					n := len(p.orig)
					levels := p.LineLevels(0, n)
					order = p.AppendVisualOrder(order[:0], 0, n, false)
					if (c.para >= 0 && int(p.BaseLevel()) != c.para) || !slices.Equal(levels, c.levels) || !slices.Equal(order, c.order) {
						in := fmt.Sprint(c.class)
						if c.runes != nil {
							in = fmt.Sprintf("%X", c.runes)
						}
						msg := fmt.Sprintf("line %d: %s dir=%d: para %d (want %d) levels %v (want %v) order %v (want %v)",
							c.line, in, c.dir, p.BaseLevel(), c.para, levels, c.levels, order, c.order)
						mu.Lock()
						fails = append(fails, fail{c.line, msg})
						failedLines[c.line] = true
						mu.Unlock()
					}
				}
			}
		}()
	}
	wg.Wait()
	slices.SortStableFunc(fails, func(a, b fail) int { return a.line - b.line })
	for _, f := range fails {
		failed = append(failed, f.msg)
	}
	return failed, failedLines
}

func report(t *testing.T, name string, cases []confCase, lines int) {
	failed, failedLines := runConformance(cases)
	t.Logf("%s: %d/%d cases pass (%d/%d lines)", name, len(cases)-len(failed), len(cases), lines-len(failedLines), lines)
	for i, f := range failed {
		if i == 20 {
			t.Logf("... and %d more", len(failed)-20)
			break
		}
		t.Error(f)
	}
}

func TestBidiTest(t *testing.T) {
	t.Parallel()
	cases, lines := loadBidiTest(t)
	report(t, "BidiTest", cases, lines)
}

func TestBidiCharacterTest(t *testing.T) {
	t.Parallel()
	cases := loadCharacterTest(t)
	report(t, "BidiCharacterTest", cases, len(cases))
}
