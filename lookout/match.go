package lookout

import (
	"strings"
	"unicode/utf8"

	"github.com/lookout-equipment/lookoutequipment/lookout/internal/swar"
)

// The hand-written matchers. Each reads its value once, without regular
// expressions and without allocating, and answers for the whole value (a
// full match, as the service applies its patterns). Each returns what
// member.scan documents: whether the pattern matches the value as the
// service would receive it, whether the value is valid UTF-8, and its length
// in code points. A value that fails early is recounted by runeCount: that
// path is taken only for invalid values.

// asciiClass is a set of ASCII bytes, indexed by byte: the bytes of
// U+0080 and above are never in it.
type asciiClass [256]uint8

func newASCIIClass(ranges ...string) *asciiClass {
	var c asciiClass
	for _, r := range ranges {
		for b := r[0]; b <= r[len(r)-1]; b++ {
			c[b] = 1
		}
	}
	return &c
}

var (
	datasetNameClass   = newASCIIClass("09", "az", "AZ", "_", "-")                                    // [0-9a-zA-Z_-]
	bucketEndClass     = newASCIIClass("09", "az")                                                    // [a-z0-9]
	bucketMidClass     = newASCIIClass("09", "az", ".", "-")                                          // [\.\-a-z0-9]
	hexClass           = newASCIIClass("09", "af", "AF")                                              // [A-Fa-f0-9]
	digitClass         = newASCIIClass("09")                                                          // [0-9], Java's \d
	prefixASCIIClass   = newASCIIClass("\t", "\n", "\r", "\x20\x7f")                                  // ASCII part of [\u0009\u000A\u000D\u0020-\u00FF]
	componentNameClass = newASCIIClass("09", "az", "AZ", ".", "_", "-")                               // [0-9a-zA-Z._\-]
	sensorNameClass    = newASCIIClass("09", "az", "AZ", ":", "#", "$", ".", "-", "_")                // [0-9a-zA-Z:#$.\-_]
	regionClass        = newASCIIClass("az", "AZ", "09", "-")                                         // [a-zA-Z0-9\-]
	kmsPartitionClass  = newASCIIClass("az", "-")                                                     // [a-z\-]
	kmsRegionClass     = newASCIIClass("az", "09", "-")                                               // [a-z0-9\-]
	kmsResourceClass   = newASCIIClass("az", "AZ", "_", "09", "-", "/")                               // [\w\-\/]
	nameOrArnFirst     = newASCIIClass("AZ", "az", "09")                                              // [A-Za-z0-9]
	nameOrArnRest      = newASCIIClass("AZ", "az", "09", ":", "_", "/", "+", "=", ",", "@", ".", "-") // [A-Za-z0-9:_/+=,@.-]
	tagKeyClass        = newASCIIClass("az", "AZ", "+=", ".", "_", ":", "/")                          // [a-zA-Z+-=._:/], +-= a range
	tagValueClass      = newASCIIClass(" ", "\t", "\n", "\x0b", "\f", "\r", "az", "AZ", "_", "09",
		"+=", ".", ":", "/", "@") // [\s\w+-=\.:/@], \s and \w ASCII-only, +-= a range
)

// in reports whether b is in c.
func (c *asciiClass) in(b byte) bool { return c[b] != 0 }

// allIn reports whether every byte of s is in c. The loop has no branch
// but its own: values are short, and valid ones are read to the end anyway.
func (c *asciiClass) allIn(s string) bool {
	all := uint8(1)
	for len(s) >= 4 {
		all &= c[s[0]] & c[s[1]] & c[s[2]] & c[s[3]]
		s = s[4:]
	}
	for i := 0; i < len(s); i++ {
		all &= c[s[i]]
	}
	return all != 0
}

// fail is the answer for a value whose pattern failed: its validity and
// length still have to be known.
func fail(s string) (ok, valid bool, n int) {
	n, valid = runeCount(s)
	return false, valid, n
}

// asciiPattern matches \p{ASCII}{min,max}: U+0000..U+007F, control
// characters included.
type asciiPattern struct{ min, max int }

func (p asciiPattern) scan(s string) (ok, valid bool, n int) {
	for i := asciiPrefixLen(s); i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return fail(s)
		}
	}
	return len(s) >= p.min && len(s) <= p.max, true, len(s)
}

