package ucdfile

import (
	"fmt"
	"path/filepath"
	"strings"
)

// MaxRune is the last code point.
const MaxRune = 0x10FFFF

// Categories returns the General_Category of every code point from dir's UnicodeData.txt
// ("Cn" for the unassigned), expanding its <…, First> and <…, Last> ranges.
func Categories(dir string) ([]string, error) {
	gc := make([]string, MaxRune+1)
	for r := range gc {
		gc[r] = "Cn"
	}
	var first rune
	var bad error
	err := Fields(filepath.Join(dir, "UnicodeData.txt"), func(f []string) {
		cp, err := CodePoint(f[0])
		if err != nil || len(f) < 3 {
			bad = fmt.Errorf("UnicodeData.txt: bad line %q", strings.Join(f, ";"))
			return
		}
		lo := cp
		switch {
		case strings.HasSuffix(f[1], ", First>"):
			first = cp
			return
		case strings.HasSuffix(f[1], ", Last>"):
			lo = first
		}
		for c := lo; c <= cp; c++ {
			gc[c] = f[2]
		}
	})
	if err == nil {
		err = bad
	}
	return gc, err
}

// JoiningTypes returns the Joining_Type of every code point as its letter (U, R, L, D, C,
// T): as listed in dir's ArabicShaping.txt, otherwise T for General_Category Mn, Me and Cf
// (gc, from Categories), otherwise U (the file's header says so); and the letters of
// Joining_Group ALEF.
func JoiningTypes(dir string, gc []string) (types []byte, alefs map[rune]bool, err error) {
	types = make([]byte, MaxRune+1)
	for r, c := range gc {
		types[r] = 'U'
		if c == "Mn" || c == "Me" || c == "Cf" {
			types[r] = 'T'
		}
	}
	alefs = map[rune]bool{}
	var bad error
	err = Fields(filepath.Join(dir, "ArabicShaping.txt"), func(f []string) {
		cp, err := CodePoint(f[0])
		if err != nil || len(f) < 4 || len(f[2]) != 1 || !strings.Contains("URLDCT", f[2]) {
			bad = fmt.Errorf("ArabicShaping.txt: bad line %q", strings.Join(f, ";"))
			return
		}
		types[cp] = f[2][0]
		if f[3] == "ALEF" {
			alefs[cp] = true
		}
	})
	if err == nil {
		err = bad
	}
	return types, alefs, err
}
