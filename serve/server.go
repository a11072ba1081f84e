package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/store"
	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/text/layout"
	"github.com/hashiya/hashiya/tui"
	gossh "golang.org/x/crypto/ssh"
)

// Config is what one server serves, and to whom.
type Config struct {
	Listen string // host:port
	// Name is the server among the servers sharing DB (routing, where an annotator is
	// live); default its host name and Listen.
	Name       string
	TeamFile   string
	HostKey    gossh.Signer
	Corpus     *model.Corpus
	CorpusName string
	DB         *store.DB
	DBPath     string // shown in each reader's status bar
	Out        string // the training file, written from DB
	Overlap    Overlap
	Schema     annotations.Schema
	Engine     layout.Options
	Keys       tui.KeyMap // zero: the default key map

	IdleTimeout    time.Duration // a connection with no traffic this long is closed; 0: never
	SessionsPerKey int           // live sessions one key may hold; 0 means 1
	TeamPoll       time.Duration // how often the team file is checked for changes; 0 means 2 s
	Log            *slog.Logger
}

// Server is a running team server.
type Server struct {
	cfg  Config
	log  *slog.Logger
	ssh  *ssh.Server
	docs []string // document IDs, in corpus order: what routing names

	team     atomic.Pointer[Team]
	teamStat os.FileInfo // the team file as New read it; nil if it did not exist
	assign   atomic.Pointer[map[string][]int]
	version  atomic.Int64 // the routing version assign holds

	routeMu    sync.Mutex
	routedLive []string  // the running servers' annotators the last routing saw
	lastBeat   time.Time // of this server's registration

	mu       sync.Mutex
	members  map[string]*shared        // store sessions by annotator name
	perKey   map[string]int            // live sessions by key fingerprint
	live     map[*liveSession]struct{} // for shutdown
	closing  bool
	handlers sync.WaitGroup

	exportMu      sync.Mutex
	exportStarted time.Time // of the last export
	exportErr     error     // its result

	newTeam func(Member) tui.Team // tests: a reader's team view; nil is memberTeam
}

type liveSession struct {
	msgs chan tea.Msg
}

// New checks cfg, reads the team file and routes the corpus; Serve starts listening.
func New(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.SessionsPerKey <= 0 {
		cfg.SessionsPerKey = 1
	}
	if cfg.TeamPoll <= 0 {
		cfg.TeamPoll = 2 * time.Second
	}
	if cfg.Keys.Quit.Keys() == nil {
		cfg.Keys = tui.DefaultKeyMap()
	}
	if cfg.Name == "" {
		cfg.Name = defaultName(cfg.Listen)
	}
	s := &Server{cfg: cfg, log: cfg.Log, members: map[string]*shared{}, perKey: map[string]int{}, live: map[*liveSession]struct{}{}}
	// Routing names every document: the index must be complete first.
	if err := cfg.Corpus.Wait(context.Background()); err != nil {
		return nil, err
	}
	for i := range cfg.Corpus.Len() {
		s.docs = append(s.docs, cfg.Corpus.Title(i))
	}
	// The file's state before it is read: a change made from here on is seen by watchTeam.
	s.teamStat, _ = os.Stat(cfg.TeamFile)
	team, err := LoadTeam(cfg.TeamFile)
	if err != nil {
		return nil, err
	}
	if err := s.setTeam(team); err != nil {
		return nil, err
	}
	srv, err := wish.NewServer(
		// The host key first: without one, wish writes a new id_ed25519 into the working
		// directory.
		func(srv *ssh.Server) error { srv.HostSigners = []ssh.Signer{cfg.HostKey}; return nil },
		wish.WithAddress(cfg.Listen),
		wish.WithVersion("hashiya"),
		wish.WithPublicKeyAuth(s.authorize),
		wish.WithIdleTimeout(cfg.IdleTimeout),
		wish.WithMiddleware(s.handle),
	)
	if err != nil {
		return nil, err
	}
	srv.ChannelHandlers = map[string]ssh.ChannelHandler{
		"session":      s.sessionChannel,
		"direct-tcpip": s.refuseChannel("local port forwarding"),
	}
	srv.RequestHandlers = map[string]ssh.RequestHandler{
		"tcpip-forward":        s.refuseRequest("remote port forwarding"),
		"cancel-tcpip-forward": s.refuseRequest("remote port forwarding"),
	}
	srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{} // none: every subsystem is refused
	// No password and no keyboard-interactive handler: the SSH library offers only
	// public keys, so those methods fail before any screen.
	srv.ConnectionFailedCallback = func(c net.Conn, err error) {
		s.log.Info("connection failed", "remote", c.RemoteAddr().String(), "error", err.Error())
	}
	s.ssh = srv
	return s, nil
}

