package tui

import (
	"errors"

	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/text/bidi"
)

// bindingRun is one binding's case: a reader with a session at 120x40, the keys that
// bring it to the binding's mode, the binding pressed through its first key, and what
// it must have done.
type bindingRun struct {
	t     *testing.T
	a     *App
	k     *KeyMap
	hits  map[string]bool
	quits bool // the last hit ended the program
}

// hit presses the bindings through their first keys, noting each as tested.
func (r *bindingRun) hit(bs ...*key.Binding) {
	r.t.Helper()
	for _, b := range bs {
		r.hits[r.k.nameOf(b)] = true
		msg, err := walkKeyMsg(b.Keys()[0])
		if err != nil {
			r.t.Fatal(err)
		}
		_, cmd := r.a.Update(msg)
		r.quits = runQuits(r.t, r.a, cmd)
	}
}

func (r *bindingRun) p() *Pane { return r.a.focused() }

func (r *bindingRun) spans() []annotations.Span {
	p := r.p()
	return r.a.spans(p.info.ID, 0, p.view.text.Len())
}

// span is the one span of the focused document.
func (r *bindingRun) span() annotations.Span {
	r.t.Helper()
	s := r.spans()
	if len(s) != 1 {
		r.t.Fatalf("want one span, have %+v", s)
	}
	return s[0]
}

// tag labels the words from the cursor's to n-1 words on with the first label.
func (r *bindingRun) tag(n int) {
	r.t.Helper()
	r.hit(&r.k.Select)
	for i := 1; i < n; i++ {
		r.hit(&r.k.NextWord)
	}
	typeText(r.t, r.a, r.a.schema.Labels[0].Key)
	r.span()
}

// claimHere marks the word under the cursor as a claim and closes its form.
func (r *bindingRun) claimHere() {
	r.t.Helper()
	r.hit(&r.k.Claim)
	if r.a.mode != modeClaim {
		r.t.Fatalf("claim did not open the form (mode %d, status %q)", r.a.mode, r.a.status)
	}
	r.hit(&r.k.FormCancel)
}

// linked makes a claim in the second pane linked to one in the first, the cursor on
// the first pane's claim.
func (r *bindingRun) linked() {
	r.t.Helper()
	r.claimHere()
	r.hit(&r.k.NextPane)
	r.claimHere()
	r.hit(&r.k.Link, &r.k.PrevPane, &r.k.LinkTarget, &r.k.LinkChoice)
	if c := r.a.claimAt(r.p()); c == nil || len(c.Links) != 1 {
		r.t.Fatalf("no link made: %+v (status %q)", c, r.a.status)
	}
}

func (r *bindingRun) claim() annotations.Claim {
	r.t.Helper()
	c := r.a.claimAt(r.p())
	if c == nil {
		r.t.Fatalf("no claim under the cursor")
	}
	return *c
}

func (r *bindingRun) answer() string {
	v, err := r.a.session.Doc(r.p().info.ID)
	if err != nil {
		r.t.Fatal(err)
	}
	return v.Answer
}

// expect fails unless ok, saying what the binding should have done.
func (r *bindingRun) expect(ok bool, format string, args ...any) {
	r.t.Helper()
	if !ok {
		r.t.Errorf(format, args...)
	}
}

// bindingCases holds what every binding does in its mode, by config name.
func bindingCases() map[string]func(r *bindingRun) {
	cases := readerBindingCases()
	for name, c := range reviewBindingCases() { // review_test.go
		cases[name] = c
	}
	return cases
}

