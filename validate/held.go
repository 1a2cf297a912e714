package validate

import (
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
)

// heldByPointer reports whether the string that fl checks, fl.Field(),
// which validator/v10 reached through any pointers and interfaces, is held
// through a pointer in the value validated: *string, **string, an
// interface holding a *string, at any depth of "dive".
//
// Its work does not depend on the size of the value validated, and it
// allocates nothing, but in one case below:
//   - what a pointer holds is addressable, and a map's keys and elements
//     and an interface's content are not: a string that is not addressable
//     is not held by a pointer (so a map key checked with "keys" is not);
//   - otherwise the field's declared type says it, and below it the
//     declared element types of its slices, arrays and maps; where an
//     interface stands, the value it holds says it, found from the field
//     and, in a slice or an array, from the element's index in the
//     namespace.
//
// An interface below a map's entry leaves both silent: the entry's key is
// needed to find the value, and the namespace holds it printed.
// heldByPointer then follows the namespace through the values with
// [walk], which looks the key up (see [lookupKey]: it allocates the key
// and a copy of the element) or, for a key type that prints its own way,
// prints each key of the map.
func heldByPointer(fl validator.FieldLevel) bool {
	if !fl.Field().CanAddr() {
		return false
	}
	v, ns := fl.Parent(), fl.StructFieldName()
	// The namespace is the field's Go name (empty for validator/v10's
	// Var) then "[i]" or "[key]" for each level of "dive".
	end := strings.IndexByte(ns, '[')
	if end < 0 {
		end = len(ns)
	}
	if end > 0 {
		st := indirect(v)
		if st.Kind() != reflect.Struct {
			return heldByPointerSlow(fl)
		}
		f, ok := fieldsOf(st.Type())[ns[:end]]
		if !ok {
			return heldByPointerSlow(fl)
		}
		v = st.Field(f.index)
	}
	if !v.IsValid() {
		return false
	}
	ns = ns[end:]
	t, known := v.Type(), true // known: v is the value of type t
	ptr := false
	for {
		switch t.Kind() {
		case reflect.String:
			return ptr
		case reflect.Pointer:
			ptr, t = true, t.Elem()
			if known {
				if v.IsNil() {
					return false
				}
				v = v.Elem()
			}
		case reflect.Interface:
			if !known {
				return heldByPointerSlow(fl)
			}
			if v.IsNil() {
				return false
			}
			v = v.Elem()
			t = v.Type()
		case reflect.Slice, reflect.Array:
			ptr, t = false, t.Elem()
			if known {
				i, rest, ok := indexSegment(ns)
				if !ok || i >= v.Len() {
					return heldByPointerSlow(fl)
				}
				v, ns = v.Index(i), rest
			}
		case reflect.Map:
			// The key's segment may hold "]": where it ends is for
			// walk to find, if an interface below needs a value.
			ptr, t, known = false, t.Elem(), false
		default:
			// A struct or a number turned into a string by a custom
			// type function of the validator: not held by a pointer.
			return false
		}
	}
}

// heldByPointerSlow is heldByPointer following the namespace through the
// values, for the cases the types leave open.
func heldByPointerSlow(fl validator.FieldLevel) bool {
	leaf, ok := walk(fl.Parent(), fl.StructFieldName(), nil)
	return ok && isPointer(leaf)
}

// indexSegment reads "[i]" at the start of ns, as validator/v10 writes a
// slice or array index, and returns i and what follows.
func indexSegment(ns string) (i int, rest string, ok bool) {
	if len(ns) < 3 || ns[0] != '[' {
		return 0, ns, false
	}
	for j := 1; j < len(ns); j++ {
		c := ns[j]
		if c == ']' && j > 1 {
			return i, ns[j+1:], true
		}
		if c < '0' || c > '9' || i > (maxInt-int(c-'0'))/10 {
			return 0, ns, false
		}
		i = i*10 + int(c-'0')
	}
	return 0, ns, false
}

// maxInt is the largest int.
const maxInt = int(^uint(0) >> 1)
