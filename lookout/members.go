package lookout

import (
	"encoding/json"
	"strconv"
	"sync"
)

// The member declarations. A structure is declared once, as a structDecl:
// its members in wire order, each with its wire name, its value kind,
// whether it is required in that structure, and accessors that reach its Go
// field. Everything that walks a structure is written once over these
// declarations: Validate's fast path (valid) and its violations (check),
// Rules, the response writer (enc) and the strict reader (read).

// structDecl declares structure T: its shape and its members, in wire
// order.
type structDecl[T any] struct {
	kind   Kind
	fields []field[T]

	// wireTable is the strict reader's table of the structure, made
	// from fields on first use (see wire).
	wireOnce  sync.Once
	wireTable *wireStruct[T]
}

// memberDecl is a member's declaration without the Go type of its
// structure.
type memberDecl struct {
	// name is the member's wire name, "DatasetName".
	name string
	// kind is the member's value kind; for a structure member the
	// structure's, for a list member the list's.
	kind *Kind
	// required reports whether the member must be present.
	required bool
	// emptyAbsent: a plain string field whose empty value means absent
	// (its JSON tag has omitempty). A plain string member without it
	// sends "" as a present value.
	emptyAbsent bool
	// pointer: the member is held by a pointer (a *string, a *int32), so
	// that nil is absent and the Go value says all of its presence.
	pointer bool
	// note says how the member is read in its structure.
	note string
	// sub is the declaration of a structure member, or of a list's
	// elements; nil for a member of a simple kind.
	sub structure
}

// field declares one member of structure T. Which accessors are set says
// how the member is held: str for a string kind (a string, a *string, or
// a named string type), num for an integer held by a pointer, nested for a
// structure or a list; a member with none (a timestamp, a float, a
// boolean, a count) has no constraint to check.
type field[T any] struct {
	// The fast path's view of a string member's kind, copied from it when
	// the member is declared: its matcher, its length bounds and its
	// document check (nil when none).
	scan           func(s string) (ok, valid bool, n int)
	class          *classPattern // the kind's class matcher, called directly (scan is its method value)
	minLen, maxLen int
	documentOK     func(s string) bool
	// plain is str for a member held in a plain string: one call fewer.
	plain func(v *T) *string

	memberDecl

	// str returns the member's value and whether the Go value holds it:
	// false for a nil *string, and for "" in a field where "" means
	// absent.
	str func(v *T) (s string, present bool)

	// num returns an integer member's value and whether it is present.
	num func(v *T) (n int64, present bool)

	// valid and check reach a structure or a list member: they are
	// structDecl.valid and structDecl.check for it.
	valid func(v *T, w where, p *presence) bool
	check func(v *T, w where, path string, p *presence, fs []FieldError) []FieldError

	// enc is the response writer's: it appends the member's value, or
	// says it is absent (see encoder).
	enc encoder[T]

	// read is the strict reader's: it reads the member's value, at d.pos,
	// into v and says what the body gave (see wireMember). nil for a
	// member that no request has (a response's timestamp, float, boolean
	// or structure held by value).
	read func(d *decoder, v *T) (given, *DecodeError)
}

// where identifies a structure value, for presence: ptr is its pointer,
// or, for an element of a list, the pointer to the list (*[]T) with idx
// the element's index (an element moves when its list grows).
type where struct {
	ptr any
	idx int
}

// presence records what a request's wire body said that its Go value
// cannot: which plain string members were present as "" in a field whose
// empty value means absent, and which were absent in a field whose empty
// value is sent. A nil *presence records nothing: the Go value says it all.
type presence struct {
	flips []presenceKey
}

type presenceKey struct {
	at     where
	member int
}

// flip records that the presence of member i of the structure at w is the
// opposite of what its Go value says.
func (p *presence) flip(w where, i int) {
	p.flips = append(p.flips, presenceKey{w, i})
}

// flipped reports whether flip was called for member i at w.
func (p *presence) flipped(w where, i int) bool {
	if p == nil {
		return false
	}
	for _, k := range p.flips {
		if k.member == i && k.at == w {
			return true
		}
	}
	return false
}

