// Package inflate decompresses DEFLATE (RFC 1951) and gzip (RFC 1952) streams and, unlike
// compress/flate, can stop at a block boundary and resume there later: a Checkpoint holds
// the position in the compressed stream, to the bit, and the last 32 KiB of output, which
// is all a deflate block may refer back to. This is what makes a far jump into a big
// .jsonl.gz cheap: start at the nearest checkpoint instead of the file's beginning.
package inflate

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
)

const (
	// WindowSize is how far back a deflate match may reach, and so the size of the
	// window a Checkpoint keeps.
	WindowSize = 1 << 15
	maxMatch   = 258
	outBuffer  = 1 << 18 // output decoded between two slides of the window
	inBuffer   = 1 << 16
)

// ErrCorrupt is the error of a stream that is not valid DEFLATE or gzip.
var ErrCorrupt = errors.New("corrupt compressed data")

// Checkpoint is a place where decompression can resume: the start of a deflate block.
type Checkpoint struct {
	In     int64  // offset of the byte holding the block's first bit, in the input
	Bit    uint8  // bits of that byte that belong to the previous block (0-7)
	Out    int64  // output bytes before this point
	Window []byte // the last min(Out, WindowSize) bytes of output of the current member

	member int64 // output offset where the gzip member started (for its size check)
}

type state uint8

const (
	stateGzipHeader state = iota
	stateBlockHeader
	stateStored
	stateHuffman
	stateGzipTrailer
	stateEnd
)

// Reader decompresses a stream. Read it as an io.Reader; set Every and OnCheckpoint
// before the first Read to be given checkpoints as it goes.
type Reader struct {
	// Every asks for a checkpoint at the first block boundary after every Every bytes
	// of output; OnCheckpoint receives it (its Window is a fresh copy).
	Every        int64
	OnCheckpoint func(Checkpoint)
	nextCP       int64

	r        io.Reader
	in       []byte // in[pos:end] is input not yet in the bit buffer
	pos, end int
	base     int64 // input offset of in[0]
	eof      bool  // r has no more
	pad      int   // zero bytes put in the bit buffer past the end of the input
	bits     uint64
	nb       uint // valid bits in bits (the ones above may hold the next bytes' bits, never garbage)

	out   []byte // the window, then output not yet read: out[rd:]
	rd    int
	total int64 // output offset of out[0]

	gzip     bool
	members  int    // gzip members begun
	member   int64  // output offset of the current gzip member's first byte
	crc      uint32 // of the member's output so far, when crcKnown
	crcKnown bool
	crcDone  int // out[:crcDone] is in crc

	st        state
	final     bool
	stored    int // bytes left in a stored block
	lit, dist huffman
	lens      [maxLitLen + maxDist]uint8
	err       error
}

// NewReader decompresses the raw DEFLATE stream read from r.
func NewReader(r io.Reader) *Reader { return newReader(r, 0, false, stateBlockHeader) }

// NewGzipReader decompresses the gzip stream read from r: one member or several
// concatenated, each checked against its CRC-32 and size.
func NewGzipReader(r io.Reader) *Reader { return newReader(r, 0, true, stateGzipHeader) }

// Resume continues a stream at cp, which a Reader of the same kind (gzip or raw) gave
// for the same input; r must read the input from offset cp.In on. The CRC-32 of the
// member under way cannot be checked (its start was not read); its size still is.
func Resume(r io.Reader, cp Checkpoint, gzip bool) (*Reader, error) {
	z := newReader(r, cp.In, gzip, stateBlockHeader)
	z.out = append(z.out, cp.Window...)
	z.rd, z.crcDone = len(z.out), len(z.out)
	z.total = cp.Out - int64(len(cp.Window))
	z.member = cp.member
	z.crcKnown = false
	if cp.Bit > 0 {
		z.need(8)
		if z.err != nil {
			return nil, z.err
		}
		z.drop(uint(cp.Bit))
	}
	return z, nil
}

func newReader(r io.Reader, base int64, gzip bool, st state) *Reader {
	return &Reader{r: r, in: make([]byte, inBuffer), base: base, out: make([]byte, 0, WindowSize+outBuffer),
		gzip: gzip, st: st, crcKnown: true}
}

// Read implements io.Reader.
func (z *Reader) Read(p []byte) (int, error) {
	for {
		if z.rd < len(z.out) {
			n := copy(p, z.out[z.rd:])
			z.rd += n
			return n, nil
		}
		if z.err != nil {
			return 0, z.err
		}
		z.step()
	}
}

// InputOffset is how much of the input has been decoded, in whole bytes.
func (z *Reader) InputOffset() int64 { return z.bitPos() / 8 }

// bitPos is the input position of the next unread bit.
func (z *Reader) bitPos() int64 {
	return (z.base+int64(z.pos+z.pad))*8 - int64(z.nb)
}

