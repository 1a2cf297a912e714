package validate

import (
	"errors"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// Translate turns err, the error that a validator/v10 validator returned
// for s (from Struct, StructCtx, Var...), into this package's errors, so
// that one error type reaches the caller whichever validator found the
// violations:
//   - nil stays nil;
//   - validator.ValidationErrors become a *[lookout.ValidationException]
//     (or an *[UnsupportedError] when some do not translate, see below);
//   - a *validator.InvalidValidationError becomes an *[InvalidValueError];
//   - any other error, this package's included, is returned as it is.
//
// Each validator error becomes the [lookout.FieldError] values its tag
// stands for:
//   - a lookout tag: the violations that the tag's [lookout.Rule] reports for
//     the field's value, exactly as Validate reports them (a length, a
//     pattern, invalid UTF-8...); an empty plain string, a nil pointer and a
//     nil interface are absent values, a pointer to "" is a present empty
//     one;
//   - "required", and "min", "max", "len" or "oneof" on a nil pointer:
//     [lookout.ConstraintRequired];
//   - "min", "max" and "len" on a string: [lookout.ConstraintMinLength] or
//     [lookout.ConstraintMaxLength] with the tag's parameter as Limit
//     (lengths in Unicode code points, as both count them);
//   - "oneof" on a string or an integer: [lookout.ConstraintEnum] with the
//     tag's values.
//
// The others (another tag, "min" on a number...) do not translate: the
// result is then an *[UnsupportedError] that holds both the translated
// violations and validator's errors that do not translate.
//
// Paths are JSON paths relative to s: each field's JSON name (its Go name
// when it has none, see [JSONName]), "[i]" and "[key]" for the elements of
// slices and maps (the key printed with %v and kept as it is, see the
// package doc), and no segment for an embedded struct whose fields
// encoding/json promotes. They do not depend on the validator's tag name
// function. Violations come in validator/v10's order (the fields'
// declaration order, a slice's elements by index) except for a map's
// entries, which come in the order of their printed keys, and within the
// structs of package lookout, whose fields come in the order of
// [lookout.Rules]: for lookout's request and response, Fields is in the
// order of their Validate method. A violation that validator/v10 reports
// at a namespace that does not name a field of s (from a struct-level
// validation, say) keeps the path validator gives it, without the type
// name, and the order of all is validator/v10's.
func Translate(s any, err error) error {
	switch err.(type) {
	case nil:
		return nil
	case *lookout.ValidationException, *UnsupportedError, *InvalidValueError, *TagError:
		return err
	}
	var inv *validator.InvalidValidationError
	if errors.As(err, &inv) {
		return &InvalidValueError{Type: inv.Type}
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return err
	}
	return translate(reflect.ValueOf(s), verrs)
}

// span is where one validator error's translation lies: its sort key in
// trail.keys and its violations in fields.
type span struct {
	keyStart, keyEnd     int
	fieldStart, fieldEnd int
}

func translate(top reflect.Value, verrs validator.ValidationErrors) error {
	if len(verrs) == 0 {
		return nil
	}
	// validator/v10 starts each namespace with the name of the top
	// struct's type, when it has one.
	prefix := ""
	if st := indirect(top); st.Kind() == reflect.Struct && st.Type().Name() != "" {
		prefix = st.Type().Name() + "."
	}
	var (
		t           trail
		fields      = make([]lookout.FieldError, 0, 2*len(verrs)) // most tags give one or two
		spans       = make([]span, 0, len(verrs))
		unsupported validator.ValidationErrors
		sortable    = true
	)
	for _, fe := range verrs {
		ks, ps := len(t.keys), len(t.path)
		leaf, found := walk(top, strings.TrimPrefix(fe.StructNamespace(), prefix), &t)
		path := string(t.path[ps:])
		if !found {
			t.keys, sortable = t.keys[:ks], false
			path = strings.TrimPrefix(fe.Namespace(), prefix)
		}
		t.path = t.path[:ps]
		n := len(fields)
		var ok bool
		if fields, ok = appendViolations(fields, fe, path, leaf, found); !ok {
			unsupported = append(unsupported, fe)
			t.keys = t.keys[:ks]
			continue
		}
		spans = append(spans, span{ks, len(t.keys), n, len(fields)})
	}
	if sortable {
		fields = sortViolations(fields, spans, t.keys)
	}
	if len(unsupported) > 0 {
		return &UnsupportedError{Fields: fields, Errors: unsupported}
	}
	return lookout.NewValidationException(fields)
}

// sortViolations orders fields by the sort keys of their spans, keeping
// validator/v10's order among equal keys. It returns fields as they are
// when they are in order already.
func sortViolations(fields []lookout.FieldError, spans []span, keys []int) []lookout.FieldError {
	key := func(s span) []int { return keys[s.keyStart:s.keyEnd] }
	if slices.IsSortedFunc(spans, func(a, b span) int { return slices.Compare(key(a), key(b)) }) {
		return fields
	}
	spans = slices.Clone(spans)
	slices.SortStableFunc(spans, func(a, b span) int { return slices.Compare(key(a), key(b)) })
	out := make([]lookout.FieldError, 0, len(fields))
	for _, s := range spans {
		out = append(out, fields[s.fieldStart:s.fieldEnd]...)
	}
	return out
}

// appendViolations appends to fields the violations that fe stands for,
// at path; leaf is the field's value as declared, found reports whether
// walk found it. It reports false when fe does not translate.
func appendViolations(fields []lookout.FieldError, fe validator.FieldError, path string, leaf reflect.Value, found bool) ([]lookout.FieldError, bool) {
	tag := fe.ActualTag()
	if c := checks[tag]; c != nil {
		value, present, ok := lookoutValue(fe, leaf, found)
		if !ok {
			return fields, false
		}
		n := len(fields)
		fields = c.rule.AppendViolations(fields, path, value, present)
		if len(fields) == n {
			// validator/v10 and the rule disagree: say so rather
			// than drop the error.
			return fields, false
		}
		return fields, true
	}
	switch tag {
	case "required":
		return append(fields, lookout.FieldError{Path: path, Constraint: lookout.ConstraintRequired}), true
	case "min", "max", "len", "oneof":
	default:
		return fields, false
	}
	switch fe.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Invalid:
		// A nil pointer: validator/v10 asks for a value there.
		return append(fields, lookout.FieldError{Path: path, Constraint: lookout.ConstraintRequired}), true
	}
	value := reflect.ValueOf(fe.Value())
	if tag == "oneof" {
		var s string
		switch value.Kind() {
		case reflect.String:
			s = value.String()
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			s = strconv.FormatInt(value.Int(), 10)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			s = strconv.FormatUint(value.Uint(), 10)
		default:
			return fields, false
		}
		return append(fields, lookout.FieldError{Path: path, Constraint: lookout.ConstraintEnum,
			Enum: oneOfValues(fe.Param()), Value: s}), true
	}
	if value.Kind() != reflect.String {
		return fields, false
	}
	limit, err := strconv.ParseInt(fe.Param(), 0, 64)
	if err != nil || limit < 0 || limit > math.MaxInt {
		return fields, false
	}
	s := value.String()
	n := int64(utf8.RuneCountInString(s))
	c := lookout.ConstraintMaxLength
	switch {
	case tag == "min" || tag == "len" && n < limit:
		c = lookout.ConstraintMinLength
	case tag == "len" && n == limit:
		return fields, false
	}
	return append(fields, lookout.FieldError{Path: path, Constraint: c, Limit: int(limit), Value: s}), true
}

