package suggest

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// TokenSpec is one dict of a token pattern: conditions on one token, and how many
// tokens in a row must meet them (OP).
type TokenSpec struct {
	conds    []cond
	min, max int  // max < 0: unbounded
	negate   bool // OP "!": one token that does not meet the conditions
}

// cond is one attribute's test.
type cond struct {
	attr string
	test func(*token) bool
}

func (s TokenSpec) matches(t *token) bool {
	for _, c := range s.conds {
		if !c.test(t) {
			return s.negate
		}
	}
	return !s.negate
}

func allOptional(specs []TokenSpec) bool {
	for _, s := range specs {
		if s.min > 0 {
			return false
		}
	}
	return true
}

// needsModel are spaCy attributes computed by a statistical model or pipeline
// hashiya does not have.
var needsModel = map[string]string{
	"POS": "part-of-speech tags", "TAG": "part-of-speech tags", "LEMMA": "lemmas",
	"DEP": "a dependency parse", "MORPH": "morphology", "ENT_TYPE": "named-entity tags",
	"ENT_IOB": "named-entity tags", "ENT_ID": "named-entity tags", "ENT_KB_ID": "an entity linker",
	"SENT_START": "sentence boundaries", "IS_SENT_START": "sentence boundaries",
	"_": "custom extension attributes", "IS_STOP": "a stop-word list", "IS_OOV": "a vocabulary",
}

// Supported attributes: strings compared to the token's text (ORTH, TEXT), its lower
// case (LOWER) or its search key (NORM); LENGTH in code points; and flags.
var (
	stringAttrs = map[string]func(*token) string{
		"ORTH": tokText, "TEXT": tokText, "LOWER": (*token).lower, "NORM": tokKey,
	}
	flagAttrs = map[string]func(*token) bool{
		"IS_ALPHA": (*token).isAlpha, "IS_DIGIT": (*token).isDigit, "IS_PUNCT": (*token).isPunct,
		"IS_SPACE": (*token).isSpace, "IS_TITLE": (*token).isTitle, "IS_UPPER": (*token).isUpper,
		"IS_LOWER": (*token).isLower, "LIKE_NUM": (*token).likeNum, "LIKE_URL": (*token).likeURL,
	}
)

func tokText(t *token) string { return t.text }
func tokKey(t *token) string  { return t.key }

// parseTokenSpec reads one token dict.
func parseTokenSpec(t map[string]json.RawMessage) (TokenSpec, error) {
	s := TokenSpec{min: 1, max: 1}
	names := make([]string, 0, len(t))
	for k := range t {
		names = append(names, k)
	}
	sort.Strings(names) // the first unsupported attribute named is the same every run
	for _, name := range names {
		v := t[name]
		attr := strings.ToUpper(name)
		if attr == "OP" {
			var op string
			if json.Unmarshal(v, &op) != nil {
				return s, fmt.Errorf("OP is not a string")
			}
			if err := s.setOp(op); err != nil {
				return s, err
			}
			continue
		}
		if why, ok := needsModel[attr]; ok {
			return s, fmt.Errorf("attribute %s is not supported (it needs %s, which hashiya does not compute)", name, why)
		}
		c, err := parseCond(attr, v)
		if err != nil {
			return s, err
		}
		s.conds = append(s.conds, c)
	}
	return s, nil
}

// setOp reads an OP: ! ? + * or a count {n} {n,m} {n,} {,m}.
func (s *TokenSpec) setOp(op string) error {
	switch op {
	case "!":
		s.negate = true
		return nil
	case "?":
		s.min, s.max = 0, 1
		return nil
	case "+":
		s.min, s.max = 1, -1
		return nil
	case "*":
		s.min, s.max = 0, -1
		return nil
	case "1":
		return nil
	}
	bad := fmt.Errorf("OP %q is not one of ! ? + * {n} {n,m} {n,} {,m}", op)
	if len(op) < 3 || op[0] != '{' || op[len(op)-1] != '}' {
		return bad
	}
	body := op[1 : len(op)-1]
	lo, hi, comma := strings.Cut(body, ",")
	num := func(x string, def int) (int, bool) {
		if x == "" {
			return def, true
		}
		n, err := strconv.Atoi(x)
		return n, err == nil && n >= 0
	}
	var ok1, ok2 bool
	if !comma {
		s.min, ok1 = num(lo, -1)
		s.max, ok2 = s.min, ok1
	} else {
		s.min, ok1 = num(lo, 0)
		s.max, ok2 = num(hi, -1)
	}
	if !ok1 || !ok2 || s.min < 0 || (s.max >= 0 && s.max < s.min) || (comma && lo == "" && hi == "") {
		return bad
	}
	return nil
}

