package ucdfile

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestFields(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.txt")
	if err := os.WriteFile(p, []byte("# header\n\n0627 ; R ; ALEF # comment\n0628;D;BEH\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var got [][]string
	if err := Fields(p, func(f []string) { got = append(got, f) }); err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"0627", "R", "ALEF"}, {"0628", "D", "BEH"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q", got)
	}
	if r, err := CodePoint("FEFB"); err != nil || r != 0xFEFB {
		t.Fatalf("CodePoint: %v %v", r, err)
	}
	if _, err := CodePoint("110000"); err == nil {
		t.Fatal("out-of-range code point accepted")
	}
}
