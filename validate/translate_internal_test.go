package validate

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// validatorOneOf splits a oneof parameter the way validator/v10 does, with
// its regular expression.
var splitParams = regexp.MustCompile(`'[^']*'|\S+`)

func validatorOneOf(param string) []string {
	vals := splitParams.FindAllString(param, -1)
	for i := range vals {
		vals[i] = strings.ReplaceAll(vals[i], "'", "")
	}
	return vals
}

// TestOneOfValues compares oneOfValues with validator/v10's splitting on
// every parameter of up to 6 characters drawn from the characters that
// matter, and on a few longer ones.
func TestOneOfValues(t *testing.T) {
	t.Parallel()
	const alphabet = "a' \t\f\v"
	var params []string
	var build func(prefix string, n int)
	build = func(prefix string, n int) {
		params = append(params, prefix)
		if n == 0 {
			return
		}
		for i := 0; i < len(alphabet); i++ {
			build(prefix+alphabet[i:i+1], n-1)
		}
	}
	build("", 6)
	params = append(params, "red 'dark blue' green", "a'b c'd", "'unclosed value", "é 'ü ö'", "x\xff y", "\n1\r2\n")
	for _, p := range params {
		want := validatorOneOf(p)
		if len(want) == 0 {
			want = nil
		}
		if !assert.Equal(t, want, oneOfValues(p), "%q", p) {
			return
		}
	}
}
