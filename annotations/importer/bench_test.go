package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/journal"
)

// benchLines is n Prodigy lines of about 1,000 code points with three spans
// each, and the same documents as hashiya records.
func benchLines(b *testing.B, n int) (prodigy, hashiya []byte) {
	words := strings.Fields("بوتين كيم موسكو بيونج يانج معاهدة الدفاع المشترك كوريا الشمالية وقع الرئيس الروسي جندي آلاف")
	var p, h bytes.Buffer
	for i := range n {
		var ws []string
		for j := range 180 {
			ws = append(ws, words[(i+j*7)%len(words)])
		}
		text := strings.Join(ws, " ")
		var spans []annotations.Span
		var ps []string
		for k, j := range []int{3, 60, 150} {
			s := annotations.CodePointLen(strings.Join(ws[:j], " ") + " ")
			e := s + annotations.CodePointLen(ws[j])
			spans = append(spans, annotations.Span{ID: fmt.Sprintf("s%d", k+1), Start: s, End: e, Label: "PERSON", Text: ws[j]})
			ps = append(ps, fmt.Sprintf(`{"start":%d,"end":%d,"label":"PERSON"}`, s, e))
		}
		fmt.Fprintf(&p, `{"text":%q,"meta":{"id":"d%d"},"spans":[%s],"answer":"accept","_annotator_id":"a"}`+"\n", text, i, strings.Join(ps, ","))
		rec, err := journal.RecordFromParts(annotations.DocInfo{ID: fmt.Sprintf("d%d", i), Text: text}, spans, nil, "accept", "a", "a-1", 0)
		if err != nil {
			b.Fatal(err)
		}
		h.WriteString(mustJSON(b, rec) + "\n")
	}
	return p.Bytes(), h.Bytes()
}

func mustJSON(b *testing.B, v any) string {
	var buf bytes.Buffer
	if err := jsonEncode(&buf, v); err != nil {
		b.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

func BenchmarkRead(b *testing.B) {
	p, h := benchLines(b, 1000)
	for _, tc := range []struct {
		name string
		data []byte
	}{{"prodigy", p}, {"hashiya", h}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.data)))
			for b.Loop() {
				f, err := Read(bytes.NewReader(tc.data), "bench.jsonl", Options{})
				if err != nil || len(f.Records) != 1000 {
					b.Fatal(err)
				}
			}
		})
	}
}

func jsonEncode(w *bytes.Buffer, v any) error {
	e := json.NewEncoder(w)
	e.SetEscapeHTML(false)
	return e.Encode(v)
}
