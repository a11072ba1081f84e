// Package export writes records in other tools' formats: Prodigy, doccano,
// spaCy, CoNLL, Hugging Face token classification, claims, and brat
// standoff (a directory). Offsets are code points unless UTF-16 is asked for.
//
// It uses annotations/record and the domain; it must not import a store.
package export
