// Package serve is hashiya's team server: one reader per SSH session, every annotator
// known by the public key they proved, documents routed to annotators, one corpus and
// one project database for all.
package serve

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/ssh"
	"github.com/BurntSushi/toml"
	"github.com/hashiya/hashiya/annotations/store"
	gossh "golang.org/x/crypto/ssh"
)

// Roles a member may have. Annotators see only their own work; reviewers and admins may
// also read everyone's.
const (
	RoleAnnotator = "annotator"
	RoleReviewer  = "reviewer"
	RoleAdmin     = "admin"
)

// Member is one person of the team file.
type Member struct {
	Name string   `toml:"name"`
	Role string   `toml:"role"`
	Keys []string `toml:"keys"` // authorized_keys lines
}

// SeesOthers says whether the member may read the other annotators' annotations.
func (m Member) SeesOthers() bool { return m.Role == RoleReviewer || m.Role == RoleAdmin }

// teamFile is the TOML layout: [[annotator]] tables.
type teamFile struct {
	Annotator []Member `toml:"annotator"`
}

// Team is a parsed team file: its members and who holds which key.
type Team struct {
	Members []Member
	byKey   map[string]int // marshalled public key → index in Members
}

// Lookup finds the member holding key.
func (t *Team) Lookup(key ssh.PublicKey) (Member, bool) {
	if t == nil || key == nil {
		return Member{}, false
	}
	i, ok := t.byKey[string(key.Marshal())]
	if !ok {
		return Member{}, false
	}
	return t.Members[i], true
}

// Annotators lists the names of the members with the annotator role, in file order:
// the ones documents are routed to.
func (t *Team) Annotators() []string {
	var out []string
	for _, m := range t.Members {
		if m.Role == RoleAnnotator {
			out = append(out, m.Name)
		}
	}
	return out
}

// LoadTeam reads and checks a team file. A missing file is an empty team (nobody can
// log in until `hashiya team add`). Errors name the file and, where TOML knows it, the line.
func LoadTeam(path string) (*Team, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &Team{byKey: map[string]int{}}, nil
	}
	if err != nil {
		return nil, err
	}
	return ParseTeam(path, b)
}

// ParseTeam parses a team file's contents; path names it in errors.
func ParseTeam(path string, b []byte) (*Team, error) {
	var f teamFile
	md, err := toml.Decode(string(b), &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", path, pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%s: unknown key %q (known: annotator.name, annotator.role, annotator.keys)", path, und[0].String())
	}
	t := &Team{byKey: map[string]int{}}
	names := map[string]bool{}
	for i, m := range f.Annotator {
		where := fmt.Sprintf("%s: annotator %d", path, i+1)
		if m.Name == "" {
			return nil, fmt.Errorf("%s has no name", where)
		}
		where = fmt.Sprintf("%s: annotator %q", path, m.Name)
		if names[m.Name] {
			return nil, fmt.Errorf("%s appears twice", where)
		}
		names[m.Name] = true
		if m.Name == store.Gold || m.Name == store.AutoDecider { // the review screen writes as gold, decides as auto
			return nil, fmt.Errorf("%s: the name is the review's own (gold's version, auto decisions); choose another", where)
		}
		if m.Role == "" {
			m.Role = RoleAnnotator
		}
		if !slices.Contains([]string{RoleAnnotator, RoleReviewer, RoleAdmin}, m.Role) {
			return nil, fmt.Errorf("%s: role %q is not annotator, reviewer or admin", where, m.Role)
		}
		for _, line := range m.Keys {
			k, err := parseKey(line)
			if err != nil {
				return nil, fmt.Errorf("%s: key %q: %w", where, abbreviate(line), err)
			}
			id := string(k.Marshal())
			if j, dup := t.byKey[id]; dup {
				return nil, fmt.Errorf("%s: key %s is also %q's", where, gossh.FingerprintSHA256(k), t.Members[j].Name)
			}
			t.byKey[id] = len(t.Members)
		}
		t.Members = append(t.Members, m)
	}
	return t, nil
}

func parseKey(line string) (gossh.PublicKey, error) {
	k, _, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
	return k, err
}

func abbreviate(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// AddMember adds name with the public key in keyFile (an OpenSSH .pub file) to the team
// file at path, creating it where missing; a known name gets the key (and role, when
// given) added. The file is replaced atomically, so a running server never reads half.
func AddMember(path, name, role, keyFile string) (Member, error) {
	kb, err := os.ReadFile(keyFile)
	if err != nil {
		return Member{}, err
	}
	line := strings.TrimSpace(string(kb))
	if _, err := parseKey(line); err != nil {
		return Member{}, fmt.Errorf("%s: not an OpenSSH public key: %w", keyFile, err)
	}
	var f teamFile
	if b, err := os.ReadFile(path); err == nil {
		if _, err := ParseTeam(path, b); err != nil {
			return Member{}, err
		}
		if _, err := toml.Decode(string(b), &f); err != nil {
			return Member{}, fmt.Errorf("%s: %w", path, err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return Member{}, err
	}
	i := slices.IndexFunc(f.Annotator, func(m Member) bool { return m.Name == name })
	if i < 0 {
		f.Annotator = append(f.Annotator, Member{Name: name, Role: RoleAnnotator})
		i = len(f.Annotator) - 1
	}
	m := &f.Annotator[i]
	if role != "" {
		m.Role = role
	}
	if !slices.Contains(m.Keys, line) {
		m.Keys = append(m.Keys, line)
	}
	var buf bytes.Buffer
	buf.WriteString("# hashiya team: who may connect to `hashiya serve`, by SSH public key.\n\n")
	if err := toml.NewEncoder(&buf).Encode(f); err != nil {
		return Member{}, err
	}
	if _, err := ParseTeam(path, buf.Bytes()); err != nil { // a key someone else holds, a bad role
		return Member{}, err
	}
	return *m, writeAtomic(path, buf.Bytes())
}

func writeAtomic(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".team-*.toml")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
