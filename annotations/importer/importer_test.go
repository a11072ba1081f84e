package importer

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/export"
	"github.com/hashiya/hashiya/annotations/journal"
	"github.com/hashiya/hashiya/annotations/record"
)

func read(t *testing.T, name, content string, o Options) (*File, error) {
	t.Helper()
	return Read(strings.NewReader(content), name, o)
}

func mustRead(t *testing.T, name, content string, o Options) *File {
	t.Helper()
	f, err := read(t, name, content, o)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range f.Records {
		if p := record.CheckRecord(r); len(p) > 0 {
			t.Fatalf("record %d does not check: %v", i, p)
		}
	}
	return f
}

// spanList renders spans as "LABEL«text»[start,end)" for comparisons.
func spanList(spans []annotations.Span) string {
	var b []string
	for _, sp := range spans {
		b = append(b, fmt.Sprintf("%s«%s»[%d,%d)", sp.Label, sp.Text, sp.Start, sp.End))
	}
	return strings.Join(b, " ")
}

const (
	arText = "التقى بوتين كيم في بيونغ يانغ 🇷🇺 يوم الأربعاء"
	faText = "کتاب‌ها را به تهران بردند 👍🏽 و برگشتند"
)

func TestProdigyArabicPersianEmoji(t *testing.T) {
	in := `{"text":"` + arText + `","meta":{"id":"d1","lang":"ar","source":"wire"},` +
		`"tokens":[{"text":"التقى","start":0,"end":5,"id":0},{"text":"بوتين","start":6,"end":11,"id":1}],` +
		`"spans":[{"start":6,"end":11,"label":"PERSON","token_start":1,"token_end":1},{"start":30,"end":32,"label":"GPE","text":"🇷🇺"}],` +
		`"answer":"accept","_input_hash":-12345,"_task_hash":777,"_annotator_id":"news-alice","_session_id":"news-alice","_timestamp":1700000000}` + "\n" +
		// Persian: a span ending just before a ZWNJ, and an emoji with a skin-tone modifier.
		`{"text":"` + faText + `","id":42,"spans":[{"start":0,"end":4,"label":"ORG"},{"start":26,"end":28,"label":"EVENT"}],"answer":"reject"}` + "\n"
	f := mustRead(t, "p.jsonl", in, Options{Annotator: "sara"})
	if f.Format != Prodigy || len(f.Records) != 2 {
		t.Fatalf("format %s, %d records", f.Format, len(f.Records))
	}
	a, b := f.Records[0], f.Records[1]
	if got := spanList(a.Spans); got != "PERSON«بوتين»[6,11) GPE«🇷🇺»[30,32)" {
		t.Errorf("spans: %s", got)
	}
	if a.Meta != (record.Meta{ID: "d1", Source: "wire", Lang: "ar"}) || a.AnnotatorID != "news-alice" || a.SessionID != "news-alice" {
		t.Errorf("meta/annotator: %+v %s %s", a.Meta, a.AnnotatorID, a.SessionID)
	}
	if a.InputHash != -12345 || a.TaskHash != 777 || a.Answer != "accept" || a.Timestamp != 1700000000 {
		t.Errorf("hashes/answer/time kept: %d %d %s %d", a.InputHash, a.TaskHash, a.Answer, a.Timestamp)
	}
	if got := spanList(b.Spans); got != "ORG«کتاب»[0,4) EVENT«👍🏽»[26,28)" {
		t.Errorf("Persian spans: %s", got)
	}
	if b.Meta.ID != "42" || b.AnnotatorID != "sara" || b.SessionID != "sara-import" || b.Answer != "reject" {
		t.Errorf("defaults: id %q annotator %q session %q answer %q", b.Meta.ID, b.AnnotatorID, b.SessionID, b.Answer)
	}
	if b.InputHash == 0 || b.TaskHash == 0 {
		t.Error("hashes not made for a line without them")
	}
}

func TestProdigyLineWithoutIDIsNamedByFileAndLine(t *testing.T) {
	f := mustRead(t, "dir/tasks.jsonl", "\n"+`{"text":"hello world","spans":[],"_annotator_id":"a"}`+"\n", Options{})
	if got := f.Records[0].Meta.ID; got != "tasks.jsonl:2" {
		t.Errorf("id %q, want tasks.jsonl:2 (as the corpus reader names it)", got)
	}
}

