package serve

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
)

// Overlap is how many annotators each document goes to; 0 means all of them.
type Overlap int

// ParseOverlap reads --overlap: a positive number or "all".
func ParseOverlap(s string) (Overlap, error) {
	if strings.EqualFold(s, "all") {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("--overlap %q: want a number of annotators (1 or more) or \"all\"", s)
	}
	return Overlap(n), nil
}

func (o Overlap) String() string {
	if o == 0 {
		return "all"
	}
	return strconv.Itoa(int(o))
}

// Assign routes each document to overlap annotators by rendezvous hashing: every
// (annotator, document) pair gets a score from a hash of both names, and a document goes
// to its highest-scoring annotators. It depends on nothing but the names, so it is the
// same after a restart and in any order of the team file; adding an annotator moves only
// the documents the newcomer wins. The result lists each annotator's documents as
// indices into docs, in corpus order. A server routes through the database with the
// same ranking (routing.go): alone and before anyone started a document, it routes
// exactly as Assign.
func Assign(docs, annotators []string, overlap Overlap) map[string][]int {
	out := make(map[string][]int, len(annotators))
	names := slices.Clone(annotators)
	slices.Sort(names)
	names = slices.Compact(names)
	n := int(overlap)
	if n == 0 || n > len(names) {
		n = len(names)
	}
	for i, d := range docs {
		for _, a := range rank(d, names)[:n] {
			out[a] = append(out[a], i)
		}
	}
	return out
}

// rank orders annotators (sorted, without repeats) by their score for doc, best first.
func rank(doc string, annotators []string) []string {
	type scored struct {
		name  string
		score uint64
	}
	ranked := make([]scored, len(annotators))
	for j, a := range annotators {
		ranked[j] = scored{a, pairScore(a, doc)}
	}
	slices.SortFunc(ranked, func(x, y scored) int {
		if x.score != y.score {
			if x.score > y.score {
				return -1
			}
			return 1
		}
		return strings.Compare(x.name, y.name)
	})
	out := make([]string, len(ranked))
	for j, s := range ranked {
		out[j] = s.name
	}
	return out
}

func pairScore(annotator, doc string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(annotator))
	h.Write([]byte{0})
	h.Write([]byte(doc))
	// fnv's low bits mix poorly for near-identical inputs; a final avalanche fixes that.
	x := h.Sum64()
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}
