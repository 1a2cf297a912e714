package lookout_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// comp is a component for the tests: its name and its columns' names, the
// first DATETIME and the others DOUBLE.
type comp struct {
	name string
	cols []string
}

// schemaOf builds the schema of comps.
func schemaOf(comps ...comp) *lookout.DataSchema {
	ds := &lookout.DataSchema{Components: []lookout.SchemaComponent{}}
	for _, c := range comps {
		sc := lookout.SchemaComponent{ComponentName: c.name, Columns: []lookout.SchemaColumn{}}
		for j, n := range c.cols {
			typ := lookout.ColumnTypeDouble
			if j == 0 {
				typ = lookout.ColumnTypeDatetime
			}
			sc.Columns = append(sc.Columns, lookout.SchemaColumn{Name: n, Type: typ})
		}
		ds.Components = append(ds.Components, sc)
	}
	return ds
}

// docOf writes the schema of comps with encoding/json.
func docOf(comps ...comp) string {
	b, err := json.Marshal(schemaOf(comps...))
	if err != nil {
		panic(err)
	}
	return string(b)
}

// manyComponents returns n components of one sensor each, then, when
// sensors > n, one more component holding the rest.
func manyComponents(n, sensors int) []comp {
	comps := make([]comp, n)
	for i := range comps {
		comps[i] = comp{fmt.Sprintf("c%d", i), []string{"t", "s"}}
	}
	if extra := sensors - n; extra > 0 {
		cols := []string{"t"}
		for j := range extra {
			cols = append(cols, fmt.Sprintf("s%d", j))
		}
		comps[n-1].cols = cols
		comps[n-1].cols = append(comps[n-1].cols, "s")
	}
	return comps
}

var (
	name200 = strings.Repeat("a", 200)
	name201 = strings.Repeat("a", 201)
	pump    = comp{"pump", []string{"Timestamp", "pressure"}}
)

func TestParseDataSchemaValid(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		doc  string
		want *lookout.DataSchema
	}{
		{"one component", docOf(pump), schemaOf(pump)},
		{"white space", " \t\r\n{ \"Components\" : [ { \"ComponentName\" : \"pump\" , \"Columns\" : [ {\"Name\":\"Timestamp\" ,\"Type\":\"DATETIME\"} , {\"Type\":\"DOUBLE\",\"Name\":\"pressure\"} ] } ] }\n ",
			schemaOf(pump)},
		{"members in any order", `{"Components":[{"Columns":[{"Type":"DATETIME","Name":"Timestamp"},{"Name":"pressure","Type":"DOUBLE"}],"ComponentName":"pump"}]}`,
			schemaOf(pump)},
		{"escapes", `{"Comp\u006fnents":[{"ComponentName":"p\u0075mp","Columns":[{"Name":"Timestamp","Type":"\u0044ATETIME"},{"Name":"pre\u0073sure","Type":"DOUBLE"}]}]}`,
			schemaOf(pump)},
		{"names of 200", docOf(comp{name200, []string{name200, strings.Repeat("b", 200)}}),
			schemaOf(comp{name200, []string{name200, strings.Repeat("b", 200)}})},
		{"names of 1", docOf(comp{"p", []string{"t", "s"}}), schemaOf(comp{"p", []string{"t", "s"}})},
		{"every character of the classes",
			docOf(comp{"09azAZ._-", []string{"09azAZ:#$.-_", "$"}}),
			schemaOf(comp{"09azAZ._-", []string{"09azAZ:#$.-_", "$"}})},
		{"names differing in case are distinct",
			docOf(comp{"pump", []string{"T", "t", "S"}}, comp{"Pump", []string{"t", "s"}}),
			schemaOf(comp{"pump", []string{"T", "t", "S"}}, comp{"Pump", []string{"t", "s"}})},
		{"one column name in two components", docOf(pump, comp{"fan", []string{"Timestamp", "pressure"}}),
			schemaOf(pump, comp{"fan", []string{"Timestamp", "pressure"}})},
		{"3000 components", docOf(manyComponents(3000, 3000)...), schemaOf(manyComponents(3000, 3000)...)},
		{"3000 sensors in one component", docOf(manyComponents(1, 3000)...), schemaOf(manyComponents(1, 3000)...)},
		{"3000 sensors in all", docOf(manyComponents(10, 3000)...), schemaOf(manyComponents(10, 3000)...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := lookout.ParseDataSchema(tc.doc)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			require.NoError(t, got.Validate())
			inline, err := got.MarshalInline()
			require.NoError(t, err)
			back, err := lookout.ParseDataSchema(inline)
			require.NoError(t, err)
			assert.Equal(t, got, back)
			// The document is compact, as encoding/json writes it.
			want, err := json.Marshal(got)
			require.NoError(t, err)
			assert.Equal(t, string(want), inline)
			ok, refDS := refParseDataSchema(tc.doc)
			require.True(t, ok, "the reference refuses it")
			assert.Equal(t, refDS, got)
		})
	}
}

