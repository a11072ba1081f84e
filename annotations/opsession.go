package annotations

// Session is what the reader needs from a store: one annotator's edits on
// one project, each durable when Apply returns. A database store
// (annotations/store) implements it; the reader depends on this interface,
// not on a store type, and owns no flush policy.
type Session interface {
	// Apply commits op (Undo and Redo included) and returns what changed.
	// An edit that changes nothing returns an ErrUnchanged error.
	Apply(op Op) (Change, error)
	// Doc loads one document's state for this annotator; a document never
	// touched is an ErrUnknownDoc error.
	Doc(id string) (DocView, error)
	// Annotator is the name the session's records carry.
	Annotator() string
	// Close ends the session and releases its lease.
	Close() error
}
