package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/hashiya/hashiya/annotations/store"
	"github.com/spf13/cobra"
)

func newDoctorCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "doctor DB [--out NEW.db]",
		Short: "Check a project database and copy what can be read out of a damaged one",
		Long: "Run SQLite's PRAGMA integrity_check and foreign_key_check on the database DB\n" +
			"(on a copy: DB itself is never written, moved or deleted) and print what they find.\n" +
			"With problems and --out, copy every row that can be read, table by table (documents\n" +
			"first, then the annotators' state and the operation log), into NEW.db, a new\n" +
			"database made by the migrations, and name what could not be read. NEW.db must not\n" +
			"exist. Exits non-zero when DB has problems.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDoctor(stdoutOf(cmd), args[0], out)
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "new database to copy the readable rows of a damaged DB into")
	return cmd
}

// doctorShown caps the problems printed per check.
const doctorShown = 20

func runDoctor(w io.Writer, path, out string) error {
	if store.IsURL(path) {
		return fmt.Errorf("hashiya doctor checks SQLite files; %s is PostgreSQL: check it with PostgreSQL's own tools "+
			"(amcheck, pg_dump for a copy)", dbShown(path))
	}
	if out != "" {
		if _, err := os.Lstat(out); err == nil {
			return fmt.Errorf("refusing to write %s: it exists (give a new file)", out)
		}
		if same(out, path) {
			return fmt.Errorf("refusing to write %s: it is the database checked", out)
		}
	}
	scratch, err := os.MkdirTemp(scratchDir(out), ".hashiya-doctor-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(scratch)
	h, cp, err := store.Diagnose(path, scratch)
	if err != nil {
		return err
	}
	if h.OK() {
		fmt.Fprintf(w, "%s: integrity_check ok, foreign_key_check ok: no problems found\n", path)
		if out != "" {
			fmt.Fprintf(w, "nothing to salvage; %s not written\n", out)
		}
		return nil
	}
	show := func(what string, ps []string) {
		if len(ps) == 0 {
			fmt.Fprintf(w, "%s: %s ok\n", path, what)
			return
		}
		fmt.Fprintf(w, "%s: %s found %d problem(s):\n", path, what, len(ps))
		for i, p := range ps {
			if i == doctorShown {
				fmt.Fprintf(w, "  ... and %d more\n", len(ps)-i)
				break
			}
			fmt.Fprintln(w, "  "+p)
		}
	}
	show("integrity_check", h.Integrity)
	show("foreign_key_check", h.ForeignKey)
	if out == "" {
		return fmt.Errorf("%s is damaged; nothing was changed. Copy what can be read with: hashiya doctor %s --out NEW.db", path, path)
	}
	got, err := store.Salvage(cp, out)
	if err != nil {
		return fmt.Errorf("copying %s into %s: %w", path, out, err)
	}
	tables := make([]string, 0, len(got.Rows))
	for t := range got.Rows {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	fmt.Fprintf(w, "copied into %s:", out)
	for _, t := range tables {
		fmt.Fprintf(w, " %s %d,", t, got.Rows[t])
	}
	fmt.Fprintln(w)
	for _, u := range got.Unreadable {
		fmt.Fprintln(w, "  could not read:", u)
	}
	for _, d := range got.Dropped {
		fmt.Fprintln(w, "  left out:", d)
	}
	for _, h := range got.History {
		fmt.Fprintln(w, "  undo history cut:", h)
	}
	return errors.New(path + " is damaged and was left as it was; what could be read is in " + out)
}

// scratchDir holds the doctor's copy: beside NEW.db when given (the disk
// that will hold the result), else the temp directory.
func scratchDir(out string) string {
	if out == "" {
		return ""
	}
	return filepath.Dir(out)
}
