package main

import (
	"fmt"
	"io"
	"strings"

	"charm.land/fang/v2"
	"github.com/hashiya/hashiya/text/layout"
	"github.com/spf13/cobra"
)

// printError is fang's error look (the ERROR badge, the indented message) without its
// rewriting: fang capitalises the first word (a path /tmp/x.txt became /Tmp/X.txt),
// wraps at the terminal width and appends a full stop, so paths and document ids could
// not be copied. The message is printed as written, through the documents' sanitizer.
func printError(w io.Writer, styles fang.Styles, err error) {
	msg := layout.SanitizeString(err.Error())
	text := styles.ErrorText.UnsetTransform().UnsetWidth()
	fmt.Fprintln(w, styles.ErrorHeader.String())
	fmt.Fprintln(w, text.Render(msg))
	fmt.Fprintln(w)
	if isUsageError(msg) {
		fmt.Fprintln(w, text.Render("Try "+styles.Program.Flag.Render("--help")+" for usage."))
		fmt.Fprintln(w)
	}
}

// isUsageError tells cobra's complaints about the command line, which get a pointer to
// --help; cobra has no error type for them.
func isUsageError(msg string) bool {
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "accepts ", "requires "} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// safeWriter passes what the commands print through the same sanitizer, so a file name
// or a document id holding an escape sequence is shown, not obeyed.
type safeWriter struct{ w io.Writer }

func (s safeWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(s.w, layout.SanitizeString(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// stderrOf is cmd's standard error, sanitized.
func stderrOf(cmd *cobra.Command) io.Writer { return safeWriter{cmd.ErrOrStderr()} }

// stdoutOf is cmd's standard output, sanitized, for messages (not data: an export's
// JSONL is written as it is).
func stdoutOf(cmd *cobra.Command) io.Writer { return safeWriter{cmd.OutOrStdout()} }
