package validate

import (
	"encoding/json"
	"errors"
	"fmt"
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
//   - validator.ValidationErrors become one *[lookout.ValidationException]
//     that holds every violation, whatever its tag;
//   - a *validator.InvalidValidationError becomes an *[InvalidValueError];
//   - any other error, this package's included, is returned as it is.
//
// Each validator error becomes the [lookout.FieldError] values its tag
// stands for:
//   - any tag on a nil pointer, a nil interface or a nil value (validator/v10
//     asks for a value there), and "required" on an empty value:
//     [lookout.ConstraintRequired] ("Member must not be null");
//   - a lookout tag: the violations of the value by the tag's kind, exactly
//     as Validate reports them (a length, a pattern, invalid UTF-8, an
//     integer's range, a list's length...);
//   - "min", "max" and "len" on a string: [lookout.ConstraintMinLength] or
//     [lookout.ConstraintMaxLength] with the tag's parameter as Limit
//     (lengths in Unicode code points, as both count them);
//   - "oneof" on a string or an integer: [lookout.ConstraintEnum] with the
//     tag's values;
//   - any other tag ("email", "min" on a number, a tag of your own):
//     [lookout.ConstraintTag], with the tag and its parameter in Tag
//     ("email", "min=10") and the value in Value (printed with %v when it
//     is not a string). Its message reads "Value 'x' at 'contact' failed
//     to satisfy constraint: Member must satisfy validate tag email".
//
// validator/v10 does not dive into a list whose own tag fails; for a list
// member of one of lookout's structs whose tag fails (more than 200 Tags),
// Translate checks the elements with [Struct]'s validator, so that their
// violations follow the list's, as Validate reports them.
//
// Paths are JSON paths relative to s: each field's JSON name (its Go name
// when it has none, see [JSONName]), "[i]" and "[key]" for the elements of
// slices and maps (the key printed with %v and kept as it is, see the
// package doc), and no segment for an embedded struct whose fields
// encoding/json promotes. An element of a list held by a struct of package
// lookout is named as the service names it, by its 1-based index:
// "Tags.1.member.Key". Paths do not depend on the validator's tag name
// function. Violations come in the order of the fields' declarations
// (which is validator/v10's, and for lookout's structs the wire's: Fields
// is then in the order of their Validate method), a slice's elements by
// index, and a map's entries in the order of their printed keys. A
// violation that validator/v10 reports at a namespace that does not name a
// field of s (from a struct-level validation, say) keeps the path
// validator gives it, without the type name, and the order of all is
// validator/v10's.
func Translate(s any, err error) error {
	switch err.(type) {
	case nil:
		return nil
	case *lookout.ValidationException, *InvalidValueError, *TagError:
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
	if fields := translate(reflect.ValueOf(s), verrs); len(fields) > 0 {
		return lookout.NewValidationException(fields)
	}
	return nil
}

// span is where one validator error's translation lies: its sort key in
// trail.keys and its violations in fields.
type span struct {
	keyStart, keyEnd     int
	fieldStart, fieldEnd int
}

// translate returns the violations that verrs, found in top, stand for.
func translate(top reflect.Value, verrs validator.ValidationErrors) []lookout.FieldError {
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
		t        trail
		fields   = make([]lookout.FieldError, 0, 2*len(verrs)) // most tags give one or two
		spans    = make([]span, 0, len(verrs))
		sortable = true
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
		fields = appendViolations(fields, fe, path)
		if found {
			fields = appendElements(fields, fe, path, leaf, t.serviceList)
		}
		spans = append(spans, span{ks, len(t.keys), n, len(fields)})
	}
	if sortable {
		fields = sortViolations(fields, spans, t.keys)
	}
	return fields
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
// at path.
func appendViolations(fields []lookout.FieldError, fe validator.FieldError, path string) []lookout.FieldError {
	switch fe.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Invalid:
		// validator/v10 found no value, and the tag asks for one.
		return append(fields, lookout.FieldError{Path: path, Constraint: lookout.ConstraintRequired})
	}
	tag := fe.ActualTag()
	value := reflect.ValueOf(fe.Value())
	if c := checks[tag]; c != nil {
		n := len(fields)
		if fields = c.appendViolations(fields, path, value); len(fields) > n {
			return fields
		}
		// validator/v10 and the kind disagree (a custom type function
		// changed the value, say): say so rather than drop the error.
		return append(fields, tagViolation(fe, path, value))
	}
	switch tag {
	case "required":
		return append(fields, lookout.FieldError{Path: path, Constraint: lookout.ConstraintRequired})
	case "oneof":
		var s string
		switch value.Kind() {
		case reflect.String:
			s = value.String()
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			s = strconv.FormatInt(value.Int(), 10)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			s = strconv.FormatUint(value.Uint(), 10)
		default:
			return append(fields, tagViolation(fe, path, value))
		}
		return append(fields, lookout.FieldError{Path: path, Constraint: lookout.ConstraintEnum,
			Enum: oneOfValues(fe.Param()), Value: s})
	case "min", "max", "len":
		if f, ok := lengthViolation(fe, path, value); ok {
			return append(fields, f)
		}
	}
	return append(fields, tagViolation(fe, path, value))
}

// lengthViolation translates "min", "max" or "len" on a string.
func lengthViolation(fe validator.FieldError, path string, value reflect.Value) (lookout.FieldError, bool) {
	if value.Kind() != reflect.String {
		return lookout.FieldError{}, false
	}
	limit, err := strconv.ParseInt(fe.Param(), 0, 64)
	if err != nil || limit < 0 || limit > math.MaxInt {
		return lookout.FieldError{}, false
	}
	tag, s := fe.ActualTag(), value.String()
	n := int64(utf8.RuneCountInString(s))
	c := lookout.ConstraintMaxLength
	switch {
	case tag == "min" || tag == "len" && n < limit:
		c = lookout.ConstraintMinLength
	case tag == "len" && n == limit:
		return lookout.FieldError{}, false
	}
	return lookout.FieldError{Path: path, Constraint: c, Limit: int(limit), Value: s}, true
}

// tagViolation is the violation of a tag that has no counterpart among
// the service's constraints: [lookout.ConstraintTag], with the tag as
// written (and its parameter) and the value (a string as it is, another
// value printed with %v).
func tagViolation(fe validator.FieldError, path string, value reflect.Value) lookout.FieldError {
	tag := fe.Tag()
	if p := fe.Param(); p != "" && !strings.Contains(tag, "=") {
		tag += "=" + p
	}
	s := ""
	switch {
	case value.Kind() == reflect.String:
		s = value.String()
	case value.IsValid():
		s = fmt.Sprintf("%v", value.Interface())
	}
	return lookout.FieldError{Path: path, Constraint: lookout.ConstraintTag, Tag: tag, Value: s}
}

// appendViolations appends the violations of value by c's kind, at path.
func (c *check) appendViolations(fields []lookout.FieldError, path string, value reflect.Value) []lookout.FieldError {
	k := &c.kind
	switch k.Type {
	case lookout.TypeString:
		if value.Kind() == reflect.String {
			return c.rule.AppendViolations(fields, path, value.String(), true)
		}
	case lookout.TypeInteger, lookout.TypeLong:
		n, ok := intValue(value)
		if !ok {
			return fields
		}
		switch {
		case k.HasMinValue && n < k.MinValue:
			return append(fields, lookout.FieldError{Path: path, Constraint: lookout.ConstraintMinValue,
				Limit: int(k.MinValue), Value: printInt(value)})
		case k.HasMaxValue && n > k.MaxValue:
			return append(fields, lookout.FieldError{Path: path, Constraint: lookout.ConstraintMaxValue,
				Limit: int(k.MaxValue), Value: printInt(value)})
		}
	case lookout.TypeList:
		if value.Kind() != reflect.Slice && value.Kind() != reflect.Array {
			return fields
		}
		n := value.Len()
		if n < k.MinLength {
			fields = append(fields, lookout.FieldError{Path: path, Constraint: lookout.ConstraintMinLength,
				Limit: k.MinLength, Value: listEcho(value)})
		}
		if k.MaxLength != 0 && n > k.MaxLength {
			fields = append(fields, lookout.FieldError{Path: path, Constraint: lookout.ConstraintMaxLength,
				Limit: k.MaxLength, Value: listEcho(value)})
		}
	}
	return fields
}

// printInt prints an integer value in decimal.
func printInt(v reflect.Value) string {
	if v.CanUint() {
		return strconv.FormatUint(v.Uint(), 10)
	}
	return strconv.FormatInt(v.Int(), 10)
}

// listEcho is how a violation shows a list, as package lookout shows one:
// its JSON.
func listEcho(v reflect.Value) string {
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return "[...]"
	}
	return string(b)
}

