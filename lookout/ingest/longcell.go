package ingest

import (
	"strconv"
	"unicode/utf8"
)

// headLen is how many bytes of a long cell's text are kept.
const headLen = 256

// longCell reads a cell too long to hold, piece by piece: what it needs to
// classify it as a timestamp, a sensor value or a header name, in bounded
// memory. A data cell's leading spaces and tabs are skipped (trim true).
type longCell struct {
	trim    bool
	started bool  // a byte other than a leading space or tab was seen
	n       int64 // bytes after the leading spaces and tabs
	ws      int64 // the current run of trailing spaces and tabs
	head    [headLen]byte

	// Header checks: a NUL byte, invalid UTF-8 (carry holds an unfinished
	// sequence).
	nul    bool
	bad8   bool
	carry  [utf8.UTFMax]byte
	ncarry int

	// The number grammar, as a state machine.
	st        numState
	neg       bool  // a leading '-'
	nonzero   bool  // a non-zero digit of the significand was seen
	intSig    int64 // integer digits from the first non-zero one
	fracZeros int64 // fraction zeros before the first non-zero digit
	digits    [24]byte
	nd        int
	sticky    bool // a non-zero digit past digits
	exp       int64
	expNeg    bool
	expBig    bool
}

type numState uint8

const (
	nStart numState = iota
	nSign
	nInt
	nDotAfterInt
	nDot
	nFrac
	nE
	nESign
	nExp
	nTrail // spaces or tabs after an accepted number
	nBad
)

func (s numState) accepting() bool {
	return s == nInt || s == nDotAfterInt || s == nFrac || s == nExp || s == nTrail
}

func (c *longCell) reset(trim bool) { *c = longCell{trim: trim} }

func (c *longCell) feed(b []byte) {
	if !c.trim {
		c.feedText(b)
	}
	for _, x := range b {
		if x == ' ' || x == '\t' {
			if !c.started && c.trim {
				continue
			}
			c.ws++
		} else {
			c.ws = 0
		}
		c.started = true
		if c.n < headLen {
			c.head[c.n] = x
		}
		c.n++
		if c.trim {
			c.num(x)
		}
	}
}

// feedText checks a header name's bytes for NUL and invalid UTF-8.
func (c *longCell) feedText(b []byte) {
	for len(b) > 0 && !c.bad8 {
		if c.ncarry > 0 {
			c.carry[c.ncarry] = b[0]
			c.ncarry++
			b = b[1:]
			if utf8.FullRune(c.carry[:c.ncarry]) {
				if r, _ := utf8.DecodeRune(c.carry[:c.ncarry]); r == utf8.RuneError {
					c.bad8 = true
				}
				c.ncarry = 0
			}
			continue
		}
		// The last incomplete sequence waits for the next piece.
		k := len(b)
		for s := max(len(b)-utf8.UTFMax+1, 0); s < len(b); s++ {
			if utf8.RuneStart(b[s]) {
				if !utf8.FullRune(b[s:]) {
					k = s
				}
			}
		}
		if !utf8.Valid(b[:k]) {
			c.bad8 = true
		}
		for _, x := range b[:k] {
			if x == 0 {
				c.nul = true
			}
		}
		c.ncarry = copy(c.carry[:], b[k:])
		b = nil
	}
}

// num advances the number grammar by one byte.
func (c *longCell) num(x byte) {
	d := x - '0'
	switch c.st {
	case nStart, nSign:
		switch {
		case d < 10:
			c.st = nInt
			c.intDigit(d)
		case x == '.':
			c.st = nDot
		case c.st == nStart && (x == '+' || x == '-'):
			c.st = nSign
			c.neg = x == '-'
		default:
			c.st = nBad
		}
	case nInt:
		switch {
		case d < 10:
			c.intDigit(d)
		case x == '.':
			c.st = nDotAfterInt
		default:
			c.afterMantissa(x)
		}
	case nDotAfterInt, nDot, nFrac:
		switch {
		case d < 10:
			c.st = nFrac
			c.fracDigit(d)
		case c.st == nDot:
			c.st = nBad
		default:
			c.afterMantissa(x)
		}
	case nE, nESign:
		switch {
		case d < 10:
			c.st = nExp
			c.expDigit(d)
		case c.st == nE && (x == '+' || x == '-'):
			c.st = nESign
			c.expNeg = x == '-'
		default:
			c.st = nBad
		}
	case nExp:
		switch {
		case d < 10:
			c.expDigit(d)
		case x == ' ' || x == '\t':
			c.st = nTrail
		default:
			c.st = nBad
		}
	case nTrail:
		if x != ' ' && x != '\t' {
			c.st = nBad
		}
	}
}