func TestDoccanoLabelTriples(t *testing.T) {
	in := `{"id":7,"text":"` + arText + `","label":[[6,11,"PERSON"],[12,15,"PERSON"],[19,29,"GPE"]]}` + "\r\n"
	f := mustRead(t, "d.jsonl", in, Options{Annotator: "omar"})
	if f.Format != Doccano {
		t.Fatalf("format %s", f.Format)
	}
	r := f.Records[0]
	if got := spanList(r.Spans); got != "PERSON«بوتين»[6,11) PERSON«كيم»[12,15) GPE«بيونغ يانغ»[19,29)" {
		t.Errorf("spans: %s", got)
	}
	if r.Meta.ID != "7" || r.AnnotatorID != "omar" {
		t.Errorf("id %q annotator %q", r.Meta.ID, r.AnnotatorID)
	}
}

func TestDoccanoEntitiesAndClaimants(t *testing.T) {
	text := "قال بوتين إن 10 آلاف جندي وصلوا"
	in := `{"id":"c1","text":"` + text + `","user":"lina","entities":[` +
		`{"id":11,"label":"PERSON","start_offset":4,"end_offset":9},{"id":12,"label":"CLAIM","start_offset":13,"end_offset":31}],` +
		`"relations":[{"id":1,"from_id":11,"to_id":12,"type":"CLAIMANT"},{"id":2,"from_id":12,"to_id":11,"type":"SAID_BY"}]}` + "\n"
	f := mustRead(t, "d.jsonl", in, Options{})
	r := f.Records[0]
	if got := spanList(r.Spans); got != "PERSON«بوتين»[4,9)" {
		t.Errorf("spans: %s", got)
	}
	if len(r.Claims) != 1 {
		t.Fatalf("claims: %+v", r.Claims)
	}
	c := r.Claims[0]
	if c.Span.Text != "10 آلاف جندي وصلوا" || c.Claimant.SpanID != r.Spans[0].ID || c.Attribution != annotations.AttrAsserted {
		t.Errorf("claim: %+v", c)
	}
	if c.Numeric == nil || c.Numeric.Value != 10000 {
		t.Errorf("claim number not found as the reader finds it: %+v", c.Numeric)
	}
	if r.AnnotatorID != "lina" {
		t.Errorf("annotator %q", r.AnnotatorID)
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0], "not imported (1 line(s))") {
		t.Errorf("the SAID_BY relation should be reported as not imported: %v", f.Warnings)
	}
}

func TestUTF16OffsetsConvertExactly(t *testing.T) {
	// 🇷🇺 is two astral code points (four UTF-16 units); بوتين after it.
	text := "🇷🇺 بوتين 👍🏽 كيم"
	cp := map[string][2]int{"🇷🇺": {0, 2}, "بوتين": {3, 8}, "👍🏽": {9, 11}, "كيم": {12, 15}}
	u16 := map[string][2]int{"🇷🇺": {0, 4}, "بوتين": {5, 10}, "👍🏽": {11, 15}, "كيم": {16, 19}}
	line := func(m map[string][2]int) string {
		var ls []string
		for _, w := range []string{"🇷🇺", "بوتين", "👍🏽", "كيم"} {
			ls = append(ls, fmt.Sprintf("[%d,%d,\"X\"]", m[w][0], m[w][1]))
		}
		return `{"id":"u","text":"` + text + `","label":[` + strings.Join(ls, ",") + `]}`
	}
	want := "X«🇷🇺»[0,2) X«بوتين»[3,8) X«👍🏽»[9,11) X«كيم»[12,15)"
	for _, tc := range []struct {
		offsets string
		m       map[string][2]int
	}{{export.OffsetsUTF16, u16}, {export.OffsetsCodepoint, cp}, {"", cp}} {
		f := mustRead(t, "u.jsonl", line(tc.m), Options{Offsets: tc.offsets, Annotator: "a"})
		if got := spanList(f.Records[0].Spans); got != want {
			t.Errorf("%q: %s, want %s", tc.offsets, got, want)
		}
	}
	// Inside the surrogate pair of 🇷 (units 0-1): an error, not rounding.
	_, err := read(t, "u.jsonl", `{"id":"u","text":"`+text+`","label":[[1,4,"X"]]}`, Options{Offsets: export.OffsetsUTF16, Annotator: "a"})
	wantErr(t, err, "u.jsonl:1: label[0] [1,4): UTF-16 offset 1 is inside a surrogate pair")
}

