package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/hashiya/hashiya/annotations/importer"
	"github.com/hashiya/hashiya/annotations/store"
)

// importIntoDB imports each file into the database in its own transaction,
// going on past a refused file so that every refusal is reported.
func importIntoDB(w io.Writer, path string, files []*importer.File) error {
	db, err := store.Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	refused := 0
	for _, f := range files {
		src, err := sourceOf(f)
		if err != nil {
			return err
		}
		c, err := db.Import(src, f.Records)
		if err != nil {
			fmt.Fprintln(w, err)
			refused++
			continue
		}
		fmt.Fprintf(w, "imported %s into %s: %d documents, %d spans, %d claims, %d answers\n",
			f.Name, db.Path(), c.Documents, c.Spans, c.Claims, c.Answers)
	}
	if refused > 0 {
		return fmt.Errorf("%d of %d file(s) not imported into %s", refused, len(files), db.Path())
	}
	return nil
}

// sourceOf identifies an imported file by its bytes; a hashiya training
// file's by its journals' too, which are part of what was imported.
func sourceOf(f *importer.File) (store.ImportSource, error) {
	src := store.ImportSource{Name: f.Name, Format: string(f.Format)}
	h := sha256.New()
	parts := []string{f.Name}
	if f.Format == importer.Hashiya {
		js, _ := filepath.Glob(filepath.Join(f.Name+".journal", "*.jsonl"))
		sort.Strings(js)
		parts = append(parts, js...)
	}
	for i, p := range parts {
		b, err := os.ReadFile(p)
		if errors.Is(err, os.ErrNotExist) && i == 0 {
			continue // journals without their training file
		}
		if err != nil {
			return src, err
		}
		if i > 0 {
			fmt.Fprintf(h, "\x00%s\x00", filepath.Base(p))
		}
		h.Write(b)
		src.Size += int64(len(b))
	}
	src.SHA256 = hex.EncodeToString(h.Sum(nil))
	return src, nil
}