// step decodes until the output buffer is full or the stream ends; all of out has been read.
func (z *Reader) step() {
	if len(z.out)+maxMatch > cap(z.out) { // slide: keep the window, drop what was read
		z.sumCRC()
		keep := min(len(z.out), WindowSize)
		z.total += int64(len(z.out) - keep)
		copy(z.out, z.out[len(z.out)-keep:])
		z.out = z.out[:keep]
		z.rd, z.crcDone = keep, keep
	}
	for z.err == nil && len(z.out)+maxMatch <= cap(z.out) && z.rd == len(z.out) {
		switch z.st {
		case stateGzipHeader:
			z.gzipHeader()
		case stateBlockHeader:
			z.blockHeader()
		case stateStored:
			z.storedBlock()
		case stateHuffman:
			z.huffmanBlock()
		case stateGzipTrailer:
			z.gzipTrailer()
		case stateEnd:
			z.err = io.EOF
		}
		if z.overrun() && z.err == nil {
			z.err = io.ErrUnexpectedEOF // decoded bits that are not in the input
		}
	}
}

func (z *Reader) blockHeader() {
	if out := z.total + int64(len(z.out)); z.OnCheckpoint != nil && z.Every > 0 && out >= max(z.nextCP, z.Every) {
		z.nextCP = out + z.Every
		z.OnCheckpoint(z.checkpoint())
	}
	z.need(3)
	h := z.bits
	z.drop(3)
	z.final = h&1 == 1
	switch h >> 1 & 3 {
	case 0:
		z.drop(z.nb % 8)
		z.need(32)
		n, nn := uint16(z.bits), uint16(z.bits>>16)
		z.drop(32)
		if n != ^nn {
			z.fail()
			return
		}
		z.stored, z.st = int(n), stateStored
	case 1:
		z.lit, z.dist = *fixedLit, *fixedDist
		z.st = stateHuffman
	case 2:
		z.dynamicHeader()
	default:
		z.fail()
	}
}

func (z *Reader) checkpoint() Checkpoint {
	p := z.bitPos()
	w := z.out[len(z.out)-int(min(int64(len(z.out)), WindowSize, z.total+int64(len(z.out))-z.member)):]
	return Checkpoint{In: p / 8, Bit: uint8(p % 8), Out: z.total + int64(len(z.out)), Window: append([]byte(nil), w...), member: z.member}
}

func (z *Reader) dynamicHeader() {
	z.need(14)
	nlit, ndist, nclen := int(z.bits&31)+257, int(z.bits>>5&31)+1, int(z.bits>>10&15)+4
	z.drop(14)
	if nlit > 286 || ndist > 30 {
		z.fail()
		return
	}
	var cl [19]uint8
	for i := range nclen {
		z.need(3)
		cl[codeLengthOrder[i]] = uint8(z.bits & 7)
		z.drop(3)
	}
	var clh huffman
	if !clh.init(cl[:]) {
		z.fail()
		return
	}
	lens := z.lens[:nlit+ndist]
	for i := 0; i < len(lens); {
		sym, ok := z.decode(&clh)
		if !ok {
			return
		}
		if sym < 16 {
			lens[i] = uint8(sym)
			i++
			continue
		}
		var rep int
		var val uint8
		switch sym {
		case 16:
			if i == 0 {
				z.fail()
				return
			}
			z.need(2)
			rep, val = 3+int(z.bits&3), lens[i-1]
			z.drop(2)
		case 17:
			z.need(3)
			rep = 3 + int(z.bits&7)
			z.drop(3)
		default:
			z.need(7)
			rep = 11 + int(z.bits&127)
			z.drop(7)
		}
		if i+rep > len(lens) {
			z.fail()
			return
		}
		for range rep {
			lens[i] = val
			i++
		}
	}
	if z.err != nil {
		return
	}
	if lens[256] == 0 || !z.lit.init(lens[:nlit]) || !z.dist.init(lens[nlit:]) {
		z.fail()
		return
	}
	z.st = stateHuffman
}

// decode reads one symbol of h (outside the hot loop).
func (z *Reader) decode(h *huffman) (int, bool) {
	z.need(maxBits)
	if z.err != nil {
		return 0, false
	}
	if e := h.table[z.bits&tableMask]; e != 0 {
		z.drop(uint(e & 15))
		return int(e >> 4), true
	}
	sym, l := h.slow(z.bits)
	if l == 0 {
		z.fail()
		return 0, false
	}
	z.drop(l)
	return sym, true
}

func (z *Reader) storedBlock() {
	for z.stored > 0 && z.nb >= 8 && len(z.out) < cap(z.out) {
		z.out = append(z.out, byte(z.bits))
		z.drop(8)
		z.stored--
	}
	for z.stored > 0 && len(z.out) < cap(z.out) && z.err == nil {
		if z.pos == z.end {
			if z.eof {
				z.err = io.ErrUnexpectedEOF
				return
			}
			z.fill()
			continue
		}
		z.bits = 0 // nb is 0: drop the copy of in[pos] the bit buffer may hold
		n := copy(z.out[len(z.out):min(cap(z.out), len(z.out)+z.stored)], z.in[z.pos:z.end])
		z.out = z.out[:len(z.out)+n]
		z.pos += n
		z.stored -= n
	}
	if z.stored == 0 {
		z.endBlock()
	}
}

