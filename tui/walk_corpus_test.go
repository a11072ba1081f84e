package tui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/model"
)

// claimSentence is the one-sentence document of the claim tests.
const claimSentence = "قالت سيول إن كوريا الشمالية نشرت حوالى 10 آلاف جندي في روسيا"

// edgeDocuments are the texts most likely to break offsets, layout and word logic.
func edgeDocuments() map[string]string {
	var long strings.Builder
	words := []string{"معاهدة", "الدفاع", "المشترك", "treaty", "2024", "٣٫٥", "۱۰٬۰۰۰", "(بوتين)", "«كيم»", "وواشنطن", "مُحَمَّد", "don't", "10,000", "—", "؟"}
	for i := 0; long.Len() == 0 || len([]rune(long.String())) < 20000; i++ {
		long.WriteString(words[i%len(words)])
		long.WriteByte(' ')
	}
	longText := string([]rune(long.String())[:20000])
	return map[string]string{
		"e00_empty.txt":       "",
		"e01_one_char.txt":    "ب",
		"e02_marks_only.txt":  "\u064e\u0651\u064b\u0301\u0670",
		"e03_spaces_only.txt": "      ",
		"e04_full_stop.txt":   ".",
		"e05_crlf.txt":        "سطر أول.\r\nsecond line\r\n\r\nثالث، والأخير\r\n",
		"e06_mixed.txt": "قال بوتين (Putin) إن 10,000 جندي [ref 3.5] «نشرت» في 2024-06-19 (٣٫٥٪) و۱۰٬۰۰۰ {x} <y>.\n" +
			"\u202bembedded \u202cRLE\u200f) (עברית 12) ما يزيد عن 8 آلاف!\n\u0645\u064f\u062d\u064e\u0645\u0651\u064e\u062f\u060c\n",
		"e07_long_paragraph.txt": longText,
	}
}

// buildWalkCorpus writes the sample documents and the edge documents into dir as text
// files, adds a JSONL file with the claim sentence, and opens them as the reader would.
func buildWalkCorpus(t testing.TB, dir string) *model.Corpus {
	t.Helper()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sample := model.Sample()
	defer sample.Close()
	for i := 0; i < sample.Len(); i++ {
		d, err := sample.Load(i)
		if err != nil {
			t.Fatal(err)
		}
		write(d.ID, d.Text.String())
	}
	for name, text := range edgeDocuments() {
		write(name, text)
	}
	line, err := json.Marshal(map[string]string{"id": "claim-sentence", "text": claimSentence})
	if err != nil {
		t.Fatal(err)
	}
	write("z_claim.jsonl", string(line)+"\n")
	c, err := model.Open([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	return c
}
