package validate

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// validator/v10 names a map's entry by its key printed with %v. mapIndex
// finds the entries of a printed key, printing and sorting the keys of a
// map once per translation, for Translate, which also needs each key's
// rank among the map's keys printed.

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
