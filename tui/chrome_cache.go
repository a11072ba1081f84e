package tui

import "charm.land/bubbles/v2/key"

// chromeCache keeps the help line of the last frame: the bubbles help view re-renders
// every binding through Lip Gloss, a sixth of a frame's cost, for a line that changes only
// with the width or the bindings.
type chromeCache struct {
	width    int
	bindings []shownBinding
	line     string
}

// shownBinding is what the help line shows of a binding.
type shownBinding struct {
	key, desc string
	enabled   bool
}

// helpLine returns the help line for bs at width, from the cache when nothing it shows changed.
func (c *chromeCache) helpLine(width int, bs []key.Binding, render func() string) string {
	same := c.line != "" && c.width == width && len(c.bindings) == len(bs)
	for i := 0; same && i < len(bs); i++ {
		h := bs[i].Help()
		same = c.bindings[i] == shownBinding{h.Key, h.Desc, bs[i].Enabled()}
	}
	if same {
		return c.line
	}
	c.width, c.bindings = width, c.bindings[:0]
	for _, b := range bs {
		c.bindings = append(c.bindings, shownBinding{b.Help().Key, b.Help().Desc, b.Enabled()})
	}
	c.line = render()
	return c.line
}
