package inflate

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// corpora are inputs of the kinds deflate meets: text with long repeats, random bytes
// (stored blocks), few symbols (long runs, overlapping matches), and real Arabic and
// Persian news text.
func corpora(t testing.TB) map[string][]byte {
	rng := rand.New(rand.NewPCG(7, 8))
	random := make([]byte, 300_000)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	runs := make([]byte, 0, 500_000)
	for len(runs) < 500_000 {
		runs = append(runs, bytes.Repeat([]byte{byte('a' + rng.IntN(3))}, 1+rng.IntN(600))...)
	}
	words := []string{"معاهدة ", "روسيا ", "کره شمالی ", "Pyongyang ", "the ", "\n", "٢٠٢٤ ", "{\"id\": "}
	var text bytes.Buffer
	for text.Len() < 1_500_000 {
		text.WriteString(words[rng.IntN(len(words))])
	}
	real, err := filepath.Glob("../../sample/treaty/*.txt")
	if err != nil || len(real) == 0 {
		t.Fatalf("sample corpus not found: %v", err)
	}
	var news []byte
	for range 20 {
		for _, p := range real {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			news = append(news, b...)
		}
	}
	return map[string][]byte{"empty": {}, "one": {'x'}, "random": random, "runs": runs, "text": text.Bytes(), "news": news}
}

func deflate(t testing.TB, data []byte, level int) []byte {
	var b bytes.Buffer
	w, err := flate.NewWriter(&b, level)
	if err != nil {
		t.Fatal(err)
	}
	// Flushes in the middle make blocks that end anywhere, and empty stored blocks.
	for len(data) > 0 {
		n := min(len(data), 100_003)
		w.Write(data[:n])
		data = data[n:]
		if len(data) > 0 {
			w.Flush()
		}
	}
	w.Close()
	return b.Bytes()
}

var levels = []int{flate.HuffmanOnly, flate.NoCompression, flate.BestSpeed, 4, flate.DefaultCompression, flate.BestCompression}

func TestInflateAgreesWithCompressFlate(t *testing.T) {
	for name, data := range corpora(t) {
		for _, level := range levels {
			z := deflate(t, data, level)
			got, err := io.ReadAll(NewReader(bytes.NewReader(z)))
			if err != nil {
				t.Fatalf("%s at level %d: %v", name, level, err)
			}
			want, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) || !bytes.Equal(got, data) {
				t.Fatalf("%s at level %d: %d bytes out, want %d", name, level, len(got), len(data))
			}
		}
	}
}

// Every checkpoint resumes to exactly the rest of the output, in raw and gzip streams.
func TestResumeFromEveryCheckpoint(t *testing.T) {
	for name, data := range corpora(t) {
		for _, gz := range []bool{false, true} {
			var z []byte
			if gz {
				z = gzipMembers(t, data, 3)
			} else {
				z = deflate(t, data, flate.DefaultCompression)
			}
			var cps []Checkpoint
			var r *Reader
			if gz {
				r = NewGzipReader(bytes.NewReader(z))
			} else {
				r = NewReader(bytes.NewReader(z))
			}
			r.Every = 50_000
			r.OnCheckpoint = func(cp Checkpoint) { cps = append(cps, cp) }
			full, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(full, data) {
				t.Fatalf("%s gzip=%v: %v, %d bytes of %d", name, gz, err, len(full), len(data))
			}
			if len(data) > 200_000 && len(cps) < 3 { // one per block at most: Go writes blocks of 16,384 symbols
				t.Fatalf("%s gzip=%v: only %d checkpoints over %d bytes", name, gz, len(cps), len(data))
			}
			for _, cp := range cps {
				if len(cp.Window) > WindowSize {
					t.Fatalf("window of %d bytes", len(cp.Window))
				}
				r, err := Resume(bytes.NewReader(z[cp.In:]), cp, gz)
				if err != nil {
					t.Fatal(err)
				}
				rest, err := io.ReadAll(r)
				if err != nil || !bytes.Equal(rest, data[cp.Out:]) {
					t.Fatalf("%s gzip=%v: resumed at out %d (in %d bit %d): %v, %d bytes, want %d",
						name, gz, cp.Out, cp.In, cp.Bit, err, len(rest), len(data)-int(cp.Out))
				}
			}
		}
	}
}

