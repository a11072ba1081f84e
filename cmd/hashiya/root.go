package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/text/layout"
	"github.com/hashiya/hashiya/tui"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

func newRootCmd() *cobra.Command {
	var engine engineFlags
	var annotator, out, labels string
	var salvage bool
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
			return runReader(cmd, args, readerFlags{engine: opts, annotator: annotator, out: out, labels: labels, salvage: salvage})
		},
	}
	engine.register(root.Flags(), false)
	root.Flags().StringVar(&annotator, "annotator", "", "annotator name written into the training data (default: config, then $USER)")
	root.Flags().StringVar(&out, "out", "annotations.jsonl", "the training-data file (JSONL, code-point offsets); its journal and lock live beside it")
	root.Flags().BoolVar(&salvage, "salvage", false, "open even if the journal is damaged in the middle: keep what is readable, set the damaged journal aside, list what was skipped")
	root.Flags().StringVar(&labels, "labels", "", "label schema (TOML) replacing the default labels; see `hashiya labels`")
	root.AddCommand(newRenderCmd())
	root.AddCommand(newExportCmd())
	root.AddCommand(newValidateCmd())
	root.AddCommand(newLabelsCmd())
	root.AddCommand(newImportCmd())
	root.AddCommand(newDoctorCmd())
	return root
}

type readerFlags struct {
	engine                 layout.Options
	annotator, out, labels string
	salvage                bool
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

	opts := tui.Options{Corpus: corpus, CorpusName: name, Annotator: f.annotator, Engine: f.engine, Out: f.out}
	cfgPath := filepath.Join(tui.ConfigDir(), "config.toml")
	cfg, err := tui.LoadConfig(cfgPath)
	if err != nil {
		return err
	}
	if err := cfg.Apply(&opts, cfgPath); err != nil {
		return err
	}
	if opts.Annotator == "" {
		opts.Annotator = os.Getenv("USER")
	}
	schema := annotations.DefaultSchema()
	if f.labels != "" {
		if schema, err = annotations.LoadSchema(f.labels, opts.ReservedLabelKeys()...); err != nil {
			return err
		}
	}
	opts.Schema = schema
	store, err := annotations.Open(annotations.StoreOptions{Out: f.out, Annotator: opts.Annotator, Salvage: f.salvage})
	if err != nil {
		return err
	}
	opts.Store = store
	runErr := tui.Run(cmd.Context(), opts, os.Stdout)
	// The reader closes the store on quit; closing again after a clean quit is a no-op
	// and after a crash still writes the training file and frees the lock.
	if err := store.Close(); err != nil && runErr == nil && !errors.Is(err, annotations.ErrClosed) {
		return unsavedAtExit(store, f.out, err)
	}
	return runErr
}

// unsavedAtExit is the error of a reader told to quit although it could not save: it says
// what is lost, not the store's "will retry", which is no longer true.
func unsavedAtExit(store *annotations.Store, out string, err error) error {
	var nd *annotations.NotDurableError
	if errors.As(err, &nd) {
		n, docs := store.Unsaved()
		return fmt.Errorf("quit without saving: %d edit(s) to %s could not be written to the journal %s (%v) and are lost",
			n, strings.Join(docs, ", "), nd.Path, nd.Err)
	}
	return fmt.Errorf("quit without saving the training file %s (%v); the journal holds every edit and the next session writes the file", out, err)
}

func corpusName(args []string) string {
	names := make([]string, 0, len(args))
	for _, a := range args {
		names = append(names, filepath.Base(filepath.Clean(a)))
	}
	return strings.Join(names, ", ")
}