// anyPattern matches [\P{M}\p{M}]{min,max}: any characters, line
// terminators included; max -1 is no maximum (a kind without a pattern).
// Each byte of invalid UTF-8 is sent as U+FFFD, which matches.
type anyPattern struct{ min, max int }

func (p anyPattern) scan(s string) (ok, valid bool, n int) {
	n, valid = runeCount(s)
	return n >= p.min && (p.max < 0 || n <= p.max), valid, n
}

// classPattern matches a run of ASCII classes: first for the first
// character, last for the last one (when there are two or more), mid for
// the others, between min and max characters in all (max -1: no maximum).
// A value that begins with notPrefix does not match (a negative lookahead,
// (?!aws:), at the start). It covers ^[0-9a-zA-Z_-]{1,200}$ (one class),
// ^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$ (three) and the like.
type classPattern struct {
	first, mid, last *asciiClass
	min, max         int
	notPrefix        string
}

// oneClass is the classPattern of c{min,max}.
func oneClass(c *asciiClass, min, max int) *classPattern {
	return &classPattern{first: c, mid: c, last: c, min: min, max: max}
}

func (p *classPattern) scan(s string) (ok, valid bool, n int) {
	// Every class is ASCII: a value that matches has one byte per
	// character, so its byte length is its length.
	if len(s) < p.min || (p.max >= 0 && len(s) > p.max) {
		return fail(s)
	}
	if len(s) >= 1 && !p.first.in(s[0]) {
		return fail(s)
	}
	if len(s) >= 2 && (!p.last.in(s[len(s)-1]) || !p.mid.allIn(s[1:len(s)-1])) {
		return fail(s)
	}
	if p.notPrefix != "" && len(s) >= len(p.notPrefix) && s[:len(p.notPrefix)] == p.notPrefix {
		return false, true, len(s)
	}
	return true, true, len(s)
}

var (
	datasetNamePattern   = oneClass(datasetNameClass, 1, 200)                                       // ^[0-9a-zA-Z_-]{1,200}$
	componentNamePattern = oneClass(componentNameClass, 1, 200)                                     // ^[0-9a-zA-Z._\-]{1,200}$
	sensorNamePattern    = oneClass(sensorNameClass, 1, 200)                                        // ^[0-9a-zA-Z:#$.\-_]{1,200}$
	hexPattern           = oneClass(hexClass, 0, 32)                                                // [A-Fa-f0-9]{0,32}
	tagValuePattern      = oneClass(tagValueClass, 0, -1)                                           // [\s\w+-=\.:/@]*
	bucketPattern        = &classPattern{bucketEndClass, bucketMidClass, bucketEndClass, 3, 63, ""} // ^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$
	nameOrArnPattern     = &classPattern{nameOrArnFirst, nameOrArnRest, nameOrArnRest, 1, 2049, ""} // ^[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,2048}$
	tagKeyPattern        = &classPattern{tagKeyClass, tagKeyClass, tagKeyClass, 1, -1, "aws:"}      // ^(?!aws:)[a-zA-Z+-=._:/]+$
)

// scanS3Key matches [\P{M}\p{M}]{1,1024}[^/]$: 2 to 1025 characters of any
// kind, the last of them not "/" (Java's [^/] matches line terminators).
func scanS3Key(s string) (ok, valid bool, n int) {
	n, valid = runeCount(s)
	return n >= 2 && n <= 1025 && s[len(s)-1] != '/', valid, n
}

// scanPrefix matches (^$)|([\u0009\u000A\u000D\u0020-\u00FF]{1,1023}/$).
func scanPrefix(s string) (ok, valid bool, n int) {
	n, ok = latin1Run(s)
	if !ok {
		return fail(s)
	}
	return n == 0 || (n >= 2 && n <= 1024 && s[len(s)-1] == '/'), true, n
}