// v is a violation as the tables state it: Offset is not compared unless
// stated (off > 0 or offSet).
type v struct {
	path   string
	reason lookout.SchemaReason
	value  string
	index  int
	limit  int
}

func violations(err error) []v {
	var se *lookout.SchemaError
	if !errors.As(err, &se) {
		return nil
	}
	var out []v
	for _, x := range se.Violations {
		out = append(out, v{x.Path, x.Reason, x.Value, x.Index, x.Limit})
	}
	return out
}

const (
	c0    = "Components[0]"
	c0c0  = "Components[0].Columns[0]"
	c0c1  = "Components[0].Columns[1]"
	tsCol = `{"Name":"t","Type":"DATETIME"}`
	sCol  = `{"Name":"s","Type":"DOUBLE"}`
)

var schemaViolationCases = []struct {
	name string
	doc  string
	want []v
}{
	// The document as JSON.
	{"empty", ``, []v{{"", lookout.SchemaLength, "", 0, 1}}},
	{"white space only", "  ", []v{{"", lookout.SchemaSyntax, "", 0, 0}}},
	{"invalid UTF-8", `{"Components":[{"ComponentName":"p` + "\xff" + `"}]}`, []v{{"", lookout.SchemaInvalidUTF8, "", 0, 0}}},
	{"byte-order mark", "\uFEFF" + docOf(pump), []v{{"", lookout.SchemaSyntax, "", 0, 0}}},
	{"trailing data", docOf(pump) + " x", []v{{"", lookout.SchemaTrailingData, "", 0, 0}}},
	{"two objects", docOf(pump) + docOf(pump), []v{{"", lookout.SchemaTrailingData, "", 0, 0}}},
	{"unfinished", `{"Components":[`, []v{{"Components", lookout.SchemaSyntax, "", 0, 0}}},
	{"no colon", `{"Components" []}`, []v{{"Components", lookout.SchemaSyntax, "", 0, 0}}},
	{"trailing comma", `{"Components":[],}`, []v{{"", lookout.SchemaSyntax, "", 0, 0}}},
	{"single quotes", `{'Components':[]}`, []v{{"", lookout.SchemaSyntax, "", 0, 0}}},
	{"control character", "{\"Components\":[{\"ComponentName\":\"p\tq\"}]}", []v{{c0 + ".ComponentName", lookout.SchemaSyntax, "", 0, 0}}},
	{"lone surrogate", `{"Components":[{"ComponentName":"\ud800"}]}`, []v{{c0 + ".ComponentName", lookout.SchemaSyntax, "", 0, 0}}},
	{"low surrogate first", `{"Components":[{"ComponentName":"\udc00\ud800"}]}`, []v{{c0 + ".ComponentName", lookout.SchemaSyntax, "", 0, 0}}},
	{"bad escape", `{"Components":[{"ComponentName":"\x41"}]}`, []v{{c0 + ".ComponentName", lookout.SchemaSyntax, "", 0, 0}}},
	{"short \\u escape", `{"Components":[{"ComponentName":"\u004"}]}`, []v{{c0 + ".ComponentName", lookout.SchemaSyntax, "", 0, 0}}},
	// After a syntax error, the values read are not checked (no
	// SchemaNoComponent here).
	{"bad number in an unknown member", `{"Components":[],"x":01}`, []v{
		{"x", lookout.SchemaUnknownMember, "x", 0, 0}, {"x", lookout.SchemaSyntax, "", 0, 0}}},
	{"bad literal", `{"Components":nul}`, []v{{"Components", lookout.SchemaSyntax, "", 0, 0}}},

	// The shape.
	{"an array", `[]`, []v{{"", lookout.SchemaWrongType, "", 0, 0}}},
	{"null", `null`, []v{{"", lookout.SchemaWrongType, "", 0, 0}}},
	{"a string", `"{}"`, []v{{"", lookout.SchemaWrongType, "", 0, 0}}},
	{"no member", `{}`, []v{{"Components", lookout.SchemaMissingMember, "", 0, 0}}},
	{"Components null", `{"Components":null}`, []v{{"Components", lookout.SchemaWrongType, "", 0, 0}}},
	{"Components an object", `{"Components":{}}`, []v{{"Components", lookout.SchemaWrongType, "", 0, 0}}},
	{"no component", `{"Components":[]}`, []v{{"Components", lookout.SchemaNoComponent, "", 0, 0}}},
	{"miscased member", `{"components":[]}`, []v{
		{"Components", lookout.SchemaMissingMember, "", 0, 0}, {"components", lookout.SchemaMiscasedMember, "components", 0, 0}}},
	{"miscased by escape", `{"Component\u0053":[]}`, []v{
		{"Components", lookout.SchemaMissingMember, "", 0, 0}, {"ComponentS", lookout.SchemaMiscasedMember, "ComponentS", 0, 0}}},
	{"unknown member", `{"Components":[],"Version":1}`, []v{
		{"Components", lookout.SchemaNoComponent, "", 0, 0}, {"Version", lookout.SchemaUnknownMember, "Version", 0, 0}}},
	{"duplicate member", `{"Components":[],"Components":[]}`, []v{
		{"Components", lookout.SchemaNoComponent, "", 0, 0}, {"Components", lookout.SchemaDuplicateMember, "Components", 0, 0}}},
	{"duplicate by escape", `{"Components":[],"\u0043omponents":[]}`, []v{
		{"Components", lookout.SchemaNoComponent, "", 0, 0}, {"Components", lookout.SchemaDuplicateMember, "Components", 0, 0}}},
	{"component not an object", `{"Components":[1,[],null]}`, []v{
		{c0, lookout.SchemaWrongType, "", 0, 0}, {"Components[1]", lookout.SchemaWrongType, "", 0, 0},
		{"Components[2]", lookout.SchemaWrongType, "", 0, 0}}},
	{"component empty", `{"Components":[{}]}`, []v{
		{c0 + ".ComponentName", lookout.SchemaMissingMember, "", 0, 0}, {c0 + ".Columns", lookout.SchemaMissingMember, "", 0, 0}}},
	{"component members miscased, unknown, duplicate",
		`{"Components":[{"componentName":"p","ComponentName":"p","Columns":[` + tsCol + `,` + sCol + `],"ComponentName":"q","columns":[],"Extra":{"a":[[{}]]}}]}`,
		[]v{{c0 + ".componentName", lookout.SchemaMiscasedMember, "componentName", 0, 0},
			{c0 + ".ComponentName", lookout.SchemaDuplicateMember, "ComponentName", 0, 0},
			{c0 + ".columns", lookout.SchemaMiscasedMember, "columns", 0, 0},
			{c0 + ".Extra", lookout.SchemaUnknownMember, "Extra", 0, 0}}},
	{"wrong types in a component", `{"Components":[{"ComponentName":7,"Columns":"x"}]}`, []v{
		{c0 + ".ComponentName", lookout.SchemaWrongType, "", 0, 0}, {c0 + ".Columns", lookout.SchemaWrongType, "", 0, 0}}},
	{"null members in a column", `{"Components":[{"ComponentName":"p","Columns":[{"Name":null,"Type":null},` + sCol + `]}]}`, []v{
		{c0c0 + ".Name", lookout.SchemaWrongType, "", 0, 0}, {c0c0 + ".Type", lookout.SchemaWrongType, "", 0, 0}}},
	{"column empty", `{"Components":[{"ComponentName":"p","Columns":[{},` + sCol + `]}]}`, []v{
		{c0c0 + ".Name", lookout.SchemaMissingMember, "", 0, 0}, {c0c0 + ".Type", lookout.SchemaMissingMember, "", 0, 0}}},
	{"column not an object", `{"Components":[{"ComponentName":"p","Columns":["t",` + sCol + `]}]}`, []v{
		{c0c0, lookout.SchemaWrongType, "", 0, 0}}},
	{"column members miscased", `{"Components":[{"ComponentName":"p","Columns":[{"name":"t","TYPE":"DATETIME","Name":"t","Type":"DATETIME"},` + sCol + `]}]}`, []v{
		{c0c0 + ".name", lookout.SchemaMiscasedMember, "name", 0, 0}, {c0c0 + ".TYPE", lookout.SchemaMiscasedMember, "TYPE", 0, 0}}},

	// The schema.
	{"component name empty", docOf(comp{"", []string{"t", "s"}}), []v{{c0 + ".ComponentName", lookout.SchemaNameLength, "", 0, 1}}},
	{"component name of 201", docOf(comp{name201, []string{"t", "s"}}), []v{{c0 + ".ComponentName", lookout.SchemaNameLength, name201, 0, 200}}},
	{"component name of 201 with a space", docOf(comp{name200 + " ", []string{"t", "s"}}), []v{
		{c0 + ".ComponentName", lookout.SchemaNameLength, name200 + " ", 0, 200},
		{c0 + ".ComponentName", lookout.SchemaNameCharacter, name200 + " ", 200, 0}}},
	{"component name with a space", docOf(comp{"pump 1", []string{"t", "s"}}), []v{{c0 + ".ComponentName", lookout.SchemaNameCharacter, "pump 1", 4, 0}}},
	{"component name with ':'", docOf(comp{"pump:1", []string{"t", "s"}}), []v{{c0 + ".ComponentName", lookout.SchemaNameCharacter, "pump:1", 4, 0}}},
	{"component name with 'é'", docOf(comp{"éa b", []string{"t", "s"}}), []v{{c0 + ".ComponentName", lookout.SchemaNameCharacter, "éa b", 0, 0}}},
	{"component name with a newline", docOf(comp{"p\n", []string{"t", "s"}}), []v{{c0 + ".ComponentName", lookout.SchemaNameCharacter, "p\n", 1, 0}}},
	{"column name empty", docOf(comp{"p", []string{"", "s"}}), []v{{c0c0 + ".Name", lookout.SchemaNameLength, "", 0, 1}}},
	{"column name of 201", docOf(comp{"p", []string{"t", name201}}), []v{{c0c1 + ".Name", lookout.SchemaNameLength, name201, 0, 200}}},
	{"column name with a space", docOf(comp{"p", []string{"t", "s 1"}}), []v{{c0c1 + ".Name", lookout.SchemaNameCharacter, "s 1", 1, 0}}},
	{"column name with a comma", docOf(comp{"p", []string{"t,", "s"}}), []v{{c0c0 + ".Name", lookout.SchemaNameCharacter, "t,", 1, 0}}},
	{"column name with '/'", docOf(comp{"p", []string{"t", "a/b"}}), []v{{c0c1 + ".Name", lookout.SchemaNameCharacter, "a/b", 1, 0}}},
	{"column name with 'é' after 3", docOf(comp{"p", []string{"t", "abcé"}}), []v{{c0c1 + ".Name", lookout.SchemaNameCharacter, "abcé", 3, 0}}},
	{"column name with U+2028", docOf(comp{"p", []string{"t", "a\u2028"}}), []v{{c0c1 + ".Name", lookout.SchemaNameCharacter, "a\u2028", 1, 0}}},
	{"first column DOUBLE", `{"Components":[{"ComponentName":"p","Columns":[{"Name":"t","Type":"DOUBLE"},` + sCol + `]}]}`, []v{
		{c0c0 + ".Type", lookout.SchemaTimestampType, "DOUBLE", 0, 0}}},
	{"first column datetime", `{"Components":[{"ComponentName":"p","Columns":[{"Name":"t","Type":"datetime"},` + sCol + `]}]}`, []v{
		{c0c0 + ".Type", lookout.SchemaTimestampType, "datetime", 0, 0}}},
	{"sensor DATETIME", `{"Components":[{"ComponentName":"p","Columns":[` + tsCol + `,{"Name":"s","Type":"DATETIME"}]}]}`, []v{
		{c0c1 + ".Type", lookout.SchemaSensorType, "DATETIME", 0, 0}}},
	{"sensor Double", `{"Components":[{"ComponentName":"p","Columns":[` + tsCol + `,{"Name":"s","Type":"Double"}]}]}`, []v{
		{c0c1 + ".Type", lookout.SchemaSensorType, "Double", 0, 0}}},
	{"sensor empty type", `{"Components":[{"ComponentName":"p","Columns":[` + tsCol + `,{"Name":"s","Type":""}]}]}`, []v{
		{c0c1 + ".Type", lookout.SchemaSensorType, "", 0, 0}}},
	{"sensor FLOAT", `{"Components":[{"ComponentName":"p","Columns":[` + tsCol + `,{"Name":"s","Type":"FLOAT"}]}]}`, []v{
		{c0c1 + ".Type", lookout.SchemaSensorType, "FLOAT", 0, 0}}},
	{"no column", `{"Components":[{"ComponentName":"p","Columns":[]}]}`, []v{{c0 + ".Columns", lookout.SchemaNoSensor, "", 0, 0}}},
	{"one column", docOf(comp{"p", []string{"t"}}), []v{{c0 + ".Columns", lookout.SchemaNoSensor, "", 1, 0}}},
	{"duplicate component", docOf(pump, comp{"fan", []string{"t", "s"}}, pump), []v{
		{"Components[2].ComponentName", lookout.SchemaDuplicateComponent, "pump", 0, 0}}},
	{"duplicate invalid component names", docOf(comp{"a b", []string{"t", "s"}}, comp{"a b", []string{"t", "s"}}), []v{
		{c0 + ".ComponentName", lookout.SchemaNameCharacter, "a b", 1, 0},
		{"Components[1].ComponentName", lookout.SchemaNameCharacter, "a b", 1, 0},
		{"Components[1].ComponentName", lookout.SchemaDuplicateComponent, "a b", 0, 0}}},
	{"duplicate column", docOf(comp{"p", []string{"t", "s", "x", "s"}}), []v{
		{"Components[0].Columns[3].Name", lookout.SchemaDuplicateColumn, "s", 1, 0}}},
	{"sensor named as the timestamp", docOf(comp{"p", []string{"t", "t"}}), []v{
		{c0c1 + ".Name", lookout.SchemaDuplicateColumn, "t", 0, 0}}},
	{"duplicate column among many", docOf(comp{"p", []string{"t", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "e"}}), []v{
		{"Components[0].Columns[11].Name", lookout.SchemaDuplicateColumn, "e", 5, 0}}},
	{"everything at once", `{"Components":[{"ComponentName":"a b","Columns":[{"Name":"","Type":"DOUBLE"}]},{"ComponentName":"a b","Columns":[{"Name":"t","Type":"DATETIME"},{"Name":"t","Type":"X"}]}],"x":1}`,
		[]v{
			{c0 + ".ComponentName", lookout.SchemaNameCharacter, "a b", 1, 0},
			{c0 + ".Columns", lookout.SchemaNoSensor, "", 1, 0},
			{c0c0 + ".Name", lookout.SchemaNameLength, "", 0, 1},
			{c0c0 + ".Type", lookout.SchemaTimestampType, "DOUBLE", 0, 0},
			{"Components[1].ComponentName", lookout.SchemaNameCharacter, "a b", 1, 0},
			{"Components[1].ComponentName", lookout.SchemaDuplicateComponent, "a b", 0, 0},
			{"Components[1].Columns[1].Name", lookout.SchemaDuplicateColumn, "t", 0, 0},
			{"Components[1].Columns[1].Type", lookout.SchemaSensorType, "X", 0, 0},
			{"x", lookout.SchemaUnknownMember, "x", 0, 0},
		}},
}

