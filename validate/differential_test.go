package validate_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/internal/testcases"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/validate"
)

// requireSameVerdict fails unless Struct's error (got) and Validate's
// (want) agree: both nil, or both a *lookout.ValidationException with the
// same Fields (paths, constraints, limits, patterns, enums and values, in
// the same order) and the same Message.
func requireSameVerdict(t testing.TB, want, got error) {
	t.Helper()
	if want == nil {
		require.NoError(t, got)
		return
	}
	var wantVE, gotVE *lookout.ValidationException
	require.ErrorAs(t, want, &wantVE)
	require.ErrorAs(t, got, &gotVE, "Struct: %v", got)
	require.Equal(t, wantVE.Fields, gotVE.Fields)
	require.Equal(t, wantVE.Message, gotVE.Message)
}

// TestDifferentialRequests checks every shared request case: Struct reports
// what Validate reports, and both what the case wants.
func TestDifferentialRequests(t *testing.T) {
	t.Parallel()
	require.NotEmpty(t, testcases.Requests)
	for _, c := range testcases.Requests {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			req := c.Request()
			if req == nil {
				// Validate reads a nil request as its absent
				// members; Struct, like validator/v10, refuses a
				// nil pointer as not a value to validate.
				var inv *validate.InvalidValueError
				require.ErrorAs(t, validate.Struct(req), &inv)
				return
			}
			want := req.Validate()
			got := validate.Struct(req)
			requireSameVerdict(t, want, got)

			// The struct by value gives the same answer.
			requireSameVerdict(t, want, validate.Struct(*req))

			if c.Want == nil {
				assert.NoError(t, got)
				return
			}
			var ve *lookout.ValidationException
			require.ErrorAs(t, got, &ve)
			assert.Equal(t, c.Want, ve.Fields)
			assert.Equal(t, c.Message, ve.Message)
		})
	}
}

// TestDifferentialResponses does the same for the response.
func TestDifferentialResponses(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name     string
		response lookout.StartDataIngestionJobResponse
		invalid  bool
	}{
		{"empty", lookout.StartDataIngestionJobResponse{}, false},
		{"valid", lookout.StartDataIngestionJobResponse{JobId: new("0123456789abcdefABCDEF0123456789"), Status: lookout.IngestionJobStatusSuccess}, false},
		{"job id only", lookout.StartDataIngestionJobResponse{JobId: new("deadbeef")}, false},
		{"status only", lookout.StartDataIngestionJobResponse{Status: lookout.IngestionJobStatusImportInProgress}, false},
		{"job id too long", lookout.StartDataIngestionJobResponse{JobId: new("0123456789abcdef0123456789abcdef0")}, true},
		{"job id not hexadecimal", lookout.StartDataIngestionJobResponse{JobId: new("job-1")}, true},
		{"job id not UTF-8", lookout.StartDataIngestionJobResponse{JobId: new("ab\xff")}, true},
		{"unknown status", lookout.StartDataIngestionJobResponse{Status: "CANCELLED"}, true},
		{"status in lower case", lookout.StartDataIngestionJobResponse{Status: "success"}, true},
		{"both invalid", lookout.StartDataIngestionJobResponse{JobId: new("xyz"), Status: "DONE"}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			want := c.response.Validate()
			require.Equal(t, c.invalid, want != nil, "the case's own expectation")
			requireSameVerdict(t, want, validate.Struct(&c.response))
		})
	}
}

// TestDifferentialEmbedded checks the request as a field of a user's
// struct: the same violations, under the field's JSON name.
func TestDifferentialEmbedded(t *testing.T) {
	t.Parallel()
	type job struct {
		Request *lookout.StartDataIngestionJobRequest `json:"request" validate:"required"`
	}
	for _, c := range testcases.Requests {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			req := c.Request()
			if req == nil {
				return
			}
			want := req.Validate()
			got := validate.Struct(job{Request: req})
			if want == nil {
				require.NoError(t, got)
				return
			}
			var wantVE, gotVE *lookout.ValidationException
			require.True(t, errors.As(want, &wantVE))
			require.ErrorAs(t, got, &gotVE)
			require.Len(t, gotVE.Fields, len(wantVE.Fields))
			for i := range wantVE.Fields {
				w := wantVE.Fields[i]
				w.Path = "request." + w.Path
				assert.Equal(t, w, gotVE.Fields[i])
			}
		})
	}
}

// TestDifferentialOperations checks the shared cases of every operation's
// request and response: Struct reports what Validate reports (Fields and
// Message), and both what the case says.
func TestDifferentialOperations(t *testing.T) {
	t.Parallel()
	seen := make(map[string]bool)
	for _, c := range testcases.Operations {
		seen[strings.SplitN(c.Name, "/", 2)[0]] = true
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			v := c.Value()
			want := v.Validate()
			require.Equal(t, c.Valid, want == nil, "the case's own expectation: %v", want)
			requireSameVerdict(t, want, validate.Struct(v))
		})
	}
	for op := range operationTypes(t) {
		assert.True(t, seen[op+"Request"], "no case of %sRequest", op)
		assert.True(t, seen[op+"Response"], "no case of %sResponse", op)
	}
}
