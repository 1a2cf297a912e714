package lookout

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// schemaReader reads an InlineDataSchema strictly, in one pass. Its
// structure follows the schema's three levels of objects; any other value,
// nested to any depth, is skipped with a stack on the heap.
type schemaReader struct {
	s       string
	i       int
	v       []SchemaViolation
	stopped bool // the document stopped being JSON: nothing more is read
}

// The members of each object of a schema, and what its messages call it.
var (
	schemaTopMembers       = []string{"Components"}
	schemaComponentMembers = []string{"ComponentName", "Columns"}
	schemaColumnMembers    = []string{"Name", "Type"}
)

func (r *schemaReader) add(v SchemaViolation) { r.v = append(r.v, v) }

// stop records that the document is not JSON at r.i.
func (r *schemaReader) stop(l schemaLoc, detail string) {
	r.add(SchemaViolation{Path: l.String(), Offset: r.i, Reason: SchemaSyntax, Detail: detail})
	r.stopped = true
}

func (r *schemaReader) document() (*DataSchema, *schemaPos) {
	ds := &DataSchema{}
	pos := &schemaPos{components: -1}
	s := r.s
	switch {
	case s == "":
		r.add(SchemaViolation{Offset: 0, Reason: SchemaLength, Limit: 1})
		r.stopped = true
		return ds, pos
	case len(s) > utf8.UTFMax*MaxInlineDataSchemaLength:
		r.add(SchemaViolation{Offset: 0, Reason: SchemaLength, Limit: MaxInlineDataSchemaLength,
			Index: MaxInlineDataSchemaLength + 1})
		r.stopped = true
		return ds, pos
	}
	n, valid := runeCount(s) // one pass, eight bytes at a time over ASCII
	if !valid {
		off := asciiPrefixLen(s)
		for off < len(s) {
			c, size := utf8.DecodeRuneInString(s[off:])
			if c == utf8.RuneError && size == 1 {
				break
			}
			off += size
		}
		r.add(SchemaViolation{Offset: off, Reason: SchemaInvalidUTF8})
		r.stopped = true
		return ds, pos
	}
	if n > MaxInlineDataSchemaLength {
		r.add(SchemaViolation{Offset: 0, Reason: SchemaLength, Limit: MaxInlineDataSchemaLength, Index: n})
		r.stopped = true
		return ds, pos
	}

	r.ws()
	top := schemaLoc{comp: -1, col: -1}
	r.object(top, schemaTopMembers, func(m int) {
		// Components
		pos.components = r.i
		if !r.array(top.with("Components"), func(i int) {
			ds.Components = append(ds.Components, SchemaComponent{})
			pos.comps = append(pos.comps, componentPos{at: r.i, name: -1, columns: -1})
			r.component(&ds.Components[i], &pos.comps[i], schemaLoc{comp: i, col: -1})
		}) {
			pos.components = -1
		}
	})
	if !r.stopped {
		r.ws()
		if r.i < len(s) {
			r.add(SchemaViolation{Offset: r.i, Reason: SchemaTrailingData})
		}
	}
	return ds, pos
}

func (r *schemaReader) component(c *SchemaComponent, cp *componentPos, l schemaLoc) {
	r.object(l, schemaComponentMembers, func(m int) {
		switch m {
		case 0: // ComponentName
			at := r.i
			if v, ok := r.stringValue(l.with("ComponentName")); ok {
				c.ComponentName, cp.name = v, at
			}
		case 1: // Columns
			cp.columns = r.i
			if !r.array(l.with("Columns"), func(j int) {
				c.Columns = append(c.Columns, SchemaColumn{})
				cp.cols = append(cp.cols, columnPos{at: r.i, name: -1, typ: -1})
				col, kp := &c.Columns[j], &cp.cols[j]
				colLoc := schemaLoc{comp: l.comp, col: j}
				r.object(colLoc, schemaColumnMembers, func(m int) {
					at := r.i
					if m == 0 {
						if v, ok := r.stringValue(colLoc.with("Name")); ok {
							col.Name, kp.name = v, at
						}
					} else if v, ok := r.stringValue(colLoc.with("Type")); ok {
						col.Type, kp.typ = v, at
					}
				})
			}) {
				cp.columns = -1
			}
		}
	})
}

// schemaLoc is a place in a schema document, whose path is written only for
// a violation: Components[comp].Columns[col].member, each part there when
// set (comp and col -1 when not).
type schemaLoc struct {
	comp, col int
	member    string
}

// with returns the place of the member name in the object at l.
func (l schemaLoc) with(name string) schemaLoc {
	l.member = name
	return l
}

// String returns the path, "" for the document.
func (l schemaLoc) String() string {
	var b []byte
	if l.comp >= 0 {
		b = append(b, "Components["...)
		b = strconv.AppendInt(b, int64(l.comp), 10)
		b = append(b, ']')
	}
	if l.col >= 0 {
		b = append(b, ".Columns["...)
		b = strconv.AppendInt(b, int64(l.col), 10)
		b = append(b, ']')
	}
	if l.member != "" {
		if len(b) > 0 {
			b = append(b, '.')
		}
		b = append(b, l.member...)
	}
	return string(b)
}

