package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/BurntSushi/toml"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/tui"
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
			"starting point for your own file. The schema is checked as the reader checks\n" +
			"it: no label may use a key the reader keeps for itself under your key map\n" +
			"(the defaults with the [keys] of $XDG_CONFIG_HOME/hashiya/config.toml).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			keys, err := tui.UserKeyMap()
			if err != nil {
				return err
			}
			s := annotations.DefaultSchema()
			if path != "" {
				if s, err = annotations.LoadSchema(path, keys.Reserved()...); err != nil {
					return err
				}
			} else if err := s.Validate(keys.Reserved()...); err != nil {
				return fmt.Errorf("the built-in labels clash with the key map of %s: %w", tui.UserConfigPath(), err)
			}
			if asTOML {
				return toml.NewEncoder(cmd.OutOrStdout()).Encode(s)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
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
