package main

import "github.com/spf13/cobra"

// newRenderCmd is a placeholder; the text-engine work replaces it.
func newRenderCmd() *cobra.Command {
	return &cobra.Command{Use: "render [FILE...]", Short: "Print the visual form of text files"}
}
