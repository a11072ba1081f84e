package inflate

// tableBits is the width of the first-level lookup: codes up to this long decode with
// one table read; longer ones (rare by construction: each is under 1/1024 likely) walk
// the canonical code bit by bit.
const (
	tableBits = 10
	tableMask = 1<<tableBits - 1
	maxBits   = 15
)

// huffman decodes one canonical Huffman code (RFC 1951 §3.2.2).
type huffman struct {
	table  [1 << tableBits]uint16 // next tableBits stream bits → sym<<4 | length; 0: longer code
	count  [maxBits + 1]uint16    // codes of each length
	symbol [maxLitLen]uint16      // symbols ordered by code
}

// init builds the code from per-symbol code lengths (0: unused). It refuses an
// over-subscribed code; an incomplete one is accepted, and its unused codes fail when met.
func (h *huffman) init(lengths []uint8) bool {
	h.count = [maxBits + 1]uint16{}
	for _, l := range lengths {
		h.count[l]++
	}
	h.count[0] = 0
	left := 1
	for l := 1; l <= maxBits; l++ {
		left = left<<1 - int(h.count[l])
		if left < 0 {
			return false
		}
	}
	var offs [maxBits + 2]uint16
	for l := 1; l <= maxBits; l++ {
		offs[l+1] = offs[l] + h.count[l]
	}
	for sym, l := range lengths {
		if l != 0 {
			h.symbol[offs[l]] = uint16(sym)
			offs[l]++
		}
	}
	h.table = [1 << tableBits]uint16{}
	code, k := 0, 0 // canonical code of the k-th symbol in h.symbol
	for l := 1; l <= tableBits; l++ {
		for range h.count[l] {
			sym := h.symbol[k]
			for j := reverse(code, l); j < 1<<tableBits; j += 1 << l {
				h.table[j] = sym<<4 | uint16(l)
			}
			code++
			k++
		}
		code <<= 1
	}
	return true
}

// slow decodes a code longer than tableBits from the low bits of b, which must hold at
// least maxBits bits; it returns the symbol and code length, or length 0 for an unused code.
func (h *huffman) slow(b uint64) (sym int, length uint) {
	code, first, index := 0, 0, 0
	for l := 1; l <= maxBits; l++ {
		code |= int(b & 1)
		b >>= 1
		n := int(h.count[l])
		if code-n < first {
			return int(h.symbol[index+code-first]), uint(l)
		}
		index += n
		first = (first + n) << 1
		code <<= 1
	}
	return 0, 0
}

// reverse returns the low n bits of c in reverse order: codes are packed from their most
// significant bit, the stream is read from the least.
func reverse(c, n int) int {
	r := 0
	for range n {
		r = r<<1 | c&1
		c >>= 1
	}
	return r
}