// latin1Run reports whether every character of s is in
// [\u0009\u000A\u000D\u0020-\u00FF] (the class of S3Prefix and Policy),
// and when it is, their number.
func latin1Run(s string) (n int, ok bool) {
	for i := 0; i < len(s); n++ {
		if i+8 <= len(s) {
			// Eight bytes of U+0020..U+007F at once.
			if w := swar.Load64(s[i:]); w&swar.Hi == 0 && !swar.HasLess(w, 0x20) {
				i += 8
				n += 7
				continue
			}
		}
		c := s[i]
		switch {
		case prefixASCIIClass.in(c):
			i++
		case (c == 0xC2 || c == 0xC3) && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			// U+0080..U+00FF, two bytes in UTF-8.
			i += 2
		default:
			return 0, false
		}
	}
	return n, true
}

// arnPattern matches an ARN of the form
// arn:PARTITION:SERVICE:REGION:[0-9]{12}:RESOURCE with Java's semantics.
type arnPattern struct {
	// partition is nil for aws(-[^:]+)? (an optional suffix of any
	// characters but ':', line terminators included), or the class of
	// the run in aws[...]*.
	partition *asciiClass
	// service is the service's name, between ':'.
	service string
	// region is the class of the region's characters, nil when the
	// region is empty (as in "iam::").
	region *asciiClass
	// resource matches what follows the account's ':'.
	resource func(s string) (ok, valid bool, n int)
}

var (
	// arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+
	roleArnPattern = &arnPattern{service: "iam", resource: func(s string) (bool, bool, int) {
		return literalThenDot(s, "role/")
	}}
	// arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:dataset\/[0-9a-zA-Z_-]{1,200}\/.+
	datasetArnPattern = &arnPattern{service: "lookoutequipment", region: regionClass, resource: scanDatasetResource}
	// arn:aws[a-z\-]*:kms:[a-z0-9\-]*:\d{12}:[\w\-\/]+
	kmsKeyArnPattern = &arnPattern{partition: kmsPartitionClass, service: "kms", region: kmsRegionClass,
		resource: oneClass(kmsResourceClass, 1, -1).scan}
)

func (p *arnPattern) scan(s string) (ok, valid bool, n int) {
	rest, found := strings.CutPrefix(s, "arn:aws")
	if !found {
		return fail(s)
	}
	n = len("arn:aws")
	valid = true
	if p.partition == nil {
		if rest != "" && rest[0] == '-' {
			// (-[^:]+): up to the next ':', at least one character.
			// No backtracking is possible: [^:] cannot consume the
			// ':' that must follow.
			end := strings.IndexByte(rest, ':')
			if end < 2 {
				return fail(s)
			}
			m, v := runeCount(rest[1:end])
			n += 1 + m
			valid = v
			rest = rest[end:]
		}
	} else {
		i := 0
		for i < len(rest) && p.partition.in(rest[i]) {
			i++
		}
		n += i
		rest = rest[i:]
	}
	// ":service:"
	if len(rest) < len(p.service)+2 || rest[0] != ':' || rest[1:1+len(p.service)] != p.service ||
		rest[1+len(p.service)] != ':' {
		return fail(s)
	}
	rest = rest[len(p.service)+2:]
	n += len(p.service) + 2
	// The region: a run of its class, which holds no ':'.
	if p.region != nil {
		i := 0
		for i < len(rest) && p.region.in(rest[i]) {
			i++
		}
		n += i
		rest = rest[i:]
	}
	// ":" twelve digits ":"
	const account = 12
	if len(rest) < account+2 || rest[0] != ':' || !digitClass.allIn(rest[1:1+account]) || rest[1+account] != ':' {
		return fail(s)
	}
	rest = rest[account+2:]
	n += account + 2
	ok, v, m := p.resource(rest)
	if !ok {
		return fail(s)
	}
	return true, valid && v, n + m
}

// scanDatasetResource matches dataset\/[0-9a-zA-Z_-]{1,200}\/.+. The name's
// class holds no '/', so the name ends at the first '/'.
func scanDatasetResource(s string) (ok, valid bool, n int) {
	rest, found := strings.CutPrefix(s, "dataset/")
	if !found {
		return false, false, 0
	}
	i := 0
	for i < len(rest) && datasetNameClass.in(rest[i]) {
		i++
	}
	if i < 1 || i > 200 || i == len(rest) || rest[i] != '/' {
		return false, false, 0
	}
	ok, valid, m := scanDotPlus(rest[i+1:])
	return ok, valid, len("dataset/") + i + 1 + m
}

