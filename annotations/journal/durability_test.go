package journal

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashiya/hashiya/annotations/record"
)

// TestMain doubles as a lock-holding helper process for TestLockOtherProcess.
func TestMain(m *testing.M) {
	if out := os.Getenv("HASHIYA_TEST_HOLD_LOCK"); out != "" {
		s, err := Open(StoreOptions{Out: out, Annotator: "helper"})
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(2)
		}
		fmt.Println("locked")
		bufio.NewReader(os.Stdin).ReadString('\n') // hold until the parent says so
		s.Close()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestLockInProcess(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	_, err := Open(StoreOptions{Out: filepath.Join(dir, "annotations.jsonl"), Annotator: "other"})
	if err == nil || !strings.Contains(err.Error(), "annotations.jsonl is in use by another hashiya (pid ") ||
		!strings.Contains(err.Error(), "close it first") {
		t.Fatalf("second Open: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	openT(t, dir).Close() // released
}

func TestLockOtherProcess(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "HASHIYA_TEST_HOLD_LOCK="+out)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if strings.TrimSpace(line) != "locked" {
		t.Fatalf("helper said %q", line)
	}
	_, err := Open(StoreOptions{Out: out, Annotator: "amira"})
	want := fmt.Sprintf("in use by another hashiya (pid %d", cmd.Process.Pid)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("Open while helper holds lock: %v (want %q)", err, want)
	}
	// Killing the holder releases the lock: no stale lock files.
	cmd.Process.Kill()
	cmd.Wait()
	stdin.Close()
	openT(t, dir).Close()
}

func journalPath(dir string) string {
	return filepath.Join(dir, "annotations.jsonl.journal", "amira.jsonl")
}

// crash drops a store without flushing, like a killed process.
func crash(s *Store) { s.jf.Close(); s.lock.release() }

func TestTornJournalTail(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	mustSpan(t, s, docA, "PERSON", "بوتين")
	mustSpan(t, s, docA, "GPE", "روسيا")
	crash(s)
	jp := journalPath(dir)
	f, _ := os.OpenFile(jp, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"v":1,"seq":4,"crc":"00`) // killed mid-append
	f.Close()

	s2 := openT(t, dir)
	if w := s2.Warnings(); len(w) != 1 || !strings.Contains(w[0], "incomplete last line") {
		t.Fatalf("warnings = %v", w)
	}
	if v, _ := s2.Doc(docA.ID); len(v.Spans) != 2 {
		t.Fatalf("spans = %+v", v.Spans)
	}
	aside, _ := filepath.Glob(jp + ".torn-*")
	if len(aside) != 1 {
		t.Fatalf("torn bytes not kept aside: %v", aside)
	}
	mustSpan(t, s2, docA, "GPE", "كييف") // appends cleanly after the cut
	crash(s2)
	s3 := openT(t, dir)
	defer s3.Close()
	if v, _ := s3.Doc(docA.ID); len(v.Spans) != 3 || len(s3.Warnings()) != 0 {
		t.Fatalf("after second reopen: %d spans, warnings %v", len(v.Spans), s3.Warnings())
	}
}

func TestCorruptJournalMiddle(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	mustSpan(t, s, docA, "PERSON", "بوتين")
	mustSpan(t, s, docA, "GPE", "روسيا")
	mustSpan(t, s, docB, "PERSON", "پوتین")
	crash(s)
	jp := journalPath(dir)
	data, _ := os.ReadFile(jp)
	lines := bytes.SplitAfter(data, []byte("\n"))
	lines[1] = bytes.Replace(lines[1], []byte(`"GPE"`), []byte(`"GPX"`), 1) // bit rot
	os.WriteFile(jp, bytes.Join(lines, nil), 0o644)

	_, err := Open(StoreOptions{Out: filepath.Join(dir, "annotations.jsonl"), Annotator: "amira"})
	var je *JournalError
	if !errors.As(err, &je) || !strings.Contains(err.Error(), "amira.jsonl:2: checksum mismatch") {
		t.Fatalf("Open = %v", err)
	}
	if after, _ := os.ReadFile(jp); !bytes.Equal(after, bytes.Join(lines, nil)) {
		t.Fatal("failed Open modified the journal")
	}
	s2, err := Open(StoreOptions{Out: filepath.Join(dir, "annotations.jsonl"), Annotator: "amira", Salvage: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(s2.Warnings()) == 0 {
		t.Fatal("salvage gave no warnings")
	}
	va, _ := s2.Doc(docA.ID)
	vb, _ := s2.Doc(docB.ID)
	if len(va.Spans) != 1 || len(vb.Spans) != 1 {
		t.Fatalf("salvaged %d+%d spans, want 1+1", len(va.Spans), len(vb.Spans))
	}
	if g, _ := filepath.Glob(jp + ".corrupt-*"); len(g) != 1 {
		t.Fatalf("damaged journal not kept: %v", g)
	}
	s2.Close()
	s3 := openT(t, dir) // rebuilt journal is clean
	defer s3.Close()
	if len(s3.Warnings()) != 0 {
		t.Fatalf("warnings after salvage: %v", s3.Warnings())
	}
}

func readOut(t *testing.T, dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, "annotations.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFlushAtomicCrashBeforeRename(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	mustSpan(t, s, docA, "PERSON", "بوتين")
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	old := readOut(t, dir)
	mustSpan(t, s, docA, "GPE", "روسيا")
	s.hookBeforeRename = func(string) error { return errSimulatedCrash }
	if err := s.Flush(); !errors.Is(err, errSimulatedCrash) {
		t.Fatalf("Flush = %v", err)
	}
	if readOut(t, dir) != old {
		t.Fatal("Out changed although the rename never happened")
	}
	if g, _ := filepath.Glob(filepath.Join(dir, ".annotations.jsonl.tmp-*")); len(g) != 1 {
		t.Fatalf("temp files: %v", g)
	}
	crash(s)
	s2 := openT(t, dir)
	defer s2.Close()
	if g, _ := filepath.Glob(filepath.Join(dir, ".annotations.jsonl.tmp-*")); len(g) != 0 {
		t.Fatalf("stale temp not removed: %v", g)
	}
	if v, _ := s2.Doc(docA.ID); len(v.Spans) != 2 {
		t.Fatal("edit lost: journal did not carry it")
	}
	if err := s2.Flush(); err != nil || !strings.Contains(readOut(t, dir), "روسيا\"") {
		t.Fatalf("Flush after crash: %v", err)
	}
}

func TestFlushWriteFailureENOSPC(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	defer s.Close()
	mustSpan(t, s, docA, "PERSON", "بوتين")
	s.Flush()
	old := readOut(t, dir)
	mustSpan(t, s, docA, "GPE", "روسيا")
	s.hookOutWrite = func(f *os.File, b []byte) (int, error) {
		n, _ := f.Write(b[:len(b)/3])
		return n, syscall.ENOSPC
	}
	if err := s.Flush(); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Flush = %v", err)
	}
	if readOut(t, dir) != old {
		t.Fatal("Out damaged by failed flush")
	}
	if g, _ := filepath.Glob(filepath.Join(dir, ".annotations.jsonl.tmp-*")); len(g) != 0 {
		t.Fatalf("temp not cleaned: %v", g)
	}
	s.hookOutWrite = nil
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(readOut(t, dir), "روسيا") {
		t.Fatal("later Flush did not write the edit")
	}
}

func TestFlushReadOnlyDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions; covered by TestFlushWriteFailureENOSPC")
	}
	dir := t.TempDir()
	s := openT(t, dir)
	mustSpan(t, s, docA, "PERSON", "بوتين")
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	if err := s.Flush(); err == nil {
		t.Fatal("Flush into read-only dir succeeded")
	}
	os.Chmod(dir, 0o755)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestFlushRefusesBadRecord(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	defer s.Close()
	sp := mustSpan(t, s, docA, "PERSON", "بوتين")
	mustSpan(t, s, docB, "PERSON", "پوتین")
	s.Flush()
	good := readOut(t, dir)
	// A bug elsewhere corrupts memory: the check must stop it at the door.
	s.mu.Lock()
	s.hookRecord = func(r *record.Record) {
		for i := range r.Spans {
			if r.Meta.ID == docA.ID && r.Spans[i].ID == sp.ID {
				r.Spans[i].Start++
			}
		}
	}
	s.docs[docA.ID].line = nil
	s.mu.Unlock()
	mustSpan(t, s, docB, "GPE", "ژوئن")
	var fe *FlushError
	if err := s.Flush(); !errors.As(err, &fe) || !strings.Contains(err.Error(), docA.ID) {
		t.Fatalf("Flush = %v", err)
	}
	out := readOut(t, dir)
	lineA := strings.Split(good, "\n")[0]
	if !strings.Contains(out, lineA) || !strings.Contains(out, "ژوئن") {
		t.Fatalf("want previous good line for A and new line for B, got:\n%s", out)
	}
}

func TestOtherAnnotatorsPreservedAndOwnAdopted(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")
	// Another annotator's file, plus a line that is not JSON at all.
	s, _ := Open(StoreOptions{Out: out, Annotator: "reza"})
	mustSpan(t, s, docB, "PERSON", "پوتین")
	s.Close()
	f, _ := os.OpenFile(out, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("not json {\n")
	f.Close()
	reza := readOut(t, dir)

	s = openT(t, dir)
	mustSpan(t, s, docA, "PERSON", "بوتين")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	got := readOut(t, dir)
	if !strings.HasPrefix(got, reza) || strings.Count(got, "\n") != 3 {
		t.Fatalf("other lines not preserved:\n%s", got)
	}
	// Amira's journal is lost (new machine): her record is adopted from Out.
	os.RemoveAll(out + ".journal")
	s = openT(t, dir)
	defer s.Close()
	if v, ok := s.Doc(docA.ID); !ok || len(v.Spans) != 1 {
		t.Fatal("own record not adopted from Out")
	}
	mustSpan(t, s, docA, "GPE", "روسيا")
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if got := readOut(t, dir); strings.Count(got, "\n") != 3 || !strings.Contains(got, "روسيا") {
		t.Fatalf("after adopt + edit:\n%s", got)
	}
}

func TestFlushConcurrentWithEdits(t *testing.T) {
	s := openT(t, t.TempDir())
	defer s.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 20; i++ {
			if err := s.Flush(); err != nil {
				t.Error(err)
			}
			time.Sleep(time.Millisecond)
		}
	}()
	for _, w := range []string{"بوتين", "روسيا", "كييف", "كوريا", "جندي"} {
		mustSpan(t, s, docA, "GPE", w)
	}
	<-done
}

func TestFlushSkipsUnchangedAndRestoresDeletedFile(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	defer s.Close()
	mustSpan(t, s, docA, "PERSON", "بوتين")
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "annotations.jsonl")
	st1, _ := os.Stat(out)
	s.hookOutWrite = func(*os.File, []byte) (int, error) { t.Fatal("no-op Flush rewrote the file"); return 0, nil }
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	s.hookOutWrite = nil
	if st2, _ := os.Stat(out); !st2.ModTime().Equal(st1.ModTime()) {
		t.Fatal("file touched")
	}
	os.Remove(out) // someone deletes the training file while hashiya runs
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(readOut(t, dir), "بوتين") {
		t.Fatal("deleted file not rewritten")
	}
}
