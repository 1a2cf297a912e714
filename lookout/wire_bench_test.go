package lookout_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

var (
	wireSinkRequest *lookout.StartDataIngestionJobRequest
	wireSinkErr     error
)

// wireBenchBodies are the bodies the decoding benchmarks read: the typical
// request, and one with every member at its longest valid length.
func wireBenchBodies(b *testing.B) []struct{ name, body string } {
	const arn = "arn:aws:iam::123456789012:role/"
	longest := &lookout.StartDataIngestionJobRequest{
		ClientToken: strings.Repeat("t", 256),
		DatasetName: strings.Repeat("d", 200),
		IngestionInputConfiguration: &lookout.IngestionInputConfiguration{
			S3InputConfiguration: &lookout.IngestionS3InputConfiguration{
				Bucket:     strings.Repeat("b", 63),
				KeyPattern: lookout.KeyPatternSlash,
				Prefix:     new(string),
			},
		},
		RoleArn: arn + strings.Repeat("r", 2048-len(arn)),
	}
	*longest.IngestionInputConfiguration.S3InputConfiguration.Prefix = strings.Repeat("p", 1023) + "/"
	if err := longest.Validate(); err != nil {
		b.Fatal(err)
	}
	body, err := json.Marshal(longest)
	if err != nil {
		b.Fatal(err)
	}
	return []struct{ name, body string }{{"typical", wireTypicalBody}, {"longest", string(body)}}
}

// BenchmarkDecodeRequest compares the strict decoder, alone and followed by
// Validate, with encoding/json's Unmarshal of the same bytes into the same
// type.
func BenchmarkDecodeRequest(b *testing.B) {
	for _, c := range wireBenchBodies(b) {
		data := []byte(c.body)
		b.Run(c.name+"/json.Unmarshal", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var r lookout.StartDataIngestionJobRequest
				wireSinkErr = json.Unmarshal(data, &r)
				wireSinkRequest = &r
			}
		})
		b.Run(c.name+"/DecodeRequest", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				wireSinkRequest, wireSinkErr = wireDecodeStart(data)
			}
		})
		b.Run(c.name+"/DecodeRequest+Validate", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				wireSinkRequest, wireSinkErr = wireDecodeStart(data)
				wireSinkErr = wireSinkRequest.Validate()
			}
		})
	}
}

// BenchmarkReadRequest reads a whole HTTP request: route, body and decoding.
func BenchmarkReadRequest(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		wireSinkRequest, wireSinkErr = wireReadStart(wireRequest(wireTypicalBody))
	}
}

// BenchmarkWriteError writes a ValidationException.
func BenchmarkWriteError(b *testing.B) {
	err := &lookout.ValidationException{Message: "1 validation error detected: Value null at 'clientToken' " +
		"failed to satisfy constraint: Member must not be null"}
	b.ReportAllocs()
	for b.Loop() {
		lookout.WriteError(httptest.NewRecorder(), err)
	}
}
