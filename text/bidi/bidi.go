// Package bidi implements the Unicode Bidirectional Algorithm (UAX #9).
//
// PLACEHOLDER: the exported API below is the contract other packages build on;
// the bodies are trivial stand-ins until the real implementation lands.
package bidi

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

// ClassOf returns the Bidi_Class of r.
func ClassOf(r rune) Class { return L }

// Mirror returns the Bidi_Mirroring_Glyph of r, or r itself.
func Mirror(r rune) rune { return r }

// Paragraph holds the resolved levels of one paragraph.
type Paragraph struct {
	levels []Level
	base   Level
}

// New resolves the levels of one paragraph of text.
func New(text []rune, dir Direction) *Paragraph {
	p := &Paragraph{levels: make([]Level, len(text))}
	if dir == RTL {
		p.base = 1
	}
	for i := range p.levels {
		p.levels[i] = p.base
	}
	return p
}

// NewFromClasses resolves levels for a sequence of bidi classes (no bracket pairs);
// used by the BidiTest.txt conformance test.
func NewFromClasses(classes []Class, dir Direction) *Paragraph {
	return New(make([]rune, len(classes)), dir)
}

// BaseLevel is the paragraph embedding level (0 or 1).
func (p *Paragraph) BaseLevel() Level { return p.base }

// Levels returns the resolved level of every character before the line rules (X9-removed
// characters report Removed). The slice must not be modified.
func (p *Paragraph) Levels() []Level { return p.levels }

// LineLevels returns the levels of the line [start,end) of the paragraph with rule L1 applied.
func (p *Paragraph) LineLevels(start, end int) []Level {
	return append([]Level(nil), p.levels[start:end]...)
}

// VisualOrder returns, for the line [start,end), the paragraph indices of its characters in
// visual order, left to right (L2), leaving out characters removed by X9. With
// reorderMarks, combining marks (NSM) follow their base in the output (L3).
func (p *Paragraph) VisualOrder(start, end int, reorderMarks bool) []int {
	out := make([]int, 0, end-start)
	for i := start; i < end; i++ {
		out = append(out, i)
	}
	return out
}
