package validate

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// validator/v10 walks a value by recursion, with no record of what it has
// seen: a value that refers back to itself (a struct whose pointer field
// points to the struct, or to an ancestor, through pointers, slices, maps
// or interfaces) makes it recurse until the goroutine's stack is exhausted,
// a fatal error that recover does not stop, or until memory is, when each
// level adds a violation. Struct therefore looks for such a cycle before
// validator/v10 starts, along the edges validator/v10 follows:
//
//   - the exported and the embedded fields of a struct, but not a field
//     tagged validate:"-", nor the fields of a time.Time, nor those of a
//     struct reached from a field whose tag says "structonly" or
//     "nostructlevel" at that level;
//   - non-nil pointers and interfaces;
//   - the elements of a slice, an array or a map as many levels deep as
//     the field's tag has "dive"s, and the keys of a map whose "dive" is
//     followed by "keys".
//
// A type that cannot lead back to itself nor hold an interface (all of
// package lookout's) is known so from its reflect.Type, once: for it the
// search costs one lookup. Any other value is walked once per path, as
// validator/v10 walks it, without allocating while it stays within
// cycleShallow references deep and cycleVisits references seen; past those
// bounds it records what it has seen in maps, so that its time stays
// linear in the size of the value.

// CycleError reports that the value given to [Struct] refers back to
// itself: following its fields, pointers, interfaces and the elements and
// entries that its tags dive into, as validator/v10 does, leads back to a
// value that is being validated already, so that validator/v10 would walk
// for ever. Struct returns it before validator/v10 starts: no rule was
// checked. A value shared by two fields is no cycle, nor is one reached
// only through a field tagged validate:"-", a slice or a map that no
// "dive" enters, or an unexported field, which validator/v10 does not
// follow. When a value holds several cycles, the first that the search
// meets is named; through a map, whose order of iteration changes, which
// one that is may change from a call to the next.
type CycleError struct {
	// Type is the type of the value given to Struct.
	Type reflect.Type
	// Path is the JSON path (written as a [lookout.FieldError]'s Path,
	// relative to the value given to Struct) of the field, element or
	// entry that refers back, such as "next" or "children[0].parent".
	Path string
	// Target is the JSON path of the value Path refers back to, one of
	// its ancestors: "" for the value given to Struct itself.
	Target string
}

// Error names the type, the path that refers back and its target, quoted
// and each cut to 200 bytes, since a path may hold map keys of any length
// and content.
func (e *CycleError) Error() string {
	if e == nil {
		return "<nil>"
	}
	t := "<nil>"
	if e.Type != nil {
		t = e.Type.String()
	}
	target := "the value itself"
	if e.Target != "" {
		target = quotePath(e.Target)
	}
	return "validate: cannot validate a value of type " + t + " that refers back to itself: " +
		quotePath(e.Path) + " refers back to " + target
}

// quotePath quotes a path for an error message, escaped, and cut to 200
// bytes (at a character's boundary) with "..." after the quote when it is
// longer.
func quotePath(p string) string {
	const maxShown = 200
	if len(p) <= maxShown {
		return strconv.Quote(p)
	}
	cut := maxShown
	for cut > 0 && !utf8.RuneStart(p[cut]) {
		cut--
	}
	return strconv.Quote(p[:cut]) + "..."
}

// findCycle returns the *CycleError of s, or nil when validator/v10's walk
// of s ends (or when s is not a value that validator/v10 walks: it then
// says so itself).
func findCycle(s any) error {
	v := reflect.ValueOf(s)
	if !v.IsValid() || !mayCycle(v.Type()) {
		return nil
	}
	// validator/v10 validates a struct or a non-nil pointer to one,
	// time.Time excepted.
	st := v
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		st = v.Elem()
	}
	if st.Kind() != reflect.Struct || st.Type().ConvertibleTo(timeType) {
		return nil
	}
	w := walkPool.Get().(*cycleWalk)
	defer w.release()
	if w.value(v, &noDive, 0) {
		w.err.Type = v.Type()
		return w.err
	}
	return nil
}

// The bounds of a walk without maps: up to cycleShallow references on the
// current path, they are compared one by one; past cycleVisits references
// entered, those whose walk is over are recorded, so that a value shared by
// many paths is walked once.
const (
	cycleShallow = 32
	cycleVisits  = 4096
)

// refNode is a reference that the walk enters: a pointer, a slice or a map,
// by address and type (and length, for a slice).
type refNode struct {
	ptr uintptr
	typ reflect.Type
	n   int
}

