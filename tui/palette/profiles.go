package palette

import "github.com/charmbracelet/x/ansi"

// Underline styles (SGR 4:1 … 4:5); terminals without them draw a plain underline.
const (
	single = ansi.UnderlineStyleSingle
	double = ansi.UnderlineStyleDouble
	curly  = ansi.UnderlineStyleCurly
	dotted = ansi.UnderlineStyleDotted
	dashed = ansi.UnderlineStyleDashed
)

// The nine default entity labels are PERSON ORG GPE LOC NORP DATE QUANTITY EVENT LAW.

func trueColour(dark bool) Palette {
	if dark {
		return Palette{
			Labels: []Look{fg(hex(0xf47f88)), fg(hex(0x61afef)), fg(hex(0x98c379)), fg(hex(0x4fd6c8)),
				fg(hex(0xc98ae6)), fg(hex(0xe5c07b)), fg(hex(0xff9e57)), fgu(hex(0xff6b5b), double), fg(hex(0xa8b0ff))},
			Claim:       fgu(hex(0xff79c6), single),
			Boilerplate: Look{FG: hex(0x9a9a9a), Italic: true},
			Linked:      Look{Bold: true, Reverse: true},
			Selection:   Look{BG: hex(0x2f4a8a), FG: hex(0xffffff)},
			Match:       Look{BG: hex(0x5c4a00), FG: hex(0xffffff)},
			Current:     Look{BG: hex(0x6e3a00), FG: hex(0xffffff)},
			Chrome: Chrome{Accent: hex(0xb9a6ff), Dim: hex(0x9a9a9a), Warning: hex(0xf2c14e),
				Error: hex(0xff6b6b), Status: hex(0x7bd88f), FooterKey: hex(0xb9a6ff), FooterDesc: hex(0x9a9a9a)},
		}
	}
	return Palette{
		Labels: []Look{fg(hex(0xb3261e)), fg(hex(0x1a5fb4)), fg(hex(0x26762b)), fg(hex(0x00707a)),
			fg(hex(0x8e3ea8)), fg(hex(0x7a5a00)), fg(hex(0xa14b00)), fgu(hex(0xc01c28), double), fg(hex(0x7a3e6e))},
		Claim:       fgu(hex(0xb0176a), single),
		Boilerplate: Look{FG: hex(0x666666), Italic: true},
		Linked:      Look{Bold: true, Reverse: true},
		Selection:   Look{BG: hex(0xc9d7ff), FG: hex(0x000000)},
		Match:       Look{BG: hex(0xffe08a), FG: hex(0x000000)},
		Current:     Look{BG: hex(0xffb347), FG: hex(0x000000)},
		Chrome: Chrome{Accent: hex(0x5a3fc0), Dim: hex(0x666666), Warning: hex(0x8a5200),
			Error: hex(0xb00020), Status: hex(0x1d6b3a), FooterKey: hex(0x5a3fc0), FooterDesc: hex(0x666666)},
	}
}

func ansi256(dark bool) Palette {
	ix := func(n uint8) Look { return fg(ansi.IndexedColor(n)) }
	c := func(n uint8) ansi.IndexedColor { return ansi.IndexedColor(n) }
	if dark {
		return Palette{
			Labels:      []Look{ix(210), ix(75), ix(114), ix(80), ix(177), ix(222), ix(215), fgu(c(203), double), ix(147)},
			Claim:       fgu(c(212), single),
			Boilerplate: Look{FG: c(246), Italic: true},
			Linked:      Look{Bold: true, Reverse: true},
			Selection:   Look{BG: c(18), FG: c(231)},
			Match:       Look{BG: c(136), FG: c(16)},
			Current:     Look{BG: c(214), FG: c(16)},
			Chrome: Chrome{Accent: c(147), Dim: c(246), Warning: c(221), Error: c(203), Status: c(114),
				FooterKey: c(147), FooterDesc: c(246)},
		}
	}
	return Palette{
		Labels:      []Look{ix(124), ix(25), ix(22), ix(23), ix(91), ix(94), fgu(c(94), dotted), fgu(c(160), double), ix(21)},
		Claim:       fgu(c(125), single),
		Boilerplate: Look{FG: c(242), Italic: true},
		Linked:      Look{Bold: true, Reverse: true},
		Selection:   Look{BG: c(153), FG: c(16)},
		Match:       Look{BG: c(222), FG: c(16)},
		Current:     Look{BG: c(215), FG: c(16)},
		Chrome: Chrome{Accent: c(55), Dim: c(242), Warning: c(94), Error: c(124), Status: c(22),
			FooterKey: c(55), FooterDesc: c(242)},
	}
}

// ansi16 works with the 16 colours every terminal has; their shades are the terminal's
// own, the reference is the conversion's table (x/ansi: 0x80 and 0xff channels). On
// black seven colours besides the text's reach 4.5:1, on white six: labels past those
// take an underline style as well.
func ansi16(dark bool) Palette {
	b := func(n uint8) ansi.BasicColor { return ansi.BasicColor(n) }
	if dark {
		return Palette{
			Labels: []Look{fg(b(9)), fg(b(14)), fg(b(10)), fgu(b(14), dashed), fg(b(13)), fg(b(11)),
				fgu(b(11), dotted), fgu(b(9), double), fgu(b(13), double)},
			Claim:       fgu(b(3), single),
			Boilerplate: Look{FG: b(8), Italic: true},
			Linked:      Look{Bold: true, Reverse: true},
			Selection:   Look{BG: b(4), FG: b(15)},
			Match:       Look{BG: b(3), FG: b(0)},
			Current:     Look{BG: b(11), FG: b(0)},
			Chrome: Chrome{Accent: b(13), Dim: b(8), Warning: b(11), Error: b(9), Status: b(10),
				FooterKey: b(13), FooterDesc: b(8)},
		}
	}
	return Palette{
		Labels: []Look{fg(b(1)), fg(b(4)), fg(b(2)), fg(b(6)), fg(b(5)), fg(b(12)),
			fgu(b(6), dotted), fgu(b(1), double), fgu(b(5), double)},
		Claim:       fgu(b(12), single),
		Boilerplate: Look{Italic: true},
		Linked:      Look{Bold: true, Reverse: true},
		Selection:   Look{BG: b(14), FG: b(0)},
		Match:       Look{BG: b(11), FG: b(0)},
		Current:     Look{BG: b(3), FG: b(0)},
		Chrome: Chrome{Accent: b(5), Warning: b(1), Error: b(1), Status: b(2),
			FooterKey: b(5)},
	}
}

// attributesOnly is the look without colour (NO_COLOR): spans are underlined, one style
// per label (the second five also italic), claims bold, boilerplate faint, the
// selection reversed, search matches overlined (the current one reversed as well).
func attributesOnly() Palette {
	styles := []ansi.Underline{single, double, curly, dotted, dashed}
	var labels []Look
	for i := 0; i < 10; i++ {
		labels = append(labels, Look{Underline: styles[i%5], Italic: i >= 5})
	}
	return Palette{
		Labels:      labels,
		Claim:       Look{Bold: true},
		Boilerplate: Look{Faint: true},
		Linked:      Look{Bold: true, Reverse: true},
		Selection:   Look{Reverse: true},
		Match:       Look{Overline: true},
		Current:     Look{Overline: true, Reverse: true},
	}
}