// structure is a structure's declaration without its Go type: what Rules
// read of it.
type structure interface {
	// members returns its members' declarations, in wire order.
	members() []*memberDecl
	// goType returns a nil pointer to the structure's Go type (for tests
	// and reflection-based tools, never on a hot path).
	goType() any
}

func (d *structDecl[T]) goType() any { return (*T)(nil) }

func (d *structDecl[T]) members() []*memberDecl {
	out := make([]*memberDecl, len(d.fields))
	for i := range d.fields {
		out[i] = &d.fields[i].memberDecl
	}
	return out
}

// valid is Validate's fast path: whether the structure at v has no
// violation, without allocating. v is not nil.
func (d *structDecl[T]) valid(v *T, w where, p *presence) bool {
	for i := range d.fields {
		f := &d.fields[i]
		switch {
		case f.str != nil:
			var s string
			var present bool
			if f.plain != nil {
				s = *f.plain(v)
				present = !(f.emptyAbsent && s == "")
			} else {
				s, present = f.str(v)
			}
			if p != nil && p.flipped(w, i) {
				present = !present
			}
			if !present {
				if f.required {
					return false
				}
				continue
			}
			var ok, valid bool
			var n int
			if f.class != nil {
				ok, valid, n = f.class.scan(s)
			} else {
				ok, valid, n = f.scan(s)
			}
			if !ok || !valid || n < f.minLen || (f.maxLen != 0 && n > f.maxLen) ||
				(f.documentOK != nil && !f.documentOK(s)) {
				return false
			}
		case f.num != nil:
			n, present := f.num(v)
			if !present {
				if f.required {
					return false
				}
				continue
			}
			if !f.kind.intValid(n) {
				return false
			}
		case f.valid != nil:
			if !f.valid(v, w, p) {
				return false
			}
		}
	}
	return true
}

// check appends the violations of the structure at v to fs, path being
// the structure's own wire path ("" at the top). v is not nil.
func (d *structDecl[T]) check(v *T, w where, path string, p *presence, fs []FieldError) []FieldError {
	for i := range d.fields {
		f := &d.fields[i]
		switch {
		case f.str != nil:
			s, present := f.str(v)
			if p != nil && p.flipped(w, i) {
				present = !present
			}
			if present && f.kind.valid(s) || !present && !f.required {
				continue // no violation: no path to make
			}
			fs = f.kind.check(fs, memberPath(path, f.name), s, present, f.required)
		case f.num != nil:
			n, present := f.num(v)
			if present && f.kind.intValid(n) || !present && !f.required {
				continue
			}
			fs = f.kind.checkInt(fs, memberPath(path, f.name), n, present, f.required)
		case f.check != nil:
			fs = f.check(v, w, memberPath(path, f.name), p, fs)
		}
	}
	return fs
}

// validate is Validate's body for a request or response of declaration d:
// nil or a *ValidationException listing every violation in wire order. A
// nil v is the structure with every member absent. p is the wire's
// presence, nil for a Go value. It allocates nothing when v is valid (and
// not nil).
func (d *structDecl[T]) validate(v *T, p *presence) error {
	if v == nil {
		v = new(T)
	}
	var w where
	if p != nil {
		w = where{ptr: v}
	}
	if d.valid(v, w, p) {
		return nil
	}
	w = where{ptr: v}
	// Room for a few violations of a few members in one allocation.
	if fs := d.check(v, w, "", p, make([]FieldError, 0, 3*min(len(d.fields), 6))); len(fs) != 0 {
		return NewValidationException(fs)
	}
	return nil
}

// whereOf is where{ptr: v} when p records something, the zero where (not
// looked at) otherwise: the fast path of a Go value does not make it.
func whereOf[T any](v *T, p *presence) where {
	if p == nil {
		return where{}
	}
	return where{ptr: v}
}

// memberPath returns the wire path of member name of the structure at
// path.
func memberPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// elementPath returns the wire path of element i (0-based) of the list at
// path, as the service's messages name it: "Tags.1.member".
func elementPath(path string, i int) string {
	return path + "." + strconv.Itoa(i+1) + ".member"
}

// The member constructors. Each takes the member's wire name, its kind,
// whether it is required, and an accessor that returns a pointer to the Go
// field of a *T.

