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
	"github.com/hashiya/hashiya/annotations/record"
	"github.com/hashiya/hashiya/annotations/store"
)

// importIntoDB imports each file into the database in its own transaction,
// its records going in as they are read (never all in memory), and goes on
// past a refused file so that every refusal is reported. With summaries
// set, each file's summary is printed there once it is in. A database this
// made, that ended up with nothing imported, is removed again.
func importIntoDB(summaries, w io.Writer, path string, paths []string, o importer.Options) error {
	_, statErr := os.Stat(path)
	db, err := store.Open(path)
	if err != nil {
		return err
	}
	refused := 0
	for _, p := range paths {
		src, err := sourceOf(p)
		if err != nil {
			db.Close()
			return err
		}
		var sum summary
		var file *importer.File
		c, err := db.ImportStream(&src, func(put func(record.Record) error) error {
			f, err := importer.Each(p, o, func(r record.Record, _ importer.Pos) error {
				sum.add(r)
				return put(r)
			})
			if err != nil {
				return err
			}
			src.Format, file = string(f.Format), f
			return nil
		})
		var ie *importer.Error
		switch {
		case errors.As(err, &ie):
			reportUnread(w, p, err)
			refused++
			continue
		case err != nil:
			fmt.Fprintln(w, err)
			refused++
			continue
		}
		if summaries != nil {
			sum.print(summaries, fmt.Sprintf("%s (%s)", file.Name, file.Format), file.Warnings)
		}
		fmt.Fprintf(w, "imported %s into %s: %d documents, %d spans, %d claims, %d answers\n",
			p, db.Path(), c.Documents, c.Spans, c.Claims, c.Answers)
	}
	if err := db.Close(); err != nil {
		return err
	}
	if refused == 0 {
		return nil
	}
	if refused == len(paths) && errors.Is(statErr, os.ErrNotExist) && !store.IsURL(path) {
		for _, f := range []string{path, path + "-wal", path + "-shm"} {
			os.Remove(f)
		}
		return fmt.Errorf("%d of %d file(s) not imported; nothing imported into %s", refused, len(paths), dbShown(path))
	}
	return fmt.Errorf("%d of %d file(s) not imported into %s", refused, len(paths), db.Path())
}

// importFilesIntoDB imports files read whole (--out), each in its own
// transaction, going on past a refused file.
func importFilesIntoDB(w io.Writer, path string, files []*importer.File) error {
	db, err := store.Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	refused := 0
	for _, f := range files {
		src, err := sourceOf(f.Name)
		if err != nil {
			return err
		}
		src.Format = string(f.Format)
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

// sourceOf identifies a file to import by its bytes and, when a journal
// directory is beside it (a hashiya training file), its journals' too,
// which are part of what is imported. The bytes are hashed as they are
// read, never held.
func sourceOf(path string) (store.ImportSource, error) {
	src := store.ImportSource{Name: path}
	h := sha256.New()
	parts := []string{path}
	js, _ := filepath.Glob(filepath.Join(path+".journal", "*.jsonl"))
	sort.Strings(js)
	parts = append(parts, js...)
	for i, p := range parts {
		f, err := os.Open(p)
		if errors.Is(err, os.ErrNotExist) && i == 0 {
			continue // journals without their training file
		}
		if err != nil {
			return src, err
		}
		if i > 0 {
			fmt.Fprintf(h, "\x00%s\x00", filepath.Base(p))
		}
		n, err := io.Copy(h, f)
		f.Close()
		if err != nil {
			return src, err
		}
		src.Size += n
	}
	src.SHA256 = hex.EncodeToString(h.Sum(nil))
	return src, nil
}