func TestParseDataSchemaViolations(t *testing.T) {
	t.Parallel()
	for _, tc := range schemaViolationCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := lookout.ParseDataSchema(tc.doc)
			require.Error(t, err)
			assert.Nil(t, got)
			var se *lookout.SchemaError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tc.want, violations(err), "%v", err)
			for _, x := range se.Violations {
				assert.GreaterOrEqual(t, x.Offset, 0, "%v", &x)
				assert.LessOrEqual(t, x.Offset, len(tc.doc), "%v", &x)
			}
			ok, _ := refParseDataSchema(tc.doc)
			assert.False(t, ok, "the reference accepts it")
		})
	}
}

// The limits, each at its bound and one past it.
func TestParseDataSchemaLimits(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		comps []comp
		want  []v
	}{
		{"3000 components", manyComponents(3000, 3000), nil},
		{"3001 components", manyComponents(3001, 3001), []v{
			{"Components[3000]", lookout.SchemaTooManyComponents, "", 0, 3000},
			{"Components[3000].Columns[1]", lookout.SchemaTooManySensors, "", 0, 3000}}},
		{"3000 sensors in one component", manyComponents(1, 3000), nil},
		{"3001 sensors in one component", manyComponents(1, 3001), []v{
			{"Components[0].Columns[3001]", lookout.SchemaTooManySensors, "", 0, 3000}}},
		{"3001 sensors in all", manyComponents(2000, 3001), []v{
			{"Components[1999].Columns[1002]", lookout.SchemaTooManySensors, "", 0, 3000}}},
		{"3000 components, 3001 sensors", manyComponents(3000, 3001), []v{
			{"Components[2999].Columns[2]", lookout.SchemaTooManySensors, "", 0, 3000}}},
		{"200 and 201", []comp{{name200, []string{name200, name201}}, {name201, []string{"t", name200}}}, []v{
			{"Components[0].Columns[1].Name", lookout.SchemaNameLength, name201, 0, 200},
			{"Components[1].ComponentName", lookout.SchemaNameLength, name201, 0, 200}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doc := docOf(tc.comps...)
			_, err := lookout.ParseDataSchema(doc)
			assert.Equal(t, tc.want, violations(err), "%v", err)
			// The same schema built in Go.
			err = schemaOf(tc.comps...).Validate()
			assert.Equal(t, tc.want, violations(err), "%v", err)
			ok, _ := refParseDataSchema(doc)
			assert.Equal(t, tc.want == nil, ok, "the reference")
		})
	}
}

