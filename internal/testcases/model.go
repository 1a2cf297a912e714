package testcases

import (
	"reflect"
	"strings"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// Samples holds a typical valid value of each kind of the model that has
// no enum, by the kind's name: what the cases of every operation set each
// member to.
var Samples = map[string]any{
	"IdempotenceToken": Token,
	"DatasetName":      "pumps", "DatasetIdentifier": "pumps", "ModelName": "pump-model_3",
	"InferenceSchedulerName": "pump-hourly", "InferenceSchedulerIdentifier": "pump-hourly", "LabelGroupName": "pump-faults",
	"IamRoleArn": RoleArn, "DatasetArn": DatasetArn,
	"ModelArn":              "arn:aws:lookoutequipment:us-east-1:123456789012:model/pump-model_3/8f0e1d2c-3b4a",
	"InferenceSchedulerArn": "arn:aws:lookoutequipment:us-east-1:123456789012:inference-scheduler/pump-hourly/0a1b2c3d",
	"LabelGroupArn":         "arn:aws:lookoutequipment:us-east-1:123456789012:label-group/pump-faults/4e5f6a7b",
	"ResourceArn":           "arn:aws:lookoutequipment:us-east-1:123456789012:model/pump-model_3/8f0e1d2c-3b4a",
	"AmazonResourceArn":     "arn:aws:lookoutequipment:us-east-1:123456789012:dataset/pumps/8f0e1d2c",
	"ModelVersionArn":       "arn:aws:lookoutequipment:us-east-1:123456789012:model/pump-model_3/8f0e1d2c-3b4a/model-version/3",
	"S3Bucket":              "sensor-data", "S3Prefix": "plant-1/", "S3Key": "plant-1/pump.csv",
	"KeyPattern":     lookout.KeyPatternSlash,
	"IngestionJobId": JobID, "LabelId": "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "NextToken": "page-2",
	"ComponentName": "pump-1", "SensorName": "temp", "KmsKeyArn": KmsKeyArn, "NameOrArn": "alias/lookout",
	"TagKey": "site", "TagValue": "plant 1",
	"BoundedLengthString": "no data", "Comments": "seal replaced", "Equipment": "pump-7", "FaultCode": "seal-leak",
	"InlineDataSchema": Schema, "ModelMetrics": `{"labeled_ranges":[]}`, "OffCondition": `pump-1\temp < 10`,
	"AutoPromotionResultReason": "more labelled ranges found",
	"Policy":                    `{"Version":"2012-10-17","Statement":[]}`, "PolicyRevisionId": "0123abcd",
	"RetrainingFrequency": "P1M", "LookbackWindow": "P360D", "FileNameTimestampFormat": "yyyyMMddHHmmss",
	"ComponentTimestampDelimiter": "_", "TimeZoneOffset": "+05:30",
	"MaxResults": int64(50), "DataDelayOffsetInMinutes": int64(5), "ModelVersion": int64(3), "DataSizeInBytes": int64(1 << 20),
	"EventDurationInSeconds": int64(300), "Integer": int64(7),
	"Float": 0.5, "Boolean": true, "Timestamp": lookout.UnixTimestamp(1700000000, 123000000),
}

// Breaking holds a value of each string kind (by name) that breaks it, and
// of each integer kind, one out of its range.
var Breaking = map[string]any{
	"MaxResults": int64(501), "DataDelayOffsetInMinutes": int64(61), "ModelVersion": int64(0), "DataSizeInBytes": int64(-1),
	"EventDurationInSeconds": int64(-1),
}

// breakString is a value that breaks every string kind of the model: too
// long for each, a line terminator and a byte of invalid UTF-8.
var breakString = strings.Repeat("x", 1000001) + "\n\xff"

// modelCases returns, for every operation of lookout.Service, a case of its
// request and of its response with every member set (valid), with none
// (valid unless a member is required), and with every member broken.
func modelCases() []OpCase {
	var out []OpCase
	st := reflect.TypeFor[lookout.Service]()
	for i := range st.NumField() {
		op, ft := st.Field(i).Name, st.Field(i).Type
		for _, side := range []struct {
			typ      reflect.Type
			response bool
		}{{ft.In(1), false}, {ft.Out(0), true}} {
			typ, response := side.typ, side.response
			name := typ.Elem().Name()
			required := false
			for _, r := range lookout.Rules() {
				if r.Operation == op && r.Response == response && r.Required && !strings.Contains(r.Path, ".") {
					required = true
				}
			}
			out = append(out,
				OpCase{Name: name + "/every member", Valid: true,
					Value: func() Validated { return Filled(op, response, typ, false) }},
				OpCase{Name: name + "/no member", Valid: !required,
					Value: func() Validated { return reflect.New(typ.Elem()).Interface().(Validated) }})
			if hasConstrained(op, response) {
				out = append(out, OpCase{Name: name + "/every member broken", Valid: false,
					Value: func() Validated { return Filled(op, response, typ, true) }})
			}
		}
	}
	return out
}

// hasConstrained reports whether a member of op's request (or response)
// has a kind with a constraint.
func hasConstrained(op string, response bool) bool {
	for _, r := range lookout.Rules() {
		if r.Operation == op && r.Response == response && (r.Type == lookout.TypeString ||
			(r.Type == lookout.TypeInteger || r.Type == lookout.TypeLong) && (r.HasMinValue || r.HasMaxValue)) {
			return true
		}
	}
	return false
}

// Filled returns a new value of typ (a pointer to op's request or
// response) with every member of the model set, each structure present,
// each list of one element: to its kind's sample, or with broken to a
// value that breaks it (a string too long, with a line terminator and
// invalid UTF-8; an integer out of its range).
func Filled(op string, response bool, typ reflect.Type, broken bool) Validated {
	v := reflect.New(typ.Elem())
	for _, r := range lookout.Rules() {
		if r.Operation != op || r.Response != response {
			continue
		}
		f := reach(v.Elem(), r.Path)
		switch r.Type {
		case lookout.TypeStructure, lookout.TypeList:
			continue // made on the way to their members
		}
		var sample any
		switch {
		case broken && r.Type == lookout.TypeString:
			sample = breakString
		case broken && Breaking[r.Name] != nil:
			sample = Breaking[r.Name]
		case Samples[r.Name] != nil:
			sample = Samples[r.Name]
		case r.Enum != nil:
			sample = r.Enum[0]
		default:
			panic("testcases: no sample of " + r.Name)
		}
		set(f, reflect.ValueOf(sample))
	}
	return v.Interface().(Validated)
}

// set sets f, a field or an element, to sv converted to f's type (through
// a new pointer for a pointer field).
func set(f, sv reflect.Value) {
	if f.Kind() == reflect.Pointer {
		p := reflect.New(f.Type().Elem())
		p.Elem().Set(sv.Convert(f.Type().Elem()))
		f.Set(p)
		return
	}
	f.Set(sv.Convert(f.Type()))
}

// reach returns the field at wire path (list elements as "member": the
// first one) of the structure v, making structures and elements on the
// way.
func reach(v reflect.Value, path string) reflect.Value {
	for _, seg := range strings.Split(path, ".") {
		for v.Kind() == reflect.Pointer && v.Type() != reflect.TypeFor[*lookout.Timestamp]() {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		if seg == "member" {
			if v.Len() == 0 {
				v.Set(reflect.MakeSlice(v.Type(), 1, 1))
			}
			v = v.Index(0)
			continue
		}
		v = v.FieldByName(seg)
		if !v.IsValid() {
			panic("testcases: no member " + seg + " on the way to " + path)
		}
	}
	return v
}

func init() {
	have := map[string]bool{}
	for _, c := range Operations {
		have[strings.SplitN(c.Name, "/", 2)[0]] = true
	}
	for _, c := range modelCases() {
		if !have[strings.SplitN(c.Name, "/", 2)[0]] {
			Operations = append(Operations, c)
		}
	}
}
