package annotations

// Span is a labelled code-point range of a document's text.
// TokenEnd is inclusive, as in Prodigy.
type Span struct {
	ID         string `json:"id"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	TokenStart int    `json:"token_start"`
	TokenEnd   int    `json:"token_end"`
	Label      string `json:"label"`
	Text       string `json:"text"`
	// Source says where a span came from when the annotator did not select it
	// by hand: "pattern:ID" for an accepted suggestion of a pattern file.
	Source string `json:"source,omitempty"`
}

// Qualifiers of a Numeric value.
const (
	QualApprox   = "approx"
	QualMoreThan = "more-than"
	QualLessThan = "less-than"
	QualExact    = "exact"
)

// Numeric is the normalised number a claim is about, e.g. «نشرت أكثر من 8 آلاف
// جندي» → {8000, more-than, جندي, surface «أكثر من 8 آلاف»}.
type Numeric struct {
	Value     float64 `json:"value"`
	Qualifier string  `json:"qualifier"`
	Unit      string  `json:"unit"`
	Surface   string  `json:"surface"` // the number phrase, qualifier words included
	// SurfaceStart and SurfaceEnd are the code-point offsets of Surface in
	// the document's text (end exclusive), inside the claim's span. Both are
	// 0 when the phrase was typed and does not occur in the claim, and in
	// records written before they existed.
	SurfaceStart int `json:"surface_start"`
	SurfaceEnd   int `json:"surface_end"`
}

// Link relations between claims.
const (
	RelSameClaim   = "same-claim"
	RelContradicts = "contradicts"
	RelRefines     = "refines"
	RelRelated     = "related"
)

// Link points from a claim to a claim in (possibly) another document.
// To is "DOCID#CLAIMID".
type Link struct {
	To       string `json:"to"`
	Relation string `json:"relation"`
}

// Claimant is who makes a claim: an entity span of the same document
// (SpanID) and/or free text.
type Claimant struct {
	SpanID string `json:"span_id,omitempty"`
	Text   string `json:"text,omitempty"`
}

// Attribution values of a Claim.
const (
	AttrAsserted   = "asserted"
	AttrAttributed = "attributed"
	AttrDenied     = "denied"
)

// Claim is a checkable statement: its span, who says it, how, and links to
// the same claim in other documents. Cluster groups linked claims.
type Claim struct {
	ID          string   `json:"id"`
	Span        Span     `json:"span"`
	Claimant    Claimant `json:"claimant"`
	Attribution string   `json:"attribution"`
	Checkworthy bool     `json:"checkworthy"`
	Numeric     *Numeric `json:"numeric"`
	Cluster     string   `json:"cluster"`
	Links       []Link   `json:"links"`
}

// DocInfo identifies a document and carries its full text. The text must not
// change for a given ID: offsets are only meaningful against it.
type DocInfo struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Source string `json:"source,omitempty"`
	Lang   string `json:"lang,omitempty"`
}

// Answers of a document (Prodigy's accept/reject/ignore).
const (
	AnswerAccept = "accept"
	AnswerReject = "reject"
	AnswerIgnore = "ignore"
)

// DocView is a read-only copy of one document's annotations.
// Spans and Claims are sorted by start, then end.
type DocView struct {
	Info    DocInfo
	Tokens  []Token
	Spans   []Span
	Claims  []Claim
	Answer  string // "" until SetAnswer
	CanUndo bool
	CanRedo bool
}
