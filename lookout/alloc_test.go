package lookout

import (
	"reflect"
	"strings"
	"testing"
)

// TestNoAllocs: the checks allocate nothing on valid values, the longest
// included.
func TestNoAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("AllocsPerRun is slow")
	}
	prefix := strings.Repeat("é", 1023) + "/"
	keyPattern := KeyPatternHyphen
	valid := &StartDataIngestionJobRequest{
		ClientToken: "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
		DatasetName: "pump-station_7",
		IngestionInputConfiguration: &IngestionInputConfiguration{S3InputConfiguration: &IngestionS3InputConfiguration{
			Bucket: "sensor-data.example", Prefix: &prefix, KeyPattern: keyPattern,
		}},
		RoleArn: "arn:aws:iam::123456789012:role/service-role/LookoutEquipmentIngestion",
	}
	longest := &StartDataIngestionJobRequest{
		ClientToken: strings.Repeat("t", 256),
		DatasetName: strings.Repeat("d", 200),
		IngestionInputConfiguration: &IngestionInputConfiguration{S3InputConfiguration: &IngestionS3InputConfiguration{
			Bucket: "b" + strings.Repeat("-", 61) + "b", Prefix: &prefix,
		}},
		RoleArn: "arn:aws-us-gov:iam::123456789012:role/" + strings.Repeat("é", 2010),
	}
	response := &StartDataIngestionJobResponse{JobId: new(strings.Repeat("f", 32)), Status: IngestionJobStatusImportInProgress}
	type run struct {
		name string
		f    func() error
	}
	runs := []run{
		{"Validate", valid.Validate},
		{"Validate longest", longest.Validate},
		{"Validate response", response.Validate},
		{"Validate empty response", (&StartDataIngestionJobResponse{}).Validate},
	}
	for _, cf := range tcCheckFuncs {
		if cf.kind == "InlineDataSchema" {
			// Its document is parsed into a DataSchema (see
			// TestNoAllocsOperations).
			continue
		}
		for _, c := range cf.cases() {
			if c.want == nil {
				runs = append(runs, run{"Check" + cf.name + " " + c.name, func() error { return cf.check(c.in) }})
			}
		}
	}
	for _, r := range runs {
		var err error
		n := testing.AllocsPerRun(100, func() { err = r.f() })
		if err != nil {
			t.Errorf("%s: %v", r.name, err)
		}
		if n != 0 {
			t.Errorf("%s: %v allocations, want 0", r.name, n)
		}
	}
}

// tcWithoutSchema clears every schema document in v (an InlineDataSchema
// member, Schema or InlineDataSchema): reading one allocates what
// ParseDataSchema does, which TestNoAllocsOperations checks apart.
func tcWithoutSchema(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			tcWithoutSchema(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			tcWithoutSchema(v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if n := v.Type().Field(i).Name; (n == "Schema" || n == "InlineDataSchema") && v.Field(i).Kind() == reflect.String {
				v.Field(i).SetString("")
				continue
			}
			tcWithoutSchema(v.Field(i))
		}
	}
}

// TestNoAllocsOperations: Validate allocates nothing on the typical valid
// request and response of every operation. A CreateDataset request with a
// schema allocates what ParseDataSchema does to read it, and nothing more.
func TestNoAllocsOperations(t *testing.T) {
	if testing.Short() {
		t.Skip("AllocsPerRun is slow")
	}
	for _, c := range tcTypicalAll() {
		for side, v := range map[string]tcValidator{"request": c.req, "response": c.resp} {
			tcWithoutSchema(reflect.ValueOf(v))
			var err error
			n := testing.AllocsPerRun(100, func() { err = v.Validate() })
			if err != nil {
				t.Errorf("%s %s: %v", c.op, side, err)
			}
			if n != 0 {
				t.Errorf("%s %s: %v allocations, want 0", c.op, side, n)
			}
		}
	}
	withSchema := &CreateDatasetRequest{ClientToken: "t", DatasetName: "d",
		DatasetSchema: &DatasetSchema{InlineDataSchema: tcSchemaDoc}}
	var err error
	got := testing.AllocsPerRun(100, func() { err = withSchema.Validate() })
	if err != nil {
		t.Fatal(err)
	}
	parse := testing.AllocsPerRun(100, func() { _, _ = ParseDataSchema(tcSchemaDoc) })
	if got != parse {
		t.Errorf("CreateDataset with a schema: %v allocations, ParseDataSchema alone %v", got, parse)
	}
}
