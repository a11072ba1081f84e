package main

import (
	"fmt"

	"github.com/hashiya/hashiya/serve"
	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"
)

func newTeamCmd() *cobra.Command {
	var teamFile string
	cmd := &cobra.Command{
		Use:   "team",
		Short: "Edit or list the team file of `hashiya serve`",
	}
	cmd.PersistentFlags().StringVar(&teamFile, "team", defaultTeamFile(), "the team file (TOML)")
	var key, role string
	add := &cobra.Command{
		Use:   "add NAME --key FILE.pub",
		Short: "Add a member (or another key of one) to the team file",
		Long: "add puts NAME with the OpenSSH public key in FILE.pub into the team file, creating it where\n" +
			"missing; a running server reads it again within seconds. Roles: annotator (the default; sees only\n" +
			"their own work), reviewer and admin (also read everyone's annotations).",
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if key == "" {
				return fmt.Errorf("team add %s: --key FILE.pub is required", args[0])
			}
			m, err := serve.AddMember(teamFile, args[0], role, key)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s (%s, %d key(s)) in %s\n", m.Name, m.Role, len(m.Keys), teamFile)
			return nil
		},
	}
	add.Flags().StringVar(&key, "key", "", "the member's OpenSSH public key file (.pub)")
	add.Flags().StringVar(&role, "role", "", "annotator, reviewer or admin (default: annotator, or the member's role as it is)")
	list := &cobra.Command{
		Use:          "list",
		Short:        "List the team's members, roles and key fingerprints",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			t, err := serve.LoadTeam(teamFile)
			if err != nil {
				return err
			}
			for _, m := range t.Members {
				for _, k := range m.Keys {
					pk, _, _, _, err := gossh.ParseAuthorizedKey([]byte(k))
					if err != nil {
						return err
					}
					fmt.Fprintf(cmd.OutOrStdout(), "%s\t%s\t%s\n", m.Name, m.Role, gossh.FingerprintSHA256(pk))
				}
			}
			return nil
		},
	}
	cmd.AddCommand(add, list)
	return cmd
}
