package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"unicode/utf8"

	"github.com/hashiya/hashiya/annotations/suggest"
	"github.com/hashiya/hashiya/model"
	"github.com/spf13/cobra"
)

func newMatchCmd() *cobra.Command {
	var patterns string
	var o suggest.Options
	cmd := &cobra.Command{
		Use:   "match --patterns FILE [PATH...]",
		Short: "Print where the patterns of a pattern file match in a corpus",
		Long: "Match a pattern file (spaCy EntityRuler / Prodigy JSONL: one {\"label\", \"pattern\",\n" +
			"\"id\"?} per line; the pattern a phrase or a list of token dicts) against the documents\n" +
			"of PATH (the embedded sample corpus without one) and print one JSONL line per match,\n" +
			"in document order: {\"doc\", \"start\", \"end\", \"label\", \"text\", \"pattern\"}, offsets\n" +
			"in code points, pattern its id or FILE:LINE. Phrases match whole words (text/segment),\n" +
			"compared as search compares them (harakat, tatweel, أ/ا, ي/ى, ة/ه, ک/ك, digits);\n" +
			"--exact compares the text. A pattern hashiya cannot use (an attribute such as POS) is\n" +
			"reported on stderr with its line and left out.",
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			m, warns, err := loadPatterns(patterns, o)
			if err != nil {
				return err
			}
			for _, w := range warns {
				fmt.Fprintln(stderrOf(cmd), "warning:", w)
			}
			corpus := model.Sample()
			if len(args) > 0 {
				if corpus, err = model.Open(args); err != nil {
					return err
				}
			}
			defer corpus.Close()
			w := bufio.NewWriterSize(cmd.OutOrStdout(), 1<<16)
			if err := writeMatches(cmd.Context(), w, corpus, m); err != nil {
				return err
			}
			for _, warn := range corpus.Warnings() {
				fmt.Fprintln(stderrOf(cmd), "warning:", warn)
			}
			return w.Flush()
		},
	}
	cmd.Flags().StringVar(&patterns, "patterns", "", "pattern file (JSONL)")
	cmd.Flags().BoolVar(&o.Exact, "exact", false, "phrases compare token text instead of search keys")
	cmd.Flags().BoolVar(&o.Proclitics, "proclitics", true, "phrases also match after و ف ب ل ك (and ال/لل before a phrase without it); the match covers the phrase")
	_ = cmd.MarkFlagRequired("patterns")
	return cmd
}

// loadPatterns parses and compiles a pattern file; the warnings say what it leaves out.
func loadPatterns(path string, o suggest.Options) (*suggest.Matcher, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	ps, warns, err := suggest.Parse(f, path)
	if err != nil {
		return nil, nil, err
	}
	m, more := suggest.Compile(ps, o)
	var out []string
	for _, w := range append(warns, more...) {
		out = append(out, w.String())
	}
	return m, out, nil
}

// appendMatchLine appends the line of match x in document doc, as encoding/json
// writes a matchLine (a test holds it to that): millions of lines are written by hand.
func appendMatchLine(buf []byte, doc string, x suggest.Match, text []rune) []byte {
	buf = append(buf, `{"doc":`...)
	buf = appendJSONString(buf, doc)
	buf = append(buf, `,"start":`...)
	buf = strconv.AppendInt(buf, int64(x.Start), 10)
	buf = append(buf, `,"end":`...)
	buf = strconv.AppendInt(buf, int64(x.End), 10)
	buf = append(buf, `,"label":`...)
	buf = appendJSONString(buf, x.Label)
	buf = append(buf, `,"text":`...)
	buf = appendJSONString(buf, string(text))
	buf = append(buf, `,"pattern":`...)
	buf = appendJSONString(buf, x.Pattern)
	return append(buf, "}\n"...)
}

// appendJSONString appends s quoted as encoding/json quotes it (HTML characters
// escaped, invalid UTF-8 as U+FFFD, U+2028 and U+2029 escaped).
func appendJSONString(buf []byte, s string) []byte {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c >= 0x80 && c == 0xE2 {
			plain = false
			break
		}
	}
	if plain && utf8.ValidString(s) {
		buf = append(buf, '"')
		buf = append(buf, s...)
		return append(buf, '"')
	}
	b, _ := json.Marshal(s)
	return append(buf, b...)
}

// matchLine is one line of `hashiya match`.
type matchLine struct {
	Doc     string `json:"doc"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Label   string `json:"label"`
	Text    string `json:"text"`
	Pattern string `json:"pattern"`
}

// writeMatches matches every document, as the index finds them, in batches on all
// cores, and writes the matches in document order.
func writeMatches(ctx context.Context, w io.Writer, c *model.Corpus, m *suggest.Matcher) error {
	const batch = 64
	type result struct {
		lines []byte
		err   error
	}
	run := func(first, last int, ch chan<- result) {
		var buf []byte
		for i := first; i < last; i++ {
			d, err := c.Load(i)
			if err != nil {
				ch <- result{err: err}
				return
			}
			for _, x := range m.Match(d.Text) {
				buf = appendMatchLine(buf, d.ID, x, d.Text[x.Start:x.End])
			}
		}
		ch <- result{lines: buf}
	}
	// order holds the batches in flight, oldest first: its size bounds how many run.
	order := make(chan chan result, 2*runtime.GOMAXPROCS(0))
	go func() {
		defer close(order)
		for first := 0; ; {
			n, _ := waitFor(ctx, c, first+batch)
			last := min(first+batch, n)
			if last <= first || ctx.Err() != nil {
				return // indexing is done and every document was sent
			}
			ch := make(chan result, 1)
			select {
			case order <- ch:
			case <-ctx.Done():
				return
			}
			go run(first, last, ch)
			first = last
		}
	}()
	for ch := range order {
		r := <-ch
		if r.err != nil {
			return r.err
		}
		if _, err := w.Write(r.lines); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// waitFor waits until the corpus knows want documents or is fully indexed; it returns
// how many it knows and whether more may come.
func waitFor(ctx context.Context, c *model.Corpus, want int) (int, bool) {
	for {
		ch := c.Changed()
		done, n, _, _ := c.Indexing()
		if n >= want || done || ctx.Err() != nil {
			return n, !done
		}
		select {
		case <-ch:
		case <-ctx.Done():
		}
	}
}