// ws skips JSON's white space.
func (r *schemaReader) ws() {
	for r.i < len(r.s) {
		switch r.s[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

// found describes what is at r.i, for messages.
func (r *schemaReader) found() string {
	if r.i >= len(r.s) {
		return "the end of the document"
	}
	if k := valueKind(r.s, r.i); k != "" {
		return k
	}
	if c := r.s[r.i]; 0x20 < c && c < 0x7F {
		return strconv.QuoteRune(rune(c)) // '}', '\''
	}
	// A control character, or one beyond ASCII: its code point.
	c, _ := utf8.DecodeRuneInString(r.s[r.i:])
	return codePoint(c)
}

// isValueStart reports whether a JSON value can start at r.i.
func (r *schemaReader) isValueStart() bool {
	return r.i < len(r.s) && valueKind(r.s, r.i) != ""
}

// wrongType reports the value at r.i as not of the type expected, and skips
// it; a value that cannot be read is a syntax error.
func (r *schemaReader) wrongType(l schemaLoc, expected string) {
	if !r.isValueStart() {
		r.stop(l, "expected a value, found "+r.found())
		return
	}
	r.add(SchemaViolation{Path: l.String(), Offset: r.i, Reason: SchemaWrongType,
		Detail: "expected " + expected + ", found " + r.found()})
	r.skip(l)
}

// object reads the object at r.i, whose members are known (each at most
// once, all required), calling member with the index of each known member
// and r.i at its value (member reads the value). An unknown, miscased or
// duplicate member is reported and its value skipped; a missing one is
// reported at the object's start. It returns false when the value is not an
// object (reported) or the document stopped.
func (r *schemaReader) object(l schemaLoc, known []string, member func(m int)) bool {
	if r.i >= len(r.s) || r.s[r.i] != '{' {
		r.wrongType(l, "an object")
		return false
	}
	start := r.i
	r.i++
	seen := uint(0)
	for first := true; ; first = false {
		r.ws()
		if r.i < len(r.s) && r.s[r.i] == '}' && first {
			r.i++
			break
		}
		if !first {
			if r.i < len(r.s) && r.s[r.i] == '}' {
				r.i++
				break
			}
			if r.i >= len(r.s) || r.s[r.i] != ',' {
				r.stop(l, "expected ',' or '}' after a member, found "+r.found())
				return false
			}
			r.i++
			r.ws()
		}
		if r.i >= len(r.s) || r.s[r.i] != '"' {
			r.stop(l, "expected a member name, found "+r.found())
			return false
		}
		nameAt := r.i
		name, ok := r.str(l)
		if !ok {
			return false
		}
		r.ws()
		if r.i >= len(r.s) || r.s[r.i] != ':' {
			r.stop(l.with(name), "expected ':' after a member name, found "+r.found())
			return false
		}
		r.i++
		r.ws()
		m := -1
		for k, kn := range known {
			if name == kn {
				m = k
				break
			}
		}
		switch {
		case m >= 0 && seen&(1<<m) != 0:
			r.add(SchemaViolation{Path: l.with(name).String(), Offset: nameAt, Reason: SchemaDuplicateMember, Value: name})
			r.skip(l.with(name))
		case m >= 0:
			seen |= 1 << m
			member(m)
		default:
			v := SchemaViolation{Path: l.with(name).String(), Offset: nameAt, Reason: SchemaUnknownMember, Value: name}
			for _, kn := range known {
				if strings.EqualFold(name, kn) {
					v.Reason, v.Detail = SchemaMiscasedMember, kn
					break
				}
			}
			r.add(v)
			r.skip(l.with(name))
		}
		if r.stopped {
			return false
		}
	}
	for k, kn := range known {
		if seen&(1<<k) == 0 {
			r.add(SchemaViolation{Path: l.with(kn).String(), Offset: start, Reason: SchemaMissingMember})
		}
	}
	return true
}

// array reads the array at r.i, calling elem with the index of each element
// and r.i at it (elem reads the element). It returns false when the value
// is not an array (reported) or the document stopped.
func (r *schemaReader) array(l schemaLoc, elem func(i int)) bool {
	if r.i >= len(r.s) || r.s[r.i] != '[' {
		r.wrongType(l, "an array")
		return false
	}
	r.i++
	for i := 0; ; i++ {
		r.ws()
		if r.i < len(r.s) && r.s[r.i] == ']' && i == 0 {
			r.i++
			return true
		}
		if i > 0 {
			if r.i < len(r.s) && r.s[r.i] == ']' {
				r.i++
				return true
			}
			if r.i >= len(r.s) || r.s[r.i] != ',' {
				r.stop(l, "expected ',' or ']' after an element, found "+r.found())
				return false
			}
			r.i++
			r.ws()
		}
		elem(i)
		if r.stopped {
			return false
		}
	}
}

// stringValue reads the string at r.i; any other value is reported and
// skipped.
func (r *schemaReader) stringValue(l schemaLoc) (string, bool) {
	if r.i >= len(r.s) || r.s[r.i] != '"' {
		r.wrongType(l, "a string")
		return "", false
	}
	return r.str(l)
}

// str reads the string at r.i (a '"'), escapes decoded. The document is
// valid UTF-8.
func (r *schemaReader) str(l schemaLoc) (string, bool) {
	start := r.i + 1
	for i := start; i < len(r.s); i++ {
		switch c := r.s[i]; {
		case c == '"':
			r.i = i + 1
			return r.s[start:i], true
		case c == '\\':
			return r.strEscaped(start, i, l)
		case c < 0x20:
			r.i = i
			r.stop(l, "a control character in a string, "+r.found())
			return "", false
		}
	}
	r.i = len(r.s)
	r.stop(l, "a string without its closing '\"'")
	return "", false
}

// strEscaped reads the rest of a string that holds an escape at i.
func (r *schemaReader) strEscaped(start, i int, l schemaLoc) (string, bool) {
	var b strings.Builder
	b.WriteString(r.s[start:i])
	for i < len(r.s) {
		c := r.s[i]
		switch {
		case c == '"':
			r.i = i + 1
			return b.String(), true
		case c < 0x20:
			r.i = i
			r.stop(l, "a control character in a string, "+r.found())
			return "", false
		case c != '\\':
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(r.s) {
			break
		}
		if e, ok := simpleEscape(r.s[i+1]); ok {
			b.WriteByte(e)
		} else if r.s[i+1] != 'u' {
			r.i = i
			r.stop(l, "an invalid escape in a string")
			return "", false
		} else {
			u, size, fault := uEscape(r.s, i)
			switch fault {
			case uEscapeNotHex:
				r.i = i
				r.stop(l, `a \u escape without four hexadecimal digits`)
				return "", false
			case uEscapeLoneLow, uEscapeLoneHigh:
				r.i = i
				r.stop(l, `a \u escape of half a surrogate pair`)
				return "", false
			}
			b.WriteRune(u)
			i += size
			continue
		}
		i += 2
	}
	r.i = len(r.s)
	r.stop(l, "a string without its closing '\"'")
	return "", false
}

// skip reads past the value at r.i, checking that it is JSON, without
// recursion: the closers of the arrays and objects open are on a stack.
func (r *schemaReader) skip(l schemaLoc) {
	var open []byte
	for {
		// A value.
		r.ws()
		if r.i >= len(r.s) {
			r.stop(l, "expected a value, found the end of the document")
			return
		}
		switch c := r.s[r.i]; {
		case c == '{':
			r.i++
			r.ws()
			if r.i < len(r.s) && r.s[r.i] == '}' {
				r.i++
				break
			}
			open = append(open, '}')
			if !r.skipName(l) {
				return
			}
			continue
		case c == '[':
			r.i++
			r.ws()
			if r.i < len(r.s) && r.s[r.i] == ']' {
				r.i++
				break
			}
			open = append(open, ']')
			continue
		case c == '"':
			if _, ok := r.str(l); !ok {
				return
			}
		case c == '-' || '0' <= c && c <= '9':
			if !r.number(l) {
				return
			}
		default:
			lit := ""
			for _, l := range []string{"true", "false", "null"} {
				if strings.HasPrefix(r.s[r.i:], l) {
					lit = l
				}
			}
			if lit == "" {
				r.stop(l, "expected a value, found "+r.found())
				return
			}
			r.i += len(lit)
		}
		// After a value: close what ends here, up to the next value.
		for {
			if len(open) == 0 {
				return
			}
			r.ws()
			top := open[len(open)-1]
			if r.i < len(r.s) && r.s[r.i] == top {
				r.i++
				open = open[:len(open)-1]
				continue
			}
			if r.i < len(r.s) && r.s[r.i] == ',' {
				r.i++
				if top == '}' {
					r.ws()
					if !r.skipName(l) {
						return
					}
				}
				break
			}
			r.stop(l, "expected ',' or '"+string(top)+"', found "+r.found())
			return
		}
	}
}

// skipName reads a member name and its ':'.
func (r *schemaReader) skipName(l schemaLoc) bool {
	if r.i >= len(r.s) || r.s[r.i] != '"' {
		r.stop(l, "expected a member name, found "+r.found())
		return false
	}
	if _, ok := r.str(l); !ok {
		return false
	}
	r.ws()
	if r.i >= len(r.s) || r.s[r.i] != ':' {
		r.stop(l, "expected ':' after a member name, found "+r.found())
		return false
	}
	r.i++
	return true
}

// number reads a JSON number at r.i.
func (r *schemaReader) number(l schemaLoc) bool {
	s, i := r.s, r.i
	digits := func() int {
		j := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i - j
	}
	if s[i] == '-' {
		i++
	}
	switch n := digits(); {
	case n == 0:
		r.i = i
		r.stop(l, "a number without digits")
		return false
	case n > 1 && s[i-n] == '0':
		r.i = i - n
		r.stop(l, "a number with a leading zero")
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			r.i = i
			r.stop(l, "a number without digits after '.'")
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			r.i = i
			r.stop(l, "a number without digits in its exponent")
			return false
		}
	}
	r.i = i
	return true
}
