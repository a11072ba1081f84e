package inflate

import (
	"errors"
	"io"
)

// ErrHeader is the error of input that is not a gzip stream.
var ErrHeader = errors.New("invalid gzip header")

const (
	gzipID1, gzipID2, gzipDeflate              = 0x1f, 0x8b, 8
	flagHCRC, flagExtra, flagName, flagComment = 1 << 1, 1 << 2, 1 << 3, 1 << 4
)

// byte reads one whole byte of input (the bit buffer is byte-aligned between members).
func (z *Reader) byte() byte {
	z.need(8)
	b := byte(z.bits)
	z.drop(8)
	return b
}

// atEnd reports whether the input is exhausted, at a byte boundary.
func (z *Reader) atEnd() bool {
	if int(z.nb)-8*z.pad >= 8 {
		return false
	}
	if z.pos == z.end && !z.eof {
		z.fill()
	}
	return z.pos == z.end && z.eof
}

func (z *Reader) gzipHeader() {
	if z.atEnd() {
		z.st = stateEnd
		if z.members == 0 {
			z.err = io.EOF // no member at all, as gzip.NewReader says of empty input
		}
		return
	}
	z.members++
	var h [10]byte
	for i := range h {
		h[i] = z.byte()
	}
	if z.overrun() {
		z.err = io.ErrUnexpectedEOF
		return
	}
	if h[0] != gzipID1 || h[1] != gzipID2 || h[2] != gzipDeflate {
		z.err = ErrHeader
		return
	}
	flags := h[3]
	if flags&flagExtra != 0 {
		n := int(z.byte()) | int(z.byte())<<8
		for range n {
			z.byte()
		}
	}
	for _, f := range []byte{flagName, flagComment} {
		if flags&f != 0 {
			for z.byte() != 0 && !z.overrun() {
			}
		}
	}
	if flags&flagHCRC != 0 {
		z.byte()
		z.byte()
	}
	if z.overrun() {
		z.err = io.ErrUnexpectedEOF
		return
	}
	z.member = z.total + int64(len(z.out))
	z.crc, z.crcKnown, z.crcDone = 0, true, len(z.out)
	z.st = stateBlockHeader
}

func (z *Reader) gzipTrailer() {
	z.sumCRC()
	z.drop(z.nb % 8)
	var t [8]byte
	for i := range t {
		t[i] = z.byte()
	}
	if z.overrun() {
		z.err = io.ErrUnexpectedEOF
		return
	}
	crc := uint32(t[0]) | uint32(t[1])<<8 | uint32(t[2])<<16 | uint32(t[3])<<24
	size := uint32(t[4]) | uint32(t[5])<<8 | uint32(t[6])<<16 | uint32(t[7])<<24
	if z.crcKnown && crc != z.crc || size != uint32(z.total+int64(len(z.out))-z.member) {
		z.err = errors.New("gzip: checksum or size mismatch")
		return
	}
	z.st = stateGzipHeader
}
