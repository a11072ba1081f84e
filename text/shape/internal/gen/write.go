package main

import (
	"fmt"
	"go/format"
	"log"
	"maps"
	"os"
	"slices"
	"strings"
)

const blockBits = 7 // joining-type trie: 128 code points per block

// writeJoining emits a two-stage table: joinIndex[r>>7] picks a 128-entry block of
// joinBlocks. Only 116 distinct blocks exist, so the whole thing is about 23 KB.
func writeJoining(b *strings.Builder, jt []uint8) {
	const size = 1 << blockBits
	var blocks [][]uint8
	var index []int
	seen := map[string]int{}
	for lo := 0; lo < len(jt); lo += size {
		blk := jt[lo : lo+size]
		k := string(blk)
		n, ok := seen[k]
		if !ok {
			n = len(blocks)
			seen[k] = n
			blocks = append(blocks, blk)
		}
		index = append(index, n)
	}
	if len(blocks) > 256 {
		log.Fatalf("%d joining blocks do not fit a uint8 index", len(blocks))
	}
	fmt.Fprintf(b, "const joinBlockBits = %d\n\n", blockBits)
	b.WriteString("// joinIndex maps r>>joinBlockBits to its block in joinBlocks.\n")
	fmt.Fprintf(b, "var joinIndex = [%d]uint8{\n", len(index))
	writeInts(b, index, 32, "%d")
	b.WriteString("}\n\n")
	b.WriteString("// joinBlocks holds the Joining_Type of each code point of a block.\n")
	fmt.Fprintf(b, "var joinBlocks = [%d][%d]Joining{\n", len(blocks), size)
	for _, blk := range blocks {
		b.WriteString("{\n")
		ints := make([]int, len(blk))
		for i, v := range blk {
			ints[i] = int(v)
		}
		writeInts(b, ints, 32, "%d")
		b.WriteString("},\n")
	}
	b.WriteString("}\n\n")
}

// writeForms emits forms[r-formLo][form] for every letter with a single-letter
// presentation form, with the fallbacks for missing forms already applied:
// final and initial fall back to isolated, medial to final, then initial, then
// isolated; 0 means no form at all (the letter is shown as itself) or a position the
// letter's joining type never takes.
func writeForms(b *strings.Builder, jt []uint8, forms map[rune]*[4]rune) {
	letters := slices.Sorted(maps.Keys(forms))
	lo, hi := letters[0], letters[len(letters)-1]
	fallback := [4][]int{
		isolated: {isolated},
		final:    {final, isolated},
		initial:  {initial, isolated},
		medial:   {medial, final, initial, isolated},
	}
	fmt.Fprintf(b, "const (\n\tformLo = 0x%04X\n\tformHi = 0x%04X\n)\n\n", lo, hi)
	b.WriteString("// forms holds the presentation form of each letter in formLo..formHi by position\n")
	b.WriteString("// (isolated, final, initial, medial); 0 keeps the letter as it is.\n")
	fmt.Fprintf(b, "var forms = [%d][4]uint16{\n", hi-lo+1)
	var partial []string
	for r := lo; r <= hi; r++ {
		f := forms[r]
		if f == nil {
			continue
		}
		if t := jt[r]; t != jtR && t != jtD && t != jtU {
			log.Fatalf("U+%04X has presentation forms but joining type %d", r, t)
		}
		var out [4]int
		for form, chain := range fallback {
			if !needs(jt[r], form) {
				continue // never asked for: a right-joining letter has no initial form
			}
			for _, c := range chain {
				if f[c] != 0 {
					out[form] = int(f[c])
					break
				}
			}
			if f[form] == 0 {
				partial = append(partial, fmt.Sprintf("note: U+%04X has no %s form", r, formNames[form]))
			}
		}
		fmt.Fprintf(b, "0x%04X - formLo: {0x%04X, 0x%04X, 0x%04X, 0x%04X},\n", r, out[0], out[1], out[2], out[3])
	}
	b.WriteString("}\n\n")
	for _, p := range partial {
		log.Print(p, "; using the fallback")
	}
}

var formNames = [4]string{"isolated", "final", "initial", "medial"}

// needs reports whether a letter of joining type t can be asked for form.
func needs(t uint8, form int) bool {
	prev, next := form&1 != 0, form&2 != 0
	return (!prev || t&jtR != 0) && (!next || t&jtL != 0)
}

// writeLamAlef emits lamAlef[alef-0x0622][joinsPrevious] for the alefs that have a
// lam-alef ligature; an alef is always the last letter of its join, so only the
// isolated and final ligatures exist.
func writeLamAlef(b *strings.Builder, jt []uint8, ligs map[rune]*[4]rune) {
	b.WriteString("// lamAlef holds the lam-alef ligature by alef (from U+0622) and whether the lam joins\n")
	b.WriteString("// the letter before it; 0 means no ligature.\n")
	b.WriteString("var lamAlef = [6][2]uint16{\n")
	for alef := rune(0x0622); alef <= 0x0627; alef++ {
		l := ligs[alef]
		if l == nil {
			continue
		}
		if jt[alef] != jtR || l[isolated] == 0 || l[final] == 0 || l[initial] != 0 || l[medial] != 0 {
			log.Fatalf("unexpected lam-alef ligatures for U+%04X: %X", alef, *l)
		}
		fmt.Fprintf(b, "0x%04X - 0x0622: {0x%04X, 0x%04X},\n", alef, l[isolated], l[final])
		delete(ligs, alef)
	}
	b.WriteString("}\n\n")
	if len(ligs) != 0 {
		log.Fatalf("lam-alef ligatures outside U+0622..0627: %v", ligs)
	}
}

// writeFold emits the inverse of every positional decomposition: the letters of
// presentation form r are foldRunes[foldStart[r-foldLo]:foldStart[r-foldLo+1]].
func writeFold(b *strings.Builder, folds map[rune][]rune) {
	keys := slices.Sorted(maps.Keys(folds))
	lo, hi := keys[0], keys[len(keys)-1]
	starts := make([]int, 0, hi-lo+2)
	var runes []int
	for r := lo; r <= hi; r++ {
		starts = append(starts, len(runes))
		for _, l := range folds[r] {
			runes = append(runes, int(l))
		}
	}
	starts = append(starts, len(runes))
	fmt.Fprintf(b, "const (\n\tfoldLo = 0x%04X\n\tfoldHi = 0x%04X\n)\n\n", lo, hi)
	b.WriteString("// foldStart[r-foldLo] is where the letters of presentation form r start in foldRunes.\n")
	fmt.Fprintf(b, "var foldStart = [%d]uint16{\n", len(starts))
	writeInts(b, starts, 16, "%d")
	b.WriteString("}\n\n")
	b.WriteString("// foldRunes holds the decompositions of the presentation forms, back to back.\n")
	fmt.Fprintf(b, "var foldRunes = [%d]rune{\n", len(runes))
	writeInts(b, runes, 16, "0x%04X")
	b.WriteString("}\n")
}

func writeInts(b *strings.Builder, v []int, perLine int, verb string) {
	for i, x := range v {
		fmt.Fprintf(b, verb+",", x)
		if (i+1)%perLine == 0 || i == len(v)-1 {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
}

func writeGo(name, src string) error {
	out, err := format.Source([]byte(src))
	if err != nil {
		return fmt.Errorf("formatting %s: %v", name, err)
	}
	return os.WriteFile(name, out, 0o644)
}
