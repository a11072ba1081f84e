package tui

// The cases of TestEveryBindingActsInItsMode for pre-annotation; added to bindingCases.

// moreBindingCases are cases by config name, as in bindingCases.
func moreBindingCases() map[string]func(r *bindingRun) {
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
