package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/store"
	"github.com/hashiya/hashiya/annotations/suggest"
	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/text/layout"
	"github.com/hashiya/hashiya/tui"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

func newRootCmd() *cobra.Command {
	var engine engineFlags
	var annotator, out, labels, db, patterns string
	root := &cobra.Command{
		Use:   "hashiya [PATH...]",
		Short: "Read and annotate right-to-left news corpora side by side",
		Long: "hashiya (Arabic for \"marginal note\") is a terminal reader and annotator for news corpora\n" +
			"in Arabic, Persian and other right-to-left scripts.\n\n" +
			"PATH may be .txt files, directories (their .txt, .jsonl and .jsonl.gz files) and JSONL\n" +
			"corpora (one document per line: \"text\" required, \"id\" and \"meta\" optional). With no\n" +
			"PATH it opens the embedded sample corpus.\n\n" +
			"Configuration: $XDG_CONFIG_HOME/hashiya/config.toml; log: $XDG_STATE_HOME/hashiya/hashiya.log.",
		SilenceUsage: true,
		// Paths, not subcommands: without this cobra reads a corpus path as an unknown
		// command. (A file named like a subcommand can be given as ./render.)
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := engine.options()
			if err != nil {
				return err
			}
			return runReader(cmd, args, readerFlags{engine: opts, annotator: annotator, out: out, labels: labels, db: db, patterns: patterns})
		},
	}
	engine.register(root.Flags(), false)
	root.Flags().StringVar(&annotator, "annotator", "", "annotator name written into the training data (default: config, then $USER)")
	root.Flags().StringVar(&out, "out", "", "the training-data file (JSONL, code-point offsets), written from the database on quit and every 30 s while editing (default: $XDG_DATA_HOME/hashiya/CORPUS/annotations.jsonl, ~/.local/share/hashiya/… without it)")
	addDBFlag(root.Flags(), &db)
	root.Flags().StringVar(&labels, "labels", "", "label schema (TOML) replacing the default labels; see `hashiya labels`")
	root.Flags().StringVar(&patterns, "patterns", "", "pattern file (spaCy/Prodigy JSONL) whose matches are shown as suggestions to accept; see `hashiya match`")
	root.AddCommand(newRenderCmd())
	root.AddCommand(newExportCmd())
	root.AddCommand(newValidateCmd())
	root.AddCommand(newLabelsCmd())
	root.AddCommand(newImportCmd())
	root.AddCommand(newDoctorCmd())
	root.AddCommand(newAgreeCmd())
	root.AddCommand(newReviewCmd())
	root.AddCommand(newServeCmd(), newTeamCmd())
	root.AddCommand(newMatchCmd())
	root.AddCommand(newPatternsCmd())
	completeValues(root) // after every subcommand: it walks them
	return root
}

type readerFlags struct {
	engine                               layout.Options
	annotator, out, labels, db, patterns string
}

func runReader(cmd *cobra.Command, args []string, f readerFlags) error {
	if !term.IsTerminal(int(os.Stdout.Fd())) {
		return errors.New("the reader needs a terminal on stdout; for plain output use `hashiya render`")
	}
	var corpus *model.Corpus
	name := "treaty (sample)"
	if len(args) == 0 {
		corpus = model.Sample()
	} else {
		c, err := model.Open(args)
		if err != nil {
			return err
		}
		corpus = c
		name = corpusName(args)
	}
	defer corpus.Close()

	outGiven := f.out != ""
	var err error
	if f.out, f.db, err = readerFiles(args, f.out, f.db); err != nil {
		return err
	}
	opts := tui.Options{Corpus: corpus, CorpusName: name, Annotator: f.annotator, Engine: f.engine, Out: f.out}
	cfgPath, err := applyUserConfig(&opts)
	if err != nil {
		return err
	}
	if opts.Annotator == "" {
		opts.Annotator = os.Getenv("USER")
	}
	opts.History = tui.FileSearchHistory(tui.StateDir(), opts.Annotator)
	schema := annotations.DefaultSchema()
	if f.labels != "" {
		if schema, err = loadSchema(f.labels); err != nil {
			return err
		}
	}
	// A label on a key the reader reads as something else is refused here, naming both.
	if err := opts.CheckLabelKeys(schema); err != nil {
		labels := "the built-in labels"
		if f.labels != "" {
			labels = f.labels
		}
		return fmt.Errorf("%s and the key map of %s: %w", labels, cfgPath, err)
	}
	opts.Schema = schema
	if f.patterns != "" {
		m, warns, err := loadPatterns(f.patterns, suggest.Options{Proclitics: true})
		if err != nil {
			return err
		}
		opts.Suggest = m
		opts.Warnings = append(opts.Warnings, warns...)
	}
	dbFile := dbPath(f.db, f.out)
	db, sess, err := openProject(dbFile, opts.Annotator)
	if err != nil {
		return err
	}
	defer db.Close()
	defer sess.Close()
	notes, err := migrateOldWork(db, sess, f.out)
	if err != nil {
		return err
	}
	if n := oldDefaultNotice(outGiven, f.out); n != "" {
		notes = append(notes, n)
	}
	opts.Warnings = append(notes, opts.Warnings...)
	opts.Session, opts.DB = sess, dbShown(dbFile)
	var mu sync.Mutex
	var exportErr error // of the last export: a quit-anyway after a failed one says so
	opts.Export = func() error {
		_, err := db.ExportTraining(f.out)
		mu.Lock()
		exportErr = err
		mu.Unlock()
		return err
	}
	runErr := tui.Run(cmd.Context(), opts, os.Stdout)
	mu.Lock()
	defer mu.Unlock()
	if runErr == nil && exportErr != nil {
		return quitWithoutExport(f.out, dbShown(dbFile), exportErr)
	}
	return runErr
}

// openProject opens the database and the annotator's session on it. A read-only or
// corrupt database, or the annotator at work in another process (its host and pid),
// is refused naming the database.
func openProject(path, annotator string) (*store.DB, *store.Session, error) {
	db, err := store.Open(path)
	if err != nil {
		return nil, nil, namePath(err, path)
	}
	sess, err := db.Session(annotator)
	if err != nil {
		db.Close()
		return nil, nil, namePath(err, path)
	}
	return db, sess, nil
}

// quitWithoutExport is the error of a reader told to quit although the training file
// could not be written: nothing is lost, the database has every edit.
func quitWithoutExport(out, db string, err error) error {
	return fmt.Errorf("quit without writing the training file %s (%v); the database %s holds every edit: `hashiya export` writes it", out, err, db)
}

// namePath makes sure a refusal at start names the database it concerns.
func namePath(err error, path string) error {
	path = dbShown(path)
	if strings.Contains(err.Error(), path) || store.IsURL(path) && strings.Contains(err.Error(), "PostgreSQL") {
		return err
	}
	return fmt.Errorf("database %s: %w", path, err)
}

func corpusName(args []string) string {
	names := make([]string, 0, len(args))
	for _, a := range args {
		names = append(names, filepath.Base(filepath.Clean(a)))
	}
	return strings.Join(names, ", ")
}