// The document's length: 1 to 1,000,000 characters, counted as characters.
func TestParseDataSchemaLength(t *testing.T) {
	t.Parallel()
	doc := docOf(pump)
	pad := func(n int, with string) string {
		k := (n - len(doc)) / utf8.RuneCountInString(with)
		return doc + strings.Repeat(with, k)
	}
	for _, tc := range []struct {
		name string
		doc  string
		want []v
	}{
		{"1,000,000 characters", pad(1_000_000, " "), nil},
		{"1,000,001 characters", pad(1_000_001, " "), []v{{"", lookout.SchemaLength, "", 1_000_001, 1_000_000}}},
		// U+2028 is not JSON's white space: the length is checked first.
		{"1,000,001 characters of 3 bytes", pad(1_000_001, "\u2028"), []v{{"", lookout.SchemaLength, "", 1_000_001, 1_000_000}}},
		{"4,000,001 bytes", strings.Repeat(" ", 4_000_001), []v{{"", lookout.SchemaLength, "", 1_000_001, 1_000_000}}},
	} {
		got, err := lookout.ParseDataSchema(tc.doc)
		assert.Equal(t, tc.want, violations(err), "%s: %v", tc.name, err)
		if tc.want == nil {
			assert.Equal(t, schemaOf(pump), got)
		}
	}
	// A valid schema in Go whose document would be too long.
	var long []comp
	for i := range 2600 {
		long = append(long, comp{fmt.Sprintf("%0200d", i), []string{name200, name200[:199] + "b"}})
	}
	ds := schemaOf(long...)
	err := ds.Validate()
	var se *lookout.SchemaError
	require.ErrorAs(t, err, &se)
	require.Len(t, se.Violations, 1)
	assert.Equal(t, lookout.SchemaLength, se.Violations[0].Reason)
	assert.Equal(t, 1_000_000, se.Violations[0].Limit)
	assert.Equal(t, len(docOf(long...)), se.Violations[0].Index)
	_, err = ds.MarshalInline()
	require.ErrorAs(t, err, &se)
	ds.Components = ds.Components[:1000]
	inline, err := ds.MarshalInline()
	require.NoError(t, err)
	assert.Equal(t, docOf(long[:1000]...), inline)
}

