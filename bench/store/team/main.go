// Command team measures a team's edits on one project database: SERVERS
// processes, each holding one store.Open as one `hashiya serve` does, with
// SESSIONS annotators each, every one editing at an annotator's pace. It
// drives store sessions directly (no SSH, no screen): edit → durable is the
// time of Session.Apply, which returns once the transaction's COMMIT has
// (what a server waits for before its screen says "saved").
//
// Each round runs the database under test (-db) and then, as the reference,
// one server on a SQLite file (-ref) with the same sessions, and prints the
// ratios; rounds alternate the two.
//
//	team -db postgres://... -ref FILE [-servers 2] [-sessions 50] [-edits 40] [-interval 500ms] [-rounds 3]
//	team -private -ref FILE ...    # a PostgreSQL cluster of its own under /var/tmp (fsync on)
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hashiya/hashiya/internal/pgtest"
)

func main() {
	db := flag.String("db", "", "the database under test: a postgres:// URL (a scratch database is created on its server and dropped after) or a SQLite file")
	private := flag.Bool("private", false, "start a PostgreSQL cluster of its own under /var/tmp for -db")
	ref := flag.String("ref", "", "the SQLite file of the reference line (one server, the same sessions); empty: none")
	servers := flag.Int("servers", 2, "server processes on -db")
	sessions := flag.Int("sessions", 50, "sessions (annotators) per server")
	edits := flag.Int("edits", 40, "timed edits per session")
	interval := flag.Duration("interval", 500*time.Millisecond, "pause between one session's edits")
	rounds := flag.Int("rounds", 3, "rounds, each the database under test then the reference")
	corpus := flag.String("corpus", "model/sample/treaty", "directory of .txt articles used as document texts")
	live := flag.Bool("live", true, "every session subscribes to the database's commits and reads the team's answers after each of another's, as a serve session's screen does")
	worker := flag.String("worker", "", "internal: run one server's sessions with this annotator prefix")
	flag.Parse()
	if *worker != "" {
		runWorker(*db, *worker, *corpus, *sessions, *edits, *interval, *live)
		return
	}
	defer runCleanups()
	onSignal()
	if *private {
		c, err := pgtest.Start()
		if err != nil {
			fatalf("starting PostgreSQL: %v", err)
		}
		atExit(func() { c.Close() })
		*db = c.AdminURL()
	}
	if *db == "" {
		fatalf("give -db URL|FILE or -private")
	}
	target := *db
	if isPostgres(target) {
		u, drop, err := scratchDatabase(target)
		if err != nil {
			fatalf("%v", err)
		}
		atExit(drop)
		target = u
		fmt.Println(describePostgres(target))
	}
	what := fmt.Sprintf("%s, %d %s × %d sessions", backend(target), *servers, plural(*servers, "server"), *sessions)
	refWhat := fmt.Sprintf("SQLite, 1 server × %d sessions", *servers**sessions)
	fmt.Printf("load: every session an annotator of its own on 50 shared documents, %d timed edits each (7 in 10 new spans, then a resize, an undo, a redo), one every %v, started spread over one interval after all are in; one untimed edit first\n",
		*edits, *interval)
	if *live {
		fmt.Println("live: every session subscribed to the database's commits, reading the team's answers after each of another's (a serve screen's header)")
	}
	var ratios [2][]float64
	for r := range *rounds {
		a := round(os.Args[0], target, *corpus, fmt.Sprintf("r%da", r+1), *servers, *sessions, *edits, *interval, *live)
		fmt.Printf("round %d  %-38s %s\n", r+1, what, a)
		if *ref == "" {
			continue
		}
		b := round(os.Args[0], *ref, *corpus, fmt.Sprintf("r%db", r+1), 1, *servers**sessions, *edits, *interval, *live)
		fmt.Printf("round %d  %-38s %s\n", r+1, refWhat, b)
		ratios[0] = append(ratios[0], a.q(0.5)/b.q(0.5))
		ratios[1] = append(ratios[1], a.q(0.99)/b.q(0.99))
	}
	if len(ratios[0]) > 0 {
		fmt.Printf("%s / SQLite: median %s, p99 %s (per round)\n", backend(target), ratioList(ratios[0]), ratioList(ratios[1]))
	}
}