// parseCond reads the value of one attribute: a string, number or boolean to equal, or
// a dict of REGEX, IN, NOT_IN and comparisons.
func parseCond(attr string, v json.RawMessage) (cond, error) {
	get, isString := stringAttrs[attr]
	flag, isFlag := flagAttrs[attr]
	if !isString && !isFlag && attr != "LENGTH" {
		return cond{}, fmt.Errorf("attribute %s is not supported (hashiya knows ORTH TEXT LOWER NORM LENGTH IS_ALPHA IS_DIGIT IS_PUNCT IS_SPACE IS_TITLE IS_UPPER IS_LOWER LIKE_NUM LIKE_URL)", attr)
	}
	norm := func(s string) string { return s }
	if attr == "NORM" {
		norm = keyString
	}
	var dict map[string]json.RawMessage
	if json.Unmarshal(v, &dict) == nil && dict != nil {
		return dictCond(attr, dict, get, norm)
	}
	switch {
	case isFlag:
		var b bool
		if json.Unmarshal(v, &b) != nil {
			return cond{}, fmt.Errorf("%s takes true or false", attr)
		}
		return cond{attr, func(t *token) bool { return flag(t) == b }}, nil
	case isString:
		var want string
		if json.Unmarshal(v, &want) != nil {
			return cond{}, fmt.Errorf("%s takes a string or a dict", attr)
		}
		want = norm(want)
		return cond{attr, func(t *token) bool { return get(t) == want }}, nil
	}
	var n int
	if json.Unmarshal(v, &n) != nil {
		return cond{}, fmt.Errorf("LENGTH takes a whole number or a dict")
	}
	return cond{attr, func(t *token) bool { return t.length() == n }}, nil
}

// dictCond reads {"REGEX": …}, {"IN": […]}, {"NOT_IN": […]}, {">=": n}, …; every
// predicate of the dict must hold.
func dictCond(attr string, dict map[string]json.RawMessage, get func(*token) string, norm func(string) string) (cond, error) {
	value := get
	if value == nil { // LENGTH or a flag: compare its text form ("3", "true")
		value = func(t *token) string {
			if attr == "LENGTH" {
				return strconv.Itoa(t.length())
			}
			return strconv.FormatBool(flagAttrs[attr](t))
		}
	}
	var tests []func(*token) bool
	for _, op := range sortedKeys(dict) {
		raw := dict[op]
		switch op {
		case "REGEX":
			var expr string
			if json.Unmarshal(raw, &expr) != nil {
				return cond{}, fmt.Errorf("%s REGEX is not a string", attr)
			}
			re, err := regexp.Compile(expr)
			if err != nil {
				return cond{}, fmt.Errorf("%s REGEX %q: %v", attr, expr, err)
			}
			tests = append(tests, func(t *token) bool { return re.MatchString(value(t)) })
		case "IN", "NOT_IN":
			set, err := valueSet(raw, norm)
			if err != nil {
				return cond{}, fmt.Errorf("%s %s: %v", attr, op, err)
			}
			in := op == "IN"
			tests = append(tests, func(t *token) bool { return set[value(t)] == in })
		case "==", "!=", ">=", "<=", ">", "<":
			var n float64
			if json.Unmarshal(raw, &n) != nil {
				return cond{}, fmt.Errorf("%s %s takes a number", attr, op)
			}
			if attr != "LENGTH" {
				return cond{}, fmt.Errorf("%s %s: comparisons apply to LENGTH only", attr, op)
			}
			cmp := compare(op, n)
			tests = append(tests, func(t *token) bool { return cmp(float64(t.length())) })
		default:
			return cond{}, fmt.Errorf("%s: %q is not supported (hashiya knows REGEX IN NOT_IN == != >= <= > <)", attr, op)
		}
	}
	return cond{attr, func(t *token) bool {
		for _, f := range tests {
			if !f(t) {
				return false
			}
		}
		return true
	}}, nil
}

// valueSet reads a list of strings (numbers and booleans in their JSON spelling).
func valueSet(raw json.RawMessage, norm func(string) string) (map[string]bool, error) {
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		return nil, fmt.Errorf("not a list")
	}
	set := make(map[string]bool, len(list))
	for _, item := range list {
		var s string
		if json.Unmarshal(item, &s) != nil {
			s = strings.TrimSpace(string(item))
		}
		set[norm(s)] = true
	}
	return set, nil
}

func compare(op string, n float64) func(float64) bool {
	switch op {
	case "==":
		return func(x float64) bool { return x == n }
	case "!=":
		return func(x float64) bool { return x != n }
	case ">=":
		return func(x float64) bool { return x >= n }
	case "<=":
		return func(x float64) bool { return x <= n }
	case ">":
		return func(x float64) bool { return x > n }
	}
	return func(x float64) bool { return x < n }
}

func sortedKeys(m map[string]json.RawMessage) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
