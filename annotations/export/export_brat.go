package export

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

// BratMappingFile lists, in a brat export directory, which files hold which
// document: names are escaped ids, but long ids are shortened.
const BratMappingFile = "documents.json"

// BratFile is one entry of BratMappingFile.
type BratFile struct {
	Name      string `json:"name"` // base name shared by Txt and Ann
	Txt       string `json:"txt"`
	Ann       string `json:"ann"`
	ID        string `json:"id"`
	Annotator string `json:"annotator"`
}

// maxBratName keeps NAME.ann within the 255-byte file-name limit.
const maxBratName = 200

// BratName is the file base name of a document id: every byte outside
// [A-Za-z0-9._-], and a leading '.', is percent-encoded (%XX, upper-case
// hex). Distinct ids give distinct names, none is hidden, a path or "..",
// and BratID recovers the id.
func BratName(id string) string {
	var b strings.Builder
	for i := 0; i < len(id); i++ {
		c := id[i]
		if isBratSafe(c) && !(i == 0 && c == '.') {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func isBratSafe(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-'
}

// BratID decodes a BratName. Names that were shortened (they hold '~') or
// carry an annotator ('@') are not plain escaped ids: look those up in
// BratMappingFile.
func BratID(name string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '%':
			if i+2 >= len(name) || !isHex(name[i+1]) || !isHex(name[i+2]) {
				return "", fmt.Errorf("brat name %q: %% at byte %d is not followed by two hex digits", name, i)
			}
			v, _ := hex.DecodeString(name[i+1 : i+3])
			b.WriteByte(v[0])
			i += 2
		case isBratSafe(c):
			b.WriteByte(c)
		default:
			return "", fmt.Errorf("brat name %q: byte %q at %d is not part of an escaped id (see %s)", name, c, i, BratMappingFile)
		}
	}
	return b.String(), nil
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'A' <= c && c <= 'F' || 'a' <= c && c <= 'f' }

// bratBase names the files of record r. A document exported for more than
// one annotator gets "@ANNOTATOR" ('@' never occurs in an escaped id); a
// name too long for a file system keeps a prefix and "~" plus a hash of
// the full name.
func bratBase(r record.Record, multi bool) string {
	name := BratName(r.Meta.ID)
	if multi {
		name += "@" + BratName(r.AnnotatorID)
	}
	if len(name) > maxBratName {
		h := sha256.Sum256([]byte(name))
		cut := maxBratName - 1 - 16
		for cut > 0 && name[cut-1] == '%' || cut > 1 && name[cut-2] == '%' {
			cut-- // do not split an escape
		}
		name = name[:cut] + "~" + hex.EncodeToString(h[:8])
	}
	return name
}

// exportBrat writes NAME.txt and NAME.ann per record into o.Dir, with
// BratMappingFile and brat's annotation.conf. Line breaks are normalised to
// \n in the .txt (brat reads text in universal-newline mode, which would
// otherwise shift every offset after a \r\n) and offsets remapped to match;
// spans crossing a line break become discontinuous fragments. Claims are
// CLAIM entities with Attribution/Checkworthy attributes, claimants CLAIMANT
// relations, links between claims of one document relations named after
// the link, and numbers, clusters and every link AnnotatorNotes.
func exportBrat(rs []record.Record, o ExportOptions) error {
	if o.Dir == "" {
		return fmt.Errorf("brat export needs an output directory (--out DIR)")
	}
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return err
	}
	write := func(name string, data []byte) error {
		path := filepath.Join(o.Dir, name)
		if o.Guard != nil {
			if err := o.Guard(path); err != nil {
				return err
			}
		}
		return os.WriteFile(path, data, 0o644)
	}
	annotators := map[string]map[string]bool{}
	for _, r := range rs {
		if annotators[r.Meta.ID] == nil {
			annotators[r.Meta.ID] = map[string]bool{}
		}
		annotators[r.Meta.ID][r.AnnotatorID] = true
	}
	files := []BratFile{}
	byName := map[string]string{}
	folded := map[string]string{}
	used := map[string]bool{}
	for _, r := range rs {
		name := bratBase(r, len(annotators[r.Meta.ID]) > 1)
		if prev, dup := byName[name]; dup { // only a hash collision could do this
			return fmt.Errorf("brat: documents %q and %q both map to %s", prev, r.Meta.ID, name)
		}
		byName[name] = r.Meta.ID
		if prev, ok := folded[strings.ToLower(name)]; ok {
			o.Warn(fmt.Sprintf("brat: %q and %q differ only in case (%s); a case-insensitive file system keeps one", prev, r.Meta.ID, name))
		}
		folded[strings.ToLower(name)] = r.Meta.ID
		text, ann := bratDocument(r, o, used)
		f := BratFile{Name: name, Txt: name + ".txt", Ann: name + ".ann", ID: r.Meta.ID, Annotator: r.AnnotatorID}
		if err := write(f.Txt, []byte(text)); err != nil {
			return err
		}
		if err := write(f.Ann, []byte(ann)); err != nil {
			return err
		}
		files = append(files, f)
	}
	slices.SortFunc(files, func(a, b BratFile) int { return strings.Compare(a.Name, b.Name) })
	m, err := json.MarshalIndent(files, "", "  ")
	if err != nil {
		return err
	}
	if err := write(BratMappingFile, append(m, '\n')); err != nil {
		return err
	}
	return write("annotation.conf", []byte(bratConf(o, used)))
}

