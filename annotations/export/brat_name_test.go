package export

import (
	"slices"
	"strings"
	"testing"
)

// bratIDs are document ids the old exporter mapped to shared file names:
// the three Latin ones all became x_y, the Arabic pair ___ (one _ per
// letter), and the last two would also be paths.
var bratIDs = []string{"x y", "x_y", "x?y", "سيول", "كييف", "news/a", "..", "../x", ".hidden", "100%", "CaseA", "casea"}

func TestBratNameRoundTrip(t *testing.T) {
	seen := map[string]string{}
	ids := append(slices.Clone(bratIDs), "", "%41", "A", "a%", "x\ny", "\x00", "🇷🇺", "۱۰٬۰۰۰")
	for _, id := range ids {
		n := BratName(id)
		if prev, dup := seen[n]; dup {
			t.Errorf("%q and %q share the name %q", prev, id, n)
		}
		seen[n] = id
		if got, err := BratID(n); err != nil || got != id {
			t.Errorf("BratID(BratName(%q)) = %q, %v", id, got, err)
		}
		for _, r := range n {
			if !strings.ContainsRune("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-%", r) {
				t.Errorf("name %q of %q holds %q", n, id, r)
			}
		}
	}
	if n := BratName("x y"); n != "x%20y" {
		t.Errorf("BratName(x y) = %q", n)
	}
	for _, bad := range []string{"x%2", "x%zz", "x y", "a/b"} {
		if _, err := BratID(bad); err == nil {
			t.Errorf("BratID(%q) accepted", bad)
		}
	}
}

func FuzzBratName(f *testing.F) {
	for _, id := range bratIDs {
		f.Add(id)
	}
	f.Fuzz(func(t *testing.T, id string) {
		n := BratName(id)
		if got, err := BratID(n); err != nil || got != id {
			t.Fatalf("BratID(BratName(%q)) = %q, %v", id, got, err)
		}
		if strings.HasPrefix(n, ".") || strings.ContainsAny(n, "/\\@~ ") {
			t.Fatalf("BratName(%q) = %q", id, n)
		}
	})
}
