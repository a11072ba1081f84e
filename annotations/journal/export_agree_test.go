package journal

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/export"
	"github.com/hashiya/hashiya/annotations/record"
)

// TestExportsAgreeOnReferences: on a file that validates, every format that
// carries claimants and links carries the same ones.
func TestExportsAgreeOnReferences(t *testing.T) {
	lines := linkedLines(t)
	recs, probs, err := record.ReadRecords(strings.NewReader(strings.Join(lines, "\n")+"\n"), "a.jsonl")
	if err != nil {
		t.Fatal(err, probs)
	}
	claimants, links := 0, 0
	for _, r := range recs {
		claimants += len(r.Relations)
		for _, c := range r.Claims {
			links += len(c.Links)
		}
	}
	if claimants != 1 || links != 2 {
		t.Fatalf("fixture: %d claimants, %d link ends", claimants, links)
	}
	doccano, _ := exportString(t, recs, export.FormatDoccano, export.ExportOptions{})
	if n := strings.Count(doccano, `"type":"CLAIMANT"`); n != claimants {
		t.Errorf("doccano has %d CLAIMANT relations, records %d", n, claimants)
	}
	out, _ := exportString(t, recs, export.FormatClaims, export.ExportOptions{})
	gotClaimants, gotLinks := 0, 0
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var c struct {
			Claimant map[string]any
			Links    []annotations.Link
		}
		json.Unmarshal([]byte(l), &c)
		if c.Claimant["span_id"] != nil {
			gotClaimants++
		}
		gotLinks += len(c.Links)
	}
	if gotClaimants != claimants || gotLinks != links {
		t.Errorf("claims export: %d claimants, %d links; records %d, %d", gotClaimants, gotLinks, claimants, links)
	}
	dir := t.TempDir()
	if err := export.Export(nil, recs, export.FormatBrat, export.ExportOptions{Dir: dir}); err != nil {
		t.Fatal(err)
	}
	bratClaimants, bratLinks := 0, 0
	for _, r := range recs {
		ann, err := os.ReadFile(filepath.Join(dir, export.BratName(r.Meta.ID)+".ann"))
		if err != nil {
			t.Fatal(err)
		}
		bratClaimants += strings.Count(string(ann), "\tCLAIMANT Arg1:")
		bratLinks += strings.Count(string(ann), annotations.RelSameClaim+"=")
	}
	if bratClaimants != claimants || bratLinks != links {
		t.Errorf("brat: %d claimants, %d links; records %d, %d", bratClaimants, bratLinks, claimants, links)
	}
}
