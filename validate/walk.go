package validate

import (
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// A validator/v10 struct namespace names a field with Go names: the fields'
// names joined by ".", "[i]" after a slice or array field for its element i
// and "[key]" after a map field for the entry of key (printed with %v), as
// "IngestionInputConfiguration.S3InputConfiguration.Bucket" or
// "Items[2].Name". walk follows one from a value, to find the field it names
// and, on the way, the field's JSON path and its rank for sorting.

// trail records what walk passes: the sort key of each step and the JSON
// path; and, for the maps it has passed, their entries sorted by printed
// key, by the map's pointer.
type trail struct {
	keys []int
	path []byte
	maps map[uintptr]*printedKeys
	// serviceList reports that the last field walk found is a list held
	// by a struct of package lookout, whose elements the path names as
	// the service does ("Tags.1.member").
	serviceList bool
}

// walk follows the struct namespace ns down from v and returns the value
// of the field it names, as declared (a *string stays a pointer). It
// reports false when ns names nothing in v. It appends to t the rank of
// each step (a field's index in its struct, which is the order of the
// declarations; an element's index; a map entry's rank among the map's
// keys printed) and the JSON path.
func walk(v reflect.Value, ns string, t *trail) (reflect.Value, bool) {
	service := false
	for ns != "" {
		v = indirect(v)
		switch v.Kind() {
		case reflect.Struct:
			ns = strings.TrimPrefix(ns, ".")
			end := strings.IndexAny(ns, ".[")
			if end < 0 {
				end = len(ns)
			}
			f, ok := fieldsOf(v.Type())[ns[:end]]
			if !ok {
				return v, false
			}
			ns = ns[end:]
			service = f.serviceList
			t.keys = append(t.keys, f.index)
			if !f.flatten || ns == "" {
				if len(t.path) > 0 {
					t.path = append(t.path, '.')
				}
				t.path = append(t.path, f.name...)
			}
			v = v.Field(f.index)
		case reflect.Slice, reflect.Array:
			end := strings.IndexByte(ns, ']')
			if ns[0] != '[' || end < 0 {
				return v, false
			}
			i, err := strconv.Atoi(ns[1:end])
			if err != nil || i < 0 || i >= v.Len() {
				return v, false
			}
			t.keys = append(t.keys, i)
			if service {
				t.path = append(t.path, '.')
				t.path = strconv.AppendInt(t.path, int64(i)+1, 10)
				t.path = append(t.path, ".member"...)
			} else {
				t.path = append(t.path, ns[:end+1]...)
			}
			v, ns, service = v.Index(i), ns[end+1:], false
		case reflect.Map:
			return walkMap(v, ns, t)
		default:
			return v, false
		}
	}
	t.serviceList = service
	return v, true
}

// walkMap follows ns, which starts with "[key]", from the map m. A printed
// key may hold "]", ".", "[": each way to read ns is tried in turn, the
// shortest key first, and the first that leads to a field wins; a way is
// tried only where what follows the key fits the map's element type ("."
// a struct, "[" a slice, an array or a map). Several keys may also print
// alike: each is tried. With a trail, the map's keys are printed and
// sorted once for the whole translation (see trail.mapIndex), and a
// reading is looked up only when some key has its length; without one,
// lookupKey finds the key.
func walkMap(m reflect.Value, ns string, t *trail) (reflect.Value, bool) {
	if ns[0] != '[' {
		return m, false
	}
	elem := m.Type().Elem()
	for elem.Kind() == reflect.Pointer {
		elem = elem.Elem()
	}
	for end := 1; end < len(ns); end++ {
		if ns[end] != ']' || !followsElement(elem.Kind(), ns[end+1:]) {
			continue
		}
		printed, rest := ns[1:end], ns[end+1:]
		pk := t.mapIndex(m)
		rank, n := pk.find(printed)
		nk, np := len(t.keys), len(t.path)
		for _, e := range pk.entries[rank : rank+n] {
			t.keys = append(t.keys, rank)
			t.path = append(t.path, ns[:end+1]...)
			if v, ok := walk(e.elem, rest, t); ok {
				return v, true
			}
			t.keys, t.path = t.keys[:nk], t.path[:np]
		}
	}
	return m, false
}

// followsElement reports whether rest can follow, in a namespace, the
// segment of an element of kind k (pointers removed): nothing, a struct's
// field after ".", a slice's, an array's or a map's element after "["; an
// interface may hold any of them.
func followsElement(k reflect.Kind, rest string) bool {
	switch {
	case rest == "" || k == reflect.Interface:
		return rest == "" || rest[0] == '.' || rest[0] == '['
	case rest[0] == '.':
		return k == reflect.Struct
	case rest[0] == '[':
		return k == reflect.Slice || k == reflect.Array || k == reflect.Map
	}
	return false
}

// indirect follows pointers and interfaces to the value they hold; a nil
// one gives the zero Value.
func indirect(v reflect.Value) reflect.Value {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

// fieldInfo is what walk needs of a struct field.
type fieldInfo struct {
	// index is the field's index in its struct.
	index int
	// name is the field's name in JSON paths: its JSON name, or its Go
	// name when it has none.
	name string
	// flatten reports an embedded struct whose fields encoding/json
	// promotes into the enclosing object: it has no segment of its own
	// in a JSON path.
	flatten bool
	// serviceList reports a slice or array field of a struct of package
	// lookout: a list of the service, whose elements a path names
	// "List.1.member" (1-based), as Validate does.
	serviceList bool
}

// lookoutPkgPath is the import path of package lookout.
var lookoutPkgPath = reflect.TypeFor[lookout.Rule]().PkgPath()

// fieldCache maps a struct's reflect.Type to its map[string]fieldInfo,
// keyed by Go field name.
var fieldCache sync.Map

// fieldsOf returns the fields of struct type st by Go name.
func fieldsOf(st reflect.Type) map[string]fieldInfo {
	if m, ok := fieldCache.Load(st); ok {
		return m.(map[string]fieldInfo)
	}
	m := make(map[string]fieldInfo, st.NumField())
	for i := range st.NumField() {
		sf := st.Field(i)
		f := fieldInfo{index: i, name: sf.Name}
		if st.PkgPath() == lookoutPkgPath {
			k := sf.Type.Kind()
			f.serviceList = k == reflect.Slice || k == reflect.Array
		}
		name := JSONName(sf)
		if name != "" {
			f.name = name
		}
		if sf.Anonymous && name == "" && sf.Tag.Get("json") != "-" {
			et := sf.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			f.flatten = et.Kind() == reflect.Struct
		}
		m[sf.Name] = f
	}
	actual, _ := fieldCache.LoadOrStore(st, m)
	return actual.(map[string]fieldInfo)
}
