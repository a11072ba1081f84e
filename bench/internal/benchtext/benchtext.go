// Package benchtext gives the store benchmarks their document texts.
package benchtext

import (
	"os"
	"path/filepath"
)

// Load reads the *.txt articles of dir (the sample corpus), or makes one synthetic
// ~4 KB Arabic article when there are none.
func Load(dir string) []string {
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var texts []string
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && len(b) > 100 {
			texts = append(texts, string(b))
		}
	}
	if len(texts) == 0 {
		t := ""
		for len(t) < 4000 {
			t += "وقع الرئيس الروسي فلاديمير بوتين معاهدة الدفاع المشترك مع كوريا الشمالية. "
		}
		texts = []string{t}
	}
	return texts
}
