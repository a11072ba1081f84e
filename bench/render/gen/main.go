// Command gen writes the deterministic mixed Arabic/Persian/Hebrew/Latin benchmark file.
//
//	go run ./bench/render/gen -size 10000000 -o /tmp/hashiya-bench.txt
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/hashiya/hashiya/bench/render/mixgen"
)

func main() {
	size := flag.Int64("size", 10_000_000, "bytes to write (at least)")
	out := flag.String("o", "-", "output file; - for stdout")
	seed := flag.Uint64("seed", 1, "generator seed")
	words := flag.Int("words", 60, "most tokens on a line")
	flag.Parse()
	f := os.Stdout
	if *out != "-" {
		var err error
		if f, err = os.Create(*out); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if _, err := mixgen.New(*seed).Write(w, *size, *words); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