// SSH is the underlying server, for tests that serve it on a listener of their own.
func (s *Server) SSH() *ssh.Server { return s.ssh }

// setTeam takes t as the team and routes the corpus with it, shared with every server
// on the database (routing.go).
func (s *Server) setTeam(t *Team) error {
	s.team.Store(t)
	return s.route(t)
}

// Assigned lists the documents (corpus indices) routed to name; nil for a name that
// has none (a reviewer, or someone not on the team).
func (s *Server) Assigned(name string) []int { return (*s.assign.Load())[name] }

// authorize is the public-key callback: it only says whether key is on the team. The
// callback also runs for keys the client merely offers without proving them, so who
// the user is is decided later, in handle, from the key the session proved.
func (s *Server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	if _, ok := s.team.Load().Lookup(key); ok {
		return true
	}
	s.log.Warn("refused", "what", "unknown key", "key", gossh.FingerprintSHA256(key), "user", ctx.User(), "remote", ctx.RemoteAddr().String())
	return false
}

// Serve listens on cfg.Listen until Shutdown; it also watches the team file.
func (s *Server) Serve(ctx context.Context) error {
	l, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return err
	}
	return s.ServeListener(ctx, l)
}

// ServeListener serves on l until Shutdown.
func (s *Server) ServeListener(ctx context.Context, l net.Listener) error {
	go s.watchTeam(ctx)
	s.log.Info("listening", "addr", l.Addr().String(), "host_key", gossh.FingerprintSHA256(s.cfg.HostKey.PublicKey()),
		"documents", len(s.docs), "overlap", s.cfg.Overlap.String(), "team", s.cfg.TeamFile)
	err := s.ssh.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// watchTeam reloads the team file when its size or time changes (a file that does not
// parse keeps the team as it was and says why in the log), and keeps routing in step
// with the other servers on the database.
func (s *Server) watchTeam(ctx context.Context) {
	last := s.teamStat
	t := time.NewTicker(s.cfg.TeamPoll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := s.syncRouting(); err != nil {
			s.log.Error("routing not synchronised", "error", err.Error())
		}
		fi, err := os.Stat(s.cfg.TeamFile)
		if err != nil || (last != nil && fi.ModTime().Equal(last.ModTime()) && fi.Size() == last.Size()) {
			continue
		}
		last = fi
		team, err := LoadTeam(s.cfg.TeamFile)
		if err != nil {
			s.log.Error("team file not reloaded", "error", err.Error())
			continue
		}
		if err := s.setTeam(team); err != nil {
			s.log.Error("documents not routed to the reloaded team", "error", err.Error())
		}
		s.log.Info("team file reloaded", "members", len(team.Members))
	}
}

// Shutdown tells every session the server is stopping; each saves and quits as on q
// (every edit confirmed on screen is already committed), then the listener closes. It
// waits for the sessions until ctx ends, and writes the training file.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	for ls := range s.live {
		select {
		case ls.msgs <- tui.ShutdownMsg{Reason: "the server is stopping: saving and closing"}:
		default:
		}
	}
	n := len(s.live)
	s.mu.Unlock()
	s.log.Info("shutting down", "sessions", n)
	done := make(chan struct{})
	go func() { s.handlers.Wait(); close(done) }()
	var err error
	select {
	case <-done:
	case <-ctx.Done():
		err = fmt.Errorf("sessions still open at shutdown: %w", ctx.Err())
	}
	s.ssh.Close()
	if xerr := s.export(); xerr != nil && err == nil {
		err = xerr
	}
	s.mu.Lock()
	for name, sh := range s.members {
		sh.sess.Close()
		delete(s.members, name)
	}
	s.mu.Unlock()
	return err
}

// export writes the training file from the database, one export at a time.
func (s *Server) export() error {
	if s.cfg.Out == "" {
		return nil
	}
	asked := time.Now()
	s.exportMu.Lock()
	defer s.exportMu.Unlock()
	// An export that started after this one was asked for has every edit committed
	// before the ask: when many sessions end at once, one export serves them all.
	if s.exportStarted.After(asked) {
		return s.exportErr
	}
	s.exportStarted = time.Now()
	_, err := s.cfg.DB.ExportTraining(s.cfg.Out)
	if err != nil {
		s.log.Error("training file not written", "file", s.cfg.Out, "error", err.Error())
	}
	s.exportErr = err
	return err
}
