package main

import (
	"github.com/spf13/cobra"
)

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "hashiya [PATH...]",
		Short: "Read and annotate right-to-left news corpora side by side",
		Long: "hashiya (حاشية, \"marginal note\") is a terminal reader and annotator for news corpora\n" +
			"in Arabic, Persian and other right-to-left scripts. With no PATH it opens the\n" +
			"embedded sample corpus.",
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help() // replaced by the reader (issue 3)
		},
	}
	root.AddCommand(newRenderCmd())
	return root
}
