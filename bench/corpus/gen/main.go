// Command gen writes a deterministic JSONL corpus for benchmarking hashiya's corpus
// loading: by default 200,000 documents, about 600 MB, made of the sample corpus's
// Arabic and Persian sentences shuffled with some English ones, each line
// {"id", "text", "meta"} as Prodigy writes them.
//
//	go run ./bench/corpus/gen -o bench/out/corpus.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"strings"

	"github.com/hashiya/hashiya/model"
)

var english = []string{
	"Russia and North Korea signed a mutual defence treaty in Pyongyang.",
	"The agreement obliges each side to provide military assistance if the other is attacked.",
	"Officials in Seoul and Washington said the pact threatened regional stability.",
	"Analysts expect the treaty to deepen economic and technological cooperation.",
	"The Federation Council ratified the document in November 2024.",
	"Kim Jong Un called the treaty the strongest in the history of the two countries.",
}

func main() {
	out := flag.String("o", "", "output file (default: standard output)")
	n := flag.Int("n", 200000, "number of documents")
	size := flag.Int64("size", 600e6, "approximate total size in bytes")
	broken := flag.Int("broken", 0, "make every k-th line broken JSON (0: none)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()

	ar, fa := sentences()
	rng := rand.New(rand.NewPCG(*seed, 2024))
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		w.Reset(f)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	// Lines carry ~130 bytes of id and meta, sentences overshoot the target by half a
	// sentence, and the long documents add 2%: aim the text a little short.
	avg := max(int(*size/int64(*n))-300, 200)
	sites := []string{"albawaba", "assawsana", "europarabct", "rt", "farsnews"}
	type record struct {
		ID   string         `json:"id"`
		Text string         `json:"text"`
		Meta map[string]any `json:"meta"`
	}
	var b strings.Builder
	for i := 0; i < *n; i++ {
		lang, pool := "ar", ar
		switch x := rng.IntN(100); {
		case x < 25:
			lang, pool = "fa", fa
		case x < 35:
			lang = "mixed"
		}
		// Text bytes (JSON adds little: Arabic is not escaped): mostly around the
		// average, and one document in 5,000 a hundred times longer.
		target := avg/2 + rng.IntN(avg)
		if i%5000 == 4999 {
			target = 100 * avg
		}
		b.Reset()
		for b.Len() < target {
			s := pool[rng.IntN(len(pool))]
			if lang == "mixed" && rng.IntN(3) == 0 {
				s = english[rng.IntN(len(english))]
			}
			b.WriteString(s)
			if rng.IntN(6) == 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		if *broken > 0 && i%*broken == *broken-1 {
			fmt.Fprintf(w, "{\"id\": \"broken-%06d\", \"text\": \"unterminated\n", i)
			continue
		}
		meta := map[string]any{"source": sites[rng.IntN(len(sites))], "lang_hint": lang, "n": i,
			"date": fmt.Sprintf("2024-%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28))}
		if err := enc.Encode(record{fmt.Sprintf("treaty-%06d", i), b.String(), meta}); err != nil {
			log.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
}

// sentences splits the embedded sample's documents into Arabic and Persian sentences.
func sentences() (ar, fa []string) {
	c := model.Sample()
	defer c.Close()
	for i := 0; i < c.Len(); i++ {
		d, err := c.Load(i)
		if err != nil {
			log.Fatal(err)
		}
		for _, line := range strings.Split(d.Text.String(), "\n") {
			for _, s := range strings.SplitAfter(line, ". ") {
				if s = strings.TrimSpace(s); len(s) < 20 {
					continue
				}
				if d.Lang == "fa" {
					fa = append(fa, s)
				} else {
					ar = append(ar, s)
				}
			}
		}
	}
	return ar, fa
}
