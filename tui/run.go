package tui

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// BDSM (ECMA-48 bidirectional support mode): "CSI 8 l" tells a bidi-aware terminal
// (VTE, mintty) that our output is already in visual order, so it must not reorder it a
// second time; "CSI 8 h" gives the terminal its implicit mode back.
const (
	bdsmExplicit = "\x1b[8l"
	bdsmImplicit = "\x1b[8h"
)

// Run starts the reader on the terminal and blocks until it quits. The terminal's
// bidi mode is restored however the program ends: quit, error, panic or signal.
func Run(ctx context.Context, opts Options, out io.Writer) (err error) {
	logf, lerr := openLog()
	if lerr == nil {
		defer logf.Close()
		log.SetOutput(logf)
	} else {
		log.SetOutput(io.Discard)
	}
	log.Printf("start: corpus %q, %d documents", opts.CorpusName, opts.Corpus.Len())

	io.WriteString(out, bdsmExplicit)
	defer io.WriteString(out, bdsmImplicit)
	defer func() {
		if r := recover(); r != nil {
			log.Printf("panic: %v", r)
			err = fmt.Errorf("hashiya crashed: %v (details in the log under %s)", r, StateDir())
		}
	}()

	// On a terminal the reader paints its own frames, right after each Update (see
	// painter): Bubble Tea's renderer would make every key wait for its next tick.
	// Anywhere else (no terminal on stdin, say) Bubble Tea renders, at its top rate.
	tty, err := openTerminal(out)
	if err != nil {
		return err
	}
	var p *tea.Program
	if tty == nil {
		p = tea.NewProgram(New(opts), tea.WithContext(ctx), tea.WithOutput(out), tea.WithFPS(120))
	} else {
		defer tty.restore()
		pt := newPainter(New(opts), out, colorprofile.Detect(out, os.Environ()))
		defer pt.teardown() // runs before tty.restore
		progOpts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithOutput(out), tea.WithoutRenderer()}
		if ws, ok := tty.size(); ok {
			progOpts = append(progOpts, tea.WithWindowSize(ws.Width, ws.Height))
		}
		p = tea.NewProgram(pt, progOpts...)
		tty.watchResize(p)
	}
	_, err = p.Run()
	if err != nil {
		log.Printf("exit: %v", err)
	}
	return err
}

// openLog opens the log file under $XDG_STATE_HOME/hashiya; nothing is ever logged to
// the terminal while the reader runs.
func openLog() (*os.File, error) {
	dir := StateDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return os.OpenFile(filepath.Join(dir, "hashiya.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
}
