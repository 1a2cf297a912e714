package lookout

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// tcModelData is the facts-only model, read once.
var tcModelData = func() *tcModel {
	data, err := os.ReadFile("internal/model/lookoutequipment-2020-12-15.json")
	if err != nil {
		panic(err)
	}
	var m tcModel
	if err := json.Unmarshal(data, &m); err != nil {
		panic(err)
	}
	return &m
}()

// tcModelMember is one member of an operation's request or response, as
// the facts-only service model declares it.
type tcModelMember struct {
	op       string
	response bool
	path     string
	shape    string
	required bool
}

// refModelMembers lists every member of every operation's request and
// response, walked from the facts-only model (independently of the
// generator): operations by name, request then response, members in the
// model's order (the copy lists them sorted), list elements as "member".
var refModelMembers = func() []tcModelMember {
	m := tcModelData
	var out []tcModelMember
	var walk func(op string, response bool, path, shape string)
	walk = func(op string, response bool, path, shape string) {
		s := m.Shapes[shape]
		names := make([]string, 0, len(s.Members))
		for n := range s.Members {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			p := n
			if path != "" {
				p = path + "." + n
			}
			ms := s.Members[n].Shape
			out = append(out, tcModelMember{op, response, p, ms, slices.Contains(s.Required, n)})
			switch k := m.Shapes[ms]; k.Type {
			case "structure":
				walk(op, response, p, ms)
			case "list":
				e := k.Member.Shape
				if m.Shapes[e].Type == "structure" {
					walk(op, response, p+".member", e)
				} else {
					out = append(out, tcModelMember{op, response, p + ".member", e, true})
				}
			}
		}
	}
	ops := make([]string, 0, len(m.Operations))
	for n := range m.Operations {
		ops = append(ops, n)
	}
	slices.Sort(ops)
	for _, op := range ops {
		o := m.Operations[op]
		walk(op, false, "", o.Input.Shape)
		if o.Output != nil {
			walk(op, true, "", o.Output.Shape)
		}
	}
	return out
}()

// TestRulesAgreeWithModel: Rules lists every member of the model, in its
// order, each with its shape and whether it is required.
func TestRulesAgreeWithModel(t *testing.T) {
	t.Parallel()
	rules := Rules()
	if len(rules) != len(refModelMembers) {
		t.Errorf("Rules() has %d members, the model %d", len(rules), len(refModelMembers))
	}
	for i := range min(len(rules), len(refModelMembers)) {
		r, m := rules[i], refModelMembers[i]
		if r.Operation != m.op || r.Response != m.response || r.Path != m.path || r.Name != m.shape || r.Required != m.required {
			t.Errorf("rule %d = {%s %v %s %s %v}, model {%s %v %s %s %v}", i,
				r.Operation, r.Response, r.Path, r.Name, r.Required, m.op, m.response, m.path, m.shape, m.required)
		}
	}
}

// tcSetMember sets the member at wire path (list elements as "member":
// the first element is set) of the structure v points to, creating the
// structures on the way, and returns the path a violation names it by.
func tcSetMember(t *testing.T, v reflect.Value, path string, set func(f reflect.Value)) string {
	t.Helper()
	segs := strings.Split(path, ".")
	var shown []string
	for i := 0; i < len(segs); i++ {
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		if segs[i] == "member" {
			if v.Len() == 0 {
				t.Fatalf("%s: the typical value has no element", path)
			}
			v = v.Index(0)
			shown = append(shown, "1", "member")
			continue
		}
		f := v.FieldByName(segs[i])
		if !f.IsValid() {
			t.Fatalf("%s: no field %s in %s", path, segs[i], v.Type())
		}
		v = f
		shown = append(shown, segs[i])
	}
	set(v)
	return strings.Join(shown, ".")
}

// tcCopyValue returns a deep copy of v (a pointer to a request or response)
// that shares nothing with it that tcSetMember could change.
func tcCopyValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(tcCopyValue(v.Elem()))
		return c
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				c.Field(i).Set(tcCopyValue(v.Field(i)))
			}
		}
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			c.Index(i).Set(tcCopyValue(v.Index(i)))
		}
		return c
	}
	return v
}

