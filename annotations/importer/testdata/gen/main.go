// Command gen writes the release test data of package importer: a training
// file and its journals made by this release's Store on the sample corpus,
// the way the reader makes them. Run it from the importer directory:
//
//	go run ./testdata/gen
//
// and commit testdata/release. Do not rerun it once the Store has changed:
// the files stand for what an earlier release left on users' disks.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/journal"
	"github.com/hashiya/hashiya/model"
)

func main() {
	dir := flag.String("out", "testdata/release", "directory to write annotations.jsonl and its journal into")
	flag.Parse()
	if err := os.RemoveAll(*dir); err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		log.Fatal(err)
	}
	out := filepath.Join(*dir, "annotations.jsonl")
	c := model.Sample()
	defer c.Close()
	d0, d3 := doc(c, 0), doc(c, 3)

	// carol's records reach the file, then her journal is gone (a training
	// file copied from another machine): the file alone holds her work.
	carol := open(out, "carol")
	span(carol, d0, "PERSON", "فلاديمير بوتين")
	must(carol.SetAnswer(d0.ID, annotations.AnswerAccept))
	must(carol.Close())
	must(os.Remove(filepath.Join(out+".journal", "carol.jsonl")))

	// bob: spans, a claim with its claimant, answers; closed cleanly, then
	// an interrupted append left half a line at the end of his journal.
	bob := open(out, "bob")
	p := span(bob, d0, "PERSON", "بوتين")
	span(bob, d0, "GPE", "كوريا الشمالية")
	claim(bob, d0, "جنودا كوريين شماليين على وشك الانضمام إلى القوات الروسية", p)
	span(bob, d3, "NORP", "الروسي")
	must(bob.SetAnswer(d0.ID, annotations.AnswerAccept))
	must(bob.SetAnswer(d3.ID, annotations.AnswerIgnore))
	must(bob.Close())
	jb := filepath.Join(out+".journal", "bob.jsonl")
	f, err := os.OpenFile(jb, os.O_APPEND|os.O_WRONLY, 0)
	must(err)
	_, err = f.WriteString(`{"v":1,"seq":99,"crc":"0000`)
	must(err)
	must(f.Close())

	// alice: spans, a boilerplate region, resize, remove and undo, claims
	// linked across documents; the file is written, then more edits reach
	// only the journal (the reader was killed before its next write).
	alice := open(out, "alice")
	a := span(alice, d0, "PERSON", "بوتين")
	span(alice, d0, "LAW", "معاهدة الدفاع المشترك")
	kp := span(alice, d0, "GPE", "كييف")
	_, err = alice.ResizeSpan(d0.ID, kp.ID, kp.Start, kp.End+7) // كييف وواشنطن
	must(err)
	gone := span(alice, d0, "DATE", "10th, November 2024")
	must(alice.RemoveSpan(d0.ID, gone.ID))
	must(alice.Undo(d0.ID))
	bp := strings.Index(d0.Text, "كما يلزم")
	s := annotations.CodePointLen(d0.Text[:bp])
	_, err = alice.AddSpan(d0, "BOILERPLATE", s, s+annotations.CodePointLen("كما يلزم"))
	must(err)
	c0 := claim(alice, d0, "جنودا كوريين شماليين على وشك الانضمام إلى القوات الروسية", a)
	q := span(alice, d3, "ORG", "الولايات المتحدة")
	c3 := claim(alice, d3, "استعداد أكثر من 8 آلاف جندي كوري للقتال في أوكرانيا", q)
	must(alice.LinkClaims(d0.ID, c0.ID, d3.ID, c3.ID, annotations.RelRefines))
	must(alice.SetAnswer(d0.ID, annotations.AnswerAccept))
	must(alice.Flush())
	span(alice, d3, "PERSON", "بوتين")
	must(alice.SetAnswer(d3.ID, annotations.AnswerReject))
	// No Close: the process ends with the journal ahead of the file.
	for _, l := range []string{out + ".lock"} {
		os.Remove(l)
	}
	fmt.Println("wrote", *dir)
}

func doc(c *model.Corpus, i int) annotations.DocInfo {
	d, err := c.Load(i)
	must(err)
	return annotations.DocInfo{ID: d.ID, Text: d.Text.String(), Source: d.Source, Lang: d.Lang}
}

func open(out, who string) *journal.Store {
	st, err := journal.Open(journal.StoreOptions{Out: out, Annotator: who, Session: who + "-2026-11-30"})
	must(err)
	return st
}

func at(d annotations.DocInfo, w string) (int, int) {
	i := strings.Index(d.Text, w)
	if i < 0 {
		log.Fatalf("%q not in %s", w, d.ID)
	}
	s := annotations.CodePointLen(d.Text[:i])
	return s, s + annotations.CodePointLen(w)
}

func span(st *journal.Store, d annotations.DocInfo, label, w string) annotations.Span {
	s, e := at(d, w)
	sp, err := st.AddSpan(d, label, s, e)
	must(err)
	return sp
}

func claim(st *journal.Store, d annotations.DocInfo, w string, claimant annotations.Span) annotations.Claim {
	s, e := at(d, w)
	c, err := st.AddClaim(d, s, e)
	must(err)
	c.Claimant = annotations.Claimant{SpanID: claimant.ID}
	c.Attribution = annotations.AttrAttributed
	c.Checkworthy = true
	c, err = st.UpdateClaim(d.ID, c)
	must(err)
	return c
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
