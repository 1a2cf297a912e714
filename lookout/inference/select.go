package inference

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// File is an input object whose name fits the scheduler's Naming.
type File struct {
	// Key is the object's full key, the prefix included.
	Key string
	// Size is its size in bytes, as listed.
	Size int64
	// Name is what its name says.
	Name Name
}

// Role is why a run opens a file.
type Role uint8

// The roles of a file in a run.
const (
	// RoleBefore: the component's latest file named at or before the
	// window's start.
	RoleBefore Role = iota + 1
	// RoleIn: a file named in the window.
	RoleIn
	// RoleAfter: the component's earliest file named after the window's
	// end.
	RoleAfter
)

var roleNames = [...]string{RoleBefore: "before", RoleIn: "in", RoleAfter: "after"}

// String returns "before", "in" or "after".
func (r Role) String() string {
	if int(r) < len(roleNames) && roleNames[r] != "" {
		return roleNames[r]
	}
	return "Role(" + strconv.Itoa(int(r)) + ")"
}

// MarshalText returns String's text.
func (r Role) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// Pick is a file a run opens, and why.
type Pick struct {
	File
	Role Role
}

// Index holds a scheduler's input files, by component and name time, for
// the selection of each run's files.
type Index struct {
	files []File // by component, name time, key
	comps []span // each component's files
}

type span struct {
	comp     string
	from, to int
}

// NewIndex returns the index of files (any order; the slice is not kept).
func NewIndex(files []File) *Index {
	x := &Index{files: slices.Clone(files)}
	slices.SortFunc(x.files, func(a, b File) int {
		return cmp.Or(strings.Compare(a.Name.Component, b.Name.Component), a.Name.Time.Compare(b.Name.Time),
			strings.Compare(a.Key, b.Key))
	})
	for i := 0; i < len(x.files); {
		j := i + 1
		for j < len(x.files) && x.files[j].Name.Component == x.files[i].Name.Component {
			j++
		}
		x.comps = append(x.comps, span{x.files[i].Name.Component, i, j})
		i = j
	}
	return x
}

// Components returns the components of the index's files, in byte order.
func (x *Index) Components() []string {
	out := make([]string, len(x.comps))
	for i, c := range x.comps {
		out[i] = c.comp
	}
	return out
}

// Files returns the index's files, by component, name time and key. The
// slice is the index's own: do not change it.
func (x *Index) Files() []File { return x.files }

// Select returns the files a run over w opens, by component, name time and
// key: for each component, those whose name time is in (w.Start, w.End]
// (RoleIn), the latest named at or before w.Start (RoleBefore) and the
// earliest named after w.End (RoleAfter), whether or not files fall in the
// window (our reading). A name time exactly at w.Start is before the
// window, one exactly at w.End in it. Among files of the same name time,
// the one before is the last in key order and the one after the first
// (our reading: the service names one file on each side); all those in
// the window are opened.
func (x *Index) Select(w Window) []Pick {
	var out []Pick
	for _, c := range x.comps {
		fs := x.files[c.from:c.to]
		// lo: the first file named after w.Start; hi: the first after w.End.
		lo := searchAfter(fs, w.Start.Unix())
		hi := searchAfter(fs, w.End.Unix())
		if lo > 0 {
			out = append(out, Pick{fs[lo-1], RoleBefore})
		}
		for _, f := range fs[lo:hi] {
			out = append(out, Pick{f, RoleIn})
		}
		if hi < len(fs) {
			out = append(out, Pick{fs[hi], RoleAfter})
		}
	}
	return out
}

// searchAfter returns the index of the first file named after sec.
func searchAfter(fs []File, sec int64) int {
	lo, hi := 0, len(fs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if fs[m].Name.Time.Unix() <= sec {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func sortBy[T any](s []T, key func(T) string) {
	slices.SortFunc(s, func(a, b T) int { return strings.Compare(key(a), key(b)) })
}
