package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/hashiya/hashiya/annotations/importer"
	"github.com/hashiya/hashiya/annotations/record"
	"github.com/hashiya/hashiya/annotations/store"
)

// migrateOldWork imports, once, the work a previous version kept in the training file
// out and its journals (out.journal/ANNOTATOR.jsonl): every annotator found there who
// has nothing in the database yet, so that the training file the database writes loses
// none of it. sess is the running annotator's session; others get one each for the
// import. It returns what the first screen says.
func migrateOldWork(db *store.DB, sess *store.Session, out string) ([]string, error) {
	if has, err := sess.HasWork(); err != nil || has {
		return nil, err // only a database new to this annotator reads the old files
	}
	if !exists(out) && !exists(filepath.Join(out+".journal", sess.Annotator()+".jsonl")) {
		return nil, nil
	}
	f, err := importer.Open(out, importer.Options{Annotator: sess.Annotator()})
	if err != nil {
		return nil, fmt.Errorf("importing the previous version's work from %s: %w (nothing was changed; `hashiya validate` names the lines)", out, err)
	}
	by := map[string][]record.Record{}
	for _, r := range f.Records {
		who := r.AnnotatorID
		if who == "" {
			who = sess.Annotator()
		}
		by[who] = append(by[who], r)
	}
	names := make([]string, 0, len(by))
	for who := range by {
		names = append(names, who)
	}
	sort.Strings(names)
	var notes []string
	for _, who := range names {
		s, mine := sess, who == sess.Annotator()
		if !mine {
			if s, err = db.Session(who); err != nil {
				notes = append(notes, fmt.Sprintf("%s's work in %s not imported now (%v); it is imported when %s next starts", who, out, err, who))
				continue
			}
		}
		n, err := restoreOnce(s, by[who])
		if !mine {
			err = errors.Join(err, s.Close())
		}
		if err != nil {
			return notes, fmt.Errorf("importing %s's work from %s: %w (the files are unchanged)", who, out, err)
		}
		if n > 0 {
			notes = append(notes, fmt.Sprintf("imported %d document(s) of %s from %s into %s (the files are unchanged)", n, who, out, db.Path()))
		}
	}
	return append(notes, f.Warnings...), nil
}

// restoreOnce imports recs for an annotator with nothing in the database yet.
func restoreOnce(s *store.Session, recs []record.Record) (int, error) {
	has, err := s.HasWork()
	if err != nil || has {
		return 0, err
	}
	return s.Restore(recs)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
