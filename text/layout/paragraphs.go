package layout

// Paragraphs splits text at paragraph separators: LF, CRLF (one separator), CR, NEL (U+0085)
// and U+2029. A Range excludes its separator; an empty text, and a text ending with a
// separator, end with an empty paragraph. U+2028 (line separator) is not a paragraph
// separator: the layout breaks the line there.
func Paragraphs(text []rune) []Range {
	var out []Range
	start := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n', 0x85, 0x2029:
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				out = append(out, Range{start, i})
				i++
				start = i + 1
				continue
			}
		default:
			continue
		}
		out = append(out, Range{start, i})
		start = i + 1
	}
	return append(out, Range{start, len(text)})
}
