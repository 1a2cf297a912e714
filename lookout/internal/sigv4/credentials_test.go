package sigv4_test

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/internal/sigv4"
)

func TestParseCredentialsFile(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		file string
		want map[string]string
	}{
		"empty": {"", map[string]string{}},
		"one profile": {"[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n",
			map[string]string{"AKIDEXAMPLE": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}},
		"every profile, comments, spaces, CRLF, BOM, colon, case": {"\ufeff# the team's keys\r\n" +
			"[default]\r\n" +
			"aws_access_key_id=AKID1\r\n" +
			"aws_secret_access_key   =   secret1   \r\n" +
			"aws_session_token = FQoG//token\r\n" +
			"\r\n" +
			"  ; an indented comment\r\n" +
			"[ ci ]\n" +
			"AWS_ACCESS_KEY_ID: AKID2\n" +
			"Aws_Secret_Access_Key : sec=ret+2/\n" +
			"region = eu-west-1\n" +
			"[profile sso]\n" +
			"sso_start_url = https://example.awsapps.com/start\n" +
			"s3 =\n" +
			"  max_concurrent_requests = 20\n",
			map[string]string{"AKID1": "secret1", "AKID2": "sec=ret+2/"}},
		"same key twice with the same secret": {"[a]\naws_access_key_id = K\naws_secret_access_key = S\n[b]\naws_access_key_id = K\naws_secret_access_key = S\n",
			map[string]string{"K": "S"}},
		"no final newline": {"[a]\naws_access_key_id = K\naws_secret_access_key = S", map[string]string{"K": "S"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := sigv4.ParseCredentialsFile(strings.NewReader(tc.file))
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParseCredentialsFileErrors(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		file   string
		line   int
		reason string
	}{
		"only the key id":       {"[a]\naws_access_key_id = K\n", 2, "profile [a] has aws_access_key_id but no aws_secret_access_key"},
		"only the secret":       {"[a]\n\naws_secret_access_key = S\n[b]\n", 3, "profile [a] has aws_secret_access_key but no aws_access_key_id"},
		"property before any":   {"aws_access_key_id = K\n[a]\n", 1, `property "aws_access_key_id" outside any [profile] section`},
		"no equal sign":         {"[a]\naws_access_key_id K\n", 2, `expected a [section], a key = value line or a comment, got "aws_access_key_id K"`},
		"unclosed section":      {"[a]\n[b\n", 2, `a section header must end with ']': "[b"`},
		"empty section name":    {"[ ]\n", 1, "a section without a name"},
		"section twice":         {"[a]\n[b]\n[a]\n", 3, "section [a] given again (first on line 1)"},
		"key twice":             {"[a]\naws_access_key_id = K\nAWS_ACCESS_KEY_ID = L\n", 3, "key aws_access_key_id given again in [a] (first on line 2)"},
		"empty key":             {"[a]\n= v\n", 2, "a property without a key"},
		"empty key id":          {"[a]\naws_access_key_id =\naws_secret_access_key = S\n", 2, `aws_access_key_id "" must be non-empty, without white space, control characters, '/', ',' or '='`},
		"slash in key id":       {"[a]\naws_access_key_id = A/B\n", 2, `aws_access_key_id "A/B" must be non-empty, without white space, control characters, '/', ',' or '='`},
		"empty secret":          {"[a]\naws_access_key_id = K\naws_secret_access_key =\n", 3, "aws_secret_access_key must be non-empty, without white space or control characters"},
		"inline comment":        {"[a]\naws_access_key_id = K\naws_secret_access_key = S # mine\n", 3, "aws_secret_access_key must be non-empty, without white space or control characters"},
		"secret continued":      {"[a]\naws_secret_access_key = S\n  more\n", 3, "aws_secret_access_key continues on an indented line"},
		"indented line alone":   {"[a]\n  x = y\n", 2, "an indented line that continues no property"},
		"one key two secrets":   {"[a]\naws_access_key_id = K\naws_secret_access_key = S\n[b]\naws_access_key_id = K\naws_secret_access_key = T\n", 6, "access key id K given another secret on line 3"},
		"control char in value": {"[a]\naws_access_key_id = K\naws_secret_access_key = S\x00\n", 3, "aws_secret_access_key must be non-empty, without white space or control characters"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := sigv4.ParseCredentialsFile(strings.NewReader(tc.file))
			assert.Nil(t, got)
			var e *sigv4.CredentialsFileError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tc.line, e.Line)
			assert.Equal(t, tc.reason, e.Reason)
			assert.Equal(t, fmt.Sprintf("credentials file, line %d: %s", tc.line, tc.reason), e.Error())
		})
	}
}

func TestParseCredentialsFileReadErrors(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	_, err := sigv4.ParseCredentialsFile(iotest.ErrReader(boom))
	assert.ErrorIs(t, err, boom)
	var e *sigv4.CredentialsFileError
	require.ErrorAs(t, err, &e)
	assert.Zero(t, e.Line)
	assert.Equal(t, "credentials file: reading: boom", e.Error())

	_, err = sigv4.ParseCredentialsFile(io.LimitReader(neverEnding('#'), sigv4.MaxCredentialsFileBytes+1))
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "credentials file: longer than 1048576 bytes", e.Error())
}

type neverEnding byte

func (b neverEnding) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

// FuzzParseCredentialsFile checks that any input gives a map or a
// *CredentialsFileError, never a panic, and that what is let in reads back
// the same when written out as a credentials file.
func FuzzParseCredentialsFile(f *testing.F) {
	f.Add("[default]\naws_access_key_id = AKID\naws_secret_access_key = s/e+c=r\n")
	f.Add("\ufeff[a]\r\nAWS_ACCESS_KEY_ID: K\r\n  ; c\r\naws_secret_access_key=S\r\n[b]\ns3 =\n  x = 1\n")
	f.Add("[a]\naws_access_key_id = K\n[a]\n")
	f.Fuzz(func(t *testing.T, file string) {
		got, err := sigv4.ParseCredentialsFile(strings.NewReader(file))
		if err != nil {
			var e *sigv4.CredentialsFileError
			require.ErrorAs(t, err, &e)
			require.Nil(t, got)
			return
		}
		var b strings.Builder
		for i, id := range slices.Sorted(maps.Keys(got)) {
			fmt.Fprintf(&b, "[p%d]\naws_access_key_id = %s\naws_secret_access_key = %s\n", i, id, got[id])
		}
		again, err := sigv4.ParseCredentialsFile(strings.NewReader(b.String()))
		require.NoError(t, err)
		require.Equal(t, got, again)
		if len(got) > 0 {
			_, err := sigv4.New(got, "us-east-1")
			require.NoError(t, err, "every credential let in is one a Verifier accepts")
		}
	})
}