// TestUTF16RoundTripThroughExport exports records with UTF-16 offsets the way
// hashiya export --format doccano --offsets utf16 does and reads them back.
func TestUTF16RoundTripThroughExport(t *testing.T) {
	text := "📢 قال 🇮🇷 نخست‌وزیر 👍🏽\r\nدر تهران"
	var spans []annotations.Span
	for i, w := range []string{"🇮🇷", "نخست‌وزیر", "تهران"} {
		s, e := find(t, text, w)
		spans = append(spans, annotations.Span{ID: fmt.Sprintf("s%d", i+1), Start: s, End: e, Label: "GPE", Text: w})
	}
	rec, err := journal.RecordFromParts(annotations.DocInfo{ID: "rt", Text: text}, spans, nil, "", "a", "a-1", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, unit := range []string{export.OffsetsUTF16, export.OffsetsCodepoint} {
		var b strings.Builder
		if err := export.Export(&b, []record.Record{rec}, export.FormatDoccano, export.ExportOptions{Offsets: unit}); err != nil {
			t.Fatal(err)
		}
		f := mustRead(t, "x.jsonl", b.String(), Options{Offsets: unit})
		if got, want := spanList(f.Records[0].Spans), spanList(rec.Spans); got != want {
			t.Errorf("%s: %s, want %s", unit, got, want)
		}
	}
}

func find(t *testing.T, text, sub string) (int, int) {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in %q", sub, text)
	}
	s := annotations.CodePointLen(text[:i])
	return s, s + annotations.CodePointLen(sub)
}

func wantErr(t *testing.T, err error, want string) *Error {
	t.Helper()
	var ie *Error
	if !errors.As(err, &ie) {
		t.Fatalf("error %v, want an *Error with %q", err, want)
	}
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("error\n%v\nwant it to say %q", err, want)
	}
	return ie
}

func TestDetection(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{`{"text":"a b","spans":[]}`, "prodigy"},
		{`{"text":"a b","answer":"accept"}`, "prodigy"},
		{`{"text":"a b","label":[[0,1,"X"]]}`, "doccano"},
		{`{"text":"a b","entities":[]}`, "doccano"},
		{`{"text":"a b","label":"POSITIVE","spans":[]}`, "prodigy"}, // Prodigy textcat: label is a string
	} {
		f, err := read(t, "f.jsonl", "\n\n"+tc.line+"\n", Options{Annotator: "a"})
		if err != nil {
			t.Fatalf("%s: %v", tc.line, err)
		}
		if string(f.Format) != tc.want {
			t.Errorf("%s: detected %s, want %s", tc.line, f.Format, tc.want)
		}
	}
	_, err := read(t, "f.jsonl", "\n"+`{"text":"a b"}`+"\n", Options{Annotator: "a"})
	wantErr(t, err, "f.jsonl:2: cannot tell the format")
	_, err = read(t, "f.jsonl", "{oops\n", Options{})
	wantErr(t, err, "f.jsonl:1: bad JSON, so the format cannot be told")
	// Forced, the same line is a Prodigy task without annotations.
	if f, err := read(t, "f.jsonl", `{"text":"a b"}`, Options{Annotator: "a", Format: Prodigy}); err != nil || len(f.Records) != 1 {
		t.Errorf("forced prodigy: %v", err)
	}
	// A line of another format in the middle of a file.
	_, err = read(t, "f.jsonl", `{"text":"a b","spans":[]}`+"\n"+`{"text":"a b","label":[[0,1,"X"]]}`+"\n", Options{Annotator: "a"})
	wantErr(t, err, "f.jsonl:2: this line looks like doccano, the file is prodigy")
	// An empty file imports nothing, without error.
	if f, err := read(t, "f.jsonl", "\n \r\n", Options{}); err != nil || len(f.Records) != 0 {
		t.Errorf("empty file: %v %v", f, err)
	}
}

