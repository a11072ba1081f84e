package suggest

import (
	"encoding/json"
	"io"
	"strings"
)

// Bootstrap gathers annotated entities into a phrase-pattern file, so a team starts
// its patterns from its own work. Spellings that search takes for one (أ/ا, harakat,
// ی/ي) are one entity: it gets the label most often given to it (the first such on a
// tie), and each spelling seen its own line, for files matched with Exact.
type Bootstrap struct {
	byKey map[string]*entity
	order []string
}

type entity struct {
	labels     map[string]int
	labelOrder []string
	forms      []string
	seen       map[string]bool
}

// Add counts one span.
func (b *Bootstrap) Add(label, text string) {
	text = strings.TrimSpace(text)
	k := keyString(text)
	if k == "" || label == "" {
		return
	}
	if b.byKey == nil {
		b.byKey = map[string]*entity{}
	}
	e := b.byKey[k]
	if e == nil {
		e = &entity{labels: map[string]int{}, seen: map[string]bool{}}
		b.byKey[k] = e
		b.order = append(b.order, k)
	}
	if e.labels[label] == 0 {
		e.labelOrder = append(e.labelOrder, label)
	}
	e.labels[label]++
	if !e.seen[text] {
		e.seen[text] = true
		e.forms = append(e.forms, text)
	}
}

// Len is the number of entities.
func (b *Bootstrap) Len() int { return len(b.order) }

// WriteTo writes the pattern lines, entities in the order first seen.
func (b *Bootstrap) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for _, k := range b.order {
		e := b.byKey[k]
		label := e.labelOrder[0]
		for _, l := range e.labelOrder {
			if e.labels[l] > e.labels[label] {
				label = l
			}
		}
		for _, f := range e.forms {
			line, _ := json.Marshal(struct {
				Label   string `json:"label"`
				Pattern string `json:"pattern"`
			}{label, f})
			m, err := w.Write(append(line, '\n'))
			n += int64(m)
			if err != nil {
				return n, err
			}
		}
	}
	return n, nil
}