// cycleStep is one step of the walk's path: a field, an element (by index)
// or a map entry (by key).
type cycleStep struct {
	field *cycleField   // the field entered, or nil
	key   reflect.Value // the entry's key, for a map entry
	index int           // the element's index
}

// refAt is a reference on the walk's path, and the length of the path of
// steps where it was entered.
type refAt struct {
	node  refNode
	steps int
}

// cycleWalk is the state of one search.
type cycleWalk struct {
	steps  []cycleStep
	refs   []refAt
	visits int
	onPath map[refNode]int      // past cycleShallow references: index in refs
	done   map[refNode]struct{} // past cycleVisits: references walked through
	err    *CycleError

	stepBuf [2 * cycleShallow]cycleStep
	refBuf  [cycleShallow]refAt
}

var walkPool = sync.Pool{New: func() any {
	w := new(cycleWalk)
	w.steps, w.refs = w.stepBuf[:0], w.refBuf[:0]
	return w
}}

// release returns w to the pool, holding nothing of the value walked.
func (w *cycleWalk) release() {
	if cap(w.steps) > len(w.stepBuf) || cap(w.refs) > len(w.refBuf) || w.onPath != nil || w.done != nil {
		return // grown for a large value: let it go
	}
	clear(w.stepBuf[:])
	clear(w.refBuf[:])
	w.steps, w.refs, w.visits, w.err = w.stepBuf[:0], w.refBuf[:0], 0, nil
	walkPool.Put(w)
}

// enter records that the walk enters node. It reports cycle when node is
// on the walk's path already (w.err then says where), and skip when node
// has been walked through without finding a cycle.
func (w *cycleWalk) enter(node refNode) (cycle, skip bool) {
	if w.onPath != nil {
		if i, ok := w.onPath[node]; ok {
			w.found(i)
			return true, false
		}
	} else {
		for i := range w.refs {
			if w.refs[i].node == node {
				w.found(i)
				return true, false
			}
		}
	}
	if w.done != nil {
		if _, ok := w.done[node]; ok {
			return false, true
		}
	}
	if w.visits++; w.visits > cycleVisits && w.done == nil {
		w.done = make(map[refNode]struct{})
	}
	w.refs = append(w.refs, refAt{node, len(w.steps)})
	switch {
	case w.onPath != nil:
		w.onPath[node] = len(w.refs) - 1
	case len(w.refs) > cycleShallow:
		w.onPath = make(map[refNode]int, 2*len(w.refs))
		for i, r := range w.refs {
			w.onPath[r.node] = i
		}
	}
	return false, false
}

// leave records that the walk below the last reference entered is over.
func (w *cycleWalk) leave() {
	node := w.refs[len(w.refs)-1].node
	w.refs = w.refs[:len(w.refs)-1]
	if w.onPath != nil {
		delete(w.onPath, node)
	}
	if w.done != nil {
		w.done[node] = struct{}{}
	}
}

// found records the cycle that leads back to w.refs[i].
func (w *cycleWalk) found(i int) {
	w.err = &CycleError{Path: stepsPath(w.steps), Target: stepsPath(w.steps[:w.refs[i].steps])}
}

// stepsPath writes steps as a JSON path, as [Translate] writes one: the
// fields' JSON names joined by ".", no segment for an embedded struct whose
// fields encoding/json promotes (but at the end), "[i]" for an element,
// ".i.member" (1-based) for an element of a list held by a struct of
// package lookout, "[key]" for a map entry, the key printed with %v.
func stepsPath(steps []cycleStep) string {
	var b []byte
	for i, s := range steps {
		switch {
		case s.field != nil:
			if s.field.info.flatten && i < len(steps)-1 {
				continue
			}
			if len(b) > 0 {
				b = append(b, '.')
			}
			b = append(b, s.field.info.name...)
		case s.key.IsValid():
			b = append(b, '[')
			b = fmt.Append(b, s.key)
			b = append(b, ']')
		case i > 0 && steps[i-1].field != nil && steps[i-1].field.info.serviceList:
			b = append(b, '.')
			b = strconv.AppendInt(b, int64(s.index)+1, 10)
			b = append(b, ".member"...)
		default:
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(s.index), 10)
			b = append(b, ']')
		}
	}
	return string(b)
}