// gzipMembers writes data as n concatenated gzip members (what `cat a.gz b.gz` makes),
// the first with a name and comment in its header.
func gzipMembers(t testing.TB, data []byte, n int) []byte {
	var b bytes.Buffer
	for i := range n {
		part := data[len(data)*i/n : len(data)*(i+1)/n]
		w, _ := gzip.NewWriterLevel(&b, flate.DefaultCompression)
		if i == 0 {
			w.Name, w.Comment, w.Extra = "corpus.jsonl", "a comment", []byte{1, 2, 3}
		}
		w.Write(part)
		w.Close()
	}
	return b.Bytes()
}

func TestGzipAgreesWithCompressGzip(t *testing.T) {
	for name, data := range corpora(t) {
		z := gzipMembers(t, data, 2)
		got, err := io.ReadAll(NewGzipReader(bytes.NewReader(z)))
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("%s: %v, %d bytes of %d", name, err, len(got), len(data))
		}
	}
}

func TestGzipErrors(t *testing.T) {
	data := corpora(t)["text"]
	good := gzipMembers(t, data, 1)
	flip := func(i int) []byte { b := bytes.Clone(good); b[i] ^= 0x40; return b }
	cases := map[string]struct {
		in   []byte
		want error
	}{
		"empty":             {nil, io.EOF},
		"not gzip":          {[]byte("{\"id\": 1}\n"), ErrHeader},
		"truncated header":  {good[:5], io.ErrUnexpectedEOF},
		"truncated stream":  {good[:len(good)/2], io.ErrUnexpectedEOF},
		"no trailer":        {good[:len(good)-8], io.ErrUnexpectedEOF},
		"bad crc":           {flip(len(good) - 6), nil},
		"trailing garbage":  {append(bytes.Clone(good), "junk, not a member"...), ErrHeader},
		"corrupt deflation": {flip(len(good) / 3), nil},
	}
	for name, c := range cases {
		_, err := io.ReadAll(NewGzipReader(bytes.NewReader(c.in)))
		if name == "empty" {
			if err != nil { // io.ReadAll turns io.EOF into nil
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		if err == nil || c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("%s: error %v, want %v", name, err, c.want)
		}
	}
}

// FuzzInflate feeds arbitrary bytes as a deflate stream (whatever compress/flate decodes,
// Reader must decode the same; nothing may panic or hang), and compresses them, checking
// the output and a resume from every checkpoint.
func FuzzInflate(f *testing.F) {
	for _, data := range corpora(f) {
		if len(data) < 20_000 {
			f.Add(data, uint8(6))
		}
		f.Add(deflate(f, data[:min(len(data), 5000)], 1), uint8(1))
	}
	f.Fuzz(func(t *testing.T, data []byte, level uint8) {
		want, werr := io.ReadAll(flate.NewReader(bytes.NewReader(data)))
		got, gerr := io.ReadAll(NewReader(bytes.NewReader(data)))
		if werr == nil && (gerr != nil || !bytes.Equal(got, want)) {
			t.Fatalf("compress/flate decodes %d bytes; Reader: %v, %d bytes", len(want), gerr, len(got))
		}
		z := deflate(t, data, int(level%11)-2)
		var cps []Checkpoint
		r := NewReader(bytes.NewReader(z))
		r.Every = 1 + int64(level)*16
		r.OnCheckpoint = func(cp Checkpoint) { cps = append(cps, cp) }
		if got, err := io.ReadAll(r); err != nil || !bytes.Equal(got, data) {
			t.Fatalf("round trip at level %d: %v", int(level%11)-2, err)
		}
		for _, cp := range cps {
			r, err := Resume(bytes.NewReader(z[cp.In:]), cp, false)
			if err != nil {
				t.Fatal(err)
			}
			if rest, err := io.ReadAll(r); err != nil || !bytes.Equal(rest, data[cp.Out:]) {
				t.Fatal(fmt.Sprintf("resume at %d: %v", cp.Out, err))
			}
		}
	})
}
