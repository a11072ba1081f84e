// Package ucdfile reads the semicolon-separated files of the Unicode Character Database
// for the table generators (go generate), so every generator parses them one way.
package ucdfile

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Fields calls fn with the trimmed fields of every data line of path; comments (after
// '#') and blank lines are skipped.
func Fields(path string, fn func(fields []string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if strings.TrimSpace(line) == "" {
			continue
		}
		fields := strings.Split(line, ";")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		fn(fields)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// CodePoint parses a hexadecimal code point such as "0627".
func CodePoint(s string) (rune, error) {
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil || v > 0x10FFFF {
		return 0, fmt.Errorf("bad code point %q", s)
	}
	return rune(v), nil
}
