package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/text/layout"
	"github.com/hashiya/hashiya/tui"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

func newRootCmd() *cobra.Command {
	var engine engineFlags
	var annotator string
	root := &cobra.Command{
		Use:   "hashiya [PATH...]",
		Short: "Read and annotate right-to-left news corpora side by side",
		Long: "hashiya (حاشية, \"marginal note\") is a terminal reader and annotator for news corpora\n" +
			"in Arabic, Persian and other right-to-left scripts.\n\n" +
			"PATH may be .txt files, directories (their .txt, .jsonl and .jsonl.gz files) and JSONL\n" +
			"corpora (one document per line: \"text\" required, \"id\" and \"meta\" optional). With no\n" +
			"PATH it opens the embedded sample corpus.\n\n" +
			"Configuration: $XDG_CONFIG_HOME/hashiya/config.toml; log: $XDG_STATE_HOME/hashiya/hashiya.log.",
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := engine.options()
			if err != nil {
				return err
			}
			return runReader(cmd, args, opts, annotator)
		},
	}
	engine.register(root.Flags(), false)
	root.Flags().StringVar(&annotator, "annotator", "", "annotator name written into the training data (default: config, then $USER)")
	root.AddCommand(newRenderCmd())
	root.AddCommand(newExportCmd())
	root.AddCommand(newValidateCmd())
	root.AddCommand(newLabelsCmd())
	return root
}

func runReader(cmd *cobra.Command, args []string, engine layout.Options, annotator string) error {
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

	opts := tui.Options{Corpus: corpus, CorpusName: name, Annotator: annotator, Engine: engine}
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
	return tui.Run(cmd.Context(), opts, os.Stdout)
}

func corpusName(args []string) string {
	names := make([]string, 0, len(args))
	for _, a := range args {
		names = append(names, filepath.Base(filepath.Clean(a)))
	}
	return strings.Join(names, ", ")
}
