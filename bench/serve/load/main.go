// Command load is the load generator of bench/serve: many SSH sessions, each an
// annotator with a key of its own, press keys in the reader that hashiya serve runs, and
// the time from each key to the frame it brings is measured. It talks to loopback
// only, and every count and wait is bounded.
//
//	load -setup -dir D -n 100            # D/keys/u000..u099 and D/team.toml
//	load -dir D -addr 127.0.0.1:PORT -sessions 50 -keys 40
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// frameEnd closes every frame the reader paints (synchronized output off).
var frameEnd = []byte("\x1b[?2026l")

func main() {
	setup := flag.Bool("setup", false, "write keys and a team file into -dir, then exit")
	n := flag.Int("n", 100, "with -setup: how many annotators")
	dir := flag.String("dir", "", "directory of keys/ and team.toml")
	addr := flag.String("addr", "127.0.0.1:2222", "the server (loopback only)")
	sessions := flag.Int("sessions", 10, "concurrent sessions")
	keys := flag.Int("keys", 40, "keys each session sends")
	interval := flag.Duration("interval", 200*time.Millisecond, "pause between one session's keys (an annotator's pace)")
	limit := flag.Duration("timeout", 3*time.Minute, "the whole run's limit")
	flag.Parse()
	if *dir == "" {
		fail(errors.New("-dir is required"))
	}
	if *setup {
		fail(writeTeam(*dir, *n))
		return
	}
	if err := loopbackOnly(*addr); err != nil {
		fail(err)
	}
	fail(run(*dir, *addr, *sessions, *keys, *interval, *limit))
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func loopbackOnly(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	ip := net.ParseIP(host)
	if host == "localhost" || (ip != nil && ip.IsLoopback()) {
		return nil
	}
	return fmt.Errorf("-addr %s: the load generator sends only to loopback addresses", addr)
}

func keyName(i int) string { return fmt.Sprintf("u%03d", i) }

func writeTeam(dir string, n int) error {
	kd := filepath.Join(dir, "keys")
	if err := os.MkdirAll(kd, 0o700); err != nil {
		return err
	}
	var team strings.Builder
	for i := range n {
		pub, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return err
		}
		blk, err := gossh.MarshalPrivateKey(priv, keyName(i))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(kd, keyName(i)), pem.EncodeToMemory(blk), 0o600); err != nil {
			return err
		}
		sp, err := gossh.NewPublicKey(pub)
		if err != nil {
			return err
		}
		fmt.Fprintf(&team, "[[annotator]]\nname = %q\nrole = \"annotator\"\nkeys = [%q]\n\n", keyName(i),
			strings.TrimSpace(string(gossh.MarshalAuthorizedKey(sp))))
	}
	return os.WriteFile(filepath.Join(dir, "team.toml"), []byte(team.String()), 0o644)
}

// barrier holds a settled session until every session has settled.
type barrier struct {
	settled *sync.WaitGroup
	start   chan struct{}
	offset  time.Duration
	once    sync.Once
}

// arrive says this session is settled (or failed), once.
func (b *barrier) arrive() { b.once.Do(b.settled.Done) }

// result is one session's measurements.
type result struct {
	sent      int
	latencies []time.Duration
	err       error
}

