package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/hashiya/hashiya/annotations/importer"
	"github.com/hashiya/hashiya/annotations/record"
	"github.com/hashiya/hashiya/annotations/store"
)

// migrateOldWork imports, once, the work a previous version kept in the training file
// out and its journals (out.journal/ANNOTATOR.jsonl), as hashiya import does
// (store.DB.ImportStream, recorded in the database): every annotator found there who
// has nothing in the database yet, so that the training file the database writes loses
// none of it. An annotator at work in another hashiya is left for its next start, and
// then the import is recorded only once everyone is in. sess is the running
// annotator's session. It returns what the first screen says.
func migrateOldWork(db *store.DB, sess *store.Session, out string) ([]string, error) {
	if has, err := sess.HasWork(); err != nil || has {
		return nil, err // only a database new to this annotator reads the old files
	}
	if !exists(out) && !exists(filepath.Join(out+".journal", sess.Annotator()+".jsonl")) {
		return nil, nil
	}
	src, err := sourceOf(out)
	if err != nil {
		return nil, err
	}
	src.Own = []*store.Session{sess}
	if prev, err := db.FindImport(src.SHA256); err != nil || prev != nil {
		return nil, err // brought in before, by hashiya import or an earlier start
	}
	fail := func(err error) error {
		return fmt.Errorf("importing the previous version's work from %s: %w (nothing was changed; `hashiya validate` names the lines)", out, err)
	}
	// Who is taken is decided on their first record: nothing in the
	// database yet, and not at work elsewhere.
	take := map[string]bool{}
	var busy []string
	docs := map[string]int{}
	var file *importer.File
	_, err = db.ImportStream(&src, func(put func(record.Record) error) error {
		f, err := importer.Each(out, importer.Options{Annotator: sess.Annotator()}, func(r record.Record, _ importer.Pos) error {
			if r.AnnotatorID == "" {
				r.AnnotatorID = sess.Annotator()
			}
			who := r.AnnotatorID
			ok, seen := take[who]
			if !seen {
				has, err := db.HasWork(who)
				if err != nil {
					return err
				}
				var inUse error
				if !has && who != sess.Annotator() {
					inUse = db.InUse(who)
				}
				if inUse != nil {
					busy = append(busy, fmt.Sprintf("%s's work in %s not imported now (%v); it is imported when %s next starts", who, out, inUse, who))
				}
				ok = !has && inUse == nil
				take[who] = ok
			}
			if !ok {
				return nil
			}
			docs[who]++
			return put(r)
		})
		if err != nil {
			return err
		}
		file = f
		src.Format = string(f.Format)
		if len(busy) > 0 {
			src.SHA256 = "" // not everyone is in: not recorded, so the rest comes later
		}
		return nil
	})
	if err != nil {
		return nil, fail(err)
	}
	names := make([]string, 0, len(docs))
	for who := range docs {
		names = append(names, who)
	}
	sort.Strings(names)
	notes := busy
	for _, who := range names {
		notes = append(notes, fmt.Sprintf("imported %d document(s) of %s from %s into %s (the files are unchanged)", docs[who], who, out, db.Path()))
	}
	return append(notes, file.Warnings...), nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
