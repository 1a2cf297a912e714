package validate

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// validator/v10 names a map's entry by its key printed with %v. The
// functions here find the entries of a printed key: mapIndex once per map
// and translation, for Translate, which also needs each key's rank among
// the map's keys printed; lookupKey without printing any key where it can,
// for the tag checks, which must not cost more as the map grows.

// mapEntry is one entry of a map, with its key printed.
type mapEntry struct {
	printed string
	elem    reflect.Value
}

// printedKeys is a map's entries sorted by printed key, and the lengths
// of the printed keys.
type printedKeys struct {
	entries []mapEntry
	lengths map[int]struct{}
}

// mapIndex returns the entries of the map m sorted by printed key, built
// on first use for each map and kept in t for the rest of the translation:
// the keys are printed and sorted once per map, however many violations
// lie below it.
func (t *trail) mapIndex(m reflect.Value) *printedKeys {
	id := uintptr(m.UnsafePointer())
	if pk, ok := t.maps[id]; ok {
		return pk
	}
	pk := &printedKeys{entries: make([]mapEntry, 0, m.Len()), lengths: make(map[int]struct{})}
	for it := m.MapRange(); it.Next(); {
		printed := fmt.Sprintf("%v", it.Key())
		pk.entries = append(pk.entries, mapEntry{printed: printed, elem: it.Value()})
		pk.lengths[len(printed)] = struct{}{}
	}
	slices.SortFunc(pk.entries, func(a, b mapEntry) int { return strings.Compare(a.printed, b.printed) })
	if t.maps == nil {
		t.maps = make(map[uintptr]*printedKeys)
	}
	t.maps[id] = pk
	return pk
}

// find returns the position in pk.entries of the first entry whose key is
// printed as printed, which is also the number of keys printed before it
// in sorted order, and how many entries from there have that printed key
// (several keys may print alike). It compares printed with keys only when
// some key has its length.
func (pk *printedKeys) find(printed string) (rank, n int) {
	if _, ok := pk.lengths[len(printed)]; !ok {
		return 0, 0
	}
	rank, _ = slices.BinarySearchFunc(pk.entries, printed, func(e mapEntry, p string) int {
		return strings.Compare(e.printed, p)
	})
	for rank+n < len(pk.entries) && pk.entries[rank+n].printed == printed {
		n++
	}
	return rank, n
}

// Types whose own methods %v uses to print a value.
var (
	formatterType = reflect.TypeFor[fmt.Formatter]()
	stringerType  = reflect.TypeFor[fmt.Stringer]()
	errorType     = reflect.TypeFor[error]()
)

// lookupKey returns the element of the map m whose key prints as printed,
// without printing any key: for a key of a string or integer kind that %v
// prints as such (no String, Error or Format method), it builds the key
// from its text and looks it up. It reports whether it could (direct) and
// whether m has that key (ok); when it could not, the caller must print
// the keys of m to find those that print as printed.
func lookupKey(m reflect.Value, printed string) (elem reflect.Value, ok, direct bool) {
	kt := m.Type().Key()
	if kt.Implements(formatterType) || kt.Implements(stringerType) || kt.Implements(errorType) {
		return reflect.Value{}, false, false
	}
	key, ok := parseKey(kt, printed)
	switch {
	case ok:
		elem = m.MapIndex(key)
		return elem, elem.IsValid(), true
	case key.IsValid():
		// No key of kt prints as printed.
		return reflect.Value{}, false, true
	}
	return reflect.Value{}, false, false
}

// parseKey returns the key of type kt, a type that has no method that
// changes how %v prints it, whose %v text is printed. ok is false when
// there is none or when kt is not of a kind that parseKey reads; key is
// then valid only in the first case.
func parseKey(kt reflect.Type, printed string) (key reflect.Value, ok bool) {
	switch kt.Kind() {
	case reflect.String:
		key = reflect.New(kt).Elem()
		key.SetString(printed)
		return key, true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		key = reflect.New(kt).Elem()
		i, err := strconv.ParseInt(printed, 10, kt.Bits())
		if err != nil || strconv.FormatInt(i, 10) != printed {
			return key, false
		}
		key.SetInt(i)
		return key, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		key = reflect.New(kt).Elem()
		u, err := strconv.ParseUint(printed, 10, kt.Bits())
		if err != nil || strconv.FormatUint(u, 10) != printed {
			return key, false
		}
		key.SetUint(u)
		return key, true
	}
	return reflect.Value{}, false
}