func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

func backend(db string) string {
	if isPostgres(db) {
		return "PostgreSQL"
	}
	return "SQLite"
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func ratioList(rs []float64) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = fmt.Sprintf("%.2fx", r)
	}
	return strings.Join(s, " ")
}

// scratchDatabase creates an empty database on the server admin names and
// returns its URL and a function that drops it.
func scratchDatabase(admin string) (string, func(), error) {
	name := fmt.Sprintf("hashiya_bench_team_%d", os.Getpid())
	if err := pgtest.Exec(admin, "CREATE DATABASE "+name); err != nil {
		return "", nil, fmt.Errorf("creating the scratch database %s (the URL's user needs CREATEDB): %w", name, err)
	}
	u, err := url.Parse(admin)
	if err != nil {
		return "", nil, err
	}
	u.Path = "/" + name
	drop := func() {
		if err := pgtest.Exec(admin, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			log.Printf("dropping %s: %v", name, err)
		}
	}
	return u.String(), drop, nil
}

// describePostgres names the server and the settings that decide what a
// COMMIT waits for.
func describePostgres(u string) string {
	ctx := context.Background()
	c, err := pgx.Connect(ctx, u)
	if err != nil {
		fatalf("connecting to the scratch database: %v", err)
	}
	defer c.Close(ctx)
	var parts []string
	for _, s := range []string{"server_version", "fsync", "synchronous_commit", "wal_sync_method", "max_connections"} {
		var v string
		if err := c.QueryRow(ctx, "SHOW "+s).Scan(&v); err != nil {
			fatalf("SHOW %s: %v", s, err)
		}
		parts = append(parts, s+"="+v)
	}
	return "PostgreSQL: " + strings.Join(parts, " ")
}

// result is one configuration's latencies, sorted.
type result struct {
	lat     []time.Duration
	failed  int
	elapsed time.Duration
	conns   int // the most connections to the database seen at once; -1: not counted
	reads   int // the screens' reads of the team's answers after others' commits
}