// value walks v, reached with the tags of its field, level dives deep. It
// reports whether it found a cycle.
func (w *cycleWalk) value(v reflect.Value, tags *diveTags, level int) bool {
	// What validator/v10 does with v depends on what its pointers and
	// interfaces hold: a pointer to what it does not walk is not entered.
	end := v
	for end.Kind() == reflect.Pointer || end.Kind() == reflect.Interface {
		if end.IsNil() {
			return false
		}
		end = end.Elem()
	}
	switch end.Kind() {
	case reflect.Struct:
		if tags.structOnly(level) || end.Type().ConvertibleTo(timeType) {
			return false
		}
	case reflect.Slice, reflect.Array, reflect.Map:
		if end.Len() == 0 || level >= tags.dives {
			return false
		}
	default:
		return false
	}
	return w.walked(v, tags, level)
}

// walked walks v, which validator/v10 walks (see value).
func (w *cycleWalk) walked(v reflect.Value, tags *diveTags, level int) bool {
	switch v.Kind() {
	case reflect.Interface:
		return w.walked(v.Elem(), tags, level)
	case reflect.Pointer:
		if !mayCycle(v.Type()) {
			return false
		}
		if cycle, skip := w.enter(refNode{ptr: v.Pointer(), typ: v.Type()}); cycle || skip {
			return cycle
		}
		if w.walked(v.Elem(), tags, level) {
			return true
		}
		w.leave()
	case reflect.Struct:
		fields := cycleFieldsOf(v.Type())
		for i := range fields {
			f := &fields[i]
			w.steps = append(w.steps, cycleStep{field: f})
			if w.value(v.Field(f.info.index), &f.tags, 0) {
				return true
			}
			w.steps = w.steps[:len(w.steps)-1]
		}
	case reflect.Slice, reflect.Array:
		if !mayCycle(v.Type().Elem()) {
			return false
		}
		if v.Kind() == reflect.Slice {
			if cycle, skip := w.enter(refNode{ptr: v.Pointer(), typ: v.Type(), n: v.Len()}); cycle || skip {
				return cycle
			}
		}
		for i := range v.Len() {
			w.steps = append(w.steps, cycleStep{index: i})
			if w.value(v.Index(i), tags, level+1) {
				return true
			}
			w.steps = w.steps[:len(w.steps)-1]
		}
		if v.Kind() == reflect.Slice {
			w.leave()
		}
	case reflect.Map:
		return w.mapEntries(v, tags, level)
	}
	return false
}

// mapEntries walks the entries of the map m, reached with the tags of its
// field, level dives deep: their values when the tags dive into m, and
// their keys too when they say "keys".
func (w *cycleWalk) mapEntries(m reflect.Value, tags *diveTags, level int) bool {
	mt := m.Type()
	keys := tags.keys(level) && mayCycle(mt.Key())
	values := mayCycle(mt.Elem())
	if !keys && !values {
		return false
	}
	if cycle, skip := w.enter(refNode{ptr: m.Pointer(), typ: mt}); cycle || skip {
		return cycle
	}
	// The entries are copied into scratch values, taken from a pool, so
	// that reading them allocates nothing.
	kp, vp := scratch(mt.Key()), scratch(mt.Elem())
	key, val := kp.Get().(*reflect.Value), vp.Get().(*reflect.Value)
	var it reflect.MapIter
	it.Reset(m)
	for it.Next() {
		key.SetIterKey(&it)
		val.SetIterValue(&it)
		w.steps = append(w.steps, cycleStep{key: *key})
		if keys && w.value(*key, &allDives, 0) || values && w.value(*val, tags, level+1) {
			return true // the error holds the key: the scratch values are not returned
		}
		w.steps = w.steps[:len(w.steps)-1]
	}
	it.Reset(reflect.Value{})
	key.SetZero()
	val.SetZero()
	kp.Put(key)
	vp.Put(val)
	w.leave()
	return false
}

// scratchPools maps a reflect.Type to the *sync.Pool of its scratch values
// (a *reflect.Value, settable, of that type).
var scratchPools sync.Map

// scratch returns the pool of scratch values of type t.
func scratch(t reflect.Type) *sync.Pool {
	if p, ok := scratchPools.Load(t); ok {
		return p.(*sync.Pool)
	}
	p := &sync.Pool{New: func() any {
		v := reflect.New(t).Elem()
		return &v
	}}
	actual, _ := scratchPools.LoadOrStore(t, p)
	return actual.(*sync.Pool)
}