func readerBindingCases() map[string]func(r *bindingRun) {
	search := func(r *bindingRun) {
		r.hit(&r.k.Search)
		typeText(r.t, r.a, "كوريا")
		r.hit(&r.k.SearchRun)
	}
	corpusSearch := func(r *bindingRun) {
		r.hit(&r.k.Search)
		typeText(r.t, r.a, "كوريا")
		r.hit(&r.k.SearchCorpus)
	}
	return map[string]func(r *bindingRun){
		// Documents and panes.
		"next_pane": func(r *bindingRun) { r.hit(&r.k.NextPane); r.expect(r.a.focus == 1, "focus %d", r.a.focus) },
		"prev_pane": func(r *bindingRun) {
			r.hit(&r.k.PrevPane)
			r.expect(r.a.focus == len(r.a.panes)-1, "focus %d", r.a.focus)
		},
		"next_doc": func(r *bindingRun) {
			d := r.p().DocIndex
			r.hit(&r.k.NextDoc)
			r.expect(r.p().DocIndex == (d+1)%r.a.corpus.Len(), "document %d after %d", r.p().DocIndex, d)
		},
		"prev_doc": func(r *bindingRun) {
			d := r.p().DocIndex
			r.hit(&r.k.PrevDoc)
			r.expect(r.p().DocIndex == (d+r.a.corpus.Len()-1)%r.a.corpus.Len(), "document %d after %d", r.p().DocIndex, d)
		},
		"open_doc":    func(r *bindingRun) { r.hit(&r.k.OpenDoc); r.expect(r.a.mode == modePicker, "mode %d", r.a.mode) },
		"sync_scroll": func(r *bindingRun) { r.hit(&r.k.SyncScroll); r.expect(r.a.sync, "sync off") },
		"direction":   func(r *bindingRun) { r.hit(&r.k.Direction); r.expect(r.p().dir == bidi.RTL, "direction %v", r.p().dir) },

		// Moving.
		"down": func(r *bindingRun) { r.hit(&r.k.Down); r.expect(r.p().cursor > 0, "cursor %d", r.p().cursor) },
		"up": func(r *bindingRun) {
			r.hit(&r.k.Down)
			r.hit(&r.k.Up)
			r.expect(r.p().cursor == 0, "cursor %d", r.p().cursor)
		},
		"page_down": func(r *bindingRun) { r.hit(&r.k.PageDown); r.expect(r.p().top != linePos{}, "top %v", r.p().top) },
		"page_up": func(r *bindingRun) {
			r.hit(&r.k.PageDown, &r.k.PageUp)
			r.expect(r.p().top == linePos{}, "top %v", r.p().top)
		},
		"half_down": func(r *bindingRun) { r.hit(&r.k.HalfDown); r.expect(r.p().top != linePos{}, "top %v", r.p().top) },
		"half_up": func(r *bindingRun) {
			r.hit(&r.k.HalfDown, &r.k.HalfUp)
			r.expect(r.p().top == linePos{}, "top %v", r.p().top)
		},
		"top": func(r *bindingRun) {
			r.hit(&r.k.Bottom, &r.k.Top)
			r.expect(r.p().cursor == 0 && r.p().top == linePos{}, "cursor %d, top %v", r.p().cursor, r.p().top)
		},
		"bottom": func(r *bindingRun) {
			r.hit(&r.k.Bottom)
			r.expect(r.p().cursor >= r.p().view.text.Len()-2, "cursor %d of %d", r.p().cursor, r.p().view.text.Len())
		},
		"next_word": func(r *bindingRun) { r.hit(&r.k.NextWord); r.expect(r.p().cursor > 1, "cursor %d", r.p().cursor) },
		"prev_word": func(r *bindingRun) {
			r.hit(&r.k.NextWord)
			c := r.p().cursor
			r.hit(&r.k.NextWord, &r.k.PrevWord)
			r.expect(r.p().cursor == c, "cursor %d, want %d", r.p().cursor, c)
		},
		// The first line is Arabic: left goes on in reading order.
		"left": func(r *bindingRun) { r.hit(&r.k.Left); r.expect(r.p().cursor == 1, "cursor %d", r.p().cursor) },
		"right": func(r *bindingRun) {
			r.hit(&r.k.Left, &r.k.Right)
			r.expect(r.p().cursor == 0, "cursor %d", r.p().cursor)
		},

		// Search.
		"search": func(r *bindingRun) { r.hit(&r.k.Search); r.expect(r.a.mode == modeSearch, "mode %d", r.a.mode) },
		"search_run": func(r *bindingRun) {
			search(r)
			r.expect(r.a.query == "كوريا" && r.a.mode == modeNormal && len(r.p().matches) > 1, "query %q, mode %d, %d matches", r.a.query, r.a.mode, len(r.p().matches))
		},
		"search_cancel": func(r *bindingRun) {
			r.hit(&r.k.Search)
			typeText(r.t, r.a, "كوريا")
			r.hit(&r.k.SearchCancel)
			r.expect(r.a.query == "" && r.a.mode == modeNormal, "query %q, mode %d", r.a.query, r.a.mode)
		},
		"next_match": func(r *bindingRun) {
			search(r)
			c := r.p().current
			r.hit(&r.k.NextMatch)
			r.expect(r.p().current == c+1, "match %d after %d", r.p().current, c)
		},
		"prev_match": func(r *bindingRun) {
			search(r)
			c := r.p().current
			r.hit(&r.k.NextMatch, &r.k.PrevMatch)
			r.expect(r.p().current == c, "match %d, want %d", r.p().current, c)
		},

		// The app.
		"help":     func(r *bindingRun) { r.hit(&r.k.Help); r.expect(r.a.mode == modeHelp, "mode %d", r.a.mode) },
		"warnings": func(r *bindingRun) { r.hit(&r.k.Warnings); r.expect(r.a.mode == modeWarnings, "mode %d", r.a.mode) },
		"quit":     func(r *bindingRun) { r.hit(&r.k.Quit); r.expect(r.quits, "the program goes on") },
		"quit_anyway": func(r *bindingRun) {
			r.a.failQuit(errors.New("no space left on device"))
			r.hit(&r.k.QuitAnyway)
			r.expect(r.quits, "the program goes on")
		},
		"quit_back": func(r *bindingRun) {
			r.a.failQuit(errors.New("no space left on device"))
			r.hit(&r.k.QuitBack)
			r.expect(!r.quits && r.a.mode == modeNormal, "quits %v, mode %d", r.quits, r.a.mode)
		},
		"quit_from_prompt": func(r *bindingRun) {
			r.hit(&r.k.OpenDoc, &r.k.QuitFromPrompt)
			r.expect(r.quits, "the program goes on")
		},

		// Selecting, tagging, editing.
		"select": func(r *bindingRun) { r.hit(&r.k.Select); r.expect(r.p().selAnchor == 0, "anchor %d", r.p().selAnchor) },
		"select_cancel": func(r *bindingRun) {
			r.hit(&r.k.Select, &r.k.NextWord, &r.k.SelectCancel)
			r.expect(r.p().selAnchor < 0, "anchor %d", r.p().selAnchor)
			// With no selection it clears the search's highlights.
			search(r)
			r.hit(&r.k.SelectCancel)
			r.expect(r.a.query == "" && len(r.p().matches) == 0, "query %q, %d matches", r.a.query, len(r.p().matches))
		},
		"label_picker": func(r *bindingRun) { r.hit(&r.k.LabelPicker); r.expect(r.a.mode == modeLabels, "mode %d", r.a.mode) },
		"claim": func(r *bindingRun) {
			r.hit(&r.k.Claim)
			r.expect(r.a.mode == modeClaim && len(claimsOf(r.a, r.p())) == 1, "mode %d, claims %v", r.a.mode, claimsOf(r.a, r.p()))
		},
		"remove": func(r *bindingRun) {
			r.tag(1)
			r.hit(&r.k.Remove)
			r.expect(len(r.spans()) == 0, "spans %v", r.spans())
		},
		"undo": func(r *bindingRun) { r.tag(1); r.hit(&r.k.Undo); r.expect(len(r.spans()) == 0, "spans %v", r.spans()) },
		"redo": func(r *bindingRun) {
			r.tag(1)
			r.hit(&r.k.Undo, &r.k.Redo)
			r.expect(len(r.spans()) == 1, "spans %v", r.spans())
		},
		"grow_end":          resizeCase(func(k *KeyMap) *key.Binding { return &k.GrowEnd }, 0, 1),
		"shrink_end":        resizeCase(func(k *KeyMap) *key.Binding { return &k.ShrinkEnd }, 0, -1),
		"grow_start":        resizeCase(func(k *KeyMap) *key.Binding { return &k.GrowStart }, -1, 0),
		"shrink_start":      resizeCase(func(k *KeyMap) *key.Binding { return &k.ShrinkStart }, 1, 0),
		"grow_end_char":     resizeCase(func(k *KeyMap) *key.Binding { return &k.GrowEndChar }, 0, 1),
		"shrink_end_char":   resizeCase(func(k *KeyMap) *key.Binding { return &k.ShrinkEndChar }, 0, -1),
		"grow_start_char":   resizeCase(func(k *KeyMap) *key.Binding { return &k.GrowStartChar }, -1, 0),
		"shrink_start_char": resizeCase(func(k *KeyMap) *key.Binding { return &k.ShrinkStartChar }, 1, 0),

		// Claims and links.
		"link": func(r *bindingRun) {
			r.claimHere()
			r.hit(&r.k.Link)
			r.expect(r.a.link != nil, "no link started (status %q)", r.a.status)
		},
		"link_target": func(r *bindingRun) {
			r.claimHere()
			r.hit(&r.k.NextPane)
			r.claimHere()
			r.hit(&r.k.Link, &r.k.PrevPane, &r.k.LinkTarget)
			r.expect(r.a.mode == modeRelation, "mode %d (status %q)", r.a.mode, r.a.status)
		},
		"link_choice": func(r *bindingRun) {
			r.linked()
			r.expect(r.claim().Links[0].Relation == relations[0], "relation %q", r.claim().Links[0].Relation)
		},
		"link_cancel": func(r *bindingRun) {
			r.claimHere()
			r.hit(&r.k.Link, &r.k.LinkCancel)
			r.expect(r.a.link == nil, "the link is still being made")
		},
		"unlink": func(r *bindingRun) {
			r.linked()
			r.hit(&r.k.Unlink)
			r.expect(len(r.claim().Links) == 0, "links %v", r.claim().Links)
		},
		"relink": func(r *bindingRun) {
			r.linked()
			r.hit(&r.k.Relink)
			r.expect(r.a.mode == modeRelation, "mode %d", r.a.mode)
			r.hit(&r.k.LinkChoice) // the same relation: nothing changes, and it says so
			second, _ := walkKeyMsg(r.k.LinkChoice.Keys()[1])
			r.hit(&r.k.Relink)
			_, cmd := r.a.Update(second)
			drive(r.t, r.a, cmd)
			r.expect(r.claim().Links[0].Relation == relations[1], "relation %q", r.claim().Links[0].Relation)
		},

		// Answers.
		// Team server (hashiya serve).
		"next_assigned": func(r *bindingRun) {
			r.a.opts.Team = &fakeTeam{next: 3}
			r.hit(&r.k.NextAssigned)
			r.expect(r.p().DocIndex == 3, "pane on document %d, want 3 (status %q)", r.p().DocIndex, r.a.status)
		},
		"others": func(r *bindingRun) {
			r.a.opts.Team = &fakeTeam{others: []string{"reza: PERSON «بوتين» 10–15"}}
			r.hit(&r.k.Others)
			r.expect(r.a.mode == modeOthers && strings.Contains(r.a.View().Content, "reza: PERSON"), "mode %d, others %q", r.a.mode, r.a.team.others)
		},
		"others_close": func(r *bindingRun) {
			r.a.opts.Team = &fakeTeam{others: []string{"reza: PERSON «بوتين» 10–15"}}
			r.hit(&r.k.Others, &r.k.OthersClose)
			r.expect(r.a.mode == modeNormal, "mode %d after closing the others' list", r.a.mode)
		},
		"accept": func(r *bindingRun) {
			r.hit(&r.k.Accept)
			r.expect(r.answer() == annotations.AnswerAccept, "answer %q", r.answer())
		},
		"reject": func(r *bindingRun) {
			r.hit(&r.k.Reject)
			r.expect(r.answer() == annotations.AnswerReject, "answer %q", r.answer())
		},
		"ignore": func(r *bindingRun) {
			r.hit(&r.k.Ignore)
			r.expect(r.answer() == annotations.AnswerIgnore, "answer %q", r.answer())
		},

		// The document list.
		"picker_down": func(r *bindingRun) {
			r.hit(&r.k.OpenDoc)
			c := r.a.picker.cursor
			r.hit(&r.k.PickerDown)
			r.expect(r.a.picker.cursor == c+1, "highlight %d after %d", r.a.picker.cursor, c)
		},
		"picker_up": func(r *bindingRun) {
			r.hit(&r.k.OpenDoc)
			c := r.a.picker.cursor
			r.hit(&r.k.PickerDown, &r.k.PickerUp)
			r.expect(r.a.picker.cursor == c, "highlight %d, want %d", r.a.picker.cursor, c)
		},
		"picker_open": func(r *bindingRun) {
			r.hit(&r.k.OpenDoc, &r.k.PickerDown)
			want := r.a.picker.items[r.a.picker.cursor]
			r.hit(&r.k.PickerOpen)
			r.expect(r.a.mode == modeNormal && r.p().DocIndex == want, "mode %d, document %d, want %d", r.a.mode, r.p().DocIndex, want)
		},
		"picker_cancel": func(r *bindingRun) {
			d := r.p().DocIndex
			r.hit(&r.k.OpenDoc, &r.k.PickerDown, &r.k.PickerCancel)
			r.expect(r.a.mode == modeNormal && r.p().DocIndex == d, "mode %d, document %d", r.a.mode, r.p().DocIndex)
		},

		// The label picker.
		"label_down": func(r *bindingRun) {
			r.hit(&r.k.LabelPicker, &r.k.LabelDown)
			r.expect(r.a.labelCursor == 1, "highlight %d", r.a.labelCursor)
		},
		"label_up": func(r *bindingRun) {
			r.hit(&r.k.LabelPicker, &r.k.LabelDown, &r.k.LabelUp)
			r.expect(r.a.labelCursor == 0, "highlight %d", r.a.labelCursor)
		},
		"label_choose": func(r *bindingRun) {
			r.hit(&r.k.LabelPicker, &r.k.LabelDown, &r.k.LabelChoose)
			r.expect(r.span().Label == r.a.schema.All()[1].Name, "span %+v", r.span())
		},
		"label_cancel": func(r *bindingRun) {
			r.hit(&r.k.LabelPicker, &r.k.LabelCancel)
			r.expect(r.a.mode == modeNormal && len(r.spans()) == 0, "mode %d, spans %v", r.a.mode, r.spans())
		},

		// The claim form.
		"form_next": func(r *bindingRun) {
			r.hit(&r.k.Claim, &r.k.FormNext)
			r.expect(r.a.form.field == fieldAttribution, "field %d", r.a.form.field)
		},
		"form_prev": func(r *bindingRun) {
			r.hit(&r.k.Claim, &r.k.FormPrev)
			r.expect(r.a.form.field == fieldCount-1, "field %d", r.a.form.field)
		},
		"form_save": func(r *bindingRun) {
			r.hit(&r.k.Claim, &r.k.FormNext, &r.k.FormOptionNext, &r.k.FormSave)
			r.expect(r.a.mode == modeNormal && r.claim().Attribution == attributions[1], "mode %d, claim %+v", r.a.mode, r.claim())
		},
		"form_cancel": func(r *bindingRun) {
			r.hit(&r.k.Claim, &r.k.FormNext, &r.k.FormOptionNext, &r.k.FormCancel)
			r.expect(r.a.mode == modeNormal && r.claim().Attribution == attributions[0], "mode %d, claim %+v", r.a.mode, r.claim())
		},
		"form_entity_next": func(r *bindingRun) {
			r.tag(1)
			r.hit(&r.k.NextWord, &r.k.Claim, &r.k.FormEntityNext)
			f := r.a.form
			r.expect(f.entity == 0 && f.claimant.Value() == r.span().Text, "entity %d, claimant %q", f.entity, f.claimant.Value())
		},
		"form_entity_prev": func(r *bindingRun) {
			r.tag(1)
			r.hit(&r.k.NextWord, &r.k.Claim, &r.k.FormEntityPrev)
			f := r.a.form
			r.expect(f.entity == len(f.entities)-1 && f.claimant.Value() == r.span().Text, "entity %d, claimant %q", f.entity, f.claimant.Value())
		},
		"form_option_next": func(r *bindingRun) {
			r.hit(&r.k.Claim, &r.k.FormNext, &r.k.FormOptionNext)
			r.expect(r.a.form.claim.Attribution == attributions[1], "attribution %q", r.a.form.claim.Attribution)
		},
		"form_option_prev": func(r *bindingRun) {
			r.hit(&r.k.Claim, &r.k.FormNext, &r.k.FormOptionPrev)
			r.expect(r.a.form.claim.Attribution == attributions[len(attributions)-1], "attribution %q", r.a.form.claim.Attribution)
		},
		"form_yes": func(r *bindingRun) {
			r.hit(&r.k.Claim, &r.k.FormNext, &r.k.FormNext, &r.k.FormYes)
			r.expect(r.a.form.claim.Checkworthy, "not check-worthy")
		},
		"form_no": func(r *bindingRun) {
			r.hit(&r.k.Claim, &r.k.FormNext, &r.k.FormNext, &r.k.FormYes, &r.k.FormNo)
			r.expect(!r.a.form.claim.Checkworthy, "still check-worthy")
		},

		// The help and the warnings list (the help at 120x40 is longer than the screen).
		"help_down": func(r *bindingRun) {
			r.hit(&r.k.Help, &r.k.HelpDown)
			r.expect(r.a.helpScr.top == 1, "top %d", r.a.helpScr.top)
		},
		"help_up": func(r *bindingRun) {
			r.hit(&r.k.Help, &r.k.HelpDown, &r.k.HelpDown, &r.k.HelpUp)
			r.expect(r.a.helpScr.top == 1, "top %d", r.a.helpScr.top)
		},
		"help_page_down": func(r *bindingRun) {
			r.hit(&r.k.Help, &r.k.HelpPageDown)
			h := &r.a.helpScr
			r.expect(h.top > 1 && h.top == min(h.visibleRows()-1, len(h.rows)-h.visibleRows()), "top %d", h.top)
		},
		"help_page_up": func(r *bindingRun) {
			r.hit(&r.k.Help, &r.k.HelpBottom)
			top := r.a.helpScr.top
			r.hit(&r.k.HelpPageUp)
			r.expect(r.a.helpScr.top == max(top-r.a.helpScr.visibleRows()+1, 0), "top %d after %d", r.a.helpScr.top, top)
		},
		"help_top": func(r *bindingRun) {
			r.hit(&r.k.Help, &r.k.HelpPageDown, &r.k.HelpTop)
			r.expect(r.a.helpScr.top == 0, "top %d", r.a.helpScr.top)
		},
		"help_bottom": func(r *bindingRun) {
			r.hit(&r.k.Help, &r.k.HelpBottom)
			h := &r.a.helpScr
			r.expect(h.top > 0 && h.top == len(h.rows)-h.visibleRows(), "top %d of %d rows", h.top, len(h.rows))
		},
		"help_close": func(r *bindingRun) {
			r.hit(&r.k.Help, &r.k.HelpClose)
			r.expect(r.a.mode == modeNormal, "mode %d", r.a.mode)
		},
		"warnings_close": func(r *bindingRun) {
			r.hit(&r.k.Warnings, &r.k.WarningsClose)
			r.expect(r.a.mode == modeNormal, "mode %d", r.a.mode)
		},

		// Navigation by progress: the neighbour on that side is annotated (answered),
		// so the binding must skip it.
		"next_unannotated": func(r *bindingRun) {
			r.hit(&r.k.NextDoc)
			r.tag(1)
			r.hit(&r.k.PrevDoc, &r.k.NextUnannotated)
			r.expect(r.p().DocIndex == 2, "document %d, want 2 (1 is annotated)", r.p().DocIndex)
		},
		"prev_unannotated": func(r *bindingRun) {
			r.hit(&r.k.PrevDoc)
			r.tag(1)
			last := r.p().DocIndex
			r.hit(&r.k.NextDoc, &r.k.PrevUnannotated)
			r.expect(r.p().DocIndex == last-1, "document %d, want %d (%d is annotated)", r.p().DocIndex, last-1, last)
		},
		"next_unanswered": func(r *bindingRun) {
			r.hit(&r.k.NextDoc, &r.k.Accept, &r.k.PrevDoc, &r.k.NextUnanswered)
			r.expect(r.p().DocIndex == 2, "document %d, want 2 (1 is answered)", r.p().DocIndex)
		},
		"prev_unanswered": func(r *bindingRun) {
			r.hit(&r.k.PrevDoc, &r.k.Accept)
			last := r.p().DocIndex
			r.hit(&r.k.NextDoc, &r.k.PrevUnanswered)
			r.expect(r.p().DocIndex == last-1, "document %d, want %d (%d is answered)", r.p().DocIndex, last-1, last)
		},

		// The annotations list.
		"annotation_list": func(r *bindingRun) {
			r.tag(1)
			r.hit(&r.k.AnnotationList)
			sp := r.span()
			row := fmt.Sprintf("%s    %s", sp.ID, sp.Label) // the screen shows the text in visual order
			r.expect(r.a.mode == modeAnnList && len(r.a.annItems(r.p())) == 1 && strings.Contains(screen(r.a), row),
				"mode %d, rows %d:\n%s", r.a.mode, len(r.a.annItems(r.p())), screen(r.a))
		},
		"list_jump": func(r *bindingRun) {
			r.hit(&r.k.NextWord, &r.k.NextWord)
			r.tag(1)
			want := r.span().Start
			r.hit(&r.k.Top, &r.k.AnnotationList, &r.k.ListJump)
			r.expect(r.a.mode == modeNormal && want > 0 && r.p().cursor == want, "mode %d, cursor %d, want %d", r.a.mode, r.p().cursor, want)
		},
		"list_close": func(r *bindingRun) {
			r.hit(&r.k.NextWord)
			c := r.p().cursor
			r.hit(&r.k.AnnotationList, &r.k.ListClose)
			r.expect(r.a.mode == modeNormal && r.p().cursor == c, "mode %d, cursor %d, want %d", r.a.mode, r.p().cursor, c)
		},

		// Corpus-wide search and the search history.
		"search_corpus": func(r *bindingRun) {
			corpusSearch(r)
			res := r.a.results
			r.expect(r.a.mode == modeResults && !res.running && res.prog.searched == r.a.corpus.Len() && len(res.hits) > 0,
				"mode %d, progress %+v, %d hits", r.a.mode, res.prog, len(res.hits))
		},
		"history_prev": func(r *bindingRun) {
			search(r)
			r.hit(&r.k.Search, &r.k.HistoryPrev)
			r.expect(r.a.input.Value() == "كوريا", "prompt %q", r.a.input.Value())
		},
		"history_next": func(r *bindingRun) {
			search(r)
			r.hit(&r.k.Search)
			typeText(r.t, r.a, "treaty")
			r.hit(&r.k.HistoryPrev, &r.k.HistoryNext)
			r.expect(r.a.input.Value() == "treaty", "prompt %q, want what was typed", r.a.input.Value())
		},
		"corpus_results": func(r *bindingRun) {
			corpusSearch(r)
			n := len(r.a.results.hits)
			r.hit(&r.k.ResultClose, &r.k.CorpusResults)
			r.expect(r.a.mode == modeResults && len(r.a.results.hits) == n, "mode %d, %d hits, want %d", r.a.mode, len(r.a.results.hits), n)
		},
		"result_open": func(r *bindingRun) {
			corpusSearch(r)
			res := r.a.results
			for res.cursor < len(res.hits)-1 && res.hits[res.cursor].doc == r.p().DocIndex {
				r.hit(&r.k.Down)
			}
			want := res.hits[res.cursor]
			r.hit(&r.k.ResultOpen)
			r.expect(r.a.mode == modeNormal && want.doc != 0 && r.p().DocIndex == want.doc && r.p().cursor == want.start,
				"mode %d, document %d, cursor %d, want the hit %+v", r.a.mode, r.p().DocIndex, r.p().cursor, want)
		},
		"result_close": func(r *bindingRun) {
			corpusSearch(r)
			r.hit(&r.k.ResultClose)
			r.expect(r.a.mode == modeNormal && r.p().DocIndex == 0, "mode %d, document %d", r.a.mode, r.p().DocIndex)
		},
	}
}