// bratDocument renders one record's text and standoff annotations; used
// collects the entity labels it writes.
func bratDocument(r record.Record, o ExportOptions, used map[string]bool) (string, string) {
	text, remap := normNewlines(r.Text)
	var ann strings.Builder
	tids := map[string]string{}
	nt, na, nr, nn := 0, 0, 0, 0
	ent := func(sp annotations.Span, label string) string {
		nt++
		id := fmt.Sprintf("T%d", nt)
		tids[sp.ID] = id
		used[label] = true
		frags, ftext := bratFragments(text, remap[sp.Start], remap[sp.End])
		fmt.Fprintf(&ann, "%s\t%s %s\t%s\n", id, label, frags, ftext)
		return id
	}
	for _, sp := range entitySpans(r, o) {
		ent(sp, sp.Label)
	}
	claimT := map[string]string{} // claim id → T id
	for _, c := range r.Claims {
		claimT[c.ID] = ent(c.Span, o.Schema.Claim.Name)
	}
	related := map[[2]string]bool{}
	for _, c := range r.Claims {
		id := claimT[c.ID]
		na++
		fmt.Fprintf(&ann, "A%d\tAttribution %s %s\n", na, id, c.Attribution)
		if c.Checkworthy {
			na++
			fmt.Fprintf(&ann, "A%d\tCheckworthy %s\n", na, id)
		}
		if from, ok := tids[c.Claimant.SpanID]; ok {
			nr++
			fmt.Fprintf(&ann, "R%d\tCLAIMANT Arg1:%s Arg2:%s\t\n", nr, from, id)
		}
		var notes []string
		if c.Numeric != nil {
			b, _ := json.Marshal(c.Numeric)
			notes = append(notes, "numeric="+string(b))
		}
		if c.Cluster != "" {
			notes = append(notes, "cluster="+c.Cluster)
		}
		for _, l := range c.Links {
			notes = append(notes, l.Relation+"="+l.To)
			ref, err := annotations.ParseClaimRef(l.To)
			other := ref.Claim
			to, here := claimT[other]
			mine := ref.Annotator == "" || ref.Annotator == r.AnnotatorID
			if err != nil || !mine || ref.Doc != r.Meta.ID || !here || related[[2]string{other, c.ID}] {
				continue // brat relations stay within a document; a mutual link is written once
			}
			related[[2]string{c.ID, other}] = true
			nr++
			fmt.Fprintf(&ann, "R%d\t%s Arg1:%s Arg2:%s\t\n", nr, l.Relation, id, to)
		}
		if c.Claimant.Text != "" {
			notes = append(notes, "claimant="+c.Claimant.Text)
		}
		if len(notes) > 0 {
			nn++
			fmt.Fprintf(&ann, "#%d\tAnnotatorNotes %s\t%s\n", nn, id, strings.Join(notes, " | "))
		}
	}
	return text, ann.String()
}

// bratConf declares what the .ann files use: the schema's entity labels
// (and any other label the records carry), the claim label, BOILERPLATE
// when exported, the CLAIMANT and link relations, and the claim attributes.
func bratConf(o ExportOptions, used map[string]bool) string {
	var b strings.Builder
	b.WriteString("# Written by hashiya export --format brat.\n[entities]\n")
	declared := map[string]bool{}
	entity := func(n string) {
		if !declared[n] {
			declared[n] = true
			b.WriteString(n + "\n")
		}
	}
	for _, l := range o.Schema.Labels {
		entity(l.Name)
	}
	var extra []string
	for n := range used {
		if n != o.Schema.Claim.Name && n != o.Schema.Boilerplate.Name && !declared[n] {
			extra = append(extra, n)
		}
	}
	slices.Sort(extra)
	for _, n := range extra {
		entity(n)
	}
	entity(o.Schema.Claim.Name)
	if o.IncludeBoilerplate {
		entity(o.Schema.Boilerplate.Name)
	}
	claim := o.Schema.Claim.Name
	b.WriteString("\n[relations]\n")
	fmt.Fprintf(&b, "CLAIMANT\tArg1:<ENTITY>, Arg2:%s\n", claim)
	b.WriteString("# Links between claims; links to other documents are in AnnotatorNotes.\n")
	for _, r := range []string{annotations.RelSameClaim, annotations.RelContradicts, annotations.RelRefines, annotations.RelRelated} {
		fmt.Fprintf(&b, "%s\tArg1:%s, Arg2:%s\n", r, claim, claim)
	}
	b.WriteString("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n")
	b.WriteString("\n[events]\n\n[attributes]\n")
	fmt.Fprintf(&b, "Attribution\tArg:%s, Value:%s|%s|%s\n", claim, annotations.AttrAsserted, annotations.AttrAttributed, annotations.AttrDenied)
	fmt.Fprintf(&b, "Checkworthy\tArg:%s\n", claim)
	return b.String()
}

// normNewlines turns \r\n and lone \r into \n; remap[cp] is the new offset
// of old code-point offset cp (len = old length + 1).
func normNewlines(text string) (string, []int) {
	rt := []rune(text)
	remap := make([]int, len(rt)+1)
	var out []rune
	for i := 0; i < len(rt); i++ {
		remap[i] = len(out)
		if rt[i] == '\r' {
			if i+1 < len(rt) && rt[i+1] == '\n' {
				continue // the \n that follows is kept
			}
			out = append(out, '\n')
			continue
		}
		out = append(out, rt[i])
	}
	remap[len(rt)] = len(out)
	return string(out), remap
}

// bratFragments renders [start,end) of text as brat offsets, split at line
// breaks, and the fragments' text joined by spaces (brat's convention).
func bratFragments(text string, start, end int) (string, string) {
	rt := []rune(text)
	var offs, parts []string
	s := start
	for i := start; i <= end; i++ {
		if i == end || rt[i] == '\n' {
			if i > s {
				offs = append(offs, fmt.Sprintf("%d %d", s, i))
				parts = append(parts, string(rt[s:i]))
			}
			s = i + 1
		}
	}
	return strings.Join(offs, ";"), strings.Join(parts, " ")
}