func TestCRLFFileAndText(t *testing.T) {
	text := `سطر أول\r\nبوتين`
	in := `{"text":"` + text + `","spans":[{"start":9,"end":14,"label":"PERSON","text":"بوتين"}],"_annotator_id":"a"}` + "\r\n" +
		`{"text":"x\r\ny","meta":{"id":"2"},"spans":[{"start":0,"end":1,"label":"X"},{"start":3,"end":4,"label":"X"}],"_annotator_id":"a"}` + "\r\n"
	f := mustRead(t, "crlf.jsonl", in, Options{})
	if got := spanList(f.Records[0].Spans); got != "PERSON«بوتين»[9,14)" {
		t.Errorf("spans after CRLF: %s", got)
	}
	// A span ending between CR and LF cuts the line break in two.
	_, err := read(t, "crlf.jsonl", `{"text":"x\r\ny","spans":[{"start":0,"end":2,"label":"X"}],"_annotator_id":"a"}`+"\r\n", Options{})
	wantErr(t, err, `crlf.jsonl:1: spans[0] [0,2): offset 2 is inside the character "\r\n"`)
}

func TestCombiningMarkCutFromItsBase(t *testing.T) {
	text := "كَتَبَ الوزيرُ" // every letter with its haraka
	_, err := read(t, "m.jsonl", `{"text":"`+text+`","spans":[{"start":0,"end":3,"label":"X"}],"_annotator_id":"a"}`, Options{})
	wantErr(t, err, `m.jsonl:1: spans[0] [0,3): offset 3 is inside the character "تَ"`)
	// With the haraka, the same word is fine.
	f := mustRead(t, "m.jsonl", `{"text":"`+text+`","spans":[{"start":0,"end":6,"label":"X"}],"_annotator_id":"a"}`, Options{})
	if f.Records[0].Spans[0].Text != "كَتَبَ" {
		t.Errorf("span %q", f.Records[0].Spans[0].Text)
	}
	// An emoji's skin-tone modifier and a ZWJ sequence are one character too.
	_, err = read(t, "m.jsonl", `{"text":"👍🏽 👩‍💻","label":[[0,1,"X"]]}`, Options{Annotator: "a"})
	wantErr(t, err, `m.jsonl:1: label[0] [0,1): offset 1 is inside the character "👍🏽"`)
	_, err = read(t, "m.jsonl", `{"text":"👍🏽 👩‍💻","label":[[3,5,"X"]]}`, Options{Annotator: "a"})
	wantErr(t, err, `offset 5 is inside the character "👩\u200d💻"`)
}