// resizeCase tags the third and fourth words and checks that b moves the span's start
// and end the ways given (-1 earlier, 1 later, 0 not at all).
func resizeCase(b func(*KeyMap) *key.Binding, startWay, endWay int) func(r *bindingRun) {
	sign := func(d int) int { return min(max(d, -1), 1) }
	return func(r *bindingRun) {
		r.hit(&r.k.NextWord, &r.k.NextWord)
		r.tag(2)
		before := r.span()
		r.hit(b(r.k))
		after := r.span()
		r.expect(sign(after.Start-before.Start) == startWay && sign(after.End-before.End) == endWay,
			"span [%d,%d) became [%d,%d)", before.Start, before.End, after.Start, after.End)
	}
}

// TestEveryBindingActsInItsMode presses every binding of the KeyMap, in the mode it
// acts in, through its first key, and checks what it did; a binding without a case
// fails, so a new one needs one.
func TestEveryBindingActsInItsMode(t *testing.T) {
	cases := bindingCases()
	for name, c := range moreBindingCases() {
		if cases[name] != nil {
			t.Fatalf("two cases for %s", name)
		}
		cases[name] = c
	}
	km := DefaultKeyMap()
	for _, name := range km.Names() {
		c, ok := cases[name]
		if !ok {
			t.Errorf("binding %s has no case here", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			a, _ := newAnnotatingApp(t, 120, 40)
			r := &bindingRun{t: t, a: a, k: &a.keys, hits: map[string]bool{}}
			c(r)
			if !r.hits[name] {
				t.Errorf("the case never pressed %s", name)
			}
		})
	}
	for name := range cases {
		if km.byName()[name] == nil {
			t.Errorf("case %s names no binding", name)
		}
	}
}
