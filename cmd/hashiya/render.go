package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"unicode/utf8"

	"github.com/hashiya/hashiya/text/layout"
	"github.com/spf13/cobra"
)

// newRenderCmd is `hashiya render`: the visual form of text files, line by line.
func newRenderCmd() *cobra.Command {
	var engine engineFlags
	var width int
	cmd := &cobra.Command{
		Use:   "render [FILE...]",
		Short: "Print the visual form of text files",
		Long: "render prints each paragraph of the files (standard input when there are none, or for \"-\")\n" +
			"in visual order, shaped, with brackets mirrored, the way the reader shows it: for\n" +
			"terminals without bidi support, pipes and comparisons with fribidi.\n\n" +
			"With --width N lines are wrapped at N cells and right-to-left paragraphs right-aligned;\n" +
			"--width 0 (the default) neither wraps nor pads. Invalid UTF-8 is shown as U+FFFD with\n" +
			"a warning on standard error; controls are shown as visible symbols, never sent.",
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := engine.options()
			if err != nil {
				return err
			}
			if width < 0 {
				return fmt.Errorf("--width %d: want 0 (no wrapping) or more", width)
			}
			opts.Width = width
			opts.Align = true
			// Little stays live from batch to batch (buffers, the line segment caches):
			// collect garbage less often, for a few MB more.
			debug.SetGCPercent(400)
			out := cmd.OutOrStdout()
			tty := isTerminal(out) && opts.Bidi == layout.App
			if tty {
				io.WriteString(out, "\x1b[8l") // BDSM explicit: a bidi terminal must not reorder again
				defer io.WriteString(out, "\x1b[8h")
			}
			return renderFiles(out, stderrOf(cmd), cmd.InOrStdin(), args, opts)
		},
	}
	cmd.Flags().IntVarP(&width, "width", "w", 0, "wrap lines at this many cells and right-align right-to-left paragraphs; 0: no wrapping")
	engine.register(cmd.Flags(), true)
	return cmd
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// renderFiles renders the files named (stdin for none or "-") to out; warnings go to errw.
// It stops at the first file that cannot be read; the error names it.
func renderFiles(out, errw io.Writer, stdin io.Reader, names []string, opts layout.Options) error {
	r := newRenderer(out, errw, opts)
	if len(names) == 0 {
		names = []string{"-"}
	}
	for _, name := range names {
		var err error
		if name == "-" {
			err = r.render("<stdin>", stdin)
		} else {
			var f *os.File
			if f, err = os.Open(name); err == nil {
				err = r.render(name, f)
				f.Close()
			}
		}
		if err != nil {
			r.out.Flush()
			var pe *os.PathError
			if errors.As(err, &pe) {
				return err // "open NAME: …" already names the file
			}
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return r.out.Flush()
}

// renderer renders inputs in batches of whole lines, laid out in parallel (one Layouter per
// worker) and written in order.
type renderer struct {
	out  *bufio.Writer
	errw io.Writer
	opts layout.Options
	free chan *worker
}

const (
	batchSize   = 256 << 10
	maxWarnings = 20 // per file
)

// worker holds the buffers reused from line to line.
type worker struct {
	lay   layout.Layouter
	runes []rune
}

// batch is a run of whole lines of one input and what rendering them gave.
type batch struct {
	name     string
	lineNo   int   // of the first line
	offset   int64 // of the first byte
	data     []byte
	out      []byte
	warnings []int64 // line, offset pairs
	done     chan struct{}
}

func newRenderer(out, errw io.Writer, opts layout.Options) *renderer {
	r := &renderer{out: bufio.NewWriterSize(out, 256<<10), errw: errw, opts: opts}
	n := max(runtime.GOMAXPROCS(0), 1)
	r.free = make(chan *worker, n)
	for range n {
		r.free <- new(worker)
	}
	return r
}

// render renders one input, read line by line (LF, CRLF); the other paragraph separators (CR,
// NEL, U+2029) inside a line are honoured too, each paragraph on its own output line.
func (r *renderer) render(name string, in io.Reader) error {
	queue := make(chan *batch, 2*cap(r.free))
	written := make(chan struct{})
	go func() { // write the batches in order
		defer close(written)
		warned := 0
		for b := range queue {
			<-b.done
			r.out.Write(b.out)
			for i := 0; i < len(b.warnings); i += 2 {
				warned++
				if warned <= maxWarnings {
					fmt.Fprintf(r.errw, "hashiya render: %s:%d: invalid UTF-8 at byte offset %d, shown as U+FFFD\n", name, b.warnings[i], b.warnings[i+1])
				} else if warned == maxWarnings+1 {
					fmt.Fprintf(r.errw, "hashiya render: %s: more invalid UTF-8; further warnings suppressed\n", name)
				}
			}
		}
	}()
	err := r.split(name, in, queue)
	close(queue)
	<-written
	return err
}

// split reads in, cuts it into batches of whole lines and starts a worker on each.
func (r *renderer) split(name string, in io.Reader, queue chan<- *batch) error {
	lineNo, offset := 1, int64(0)
	var carry []byte
	for {
		buf := make([]byte, len(carry), max(batchSize, 2*len(carry)))
		copy(buf, carry)
		n, err := io.ReadFull(in, buf[len(carry):cap(buf)])
		buf = buf[:len(carry)+n]
		eof := err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !eof {
			return err
		}
		cut := len(buf)
		if !eof {
			cut = bytes.LastIndexByte(buf, '\n') + 1 // 0: a line longer than the buffer
		}
		carry = buf[cut:]
		if cut > 0 {
			b := &batch{name: name, lineNo: lineNo, offset: offset, data: buf[:cut], done: make(chan struct{})}
			queue <- b
			w := <-r.free
			go func() {
				w.batch(b, r.opts)
				r.free <- w
				close(b.done)
			}()
			lineNo += bytes.Count(b.data, []byte{'\n'})
			offset += int64(cut)
		}
		if eof {
			return nil
		}
	}
}

func (w *worker) batch(b *batch, opts layout.Options) {
	data := b.data
	b.out = make([]byte, 0, len(data)+len(data)/4)
	lineNo, off := b.lineNo, 0
	for off < len(data) {
		end := bytes.IndexByte(data[off:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += off + 1
		}
		w.line(b, lineNo, off, data[off:end], opts)
		off = end
		lineNo++
	}
}

// line renders one input line (its bytes from off in the batch, with its terminator).
func (w *worker) line(bt *batch, lineNo, off int, b []byte, opts layout.Options) {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
		}
	}
	if out, ok := w.lay.AppendTextUTF8(bt.out, b, opts); ok { // valid, one paragraph
		bt.out = out
		return
	}
	runes := w.runes[:0]
	simple := true
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			runes = append(runes, rune(c))
			simple = simple && c != '\r'
			i++
			continue
		}
		if c >= 0xC2 && c < 0xE0 && i+1 < len(b) && b[i+1]&0xC0 == 0x80 { // 2 bytes: Arabic, Hebrew
			runes = append(runes, rune(c&0x1F)<<6|rune(b[i+1]&0x3F))
			simple = simple && (c != 0xC2 || b[i+1] != 0x85) // not NEL
			i += 2
			continue
		}
		ru, size := utf8.DecodeRune(b[i:])
		if ru == utf8.RuneError && size == 1 {
			bt.warnings = append(bt.warnings, int64(lineNo), bt.offset+int64(off+i))
		}
		simple = simple && ru != 0x85 && ru != 0x2029
		runes = append(runes, ru)
		i += size
	}
	w.runes = runes
	if simple {
		w.paragraph(bt, runes, opts)
		return
	}
	for _, p := range layout.Paragraphs(runes) {
		w.paragraph(bt, runes[p.Start:p.End], opts)
	}
}

func (w *worker) paragraph(bt *batch, text []rune, opts layout.Options) {
	bt.out = w.lay.AppendText(bt.out, text, opts)
}