func TestDataSchemaValidate(t *testing.T) {
	t.Parallel()
	require.NoError(t, schemaOf(pump).Validate())
	for _, tc := range []struct {
		name string
		ds   *lookout.DataSchema
		want []v
	}{
		{"nil", nil, []v{{"Components", lookout.SchemaNoComponent, "", 0, 0}}},
		{"empty", &lookout.DataSchema{}, []v{{"Components", lookout.SchemaNoComponent, "", 0, 0}}},
		{"nil columns", &lookout.DataSchema{Components: []lookout.SchemaComponent{{ComponentName: "p"}}},
			[]v{{c0 + ".Columns", lookout.SchemaNoSensor, "", 0, 0}}},
		{"zero column", &lookout.DataSchema{Components: []lookout.SchemaComponent{{ComponentName: "p",
			Columns: []lookout.SchemaColumn{{}, {}}}}}, []v{
			{c0c0 + ".Name", lookout.SchemaNameLength, "", 0, 1},
			{c0c0 + ".Type", lookout.SchemaTimestampType, "", 0, 0},
			{c0c1 + ".Name", lookout.SchemaNameLength, "", 0, 1},
			{c0c1 + ".Name", lookout.SchemaDuplicateColumn, "", 0, 0},
			{c0c1 + ".Type", lookout.SchemaSensorType, "", 0, 0}}},
		{"invalid UTF-8 and quotes", schemaOf(comp{"p\xff", []string{`"t"`, "s"}}), []v{
			{c0 + ".ComponentName", lookout.SchemaNameCharacter, "p\xff", 1, 0},
			{c0c0 + ".Name", lookout.SchemaNameCharacter, `"t"`, 0, 0}}},
	} {
		err := tc.ds.Validate()
		assert.Equal(t, tc.want, violations(err), "%s: %v", tc.name, err)
		var se *lookout.SchemaError
		require.ErrorAs(t, err, &se)
		for _, x := range se.Violations {
			assert.Equal(t, -1, x.Offset)
		}
		s, err := tc.ds.MarshalInline()
		assert.Empty(t, s)
		assert.Equal(t, tc.want, violations(err))
	}
}

