// Package bidi implements the Unicode Bidirectional Algorithm (UAX #9, Unicode 16):
// paragraph level detection (P2–P3), explicit embeddings and isolates (X1–X10),
// weak and neutral type resolution including paired brackets (W1–W7, N0–N2),
// implicit levels (I1–I2) and the line rules L1–L3.
//
// Character properties come from tables generated from the Unicode Character
// Database in ../ucd (see internal/gen).
package bidi

//go:generate go run ./internal/gen

// Class is a Bidi_Class value.
type Class uint8

// Bidi classes.
const (
	L Class = iota
	R
	AL
	EN
	ES
	ET
	AN
	CS
	NSM
	BN
	B
	S
	WS
	ON
	LRE
	LRO
	RLE
	RLO
	PDF
	LRI
	RLI
	FSI
	PDI
)

var classNames = [...]string{"L", "R", "AL", "EN", "ES", "ET", "AN", "CS", "NSM", "BN", "B", "S", "WS", "ON",
	"LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}

// String returns the short Bidi_Class alias, e.g. "AL".
func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return "Class(?)"
}

// ParseClass returns the class with the short alias s.
func ParseClass(s string) (Class, bool) {
	for i, n := range classNames {
		if n == s {
			return Class(i), true
		}
	}
	return 0, false
}

// Direction is a requested paragraph direction.
type Direction uint8

const (
	Auto Direction = iota // P2/P3: first strong character, LTR if none
	LTR
	RTL
)

// Level is an embedding level. Removed marks characters removed by rule X9.
type Level uint8

// Removed is the level reported for characters removed by X9 (BN and explicit embeddings).
const Removed Level = 255

// maxDepth is max_depth of BD2.
const maxDepth = 125

// Layout of a stage2 table byte (kept in sync with internal/gen).
const (
	classMask  = 0x1F
	flagOpen   = 1 << 5
	flagClose  = 2 << 5
	flagMirror = 1 << 7
)

// props returns the table byte of r: class plus bracket and mirror flags.
func props(r rune) uint8 {
	if uint32(r) > 0x10FFFF {
		return uint8(L)
	}
	return stage2[int(stage1[r>>blockShift])<<blockShift|int(r)&(1<<blockShift-1)]
}

// ClassOf returns the Bidi_Class of r.
func ClassOf(r rune) Class { return Class(props(r) & classMask) }

// Mirror returns the Bidi_Mirroring_Glyph of r, or r itself.
func Mirror(r rune) rune {
	if props(r)&flagMirror == 0 {
		return r
	}
	lo, hi := 0, len(mirrors)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if mirrors[m].r < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(mirrors) && mirrors[lo].r == r {
		return mirrors[lo].m
	}
	return r
}

// BracketType is a Bidi_Paired_Bracket_Type value.
type BracketType uint8

const (
	NoBracket BracketType = iota
	Open
	Close
)

// Bracket returns the Bidi_Paired_Bracket and Bidi_Paired_Bracket_Type of r.
func Bracket(r rune) (pair rune, t BracketType) {
	t = BracketType(props(r) >> 5 & 3)
	if t == NoBracket {
		return r, t
	}
	i := bracketIndex(r)
	return brackets[i].pair, t
}

// bracketIndex returns the index of r in brackets; r must be listed there.
func bracketIndex(r rune) int {
	lo, hi := 0, len(brackets)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if brackets[m].r < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
