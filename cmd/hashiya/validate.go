package main

import (
	"fmt"
	"os"

	"github.com/hashiya/hashiya/annotations/record"
	"github.com/spf13/cobra"
)

func newValidateCmd() *cobra.Command {
	var labels string
	cmd := &cobra.Command{
		Use:   "validate [--labels FILE] FILE...",
		Short: "Check annotation files line by line",
		Long: "Check annotations JSONL files: JSON syntax, required fields and types, offsets in\n" +
			"range, text[start:end] == text for every token, span and claim (code points),\n" +
			"text_sha256, enum values, one line per document and annotator; references: every\n" +
			"link target exists and links back with the same relation, every claimant span\n" +
			"exists, no two spans share an extent in one layer (entities, boilerplate regions);\n" +
			"with --labels, every span label is in that schema. Prints each bad line as\n" +
			"FILE:LINE: problem and exits non-zero if there is any.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var o record.ValidateOptions
			if labels != "" {
				s, err := loadSchema(labels)
				if err != nil {
					return err
				}
				o = record.ValidateOptions{Schema: &s, SchemaName: labels}
			}
			bad := 0
			for _, path := range args {
				f, err := os.Open(path)
				if err != nil {
					return err
				}
				probs := record.ValidateWith(f, path, o)
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
	cmd.Flags().StringVar(&labels, "labels", "", "label schema TOML the span labels must belong to")
	return cmd
}