// Offsets point at what is at fault.
func TestSchemaViolationOffset(t *testing.T) {
	t.Parallel()
	doc := `{"Components":[{"ComponentName":"a b","Columns":[{"Name":"t","Type":"DOUBLE"},{"name":"s","Name":"s","Type":"DOUBLE"}]}]} x`
	_, err := lookout.ParseDataSchema(doc)
	var se *lookout.SchemaError
	require.ErrorAs(t, err, &se)
	var at []string
	for _, x := range se.Violations {
		at = append(at, x.Reason.String()+"@"+doc[x.Offset:min(x.Offset+6, len(doc))])
	}
	assert.Equal(t, []string{`NameCharacter@"a b",`, `TimestampType@"DOUBL`, `MiscasedMember@"name"`, "TrailingData@x"}, at)

	_, err = lookout.ParseDataSchema(`{"Components":[{"ComponentName":"p","Columns":[]` + "\n}\n] x")
	require.ErrorAs(t, err, &se)
	assert.Equal(t, 53, se.Violations[len(se.Violations)-1].Offset)
	assert.Equal(t, lookout.SchemaSyntax, se.Violations[len(se.Violations)-1].Reason)
}

func TestSchemaErrorMessages(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		doc  string
		want string
	}{
		{``, `lookout: invalid data schema: 1 violation: document: the document is empty`},
		{"\"\xff", `lookout: invalid data schema: 1 violation: document: invalid UTF-8 at byte offset 1`},
		{`{"Components":[}`, `lookout: invalid data schema: 1 violation: Components[0]: not JSON at byte offset 15: expected a value, found the character '}' (U+007D)`},
		{`{"Components":[]`, `lookout: invalid data schema: 1 violation: document: not JSON at byte offset 16: unexpected end of the document: the object is not closed`},
		{`{"Components":[{"ComponentName":"p","Columns":[{"Name":"t","Type":"DATETIME"}]}]}`,
			`lookout: invalid data schema: 1 violation: Components[0].Columns: a component needs its DATETIME column and at least one DOUBLE column; it has 1 column`},
		{`{"Components":[{"ComponentName":"p\u00e9 1","Columns":[{"Name":"t","Type":"DATETIME"},{"Name":"s","Type":"double"}]}]}`,
			`lookout: invalid data schema: 2 violations: Components[0].ComponentName: 'pé 1' must satisfy ^[0-9a-zA-Z._\-]{1,200}$: character 1 ('é') is not allowed; Components[0].Columns[1].Type: 'double' must be DOUBLE: the columns after a component's first are its sensors`},
		{`{"Components":[{"ComponentName":"p","Columns":[{"Name":"t\u0027\n","Type":"DOUBLE"},{"Name":"s","Type":"DOUBLE"}]}]}`,
			`lookout: invalid data schema: 2 violations: Components[0].Columns[0].Name: 't\'\n' must satisfy ^[0-9a-zA-Z:#$.\-_]{1,200}$: character 1 ('\'') is not allowed; Components[0].Columns[0].Type: 'DOUBLE' must be DATETIME: a component's first column is its timestamp`},
		{`{"Components":[{"ComponentName":"p","Columns":[{"Name":"t","Type":"DATETIME"},{"Name":"t","Type":"DOUBLE"}]},{"ComponentName":"p","columns":1}]}`,
			`lookout: invalid data schema: 4 violations: Components[0].Columns[1].Name: 't' is the name of column 0 already; Components[1].Columns: required member missing; Components[1].ComponentName: 'p' is the name of Components[0] already; Components[1].columns: unknown member (names are case-sensitive: Columns)`},
		{`{"Components":[{"ComponentName":"","Columns":[{"Name":"t","Type":"DATETIME"},{"Name":"s","Type":"DOUBLE"}],"\u202e":null}]}`,
			`lookout: invalid data schema: 2 violations: Components[0].ComponentName: '' must satisfy ^[0-9a-zA-Z._\-]{1,200}$: it is empty; Components[0].\u202E: unknown member`},
		{`{"Components":[true]}`, `lookout: invalid data schema: 1 violation: Components[0]: expected an object, found a boolean`},
	} {
		_, err := lookout.ParseDataSchema(tc.doc)
		require.Error(t, err)
		assert.Equal(t, tc.want, err.Error(), tc.doc)
	}
}