// literalThenDot matches lit followed by .+.
func literalThenDot(s, lit string) (ok, valid bool, n int) {
	rest, found := strings.CutPrefix(s, lit)
	if !found {
		return false, false, 0
	}
	ok, valid, n = scanDotPlus(rest)
	return ok, valid, len(lit) + n
}

// scanDotPlus matches .+ with Java's semantics: at least one character,
// none of them \n, \r, U+0085, U+2028 or U+2029. It reads all of s, so that
// valid and n are known whatever ok is.
func scanDotPlus(s string) (ok, valid bool, n int) {
	ok, valid = s != "", true
	for i := 0; i < len(s); n++ {
		if i+8 <= len(s) {
			// Eight ASCII bytes at once, when none is below 0x0E (so
			// neither \n nor \r).
			if w := swar.Load64(s[i:]); w&swar.Hi == 0 && !swar.HasLess(w, 0x0E) {
				i += 8
				n += 7
				continue
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '\n' || c == '\r' {
				ok = false
			}
			i++
			continue
		}
		if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			// A two-byte sequence, U+0080..U+07FF, decoded inline: of
			// those, only U+0085 (C2 85) is a line terminator.
			if c == 0xC2 && s[i+1] == 0x85 {
				ok = false
			}
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			valid = false // sent as U+FFFD, which '.' matches
		case r == '\u0085' || r == '\u2028' || r == '\u2029':
			ok = false
		}
		i += size
	}
	return ok, valid, n
}

// scanKeyPattern matches the documented values of KeyPattern, which all
// share the stem {prefix}/{component_name}.
func scanKeyPattern(s string) (ok, valid bool, n int) {
	const stem = "{prefix}/{component_name}"
	if len(s) == len(stem)+2 && s[len(stem)+1] == '*' && s[:len(stem)] == stem {
		switch s[len(stem)] {
		case '/', '_', ' ', '.', '-':
			return true, true, len(s)
		}
	}
	return fail(s)
}

// scanEnum reports whether s is one of values, all of them ASCII.
func scanEnum(s string, values []string) (ok, valid bool, n int) {
	for _, v := range values {
		if s == v {
			return true, true, len(s)
		}
	}
	return fail(s)
}

var (
	// arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:model\/.+
	modelArnPattern = &arnPattern{service: "lookoutequipment", region: regionClass,
		resource: func(s string) (bool, bool, int) { return literalThenDot(s, "model/") }}
	// arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:inference-scheduler\/.+
	inferenceSchedulerArnPattern = &arnPattern{service: "lookoutequipment", region: regionClass,
		resource: func(s string) (bool, bool, int) { return literalThenDot(s, "inference-scheduler/") }}
	// arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:label-group\/.+
	labelGroupArnPattern = &arnPattern{service: "lookoutequipment", region: regionClass,
		resource: func(s string) (bool, bool, int) { return literalThenDot(s, "label-group/") }}
	// arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:.+
	resourceArnPattern = &arnPattern{service: "lookoutequipment", region: regionClass, resource: scanDotPlus}
	// ^arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:model\/[0-9a-zA-Z_-]{1,200}\/.+\/model-version\/[0-9]{1,}$
	modelVersionArnPattern = &arnPattern{service: "lookoutequipment", region: regionClass,
		resource: scanModelVersionResource}

	// [0-9A-Fa-f]+
	policyRevisionIdPattern = oneClass(hexClass, 1, -1)
)

// scanModelVersionArn matches
// ^arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:model\/[0-9a-zA-Z_-]{1,200}\/.+\/model-version\/[0-9]{1,}$.
func scanModelVersionArn(s string) (ok, valid bool, n int) {
	return modelVersionArnPattern.scan(s)
}