// TestValidateEveryMember sets each string member of each operation's
// typical request and response to every value of its kind's boundary table
// (check_test.go, kinds_test.go), and each integer member to its bounds,
// and checks Validate against the oracle: the violations of the value at
// the member's path, or for "" in a plain string field (absent) the
// required violation if the model requires the member.
func TestValidateEveryMember(t *testing.T) {
	t.Parallel()
	refs := map[string]tcCheckFunc{}
	for _, cf := range tcCheckFuncs {
		refs[cf.kind] = cf
	}
	typical := map[string][2]tcValidator{}
	for _, c := range tcTypicalAll() {
		typical[c.op] = [2]tcValidator{c.req, c.resp}
	}
	for _, m := range refModelMembers {
		side := 0
		if m.response {
			side = 1
		}
		base := reflect.ValueOf(typical[m.op][side])
		name := m.op + " " + m.path
		if m.response {
			name += " (response)"
		}
		switch m.shape {
		case "MaxResults", "DataSizeInBytes":
			lo, hi := int64(1), int64(500)
			values := []int64{lo - 1, lo, hi, hi + 1, -1 << 31, 1<<31 - 1}
			if m.shape == "DataSizeInBytes" {
				// No maximum.
				lo, hi = 0, 1<<63-1
				values = []int64{-1, 0, 1 << 62, -1 << 63}
			}
			for _, n := range values {
				v := tcCopyValue(base)
				path := tcSetMember(t, v.Elem(), m.path, func(f reflect.Value) {
					p := reflect.New(f.Type().Elem())
					p.Elem().SetInt(n)
					f.Set(p)
				})
				var want []FieldError
				switch {
				case n < lo:
					want = []FieldError{{Path: path, Constraint: ConstraintMinValue, Limit: int(lo), Value: strconv.FormatInt(n, 10)}}
				case n > hi:
					want = []FieldError{{Path: path, Constraint: ConstraintMaxValue, Limit: int(hi), Value: strconv.FormatInt(n, 10)}}
				}
				got := tcFieldsOf(t, v.Interface().(tcValidator).Validate())
				if !tcSameFields(got, want) {
					t.Errorf("%s = %d:\n got %s\nwant %s", name, n, tcFmtFields(got), tcFmtFields(want))
				}
			}
			continue
		}
		cf, ok := refs[m.shape]
		if !ok {
			continue // not a string kind
		}
		for _, c := range cf.cases() {
			v := tcCopyValue(base)
			emptyAbsent := false
			path := tcSetMember(t, v.Elem(), m.path, func(f reflect.Value) {
				if f.Kind() == reflect.Pointer {
					p := reflect.New(f.Type().Elem())
					p.Elem().SetString(c.in)
					f.Set(p)
					return
				}
				f.SetString(c.in)
			})
			// Whether "" is absent: the field's JSON tag has omitempty.
			sf := tcFieldOf(t, v.Elem().Type(), m.path)
			if sf.Type.Kind() == reflect.String && strings.Contains(sf.Tag.Get("json"), ",omitempty") {
				emptyAbsent = true
			}
			var want []FieldError
			switch {
			case c.in == "" && emptyAbsent && m.required:
				want = []FieldError{{Path: path, Constraint: ConstraintRequired}}
			case c.in == "" && emptyAbsent:
			default:
				for _, f := range cf.ref.violations(c.in, true) {
					f.Path = path
					want = append(want, f)
				}
			}
			got := tcFieldsOf(t, v.Interface().(tcValidator).Validate())
			if !tcSameFields(got, want) {
				t.Errorf("%s = %s:\n got %s\nwant %s", name, tcShort(c.in), tcFmtFields(got), tcFmtFields(want))
			}
		}
	}
}

// tcFieldOf returns the struct field at wire path in type typ.
func tcFieldOf(t *testing.T, typ reflect.Type, path string) reflect.StructField {
	t.Helper()
	var sf reflect.StructField
	for _, seg := range strings.Split(path, ".") {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if seg == "member" {
			continue
		}
		f, ok := typ.FieldByName(seg)
		if !ok {
			t.Fatalf("%s: no field %s in %s", path, seg, typ)
		}
		sf, typ = f, f.Type
	}
	return sf
}

// tcStringMembers lists the members of refModelMembers whose kind has a
// Check function: those FuzzValidateOperations sets.
func tcStringMembers() []int {
	kinds := map[string]bool{}
	for _, cf := range tcCheckFuncs {
		kinds[cf.kind] = true
	}
	var out []int
	for i, m := range refModelMembers {
		if kinds[m.shape] && m.shape != "InlineDataSchema" {
			out = append(out, i)
		}
	}
	return out
}

// FuzzValidateOperations sets one string member (member selects it among
// every string member of every operation's request and response) of the
// operation's typical value to s, and compares Validate with the oracle,
// as TestValidateEveryMember does for the tables' values.
func FuzzValidateOperations(f *testing.F) {
	members := tcStringMembers()
	for i := range members {
		f.Add(uint16(i), "")
		f.Add(uint16(i), "aws:x")
		f.Add(uint16(i), "arn:aws:iam::123456789012:role/\u2028")
		f.Add(uint16(i), "a\xff/")
	}
	refs := map[string]tcCheckFunc{}
	for _, cf := range tcCheckFuncs {
		refs[cf.kind] = cf
	}
	typical := map[string][2]tcValidator{}
	for _, c := range tcTypicalAll() {
		typical[c.op] = [2]tcValidator{c.req, c.resp}
	}
	f.Fuzz(func(t *testing.T, member uint16, s string) {
		m := refModelMembers[members[int(member)%len(members)]]
		side := 0
		if m.response {
			side = 1
		}
		v := tcCopyValue(reflect.ValueOf(typical[m.op][side]))
		path := tcSetMember(t, v.Elem(), m.path, func(f reflect.Value) {
			if f.Kind() == reflect.Pointer {
				p := reflect.New(f.Type().Elem())
				p.Elem().SetString(s)
				f.Set(p)
				return
			}
			f.SetString(s)
		})
		sf := tcFieldOf(t, v.Elem().Type(), m.path)
		emptyAbsent := sf.Type.Kind() == reflect.String && strings.Contains(sf.Tag.Get("json"), ",omitempty")
		var want []FieldError
		switch {
		case s == "" && emptyAbsent && m.required:
			want = []FieldError{{Path: path, Constraint: ConstraintRequired}}
		case s == "" && emptyAbsent:
		default:
			for _, fe := range refs[m.shape].ref.violations(s, true) {
				fe.Path = path
				want = append(want, fe)
			}
		}
		got := tcFieldsOf(t, v.Interface().(tcValidator).Validate())
		if !tcSameFields(got, want) {
			t.Fatalf("%s %s = %s:\n got %s\nwant %s", m.op, m.path, tcShort(s), tcFmtFields(got), tcFmtFields(want))
		}
	})
}