// Messages stay bounded whatever the document: each value and path is cut,
// and the list stops within 5000 bytes.
func TestSchemaErrorBounded(t *testing.T) {
	t.Parallel()
	longName := strings.Repeat("\u202e", 100_000)
	doc := `{"Components":[{"ComponentName":"` + longName + `","Columns":[{"Name":"t","Type":"DATETIME"},{"Name":"s","Type":"DOUBLE"}],"` + longName + `":1}]}`
	_, err := lookout.ParseDataSchema(doc)
	var se *lookout.SchemaError
	require.ErrorAs(t, err, &se)
	require.Len(t, se.Violations, 3) // length, character, unknown member
	assert.Equal(t, longName, se.Violations[0].Value, "Value is whole")
	msg := err.Error()
	assert.Less(t, len(msg), 1000, msg)
	assert.Contains(t, msg, "...' (truncated: 100000 characters)")
	assert.NotContains(t, msg, "\u202e")

	// 20,000 violations.
	var cols []string
	for i := range 10_000 {
		cols = append(cols, fmt.Sprintf("a b%d", i))
	}
	cols = append(cols, cols...)
	_, err = lookout.ParseDataSchema(docOf(comp{"p", cols}))
	require.ErrorAs(t, err, &se)
	assert.Len(t, se.Violations, 20_000+10_000+1) // characters, duplicates, too many sensors
	msg = err.Error()
	assert.LessOrEqual(t, len(msg), 5000)
	assert.Regexp(t, `; and \d+ more$`, msg)
	assert.True(t, strings.HasPrefix(msg, "lookout: invalid data schema: 30001 violations: Components[0].Columns[0].Name: 'a b0' must "), msg)
}

