package lookout

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// The benchmarks' requests: a typical valid one, one whose every member is
// at its longest valid length, and one whose every member is invalid.
func benchTypical() *StartDataIngestionJobRequest {
	prefix, kp := "plant-1/pumps/", KeyPatternSlash
	return &StartDataIngestionJobRequest{
		ClientToken: "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
		DatasetName: "pump-station_7",
		IngestionInputConfiguration: &IngestionInputConfiguration{S3InputConfiguration: &IngestionS3InputConfiguration{
			Bucket: "sensor-data.example", Prefix: &prefix, KeyPattern: kp,
		}},
		RoleArn: "arn:aws:iam::123456789012:role/service-role/LookoutEquipmentIngestion",
	}
}

// benchMaxLength has every member at its maximum length: a 256-character
// ClientToken, a 200-character DatasetName, a 63-character Bucket, a
// 1024-character Prefix and a 2048-character RoleArn. KeyPattern is the
// longest documented value: a longer one cannot be valid.
func benchMaxLength() *StartDataIngestionJobRequest {
	prefix, kp := strings.Repeat("p", 1023)+"/", KeyPatternSlash
	const arn = "arn:aws:iam::123456789012:role/"
	return &StartDataIngestionJobRequest{
		ClientToken: strings.Repeat("t", 256),
		DatasetName: strings.Repeat("d", 200),
		IngestionInputConfiguration: &IngestionInputConfiguration{S3InputConfiguration: &IngestionS3InputConfiguration{
			Bucket: strings.Repeat("b", 63), Prefix: &prefix, KeyPattern: kp,
		}},
		RoleArn: arn + strings.Repeat("r", 2048-len(arn)),
	}
}

func benchAllInvalid() *StartDataIngestionJobRequest {
	prefix, kp := "no-slash", "{prefix}/*"
	return &StartDataIngestionJobRequest{
		ClientToken: "tökén",
		DatasetName: "pump station #7",
		IngestionInputConfiguration: &IngestionInputConfiguration{S3InputConfiguration: &IngestionS3InputConfiguration{
			Bucket: "Sensor_Data", Prefix: &prefix, KeyPattern: kp,
		}},
		RoleArn: "arn:aws:s3:::sensor-data",
	}
}

var benchRequests = []struct {
	name string
	req  *StartDataIngestionJobRequest
}{
	{"typical", benchTypical()},
	{"maxlength", benchMaxLength()},
	{"allinvalid", benchAllInvalid()},
}

var sinkErr error

func BenchmarkValidate(b *testing.B) {
	for _, bc := range benchRequests {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(requestBytes(bc.req)))
			b.ReportAllocs()
			for b.Loop() {
				sinkErr = bc.req.Validate()
			}
		})
	}
}

// requestBytes is the number of bytes of the request's string members: the
// bytes a check has to read.
func requestBytes(r *StartDataIngestionJobRequest) int {
	s3 := r.IngestionInputConfiguration.S3InputConfiguration
	return len(r.ClientToken) + len(r.DatasetName) + len(s3.Bucket) + len(deref(s3.Prefix)) + len(s3.KeyPattern) + len(r.RoleArn)
}

var sinkByte byte

// readBytes reads every byte of members once. It is a function of its own:
// inside a b.Loop body the compiler keeps every assignment alive, which
// would turn the loop into one store per byte.
//
//go:noinline
func readBytes(members []string) byte {
	var x byte
	for _, s := range members {
		for i := 0; i < len(s); i++ {
			x |= s[i]
		}
	}
	return x
}

// BenchmarkReadBytes is the floor: a loop that only reads every byte of the
// request's string members, to set the ns/byte of Validate beside.
func BenchmarkReadBytes(b *testing.B) {
	for _, bc := range benchRequests {
		b.Run(bc.name, func(b *testing.B) {
			r := bc.req
			s3 := r.IngestionInputConfiguration.S3InputConfiguration
			members := []string{r.ClientToken, r.DatasetName, s3.Bucket, deref(s3.Prefix), s3.KeyPattern, r.RoleArn}
			b.SetBytes(int64(requestBytes(r)))
			b.ReportAllocs()
			for b.Loop() {
				sinkByte = readBytes(members)
			}
		})
	}
}

