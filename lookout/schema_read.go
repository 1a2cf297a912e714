package lookout

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/lookout-equipment/lookoutequipment/lookout/internal/strictjson"
)

// schemaReader reads an InlineDataSchema strictly, in one pass, with the
// scanner the request reader uses: the same words for the same fault. Its
// structure follows the schema's three levels of objects; any other value,
// nested to any depth, is skipped by the scanner without recursion.
type schemaReader struct {
	strictjson.Scanner
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

func (r *schemaReader) document() (*DataSchema, *schemaPos) {
	ds := &DataSchema{}
	pos := &schemaPos{components: -1}
	s := r.Text
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

	r.SkipSpace()
	top := schemaLoc{comp: -1, col: -1}
	r.object(top, schemaTopMembers, func(m int) {
		// Components
		pos.components = r.Pos
		if !r.array(top.with("Components"), func(i int) {
			ds.Components = append(ds.Components, SchemaComponent{})
			pos.comps = append(pos.comps, componentPos{at: r.Pos, name: -1, columns: -1})
			r.component(&ds.Components[i], &pos.comps[i], schemaLoc{comp: i, col: -1})
		}) {
			pos.components = -1
		}
	})
	if !r.stopped {
		r.SkipSpace()
		if r.Pos < len(s) {
			r.add(SchemaViolation{Offset: r.Pos, Reason: SchemaTrailingData})
		}
	}
	return ds, pos
}

func (r *schemaReader) component(c *SchemaComponent, cp *componentPos, l schemaLoc) {
	r.object(l, schemaComponentMembers, func(m int) {
		switch m {
		case 0: // ComponentName
			at := r.Pos
			if v, ok := r.stringValue(l.with("ComponentName")); ok {
				c.ComponentName, cp.name = v, at
			}
		case 1: // Columns
			cp.columns = r.Pos
			if !r.array(l.with("Columns"), func(j int) {
				c.Columns = append(c.Columns, SchemaColumn{})
				cp.cols = append(cp.cols, columnPos{at: r.Pos, name: -1, typ: -1})
				col, kp := &c.Columns[j], &cp.cols[j]
				colLoc := schemaLoc{comp: l.comp, col: j}
				r.object(colLoc, schemaColumnMembers, func(m int) {
					at := r.Pos
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

// stop records err, the fault that ends the document's JSON, at l (at its
// member l.member names the member whose name was read).
func (r *schemaReader) stop(l schemaLoc, err *strictjson.Error) {
	if err.Member != "" {
		l = l.with(err.Member)
	}
	r.add(SchemaViolation{Path: l.String(), Offset: err.Offset, Reason: SchemaSyntax, Detail: err.Reason})
	r.stopped = true
}

// isValueStart reports whether a JSON value can start at r.Pos.
func (r *schemaReader) isValueStart() bool {
	return r.Pos < len(r.Text) && strictjson.ValueKind(r.Text, r.Pos) != ""
}

// wrongType reports the value at r.Pos as not of the type expected, and
// skips it; a value that cannot be read is a syntax error.
func (r *schemaReader) wrongType(l schemaLoc, expected string) {
	if !r.isValueStart() {
		r.stop(l, r.ErrorAt(r.Pos, "expected a value, found "+r.Found(r.Pos)))
		return
	}
	r.add(SchemaViolation{Path: l.String(), Offset: r.Pos, Reason: SchemaWrongType,
		Detail: "expected " + expected + ", found " + r.Found(r.Pos)})
	r.skip(l)
}

// object reads the object at r.Pos, whose members are known (each at most
// once, all required), calling member with the index of each known member
// and r.Pos at its value (member reads the value). An unknown, miscased or
// duplicate member is reported and its value skipped; a missing one is
// reported at the object's start. It returns false when the value is not an
// object (reported) or the document stopped.
func (r *schemaReader) object(l schemaLoc, known []string, member func(m int)) bool {
	if r.Pos >= len(r.Text) || r.Text[r.Pos] != '{' {
		r.wrongType(l, "an object")
		return false
	}
	start := r.Pos
	r.Pos++
	seen := uint(0)
	for first := true; ; first = false {
		name, nameAt, more, err := r.Member(first)
		if err != nil {
			r.stop(l, err)
			return false
		}
		if !more {
			break
		}
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

// array reads the array at r.Pos, calling elem with the index of each
// element and r.Pos at it (elem reads the element). It returns false when
// the value is not an array (reported) or the document stopped.
func (r *schemaReader) array(l schemaLoc, elem func(i int)) bool {
	if r.Pos >= len(r.Text) || r.Text[r.Pos] != '[' {
		r.wrongType(l, "an array")
		return false
	}
	r.Pos++
	for i := 0; ; i++ {
		more, err := r.Element(i)
		if err != nil {
			r.stop(l, err)
			return false
		}
		if !more {
			return true
		}
		if i > 0 && r.Text[r.Pos] == ']' {
			r.stop(l, r.ErrorAt(r.Pos, strictjson.NoElementAfterComma))
			return false
		}
		elem(i)
		if r.stopped {
			return false
		}
	}
}

// stringValue reads the string at r.Pos; any other value is reported and
// skipped.
func (r *schemaReader) stringValue(l schemaLoc) (string, bool) {
	if r.Pos >= len(r.Text) || r.Text[r.Pos] != '"' {
		r.wrongType(l, "a string")
		return "", false
	}
	v, err := r.String()
	if err != nil {
		r.stop(l, err)
		return "", false
	}
	return v, true
}

// skip reads past the value at r.Pos, checking that it is JSON.
func (r *schemaReader) skip(l schemaLoc) {
	if err := r.Skip(0); err != nil {
		r.stop(l, err)
	}
}
