package model

import "embed"

// The treaty articles (five news reports of the 2024 Russia–North Korea treaty, four
// Arabic, one Persian) are embedded so that hashiya opens on something with no argument.
//
//go:embed sample/treaty/*.txt
var sampleFS embed.FS

// Sample returns the embedded sample corpus.
func Sample() *Corpus {
	return nil // skeleton
}
