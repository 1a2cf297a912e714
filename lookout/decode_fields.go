package lookout

import (
	"math"
	"strconv"
	"strings"
	"unsafe"
)

// The strict reader is driven by one table per structure: a structure's
// members, each with how its value is read into the Go struct. decodeObject
// runs the member loop for every structure; the member constructors below
// (wireString, wireObject, wireList, ...) make the entries, so that a
// structure's table is a list of declarations, not code.

// wireMember is the declaration of one member of a structure T for the
// reader: its wire name and how its value is read into a T.
type wireMember[T any] struct {
	// name is the member's wire name, case-sensitive.
	name string
	// read reads the member's value, at d.pos, into v, and says what the
	// body gave. The path of an error it returns is within the value.
	read func(d *decoder, v *T) (given, *DecodeError)
	// flipEmpty: a plain string field whose "" means absent; a body that
	// gives "" is recorded in the presence.
	flipEmpty bool
	// flipAbsent: a plain string field whose "" is a value; a body that
	// leaves the member out (or null) is recorded in the presence.
	flipAbsent bool
}

// given is what a body gave for a member.
type given uint8

const (
	givenNull  given = iota // null (or, for the table, left out)
	givenValue              // a value
	givenEmpty              // the string ""
)

// givenOf returns what a body gave: null, a value, or "" when empty.
func givenOf(present, empty bool) given {
	switch {
	case !present:
		return givenNull
	case empty:
		return givenEmpty
	}
	return givenValue
}

// wireStruct is the table of a structure T: its members, in the order
// errors list them.
type wireStruct[T any] struct {
	list []wireMember[T]
	// names lists the members' names; shown lists them as errors do.
	names []string
	shown string
	// flipAbsent has the bit of each member with flipAbsent set.
	flipAbsent uint64
}

// newWireStruct returns the table of the members ms. A structure has at
// most 64 members (a bit each in the set of members seen), each name once.
func newWireStruct[T any](ms ...wireMember[T]) *wireStruct[T] {
	if len(ms) > 64 {
		panic("lookout: a structure has more than 64 members")
	}
	t := &wireStruct[T]{list: ms, names: make([]string, len(ms))}
	for i, m := range ms {
		for _, n := range t.names[:i] {
			if n == m.name {
				panic("lookout: member " + m.name + " declared twice")
			}
		}
		t.names[i] = m.name
		if m.flipAbsent {
			t.flipAbsent |= 1 << i
		}
	}
	t.shown = strings.Join(t.names, ", ")
	return t
}

// index returns the index of the member named key, or -1.
func (t *wireStruct[T]) index(key string) int {
	for i := range t.list {
		if t.list[i].name == key {
			return i
		}
	}
	return -1
}

// decodeObject reads the object at d.pos (at its '{') into v, the
// structure at w, with the table t: it matches member names exactly
// (naming a miscased one), refuses unknown and duplicate members (with a
// bit per member seen), reads each value with its declaration, and records
// in d.presence what v cannot say. It recurses only into the members' own
// structures.
func decodeObject[T any](d *decoder, v *T, w where, t *wireStruct[T]) *DecodeError {
	d.pos++ // '{'
	var seen uint64
	next := 0 // the member after the last one read: the next one, in a body in the model's order
	for first := true; ; first = false {
		key, at, more, de := d.member(first)
		if de != nil {
			return de
		}
		if !more {
			if left := t.flipAbsent &^ seen; left != 0 {
				for i := range t.list {
					if left&(1<<i) != 0 {
						d.presence.flip(w, i)
					}
				}
			}
			return nil
		}
		i := next
		if i >= len(t.list) || t.list[i].name != key {
			if i = t.index(key); i < 0 {
				return d.unknownMember(at, key, t.names, t.shown)
			}
		}
		next = i + 1
		bit := uint64(1) << i
		if seen&bit != 0 {
			return d.duplicateMember(at, key)
		}
		seen |= bit
		m := &t.list[i]
		g, de := m.read(d, v)
		if de != nil {
			return de.within(m.name)
		}
		if m.flipEmpty && g == givenEmpty || m.flipAbsent && g == givenNull {
			d.presence.flip(w, i)
		}
	}
}

// decodeList reads the list at d.pos (at its '['), whose elements are
// objects read with t, into *lp: an empty, non-nil slice for "[]", as
// encoding/json reads it. Each element is finished before the next is
// appended (an element moves when the list grows).
func decodeList[E any](d *decoder, lp *[]E, t *wireStruct[E]) *DecodeError {
	d.pos++ // '['
	*lp = []E{}
	for first := true; ; first = false {
		d.skipSpace()
		if d.pos == len(d.s) {
			return d.errorAt(d.pos, "unexpected end of the body: the list is not closed")
		}
		switch c := d.s[d.pos]; {
		case c == ']':
			d.pos++
			return nil
		case !first && c != ',':
			return d.errorAt(d.pos, "expected ',' or ']' after an element, found "+d.found(d.pos))
		case !first:
			d.pos++
			d.skipSpace()
			if d.pos == len(d.s) {
				return d.errorAt(d.pos, "unexpected end of the body: the list is not closed")
			}
		}
		i := len(*lp)
		if c := d.s[d.pos]; c != '{' {
			reason := "expected an object, found " + d.found(d.pos)
			if !first && c == ']' {
				reason = "expected an element after ',', found the character ']'"
			}
			return d.errorAt(d.pos, reason).within(elementSegment(i))
		}
		*lp = append(*lp, *new(E))
		if de := decodeObject(d, &(*lp)[i], where{ptr: lp, idx: i}, t); de != nil {
			return de.within(elementSegment(i))
		}
	}
}

