package layout

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/hashiya/hashiya/bench/render/mixgen"
	"github.com/hashiya/hashiya/text/bidi"
	"github.com/hashiya/hashiya/text/shape"
	"github.com/mattn/go-runewidth"
)

// referenceProp derives the prop of r from the separate tables, as the layout did at start-up
// before the combined table was generated: bidi's class, mirror and bracket tables, shape's
// Joining_Type and forms, go-runewidth and Go's unicode tables.
func referenceProp(r rune) prop {
	var k kind
	w := 0
	switch {
	case r >= 0xD800 && r < 0xE000:
		k, w = kNormal, 1 // the layout shows U+FFFD instead
	case r == '\t':
		k = kTab
	case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0):
		k = kControl
	case r == 0x2028 || r == 0x2029:
		k = kBreak
	case isBidiControl(r):
		k = kBidiCtl
	case unicode.Is(unicode.Cf, r):
		k = kHidden
	default:
		if !unicode.In(r, unicode.Mn, unicode.Me) && !isVariationSelector(r) && (r < 0x80 || bidi.ClassOf(r) != bidi.NSM) {
			w = (&runewidth.Condition{StrictEmojiNeutral: true}).RuneWidth(r)
		}
		if w == 0 {
			k = kMark
		}
	}
	p := prop(w) | prop(k)<<2
	switch bidi.ClassOf(r) {
	case bidi.R, bidi.AL, bidi.AN, bidi.LRE, bidi.RLE, bidi.LRO, bidi.RLO, bidi.PDF,
		bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
		p |= propRTL
	}
	if bidi.Mirror(r) != r {
		p |= propMirror
	}
	if shape.HasForms(r) {
		p |= propForms
	}
	p |= prop(shape.JoiningType(r)) << joinShift
	switch shape.JoiningType(r) {
	case shape.DualJoining, shape.RightJoining, shape.LeftJoining, shape.JoinCausing:
		if c := bidi.ClassOf(r); c != bidi.R && c != bidi.AL && c != bidi.BN {
			p |= propOddJoiner
		}
	}
	if _, t := bidi.Bracket(r); t == bidi.Open {
		p |= propOpen
	}
	return p
}

func isBidiControl(r rune) bool {
	switch r {
	case 0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069:
		return true
	}
	return false
}

func isVariationSelector(r rune) bool {
	return (r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF) || (r >= 0x180B && r <= 0x180D) || r == 0x180F
}

// TestPropTableMatchesSeparateTables checks the generated combined table against the
// separate tables for every code point, through every lookup path the layout uses.
func TestPropTableMatchesSeparateTables(t *testing.T) {
	bad := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want, wantClass := referenceProp(r), bidi.ClassOf(r)
		e := entryOf(r)
		if e.prop() != want || e.class() != wantClass || e>>(classShift+5) != 0 {
			if bad++; bad <= 10 {
				t.Errorf("U+%04X: entry %#x (prop %#x, class %v), want prop %#x, class %v", r, e, e.prop(), e.class(), want, wantClass)
			}
			continue
		}
		// The staged tables must be right where the direct ones take over too.
		if st := entryValues[entryBlocks[entryIndex[r>>entryBlockBits]][r&(1<<entryBlockBits-1)]]; st != e {
			if bad++; bad <= 10 {
				t.Errorf("U+%04X: staged entry %#x, direct %#x", r, st, e)
			}
		}
	}
	if bad > 0 {
		t.Fatalf("%d code points differ", bad)
	}
	for _, r := range []rune{-1, unicode.MaxRune + 1, 1 << 30} {
		if e := entryOf(r); e.prop().kind() != kNormal || e.prop().width() != 1 {
			t.Errorf("entryOf(%#x) = %#x: want the U+FFFD shown for it", r, e)
		}
	}
}

// TestGeneratedTablesUpToDate regenerates every table of the text engine into a temporary
// directory and compares it with the committed file: tables.go must be what go generate
// writes from text/ucd and the generators as they are.
func TestGeneratedTablesUpToDate(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go") // go test may run without it on PATH
		if _, err := os.Stat(goTool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatal("no go tool to run the generators")
			}
			t.Skip("no go tool to run the generators")
		}
	}
	for _, pkg := range []string{"../bidi", "../shape", "../layout"} {
		out := filepath.Join(t.TempDir(), "tables.go")
		cmd := exec.Command(goTool, "run", "./internal/gen", "-out", out)
		cmd.Dir = pkg
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("text/%s: go run ./internal/gen: %v\n%s", filepath.Base(pkg), err, msg)
		}
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		committed, err := os.ReadFile(filepath.Join(pkg, "tables.go"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, committed) {
			t.Errorf("text/%s/tables.go is not what its generator writes now: run go generate ./text/...", filepath.Base(pkg))
		}
	}
}

// TestShapeOneLevelMatchesShape checks the shaper for paragraphs whose joining neighbours
// share a level against the general one, given the levels, on generated news lines.
func TestShapeOneLevelMatchesShape(t *testing.T) {
	var buf bytes.Buffer
	mixgen.New(7).Write(&buf, 1<<20, 60)
	lines := strings.Split(buf.String(), "\n")
	lines = append(lines, "ᠮᠣᠩᠭᠣᠯ بسم", "لا إله", "ب‍ ‍ب", "كتاب ١٢٣ كتب")
	var l Layouter
	checked := 0
	for _, line := range lines {
		text := []rune(line)
		l.resolve(text, Options{})
		n := len(text)
		if l.bp.Levels() == nil {
			continue
		}
		got := slices.Clone(l.disp[:n])
		l.prepare(l.src[:n], Options{})
		l.shape(l.src[:n], l.bp.Levels(), Options{})
		if !slices.Equal(got, l.disp[:n]) {
			t.Fatalf("%q: shapeOneLevel and shape differ:\n%q\n%q", line, string(got), string(l.disp[:n]))
		}
		checked++
	}
	if checked < 1000 {
		t.Fatalf("only %d paragraphs checked", checked)
	}
}
