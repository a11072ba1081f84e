package ucdfile

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
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

func TestCategoriesAndJoiningTypes(t *testing.T) {
	dir := t.TempDir()
	data := "0627;ARABIC LETTER ALEF;Lo;0;AL;;;;;N;;;;;\n064E;ARABIC FATHA;Mn;230;NSM;;;;;N;;;;;\n" +
		"4E00;<CJK Ideograph, First>;Lo;0;L;;;;;N;;;;;\n9FFF;<CJK Ideograph, Last>;Lo;0;L;;;;;N;;;;;\n"
	shaping := "0627; ALEF; R; ALEF\n"
	for name, text := range map[string]string{"UnicodeData.txt": data, "ArabicShaping.txt": shaping} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gc, err := Categories(dir)
	if err != nil {
		t.Fatal(err)
	}
	if gc[0x0627] != "Lo" || gc[0x064E] != "Mn" || gc[0x7000] != "Lo" || gc[0xA000] != "Cn" {
		t.Fatalf("categories: %s %s %s %s", gc[0x0627], gc[0x064E], gc[0x7000], gc[0xA000])
	}
	jt, alefs, err := JoiningTypes(dir, gc)
	if err != nil {
		t.Fatal(err)
	}
	if jt[0x0627] != 'R' || jt[0x064E] != 'T' || jt['a'] != 'U' || !alefs[0x0627] {
		t.Fatalf("joining types: %c %c %c, alefs %v", jt[0x0627], jt[0x064E], jt['a'], alefs)
	}
	if err := os.WriteFile(filepath.Join(dir, "ArabicShaping.txt"), []byte("0627; ALEF; X; ALEF\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := JoiningTypes(dir, gc); err == nil || !strings.Contains(err.Error(), "ArabicShaping.txt") {
		t.Fatalf("bad joining type: err %v", err)
	}
}