func TestSchemaErrorAs(t *testing.T) {
	t.Parallel()
	_, err := lookout.ParseDataSchema(docOf(comp{"p", []string{"t", "s", "s"}}))
	var sv *lookout.SchemaViolation
	require.ErrorAs(t, err, &sv)
	assert.Equal(t, lookout.SchemaDuplicateColumn, sv.Reason)
	assert.Equal(t, "Components[0].Columns[2].Name", sv.Path)
	assert.Equal(t, "Components[0].Columns[2].Name: 's' is the name of column 1 already", sv.Error())
	var se *lookout.SchemaError
	require.ErrorAs(t, fmt.Errorf("dataset: %w", err), &se)
	assert.Len(t, se.Unwrap(), 1)
	assert.Equal(t, "NameCharacter", lookout.SchemaNameCharacter.String())
	assert.Equal(t, "SchemaReason(99)", lookout.SchemaReason(99).String())
}

// Nesting at any depth is skipped without recursion.
func TestParseDataSchemaDeep(t *testing.T) {
	t.Parallel()
	for _, open := range []string{"[", `{"a":`} {
		const depth = 150_000
		deep := strings.Repeat(open, depth)
		closer := "]"
		if open != "[" {
			closer = "}"
		}
		doc := `{"Components":[],"x":` + deep + "1" + strings.Repeat(closer, depth) + "}"
		_, err := lookout.ParseDataSchema(doc)
		assert.Equal(t, []v{{"Components", lookout.SchemaNoComponent, "", 0, 0}, {"x", lookout.SchemaUnknownMember, "x", 0, 0}},
			violations(err))
		// Unclosed, or closed by the wrong bracket.
		_, err = lookout.ParseDataSchema(`{"Components":` + deep)
		assert.Equal(t, lookout.SchemaSyntax, violations(err)[len(violations(err))-1].reason)
		wrong := "}"
		if open != "[" {
			wrong = "]"
		}
		_, err = lookout.ParseDataSchema(`{"Components":[` + deep + "1" + wrong)
		assert.Equal(t, lookout.SchemaSyntax, violations(err)[len(violations(err))-1].reason)
	}
	_, err := lookout.ParseDataSchema(`{"Components":[[1}]}`)
	assert.Equal(t, []v{{c0, lookout.SchemaWrongType, "", 0, 0}, {c0, lookout.SchemaSyntax, "", 0, 0}}, violations(err))
}

// What a syntax error says it found.
func TestSchemaSyntaxFound(t *testing.T) {
	t.Parallel()
	for doc, want := range map[string]string{
		`{"Components":[]'`:         `found the character U+0027`,
		`{"Components":[]` + "\x01": `found the character U+0001`,
		`{"Components":[]é`:         `found the character 'é' (U+00E9)`,
		`{"Components":[]😀`:         `found the character '😀' (U+1F600)`,
		`{"Components":[]` + "\t":   `unexpected end of the document: the object is not closed`,
		`{"Components":[]}}`:        `data after the document's object at byte offset 17`,
		`{"Components":[] 1`:        `found a number`,
		`{"Components":[]"`:         `found a string`,
		`{"Components":[]true`:      `found a boolean`,
		`{"Components":[]null`:      `found null`,
		`{"Components":[]{`:         `found an object`,
		`{"Components":[][`:         `found an array`,
		`{"Components":[]\`:         `found the character U+005C`,
	} {
		_, err := lookout.ParseDataSchema(doc)
		require.Error(t, err)
		assert.True(t, strings.HasSuffix(err.Error(), want), "%s: %v", doc, err)
	}
}
