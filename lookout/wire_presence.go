package lookout

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
