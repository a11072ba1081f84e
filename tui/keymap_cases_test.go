package tui

import "charm.land/bubbles/v2/key"

// The cases of TestEveryBindingActsInItsMode for navigation by progress, the
// annotations list, corpus-wide search and its history, and pre-annotation; added to
// bindingCases.

// moreBindingCases are cases by config name, as in bindingCases.
func moreBindingCases() map[string]func(r *bindingRun) {
	const query = "كوريا"
	n := func(r *bindingRun) int { return r.a.corpus.Len() }
	// progressCase marks the document step away from the focused one (tags a word, or
	// answers it), comes back and checks that b skips it.
	progressCase := func(step int, mark func(r *bindingRun), b func(k *KeyMap) *key.Binding) func(r *bindingRun) {
		return func(r *bindingRun) {
			d := r.p().DocIndex
			there, back := &r.k.NextDoc, &r.k.PrevDoc
			if step < 0 {
				there, back = back, there
			}
			r.hit(there)
			mark(r)
			r.hit(back, b(r.k))
			want := ((d+2*step)%n(r) + n(r)) % n(r)
			r.expect(r.p().DocIndex == want, "document %d, want %d (the one between is done)", r.p().DocIndex, want)
		}
	}
	tag := func(r *bindingRun) { r.tag(1) }
	answer := func(r *bindingRun) { r.hit(&r.k.Accept) }
	corpusSearch := func(r *bindingRun) {
		r.hit(&r.k.Search)
		typeText(r.t, r.a, query)
		r.hit(&r.k.SearchCorpus)
		if r.a.results == nil || len(r.a.results.hits) < 2 {
			r.t.Fatalf("corpus search found %v (mode %d, status %q)", r.a.results, r.a.mode, r.a.status)
		}
	}
	suggesting := func(r *bindingRun) []suggestion {
		r.a.opts.Suggest = treatyMatcher(r.t)
		drive(r.t, r.a, r.a.suggestCmd(r.p()))
		s := r.a.suggestions(r.p().info.ID)
		if len(s) < 2 || !s[0].covers(r.p().cursor) {
			r.t.Fatalf("suggestions %+v, cursor %d", s, r.p().cursor)
		}
		return s
	}
	propagating := func(r *bindingRun) {
		r.tag(1)
		r.hit(&r.k.Propagate)
		if r.a.prop == nil {
			r.t.Fatalf("no propagation (status %q)", r.a.status)
		}
	}
	return map[string]func(r *bindingRun){
		// Navigation by progress and the annotations list.
		"next_unannotated": progressCase(1, tag, func(k *KeyMap) *key.Binding { return &k.NextUnannotated }),
		"prev_unannotated": progressCase(-1, tag, func(k *KeyMap) *key.Binding { return &k.PrevUnannotated }),
		"next_unanswered":  progressCase(1, answer, func(k *KeyMap) *key.Binding { return &k.NextUnanswered }),
		"prev_unanswered":  progressCase(-1, answer, func(k *KeyMap) *key.Binding { return &k.PrevUnanswered }),
		"annotation_list": func(r *bindingRun) {
			r.hit(&r.k.AnnotationList)
			r.expect(r.a.mode == modeAnnList, "mode %d", r.a.mode)
		},
		"list_jump": func(r *bindingRun) {
			r.hit(&r.k.NextWord, &r.k.NextWord)
			r.tag(1)
			r.hit(&r.k.Top, &r.k.AnnotationList, &r.k.ListJump)
			r.expect(r.a.mode == modeNormal && r.p().cursor == r.span().Start, "mode %d, cursor %d, span %+v", r.a.mode, r.p().cursor, r.span())
		},
		"list_close": func(r *bindingRun) {
			r.hit(&r.k.AnnotationList, &r.k.ListClose)
			r.expect(r.a.mode == modeNormal, "mode %d", r.a.mode)
		},

		// Corpus-wide search and the search history.
		"search_corpus": func(r *bindingRun) {
			corpusSearch(r)
			r.expect(r.a.mode == modeResults && r.a.results.query == query, "mode %d, query %q", r.a.mode, r.a.results.query)
		},
		"history_prev": func(r *bindingRun) {
			corpusSearch(r)
			r.hit(&r.k.ResultClose, &r.k.Search, &r.k.HistoryPrev)
			r.expect(r.a.input.Value() == query, "prompt %q", r.a.input.Value())
		},
		"history_next": func(r *bindingRun) {
			corpusSearch(r)
			r.hit(&r.k.ResultClose, &r.k.Search, &r.k.HistoryPrev, &r.k.HistoryNext)
			r.expect(r.a.mode == modeSearch && r.a.input.Value() == "", "mode %d, prompt %q", r.a.mode, r.a.input.Value())
		},
		"corpus_results": func(r *bindingRun) {
			corpusSearch(r)
			r.hit(&r.k.ResultClose, &r.k.CorpusResults)
			r.expect(r.a.mode == modeResults, "mode %d", r.a.mode)
		},
		"result_open": func(r *bindingRun) {
			corpusSearch(r)
			r.hit(&r.k.Bottom)
			h := r.a.results.hits[r.a.results.cursor]
			r.hit(&r.k.ResultOpen)
			r.expect(r.a.mode == modeNormal && r.p().DocIndex == h.doc && r.p().cursor == h.start,
				"mode %d, at %d:%d, the hit at %d:%d", r.a.mode, r.p().DocIndex, r.p().cursor, h.doc, h.start)
		},
		"result_close": func(r *bindingRun) {
			corpusSearch(r)
			r.hit(&r.k.ResultClose)
			r.expect(r.a.mode == modeNormal, "mode %d", r.a.mode)
		},

		// Pre-annotation (the cursor is on the first word, a pattern's match).
		"accept_suggestion": func(r *bindingRun) {
			s := suggesting(r)
			r.hit(&r.k.AcceptSuggestion)
			sp := r.span()
			r.expect(sp.Start == s[0].start && sp.End == s[0].end && sp.Source == s[0].source, "span %+v, suggestion %+v", sp, s[0])
		},
		"reject_suggestion": func(r *bindingRun) {
			s := suggesting(r)
			r.hit(&r.k.RejectSuggestion)
			left := r.a.suggestions(r.p().info.ID)
			r.expect(len(left) == len(s)-1 && left[0] != s[0] && len(r.spans()) == 0, "%d of %d left, spans %v", len(left), len(s), r.spans())
		},
		"accept_all_suggestions": func(r *bindingRun) {
			s := suggesting(r)
			r.hit(&r.k.AcceptAllSuggestions)
			r.expect(len(r.spans()) == len(s) && len(r.a.suggestions(r.p().info.ID)) == 0, "%d spans of %d suggestions", len(r.spans()), len(s))
		},
		"propagate": func(r *bindingRun) {
			propagating(r)
			left, docs := r.a.prop.left()
			r.expect(left > 0 && docs > 1, "%d occurrences in %d documents", left, docs)
		},
		"propagate_stop": func(r *bindingRun) {
			propagating(r)
			r.hit(&r.k.PropagateStop)
			r.expect(r.a.prop == nil, "the propagation goes on (status %q)", r.a.status)
		},
	}
}