func (c *longCell) afterMantissa(x byte) {
	switch x {
	case 'e', 'E':
		c.st = nE
	case ' ', '\t':
		c.st = nTrail
	default:
		c.st = nBad
	}
}

func (c *longCell) sig(d byte) {
	if c.nd < len(c.digits) {
		c.digits[c.nd] = '0' + d
		c.nd++
	} else if d != 0 {
		c.sticky = true
	}
}

func (c *longCell) intDigit(d byte) {
	if d != 0 || c.nonzero {
		c.nonzero = true
		c.intSig++
		c.sig(d)
	}
}

func (c *longCell) fracDigit(d byte) {
	switch {
	case c.nonzero:
		c.sig(d)
	case d == 0:
		c.fracZeros++
	default:
		c.nonzero = true
		c.sig(d)
	}
}

func (c *longCell) expDigit(d byte) {
	if c.exp < 1e12 {
		c.exp = c.exp*10 + int64(d)
	} else {
		c.expBig = true
	}
}

// text returns the cell's trimmed text when it is short enough to have
// been kept whole.
func (c *longCell) text() ([]byte, bool) {
	m := c.n - c.ws
	if m > headLen {
		return nil, false
	}
	return c.head[:m], true
}

// kind classifies the cell as a sensor value.
func (c *longCell) kind() Kind {
	if t, ok := c.text(); ok {
		return Classify(t)
	}
	if !c.st.accepting() {
		return Invalid
	}
	if !c.nonzero {
		return Valid
	}
	if c.expBig {
		if c.expNeg {
			return Valid
		}
		return Invalid
	}
	e := c.exp
	if c.expNeg {
		e = -e
	}
	if c.intSig > 0 {
		e += c.intSig - 1
	} else {
		e -= c.fracZeros + 1
	}
	switch {
	case e < 308:
		return Valid
	case e > 308:
		return Invalid
	}
	s := "0." + string(c.digits[:c.nd])
	if c.sticky {
		s += "1"
	}
	if _, err := strconv.ParseFloat(s+"e"+strconv.FormatInt(e+1, 10), 64); err != nil {
		return Invalid
	}
	return Valid
}

// value returns the value of a cell that kind finds valid: from its text
// when it was kept whole, else from its first 24 significant digits, a
// sticky digit for the rest, and its decimal exponent.
func (c *longCell) value() float64 {
	if t, ok := c.text(); ok {
		return validValue(t)
	}
	if !c.nonzero {
		return 0
	}
	if c.expBig {
		return 0 // a negative exponent past any float64: it underflows
	}
	e := c.exp
	if c.expNeg {
		e = -e
	}
	if c.intSig > 0 {
		e += c.intSig
	} else {
		e -= c.fracZeros
	}
	s := "0." + string(c.digits[:c.nd])
	if c.sticky {
		s += "1"
	}
	if c.neg {
		s = "-" + s
	}
	v, _ := strconv.ParseFloat(s+"e"+strconv.FormatInt(e, 10), 64)
	return v
}

// timestamp reads the cell as a timestamp.
func (c *longCell) timestamp() (int64, bool) {
	if t, ok := c.text(); ok {
		return ParseTimestamp(t)
	}
	return 0, false
}

// name returns a header name's text: whole when it is short, else its
// first bytes (cut at a rune boundary), which makes it longer than any
// valid name.
func (c *longCell) name() (string, bool) {
	if c.nul || c.bad8 || c.ncarry > 0 {
		return "", false
	}
	k := int(min(c.n, headLen))
	if k < int(c.n) {
		// Cut before a rune the head holds only part of.
		i := k - 1
		for i > 0 && !utf8.RuneStart(c.head[i]) {
			i--
		}
		if !utf8.FullRune(c.head[i:k]) {
			k = i
		}
	}
	if c.n > headLen {
		return string(c.head[:k]) + "...(" + strconv.FormatInt(c.n, 10) + " bytes)", true
	}
	return string(c.head[:k]), true
}
