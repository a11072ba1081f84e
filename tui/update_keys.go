package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/annotations"
)

func (a *App) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &a.keys
	switch a.mode {
	case modeSearch:
		return a.searchKey(msg)
	case modePicker:
		return a.pickerKey(msg)
	case modeClaim:
		return a.claimFormKey(msg)
	case modeLabels:
		return a.labelPickerKey(msg)
	case modeQuitFailed:
		return a.quitFailedKey(msg)
	case modeAnnList:
		if t, ok := a.mapper.Translate(msg, a.kbGuess); ok {
			msg = t
		}
		return a.annListKey(msg)

	case modeResults:
		return a.resultsKey(msg)
	case modeRelation:
		if key.Matches(msg, k.QuitFromPrompt) {
			return a.quit()
		}
		cmd, _ := a.linkKey(msg)
		return cmd
	case modeHelp, modeWarnings, modeOthers:
		if key.Matches(msg, k.QuitFromPrompt) {
			return a.quit()
		}
		if t, ok := a.mapper.Translate(msg, a.kbGuess); ok {
			msg = t
		}
		if a.mode == modeHelp && a.helpScr.Update(msg, k) {
			a.mode = modeNormal
		}
		if a.mode == modeWarnings && key.Matches(msg, k.WarningsClose, k.Warnings) {
			a.mode = modeNormal
		}
		if a.mode == modeOthers && key.Matches(msg, k.OthersClose, k.Others) {
			a.mode = modeNormal
		}
		return nil
	}
	if t, ok := a.mapper.Translate(msg, a.kbGuess); ok {
		msg = t
	}
	if a.link != nil {
		if cmd, ok := a.linkKey(msg); ok {
			return cmd
		}
	}
	if a.prop != nil { // a propagation's keys come first, as a link's do (keymap_modes.go)
		if cmd, ok := a.propagationKey(a.focused(), msg); ok {
			return cmd
		}
	}
	return a.normalKey(msg)
}

func (a *App) normalKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &a.keys
	p := a.focused()
	switch {
	case key.Matches(msg, k.Quit):
		return a.quit()
	case key.Matches(msg, k.Help):
		a.openHelp()
	case key.Matches(msg, k.Warnings):
		a.mode = modeWarnings
	case key.Matches(msg, k.NextPane):
		a.focus = (a.focus + 1) % len(a.panes)
	case key.Matches(msg, k.PrevPane):
		a.focus = (a.focus + len(a.panes) - 1) % len(a.panes)
	case key.Matches(msg, k.NextDoc, k.PrevDoc):
		n := a.corpus.Len()
		if n == 0 {
			return nil
		}
		step := 1
		if key.Matches(msg, k.PrevDoc) {
			step = n - 1
		}
		return a.openInPane(p, (p.DocIndex+step)%n)
	case key.Matches(msg, k.OpenDoc):
		a.mode = modePicker
		return a.picker.open(a)
	case key.Matches(msg, k.SyncScroll):
		a.sync = !a.sync
		if a.sync {
			a.setStatus("synchronized scrolling on", false)
		} else {
			a.setStatus("synchronized scrolling off", false)
		}
	case key.Matches(msg, k.Search):
		a.mode = modeSearch
		a.input.SetValue("")
		a.history.reset()
		a.input.SetWidth(max(a.width-4, 10))
		return a.input.Focus()
	case key.Matches(msg, k.NextAssigned):
		return a.nextAssigned()
	case key.Matches(msg, k.Others):
		return a.showOthers()
	case key.Matches(msg, k.NextMatch):
		a.stepMatch(p, 1)
	case key.Matches(msg, k.PrevMatch):
		a.stepMatch(p, -1)
	case key.Matches(msg, k.SelectCancel) && p.selAnchor < 0 && a.query != "":
		return a.startSearch("") // clears the highlights; esc with a selection cancels that first

	case key.Matches(msg, k.CorpusResults):
		a.showResults()
	default:
		if cmd, ok := a.navKey(p, msg); ok {
			return cmd
		}
		if cmd, ok := a.annotationKey(p, msg); ok {
			return cmd
		}
		if p.ready() && a.motion(p, msg) {
			if key.Matches(msg, k.Direction) {
				a.setStatus(directionStatus(p, k.Direction.Help().Key), false)
			} else if d := a.describeCursor(p); d != "" {
				a.setStatus(d, false)
			} else if _, ok := a.docs[p.info.ID]; !ok {
				a.describeLate = p.info.ID
			}
		}
	}
	return nil
}