// BenchmarkReference is the baseline a Go user would otherwise write: the
// service's patterns fed to regexp (the test-only oracle of
// reference_test.go, which has to work around what Go's regexp refuses),
// building the same violations and message.
func BenchmarkReference(b *testing.B) {
	for _, bc := range benchRequests {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(requestBytes(bc.req)))
			b.ReportAllocs()
			for b.Loop() {
				if fs := ReferenceValidate(bc.req); fs != nil {
					sinkErr = &ValidationException{Message: ReferenceMessage(fs), Fields: fs}
				}
			}
		})
	}
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// tcStringBytes is the number of bytes of the string members of the value
// v points to, at any depth: the bytes a check has to read.
func tcStringBytes(v reflect.Value) int {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return 0
		}
		return tcStringBytes(v.Elem())
	case reflect.String:
		return v.Len()
	case reflect.Struct:
		n := 0
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				n += tcStringBytes(v.Field(i))
			}
		}
		return n
	case reflect.Slice:
		n := 0
		for i := range v.Len() {
			n += tcStringBytes(v.Index(i))
		}
		return n
	}
	return 0
}

// BenchmarkValidateOperations runs Validate on the typical valid request
// and response of every operation (typical_test.go), StartDataIngestionJob's
// among them: SetBytes counts the bytes of their string members, so that
// the ns/byte of each compares with StartDataIngestionJob's in the same
// run.
func BenchmarkValidateOperations(b *testing.B) {
	for _, c := range tcTypicalAll() {
		for _, side := range []struct {
			name string
			v    tcValidator
		}{{"request", c.req}, {"response", c.resp}} {
			b.Run(c.op+"/"+side.name, func(b *testing.B) {
				b.SetBytes(int64(tcStringBytes(reflect.ValueOf(side.v))))
				b.ReportAllocs()
				for b.Loop() {
					sinkErr = side.v.Validate()
				}
			})
		}
	}
}

// BenchmarkValidatePerByteVsStart measures, for the typical request and
// response of each operation, Validate's cost per byte of string members
// beside StartDataIngestionJob's typical request's: each iteration times 256
// calls of each, in alternating order, so that a change of the machine's
// load weighs on both alike. It reports the medians over the iterations of
// both costs and of their ratio (x-start: 1 is Start's cost per byte, 2
// twice it).
func BenchmarkValidatePerByteVsStart(b *testing.B) {
	typical := tcTypicalAll()
	var start tcValidator
	for _, c := range typical {
		if c.op == "StartDataIngestionJob" {
			start = c.req
		}
	}
	startBytes := float64(tcStringBytes(reflect.ValueOf(start)))
	const round = 256
	timeRound := func(v tcValidator) float64 {
		t := time.Now()
		for range round {
			sinkErr = v.Validate()
		}
		return float64(time.Since(t).Nanoseconds()) / round
	}
	median := func(xs []float64) float64 {
		slices.Sort(xs)
		return xs[len(xs)/2]
	}
	for _, c := range typical {
		for _, side := range []struct {
			name string
			v    tcValidator
		}{{"request", c.req}, {"response", c.resp}} {
			bytes := float64(tcStringBytes(reflect.ValueOf(side.v)))
			if bytes == 0 {
				continue // DeleteDataset's response has no member
			}
			b.Run(c.op+"/"+side.name, func(b *testing.B) {
				b.ReportAllocs()
				var own, base, ratio []float64
				for b.Loop() {
					var o, s float64
					if len(own)%2 == 0 {
						o, s = timeRound(side.v), timeRound(start)
					} else {
						s, o = timeRound(start), timeRound(side.v)
					}
					own = append(own, o/bytes)
					base = append(base, s/startBytes)
					ratio = append(ratio, (o/bytes)/(s/startBytes))
				}
				b.ReportMetric(median(own), "ns/B")
				b.ReportMetric(median(base), "start-ns/B")
				b.ReportMetric(median(ratio), "x-start")
			})
		}
	}
}