func (r result) q(p float64) float64 {
	if len(r.lat) == 0 {
		return 0
	}
	return ms(r.lat[min(len(r.lat)-1, int(p*float64(len(r.lat))))])
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func (r result) String() string {
	if len(r.lat) == 0 {
		return fmt.Sprintf("no edit measured (%d failed)", r.failed)
	}
	conns := ""
	if r.reads > 0 {
		conns = fmt.Sprintf(" · %d live reads", r.reads)
	}
	if r.conns >= 0 {
		conns += fmt.Sprintf(" · at most %d connections", r.conns)
	}
	return fmt.Sprintf("%d edits in %.1f s (%.0f/s), failed %d · edit→durable median %.2f ms · p99 %.2f ms · max %.1f ms%s",
		len(r.lat), r.elapsed.Seconds(), float64(len(r.lat))/r.elapsed.Seconds(), r.failed, r.q(0.5), r.q(0.99), ms(r.lat[len(r.lat)-1]), conns)
}

// round runs servers worker processes on db, waits until every session of
// every one is in, starts them together and gathers their latencies.
func round(self, db, corpus, prefix string, servers, sessions, edits int, interval time.Duration, live bool) result {
	type proc struct {
		cmd *exec.Cmd
		in  io.WriteCloser
		out *bufio.Scanner
	}
	ps := make([]proc, servers)
	for i := range ps {
		cmd := exec.Command(self, "-worker", fmt.Sprintf("%s%c", prefix, 'a'+i), "-db", db, "-corpus", corpus,
			"-sessions", strconv.Itoa(sessions), "-edits", strconv.Itoa(edits), "-interval", interval.String(),
			"-live="+strconv.FormatBool(live))
		cmd.Stderr = os.Stderr
		in, err := cmd.StdinPipe()
		if err != nil {
			fatalf("%v", err)
		}
		out, err := cmd.StdoutPipe()
		if err != nil {
			fatalf("%v", err)
		}
		if err := cmd.Start(); err != nil {
			fatalf("%v", err)
		}
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		ps[i] = proc{cmd, in, sc}
	}
	for i, p := range ps {
		if !p.out.Scan() || p.out.Text() != "ready" {
			fatalf("server %d of %s did not get its sessions in: %q", i+1, db, p.out.Text())
		}
	}
	peak := watchConnections(db)
	t0 := time.Now()
	for _, p := range ps {
		fmt.Fprintln(p.in, "go")
	}
	var r result
	for i, p := range ps {
		for p.out.Scan() {
			f := strings.Fields(p.out.Text())
			switch {
			case len(f) == 2 && f[0] == "failed":
				n, _ := strconv.Atoi(f[1])
				r.failed += n
			case len(f) == 2 && f[0] == "reads":
				n, _ := strconv.Atoi(f[1])
				r.reads += n
			case len(f) > 0 && f[0] == "lat":
				for _, v := range f[1:] {
					ns, err := strconv.ParseInt(v, 10, 64)
					if err != nil {
						fatalf("server %d: %q", i+1, v)
					}
					r.lat = append(r.lat, time.Duration(ns))
				}
			}
		}
		if err := p.cmd.Wait(); err != nil {
			fatalf("server %d of %s: %v", i+1, db, err)
		}
	}
	r.elapsed = time.Since(t0)
	r.conns = peak()
	if live && r.reads == 0 && servers*sessions > 1 {
		log.Printf("warning: live subscriptions on %s got no commit at all (the figures lack the screens' reads)", backend(db))
	}
	slices.Sort(r.lat)
	return r
}

// watchConnections counts, every 100 ms until the returned function is
// called, the server's connections to a PostgreSQL database db (all the
// servers' pools, less the watcher's own) and returns the most seen; -1 for
// SQLite.
func watchConnections(db string) func() int {
	if !isPostgres(db) {
		return func() int { return -1 }
	}
	ctx, cancel := context.WithCancel(context.Background())
	c, err := pgx.Connect(ctx, db)
	if err != nil {
		fatalf("watching connections: %v", err)
	}
	most := make(chan int)
	go func() {
		n := 0
		for ctx.Err() == nil {
			var k int
			if err := c.QueryRow(ctx, "SELECT count(*) - 1 FROM pg_stat_activity WHERE datname = current_database()").Scan(&k); err == nil {
				n = max(n, k)
			}
			select {
			case <-ctx.Done():
			case <-time.After(100 * time.Millisecond):
			}
		}
		c.Close(context.Background())
		most <- n
	}()
	return func() int { cancel(); return <-most }
}

// printLatencies writes one line of nanoseconds, as round reads them.
func printLatencies(w io.Writer, lat []time.Duration) {
	var b strings.Builder
	b.WriteString("lat")
	for _, d := range lat {
		b.WriteByte(' ')
		b.WriteString(strconv.FormatInt(int64(d), 10))
	}
	fmt.Fprintln(w, b.String())
}

// gate is the start signal every session waits for: the coordinator's "go".
// A coordinator gone before it (stdin closed) ends the worker.
func gate() <-chan struct{} {
	c := make(chan struct{})
	var once sync.Once
	go func() {
		sc := bufio.NewScanner(os.Stdin)
		for sc.Scan() {
			if sc.Text() == "go" {
				once.Do(func() { close(c) })
			}
		}
		once.Do(func() { log.Fatal("the coordinator went away before the start") })
	}()
	return c
}

// The coordinator's cleanups (the scratch database, the private cluster)
// run on every way out: the end, a fatal error, SIGINT or SIGTERM.
var cleanups struct {
	sync.Mutex
	fns []func()
}

func atExit(f func()) {
	cleanups.Lock()
	cleanups.fns = append(cleanups.fns, f)
	cleanups.Unlock()
}

func runCleanups() {
	cleanups.Lock()
	fns := cleanups.fns
	cleanups.fns = nil
	cleanups.Unlock()
	for i := len(fns) - 1; i >= 0; i-- {
		fns[i]()
	}
}

func fatalf(format string, args ...any) {
	log.Printf(format, args...)
	runCleanups()
	os.Exit(1)
}

func onSignal() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	go func() { fatalf("stopped by %v", <-c) }()
}
