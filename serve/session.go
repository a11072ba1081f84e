package serve

import (
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"github.com/hashiya/hashiya/annotations/store"
	"github.com/hashiya/hashiya/tui"
	gossh "golang.org/x/crypto/ssh"
)

// noTerminal is what a session without a PTY (ssh -T, ssh host cmd) is told.
const noTerminal = "hashiya: this server shows the annotation reader on a terminal only; connect with plain `ssh -p PORT HOST` (no -T, no command), or, as a reviewer, `ssh -t -p PORT HOST review`"

// reviewCommand is what a reviewer or admin asks for (ssh -t -p PORT HOST review)
// to get the review screen instead of the reader.
const reviewCommand = "review"

// notReviewer is what an annotator asking for the review screen is told.
const notReviewer = "hashiya: the review screen is for reviewers and admins; %s is an annotator (connect without `review` for the reader)"

// handle is the one middleware: it decides who the session is from the key it proved,
// refuses what the reader cannot serve, and runs one reader on the session's terminal.
func (s *Server) handle(ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		s.handlers.Add(1)
		defer s.handlers.Done()
		remote := sess.RemoteAddr().String()
		// The key the session proved, which the SSH library keeps from the successful
		// authentication only: never a key the client merely offered (CVE-2024-45337).
		key := sess.PublicKey()
		member, ok := s.team.Load().Lookup(key)
		if !ok { // no key, or one taken off the team since the handshake
			fp := ""
			if key != nil {
				fp = gossh.FingerprintSHA256(key)
			}
			s.log.Warn("refused", "what", "key not on the team", "key", fp, "remote", remote)
			wish.Fatalln(sess, "hashiya: this key is not on the team")
			return
		}
		fp := gossh.FingerprintSHA256(key)
		pty, winch, hasPty := sess.Pty()
		review := sess.RawCommand() == reviewCommand
		if !hasPty || len(sess.RawCommand()) > 0 && !review {
			s.log.Warn("refused", "what", "no terminal or a command", "annotator", member.Name, "key", fp, "remote", remote)
			wish.Fatalln(sess, noTerminal)
			return
		}
		if review && !member.SeesOthers() {
			s.log.Warn("refused", "what", "review screen for an annotator", "annotator", member.Name, "key", fp, "remote", remote)
			wish.Fatalln(sess, fmt.Sprintf(notReviewer, member.Name))
			return
		}
		// A reviewer's screen writes through gold's store session, shared like an
		// annotator's by every session that uses it.
		storeName := member.Name
		if review {
			storeName = store.Gold
		}
		ls, sh, err := s.join(storeName, fp)
		if err != nil {
			s.log.Warn("refused", "what", err.Error(), "annotator", member.Name, "key", fp, "remote", remote)
			wish.Fatalln(sess, "hashiya: "+err.Error())
			return
		}
		start := time.Now()
		screen := "reader"
		if review {
			screen = "review"
		}
		s.log.Info("connect", "annotator", member.Name, "role", member.Role, "screen", screen, "key", fp, "remote", remote,
			"term", pty.Term, "width", pty.Window.Width, "height", pty.Window.Height)
		defer func() {
			r := recover()
			s.leave(ls, storeName, fp)
			if r != nil {
				s.log.Error("session panicked", "annotator", member.Name, "key", fp, "panic", fmt.Sprint(r))
				sess.Exit(1)
			}
		}()
		go forwardResizes(sess, winch, ls.msgs)
		// Every commit to the database, from this server or another, keeps the screen
		// current; the subscription ends with the session.
		changes, unsubscribe := s.cfg.DB.Subscribe()
		defer unsubscribe()
		opts := tui.Options{
			Corpus: s.cfg.Corpus, CorpusName: s.cfg.CorpusName, Annotator: member.Name,
			Engine: s.cfg.Engine, Keys: s.cfg.Keys, Schema: s.cfg.Schema,
			Session: sh, DB: s.cfg.DBPath, Out: s.cfg.Out,
			Export: s.export, Team: s.teamFor(member, changes),
		}
		env := append(sess.Environ(), "TERM="+pty.Term)
		term := tui.SessionTerminal{
			In: sess, Out: sess, Env: env, Width: pty.Window.Width, Height: pty.Window.Height, Msgs: ls.msgs,
		}
		if review {
			backend := &StoreReview{DB: s.cfg.DB, Gold: sh.Session, Reviewer: member.Name, Changes: changes}
			err = tui.RunReviewSession(sess.Context(), backend, s.cfg.Keys, s.cfg.Engine, term)
		} else {
			err = tui.RunSession(sess.Context(), opts, term)
		}
		s.export() // the reader exports on q; not when the connection just went away
		status := 0
		switch {
		case errors.Is(err, tea.ErrProgramPanic), err != nil && !errors.Is(err, tea.ErrProgramKilled):
			s.log.Error("session ended by an error", "annotator", member.Name, "key", fp, "error", err.Error(), "after", time.Since(start).Round(time.Millisecond).String())
			status = 1
		default:
			s.log.Info("disconnect", "annotator", member.Name, "key", fp, "remote", remote, "after", time.Since(start).Round(time.Millisecond).String())
		}
		// The exit status goes out before Shutdown may close the connection.
		sess.Exit(status)
	}
}

