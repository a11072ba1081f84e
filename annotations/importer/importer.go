// Package importer reads annotation work made elsewhere - Prodigy and doccano
// JSONL, hashiya's own training files and the journal beside them - into
// hashiya records (record.Record), checking every span against its
// text. A file is imported whole or not at all: any bad line makes Read
// return an *Error naming every bad line as FILE:LINE: reason, and no
// records. The package only reads what it is given.
package importer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/export"
	"github.com/hashiya/hashiya/annotations/record"
)

// Format is an input format.
type Format string

// Input formats. Auto detects the format from the first line of a file.
const (
	Auto    Format = ""
	Prodigy Format = "prodigy" // text, spans, tokens, answer, _annotator_id, _session_id, meta
	Doccano Format = "doccano" // label [[start, end, "LABEL"]] or entities/relations
	Hashiya Format = "hashiya" // hashiya's training file (record.Record lines)
	Journal Format = "journal" // hashiya's journal, <out>.journal/<annotator>.jsonl
)

// Formats lists the input formats in help order.
var Formats = []Format{Prodigy, Doccano, Hashiya, Journal}

// Options tune Read.
type Options struct {
	// Format forces the format of every file; Auto detects it per file.
	Format Format
	// Offsets is the unit of doccano offsets: export.OffsetsCodepoint
	// (default) or export.OffsetsUTF16 for files of tools that count
	// UTF-16 units (JavaScript).
	Offsets string
	// Annotator is used for lines that name none (doccano, Prodigy without
	// _annotator_id) and for a journal whose file name does not say.
	Annotator string
	// Session is used for lines without _session_id; default
	// "<annotator>-import".
	Session string
	// ClaimLabel is the doccano entity label read as a claim; default the
	// default schema's (CLAIM).
	ClaimLabel string
}

// Check reports an unknown format or offset unit, so that a command can
// refuse its flags before reading any file.
func (o Options) Check() error { return o.norm() }

func (o *Options) norm() error {
	switch o.Format {
	case Auto, Prodigy, Doccano, Hashiya, Journal:
	default:
		return fmt.Errorf("unknown input format %q (one of %v)", o.Format, Formats)
	}
	switch o.Offsets {
	case "":
		o.Offsets = export.OffsetsCodepoint
	case export.OffsetsCodepoint, export.OffsetsUTF16:
	default:
		return fmt.Errorf("unknown offset unit %q (codepoint or utf16)", o.Offsets)
	}
	if o.ClaimLabel == "" {
		o.ClaimLabel = annotations.DefaultSchema().Claim.Name
	}
	return nil
}

func (o *Options) session(annotator string) string {
	if o.Session != "" {
		return o.Session
	}
	return annotator + "-import"
}

// Pos is where a record came from.
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d", p.File, p.Line) }

// File is one imported file: its records in file order (for a journal, in
// the order documents were first touched) and where each came from.
type File struct {
	Name     string
	Format   Format
	Records  []record.Record
	From     []Pos
	Warnings []string // nothing lost, but worth saying (a torn journal tail, relations not kept)
}

// Error is a file that was not imported, with every problem found.
type Error struct {
	File     string
	Problems []record.Problem // in line order
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d problem(s); nothing imported from it", e.File, len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  " + p.String())
	}
	return b.String()
}

// Read imports one stream; name is used in problems and as the prefix of
// document ids made for lines without one (NAME:LINE, as the corpus reader
// names them). A journal stream needs its annotator from name
// ("<annotator>.jsonl" in a ".journal" directory) or Options.Annotator.
func Read(r io.Reader, name string, o Options) (*File, error) {
	if err := o.norm(); err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(r, 64<<10)
	lr := &lineReader{br: br}
	format := o.Format
	if format == Auto || format == Journal {
		// Detect from the first non-blank line, then go on from it.
		line, n, err := lr.next()
		if err != nil && err != io.EOF {
			return nil, fileErr(name, record.Problem{File: name, Line: n, Msg: err.Error()})
		}
		if line == nil {
			return &File{Name: name, Format: format}, nil // empty: nothing to import
		}
		if format == Auto {
			f, ok := detectLine(line)
			if !ok {
				msg := "cannot tell the format of this line (not Prodigy, doccano, a hashiya record or a journal line); name it with --format"
				if !json.Valid(line) {
					msg = "bad JSON, so the format cannot be told from this first line"
				}
				return nil, fileErr(name, record.Problem{File: name, Line: n, Msg: msg})
			}
			format = f
		}
		if format == Journal {
			rest, err := io.ReadAll(br)
			if err != nil {
				return nil, err
			}
			data := append(append(bytes.Repeat([]byte("\n"), n-1), lr.raw...), rest...)
			return readJournal(data, name, o)
		}
		lr.unread(line, n)
	}
	return readLines(lr, name, format, o)
}

