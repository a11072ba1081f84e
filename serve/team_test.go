package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

func TestTeamFileErrorsNameFileAndLine(t *testing.T) {
	key := string(ssh.MarshalAuthorizedKey(newSigner(t).PublicKey()))
	key = strings.TrimSpace(key)
	for name, tc := range map[string]struct{ body, want string }{
		"syntax":   {"[[annotator]]\nname = \"sara\nrole = \"annotator\"\n", "team.toml:2"},
		"no name":  {"[[annotator]]\nrole = \"annotator\"\n", "annotator 1 has no name"},
		"bad role": {"[[annotator]]\nname = \"sara\"\nrole = \"boss\"\n", `role "boss"`},
		"bad key":  {"[[annotator]]\nname = \"sara\"\nkeys = [\"ssh-ed25519 AAAA\"]\n", `annotator "sara": key`},
		"unknown":  {"[[annotator]]\nname = \"sara\"\nkey = \"x\"\n", `unknown key "annotator.key"`},
		"twice":    {"[[annotator]]\nname = \"sara\"\n[[annotator]]\nname = \"sara\"\n", "appears twice"},
		"gold":     {"[[annotator]]\nname = \"gold\"\n", "the review's own"},
		"auto":     {"[[annotator]]\nname = \"auto\"\nrole = \"reviewer\"\n", "the review's own"},
		"dup key":  {"[[annotator]]\nname = \"sara\"\nkeys = [\"" + key + "\"]\n[[annotator]]\nname = \"bob\"\nkeys = [\"" + key + "\"]\n", `is also "sara"'s`},
	} {
		_, err := ParseTeam("team.toml", []byte(tc.body))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "team.toml") {
			t.Errorf("%s: error %v, want one naming team.toml and saying %q", name, err, tc.want)
		}
	}
}

func TestAddMemberWritesATeamFileThatLoads(t *testing.T) {
	dir := t.TempDir()
	team := filepath.Join(dir, "sub", "team.toml")
	k1, k2 := newSigner(t), newSigner(t)
	for i, k := range []ssh.Signer{k1, k2} {
		pub := filepath.Join(dir, "k.pub")
		os.WriteFile(pub, ssh.MarshalAuthorizedKey(k.PublicKey()), 0o644)
		role := ""
		if i == 1 {
			role = RoleReviewer
		}
		if _, err := AddMember(team, "sara", role, pub); err != nil {
			t.Fatal(err)
		}
	}
	tm, err := LoadTeam(team)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []ssh.Signer{k1, k2} {
		m, ok := tm.Lookup(k.PublicKey())
		if !ok || m.Name != "sara" || m.Role != RoleReviewer {
			t.Errorf("key of sara looks up as %+v %v, want sara the reviewer", m, ok)
		}
	}
	if len(tm.Members) != 1 {
		t.Errorf("two keys for one name made %d members", len(tm.Members))
	}
	notPub := filepath.Join(dir, "not.pub")
	os.WriteFile(notPub, []byte("hello\n"), 0o644)
	if _, err := AddMember(team, "bob", "", notPub); err == nil || !strings.Contains(err.Error(), notPub) {
		t.Errorf("a file that is no public key: %v", err)
	}
	if _, err := AddMember(team, "bob", "chief", filepath.Join(dir, "k.pub")); err == nil {
		t.Error("a role that does not exist was written")
	}
}

// TestTeamFileReloaded: a member added while the server runs gets in; a broken file
// keeps the team as it was.
func TestTeamFileReloaded(t *testing.T) {
	f := newFixture(t, 1, "sara")
	f.start(f.config())
	f.addMember("bob", "")
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := f.dial("bob")
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("bob, added to the team file, is still refused: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := os.WriteFile(f.team, []byte("[[annotator]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for !strings.Contains(f.logBuf.String(), "team file not reloaded") {
		if time.Now().After(deadline) {
			t.Fatalf("a broken team file was not reported:\n%s", f.logBuf.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	c, err := f.dial("sara")
	if err != nil {
		t.Fatalf("a broken team file locked sara out: %v", err)
	}
	c.Close()
}
