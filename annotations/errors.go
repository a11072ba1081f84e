package annotations

import (
	"errors"
	"regexp"
)

// ErrUnchanged means an edit would leave everything as it is: nothing was
// journalled and no undo step was recorded. Its message says why («بوتين» is
// already PERSON); callers show it rather than report a failure.
var ErrUnchanged = errors.New("nothing changed")

// ErrUnknownDoc is returned for a document the store has never seen.
var ErrUnknownDoc = errors.New("unknown document")

var annotatorRE = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// ValidAnnotator reports whether name can be an annotator: letters, digits,
// '.', '_' or '-' (it becomes a file name and part of claim references).
func ValidAnnotator(name string) bool { return annotatorRE.MatchString(name) }
