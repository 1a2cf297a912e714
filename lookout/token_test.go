package lookout_test

import (
	"regexp"
	"testing"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// uuidV4 is the canonical form of a version 4, RFC 9562 variant UUID, in
// lower case.
var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestNewClientToken(t *testing.T) {
	seen := map[string]bool{}
	// Over many tokens each random bit takes both values: the version and
	// variant bits are the only fixed ones.
	var or, and [36]byte
	for i := range and {
		and[i] = 0xFF
	}
	for i := 0; i < 2000; i++ {
		tok := lookout.NewClientToken()
		if len(tok) != 36 {
			t.Fatalf("token %q has %d characters", tok, len(tok))
		}
		if !uuidV4.MatchString(tok) {
			t.Fatalf("token %q is not a lowercase version 4 UUID", tok)
		}
		if err := lookout.CheckClientToken(tok); err != nil {
			t.Fatalf("CheckClientToken(%q): %v", tok, err)
		}
		if seen[tok] {
			t.Fatalf("token %q twice", tok)
		}
		seen[tok] = true
		for j := 0; j < 36; j++ {
			or[j] |= tok[j]
			and[j] &= tok[j]
		}
	}
	for j := 0; j < 36; j++ {
		switch j {
		case 8, 13, 18, 23, 14: // hyphens and the version digit
			continue
		}
		if or[j] == and[j] {
			t.Errorf("character %d of the token never changes (%q)", j, or[j])
		}
	}
}

func TestEnsureClientToken(t *testing.T) {
	var r lookout.StartDataIngestionJobRequest
	tok := r.EnsureClientToken()
	if !uuidV4.MatchString(tok) || r.ClientToken != tok {
		t.Errorf("empty token: EnsureClientToken() = %q, ClientToken = %q", tok, r.ClientToken)
	}
	if again := r.EnsureClientToken(); again != tok {
		t.Errorf("second call = %q, want %q kept", again, tok)
	}
	r.ClientToken = "my-token"
	if got := r.EnsureClientToken(); got != "my-token" || r.ClientToken != "my-token" {
		t.Errorf("set token: EnsureClientToken() = %q, ClientToken = %q", got, r.ClientToken)
	}
	// A bad token is kept: Validate reports it.
	r.ClientToken = "\xff"
	if got := r.EnsureClientToken(); got != "\xff" {
		t.Errorf("bad token replaced by %q", got)
	}
	var nilRequest *lookout.StartDataIngestionJobRequest
	if got := nilRequest.EnsureClientToken(); got != "" {
		t.Errorf("nil request: EnsureClientToken() = %q", got)
	}
}
