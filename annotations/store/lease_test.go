package store

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/internal/pgtest"
)

// helperEnv makes the test binary, re-executed, act as a second hashiya
// process: it opens the database named by the variable as alice, tags a
// word, says "ready" and waits for its stdin to close before tagging
// another and exiting.
const helperEnv = "HASHIYA_STORE_HELPER_DB"

// burstEnv makes the re-executed test binary edit the database it names
// as fast as it can, printing "ok N" after edit N returned, until killed.
const burstEnv = "HASHIYA_STORE_BURST_DB"

func TestMain(m *testing.M) {
	if path := os.Getenv(helperEnv); path != "" {
		os.Exit(helperProcess(path))
	}
	if path := os.Getenv(burstEnv); path != "" {
		os.Exit(burstProcess(path))
	}
	pgtest.Main(m)
}

func helperProcess(path string) int {
	db, err := Open(path)
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	defer db.Close()
	s, err := db.Session("alice")
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	if _, err := s.Apply(annotations.AddSpan{Doc: docA, Label: "GPE", Start: 0, End: 3}); err != nil {
		fmt.Println("error:", err)
		return 1
	}
	fmt.Println("ready")
	bufio.NewReader(os.Stdin).ReadString('\n')
	if _, err := s.Apply(annotations.AddSpan{Doc: docB, Label: "ORG", Start: 0, End: 4}); err != nil {
		fmt.Println("error:", err)
		return 1
	}
	return 0
}

func burstProcess(path string) int {
	db, err := Open(path)
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	s, err := db.Session("alice")
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	for i := 0; ; i++ {
		d := annotations.DocInfo{ID: "burst-" + strconv.Itoa(i), Text: docA.Text}
		if _, err := s.Apply(annotations.AddSpan{Doc: d, Label: "GPE", Start: 0, End: 3}); err != nil {
			fmt.Println("error:", err)
			return 1
		}
		fmt.Println("ok", i)
	}
}

// SIGKILL in a burst of edits loses nothing an Apply confirmed.
func TestKillInBurstLosesNothingConfirmed(t *testing.T) {
	onBoth(t, testKillInBurstLosesNothingConfirmed)
}

func testKillInBurstLosesNothingConfirmed(t *testing.T, path string) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), burstEnv+"="+path)
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(stdout)
	confirmed := -1
	for confirmed < 200 {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("burst process: %v after %d edits", err, confirmed+1)
		}
		if _, err := fmt.Sscanf(line, "ok %d", &confirmed); err != nil {
			t.Fatalf("burst process: %q", line)
		}
	}
	cmd.Process.Kill() // SIGKILL, mid-burst
	cmd.Wait()
	db := openDB(t, path)
	s := openSession(t, db, "alice") // the dead process's lease is taken over
	for i := 0; i <= confirmed; i++ {
		if v, err := s.Doc("burst-" + strconv.Itoa(i)); err != nil || len(v.Spans) != 1 {
			t.Fatalf("confirmed edit %d of %d lost after SIGKILL: %v", i, confirmed+1, err)
		}
	}
}

// Two processes on one database: the second annotator saves beside the
// first, the same annotator is refused naming the other process, and both
// appear in the training file.
func TestTwoProcessesOneDatabase(t *testing.T) { onBoth(t, testTwoProcessesOneDatabase) }