// lookoutValue reads the value of a lookout tag's field from fe: the
// string, and whether it is present. An empty string is present only when
// the field holds it through a pointer (leaf, when found, is the field as
// declared). ok is false when the field is not string-based.
func lookoutValue(fe validator.FieldError, leaf reflect.Value, found bool) (value string, present, ok bool) {
	switch fe.Kind() {
	case reflect.String:
		s := reflect.ValueOf(fe.Value()).String()
		return s, s != "" || found && isPointer(leaf), true
	case reflect.Pointer:
		return "", false, fe.Type() != nil && stringBased(fe.Type())
	case reflect.Interface, reflect.Invalid:
		return "", false, true
	}
	return "", false, false
}

// oneOfValues splits the parameter of "oneof" as validator/v10 does: values
// separated by white space, a value between single quotes may hold spaces,
// and single quotes are removed.
func oneOfValues(param string) []string {
	var vals []string
	for i := 0; i < len(param); {
		if isSpace(param[i]) {
			i++
			continue
		}
		if param[i] == '\'' {
			if end := strings.IndexByte(param[i+1:], '\''); end >= 0 {
				vals = append(vals, param[i+1:i+1+end])
				i += end + 2
				continue
			}
		}
		end := i
		for end < len(param) && !isSpace(param[end]) {
			end++
		}
		vals = append(vals, strings.ReplaceAll(param[i:end], "'", ""))
		i = end
	}
	return vals
}

// isSpace reports whether b is white space as \s reads it in Go's regular
// expressions: TAB, LF, FF, CR and space.
func isSpace(b byte) bool {
	return b == '\t' || b == '\n' || b == '\f' || b == '\r' || b == ' '
}
