package main

import (
	"fmt"
	"os"

	"github.com/hashiya/hashiya/annotations"
	"github.com/spf13/cobra"
)

func newValidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check annotation files line by line",
		Long: "Check annotations JSONL files: JSON syntax, required fields and types, offsets in\n" +
			"range, text[start:end] == text for every token, span and claim (code points),\n" +
			"text_sha256, enum values, one line per document and annotator. Prints each bad\n" +
			"line as FILE:LINE: problem and exits non-zero if there is any.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			bad := 0
			for _, path := range args {
				f, err := os.Open(path)
				if err != nil {
					return err
				}
				probs := annotations.Validate(f, path)
				f.Close()
				for _, p := range probs {
					fmt.Fprintln(stdoutOf(cmd), p)
				}
				bad += len(probs)
			}
			if bad > 0 {
				return fmt.Errorf("%d problem(s) in %d file(s)", bad, len(args))
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d file(s) OK\n", len(args))
			return nil
		},
	}
}
