package annotations

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultSchema(t *testing.T) {
	s := DefaultSchema()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	var names []string
	colors := map[string]bool{}
	for i, l := range s.Labels {
		names = append(names, l.Name)
		if l.Key != string(rune('1'+i)) || l.Description == "" || colors[l.Color] {
			t.Errorf("label %+v", l)
		}
		colors[l.Color] = true
	}
	if strings.Join(names, " ") != "PERSON ORG GPE LOC NORP DATE QUANTITY EVENT LAW" {
		t.Errorf("labels %v", names)
	}
	if s.Claim.Name != "CLAIM" || s.Boilerplate.Name != "BOILERPLATE" {
		t.Errorf("claim %v boilerplate %v", s.Claim, s.Boilerplate)
	}
	if err := s.Validate("c"); err == nil || !strings.Contains(err.Error(), `key "c" is reserved`) {
		t.Errorf("reserved key not refused: %v", err)
	}
}

func TestParseSchema(t *testing.T) {
	b, err := os.ReadFile("testdata/labels.toml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := ParseSchema(b, "testdata/labels.toml", "q", "/")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Labels) != 4 || s.Labels[3].Name != "WEAPON" || s.Claim.Key != "c" {
		t.Fatalf("%+v", s)
	}
	bad := map[string]string{
		"dup name":  "[[labels]]\nname='A'\nkey='1'\ncolor='#000000'\n[[labels]]\nname='A'\nkey='2'\ncolor='#000001'\n",
		"dup key":   "[[labels]]\nname='A'\nkey='1'\ncolor='#000000'\n[[labels]]\nname='B'\nkey='1'\ncolor='#000001'\n",
		"long key":  "[[labels]]\nname='A'\nkey='12'\ncolor='#000000'\n",
		"color":     "[[labels]]\nname='A'\nkey='1'\ncolor='red'\n",
		"lowercase": "[[labels]]\nname='person'\nkey='1'\ncolor='#000000'\n",
		"unknown":   "[[labels]]\nname='A'\nkey='1'\ncolor='#000000'\nshade='x'\n",
		"syntax":    "[[labels]\n",
		"reserved":  "[[labels]]\nname='A'\nkey='q'\ncolor='#000000'\n",
		"claim key": "[[labels]]\nname='A'\nkey='c'\ncolor='#000000'\n",
	}
	for name, body := range bad {
		p := filepath.Join("dir", "l.toml")
		if _, err := ParseSchema([]byte(body), p, "q"); err == nil {
			t.Errorf("%s: accepted", name)
		} else if !strings.Contains(err.Error(), p) {
			t.Errorf("%s: error does not name the file: %v", name, err)
		}
	}
}

func TestCodePointSlice(t *testing.T) {
	text := "a🇷🇺ب\r\n"
	cases := []struct {
		s, e int
		want string
		ok   bool
	}{
		{0, 1, "a", true}, {1, 3, "🇷🇺", true}, {3, 4, "ب", true}, {4, 6, "\r\n", true},
		{6, 6, "", true}, {0, 6, text, true}, {2, 2, "", true},
		{0, 7, "", false}, {-1, 2, "", false}, {3, 2, "", false}, {7, 7, "", false},
	}
	for _, c := range cases {
		got, err := CodePointSlice(text, c.s, c.e)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("CodePointSlice(%d,%d) = %q, %v", c.s, c.e, got, err)
		}
	}
	if u, _ := UTF16Offset(text, 3); u != 5 {
		t.Errorf("UTF16Offset = %d", u)
	}
}

func TestTokenizePersianAndPunctuation(t *testing.T) {
	var got []string
	for _, tk := range Tokenize("می‌خواهد، «۲۳ ماده» است.") {
		got = append(got, tk.Text)
	}
	if strings.Join(got, "|") != "می‌خواهد|،|«|۲۳|ماده|»|است|." {
		t.Fatalf("tokens %q", got)
	}
}
