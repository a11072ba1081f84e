package inflate

import (
	"bytes"
	"compress/gzip"
	"io"
	"testing"
)

// BenchmarkGzip compares Reader with compress/gzip on 1.5 MB of generated text.
func BenchmarkGzip(b *testing.B) {
	data := corpora(b)["news"]
	for len(data) < 4<<20 {
		data = append(data, data...)
	}
	z := gzipMembers(b, data, 1)
	b.Run("inflate", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			io.Copy(io.Discard, NewGzipReader(bytes.NewReader(z)))
		}
	})
	b.Run("compress-gzip", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			r, _ := gzip.NewReader(bytes.NewReader(z))
			io.Copy(io.Discard, r)
		}
	})
}
