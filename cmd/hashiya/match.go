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
			docs := model.StreamSample
			if len(args) > 0 {
				docs = func(fn func(model.StreamDoc) error) ([]model.Warning, error) { return model.Stream(args, fn) }
			}
			w := bufio.NewWriterSize(cmd.OutOrStdout(), 1<<16)
			warnings, err := writeMatches(cmd.Context(), w, docs, m, runtime.GOMAXPROCS(0))
			if err != nil {
				return err
			}
			for _, warn := range warnings {
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
	return appendQuotedLine(buf, appendJSONString(nil, doc), appendJSONString(nil, x.Label), appendJSONString(nil, x.Pattern), x, text)
}

// appendQuotedLine is appendMatchLine given doc, label and pattern already quoted:
// they are quoted once per document or pattern, not once per match.
func appendQuotedLine(buf, doc, label, pattern []byte, x suggest.Match, text []rune) []byte {
	buf = append(buf, `{"doc":`...)
	buf = append(buf, doc...)
	buf = append(buf, `,"start":`...)
	buf = strconv.AppendInt(buf, int64(x.Start), 10)
	buf = append(buf, `,"end":`...)
	buf = strconv.AppendInt(buf, int64(x.End), 10)
	buf = append(buf, `,"label":`...)
	buf = append(buf, label...)
	buf = append(buf, `,"text":`...)
	buf = appendJSONRunes(buf, text)
	buf = append(buf, `,"pattern":`...)
	buf = append(buf, pattern...)
	return append(buf, "}\n"...)
}

// quotedPatterns are the label and ref of each pattern of m, quoted for a line.
func quotedPatterns(m *suggest.Matcher) (labels, refs [][]byte) {
	for _, p := range m.Patterns() {
		labels = append(labels, appendJSONString(nil, p.Label))
		refs = append(refs, appendJSONString(nil, p.Ref()))
	}
	return labels, refs
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

// appendJSONRunes appends text quoted as appendJSONString quotes string(text), writing
// the runes straight into buf when none needs escaping (the text of a match, nearly
// always).
func appendJSONRunes(buf []byte, text []rune) []byte {
	n := len(buf)
	buf = append(buf, '"')
	for _, r := range text {
		if r < 0x20 || r == '"' || r == '\\' || r == '<' || r == '>' || r == '&' || r == 0x2028 || r == 0x2029 || !utf8.ValidRune(r) {
			return appendJSONString(buf[:n], string(text))
		}
		buf = utf8.AppendRune(buf, r)
	}
	return append(buf, '"')
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

// docStream is model.Stream over the corpus to match.
type docStream func(fn func(model.StreamDoc) error) ([]model.Warning, error)

// Batches of about this many code points go to one matcher at a time: big enough that
// handing them over costs nothing, small enough that a few in flight stay small.
const batchRunes = 1 << 18

// matchBatch is a run of documents, in corpus order, and where its lines go.
type matchBatch struct {
	docs  []model.StreamDoc
	lines chan []byte // buffered: a matcher never waits for the writer
}

// writeMatches reads the documents in one pass, matches batches of them on workers
// goroutines and writes the matches in document order. It returns the corpus's
// warnings.
func writeMatches(ctx context.Context, w io.Writer, docs docStream, m *suggest.Matcher, workers int) ([]model.Warning, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan *matchBatch, workers)
	labels, refs := quotedPatterns(m)
	// Line buffers go back to the workers once written: a few of them, grown once,
	// hold every line of the run.
	free := make(chan []byte, 3*workers)
	for range workers {
		go func() {
			var doc []byte
			for b := range jobs {
				var buf []byte
				select {
				case buf = <-free:
				default:
				}
				for _, d := range b.docs {
					doc = appendJSONString(doc[:0], d.ID)
					for _, x := range m.Match(d.Text) {
						buf = appendQuotedLine(buf, doc, labels[x.Index], refs[x.Index], x, d.Text[x.Start:x.End])
					}
				}
				b.lines <- buf
			}
		}()
	}
	// order holds the batches in flight, oldest first: its size bounds the memory used.
	order := make(chan *matchBatch, 2*workers)
	var warnings []model.Warning
	var readErr error
	go func() {
		defer close(order)
		defer close(jobs)
		b, runes := &matchBatch{}, 0
		send := func() error {
			b.lines = make(chan []byte, 1)
			select {
			case order <- b:
			case <-ctx.Done():
				return ctx.Err()
			}
			jobs <- b // a worker is free or soon will be: order has room for it
			b, runes = &matchBatch{}, 0
			return nil
		}
		warnings, readErr = docs(func(d model.StreamDoc) error {
			b.docs = append(b.docs, d)
			if runes += len(d.Text); runes >= batchRunes {
				return send()
			}
			return nil
		})
		if readErr == nil && len(b.docs) > 0 {
			readErr = send()
		}
	}()
	for b := range order {
		buf := <-b.lines
		if _, err := w.Write(buf); err != nil {
			return nil, err
		}
		select {
		case free <- buf[:0]:
		default:
		}
	}
	// order is closed: the reader has returned and set warnings and readErr.
	if readErr != nil {
		return nil, readErr
	}
	return warnings, ctx.Err()
}