// appendElements appends, after the violations of a list whose lookout tag
// failed, those of its elements, when the list is a member of one of
// lookout's structures (service) and its elements are lookout's structures
// too: validator/v10 does not dive into a list whose own tag failed, and
// Validate reports both. leaf is the list as declared. A list of a struct
// of your own keeps validator/v10's convention.
func appendElements(fields []lookout.FieldError, fe validator.FieldError, path string, leaf reflect.Value, service bool) []lookout.FieldError {
	c := checks[fe.ActualTag()]
	if c == nil || c.kind.Type != lookout.TypeList || !service {
		return fields
	}
	list := indirect(leaf)
	if list.Kind() != reflect.Slice && list.Kind() != reflect.Array {
		return fields
	}
	et := list.Type().Elem()
	if et.Kind() != reflect.Struct || et.PkgPath() != lookoutPkgPath {
		return fields
	}
	for i := range list.Len() {
		elem := list.Index(i)
		var verrs validator.ValidationErrors
		if !errors.As(shared().Struct(elem.Interface()), &verrs) {
			continue
		}
		ep := elementPath(path, i)
		for _, f := range translate(elem, verrs) {
			f.Path = ep + "." + f.Path
			fields = append(fields, f)
		}
	}
	return fields
}

// elementPath returns the path of element i of a list of lookout's
// structures at path, as the service names it: "Tags.1.member".
func elementPath(path string, i int) string {
	return path + "." + strconv.Itoa(i+1) + ".member"
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
