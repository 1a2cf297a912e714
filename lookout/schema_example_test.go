package lookout_test

import (
	"errors"
	"fmt"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

func ExampleParseDataSchema() {
	ds, err := lookout.ParseDataSchema(`{"Components":[{"ComponentName":"pump","Columns":[
		{"Name":"Timestamp","Type":"DATETIME"},
		{"Name":"pressure","Type":"DOUBLE"},
		{"Name":"flow","Type":"DOUBLE"}]}]}`)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range ds.Components {
		fmt.Println(c.ComponentName, len(c.Columns)-1, "sensors, timestamp", c.Columns[0].Name)
	}
	// Output:
	// pump 2 sensors, timestamp Timestamp
}

func ExampleSchemaError() {
	_, err := lookout.ParseDataSchema(`{"Components":[
		{"ComponentName":"pump 1","Columns":[{"Name":"Timestamp","Type":"DATETIME"},{"Name":"pressure","Type":"double"}]},
		{"ComponentName":"fan","columns":[]}]}`)
	var se *lookout.SchemaError
	if errors.As(err, &se) {
		for _, v := range se.Violations {
			fmt.Printf("%s (%v at byte %d)\n", &v, v.Reason, v.Offset)
		}
	}
	// Output:
	// Components[0].ComponentName: 'pump 1' must satisfy ^[0-9a-zA-Z._\-]{1,200}$: character 4 (' ') is not allowed (NameCharacter at byte 35)
	// Components[0].Columns[1].Type: 'double' must be DOUBLE: the columns after a component's first are its sensors (SensorType at byte 120)
	// Components[1].Columns: required member missing (MissingMember at byte 135)
	// Components[1].columns: unknown member (names are case-sensitive: Columns) (MiscasedMember at byte 158)
}

func ExampleDataSchema_MarshalInline() {
	ds := &lookout.DataSchema{Components: []lookout.SchemaComponent{{
		ComponentName: "pump",
		Columns: []lookout.SchemaColumn{
			{Name: "Timestamp", Type: lookout.ColumnTypeDatetime},
			{Name: "pressure", Type: lookout.ColumnTypeDouble},
		},
	}}}
	doc, err := ds.MarshalInline()
	fmt.Println(doc, err)

	ds.Components = append(ds.Components, lookout.SchemaComponent{ComponentName: "pump"})
	_, err = ds.MarshalInline()
	fmt.Println(err)
	// Output:
	// {"Components":[{"ComponentName":"pump","Columns":[{"Name":"Timestamp","Type":"DATETIME"},{"Name":"pressure","Type":"DOUBLE"}]}]} <nil>
	// lookout: invalid data schema: 2 violations: Components[1].ComponentName: 'pump' is the name of Components[0] already; Components[1].Columns: a component needs its DATETIME column and at least one DOUBLE column; it has 0 columns
}

func ExampleDataSchema_Validate() {
	ds := &lookout.DataSchema{Components: []lookout.SchemaComponent{{
		ComponentName: "pump",
		Columns: []lookout.SchemaColumn{
			{Name: "Timestamp", Type: lookout.ColumnTypeDatetime},
			{Name: "flow rate", Type: lookout.ColumnTypeDouble},
			{Name: "Timestamp", Type: lookout.ColumnTypeDouble},
		},
	}}}
	err := ds.Validate()
	var se *lookout.SchemaError
	if errors.As(err, &se) {
		for _, v := range se.Violations {
			fmt.Println(v.Path, v.Reason, v.Offset)
		}
	}
	// Output:
	// Components[0].Columns[1].Name NameCharacter -1
	// Components[0].Columns[2].Name DuplicateColumn -1
}
