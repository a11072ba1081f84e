package journal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// fileLock is an exclusive flock(2) on "<out>.lock". flock locks belong to
// the open file description, so a second Open in the same process is refused
// just like one in another process, and the kernel drops the lock when the
// holder dies (no stale lock files to clean up).
type fileLock struct{ f *os.File }

func acquireLock(out string) (*fileLock, error) {
	path := out + ".lock"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			who := strings.TrimSpace(string(holder))
			if who == "" {
				who = "pid unknown"
			}
			return nil, fmt.Errorf("%s is in use by another hashiya (%s); close it first", filepath.Base(out), who)
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	// Record who holds it, for the message above. Best effort.
	host, _ := os.Hostname()
	info := fmt.Sprintf("pid %d on %s, since %s", os.Getpid(), host, time.Now().Format("2006-01-02 15:04:05"))
	if f.Truncate(0) == nil {
		f.WriteAt([]byte(info+"\n"), 0)
	}
	return &fileLock{f: f}, nil
}

func (l *fileLock) release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}