// TestEveryErrorNamesFileAndLine runs each error path on line 2 of a file
// whose line 1 is good, and checks that the file imports nothing.
func TestEveryErrorNamesFileAndLine(t *testing.T) {
	good := map[Format]string{
		Prodigy: `{"text":"hello world","meta":{"id":"g"},"spans":[{"start":0,"end":5,"label":"X"}],"_annotator_id":"a"}`,
		Doccano: `{"id":"g","text":"hello world","label":[[0,5,"X"]],"annotator":"a"}`,
	}
	hw := func(rest string) string { return `{"text":"hello world",` + rest + `}` }
	cases := []struct {
		name   string
		format Format
		line   string
		want   string
	}{
		{"bad JSON", Prodigy, `{"text":"hello`, "bad JSON"},
		{"wrong type", Prodigy, hw(`"spans":"none"`), "wrong type"},
		{"no text", Prodigy, `{"spans":[]}`, `no "text" field`},
		{"id not string or number", Prodigy, hw(`"id":[1],"spans":[],"_annotator_id":"a"`), "id [1] is not a string or a number"},
		{"no annotator", Prodigy, hw(`"spans":[]`), "no annotator"},
		{"bad answer", Prodigy, hw(`"spans":[],"answer":"maybe","_annotator_id":"a"`), `answer "maybe" is not accept, reject or ignore`},
		{"hash too big", Prodigy, hw(`"spans":[],"_input_hash":9999999999,"_annotator_id":"a"`), "hash 9999999999 does not fit Prodigy's 32-bit hashes"},
		{"token text", Prodigy, hw(`"tokens":[{"text":"help","start":0,"end":5,"id":0}],"spans":[],"_annotator_id":"a"`), `tokens[0] [0,5): text[start:end] is "hello", the span's text is "help"`},
		{"token id", Prodigy, hw(`"tokens":[{"text":"hello","start":0,"end":5,"id":3}],"spans":[],"_annotator_id":"a"`), "tokens[0]: id 3, want 0"},
		{"span without end", Prodigy, hw(`"spans":[{"start":0,"label":"X"}],"_annotator_id":"a"`), "spans[0]: start and end are required"},
		{"span outside", Prodigy, hw(`"spans":[{"start":6,"end":40,"label":"X"}],"_annotator_id":"a"`), "spans[0] [6,40): offsets outside the text of 11 code points"},
		{"empty span", Prodigy, hw(`"spans":[{"start":3,"end":3,"label":"X"}],"_annotator_id":"a"`), "spans[0] [3,3): empty span"},
		{"span text", Prodigy, hw(`"spans":[{"start":0,"end":5,"label":"X","text":"world"}],"_annotator_id":"a"`), `spans[0] [0,5): text[start:end] is "hello", the span's text is "world"`},
		{"empty label", Prodigy, hw(`"spans":[{"start":0,"end":5,"label":""}],"_annotator_id":"a"`), "spans[0] [0,5): empty label"},
		{"token range", Prodigy, hw(`"tokens":[{"text":"hello","start":0,"end":5,"id":0},{"text":"world","start":6,"end":11,"id":1}],"spans":[{"start":0,"end":5,"label":"X","token_start":1,"token_end":1}],"_annotator_id":"a"`), "spans[0] [0,5): tokens 1..1 [6,11) do not hold the span"},
		{"token range out", Prodigy, hw(`"tokens":[{"text":"hello","start":0,"end":5,"id":0}],"spans":[{"start":0,"end":5,"label":"X","token_start":0,"token_end":4}],"_annotator_id":"a"`), "spans[0] [0,5): token_start 0 / token_end 4 out of range (1 tokens)"},
		{"token half", Prodigy, hw(`"spans":[{"start":0,"end":5,"label":"X","token_start":0}],"_annotator_id":"a"`), "spans[0] [0,5): token_start and token_end go together"},
		{"two labels one extent", Prodigy, hw(`"spans":[{"start":0,"end":5,"label":"X"},{"start":0,"end":5,"label":"Y"}],"_annotator_id":"a"`), "spans[1] s2 [0,5): two labels on one extent, Y here and X on spans[0] s1"},
		{"same document twice", Prodigy, `{"text":"hello world","meta":{"id":"g"},"spans":[],"_annotator_id":"a"}`, `second line for document "g" by "a" (first on line 1)`},
		{"invalid UTF-8", Prodigy, "{\"text\":\"hel\xfflo\",\"spans\":[],\"_annotator_id\":\"a\"}", "not valid UTF-8 (byte 13)"},
		{"lone surrogate", Prodigy, `{"text":"hello \ud83d","spans":[],"_annotator_id":"a"}`, `a lone UTF-16 surrogate escape \ud83d (byte 16)`},
		{"offset unit", Doccano, hw(`"id":"2","label":[],"offset_unit":"utf16","annotator":"a"`), `the line says offset_unit "utf16" but offsets are read as codepoint; import it with --offsets utf16`},
		{"label not a triple", Doccano, hw(`"id":"2","label":[[0,5]],"annotator":"a"`), `label[0] is [0,5], not [start, end, "LABEL"]`},
		{"label and entities", Doccano, hw(`"id":"2","label":[[0,5,"X"]],"entities":[{"id":1,"label":"X","start_offset":6,"end_offset":11}],"annotator":"a"`), "label and entities disagree"},
		{"relations alone", Doccano, hw(`"id":"2","label":[[0,5,"X"]],"relations":[{"from_id":1,"to_id":2,"type":"R"}],"annotator":"a"`), "relations without entities"},
		{"relation to nothing", Doccano, hw(`"id":"2","entities":[{"id":1,"label":"X","start_offset":0,"end_offset":5}],"relations":[{"from_id":1,"to_id":9,"type":"CLAIMANT"}],"annotator":"a"`), "relations[0]: from_id 1 / to_id 9: no such entity"},
		{"entity id twice", Doccano, hw(`"id":"2","entities":[{"id":1,"label":"X","start_offset":0,"end_offset":5},{"id":1,"label":"Y","start_offset":6,"end_offset":11}],"annotator":"a"`), "entities[1] [6,11): entity id 1 used twice"},
		{"second claimant", Doccano, hw(`"id":"2","entities":[{"id":1,"label":"X","start_offset":0,"end_offset":5},{"id":2,"label":"Y","start_offset":6,"end_offset":11},{"id":3,"label":"CLAIM","start_offset":0,"end_offset":11}],"relations":[{"from_id":1,"to_id":3,"type":"CLAIMANT"},{"from_id":2,"to_id":3,"type":"CLAIMANT"}],"annotator":"a"`), `relations[1]: claim "hello world" has a second claimant`},
		{"doccano outside", Doccano, hw(`"id":"2","label":[[0,12,"X"]],"annotator":"a"`), "label[0] [0,12): offsets outside the text of 11 code points"},
		{"white space span", Doccano, hw(`"id":"2","label":[[5,6,"X"]],"annotator":"a"`), `label[0] [5,6): the span covers only white space " "`},
		{"doccano empty label", Doccano, hw(`"id":"2","label":[[0,5,""]],"annotator":"a"`), "label[0] [0,5): empty label"},
		{"doccano no text", Doccano, `{"id":"2","label":[]}`, `no "text" field`},
		{"doccano no annotator", Doccano, hw(`"id":"2","label":[]`), "no annotator"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := read(t, "f.jsonl", good[tc.format]+"\n"+tc.line+"\n", Options{Format: tc.format})
			ie := wantErr(t, err, "f.jsonl:2: "+tc.want)
			for _, p := range ie.Problems {
				if p.Line != 2 || p.File != "f.jsonl" {
					t.Errorf("problem on the wrong line: %v", p)
				}
			}
		})
	}
	// UTF-16 errors need --offsets utf16.
	_, err := read(t, "f.jsonl", good[Doccano]+"\n"+hw(`"id":"2","label":[[0,30,"X"]],"annotator":"a"`)+"\n", Options{Offsets: export.OffsetsUTF16})
	wantErr(t, err, "f.jsonl:2: label[0] [0,30): offsets outside the text of 11 UTF-16 units")
	_, err = read(t, "f.jsonl", good[Doccano], Options{Offsets: "bytes"})
	if err == nil || !strings.Contains(err.Error(), `unknown offset unit "bytes"`) {
		t.Errorf("bad --offsets: %v", err)
	}
	_, err = read(t, "f.jsonl", good[Doccano], Options{Format: "csv"})
	if err == nil || !strings.Contains(err.Error(), `unknown input format "csv"`) {
		t.Errorf("bad --format: %v", err)
	}
}