func (z *Reader) endBlock() {
	switch {
	case !z.final:
		z.st = stateBlockHeader
	case z.gzip:
		z.st = stateGzipTrailer
	default:
		z.st = stateEnd
	}
}

// huffmanBlock decodes symbols until the block ends or the output buffer is full.
func (z *Reader) huffmanBlock() {
	out := z.out
	avail := len(out) // how far back a match may reach: not before this member's start
	if d := z.total + int64(len(out)) - z.member; d < int64(avail) {
		avail = int(d)
	}
	avail -= len(out)
	for len(out)+maxMatch <= cap(out) {
		if z.nb < 48 {
			if z.end-z.pos >= 8 {
				z.bits |= binary.LittleEndian.Uint64(z.in[z.pos:]) << z.nb
				z.pos += int(63-z.nb) >> 3
				z.nb |= 56
			} else {
				z.refillSlow()
				if z.overrun() {
					z.err = io.ErrUnexpectedEOF // the last symbol ran past the end of the input
					break
				}
			}
		}
		var sym int
		if e := z.lit.table[z.bits&tableMask]; e != 0 {
			sym = int(e >> 4)
			z.bits >>= e & 15
			z.nb -= uint(e & 15)
		} else {
			s, l := z.lit.slow(z.bits)
			if l == 0 {
				z.fail()
				break
			}
			sym = s
			z.bits >>= l
			z.nb -= l
		}
		if sym < 256 {
			out = append(out, byte(sym))
			continue
		}
		if sym == 256 {
			z.endBlock()
			break
		}
		sym -= 257
		if sym >= len(lengthBase) {
			z.fail()
			break
		}
		x := lengthExtra[sym]
		length := int(lengthBase[sym]) + int(z.bits&(1<<x-1))
		z.bits >>= x
		z.nb -= uint(x)
		var dsym int
		if e := z.dist.table[z.bits&tableMask]; e != 0 {
			dsym = int(e >> 4)
			z.bits >>= e & 15
			z.nb -= uint(e & 15)
		} else {
			s, l := z.dist.slow(z.bits)
			if l == 0 {
				z.fail()
				break
			}
			dsym = s
			z.bits >>= l
			z.nb -= l
		}
		if dsym >= len(distBase) {
			z.fail()
			break
		}
		x = distExtra[dsym]
		dist := int(distBase[dsym]) + int(z.bits&(1<<x-1))
		z.bits >>= x
		z.nb -= uint(x)
		n := len(out)
		if dist > n+avail {
			z.fail()
			break
		}
		out = out[:n+length]
		if dist >= length {
			copy(out[n:], out[n-dist:n-dist+length])
		} else { // overlapping: the pattern repeats itself
			for i := n; i < n+length; {
				i += copy(out[i:n+length], out[n-dist:i])
			}
		}
	}
	z.out = out
}

func (z *Reader) fail() {
	if z.err == nil {
		z.err = ErrCorrupt
	}
}

// need makes sure the bit buffer holds n bits (n <= 56), padding with zeros past the
// end of the input (step then reports the truncation).
func (z *Reader) need(n uint) {
	if z.nb < n {
		z.refillSlow()
	}
}

// overrun reports whether decoding used bits past the end of the input.
func (z *Reader) overrun() bool { return z.pad > 0 && uint(z.pad)*8 > z.nb }

func (z *Reader) drop(n uint) {
	z.bits >>= n
	z.nb -= n
}

// refillSlow fills the bit buffer a byte at a time, reading more input as needed.
func (z *Reader) refillSlow() {
	for z.nb <= 56 {
		if z.pos == z.end && !z.eof {
			z.fill()
			continue
		}
		if z.pos < z.end {
			z.bits |= uint64(z.in[z.pos]) << z.nb
			z.pos++
		} else {
			z.bits &= 1<<z.nb - 1
			z.pad++
		}
		z.nb += 8
	}
}

// fill reads more input; it is called with fewer than 8 bytes left.
func (z *Reader) fill() {
	n := copy(z.in, z.in[z.pos:z.end])
	z.base += int64(z.pos)
	z.pos, z.end = 0, n
	for !z.eof && z.end < len(z.in) {
		m, err := z.r.Read(z.in[z.end:])
		z.end += m
		if err == io.EOF {
			z.eof = true
		} else if err != nil {
			z.err = err
			z.eof = true
		}
		if m > 0 {
			break
		}
	}
}

// sumCRC adds the output decoded since the last call to the member's CRC-32.
func (z *Reader) sumCRC() {
	if z.gzip && z.crcKnown {
		z.crc = crc32.Update(z.crc, crc32.IEEETable, z.out[z.crcDone:])
	}
	z.crcDone = len(z.out)
}