// elementSegment is the path segment of element i (0-based) of a list, as
// the service's messages name it: "2.member" for the second.
func elementSegment(i int) string { return strconv.Itoa(i+1) + ".member" }

// wireString declares a string member held in a plain string (or a string
// type, an enum's) of T: absent and null read as "". emptyAbsent says
// whether "" means absent (the field's JSON tag has omitempty): then a body
// that gives "" is recorded in the presence; otherwise a body that leaves
// the member out is.
func wireString[T any, S ~string](name string, emptyAbsent bool, field func(*T) *S) wireMember[T] {
	return wireMember[T]{name: name, flipEmpty: emptyAbsent, flipAbsent: !emptyAbsent,
		read: func(d *decoder, v *T) (given, *DecodeError) {
			s, present, de := d.stringValue()
			*field(v) = S(s)
			return givenOf(present, s == ""), de
		}}
}

// wireOptionalString declares an optional string member held in a
// pointer: nil when absent or null.
func wireOptionalString[T any, S ~string](name string, field func(*T) **S) wireMember[T] {
	if f, ok := any(field).(func(*T) **string); ok {
		// Plain strings share the decoder's storage: one allocation for
		// the request's optional strings.
		return wireMember[T]{name: name, read: func(d *decoder, v *T) (given, *DecodeError) {
			s, present, de := d.stringValue()
			if de == nil && present {
				p := d.newString()
				*p = s
				*f(v) = p
			}
			return givenOf(present, s == ""), de
		}}
	}
	return wireMember[T]{name: name, read: func(d *decoder, v *T) (given, *DecodeError) {
		s, present, de := d.stringValue()
		if de == nil && present {
			p := new(S)
			*p = S(s)
			*field(v) = p
		}
		return givenOf(present, s == ""), de
	}}
}

// wireInt declares an integer member of Go type I, held in a pointer: nil
// when absent or null. Its value is a JSON number written as an integer
// (no fraction, no exponent) within I's range.
func wireInt[T any, I int32 | int64](name string, field func(*T) **I) wireMember[T] {
	lo, hi, bits := int64(math.MinInt64), int64(math.MaxInt64), "64-bit"
	if unsafe.Sizeof(I(0)) == 4 {
		lo, hi, bits = math.MinInt32, math.MaxInt32, "32-bit"
	}
	return wireMember[T]{name: name, read: func(d *decoder, v *T) (given, *DecodeError) {
		n, present, de := d.intValue(lo, hi, bits)
		if de == nil && present {
			p := new(I)
			*p = I(n)
			*field(v) = p
		}
		return givenOf(present, false), de
	}}
}

// wireBool declares a boolean member held in a pointer: nil when absent or
// null.
func wireBool[T any](name string, field func(*T) **bool) wireMember[T] {
	return wireMember[T]{name: name, read: func(d *decoder, v *T) (given, *DecodeError) {
		b, present, de := d.boolValue()
		if de == nil && present {
			p := new(bool)
			*p = b
			*field(v) = p
		}
		return givenOf(present, false), de
	}}
}

// wireTimestamp declares a timestamp member held in a pointer: nil when
// absent or null. Its value is a JSON number of seconds since the epoch,
// read exactly ([ParseTimestamp]).
func wireTimestamp[T any](name string, field func(*T) **Timestamp) wireMember[T] {
	return wireMember[T]{name: name, read: func(d *decoder, v *T) (given, *DecodeError) {
		ts, present, de := d.timestampValue()
		if de == nil && present {
			p := new(Timestamp)
			*p = ts
			*field(v) = p
		}
		return givenOf(present, false), de
	}}
}

// wireObject declares a member whose value is a structure S, held in a
// pointer (nil when absent or null) and read with S's table.
func wireObject[T, S any](name string, field func(*T) **S, t *wireStruct[S]) wireMember[T] {
	return wireMember[T]{name: name, read: func(d *decoder, v *T) (given, *DecodeError) {
		return readObject(d, field(v), t)
	}}
}

// readObject reads a structure's value, or null, at d.pos into *pp with
// the structure's table t: a new S, or nil for null.
func readObject[S any](d *decoder, pp **S, t *wireStruct[S]) (given, *DecodeError) {
	present, de := d.objectStart()
	if de != nil || !present {
		return givenNull, de
	}
	p := new(S)
	*pp = p
	return givenValue, decodeObject(d, p, where{ptr: p}, t)
}

// wireList declares a member whose value is a list of structures E, held
// in a slice (nil when absent or null), each element read with E's table.
func wireList[T, E any](name string, field func(*T) *[]E, t *wireStruct[E]) wireMember[T] {
	return wireMember[T]{name: name, read: func(d *decoder, v *T) (given, *DecodeError) {
		return readList(d, field(v), t)
	}}
}

// readList reads a list of structures, or null, at d.pos into *lp, each
// element with the elements' table t.
func readList[E any](d *decoder, lp *[]E, t *wireStruct[E]) (given, *DecodeError) {
	switch {
	case d.s[d.pos] == '[':
		return givenValue, decodeList(d, lp, t)
	case strings.HasPrefix(d.s[d.pos:], "null"):
		d.pos += len("null")
		return givenNull, nil
	}
	return givenNull, d.errorAt(d.pos, "expected a list or null, found "+d.found(d.pos))
}
