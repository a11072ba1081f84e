// Package suggest pre-annotates documents from pattern files in the spaCy EntityRuler
// / Prodigy format: one {"label", "pattern", "id"?} per line, the pattern a phrase (a
// string) or a list of token dicts.
//
// Tokens are the words of text/segment (the one definition of a word), white space
// left out. Phrase patterns compare tokens by the search keys of package model (so a
// phrase matches where a normalized search finds it as whole words), or by their text
// (Options.Exact). With Options.Proclitics a phrase may also start after the proclitics
// glued to its first word (و ف ب ل ك, and ال or لل when the phrase has no article of
// its own): «وواشنطن» matches واشنطن and «بكوريا الشمالية» matches كوريا الشمالية, the
// match covering the phrase only.
//
// Phrase patterns are found in one pass over a document's keys: a dictionary automaton
// over the keys of every phrase (white space left out) finds where one may match, and
// only the text around those places is segmented (a segment.Segmenter over the
// document's runes, buffers kept from call to call) and compared token by token. A
// token match always has its keys in a row, so the automaton misses none;
// TestMatchAsReference holds Match to trying every phrase at every word.
//
// The package does no I/O: Parse reads from an io.Reader.
package suggest
