package main

import (
	"fmt"
	"os"
)

// exportGuard knows the input file by identity (device and inode), so an
// output that reaches it under another name - a symlink, a hard link, a
// different spelling of the path - is refused as surely as the same path.
type exportGuard struct {
	in   string
	info os.FileInfo
}

func inputGuard(f *os.File, name string) (exportGuard, error) {
	st, err := f.Stat()
	if err != nil {
		return exportGuard{}, err
	}
	return exportGuard{in: name, info: st}, nil
}

func (g exportGuard) same(st os.FileInfo) bool { return os.SameFile(g.info, st) }

// check refuses path if it is the input; a path that does not exist yet is fine.
func (g exportGuard) check(path string) error {
	if st, err := os.Stat(path); err == nil && g.same(st) {
		return fmt.Errorf("refusing to write %s: it is the input %s", path, g.in)
	}
	return nil
}
