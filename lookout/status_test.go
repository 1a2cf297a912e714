package lookout_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

func TestIngestionJobStatusValues(t *testing.T) {
	want := []lookout.IngestionJobStatus{"IN_PROGRESS", "SUCCESS", "FAILED", "IMPORT_IN_PROGRESS"}
	var s lookout.IngestionJobStatus
	vs := s.Values()
	if !reflect.DeepEqual(vs, want) {
		t.Fatalf("Values() = %q, want %q", vs, want)
	}
	vs[0] = "CHANGED"
	if again := lookout.IngestionJobStatusSuccess.Values(); !reflect.DeepEqual(again, want) {
		t.Errorf("Values() after changing a previous result = %q", again)
	}
	if a, b := s.Values(), s.Values(); &a[0] == &b[0] {
		t.Error("Values() returns the same slice twice")
	}
	consts := []lookout.IngestionJobStatus{lookout.IngestionJobStatusInProgress, lookout.IngestionJobStatusSuccess,
		lookout.IngestionJobStatusFailed, lookout.IngestionJobStatusImportInProgress}
	if !reflect.DeepEqual(consts, want) {
		t.Errorf("constants = %q", consts)
	}
}

func TestIngestionJobStatusPredicates(t *testing.T) {
	cases := []struct {
		s               lookout.IngestionJobStatus
		known, terminal bool
	}{
		{"IN_PROGRESS", true, false},
		{"SUCCESS", true, true},
		{"FAILED", true, true},
		{"IMPORT_IN_PROGRESS", true, false},
		{"", false, false},
		{"success", false, false},
		{"SUCCESS ", false, false},
		{"STOPPED", false, false},
		{"FAILED\xff", false, false},
	}
	for _, c := range cases {
		if got := c.s.IsKnown(); got != c.known {
			t.Errorf("%q.IsKnown() = %v", c.s, got)
		}
		if got := c.s.IsTerminal(); got != c.terminal {
			t.Errorf("%q.IsTerminal() = %v", c.s, got)
		}
		if c.s != "" && (lookout.CheckJobStatus(c.s) == nil) != c.known {
			t.Errorf("CheckJobStatus(%q) disagrees with IsKnown", c.s)
		}
	}
}

// A status this package does not know survives decoding and encoding, as
// in the AWS SDKs; Validate reports it.
func TestIngestionJobStatusJSON(t *testing.T) {
	var r lookout.StartDataIngestionJobResponse
	if err := json.Unmarshal([]byte(`{"JobId":"abc123","Status":"PAUSED_BY_A_NEWER_SERVICE"}`), &r); err != nil {
		t.Fatal(err)
	}
	if r.Status != "PAUSED_BY_A_NEWER_SERVICE" || r.Status.IsKnown() {
		t.Errorf("Status = %q", r.Status)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"JobId":"abc123","Status":"PAUSED_BY_A_NEWER_SERVICE"}` {
		t.Errorf("Marshal = %s", b)
	}
	if err := r.Validate(); err == nil {
		t.Error("Validate accepts an unknown status")
	}
	// A client must accept {}.
	var empty lookout.StartDataIngestionJobResponse
	if err := json.Unmarshal([]byte(`{}`), &empty); err != nil || empty != (lookout.StartDataIngestionJobResponse{}) {
		t.Errorf("{}: %v %+v", err, empty)
	}
	if err := empty.Validate(); err != nil {
		t.Errorf("{}: Validate: %v", err)
	}
	if b, _ := json.Marshal(empty); string(b) != `{}` {
		t.Errorf("empty response marshals to %s", b)
	}
	for _, s := range lookout.IngestionJobStatus("").Values() {
		var back lookout.IngestionJobStatus
		b, _ := json.Marshal(s)
		if err := json.Unmarshal(b, &back); err != nil || back != s {
			t.Errorf("round trip of %q: %q %v", s, back, err)
		}
	}
}
