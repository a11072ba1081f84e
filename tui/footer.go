package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

const (
	footerSep      = " • "
	footerEllipsis = " …"
)

// footerLine is the help line: "key desc • key desc" in width cells, whole items only,
// ending in "…" when some did not fit. (The bubbles help line adds an item that does not
// fit when the ellipsis would not fit either, and the cut line then ends in a bare "•".)
func footerLine(st *Styles, bs []key.Binding, width int) string {
	type item struct{ plain, styled string }
	var items []item
	for _, b := range bs {
		if !b.Enabled() || b.Help().Key == "" {
			continue
		}
		h := b.Help()
		items = append(items, item{h.Key + " " + h.Desc, st.Help.ShortKey.Render(h.Key) + " " + st.Help.ShortDesc.Render(h.Desc)})
	}
	var b strings.Builder
	used := 0
	for i, it := range items {
		w := textWidth(it.plain)
		if i > 0 {
			w += textWidth(footerSep)
		}
		room := width - used
		if i < len(items)-1 {
			room -= textWidth(footerEllipsis) // the items after this one need the ellipsis
		}
		if w > room {
			if used+textWidth(footerEllipsis) <= width {
				b.WriteString(st.Help.Ellipsis.Render(footerEllipsis))
			}
			break
		}
		if i > 0 {
			b.WriteString(st.Help.ShortSeparator.Render(footerSep))
		}
		b.WriteString(it.styled)
		used += w
	}
	return b.String()
}