func testTwoProcessesOneDatabase(t *testing.T, path string) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+path)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if strings.TrimSpace(line) != "ready" {
		t.Fatalf("helper process: %q", line)
	}
	db := openDB(t, path)
	_, err := db.Session("alice")
	want := fmt.Sprintf("pid %d on ", cmd.Process.Pid)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("alice while another process holds her: %v, want a refusal naming %q", err, want)
	}
	bob := openSession(t, db, "bob")
	must(t, bob, annotations.AddSpan{Doc: docA, Label: "PERSON", Start: 0, End: 3})
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper process: %v", err)
	}
	must(t, bob, annotations.AddSpan{Doc: docB, Label: "ORG", Start: 0, End: 4})
	recs := training(t, sqliteBackend{db})
	var got []string
	for _, r := range recs {
		got = append(got, r.Meta.ID+"/"+r.AnnotatorID+"/"+strconv.Itoa(len(r.Spans)))
	}
	if strings.Join(got, " ") != "a-1/alice/1 a-1/bob/1 b-2/alice/1 b-2/bob/1" {
		t.Fatalf("training records: %v", got)
	}
	alice := openSession(t, db, "alice") // the other process closed: free
	if v := view(t, alice, docB.ID); len(v.Spans) != 1 {
		t.Fatalf("alice's work from the other process: %+v", v)
	}
}

func setLease(t *testing.T, db *DB, annotator, host string, pid int, beat time.Time) {
	t.Helper()
	s := openSession(t, db, annotator) // creates annotator and session rows
	s.Close()
	if _, err := db.exec(`INSERT INTO leases (annotator, session, host, pid, heartbeat)
		SELECT a.id, s.id, ?, ?, ? FROM annotators a JOIN sessions s ON s.annotator = a.id WHERE a.name = ? LIMIT 1`,
		host, pid, beat.UnixMilli(), annotator); err != nil {
		t.Fatal(err)
	}
}

func deadPid(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

func TestLeaseTakeover(t *testing.T) { onBoth(t, testLeaseTakeover) }

func testLeaseTakeover(t *testing.T, target string) {
	db := openDB(t, target)
	setLease(t, db, "dead", db.host, deadPid(t), time.Now())
	setLease(t, db, "stale", "elsewhere", 4242, time.Now().Add(-2*StaleAfter))
	setLease(t, db, "live", "elsewhere", 4242, time.Now())
	for _, a := range []string{"dead", "stale"} {
		s, err := db.Session(a)
		if err != nil {
			t.Fatalf("a lease of a %s holder was not taken over: %v", a, err)
		}
		s.Close()
	}
	if _, err := db.Session("live"); err == nil || !strings.Contains(err.Error(), "pid 4242 on elsewhere") {
		t.Fatalf("a live lease on another host: %v, want a refusal naming pid 4242 on elsewhere", err)
	}
}

// A session whose lease another took over (it looked dead) saves nothing more.
func TestLeaseLostStopsWrites(t *testing.T) { onBoth(t, testLeaseLostStopsWrites) }

func testLeaseLostStopsWrites(t *testing.T, path string) {
	one, two := openDB(t, path), openDB(t, path)
	s1 := openSession(t, one, "alice")
	must(t, s1, annotations.Touch{Doc: docA})
	if _, err := two.exec("UPDATE leases SET heartbeat = 0"); err != nil {
		t.Fatal(err)
	}
	s2 := openSession(t, two, "alice")
	if _, err := s1.Apply(annotations.AddSpan{Doc: docA, Label: "GPE", Start: 0, End: 3}); !errors.Is(err, ErrLeaseLost) {
		t.Fatalf("an edit after the lease was taken over: %v, want ErrLeaseLost", err)
	}
	must(t, s2, annotations.AddSpan{Doc: docA, Label: "GPE", Start: 0, End: 3})
}

// The heartbeat keeps a lease fresh while the annotator is idle.
func TestHeartbeatRefreshesLease(t *testing.T) { onBoth(t, testHeartbeatRefreshesLease) }

func testHeartbeatRefreshesLease(t *testing.T, path string) {
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.heartbeatEvery = 10 * time.Millisecond
	openSession(t, db, "alice")
	var first, later int64
	db.row("SELECT heartbeat FROM leases").Scan(&first)
	deadline := time.Now().Add(5 * time.Second)
	for later <= first && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		db.row("SELECT heartbeat FROM leases").Scan(&later)
	}
	if later <= first {
		t.Fatal("the heartbeat did not refresh the lease")
	}
}