// forwardResizes passes the client's window changes to the reader until the session ends.
func forwardResizes(sess ssh.Session, winch <-chan ssh.Window, msgs chan<- tea.Msg) {
	for {
		select {
		case <-sess.Context().Done():
			return
		case w, ok := <-winch:
			if !ok {
				return
			}
			select {
			case msgs <- tea.WindowSizeMsg{Width: w.Width, Height: w.Height}:
			case <-sess.Context().Done():
				return
			}
		}
	}
}

// shared is one annotator's store session, shared by their live SSH sessions: the
// store allows one session per annotator, and every edit is committed through it.
type shared struct {
	sess *store.Session
	n    int
}

// sessionHandle is what one reader gets: the shared store session, whose Close is the
// server's to do when the annotator's last session ends.
type sessionHandle struct{ *store.Session }

func (sessionHandle) Close() error { return nil }

// join admits one more session with key fp on the store session of name (an
// annotator, or gold for a reviewer's screen), within the per-key limit.
func (s *Server) join(name, fp string) (*liveSession, sessionHandle, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return nil, sessionHandle{}, errors.New("the server is stopping")
	}
	if s.perKey[fp] >= s.cfg.SessionsPerKey {
		return nil, sessionHandle{}, fmt.Errorf("this key already has %d session(s) open on this server (%s), the most it may", s.perKey[fp], s.cfg.Name)
	}
	sh := s.members[name]
	if sh == nil {
		st, err := s.cfg.DB.Session(name)
		if err != nil {
			return nil, sessionHandle{}, s.inUse(name, err)
		}
		if err := st.ServedBy(s.cfg.Name); err != nil {
			st.Close()
			return nil, sessionHandle{}, err
		}
		sh = &shared{sess: st}
		s.members[name] = sh
	}
	sh.n++
	s.perKey[fp]++
	ls := &liveSession{msgs: make(chan tea.Msg, 4)}
	s.live[ls] = struct{}{}
	return ls, sessionHandle{sh.sess}, nil
}

// inUse says where name is live when the store refused their session: on another team
// server (or, left by one that died, until its lease goes stale), or in a hashiya
// outside any server (the store's own message names its host and pid).
func (s *Server) inUse(name string, err error) error {
	h, ok, lerr := s.cfg.DB.LiveOn(name)
	if lerr != nil || !ok || h.Server == "" {
		return err
	}
	who := name + " is"
	if name == store.Gold {
		who = "the review screen (gold's version) is"
	}
	return fmt.Errorf("%s live on the server %s (hashiya pid %d on %s, heard from %s ago): end that session first; a server that stopped frees it within %.0f s",
		who, h.Server, h.Pid, h.Host, time.Since(h.Seen).Round(time.Second), store.StaleAfter.Seconds())
}

func (s *Server) leave(ls *liveSession, name, fp string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.live, ls)
	if s.perKey[fp]--; s.perKey[fp] <= 0 {
		delete(s.perKey, fp)
	}
	if sh := s.members[name]; sh != nil {
		if sh.n--; sh.n <= 0 {
			sh.sess.Close()
			delete(s.members, name)
		}
	}
}