// diveTags is what a field's validate tag says of the walk below it, by
// level: level 0 is the field's value, level i the elements reached with
// i dives.
type diveTags struct {
	// dives is the number of "dive"s: the levels of elements walked.
	dives int
	// structOnlyAt has bit i set when level i says "structonly" or
	// "nostructlevel": a struct there is validated without its fields.
	structOnlyAt uint64
	// mapKeys has bit i set when the dive into level i's map is
	// followed by "keys": its keys are walked.
	mapKeys uint64
}

// noDive is the tags of the value given to Struct; allDives those of a
// map's keys, whose tags (between "keys" and "endkeys") are not read: any
// dive is assumed.
var (
	noDive   = diveTags{}
	allDives = diveTags{dives: math.MaxInt}
)

func (t *diveTags) structOnly(level int) bool { return level < 64 && t.structOnlyAt&(1<<level) != 0 }

// keys reports whether the keys of level's map are walked; past 64 levels,
// they are, which may only find a cycle that validator/v10 would not walk.
func (t *diveTags) keys(level int) bool { return level >= 64 || t.mapKeys&(1<<level) != 0 }

// parseDiveTags reads the validate tag of a field as validator/v10 splits
// it: tags separated by ',', "dive" going one level down, "keys" up to
// "endkeys" being the keys' tags.
func parseDiveTags(tag string) diveTags {
	var t diveTags
	inKeys := false
	for tok := range strings.SplitSeq(tag, ",") {
		if inKeys {
			inKeys = tok != "endkeys"
			continue
		}
		switch tok {
		case "dive":
			t.dives++
		case "keys":
			if l := t.dives - 1; l >= 0 && l < 64 {
				t.mapKeys |= 1 << l
			}
			inKeys = true
		case "structonly", "nostructlevel":
			if t.dives < 64 {
				t.structOnlyAt |= 1 << t.dives
			}
		}
	}
	return t
}

// cycleField is a struct field that validator/v10 walks.
type cycleField struct {
	info fieldInfo
	tags diveTags
}

// cycleFieldCache maps a struct's reflect.Type to its []cycleField.
var cycleFieldCache sync.Map

// cycleFieldsOf returns the fields of the struct type st that validator/v10
// walks and that may lead to a cycle, in order.
func cycleFieldsOf(st reflect.Type) []cycleField {
	if fs, ok := cycleFieldCache.Load(st); ok {
		return fs.([]cycleField)
	}
	infos := fieldsOf(st)
	var fs []cycleField
	for i := range st.NumField() {
		sf := st.Field(i)
		if !walkedField(sf) || !mayCycle(sf.Type) {
			continue
		}
		fs = append(fs, cycleField{info: infos[sf.Name], tags: parseDiveTags(sf.Tag.Get("validate"))})
	}
	actual, _ := cycleFieldCache.LoadOrStore(st, fs)
	return actual.([]cycleField)
}

// walkedField reports whether validator/v10 walks the field: exported or
// embedded, and not tagged validate:"-".
func walkedField(sf reflect.StructField) bool {
	return (sf.IsExported() || sf.Anonymous) && sf.Tag.Get("validate") != "-"
}

// mayCycleCache maps a reflect.Type to whether a value of it may hold a
// cycle (a bool).
var mayCycleCache sync.Map

// mayCycle reports whether a value of type t may lead back to itself along
// the edges validator/v10 may follow (dives aside): whether t reaches an
// interface, or a type that reaches itself.
func mayCycle(t reflect.Type) bool {
	if c, ok := mayCycleCache.Load(t); ok {
		return c.(bool)
	}
	seen := map[reflect.Type]bool{} // true: on the search's path
	var reach func(t reflect.Type) bool
	reach = func(t reflect.Type) bool {
		if onPath, ok := seen[t]; ok {
			return onPath
		}
		if c, ok := mayCycleCache.Load(t); ok && !c.(bool) {
			return false
		}
		seen[t] = true
		defer func() { seen[t] = false }()
		switch t.Kind() {
		case reflect.Interface:
			return true
		case reflect.Pointer, reflect.Slice, reflect.Array:
			return reach(t.Elem())
		case reflect.Map:
			return reach(t.Key()) || reach(t.Elem())
		case reflect.Struct:
			if t.ConvertibleTo(timeType) {
				return false
			}
			for i := range t.NumField() {
				if sf := t.Field(i); walkedField(sf) && reach(sf.Type) {
					return true
				}
			}
		}
		return false
	}
	c := reach(t)
	if !c {
		// Every type reached is as free of cycles as t.
		for u := range seen {
			mayCycleCache.Store(u, false)
		}
	}
	mayCycleCache.Store(t, c)
	return c
}