// readLines parses a line-per-record format and then checks the records
// together, as hashiya validate checks a training file.
func readLines(lr *lineReader, name string, format Format, o Options) (*File, error) {
	out := &File{Name: name, Format: format}
	var probs []record.Problem
	p := &parser{name: name, format: format, o: o, notes: map[string]int{}}
	// The records are checked together as hashiya validate checks a file,
	// on the other core while lines are read here: a hashiya file as it
	// stands, other formats as the records made of them will be written.
	tee := startValidator(name)
	p.validated = format == Hashiya
	for {
		line, n, err := lr.next()
		if line != nil {
			if p.validated {
				tee.line(line, n)
			}
			rec, msgs := p.parse(line, n, o.Format == Auto)
			for _, m := range msgs {
				probs = append(probs, record.Problem{File: name, Line: n, Msg: m})
			}
			if msgs == nil && rec.Meta.ID != "" {
				out.Records = append(out.Records, rec)
				out.From = append(out.From, Pos{name, n})
				if !p.validated {
					tee.record(rec, n)
				}
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			probs = append(probs, record.Problem{File: name, Line: n, Msg: err.Error()})
			break
		}
	}
	probs = append(probs, tee.finish()...)
	if len(probs) > 0 {
		return nil, fileErr(name, probs...)
	}
	out.Warnings = p.warnings()
	return out, nil
}

func fileErr(name string, probs ...record.Problem) *Error {
	sort.SliceStable(probs, func(i, j int) bool {
		if probs[i].File != probs[j].File {
			return probs[i].File < probs[j].File
		}
		return probs[i].Line < probs[j].Line
	})
	return &Error{File: name, Problems: probs}
}

// lineReader yields non-blank lines of any length with their 1-based
// numbers, without the line ending (LF or CRLF) or a leading UTF-8 BOM.
type lineReader struct {
	br      *bufio.Reader
	n       int
	raw     []byte // the last line as read, ending included
	pending []byte // a line given back by unread
	pendN   int
}

func (l *lineReader) unread(line []byte, n int) { l.pending, l.pendN = line, n }

// next returns the next non-blank line (nil at the end) and its number;
// err is io.EOF after the last line, or a read error.
func (l *lineReader) next() ([]byte, int, error) {
	if l.pending != nil {
		line, n := l.pending, l.pendN
		l.pending = nil
		return line, n, nil
	}
	for {
		b, err := l.br.ReadBytes('\n')
		l.n++
		l.raw = b
		line := bytes.TrimSuffix(bytes.TrimSuffix(b, []byte("\n")), []byte("\r"))
		if l.n == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff"))
		}
		if len(bytes.TrimSpace(line)) > 0 {
			if err == io.EOF {
				err = nil // the line first; EOF on the next call
			}
			return line, l.n, err
		}
		if err != nil {
			return nil, l.n, err
		}
	}
}

// detectLine tells a line's format from its fields.
func detectLine(line []byte) (Format, bool) {
	var f map[string]json.RawMessage
	if json.Unmarshal(line, &f) != nil || f == nil {
		return Auto, false
	}
	has := func(k string) bool { _, ok := f[k]; return ok }
	switch {
	case has("v") && has("seq") && has("crc") && has("e"):
		return Journal, true
	case has("text_sha256"):
		return Hashiya, true
	case has("entities") || (has("label") && bytes.HasPrefix(bytes.TrimSpace(f["label"]), []byte("["))):
		return Doccano, true
	case has("spans") || has("answer") || has("_input_hash") || has("_task_hash") || has("tokens"):
		return Prodigy, true
	}
	return Auto, false
}

// parser turns lines of one file into records.
type parser struct {
	name   string
	format Format
	o      Options
	notes  map[string]int // warning → count
	// validated: record.Validate reads the same lines, so hashiya
	// lines are only decoded here, and one that does not decode is left to
	// it to report (parse returns no record and no message).
	validated bool
}

func (p *parser) note(msg string) { p.notes[msg]++ }

func (p *parser) warnings() []string {
	var out []string
	for m, n := range p.notes {
		out = append(out, fmt.Sprintf("%s: %s (%d line(s))", p.name, m, n))
	}
	sort.Strings(out)
	return out
}