func run(dir, addr string, sessions, keys int, interval, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	results := make([]result, sessions)
	var wg, settled sync.WaitGroup
	start := make(chan struct{})
	for i := range sessions {
		wg.Add(1)
		settled.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i) * 20 * time.Millisecond) // stagger the handshakes
			b := &barrier{settled: &settled, start: start, offset: interval * time.Duration(i) / time.Duration(sessions)}
			results[i] = session(dir, addr, keyName(i), keys, interval, deadline, b)
		}()
	}
	// Keys start once every session is in and quiet, spread over one interval: the
	// figures are of a steady state, not of 100 logins at once.
	connected := time.Now()
	settled.Wait()
	fmt.Fprintf(os.Stderr, "load: %d sessions in and settled in %.1f s\n", sessions, time.Since(connected).Seconds())
	close(start)
	wg.Wait()
	var all []time.Duration
	sent, failed := 0, 0
	for i, r := range results {
		sent += r.sent
		all = append(all, r.latencies...)
		if r.err != nil {
			failed++
			if failed <= 3 {
				fmt.Fprintf(os.Stderr, "load: session %s: %v\n", keyName(i), r.err)
			}
		}
	}
	if len(all) == 0 {
		return fmt.Errorf("no frame measured (%d of %d sessions failed)", failed, sessions)
	}
	slices.Sort(all)
	q := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
	fmt.Printf("sessions %d (failed %d) · keys sent %d · frames %d · key→frame p50 %.1f ms · p99 %.1f ms · max %.1f ms\n",
		sessions, failed, sent, len(all), ms(q(0.50)), ms(q(0.99)), ms(all[len(all)-1]))
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// session logs in as name, waits for the reader's first frames to settle, then sends
// keys (j and k in turn: the cursor moves, so every key changes the frame) and times
// each until the frame's end arrives.
func session(dir, addr, name string, keys int, interval time.Duration, deadline time.Time, b *barrier) (r result) {
	defer b.arrive() // a failed session does not hold the others
	kb, err := os.ReadFile(filepath.Join(dir, "keys", name))
	if err != nil {
		return result{err: err}
	}
	signer, err := gossh.ParsePrivateKey(kb)
	if err != nil {
		return result{err: err}
	}
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: name, Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // a loopback benchmark of a server it started
		Timeout:         30 * time.Second,
	})
	if err != nil {
		return result{err: err}
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		return result{err: err}
	}
	defer s.Close()
	in, err := s.StdinPipe()
	if err != nil {
		return result{err: err}
	}
	out, err := s.StdoutPipe()
	if err != nil {
		return result{err: err}
	}
	if err := s.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		return result{err: err}
	}
	if err := s.Shell(); err != nil {
		return result{err: err}
	}
	frames := make(chan time.Time, 64)
	go func() { // every chunk that ends a frame, stamped as it arrives
		buf := make([]byte, 64<<10)
		var tail []byte
		for {
			n, err := out.Read(buf)
			if n > 0 {
				chunk := append(tail, buf[:n]...)
				if bytes.Contains(chunk, frameEnd) {
					select {
					case frames <- time.Now():
					default:
					}
				}
				tail = append([]byte(nil), chunk[max(0, len(chunk)-len(frameEnd)):]...)
			}
			if err != nil {
				close(frames)
				return
			}
		}
	}()
	// Settle: the first frame, then the loaded documents' frames, until 500 ms pass quiet.
	settle := time.After(15 * time.Second)
	for quiet := false; !quiet; {
		select {
		case _, ok := <-frames:
			if !ok {
				return result{err: errors.New("the session ended before its first frame")}
			}
		case <-time.After(500 * time.Millisecond):
			quiet = true
		case <-settle:
			return result{err: errors.New("no quiet moment in 15 s")}
		}
	}
	b.arrive()
	<-b.start
	time.Sleep(b.offset)
	for i := range keys {
		if time.Now().After(deadline) {
			break
		}
		k := "j"
		if i%2 == 1 {
			k = "k"
		}
		for drained := false; !drained; { // a late frame of the last key is not this key's
			select {
			case <-frames:
			default:
				drained = true
			}
		}
		sent := time.Now()
		if _, err := in.Write([]byte(k)); err != nil {
			r.err = err
			return r
		}
		r.sent++
		select {
		case t, ok := <-frames:
			if !ok {
				r.err = errors.New("the session ended")
				return r
			}
			r.latencies = append(r.latencies, t.Sub(sent))
		case <-time.After(10 * time.Second):
			r.err = errors.New("a key brought no frame in 10 s")
			return r
		}
		time.Sleep(interval)
	}
	in.Write([]byte("q"))
	// The round ends when the server has let the session go: the next round's session
	// of this key would otherwise meet the per-key limit.
	for {
		select {
		case _, ok := <-frames:
			if !ok {
				return r
			}
		case <-time.After(30 * time.Second):
			r.err = errors.New("the session did not end 30 s after q")
			return r
		}
	}
}
