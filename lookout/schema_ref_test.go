package lookout_test

import (
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// The reference reading of a schema: encoding/json reads the document
// (json.Valid for its syntax, a Decoder's tokens for its members, which
// keeps duplicates and case), regular expressions check the names, and the
// rules are written out again, plainly.

var (
	refComponentName = regexp.MustCompile(`^[0-9a-zA-Z._\-]{1,200}$`)
	refSensorName    = regexp.MustCompile(`^[0-9a-zA-Z:#$.\-_]{1,200}$`)
	refJSONString    = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	refEscape        = regexp.MustCompile(`\\(?:u([0-9a-fA-F]{4})|.)`)
)

// refNode is a JSON value with its members in order, duplicates kept.
type refNode struct {
	kind  byte // 'o' object, 'a' array, 's' string, 'x' anything else
	keys  []string
	vals  []*refNode
	elems []*refNode
	str   string
}

func refRead(dec *json.Decoder) (*refNode, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok := tok.(type) {
	case json.Delim:
		n := &refNode{kind: 'a'}
		if tok == '{' {
			n.kind = 'o'
		}
		for dec.More() {
			if n.kind == 'o' {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k.(string))
			}
			v, err := refRead(dec)
			if err != nil {
				return nil, err
			}
			if n.kind == 'o' {
				n.vals = append(n.vals, v)
			} else {
				n.elems = append(n.elems, v)
			}
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
		return n, nil
	case string:
		return &refNode{kind: 's', str: tok}, nil
	}
	return &refNode{kind: 'x'}, nil
}

// members returns the object's values by name when its members are exactly
// names, each once.
func (n *refNode) members(names ...string) (map[string]*refNode, bool) {
	if n.kind != 'o' || len(n.keys) != len(names) {
		return nil, false
	}
	m := map[string]*refNode{}
	for i, k := range n.keys {
		m[k] = n.vals[i]
	}
	for _, name := range names {
		if m[name] == nil {
			return nil, false
		}
	}
	return m, true
}

// refSurrogatesPaired reports whether every \u escape of a surrogate in the
// document's strings is half of a pair.
func refSurrogatesPaired(doc string) bool {
	for _, s := range refJSONString.FindAllString(doc, -1) {
		highEnd := -1 // the end of an unpaired high surrogate's escape
		for _, m := range refEscape.FindAllStringSubmatchIndex(s, -1) {
			u := -1
			if m[2] >= 0 {
				v, _ := strconv.ParseUint(s[m[2]:m[3]], 16, 16)
				u = int(v)
			}
			isLow := u >= 0xDC00 && u <= 0xDFFF
			switch {
			case highEnd >= 0 && (m[0] != highEnd || !isLow):
				return false
			case highEnd >= 0:
				highEnd = -1
			case u >= 0xD800 && u <= 0xDBFF:
				highEnd = m[1]
			case isLow:
				return false
			}
		}
		if highEnd >= 0 {
			return false
		}
	}
	return true
}

// refParseDataSchema is the reference's verdict, and its schema when valid.
func refParseDataSchema(doc string) (bool, *lookout.DataSchema) {
	if n := utf8.RuneCountInString(doc); !utf8.ValidString(doc) || n < 1 || n > 1_000_000 ||
		!json.Valid([]byte(doc)) || !refSurrogatesPaired(doc) {
		return false, nil
	}
	dec := json.NewDecoder(strings.NewReader(doc))
	root, err := refRead(dec)
	if err != nil {
		return false, nil
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return false, nil
	}
	top, ok := root.members("Components")
	if !ok || top["Components"].kind != 'a' {
		return false, nil
	}
	comps := top["Components"].elems
	if len(comps) < 1 || len(comps) > 3000 {
		return false, nil
	}
	ds := &lookout.DataSchema{Components: []lookout.SchemaComponent{}}
	names, sensors := map[string]bool{}, 0
	for _, c := range comps {
		m, ok := c.members("ComponentName", "Columns")
		if !ok || m["ComponentName"].kind != 's' || m["Columns"].kind != 'a' {
			return false, nil
		}
		name := m["ComponentName"].str
		if !refComponentName.MatchString(name) || names[name] {
			return false, nil
		}
		names[name] = true
		cols := m["Columns"].elems
		if len(cols) < 2 {
			return false, nil
		}
		sensors += len(cols) - 1
		sc := lookout.SchemaComponent{ComponentName: name, Columns: []lookout.SchemaColumn{}}
		colNames := map[string]bool{}
		for j, col := range cols {
			cm, ok := col.members("Name", "Type")
			if !ok || cm["Name"].kind != 's' || cm["Type"].kind != 's' {
				return false, nil
			}
			n, typ := cm["Name"].str, cm["Type"].str
			want := "DOUBLE"
			if j == 0 {
				want = "DATETIME"
			}
			if !refSensorName.MatchString(n) || colNames[n] || typ != want {
				return false, nil
			}
			colNames[n] = true
			sc.Columns = append(sc.Columns, lookout.SchemaColumn{Name: n, Type: typ})
		}
		ds.Components = append(ds.Components, sc)
	}
	if sensors > 3000 {
		return false, nil
	}
	return true, ds
}

func TestRefSurrogates(t *testing.T) {
	t.Parallel()
	for doc, want := range map[string]bool{
		`"\ud83d\ude00"`: true, `"\ud83d"`: false, `"\ude00"`: false, `"\ud83d\u0041"`: false,
		`"\ud83dx\ude00"`: false, `"\\ud83d"`: true, `"\\\ud83d\ude00"`: true, `"a", "\ud800"`: false,
		`"\u0041"`: true,
	} {
		if got := refSurrogatesPaired(doc); got != want {
			t.Errorf("refSurrogatesPaired(%s) = %v", doc, got)
		}
		if want {
			var s string
			if err := json.Unmarshal([]byte(doc), &s); err == nil && !utf8.ValidString(s) {
				t.Errorf("%s", doc)
			}
		}
	}
}

func FuzzParseDataSchema(f *testing.F) {
	f.Add(docOf(pump))
	f.Add(docOf(pump, comp{"fan", []string{"t", "a", "b"}}))
	f.Add(`{"Components":[{"ComponentName":"p\u0075mp","Columns":[{"Name":"\ud83d\ude00","Type":"DATETIME"},{"Type":"DOUBLE","Name":"s"}]}]}`)
	for _, tc := range schemaViolationCases {
		if len(tc.doc) < 2000 {
			f.Add(tc.doc)
		}
	}
	f.Fuzz(func(t *testing.T, doc string) {
		ds, err := lookout.ParseDataSchema(doc)
		ok, ref := refParseDataSchema(doc)
		if (err == nil) != ok {
			t.Fatalf("ParseDataSchema(%q): %v; the reference's verdict: %v", doc, err, ok)
		}
		if err != nil {
			var se *lookout.SchemaError
			if !errors.As(err, &se) || len(se.Violations) == 0 || ds != nil {
				t.Fatalf("ParseDataSchema(%q) = %v, %#v", doc, ds, err)
			}
			for _, v := range se.Violations {
				if v.Offset < 0 || v.Offset > len(doc) || v.Reason.String() == "" || strings.HasPrefix(v.Reason.String(), "SchemaReason(") {
					t.Fatalf("ParseDataSchema(%q): violation %#v", doc, v)
				}
			}
			if msg := err.Error(); len(msg) > 5000 || strings.ContainsAny(msg, "\n\r") || !utf8.ValidString(msg) {
				t.Fatalf("ParseDataSchema(%q): message %q", doc, msg)
			}
			return
		}
		if !equalSchema(ds, ref) {
			t.Fatalf("ParseDataSchema(%q) = %+v; the reference read %+v", doc, ds, ref)
		}
		if err := ds.Validate(); err != nil {
			t.Fatalf("ParseDataSchema(%q): Validate: %v", doc, err)
		}
		inline, err := ds.MarshalInline()
		if err != nil {
			t.Fatalf("MarshalInline: %v", err)
		}
		back, err := lookout.ParseDataSchema(inline)
		if err != nil || !equalSchema(back, ds) {
			t.Fatalf("ParseDataSchema(%q) = %+v, %v; want %+v", inline, back, err, ds)
		}
		var viaJSON lookout.DataSchema
		if err := json.Unmarshal([]byte(inline), &viaJSON); err != nil || !equalSchema(&viaJSON, ds) {
			t.Fatalf("json.Unmarshal(%q) = %+v, %v", inline, viaJSON, err)
		}
	})
}

func equalSchema(a, b *lookout.DataSchema) bool {
	if len(a.Components) != len(b.Components) {
		return false
	}
	for i, c := range a.Components {
		d := b.Components[i]
		if c.ComponentName != d.ComponentName || len(c.Columns) != len(d.Columns) {
			return false
		}
		for j := range c.Columns {
			if c.Columns[j] != d.Columns[j] {
				return false
			}
		}
	}
	return true
}

// FuzzDataSchemaValidate builds a schema in Go from spec (components
// separated by '|', each "name:col,col,...", a column "name" or
// "name=TYPE", the first column DATETIME and the others DOUBLE by default)
// and compares Validate with the reference reading of its JSON.
func FuzzDataSchemaValidate(f *testing.F) {
	f.Add("pump:Timestamp,pressure")
	f.Add("pump:t,s|fan:t,s,u")
	f.Add("pump:t,s|pump:t,s")
	f.Add("pump:t=DOUBLE,s=DATETIME")
	f.Add("p q:t,s,s")
	f.Add("p:t")
	f.Add("")
	f.Fuzz(func(t *testing.T, spec string) {
		ds := &lookout.DataSchema{}
		if spec != "" {
			for _, c := range strings.Split(spec, "|") {
				name, cols, _ := strings.Cut(c, ":")
				sc := lookout.SchemaComponent{ComponentName: name}
				if cols != "" {
					for j, col := range strings.Split(cols, ",") {
						n, typ, found := strings.Cut(col, "=")
						if !found {
							typ = lookout.ColumnTypeDouble
							if j == 0 {
								typ = lookout.ColumnTypeDatetime
							}
						}
						sc.Columns = append(sc.Columns, lookout.SchemaColumn{Name: n, Type: typ})
					}
				}
				ds.Components = append(ds.Components, sc)
			}
		}
		err := ds.Validate()
		doc, jerr := json.Marshal(ds)
		if jerr != nil {
			t.Fatal(jerr)
		}
		ok, _ := refParseDataSchema(string(doc))
		if (err == nil) != ok {
			t.Fatalf("Validate(%q) = %v; the reference's verdict on %s: %v", spec, err, doc, ok)
		}
		inline, merr := ds.MarshalInline()
		if err != nil {
			var se *lookout.SchemaError
			if !errors.As(err, &se) || !errors.As(merr, &se) || inline != "" {
				t.Fatalf("Validate(%q) = %#v, MarshalInline = %q, %v", spec, err, inline, merr)
			}
			for _, v := range se.Violations {
				if v.Offset != -1 {
					t.Fatalf("Validate(%q): offset %d", spec, v.Offset)
				}
			}
			if len(err.Error()) > 5000 {
				t.Fatalf("Validate(%q): message of %d bytes", spec, len(err.Error()))
			}
			return
		}
		if merr != nil || inline != string(doc) {
			t.Fatalf("MarshalInline(%q) = %q, %v; want %s", spec, inline, merr, doc)
		}
		back, perr := lookout.ParseDataSchema(inline)
		if perr != nil || !equalSchema(back, ds) {
			t.Fatalf("ParseDataSchema(%q) = %+v, %v", inline, back, perr)
		}
	})
}
