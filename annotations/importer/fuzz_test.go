package importer

import (
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations/export"
	"github.com/hashiya/hashiya/annotations/record"
)

// FuzzParseLine feeds any line to every line format. A line is refused with
// reasons or gives a record that passes hashiya's own record check with
// every span on character boundaries; it never panics (parse turns a panic
// into an "internal error" message, which fails here).
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{
		`{"text":"` + arText + `","meta":{"id":"d1"},"spans":[{"start":6,"end":11,"label":"PERSON","token_start":1,"token_end":1}],"tokens":[{"text":"التقى","start":0,"end":5,"id":0},{"text":"بوتين","start":6,"end":11,"id":1}],"answer":"accept","_input_hash":-1}`,
		`{"text":"` + faText + `","id":42,"spans":[{"start":0,"end":4,"label":"ORG"}]}`,
		`{"id":7,"text":"👍🏽 👩‍💻 كَتَبَ","label":[[0,2,"X"],[3,6,"Y"]]}`,
		`{"id":"c","text":"قال بوتين إن 10 آلاف جندي","entities":[{"id":1,"label":"PERSON","start_offset":4,"end_offset":9},{"id":2,"label":"CLAIM","start_offset":13,"end_offset":25}],"relations":[{"from_id":1,"to_id":2,"type":"CLAIMANT"}]}`,
		`{"text":"x\r\ny","spans":[{"start":0,"end":2,"label":"X"}]}`,
	} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, line string, mode uint8) {
		o := Options{Annotator: "fuzz"}
		if mode%2 == 1 {
			o.Offsets = export.OffsetsUTF16
		}
		if err := o.norm(); err != nil {
			t.Fatal(err)
		}
		for _, format := range []Format{Prodigy, Doccano, Hashiya} {
			p := &parser{name: "f.jsonl", format: format, o: o, notes: map[string]int{}}
			rec, msgs := p.parse([]byte(line), 1, false)
			for _, m := range msgs {
				if strings.HasPrefix(m, "internal error") {
					t.Fatalf("%s: %s", format, m)
				}
			}
			if msgs != nil {
				continue
			}
			if probs := record.CheckRecord(rec); len(probs) > 0 {
				t.Fatalf("%s: accepted a record that does not check: %v", format, probs)
			}
			if probs := checkBoundaries(rec); len(probs) > 0 {
				t.Fatalf("%s: accepted spans off character boundaries: %v", format, probs)
			}
		}
	})
}
