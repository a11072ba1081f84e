// Command keyframe measures key→frame latency in tmux the way a user feels it: send a
// key, poll capture-pane until the screen changes. Several commands run side by side,
// each in its own tmux server, and are measured in turns (A, B, A, B, ...) so that the
// load of the machine falls on all of them alike.
//
//	go run ./bench/reader/keyframe -n 200 'hashiya=bin/hashiya corpus' 'less=less -S file.txt'
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

type target struct {
	name, command, sock string
	took                []time.Duration
}

func main() {
	n := flag.Int("n", 200, "key presses per command")
	width := flag.Int("x", 240, "terminal width")
	height := flag.Int("y", 60, "terminal height")
	keys := flag.String("keys", "j,k", "tmux key names sent in turn (each must change the screen)")
	ready := flag.String("ready", "", "text the screen shows once a command is ready (default: any non-blank screen)")
	flag.Parse()
	if flag.NArg() == 0 {
		log.Fatal("usage: keyframe [flags] NAME=COMMAND...")
	}
	dir, err := os.MkdirTemp("", "keyframe")
	if err != nil {
		log.Fatal(err)
	}
	defer func() { stop(); os.RemoveAll(dir) }()
	tmp = dir
	var ts []*target
	for i, arg := range flag.Args() {
		name, command, ok := strings.Cut(arg, "=")
		if !ok {
			fatalf("%q: want NAME=COMMAND", arg)
		}
		t := &target{name: name, command: command, sock: filepath.Join(dir, fmt.Sprintf("s%d", i))}
		tmux(t.sock, "-f", "/dev/null", "new-session", "-d", "-x", fmt.Sprint(*width), "-y", fmt.Sprint(*height),
			"-e", "XDG_STATE_HOME="+dir, "-e", "XDG_CONFIG_HOME="+dir, command)
		servers = append(servers, t.sock)
		ts = append(ts, t)
	}
	for _, t := range ts {
		deadline := time.Now().Add(20 * time.Second)
		for s := capture(t.sock); len(bytes.TrimSpace(s)) == 0 || *ready != "" && !bytes.Contains(s, []byte(*ready)); s = capture(t.sock) {
			if time.Now().After(deadline) {
				fatalf("%s: not ready after 20 s:\n%s", t.name, s)
			}
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(300 * time.Millisecond) // let start-up work (indexing, colours) settle
	}
	ks := strings.Split(*keys, ",")
	for i := range *n {
		for _, t := range ts {
			before := capture(t.sock)
			t0 := time.Now()
			tmux(t.sock, "send-keys", "-t", "0", ks[i%len(ks)])
			for bytes.Equal(capture(t.sock), before) {
				if time.Since(t0) > 2*time.Second {
					fatalf("%s: key %s did not change the screen", t.name, ks[i%len(ks)])
				}
			}
			t.took = append(t.took, time.Since(t0))
			time.Sleep(time.Duration(7+i%11) * time.Millisecond) // keys do not arrive in step with any tick
		}
	}
	for _, t := range ts {
		slices.Sort(t.took)
		fmt.Printf("%-10s key→frame median %5.1f ms, p95 %5.1f ms (%d keys)\n", t.name,
			ms(t.took[len(t.took)/2]), ms(t.took[len(t.took)*95/100]), len(t.took))
	}
	if len(ts) > 1 {
		for _, t := range ts[1:] {
			fmt.Printf("median %s/%s: %.2f\n", ts[0].name, t.name, ms(ts[0].took[len(ts[0].took)/2])/ms(t.took[len(t.took)/2]))
		}
	}
}

var servers []string // tmux servers to kill on the way out
var tmp string

func stop() {
	for _, s := range servers {
		exec.Command("tmux", "-S", s, "kill-server").Run()
	}
}

func fatalf(format string, args ...any) {
	stop()
	os.RemoveAll(tmp)
	log.Fatalf(format, args...)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1e3 }

func tmux(sock string, args ...string) {
	if out, err := exec.Command("tmux", append([]string{"-S", sock}, args...)...).CombinedOutput(); err != nil {
		fatalf("tmux %v: %v\n%s", args, err, out)
	}
}

func capture(sock string) []byte {
	out, err := exec.Command("tmux", "-S", sock, "capture-pane", "-p", "-e", "-t", "0").Output()
	if err != nil {
		fatalf("capture-pane: %v", err)
	}
	return out
}