// motion handles cursor and scroll keys; with synchronized scrolling the other panes
// scroll by as many lines as the focused one did.
func (a *App) motion(p *Pane, msg tea.KeyPressMsg) bool {
	k := &a.keys
	before := p.top
	h := p.textHeight()
	switch {
	case key.Matches(msg, k.Down):
		p.moveLines(1)
	case key.Matches(msg, k.Up):
		p.moveLines(-1)
	case key.Matches(msg, k.PageDown):
		p.scroll(h - 1)
	case key.Matches(msg, k.PageUp):
		p.scroll(-(h - 1))
	case key.Matches(msg, k.HalfDown):
		p.scroll(h / 2)
	case key.Matches(msg, k.HalfUp):
		p.scroll(-h / 2)
	case key.Matches(msg, k.Top):
		p.gotoTop()
	case key.Matches(msg, k.Bottom):
		p.gotoBottom()
	case key.Matches(msg, k.NextWord):
		p.moveWord(1)
	case key.Matches(msg, k.PrevWord):
		p.moveWord(-1)
	case key.Matches(msg, k.Left):
		p.moveVisual(-1)
	case key.Matches(msg, k.Right):
		p.moveVisual(1)
	case key.Matches(msg, k.Direction):
		p.cycleDirection()
		p.relayout(a.opts.Engine)
		p.ensureVisible()
	default:
		return false
	}
	if a.sync && before != p.top {
		a.syncScroll(p, before)
	}
	return true
}

func (a *App) syncScroll(p *Pane, before linePos) {
	delta, exact := 0, true
	if before.less(p.top) {
		delta, exact = p.view.distance(before, p.top, 4*p.textHeight())
	} else {
		delta, exact = p.view.distance(p.top, before, 4*p.textHeight())
		delta = -delta
	}
	for _, o := range a.panes {
		if o == p || !o.ready() {
			continue
		}
		if exact {
			o.top, _ = o.view.move(o.top, delta)
		} else {
			// A long jump: keep the same relative position in the document.
			frac := float64(p.view.line(p.top).Start) / float64(max(p.view.text.Len(), 1)) // the line: a paragraph may be the whole document
			o.top = o.view.posOf(int(frac * float64(o.view.text.Len())))
		}
		o.clampCursorToView()
	}
}

// clampCursorToView moves the cursor onto the screen after the view scrolled under it.
func (p *Pane) clampCursorToView() {
	cp := p.cursorPos()
	if cp.less(p.top) {
		p.cursor = p.view.line(p.top).Start
		return
	}
	h := p.textHeight()
	if d, ok := p.view.distance(p.top, cp, h); !ok || d >= h {
		end, _ := p.view.move(p.top, h-1)
		p.cursor = p.view.line(end).Start
	}
}

func (a *App) claimFormKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, a.keys.QuitFromPrompt) {
		return a.quit()
	}
	done, save, cmd := a.form.Update(msg, &a.keys)
	if !done {
		return cmd
	}
	a.mode = modeNormal
	if !save {
		return nil
	}
	c, err := a.form.result()
	if err != nil {
		a.mode = modeClaim
		a.setStatus(err.Error(), true)
		return nil
	}
	if a.form.unchanged(c) {
		if a.form.editing {
			a.setStatus("claim "+c.ID+" is as it was: nothing to save", false)
		} else {
			a.setStatus("claim "+c.ID+" saved as found", false) // AddClaim saved it, number and all
		}
		return nil
	}
	doc := a.form.doc
	return a.apply("claim "+c.ID+" saved", annotations.EditClaim{Doc: doc, Claim: c})
}

func (a *App) labelPickerKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &a.keys
	labels := a.schema.All()
	switch {
	case key.Matches(msg, k.QuitFromPrompt):
		return a.quit()
	case key.Matches(msg, k.LabelCancel):
		a.mode = modeNormal
	case key.Matches(msg, k.LabelUp):
		a.labelCursor = max(a.labelCursor-1, 0)
	case key.Matches(msg, k.LabelDown):
		a.labelCursor = min(a.labelCursor+1, len(labels)-1)
	case key.Matches(msg, k.LabelChoose):
		a.mode = modeNormal
		return a.tag(a.focused(), labels[a.labelCursor].Name)
	default:
		for _, l := range labels {
			if l.Key == msg.String() {
				a.mode = modeNormal
				return a.tag(a.focused(), l.Name)
			}
		}
	}
	return nil
}
