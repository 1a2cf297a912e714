package ingest

import (
	"slices"
	"strconv"
)

// Kind is what a sensor cell holds (section 3 of the package documentation).
type Kind uint8

// The kinds of a sensor cell.
const (
	// Valid: a finite decimal number.
	Valid Kind = iota
	// Missing: an empty cell or one of [MissingTokens].
	Missing
	// Invalid: anything else.
	Invalid
)

// String returns "valid", "missing" or "invalid".
func (k Kind) String() string {
	switch k {
	case Valid:
		return "valid"
	case Missing:
		return "missing"
	case Invalid:
		return "invalid"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// MissingTokens returns the cells read as missing values besides the empty
// one, exactly, case included: the values pandas reads as missing by
// default. The slice is new on each call.
func MissingTokens() []string { return slices.Clone(missingTokens[:]) }

var missingTokens = [...]string{
	"-1.#IND", "1.#QNAN", "1.#IND", "-1.#QNAN", "#N/A N/A", "#N/A", "N/A", "n/a", "NA", "<NA>", "#NA",
	"NULL", "null", "NaN", "-NaN", "nan", "-nan", "None",
}

// Classify returns the kind of a sensor cell's text, already trimmed of
// spaces and tabs. A valid value is an optional sign, digits with at most
// one '.' (at least one digit in all), then optionally 'e' or 'E', an
// optional sign and at least one digit, whose value is finite as a float64
// (1e400 is invalid, 1e-400 is valid: it is 0).
func Classify[T string | []byte](s T) Kind {
	if len(s) == 0 {
		return Missing
	}
	if ok, finite := number(s); ok {
		if finite {
			return Valid
		}
		return Invalid
	}
	if isMissingToken(s) {
		return Missing
	}
	return Invalid
}

// isMissingToken reports whether s is one of missingTokens.
func isMissingToken[T string | []byte](s T) bool {
	if len(s) < 2 || len(s) > 8 {
		return false
	}
	switch s[0] {
	case '-', '1', '#', 'N', 'n', '<':
	default:
		return false
	}
	for _, t := range missingTokens {
		if string(s) == t {
			return true
		}
	}
	return false
}

// number reports whether s has the grammar of a decimal number, and whether
// its value is finite as a float64.
func number[T string | []byte](s T) (ok, finite bool) {
	i, n := 0, len(s)
	if s[0] == '+' || s[0] == '-' {
		i++
	}
	// Integer digits, then the fraction's.
	intStart := i
	for i < n && isDigit(s[i]) {
		i++
	}
	intEnd := i
	fracStart, fracEnd := i, i
	if i < n && s[i] == '.' {
		i++
		fracStart = i
		for i < n && isDigit(s[i]) {
			i++
		}
		fracEnd = i
	}
	if intEnd == intStart && fracEnd == fracStart {
		return false, false
	}
	exp, expBig := 0, false
	if i < n {
		if s[i] != 'e' && s[i] != 'E' {
			return false, false
		}
		i++
		neg := false
		if i < n && (s[i] == '+' || s[i] == '-') {
			neg = s[i] == '-'
			i++
		}
		if i == n {
			return false, false
		}
		for ; i < n; i++ {
			if !isDigit(s[i]) {
				return false, false
			}
			if exp < 1e8 {
				exp = exp*10 + int(s[i]-'0')
			} else {
				expBig = true
			}
		}
		if neg {
			exp = -exp
		}
	}
	// The value is in [10^e, 10^(e+1)) where e is the decimal exponent of
	// its first non-zero digit.
	k := intStart
	for k < intEnd && s[k] == '0' {
		k++
	}
	var e int
	if k < intEnd {
		e = intEnd - k - 1
	} else {
		k = fracStart
		for k < fracEnd && s[k] == '0' {
			k++
		}
		if k == fracEnd {
			return true, true // zero, whatever its exponent
		}
		e = fracStart - k - 1
	}
	if expBig {
		return true, exp < 0
	}
	e += exp
	switch {
	case e < 308:
		return true, true
	case e > 308:
		return true, false
	}
	// Near the largest float64 (1.797...e308): let strconv decide.
	_, err := strconv.ParseFloat(string(s), 64)
	return true, err == nil
}