// scanModelVersionResource matches
// model\/[0-9a-zA-Z_-]{1,200}\/.+\/model-version\/[0-9]{1,}. The name's
// class holds no '/', so the name ends at the first '/'. What follows is
// .+ then a fixed tail: the digits hold no '/', so the tail begins at the
// last "/model-version/" of the value, whatever the greedy .+ holds before
// it (another "/model-version/" included); the tail has no line terminator,
// so the whole rest must have none, as .+ requires.
func scanModelVersionResource(s string) (ok, valid bool, n int) {
	rest, found := strings.CutPrefix(s, "model/")
	if !found {
		return false, false, 0
	}
	i := 0
	for i < len(rest) && datasetNameClass.in(rest[i]) {
		i++
	}
	if i < 1 || i > 200 || i == len(rest) || rest[i] != '/' {
		return false, false, 0
	}
	rest = rest[i+1:]
	ok, valid, m := scanDotPlus(rest)
	if !ok {
		return false, false, 0
	}
	const tail = "/model-version/"
	d := len(rest)
	for d > 0 && digitClass.in(rest[d-1]) {
		d--
	}
	// rest is .+ (at least one character) tail digits (at least one).
	if d == len(rest) || d < len(tail)+1 || rest[d-len(tail):d] != tail {
		return false, false, 0
	}
	return true, valid, len("model/") + i + 1 + m
}

// scanRetrainingFrequency matches ^P(\dY)?(\d{1,2}M)?(\d{1,3}D)?$ ("P"
// alone matches). Each group is a run of digits then its letter, so a run
// belongs to the group its letter names, and the groups come in order, each
// at most once.
func scanRetrainingFrequency(s string) (ok, valid bool, n int) {
	if s == "" || s[0] != 'P' {
		return fail(s)
	}
	group := 0 // the last group read: 1 Y, 2 M, 3 D
	for i := 1; i < len(s); {
		j := i
		for j < len(s) && digitClass.in(s[j]) {
			j++
		}
		digits := j - i
		if digits == 0 || j == len(s) {
			return fail(s)
		}
		switch {
		case s[j] == 'Y' && group < 1 && digits == 1:
			group = 1
		case s[j] == 'M' && group < 2 && digits <= 2:
			group = 2
		case s[j] == 'D' && group < 3 && digits <= 3:
			group = 3
		default:
			return fail(s)
		}
		i = j + 1
	}
	return true, true, len(s)
}

// scanLookbackWindow matches ^P180D$|^P360D$|^P540D$|^P720D$.
func scanLookbackWindow(s string) (ok, valid bool, n int) {
	switch s {
	case "P180D", "P360D", "P540D", "P720D":
		return true, true, len(s)
	}
	return fail(s)
}

// scanFileNameTimestampFormat matches ^EPOCH|yyyy-MM-dd-HH-mm-ss|yyyyMMddHHmmss$:
// as a full match, one of the three alternatives.
func scanFileNameTimestampFormat(s string) (ok, valid bool, n int) {
	switch s {
	case "EPOCH", "yyyy-MM-dd-HH-mm-ss", "yyyyMMddHHmmss":
		return true, true, len(s)
	}
	return fail(s)
}

// scanComponentTimestampDelimiter matches ^(\-|\_|\s)?$: the empty value,
// '-', '_', or one of Java's \s, which is ASCII only: ' ', \t, \n, \x0B,
// \f, \r. A final line terminator is not consumed by $, so "-\n" does not
// match, but "\n" alone does (as \s).
func scanComponentTimestampDelimiter(s string) (ok, valid bool, n int) {
	switch s {
	case "", "-", "_", " ", "\t", "\n", "\x0b", "\f", "\r":
		return true, true, len(s)
	}
	return fail(s)
}

// scanTimeZoneOffset matches ^(\+|\-)[0-9]{2}\:[0-9]{2}$.
func scanTimeZoneOffset(s string) (ok, valid bool, n int) {
	if len(s) == 6 && (s[0] == '+' || s[0] == '-') && digitClass.in(s[1]) && digitClass.in(s[2]) &&
		s[3] == ':' && digitClass.in(s[4]) && digitClass.in(s[5]) {
		return true, true, len(s)
	}
	return fail(s)
}

// scanPolicy matches [\u0009\u000A\u000D\u0020-\u00FF]+: at least one
// character, each of them \t, \n, \r or U+0020..U+00FF (scanPrefix's
// class), without a bound of its own.
func scanPolicy(s string) (ok, valid bool, n int) {
	n, ok = latin1Run(s)
	if !ok {
		return fail(s)
	}
	return n >= 1, true, n
}
