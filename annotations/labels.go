package annotations

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Label is one annotation label with its key binding and display colour.
type Label struct {
	Name        string `toml:"name" json:"name"`
	Key         string `toml:"key" json:"key"`
	Color       string `toml:"color" json:"color"` // "#rrggbb"
	Description string `toml:"description" json:"description"`
}

// Schema is the active label set: entity labels, the claim label and the
// boilerplate region label (navigation junk, unrelated appended stories).
type Schema struct {
	Labels      []Label `toml:"labels" json:"labels"`
	Claim       Label   `toml:"claim" json:"claim"`
	Boilerplate Label   `toml:"boilerplate" json:"boilerplate"`
}

// DefaultSchema is the OntoNotes-style entity set used for the news corpora.
func DefaultSchema() Schema {
	return Schema{
		Labels: []Label{
			{"PERSON", "1", "#e06c75", "People, including fictional; names and titles with the name"},
			{"ORG", "2", "#61afef", "Organisations: companies, agencies, parties, armies, media"},
			{"GPE", "3", "#98c379", "Geopolitical entities: countries, cities, states with a government"},
			{"LOC", "4", "#56b6c2", "Non-political places: regions, seas, mountains, peninsulas"},
			{"NORP", "5", "#c678dd", "Nationalities, religious or political groups (الروسي, کره‌ای)"},
			{"DATE", "6", "#e5c07b", "Dates and periods, absolute or relative (عام 2022, ژوئن ۲۰۲۴)"},
			{"QUANTITY", "7", "#d19a66", "Counts and measures with their unit (10 آلاف جندي, ۲۳ ماده)"},
			{"EVENT", "8", "#be5046", "Named events: wars, summits, visits, elections"},
			{"LAW", "9", "#abb2bf", "Named treaties, laws and agreements (معاهدة الدفاع المشترك)"},
		},
		Claim:       Label{"CLAIM", "c", "#ff79c6", "A checkable statement, with claimant, attribution and numbers"},
		Boilerplate: Label{"BOILERPLATE", "B", "#5c6370", "Navigation junk, ads, or an unrelated story appended to the article"},
	}
}

// All returns entity labels followed by the claim and boilerplate labels.
func (s Schema) All() []Label {
	return append(append([]Label(nil), s.Labels...), s.Claim, s.Boilerplate)
}

// Lookup finds a label by name among All.
func (s Schema) Lookup(name string) (Label, bool) {
	for _, l := range s.All() {
		if l.Name == name {
			return l, true
		}
	}
	return Label{}, false
}

var (
	labelNameRE = regexp.MustCompile(`^[A-Z][A-Z0-9_-]*$`)
	colorRE     = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
)

// Validate checks names (upper-case, unique), keys (one character, unique,
// not among reserved) and colours. reserved are keys the UI keeps for itself.
func (s Schema) Validate(reserved ...string) error {
	var errs []string
	names, keys := map[string]string{}, map[string]string{}
	for _, r := range reserved {
		keys[r] = "reserved"
	}
	if len(s.Labels) == 0 {
		errs = append(errs, "no entity labels")
	}
	for i, l := range s.All() {
		where := fmt.Sprintf("label %d (%s)", i+1, l.Name)
		if !labelNameRE.MatchString(l.Name) {
			errs = append(errs, where+": name must match [A-Z][A-Z0-9_-]*")
		}
		if names[l.Name] != "" {
			errs = append(errs, where+": duplicate name")
		}
		names[l.Name] = "x"
		switch {
		case utf8.RuneCountInString(l.Key) != 1:
			errs = append(errs, fmt.Sprintf("%s: key %q must be a single character", where, l.Key))
		case keys[l.Key] == "reserved":
			errs = append(errs, fmt.Sprintf("%s: key %q is reserved by the reader", where, l.Key))
		case keys[l.Key] != "":
			errs = append(errs, fmt.Sprintf("%s: key %q already used by %s", where, l.Key, keys[l.Key]))
		}
		if keys[l.Key] == "" {
			keys[l.Key] = l.Name
		}
		if !colorRE.MatchString(l.Color) {
			errs = append(errs, fmt.Sprintf("%s: color %q must be #rrggbb", where, l.Color))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("invalid label schema:\n  %s", strings.Join(errs, "\n  "))
	}
	return nil
}

// ParseSchema reads a TOML label file's contents (see testdata/labels.toml)
// and validates it against reserved keys; errors start with path. Missing
// claim/boilerplate tables keep defaults. The caller reads the file.
func ParseSchema(b []byte, path string, reserved ...string) (Schema, error) {
	def := DefaultSchema()
	s := Schema{Claim: def.Claim, Boilerplate: def.Boilerplate}
	md, err := toml.Decode(string(b), &s)
	if err != nil {
		return Schema{}, fmt.Errorf("%s: %w", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return Schema{}, fmt.Errorf("%s: unknown keys %v", path, und)
	}
	if err := s.Validate(reserved...); err != nil {
		return Schema{}, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}
