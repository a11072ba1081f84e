package tui

import (
	"bytes"
	"image/color"
	"strconv"
	"strings"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// downsampler converts the colours of a frame's SGR sequences to what the terminal can
// show (256 or 16 colours, none under NO_COLOR), with colorprofile's conversion, as
// Bubble Tea's renderer does for its cells. Only the sequences are converted, each once:
// text passes through untouched, so this costs a scan for ESC per line, not a parse of
// every character.
//
// colorprofile.Writer would do the conversion too, but it drops sub-parameters: a curly
// underline "4:3" comes out as "4;3", underline and italic. The palette tells labels
// apart by underline styles where colours run out, so parameters other than colours
// pass through here as they came.
type downsampler struct {
	profile colorprofile.Profile
	seen    map[string]string // SGR sequence → its conversion
}

func newDownsampler(p colorprofile.Profile) *downsampler {
	if p < colorprofile.ASCII {
		p = colorprofile.ASCII // not a terminal as far as the environment says: still no colour
	}
	return &downsampler{profile: p, seen: map[string]string{}}
}

// appendLine appends line to b with its SGR sequences converted.
func (d *downsampler) appendLine(b *bytes.Buffer, line string) {
	if d.profile == colorprofile.TrueColor {
		b.WriteString(line)
		return
	}
	for {
		i := strings.Index(line, "\x1b[")
		if i < 0 {
			b.WriteString(line)
			return
		}
		b.WriteString(line[:i])
		j := i + 2
		for j < len(line) && (line[j] >= '0' && line[j] <= '9' || line[j] == ';' || line[j] == ':') {
			j++
		}
		if j == len(line) {
			b.WriteString(line[i:])
			return
		}
		seq := line[i : j+1]
		if line[j] == 'm' {
			seq = d.convert(seq)
		}
		b.WriteString(seq)
		line = line[j+1:]
	}
}

func (d *downsampler) convert(sgr string) string {
	if s, ok := d.seen[sgr]; ok {
		return s
	}
	s := convertSGR(sgr[2:len(sgr)-1], d.profile)
	d.seen[sgr] = s
	return s
}

// convertSGR converts the colours among the parameters of one SGR sequence (its text
// between "ESC [" and "m") to profile p and keeps every other parameter as written.
func convertSGR(params string, p colorprofile.Profile) string {
	var out []string
	fields := strings.Split(params, ";")
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		sub := strings.Split(f, ":")
		n, err := strconv.Atoi(sub[0])
		if err != nil {
			out = append(out, f)
			continue
		}
		switch {
		case n == 38 || n == 48 || n == 58:
			var c color.Color
			if len(sub) > 1 { // 38:5:n or 38:2::r:g:b
				c = colourOf(sub[1:])
			} else { // 38;5;n or 38;2;r;g;b
				k := 3
				if i+1 < len(fields) && fields[i+1] == "2" {
					k = 5
				}
				c = colourOf(fields[i+1 : min(i+k, len(fields))])
				i += k - 1
			}
			if c != nil && p > colorprofile.ASCII {
				out = append(out, colourParam(n, p.Convert(c)))
			}
		case n >= 30 && n <= 37, n >= 40 && n <= 47, n >= 90 && n <= 97, n >= 100 && n <= 107,
			n == 39, n == 49, n == 59:
			if p > colorprofile.ASCII {
				out = append(out, f) // the 16 colours and the defaults exist in every colour profile
			}
		default:
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return "" // nothing left to say: colours only, and no colour
	}
	return "\x1b[" + strings.Join(out, ";") + "m"
}

// colourOf reads "5, n" or "2, r, g, b" (with an optional empty colour-space id in the
// colon form).
func colourOf(ps []string) color.Color {
	num := func(s string) int { v, _ := strconv.Atoi(s); return v }
	switch {
	case len(ps) >= 2 && ps[0] == "5":
		return ansi.IndexedColor(num(ps[1]))
	case len(ps) == 5 && ps[0] == "2":
		ps = ps[1:]
		fallthrough
	case len(ps) == 4 && ps[0] == "2":
		return color.RGBA{R: uint8(num(ps[1])), G: uint8(num(ps[2])), B: uint8(num(ps[3])), A: 0xff}
	}
	return nil
}

// colourParam writes colour c for the parameter n (38 text, 48 background, 58 underline).
func colourParam(n int, c color.Color) string {
	switch c := c.(type) {
	case ansi.BasicColor:
		if n == 58 {
			return "58;5;" + strconv.Itoa(int(c))
		}
		base := 30
		if n == 48 {
			base = 40
		}
		if c >= 8 {
			base += 60
			c -= 8
		}
		return strconv.Itoa(base + int(c))
	case ansi.IndexedColor:
		return strconv.Itoa(n) + ";5;" + strconv.Itoa(int(c))
	}
	r, g, b, _ := c.RGBA()
	return strconv.Itoa(n) + ";2;" + strconv.Itoa(int(r>>8)) + ";" + strconv.Itoa(int(g>>8)) + ";" + strconv.Itoa(int(b>>8))
}