func TestOneBadLineImportsNothing(t *testing.T) {
	var lines []string
	for i := range 5 {
		lines = append(lines, fmt.Sprintf(`{"text":"بوتين و كيم","meta":{"id":"d%d"},"spans":[{"start":0,"end":5,"label":"PERSON"}],"_annotator_id":"a"}`, i))
	}
	lines[3] = `{"text":"بوتين و كيم","meta":{"id":"d3"},"spans":[{"start":0,"end":4,"label":"PERSON","text":"بوتين"}],"_annotator_id":"a"}`
	f, err := read(t, "five.jsonl", strings.Join(lines, "\n"), Options{})
	ie := wantErr(t, err, `five.jsonl:4: spans[0] [0,4): text[start:end] is "بوتي", the span's text is "بوتين"`)
	if f != nil || len(ie.Problems) != 1 {
		t.Errorf("records %v, problems %v: want none and one", f, ie.Problems)
	}
	if !strings.HasPrefix(err.Error(), "five.jsonl: 1 problem(s); nothing imported from it") {
		t.Errorf("message: %v", err)
	}
}

func TestReadErrorNamesTheLine(t *testing.T) {
	good := `{"text":"hello world","meta":{"id":"g"},"spans":[],"_annotator_id":"a"}` + "\n"
	r := io.MultiReader(strings.NewReader(good+good[:10]), iotest.ErrReader(errors.New("disk gone")))
	_, err := Read(r, "io.jsonl", Options{})
	wantErr(t, err, "io.jsonl:2: disk gone")
}

