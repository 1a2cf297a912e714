package lookout

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// The reference of the matchers of match_new_test.go: each pattern is the
// service's Java pattern written again as a Go regexp with Java's semantics
// (a full match, \A(?:...)\z, '.' without the five line terminators, \d and
// \s ASCII only, [^:] with line terminators), applied to the value as the
// wire carries it (each byte of invalid UTF-8 as U+FFFD). Every repeat count
// of these patterns is under Go's limit of 1000, so no count needs a
// function of its own.

// nmJavaDot is Java's '.' without DOTALL: every character but \n, \r,
// U+0085, U+2028 and U+2029.
const nmJavaDot = `[^\n\r\x{85}\x{2028}\x{2029}]`

// nmJavaNotColon is Java's [^:]: every character but ':', line terminators
// included, written as ranges so that it does not lean on Go's flags.
const nmJavaNotColon = `[\x00-\x39\x3B-\x{10FFFF}]`

// nmJavaSpace is Java's \s without UNICODE_CHARACTER_CLASS: [ \t\n\x0B\f\r].
// Go's \s lacks \x0B.
const nmJavaSpace = `[ \t\n\x0B\f\r]`

// nmArnHead is arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:.
const nmArnHead = `arn:aws(?:-` + nmJavaNotColon + `+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:`

func nmFull(goPattern string) *regexp.Regexp {
	return regexp.MustCompile(`\A(?:` + goPattern + `)\z`)
}

// nmWire is the value as encoding/json sends it: each byte of an invalid
// UTF-8 sequence becomes U+FFFD.
func nmWire(s string) string { return string([]rune(s)) }

// nmMatcher is one new matcher, its reference, and the run that
// FuzzNewMatchers puts before a fuzzed value to reach its long boundaries.
type nmMatcher struct {
	name string
	scan func(s string) (ok, valid bool, n int)
	ref  *regexp.Regexp
	// head, then a run of padASCII (or of 'é') of up to padBound-1
	// characters, go before the fuzzed value (see nmPad).
	head     string
	padASCII string
	padBound int
}

const nmTestHead = "arn:aws:lookoutequipment:us-east-1:123456789012:"

// nmMatchers lists the new matchers. FuzzNewMatchers' corpus records
// indexes into it: it only ever grows at its end.
var nmMatchers = [...]nmMatcher{
	{"modelArnPattern", modelArnPattern.scan, nmFull(nmArnHead + `model/` + nmJavaDot + `+`),
		nmTestHead + "model/", "a", 2100},
	{"inferenceSchedulerArnPattern", inferenceSchedulerArnPattern.scan,
		nmFull(nmArnHead + `inference-scheduler/` + nmJavaDot + `+`), nmTestHead + "inference-scheduler/", "a", 2100},
	{"labelGroupArnPattern", labelGroupArnPattern.scan, nmFull(nmArnHead + `label-group/` + nmJavaDot + `+`),
		nmTestHead + "label-group/", "a", 2100},
	{"resourceArnPattern", resourceArnPattern.scan, nmFull(nmArnHead + nmJavaDot + `+`), nmTestHead, "a", 2100},
	{"scanModelVersionArn", scanModelVersionArn,
		nmFull(nmArnHead + `model/[0-9a-zA-Z_\-]{1,200}/` + nmJavaDot + `+/model-version/[0-9]+`),
		nmTestHead + "model/", "n", 260},
	{"scanRetrainingFrequency", scanRetrainingFrequency,
		nmFull(`P(?:[0-9]Y)?(?:[0-9]{1,2}M)?(?:[0-9]{1,3}D)?`), "P", "1", 8},
	{"scanLookbackWindow", scanLookbackWindow, nmFull(`P180D|P360D|P540D|P720D`), "", "", 1},
	{"scanFileNameTimestampFormat", scanFileNameTimestampFormat,
		nmFull(`EPOCH|yyyy-MM-dd-HH-mm-ss|yyyyMMddHHmmss`), "", "", 1},
	{"scanComponentTimestampDelimiter", scanComponentTimestampDelimiter,
		nmFull(`(?:-|_|` + nmJavaSpace + `)?`), "", " ", 3},
	{"scanTimeZoneOffset", scanTimeZoneOffset, nmFull(`[+\-][0-9]{2}:[0-9]{2}`), "", "0", 4},
	{"scanPolicy", scanPolicy, nmFull(`[\x{09}\x{0A}\x{0D}\x{20}-\x{FF}]+`), "", "a", 300},
	{"policyRevisionIdPattern", policyRevisionIdPattern.scan, nmFull(`[0-9A-Fa-f]+`), "", "f", 300},
}

// nmPad is what FuzzNewMatchers puts before the fuzzed value: pad 0 is
// nothing; otherwise m.head then a run of pad&0x7fff%padBound characters,
// of padASCII, or of 'é' (two bytes) when the high bit is set, to put the
// fuzzed bytes at every alignment of the word-at-a-time loops and to reach
// the long boundaries.
func nmPad(m *nmMatcher, pad uint16) string {
	if pad == 0 {
		return ""
	}
	c := m.padASCII
	if pad&0x8000 != 0 {
		c = "é"
	}
	return m.head + strings.Repeat(c, int(pad&0x7fff)%m.padBound)
}

// nmCheck compares m.scan(s) with the reference.
func nmCheck(t *testing.T, m *nmMatcher, s string) {
	t.Helper()
	ok, valid, n := m.scan(s)
	if want := m.ref.MatchString(nmWire(s)); ok != want {
		t.Errorf("%s(%q): ok %v, reference %v", m.name, nmShort(s), ok, want)
	}
	if want := utf8.ValidString(s); valid != want {
		t.Errorf("%s(%q): valid %v, want %v", m.name, nmShort(s), valid, want)
	}
	if want := utf8.RuneCountInString(s); n != want {
		t.Errorf("%s(%q): n %d, want %d", m.name, nmShort(s), n, want)
	}
}

// nmShort shortens a long value for a message.
func nmShort(s string) string {
	if len(s) <= 200 {
		return s
	}
	return s[:100] + "..." + s[len(s)-100:]
}

// FuzzNewMatchers compares each new matcher with its reference: ok, valid
// and n. which selects the matcher (nmMatchers[which%len]); pad puts a run
// before s (see nmPad).
func FuzzNewMatchers(f *testing.F) {
	for i := range nmMatchers {
		w := uint8(i)
		for _, c := range nmCases[nmMatchers[i].name] {
			if len(c.in) <= 600 {
				f.Add(w, c.in, uint16(0))
			}
		}
		f.Add(w, "", uint16(1))
		f.Add(w, "", uint16(200))
		f.Add(w, "/x/model-version/1", uint16(200))
		f.Add(w, "/x/model-version/1", uint16(201))
		f.Add(w, "\n", uint16(17))
		f.Add(w, "\xff", uint16(0x8000|13))
	}
	f.Fuzz(func(t *testing.T, which uint8, s string, pad uint16) {
		m := &nmMatchers[int(which)%len(nmMatchers)]
		nmCheck(t, m, nmPad(m, pad)+s)
	})
}
