package model

import (
	"strings"
	"testing"
)

func TestSample(t *testing.T) {
	c := Sample()
	defer c.Close()
	want := []string{"ar", "ar", "ar", "ar", "fa"}
	if c.Len() != len(want) {
		t.Fatalf("Len = %d, want %d", c.Len(), len(want))
	}
	if done, n, b, total := c.Indexing(); !done || n != 5 || b != total || total == 0 {
		t.Errorf("Indexing = %v %d %d %d", done, n, b, total)
	}
	if ws := c.Warnings(); len(ws) != 0 {
		t.Errorf("warnings: %v", ws)
	}
	for i, lang := range want {
		d, err := c.Load(i)
		if err != nil {
			t.Fatal(err)
		}
		if d.Lang != lang || !d.RTL() {
			t.Errorf("%s: Lang = %q, want %q", d.ID, d.Lang, lang)
		}
		if c.Title(i) != d.ID || !strings.HasPrefix(d.Source, "sample/treaty/") || d.Text.Len() < 2000 {
			t.Errorf("doc %d: title %q id %q source %q, %d runes", i, c.Title(i), d.ID, d.Source, d.Text.Len())
		}
	}
}

// «كوريا» is in the four Arabic articles; the Persian one says «کره» (Korea) with a
// Persian kaf, which the Arabic-kaf spelling must find too.
func TestSearchSample(t *testing.T) {
	c := Sample()
	defer c.Close()
	for i := 0; i < c.Len(); i++ {
		d, _ := c.Load(i)
		korea := Search(d.Text, "كوريا")
		if (len(korea) > 0) != (d.Lang == "ar") {
			t.Errorf("%s (%s): %d matches of كوريا", d.ID, d.Lang, len(korea))
		}
		for _, r := range korea {
			if got := d.Text.Slice(r.Start, r.End); got != "كوريا" {
				t.Errorf("%s: match %v is %q", d.ID, r, got)
			}
		}
		if d.Lang == "fa" {
			a, p := Search(d.Text, "كره"), Search(d.Text, "کره")
			if len(a) < 10 || len(a) != len(p) {
				t.Errorf("%s: كره %d matches, کره %d", d.ID, len(a), len(p))
			}
		}
	}
}
