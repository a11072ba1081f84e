// Command hashiya is a terminal reader and annotator for right-to-left news corpora.
package main

import (
	"context"
	"os"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	if err := executeArgs(context.Background(), newRootCmd(), os.Args[1:]); err != nil {
		os.Exit(1)
	}
}

// execute runs root under fang, with hashiya's error printer.
func execute(ctx context.Context, root *cobra.Command) error {
	return fang.Execute(ctx, root, fang.WithVersion(version), fang.WithErrorHandler(printError))
}

// executeArgs runs root on args as main does: help goes out without the spaces fang pads
// its lines with (only help: data on standard output is never touched).
func executeArgs(ctx context.Context, root *cobra.Command, args []string) error {
	root.SetArgs(args)
	if helpRequested(args) {
		tw := &trimmingWriter{out: root.OutOrStdout()}
		root.SetOut(tw)
		defer tw.Flush()
	}
	return execute(ctx, root)
}