// stringMember declares a plain string member (or one of a named string
// type, an enum). emptyAbsent says whether "" means absent: true when the
// field's JSON tag has omitempty.
func stringMember[T any, S ~string](name string, k *Kind, required, emptyAbsent bool, get func(*T) *S) field[T] {
	plain, _ := any(get).(func(*T) *string)
	return field[T]{
		scan: k.scan, class: k.class, minLen: k.MinLength, maxLen: k.MaxLength, documentOK: k.documentOK, plain: plain,
		memberDecl: memberDecl{name: name, kind: k, required: required, emptyAbsent: emptyAbsent},
		str: func(v *T) (string, bool) {
			s := string(*get(v))
			return s, !(emptyAbsent && s == "")
		},
		enc: func(b []byte, v *T) ([]byte, bool, error) {
			s := string(*get(v))
			if emptyAbsent && s == "" {
				return b, false, nil
			}
			return appendString(b, s), true, nil
		},
		read: wireString(name, emptyAbsent, get).read,
	}
}

// optionalString declares a member held by a *string: nil is absent, a
// pointer to "" is present and empty.
func optionalString[T any](name string, k *Kind, required bool, get func(*T) **string) field[T] {
	return field[T]{
		scan: k.scan, class: k.class, minLen: k.MinLength, maxLen: k.MaxLength, documentOK: k.documentOK,
		memberDecl: memberDecl{name: name, kind: k, required: required, pointer: true},
		str: func(v *T) (string, bool) {
			if p := *get(v); p != nil {
				return *p, true
			}
			return "", false
		},
		enc: func(b []byte, v *T) ([]byte, bool, error) {
			if p := *get(v); p != nil {
				return appendString(b, *p), true, nil
			}
			return b, false, nil
		},
		read: wireOptionalString(name, get).read,
	}
}

// intMember declares an integer member held by a pointer: nil is absent.
func intMember[T any, I int32 | int64](name string, k *Kind, required bool, get func(*T) **I) field[T] {
	return field[T]{
		memberDecl: memberDecl{name: name, kind: k, required: required, pointer: true},
		num: func(v *T) (int64, bool) {
			if p := *get(v); p != nil {
				return int64(*p), true
			}
			return 0, false
		},
		enc: func(b []byte, v *T) ([]byte, bool, error) {
			if p := *get(v); p != nil {
				return strconv.AppendInt(b, int64(*p), 10), true, nil
			}
			return b, false, nil
		},
		read: wireInt(name, get).read,
	}
}

// plainMember declares a member without a constraint of its own (a
// timestamp, a float, a boolean, an unbounded count): it is declared for
// Rules and the response writer, and has nothing to check. get returns
// its field: a *Timestamp, a *int64 (nil is absent), or an int64, a
// float64 or a bool, which are always present (see plainEncoder).
func plainMember[T, V any](name string, k *Kind, required bool, get func(*T) *V) field[T] {
	return field[T]{memberDecl: memberDecl{name: name, kind: k, required: required}, enc: plainEncoder(name, get)}
}

// structMember declares a structure member held by a pointer: nil is
// absent.
func structMember[T, U any](name string, required bool, d *structDecl[U], get func(*T) **U) field[T] {
	return field[T]{
		memberDecl: memberDecl{name: name, kind: &d.kind, required: required, sub: d},
		valid: func(v *T, _ where, p *presence) bool {
			u := *get(v)
			if u == nil {
				return !required
			}
			return d.valid(u, whereOf(u, p), p)
		},
		check: func(v *T, _ where, path string, p *presence, fs []FieldError) []FieldError {
			u := *get(v)
			if u == nil {
				if required {
					fs = append(grow(fs), FieldError{Path: path, Constraint: ConstraintRequired})
				}
				return fs
			}
			return d.check(u, where{ptr: u}, path, p, fs)
		},
		enc: func(b []byte, v *T) ([]byte, bool, error) {
			u := *get(v)
			if u == nil {
				return b, false, nil
			}
			b, err := d.appendJSON(b, u)
			return b, true, err
		},
		read: func(dec *decoder, v *T) (given, *DecodeError) {
			return readObject(dec, get(v), d.wire())
		},
	}
}

