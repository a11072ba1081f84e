package tui

// choiceKey is the default key of the i-th entry of a numbered prompt.
func choiceKey(i int) string { k := DefaultKeyMap(); return k.choiceKey(i) }
