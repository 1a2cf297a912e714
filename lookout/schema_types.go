package lookout

// DataSchema is a dataset's schema, the document that CreateDataset carries
// as a JSON string in DatasetSchema.InlineDataSchema:
//
//	{"Components":[{"ComponentName":"pump","Columns":[{"Name":"Timestamp","Type":"DATETIME"},{"Name":"pressure","Type":"DOUBLE"}]}]}
type DataSchema struct {
	// Components lists the dataset's components.
	Components []SchemaComponent `json:"Components"`
}

// SchemaComponent is one component of a [DataSchema]: its name and its
// columns, the first of them its timestamp.
type SchemaComponent struct {
	// ComponentName is the component's name.
	ComponentName string `json:"ComponentName"`
	// Columns lists the component's columns: first the timestamp
	// (DATETIME), then its sensors (DOUBLE).
	Columns []SchemaColumn `json:"Columns"`
}

// SchemaColumn is one column of a [SchemaComponent].
type SchemaColumn struct {
	// Name is the column's name.
	Name string `json:"Name"`
	// Type is the column's type: "DATETIME" or "DOUBLE".
	Type string `json:"Type"`
}
