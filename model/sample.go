package model

import (
	"embed"
	"path"
)

// The treaty articles (five news reports of the 2024 Russia–North Korea treaty, four
// Arabic, one Persian) are embedded so that hashiya opens on something with no argument.
//
//go:embed sample/treaty/*.txt
var sampleFS embed.FS

// Sample returns the embedded sample corpus. Its documents' Source is
// "sample/treaty/<name>.txt".
func Sample() *Corpus {
	c, err := start(sampleSources(), nil)
	if err != nil {
		panic("model: embedded sample: " + err.Error())
	}
	return c
}

// sampleSources lists the embedded sample's files.
func sampleSources() []*source {
	const dir = "sample/treaty"
	des, err := sampleFS.ReadDir(dir) // sorted by name
	if err != nil {
		panic(err)
	}
	var srcs []*source
	for _, de := range des {
		srcs = append(srcs, &source{path: path.Join(dir, de.Name()), kind: kindText, fsys: sampleFS})
	}
	return srcs
}
