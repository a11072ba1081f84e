package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/store"
	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/serve"
	"github.com/hashiya/hashiya/tui"
	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"
)

func defaultTeamFile() string { return filepath.Join(tui.ConfigDir(), "team.toml") }

type serveFlags struct {
	engine                       engineFlags
	listen, team, hostKey, out   string
	db, labels, overlap, logFile string
	logStderr                    bool
	idle, shutdownWait           time.Duration
	sessionsPerKey               int
}

func newServeCmd() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve [PATH...]",
		Short: "Serve the reader to a team of annotators over SSH",
		Long: "serve runs an SSH server: every member of the team file connects with plain `ssh -p PORT HOST`\n" +
			"and gets their own reader on one corpus and one project database. A member is known by the\n" +
			"SSH key they prove, never by the user name; `hashiya team add` puts members in the team file,\n" +
			"which is read again when it changes. --overlap routes every document to that many annotators\n" +
			"(all: to everyone); space opens your next unanswered document. A reviewer or admin who\n" +
			"connects with `ssh -t -p PORT HOST review` gets the review screen (as hashiya review) and\n" +
			"decides into gold under their own name. SIGTERM or SIGINT: every\n" +
			"session saves and closes, the training file is written, and the server exits 0.",
		SilenceUsage: true,
		Args:         cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd.Context(), args, f, cmd.ErrOrStderr())
		},
	}
	fs := cmd.Flags()
	f.engine.register(fs, false)
	fs.StringVar(&f.listen, "listen", "127.0.0.1:2222", "address to listen on (host:port); 0.0.0.0 or a public address serves beyond this machine")
	fs.StringVar(&f.team, "team", defaultTeamFile(), "the team file (TOML): who may connect, by SSH public key")
	fs.StringVar(&f.hostKey, "host-key", "", "the server's private host key; generated (ed25519, mode 0600) where missing (default: $XDG_DATA_HOME/hashiya/host_ed25519)")
	fs.StringVar(&f.out, "out", "", "the training-data file, written from the database as sessions end and at shutdown (default: $XDG_DATA_HOME/hashiya/CORPUS/annotations.jsonl)")
	addDBFlag(fs, &f.db)
	fs.StringVar(&f.labels, "labels", "", "label schema (TOML) replacing the default labels; see `hashiya labels`")
	fs.StringVar(&f.overlap, "overlap", "1", "annotators per document: a number, or all")
	fs.StringVar(&f.logFile, "log", filepath.Join(tui.StateDir(), "serve.log"), "the server's log: connects, refusals with key fingerprints, disconnects, errors (never text or keys typed)")
	fs.BoolVar(&f.logStderr, "log-stderr", false, "log to stderr too")
	fs.DurationVar(&f.idle, "idle-timeout", 30*time.Minute, "close a connection with no traffic for this long (0: never)")
	fs.IntVar(&f.sessionsPerKey, "sessions-per-key", 1, "how many sessions one key may have open at once")
	fs.DurationVar(&f.shutdownWait, "shutdown-wait", 30*time.Second, "on SIGTERM, how long to wait for sessions to save and close")
	return cmd
}

func runServe(ctx context.Context, args []string, f serveFlags, stderr io.Writer) error {
	engine, err := f.engine.options()
	if err != nil {
		return err
	}
	overlap, err := serve.ParseOverlap(f.overlap)
	if err != nil {
		return err
	}
	logger, closeLog, err := openServeLog(f.logFile, f.logStderr, stderr)
	if err != nil {
		return err
	}
	defer closeLog()
	corpus, name := model.Sample(), "treaty (sample)"
	if len(args) > 0 {
		if corpus, err = model.Open(args); err != nil {
			return err
		}
		name = corpusName(args)
	}
	defer corpus.Close()
	schema := annotations.DefaultSchema()
	if f.labels != "" {
		if schema, err = loadSchema(f.labels, tui.DefaultKeyMap().Reserved()...); err != nil {
			return err
		}
	}
	if f.hostKey == "" {
		dir, err := dataDir()
		if err != nil {
			return err
		}
		f.hostKey = filepath.Join(dir, "host_ed25519")
	}
	hostKey, err := serve.LoadHostKey(f.hostKey)
	if err != nil {
		return err
	}
	out, dbFile, err := readerFiles(args, f.out, f.db)
	if err != nil {
		return err
	}
	f.out = out
	db, err := store.Open(dbFile)
	if err != nil {
		return namePath(err, dbFile)
	}
	defer db.Close()
	srv, err := serve.New(serve.Config{
		Listen: f.listen, TeamFile: f.team, HostKey: hostKey, Corpus: corpus, CorpusName: name,
		DB: db, DBPath: dbShown(dbFile), Out: f.out, Overlap: overlap, Schema: schema, Engine: engine,
		IdleTimeout: f.idle, SessionsPerKey: f.sessionsPerKey, Log: logger,
	})
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	l, err := net.Listen("tcp", f.listen) // before "listening" is printed: a taken port fails here
	if err != nil {
		return err
	}
	served := make(chan error, 1)
	go func() { served <- srv.ServeListener(ctx, l) }()
	fmt.Fprintf(stderr, "hashiya serve: listening on %s · host key %s · %d documents · overlap %s · team %s\n",
		l.Addr(), gossh.FingerprintSHA256(hostKey.PublicKey()), corpus.Len(), overlap, f.team)
	select {
	case err := <-served: // the listener failed
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(stderr, "hashiya serve: stopping: every session saves and closes")
	sctx, cancel := context.WithTimeout(context.Background(), f.shutdownWait)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-served; err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	fmt.Fprintf(stderr, "hashiya serve: stopped; training file %s written\n", f.out)
	return nil
}

// openServeLog opens the log file (and stderr, if asked) as one slog logger.
func openServeLog(path string, toStderr bool, stderr io.Writer) (*slog.Logger, func(), error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, nil, err
	}
	lf, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, nil, err
	}
	var w io.Writer = lf
	if toStderr {
		w = io.MultiWriter(lf, stderr)
	}
	return slog.New(slog.NewTextHandler(w, nil)), func() { lf.Close() }, nil
}
