package suggest

import "github.com/hashiya/hashiya/model"

// windows are the stretches of text, between safe boundaries (segment.Window), that
// hold every place the automaton found the keys of a phrase: only they are segmented.
//
// The loop keeps the state, the ring and its position in local variables and leaves
// them only when a phrase ends (to found): a closure sharing them would keep them in
// memory, and every step would wait on a store and a load.
func (m *Matcher) windows(text []rune, sc *scratch) [][2]int {
	a := m.auto
	if len(sc.ring) != a.maxLen {
		sc.ring = make([]int, a.maxLen)
	}
	ring := sc.ring // document index of each of the last maxLen keys
	delta, cols, arabic := a.delta, int32(a.cols), &a.arabic
	p := 0 // where the next key goes in ring
	out := sc.wins[:0]
	var s int32 // the state, as its row offset
	var lig []rune
	for i, r := range text {
		var c int32
		switch {
		case r >= 0x0600 && r <= 0x06FF: // most of the text: key and class by table
			if c = arabic[r-0x0600]; c < 0 {
				continue
			}
		case isSpace(r):
			continue
		default:
			k := model.SearchKeyOf(r)
			if k == 0 {
				continue
			}
			if k < 0 { // a ligature: its keys one by one
				lig = model.AppendSearchKeys(lig[:0], string(r))
				for _, x := range lig {
					s = delta[s+a.classOf(x)]
					ring[p] = i
					if p++; p == len(ring) {
						p = 0
					}
					if s < 0 {
						s = -s - 1
						out = m.found(text, ring, p, s/cols, i+1, out)
					}
				}
				continue
			}
			c = a.classOf(k)
		}
		s = delta[s+c]
		ring[p] = i
		if p++; p == len(ring) {
			p = 0
		}
		if s < 0 { // a phrase ends here
			s = -s - 1
			out = m.found(text, ring, p, s/cols, i+1, out)
		}
	}
	sc.wins = out
	return out
}

// found takes the phrases ending at end-1 (state st and its failure chain), the
// longest first, and keeps a window for the first that may begin a word. ring holds
// the document index of the last keys, the newest just before p.
func (m *Matcher) found(text []rune, ring []int, p int, st int32, end int, out [][2]int) [][2]int {
	if !wordEndOK(text, end) {
		return out
	}
	a := m.auto
	start := -1
	for ; st >= 0; st = a.dict[st] {
		if l := int(a.own[st]); l > 0 {
			if s := ring[(p-l+len(ring))%len(ring)]; wordStartOK(text, s, m.opts.Proclitics) {
				start = s
				break
			}
		}
	}
	if start < 0 {
		return out
	}
	if n := len(out); n > 0 && start >= out[n-1][0] && end <= out[n-1][1] {
		return out
	}
	ws, we := keylessAround(text, start, end)
	// Hits come by end; a longer one may reach back over earlier windows.
	for n := len(out); n > 0 && ws <= out[n-1][1]; n = len(out) {
		ws, we = min(ws, out[n-1][0]), max(we, out[n-1][1])
		out = out[:n-1]
	}
	return append(out, [2]int{ws, we})
}