// parse reads one line; msgs is nil when the line is good (and then rec has
// a document id, unless the line is left to a validator). With check, a
// line that looks like another format than the file's is refused.
func (p *parser) parse(line []byte, n int, check bool) (rec record.Record, msgs []string) {
	if !utf8.Valid(line) {
		i := 0
		for i < len(line) {
			r, size := utf8.DecodeRune(line[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		return rec, []string{fmt.Sprintf("not valid UTF-8 (byte %d); the text would change when read", i+1)}
	}
	if at, ok := loneSurrogate(line); ok {
		return rec, []string{fmt.Sprintf("a lone UTF-16 surrogate escape %s (byte %d) is not a character; the text cannot be read exactly", line[at:at+6], at+1)}
	}
	if check && !p.validated { // a foreign line lacks a record's required fields
		if f, ok := detectLine(line); ok && f != p.format {
			return rec, []string{fmt.Sprintf("this line looks like %s, the file is %s (from its first line)", f, p.format)}
		}
	}
	defer func() {
		if r := recover(); r != nil { // a bug must not pass a bad line silently
			msgs = []string{fmt.Sprintf("internal error reading the line: %v", r)}
		}
	}()
	switch p.format {
	case Prodigy:
		return p.prodigy(line, n)
	case Doccano:
		return p.doccano(line, n)
	case Hashiya:
		return p.hashiya(line)
	}
	return rec, []string{fmt.Sprintf("format %s is not read line by line", p.format)}
}

// docID is the document id of a line: its "id" (string or number), else
// meta.id, else NAME:LINE.
func (p *parser) docID(id json.RawMessage, meta map[string]json.RawMessage, n int) (string, error) {
	for _, raw := range []json.RawMessage{id, meta["id"]} {
		raw = bytes.TrimSpace(raw)
		switch {
		case len(raw) == 0 || string(raw) == "null":
			continue
		case raw[0] == '"':
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return "", err
			}
			if s != "" {
				return s, nil
			}
		case raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9':
			return string(raw), nil
		default:
			return "", fmt.Errorf("id %s is not a string or a number", raw)
		}
	}
	return filepath.Base(p.name) + ":" + fmt.Sprint(n), nil
}

// metaString is a string field of a meta object ("" when absent or not a string).
func metaString(meta map[string]json.RawMessage, k string) string {
	var s string
	if json.Unmarshal(meta[k], &s) != nil {
		return ""
	}
	return s
}

var errNoAnnotator = errors.New("no annotator: the line names none; give one with --annotator")

func (p *parser) annotator(own string) (string, error) {
	if own != "" {
		return own, nil
	}
	if p.o.Annotator != "" {
		return p.o.Annotator, nil
	}
	return "", errNoAnnotator
}

// loneSurrogate finds a \uD800-\uDFFF escape that is not half of a pair:
// encoding/json would read it as U+FFFD and the text would silently differ
// from the one the offsets were counted in.
func loneSurrogate(line []byte) (int, bool) {
	if !bytes.Contains(line, []byte(`\u`)) {
		return 0, false
	}
	hex4 := func(i int) (rune, bool) {
		if i+6 > len(line) || line[i] != '\\' || line[i+1] != 'u' {
			return 0, false
		}
		var r rune
		for _, c := range line[i+2 : i+6] {
			switch {
			case c >= '0' && c <= '9':
				r = r<<4 | rune(c-'0')
			case c >= 'a' && c <= 'f':
				r = r<<4 | rune(c-'a'+10)
			case c >= 'A' && c <= 'F':
				r = r<<4 | rune(c-'A'+10)
			default:
				return 0, false
			}
		}
		return r, true
	}
	for i := 0; i < len(line); i++ {
		if line[i] != '\\' {
			continue
		}
		r, ok := hex4(i)
		if !ok {
			i++ // skip the escaped character (\\ included)
			continue
		}
		switch {
		case r >= 0xD800 && r < 0xDC00:
			if lo, ok := hex4(i + 6); ok && lo >= 0xDC00 && lo < 0xE000 {
				i += 11
				continue
			}
			return i, true
		case r >= 0xDC00 && r < 0xE000:
			return i, true
		}
		i += 5
	}
	return 0, false
}

// validator runs record.Validate, in other goroutines, over the lines
// and records given to it, each at its line number in the input (blank lines
// fill the gaps), so the problems name the input's lines.
type validator struct {
	items chan validatorItem
	probs chan []record.Problem
}

type validatorItem struct {
	n   int
	raw []byte         // a line to check as it stands, or
	rec *record.Record // a record to check as it will be written
}

func startValidator(name string) *validator {
	pr, pw := io.Pipe()
	v := &validator{items: make(chan validatorItem, 256), probs: make(chan []record.Problem, 1)}
	unwritable := make(chan []record.Problem, 1)
	go func() { // feeds the pipe, marshalling records off the reading goroutine
		bw := bufio.NewWriterSize(pw, 1<<20)
		var bad []record.Problem
		last := 0
		for it := range v.items {
			b := it.raw
			if it.rec != nil {
				var err error
				if b, err = json.Marshal(it.rec); err != nil {
					bad = append(bad, record.Problem{File: name, Line: it.n, Msg: "the record cannot be written: " + err.Error()})
					continue
				}
			}
			for ; last < it.n-1; last++ {
				bw.WriteByte('\n')
			}
			bw.Write(b)
			bw.WriteByte('\n')
			last = it.n
		}
		bw.Flush()
		pw.Close()
		unwritable <- bad
	}()
	go func() {
		probs := record.Validate(pr, name)
		io.Copy(io.Discard, pr) // never leave the feeder blocked
		v.probs <- append(probs, <-unwritable...)
	}()
	return v
}

func (v *validator) line(raw []byte, n int) { v.items <- validatorItem{n: n, raw: raw} }

func (v *validator) record(rec record.Record, n int) { v.items <- validatorItem{n: n, rec: &rec} }

// finish waits for the checks and returns their problems.
func (v *validator) finish() []record.Problem {
	close(v.items)
	return <-v.probs
}