// tcGroups names a typical operation of each group of the service's
// operations, whose request BenchmarkValidateGroups measures.
var tcGroups = []struct{ group, op string }{
	{"datasets", "StartDataIngestionJob"}, {"models", "CreateModel"}, {"model-versions", "ImportModelVersion"},
	{"inference", "CreateInferenceScheduler"}, {"inference-results", "ListInferenceExecutions"},
	{"labels", "CreateLabel"}, {"retraining", "CreateRetrainingScheduler"}, {"policies", "PutResourcePolicy"},
	{"tags", "TagResource"},
}

// tcRefMember is one string member of a request for tcRefValidate: the
// path of its field, and its kind's reference.
type tcRefMember struct {
	index []int
	ref   *refMember
}

// tcRefMembers returns the string members of op's request that have a
// reference, each with the path of its field in typ (a struct type); -1
// in a path is a list's first element (the typical requests hold one).
func tcRefMembers(op string, typ reflect.Type) []tcRefMember {
	refs := map[string]*refMember{}
	for _, cf := range tcCheckFuncs {
		refs[cf.kind] = cf.ref
	}
	var out []tcRefMember
	for _, m := range refModelMembers {
		if m.op != op || m.response || refs[m.shape] == nil {
			continue
		}
		var index []int
		t := typ
		for _, seg := range strings.Split(m.path, ".") {
			if seg == "member" {
				index = append(index, -1)
				t = t.Elem()
				continue
			}
			f, _ := t.FieldByName(seg)
			index = append(index, f.Index[0])
			t = f.Type
			if t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
		}
		out = append(out, tcRefMember{index, refs[m.shape]})
	}
	return out
}

// tcRefValidate is the full-regexp reference of Validate on a request whose
// string members are all present: one regexp match (and the lengths) per
// member, as the reference of StartDataIngestionJob does. Reaching a field
// by reflection costs a little of its time.
func tcRefValidate(v reflect.Value, members []tcRefMember) int {
	n := 0
	for _, m := range members {
		f := v
		for _, i := range m.index {
			for f.Kind() == reflect.Pointer {
				f = f.Elem()
			}
			if i < 0 {
				f = f.Index(0)
				continue
			}
			f = f.Field(i)
		}
		if f.Kind() == reflect.Pointer {
			f = f.Elem()
		} else if f.String() == "" {
			continue // absent
		}
		n += len(m.ref.violations(f.String(), true))
	}
	return n
}

// BenchmarkValidateGroups measures Validate on the typical request of an
// operation of each group beside the full-regexp reference of the same
// request, in alternating rounds of 64 calls each (so that the machine's
// load weighs on both alike), and reports the medians and their ratio
// (x-ref: how many times faster Validate is).
func BenchmarkValidateGroups(b *testing.B) {
	typical := map[string]tcValidator{}
	for _, c := range tcTypicalAll() {
		// A schema document's check is ParseDataSchema's, measured by
		// BenchmarkParseDataSchema: the requests here are without one.
		tcWithoutSchema(reflect.ValueOf(c.req))
		typical[c.op] = c.req
	}
	const round = 64
	median := func(xs []float64) float64 {
		slices.Sort(xs)
		return xs[len(xs)/2]
	}
	for _, g := range tcGroups {
		v := typical[g.op]
		rv := reflect.ValueOf(v)
		members := tcRefMembers(g.op, rv.Elem().Type())
		if v.Validate() != nil || tcRefValidate(rv, members) != 0 {
			b.Fatalf("%s: the typical request is not valid", g.op)
		}
		b.Run(g.group+"/"+g.op, func(b *testing.B) {
			b.ReportAllocs()
			var own, ref []float64
			for b.Loop() {
				t := time.Now()
				for range round {
					sinkErr = v.Validate()
				}
				o := float64(time.Since(t).Nanoseconds()) / round
				t = time.Now()
				for range round {
					sinkInt = tcRefValidate(rv, members)
				}
				r := float64(time.Since(t).Nanoseconds()) / round
				own, ref = append(own, o), append(ref, r)
			}
			b.ReportMetric(median(own), "validate-ns")
			b.ReportMetric(median(ref), "ref-ns")
			b.ReportMetric(median(ref)/median(own), "x-ref")
			b.ReportMetric(float64(len(members)), "members")
		})
	}
}

var sinkInt int
