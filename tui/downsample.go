package tui

import (
	"bytes"
	"strings"

	"github.com/charmbracelet/colorprofile"
)

// downsampler converts the colours of a frame's SGR sequences to what the terminal can
// show (256 or 16 colours, none under NO_COLOR), as Bubble Tea's renderer does for its
// cells. Only the sequences are converted, each once: text passes through untouched, so
// this costs a scan for ESC per line, not a parse of every character.
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
	// colorprofile reads an underline style (4:4, dotted) as two parameters and writes
	// 4;4: the style goes through unconverted, after the rest.
	if rest, styles := splitUnderlineStyles(sgr); styles != "" {
		s := styles
		if rest != "" {
			s = d.convert(rest) + styles
		}
		d.seen[sgr] = s
		return s
	}
	var out bytes.Buffer
	w := colorprofile.Writer{Forward: &out, Profile: d.profile}
	w.WriteString(sgr)
	s := out.String()
	d.seen[sgr] = s
	return s
}

// splitUnderlineStyles takes the underline-style parameters (4:N) out of an SGR
// sequence: the sequence without them ("" if nothing is left) and one of their own.
func splitUnderlineStyles(sgr string) (rest, styles string) {
	if !strings.Contains(sgr, "4:") || !strings.HasPrefix(sgr, "\x1b[") || !strings.HasSuffix(sgr, "m") {
		return sgr, ""
	}
	var keep, style []string
	for _, p := range strings.Split(sgr[2:len(sgr)-1], ";") {
		if strings.HasPrefix(p, "4:") {
			style = append(style, p)
		} else {
			keep = append(keep, p)
		}
	}
	if len(style) == 0 {
		return sgr, ""
	}
	if len(keep) > 0 {
		rest = "\x1b[" + strings.Join(keep, ";") + "m"
	}
	return rest, "\x1b[" + strings.Join(style, ";") + "m"
}
