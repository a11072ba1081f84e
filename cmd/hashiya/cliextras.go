package main

import (
	"bytes"
	"io"
	"regexp"
	"strings"

	"github.com/hashiya/hashiya/annotations/export"
	"github.com/hashiya/hashiya/annotations/importer"
	"github.com/spf13/cobra"
)

// completeValues makes shell completion offer the fixed values of flags that have them
// (--format, --offsets, --bidi, --shaping, --dir), on every command that has the flag.
func completeValues(root *cobra.Command) {
	importFormats := []string{"auto"}
	for _, f := range importer.Formats {
		importFormats = append(importFormats, string(f))
	}
	values := map[string][]string{
		"offsets": {"codepoint", "utf16"},
		"bidi":    {"app", "terminal"},
		"shaping": {"app", "terminal"},
		"dir":     {"auto", "ltr", "rtl"},
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for name, vs := range values {
			register(c, name, vs)
		}
		switch c.Name() {
		case "export":
			register(c, "format", export.Formats)
		case "import":
			register(c, "format", importFormats)
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func register(c *cobra.Command, flag string, values []string) {
	if c.Flags().Lookup(flag) == nil {
		return
	}
	vs := append([]string(nil), values...)
	c.RegisterFlagCompletionFunc(flag, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return vs, cobra.ShellCompDirectiveNoFileComp
	})
}

// helpRequested says whether args ask for help (-h, --help before a "--").
func helpRequested(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "--help", "help":
			return true
		}
	}
	return false
}

// trimmingWriter drops the spaces at the end of each line: fang pads help text to the
// terminal's width, and a copied --help should not carry them. It is used for help only,
// never for data. Fd keeps the colour detection working on a terminal.
type trimmingWriter struct {
	out  io.Writer
	line []byte
}

var trailingBlank = regexp.MustCompile(`[ ]+((?:\x1b\[[0-9;:]*m)*)$`)

func (w *trimmingWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			w.line = append(w.line, p...)
			break
		}
		w.line = append(w.line, p[:i]...)
		if err := w.emit("\n"); err != nil {
			return 0, err
		}
		p = p[i+1:]
	}
	return n, nil
}

func (w *trimmingWriter) emit(end string) error {
	line := string(w.line)
	for {
		t := trailingBlank.ReplaceAllString(line, "$1")
		t = strings.TrimRight(t, " ")
		if t == line {
			break
		}
		line = t
	}
	w.line = w.line[:0]
	_, err := io.WriteString(w.out, line+end)
	return err
}

// Flush writes a last line that had no newline.
func (w *trimmingWriter) Flush() error {
	if len(w.line) == 0 {
		return nil
	}
	return w.emit("")
}

func (w *trimmingWriter) Fd() uintptr {
	if f, ok := w.out.(interface{ Fd() uintptr }); ok {
		return f.Fd()
	}
	return ^uintptr(0)
}

func (w *trimmingWriter) Read(p []byte) (int, error) { return 0, io.EOF }
func (w *trimmingWriter) Close() error               { return w.Flush() }

var _ io.ReadWriteCloser = (*trimmingWriter)(nil)