func TestSurrogateEscapes(t *testing.T) {
	// A pair is one character (😀), an escaped backslash is not an escape.
	f := mustRead(t, "s.jsonl", `{"text":"\ud83d\ude00 \\ud83d x","spans":[{"start":0,"end":1,"label":"X","text":"😀"}],"_annotator_id":"a"}`, Options{})
	if got := f.Records[0].Text; got != `😀 \ud83d x` {
		t.Errorf("text %q", got)
	}
	for _, line := range []string{`"\ude00"`, `"\ud83d\u0041"`, `"x\\\ud83d"`} {
		if at, ok := loneSurrogate([]byte(line)); !ok {
			t.Errorf("%s: lone surrogate not found", line)
		} else if !strings.HasPrefix(line[at:], `\u`) {
			t.Errorf("%s: found at %d", line, at)
		}
	}
}

func TestLinesOfAnyLength(t *testing.T) {
	// 4 MB on one line: more than bufio.Scanner's default limit and the reader's buffer.
	long := strings.Repeat("ك", 2<<20) + " "
	in := `{"text":"` + long + `بوتين","spans":[{"start":2097153,"end":2097158,"label":"PERSON"}],"_annotator_id":"a"}`
	f := mustRead(t, "long.jsonl", in, Options{})
	if got := f.Records[0].Spans[0].Text; got != "بوتين" {
		t.Errorf("span %q", got)
	}
}

func TestHashiyaRecordsAreCheckedToo(t *testing.T) {
	rec, err := journal.RecordFromParts(annotations.DocInfo{ID: "h", Text: "كَتَبَ الوزيرُ"},
		[]annotations.Span{{ID: "s1", Start: 0, End: 6, Label: "X", Text: "كَتَبَ"}}, nil, "accept", "a", "a-1", 1000)
	if err != nil {
		t.Fatal(err)
	}
	line := marshal(t, rec)
	f := mustRead(t, "h.jsonl", line+"\n", Options{})
	if f.Format != Hashiya || spanList(f.Records[0].Spans) != spanList(rec.Spans) || f.Records[0].Answer != "accept" {
		t.Fatalf("%s %+v", f.Format, f.Records)
	}
	bad := strings.Replace(line, `"text_sha256":"`, `"text_sha256":"0`, 1)
	_, err = read(t, "h.jsonl", line+"\n"+bad+"\n", Options{})
	wantErr(t, err, "h.jsonl:2: text_sha256")
	// Lines that are not records: each named once, with its number.
	ie := wantErr(t, read2(t, "h.jsonl", line+"\n\n{oops\n"+`{"text":"a b","spans":[]}`+"\n"), "h.jsonl:3: bad JSON")
	if len(ie.Problems) < 2 || ie.Problems[0].Line != 3 || ie.Problems[1].Line != 4 || !strings.Contains(ie.Problems[1].Msg, "missing required fields") || strings.Count(ie.Error(), "bad JSON") != 1 {
		t.Errorf("problems: %v", ie.Problems)
	}
	// A span cut inside a character passes CheckRecord but not the import.
	cut := rec
	cut.Meta.ID = "h2"
	cut.Spans = []annotations.Span{{ID: "s1", Start: 0, End: 1, Label: "X", Text: "ك", TokenStart: 0, TokenEnd: 0}}
	_, err = read(t, "h.jsonl", line+"\n"+marshal(t, cut)+"\n", Options{})
	wantErr(t, err, `h.jsonl:2: spans[0] s1 [0,1): offset 1 is inside the character "كَ"`)
}

func read2(t *testing.T, name, content string) error {
	t.Helper()
	_, err := Read(strings.NewReader(content), name, Options{})
	return err
}
