package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/BurntSushi/toml"
	"github.com/hashiya/hashiya/annotations"
	"github.com/spf13/cobra"
)

func newLabelsCmd() *cobra.Command {
	var path string
	var asTOML bool
	cmd := &cobra.Command{
		Use:   "labels [--labels FILE]",
		Short: "Print the active label schema",
		Long: "Print the label schema: the built-in one, or FILE (TOML; see\n" +
			"annotations/testdata/labels.toml for the format). --toml prints it as a\n" +
			"starting point for your own file.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s := annotations.DefaultSchema()
			if path != "" {
				var err error
				if s, err = annotations.LoadSchema(path); err != nil {
					return err
				}
			}
			if asTOML {
				return toml.NewEncoder(cmd.OutOrStdout()).Encode(s)
			}
			tw := tabwriter.NewWriter(stdoutOf(cmd), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "KEY\tLABEL\tCOLOR\tDESCRIPTION")
			for _, l := range s.Labels {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", l.Key, l.Name, l.Color, l.Description)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s (claim)\n", s.Claim.Key, s.Claim.Name, s.Claim.Color, s.Claim.Description)
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s (region)\n", s.Boilerplate.Key, s.Boilerplate.Name, s.Boilerplate.Color, s.Boilerplate.Description)
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&path, "labels", "", "label schema TOML file")
	cmd.Flags().BoolVar(&asTOML, "toml", false, "print as TOML")
	return cmd
}
