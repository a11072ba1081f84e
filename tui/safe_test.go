package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/hashiya/hashiya/model"
)

// obeyedControl is the first control in s a terminal would act on (C0 but the newline,
// DEL, C1), as a byte offset, or -1.
func obeyedControl(s string) int {
	for i, r := range s {
		if (r < 0x20 && r != '\n') || (r >= 0x7F && r < 0xA0) {
			return i
		}
	}
	return -1
}

// checkSafeFrame fails if the frame or the window title could make the terminal do
// something: retitle itself, leave the alternate screen, ring.
func checkSafeFrame(t *testing.T, a *App, where string) {
	t.Helper()
	v := a.View()
	if i := obeyedControl(v.WindowTitle); i >= 0 || strings.Contains(v.WindowTitle, "\n") {
		t.Errorf("%s: the window title holds a control at byte %d: %q", where, i, v.WindowTitle)
	}
	for _, bad := range []string{"\a", "\x1b]", "\x1b[?1049", "\u009b"} {
		if strings.Contains(v.Content, bad) {
			t.Errorf("%s: the frame sends %q to the terminal", where, bad)
		}
	}
	if i := obeyedControl(ansi.Strip(v.Content)); i >= 0 {
		t.Errorf("%s: the plain frame holds a control at byte %d", where, i)
	}
}

func TestFileNameRetitlesTerminalOrLeavesAltScreen(t *testing.T) {
	dir := t.TempDir()
	names := []string{"t\a\x1b]0;PWNED\a.txt", "x\x1b[?1049l.txt", "ids\u009b.jsonl"}
	contents := []string{
		"سلام \xff عليكم\n", // invalid UTF-8: a warning naming the file
		"hello\n",
		`{"id":"\u001b]0;PWNED\u0007id","text":"مرحبا"}` + "\n" + `{"id":"\u001b[?1049lx","text":"ok"}` + "\n",
	}
	var paths []string
	for i, n := range names {
		p := filepath.Join(dir, n)
		if err := os.WriteFile(p, []byte(contents[i]), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	c, err := model.Open(paths)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	a := New(Options{Corpus: c, CorpusName: strings.Join(names, ", "), Annotator: "t\x1b]0;x\a"})
	drive(t, a, a.Init())
	for _, size := range [][2]int{{200, 30}, {60, 20}} {
		resize(t, a, size[0], size[1])
		checkSafeFrame(t, a, "first screen")
		k := a.keys
		for i := 0; i < c.Len(); i++ {
			press(t, a, k.NextDoc.Keys()[0])
			checkSafeFrame(t, a, "next document")
		}
		press(t, a, k.Warnings.Keys()[0])
		if scr := screen(a); !strings.Contains(scr, "t␇␛]0;PWNED␇.txt:1:") {
			t.Errorf("the warnings list does not name the file with control pictures:\n%s", scr)
		}
		checkSafeFrame(t, a, "warnings")
		press(t, a, k.Warnings.Keys()[0], k.OpenDoc.Keys()[0])
		checkSafeFrame(t, a, "picker")
		press(t, a, "esc", k.Help.Keys()[0])
		checkSafeFrame(t, a, "help")
		press(t, a, k.Help.Keys()[0])
	}
	if got := a.View().WindowTitle; !strings.Contains(got, "t␇␛]0;PWNED␇.txt") {
		t.Errorf("the window title does not show the name with control pictures: %q", got)
	}
}

func TestStrayNULOpensWithPictureAndWarning(t *testing.T) {
	p := filepath.Join(t.TempDir(), "scraped.txt")
	if err := os.WriteFile(p, []byte("قالت سيول\x00 إن كوريا الشمالية نشرت قوات.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := openApp(t, 100, 20, p)
	if err != nil {
		t.Fatalf("a stray NUL refused the article: %v", err)
	}
	scr := screen(a)
	if !strings.Contains(scr, "␀") {
		t.Errorf("the NUL is not shown as ␀:\n%s", scr)
	}
	if !strings.Contains(scr, "scraped.txt:1: NUL byte at byte 17") {
		t.Errorf("no warning naming file, line and byte offset on the first screen:\n%s", scr)
	}
	if n := a.focused().view.text.Len(); n != len([]rune("قالت سيول\x00 إن كوريا الشمالية نشرت قوات.\n")) {
		t.Errorf("the text has %d code points: the NUL must be one", n)
	}
	checkSafeFrame(t, a, "NUL")
}