// valueStructMember declares a structure member held by value: always
// present. The wire's decoder does not read such members (no request has
// one).
func valueStructMember[T, U any](name string, required bool, d *structDecl[U], get func(*T) *U) field[T] {
	return field[T]{
		memberDecl: memberDecl{name: name, kind: &d.kind, required: required, sub: d},
		valid: func(v *T, _ where, p *presence) bool {
			u := get(v)
			return d.valid(u, whereOf(u, p), p)
		},
		check: func(v *T, _ where, path string, p *presence, fs []FieldError) []FieldError {
			u := get(v)
			return d.check(u, where{ptr: u}, path, p, fs)
		},
		enc: func(b []byte, v *T) ([]byte, bool, error) {
			b, err := d.appendJSON(b, get(v))
			return b, true, err
		},
	}
}

// listMember declares a list of structures. An empty list is absent (the
// encoder leaves it out, with omitempty). k bounds the number of elements;
// a list that breaks a bound is echoed as the list, in JSON.
func listMember[T, U any](name string, k *Kind, required bool, d *structDecl[U], get func(*T) *[]U) field[T] {
	return field[T]{
		memberDecl: memberDecl{name: name, kind: k, required: required, sub: d},
		valid: func(v *T, _ where, p *presence) bool {
			lp := get(v)
			s := *lp
			if len(s) == 0 {
				return !required && k.MinLength == 0
			}
			if len(s) < k.MinLength || (k.MaxLength != 0 && len(s) > k.MaxLength) {
				return false
			}
			for i := range s {
				var w where
				if p != nil {
					w = where{ptr: lp, idx: i}
				}
				if !d.valid(&s[i], w, p) {
					return false
				}
			}
			return true
		},
		check: func(v *T, _ where, path string, p *presence, fs []FieldError) []FieldError {
			lp := get(v)
			s := *lp
			if len(s) == 0 {
				if required {
					return append(grow(fs), FieldError{Path: path, Constraint: ConstraintRequired})
				}
				if k.MinLength > 0 {
					return append(grow(fs), FieldError{Path: path, Constraint: ConstraintMinLength,
						Limit: k.MinLength, Value: "[]"})
				}
				return fs
			}
			if len(s) < k.MinLength {
				fs = append(grow(fs), FieldError{Path: path, Constraint: ConstraintMinLength,
					Limit: k.MinLength, Value: listEcho(s)})
			}
			if k.MaxLength != 0 && len(s) > k.MaxLength {
				fs = append(grow(fs), FieldError{Path: path, Constraint: ConstraintMaxLength,
					Limit: k.MaxLength, Value: listEcho(s)})
			}
			for i := range s {
				fs = d.check(&s[i], where{ptr: lp, idx: i}, elementPath(path, i), p, fs)
			}
			return fs
		},
		enc: func(b []byte, v *T) ([]byte, bool, error) {
			s := *get(v)
			if len(s) == 0 {
				return b, false, nil
			}
			b = append(b, '[')
			for i := range s {
				if i > 0 {
					b = append(b, ',')
				}
				var err error
				if b, err = d.appendJSON(b, &s[i]); err != nil {
					return nil, false, err
				}
			}
			return append(b, ']'), true, nil
		},
		read: func(dec *decoder, v *T) (given, *DecodeError) {
			return readList(dec, get(v), d.wire())
		},
	}
}

// listEcho is how a violation shows a list: its JSON.
func listEcho[U any](s []U) string {
	b, err := json.Marshal(s)
	if err != nil {
		return "[...]"
	}
	return string(b)
}

// wire returns the strict reader's table of the structure: each member's
// wire name and read, and what the reader records in the presence (a plain
// string given as "" where "" means absent, or left out where "" is a
// value). It panics if a member has no read: a structure that a request
// holds has none such.
func (d *structDecl[T]) wire() *wireStruct[T] {
	d.wireOnce.Do(func() {
		ms := make([]wireMember[T], len(d.fields))
		for i := range d.fields {
			f := &d.fields[i]
			if f.read == nil {
				panic("lookout: member " + d.kind.Name + "." + f.name + " cannot be read from a request")
			}
			plain := f.kind.Type == TypeString && !f.pointer
			ms[i] = wireMember[T]{name: f.name, read: f.read,
				flipEmpty: plain && f.emptyAbsent, flipAbsent: plain && !f.emptyAbsent}
		}
		d.wireTable = newWireStruct(ms...)
	})
	return d.wireTable
}
