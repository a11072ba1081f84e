package main

import (
	"fmt"
	"os"
	"strings"
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
			"(the defaults with the [keys] of $XDG_CONFIG_HOME/hashiya/config.toml), nor,\n" +
			"unless its keyboard = \"none\", a letter the keyboard-layout mapping reads as a\n" +
			"Latin key.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := checkedSchema(path)
			if err != nil {
				return err
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

// checkedSchema loads path (the built-in schema if empty) and checks its keys
// against the options the reader would run with.
func checkedSchema(path string) (annotations.Schema, error) {
	o, err := tui.UserOptions()
	if err != nil {
		return annotations.Schema{}, err
	}
	reserved := o.ReservedLabelKeys()
	if path == "" {
		s := annotations.DefaultSchema()
		if err := s.Validate(reserved...); err != nil {
			return s, fmt.Errorf("the built-in labels clash with the key map of %s: %w", tui.UserConfigPath(), err)
		}
		return s, nil
	}
	s, err := loadSchema(path)
	if err != nil {
		return s, err
	}
	// Say why a letter is refused: the reader turns it into a Latin key first.
	var layout []string
	for i, l := range s.All() {
		if latin, ok := o.LayoutKey(l.Key); ok {
			layout = append(layout, fmt.Sprintf("label %d (%s): key %q is read as %q by the keyboard-layout mapping", i+1, l.Name, l.Key, latin))
		}
	}
	if len(layout) > 0 {
		return s, fmt.Errorf("%s: invalid label schema:\n  %s\n(choose other keys, or set keyboard = \"none\" in %s)",
			path, strings.Join(layout, "\n  "), tui.UserConfigPath())
	}
	return loadSchema(path, reserved...)
}

// loadSchema reads and checks a TOML label file; errors name the file.
func loadSchema(path string, reserved ...string) (annotations.Schema, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return annotations.Schema{}, err
	}
	return annotations.ParseSchema(b, path, reserved...)
}
