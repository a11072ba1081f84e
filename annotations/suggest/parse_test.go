package suggest

import (
	"errors"
	"strings"
	"testing"
)

func TestParseSkipsUnsupportedAttributesNotTheFile(t *testing.T) {
	file := strings.Join([]string{
		`{"label":"GPE","pattern":"موسكو"}`,
		`{"label":"PERSON","pattern":[{"POS":"PROPN"}]}`,
		``,
		`{"label":"X","pattern":[{"LOWER":"a"},{"LEMMA":"be"}]}`,
		`{"label":"X","pattern":[{"TAG":"NN"}]}`,
		`{"label":"X","pattern":[{"DEP":"nsubj"}]}`,
		`{"label":"X","pattern":[{"MORPH":"Number=Sing"}]}`,
		`{"label":"X","pattern":[{"ENT_TYPE":"GPE"}]}`,
		`{"label":"X","pattern":[{"_":{"is_name":true}}]}`,
		`{"label":"X","pattern":[{"SHAPE":"Xxxx"}]}`,
		`{"label":"ORG","pattern":[{"LOWER":"nato"}],"id":"nato"}`,
	}, "\n")
	ps, warns, err := Parse(strings.NewReader(file), "dir/ents.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || ps[0].Line != 1 || ps[1].Line != 11 || ps[1].Ref() != "nato" || ps[0].Ref() != "ents.jsonl:1" {
		t.Fatalf("patterns %+v", ps)
	}
	want := []string{"dir/ents.jsonl:2: token 1: attribute POS", "dir/ents.jsonl:4: token 2: attribute LEMMA", "dir/ents.jsonl:5: token 1: attribute TAG",
		"dir/ents.jsonl:6: token 1: attribute DEP", "dir/ents.jsonl:7: token 1: attribute MORPH", "dir/ents.jsonl:8: token 1: attribute ENT_TYPE",
		"dir/ents.jsonl:9: token 1: attribute _", "dir/ents.jsonl:10: token 1: attribute SHAPE"}
	if len(warns) != len(want) {
		t.Fatalf("warnings %v", warns)
	}
	for i, w := range warns {
		if !strings.HasPrefix(w.String(), want[i]) || !strings.Contains(w.String(), "not supported") || !strings.HasSuffix(w.String(), "pattern skipped") {
			t.Errorf("warning %d: %q, want it to start %q", i, w, want[i])
		}
	}
}

func TestParseBrokenJSONNamesFileAndLine(t *testing.T) {
	_, _, err := Parse(strings.NewReader("{\"label\":\"A\",\"pattern\":\"x\"}\n{\"label\":\"A\",\"pattern\":\"x\"\n"), "p.jsonl")
	var se *SyntaxError
	if !errors.As(err, &se) || se.Line != 2 || !strings.HasPrefix(err.Error(), "p.jsonl:2: not a JSON line") {
		t.Fatalf("err = %v", err)
	}
}

func TestParseBadPatternsWarn(t *testing.T) {
	cases := map[string]string{
		`{"pattern":"x"}`:                                      `no "label"`,
		`{"label":"A"}`:                                        `no "pattern"`,
		`{"label":"A","pattern":"  "}`:                         "empty phrase",
		`{"label":"A","pattern":[]}`:                           "empty token pattern",
		`{"label":"A","pattern":7}`:                            "neither a string",
		`{"label":"A","pattern":[{"OP":"?","LOWER":"a"}]}`:     "every token is optional",
		`{"label":"A","pattern":[{"LOWER":"a","OP":"{2,1}"}]}`: `OP "{2,1}"`,
		`{"label":"A","pattern":[{"LOWER":"a","OP":"++"}]}`:    `OP "++"`,
		`{"label":"A","pattern":[{"TEXT":{"REGEX":"("}}]}`:     "REGEX",
		`{"label":"A","pattern":[{"TEXT":{"FUZZY":"x"}}]}`:     `"FUZZY" is not supported`,
		`{"label":"A","pattern":[{"TEXT":{">":3}}]}`:           "LENGTH only",
		`{"label":"A","pattern":[{"IS_ALPHA":"yes"}]}`:         "true or false",
		`{"label":"A","pattern":[{"LENGTH":"3"}]}`:             "whole number",
		`[1,2]`: "not a JSON object",
	}
	for line, want := range cases {
		ps, warns, err := Parse(strings.NewReader(line), "p.jsonl")
		if err != nil || len(ps) != 0 || len(warns) != 1 || !strings.Contains(warns[0].Msg, want) || warns[0].Line != 1 {
			t.Errorf("%s: patterns %v warnings %v err %v; want a warning saying %q", line, ps, warns, err, want)
		}
	}
}

func TestParseIDsAndBOM(t *testing.T) {
	ps, _, err := Parse(strings.NewReader("\uFEFF{\"label\":\"A\",\"pattern\":\"x\",\"id\":7}\n"), "p.jsonl")
	if err != nil || len(ps) != 1 || ps[0].Ref() != "7" {
		t.Fatalf("%+v %v", ps, err)
	}
}

// FuzzParse: any input either fails as a whole with a SyntaxError naming a line, or
// gives patterns and warnings that name lines of the input; compiling and matching
// what it gives never panics.
func FuzzParse(f *testing.F) {
	f.Add(`{"label":"GPE","pattern":"كوريا الشمالية"}`)
	f.Add(`{"label":"X","pattern":[{"LOWER":"a","OP":"{1,3}"},{"TEXT":{"REGEX":"^ب"}},{"POS":"NOUN"}]}`)
	f.Add(`{"label":"X","pattern":[{"LENGTH":{">=":2}},{"IS_DIGIT":true,"OP":"!"}]}` + "\n{")
	f.Fuzz(func(t *testing.T, in string) {
		ps, warns, err := Parse(strings.NewReader(in), "f.jsonl")
		lines := strings.Count(in, "\n") + 1
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Line < 1 || se.Line > lines {
				t.Fatalf("error %v", err)
			}
			return
		}
		for _, w := range warns {
			if w.Line < 1 || w.Line > lines {
				t.Fatalf("warning %v", w)
			}
		}
		m, _ := Compile(ps, Options{Proclitics: true})
		for _, x := range m.Match([]rune("وكوريا الشمالية a b 12 بوتين " + in)) {
			if x.Start >= x.End {
				t.Fatalf("empty match %+v", x)
			}
		}
	})
}
