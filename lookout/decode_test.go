package lookout_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/internal/testcases"
	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// wireTypicalBody is testcases.Valid() as an AWS SDK sends it.
const wireTypicalBody = `{"ClientToken":"6ba7b810-9dad-41d1-80b4-00c04fd430c8","DatasetName":"pump-station_7",` +
	`"IngestionInputConfiguration":{"S3InputConfiguration":{"Bucket":"sensor-data.example",` +
	`"KeyPattern":"{prefix}/{component_name}/*","Prefix":"plant-1/pumps/"}},` +
	`"RoleArn":"arn:aws:iam::123456789012:role/service-role/LookoutEquipmentIngestion"}`

// wireS3Body returns a request body whose S3InputConfiguration is s3.
func wireS3Body(s3 string) string {
	return `{"IngestionInputConfiguration":{"S3InputConfiguration":` + s3 + `}}`
}

// wireS3Request returns the request that wireS3Body reads as.
func wireS3Request(s3 *lookout.IngestionS3InputConfiguration) *lookout.StartDataIngestionJobRequest {
	return &lookout.StartDataIngestionJobRequest{
		IngestionInputConfiguration: &lookout.IngestionInputConfiguration{S3InputConfiguration: s3},
	}
}

// requireWireAgreement checks what every accepted body must satisfy:
// encoding/json reads it to the same request, and json.Marshal of the
// request reads back to it.
func requireWireAgreement(t testing.TB, body []byte, got *lookout.StartDataIngestionJobRequest) {
	t.Helper()
	require.True(t, json.Valid(body), "DecodeRequest accepted invalid JSON %q", body)
	var std lookout.StartDataIngestionJobRequest
	require.NoError(t, json.Unmarshal(body, &std), "body %q", body)
	require.Equal(t, &std, got, "encoding/json reads %q differently", body)
	again, err := json.Marshal(got)
	require.NoError(t, err)
	back, err := wireDecodeStart(again)
	require.NoError(t, err, "re-encoded %s", again)
	require.Equal(t, got, back, "re-encoded %s", again)
}

func TestDecodeRequestAccepts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
		want *lookout.StartDataIngestionJobRequest
	}{
		{name: "typical", body: wireTypicalBody, want: testcases.Valid()},
		{
			name: "indented, members in another order",
			body: "{\n\t\"RoleArn\" : \"arn:aws:iam::123456789012:role/service-role/LookoutEquipmentIngestion\",\r\n" +
				"  \"IngestionInputConfiguration\": {\n    \"S3InputConfiguration\": {\n" +
				"      \"Prefix\": \"plant-1/pumps/\", \"Bucket\": \"sensor-data.example\",\n" +
				"      \"KeyPattern\": \"{prefix}/{component_name}/*\"\n    }\n  },\n" +
				"  \"DatasetName\": \"pump-station_7\",\n  \"ClientToken\": \"6ba7b810-9dad-41d1-80b4-00c04fd430c8\"\n}\n",
			want: testcases.Valid(),
		},
		{name: "empty object", body: `{}`, want: &lookout.StartDataIngestionJobRequest{}},
		{name: "whitespace around", body: " \t\r\n{ } \n", want: &lookout.StartDataIngestionJobRequest{}},
		{
			name: "null members are absent",
			body: `{"ClientToken":null,"DatasetName":null,"IngestionInputConfiguration":null,"RoleArn":null}`,
			want: &lookout.StartDataIngestionJobRequest{},
		},
		{
			name: "null S3InputConfiguration",
			body: `{"IngestionInputConfiguration":{"S3InputConfiguration":null}}`,
			want: &lookout.StartDataIngestionJobRequest{IngestionInputConfiguration: &lookout.IngestionInputConfiguration{}},
		},
		{
			name: "empty IngestionInputConfiguration",
			body: `{"IngestionInputConfiguration":{}}`,
			want: &lookout.StartDataIngestionJobRequest{IngestionInputConfiguration: &lookout.IngestionInputConfiguration{}},
		},
		{
			name: "null optional S3 members",
			body: wireS3Body(`{"Bucket":null,"KeyPattern":null,"Prefix":null}`),
			want: wireS3Request(&lookout.IngestionS3InputConfiguration{}),
		},
		{
			name: "empty strings are kept in pointers",
			body: wireS3Body(`{"Bucket":"","KeyPattern":"","Prefix":""}`),
			want: wireS3Request(&lookout.IngestionS3InputConfiguration{KeyPattern: "", Prefix: testcases.Ptr("")}),
		},
		{
			name: "escapes",
			body: `{"DatasetName":"\"\\\/\b\f\n\r\t\u0041\u00e9\u20AC\ud83d\ude00"}`,
			want: &lookout.StartDataIngestionJobRequest{DatasetName: "\"\\/\b\f\n\r\tAé€😀"},
		},
		{
			name: "escaped member names",
			body: `{"Client\u0054oken":"t","\u0044atasetName":"d"}`,
			want: &lookout.StartDataIngestionJobRequest{ClientToken: "t", DatasetName: "d"},
		},
		{
			name: "UTF-8 as is, U+FFFD and U+2028 included",
			body: "{\"RoleArn\":\"é€😀\uFFFD\u2028\"}",
			want: &lookout.StartDataIngestionJobRequest{RoleArn: "é€😀\uFFFD\u2028"},
		},
		{
			name: "escape after UTF-8",
			body: `{"RoleArn":"é\n"}`,
			want: &lookout.StartDataIngestionJobRequest{RoleArn: "é\n"},
		},
		{
			name: "a body of exactly the limit",
			body: `{"DatasetName":"d"}` + strings.Repeat(" ", lookout.MaxRequestBodyBytes-len(`{"DatasetName":"d"}`)),
			want: &lookout.StartDataIngestionJobRequest{DatasetName: "d"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := wireDecodeStart([]byte(tt.body))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			requireWireAgreement(t, []byte(tt.body), got)
		})
	}
}

// wireDecodeRefusal is a body DecodeRequest must refuse, and where.
type wireDecodeRefusal struct {
	name   string
	body   string
	offset int    // byte offset of the error
	path   string // DecodeError.Path
	reason string // a part of DecodeError.Reason
}

var wireDecodeRefusals = []wireDecodeRefusal{
	// The shape of the body.
	{name: "empty body", body: "", offset: 0, reason: "the body is empty"},
	{name: "whitespace only", body: " \n\t", offset: 3, reason: "only whitespace"},
	{name: "byte-order mark", body: "\uFEFF{}", offset: 0, reason: "byte-order mark"},
	{name: "top-level array", body: `[{}]`, offset: 0, reason: "expected a JSON object, found an array"},
	{name: "top-level null", body: `null`, offset: 0, reason: "expected a JSON object, found null"},
	{name: "top-level string", body: ` "{}"`, offset: 1, reason: "expected a JSON object, found a string"},
	{name: "top-level huge number", body: "1" + strings.Repeat("0", 50000), offset: 0, reason: "found a number"},
	{name: "top-level deep nesting", body: strings.Repeat("[", 60000), offset: 0, reason: "found an array"},
	{name: "trailing object", body: `{} {}`, offset: 3, reason: "unexpected data after the JSON object: an object"},
	{name: "trailing garbage", body: `{"DatasetName":"d"}x`, offset: 19, reason: "after the JSON object: the character 'x'"},
	{name: "trailing NUL", body: "{}\x00", offset: 2, reason: "the character U+0000"},

	// Member names.
	{name: "member name in another case", body: `{"datasetname":"d"}`, offset: 1, path: "datasetname",
		reason: "unknown member (member names are case-sensitive: did you mean DatasetName?)"},
	{name: "nested member name in another case", body: wireS3Body(`{"bucket":"b"}`), offset: 56,
		path: "IngestionInputConfiguration.S3InputConfiguration.bucket", reason: "did you mean Bucket?"},
	{name: "unknown member", body: `{"DatasetName":"d","Tags":[]}`, offset: 19, path: "Tags",
		reason: "unknown member; the members of this object are ClientToken, DatasetName, IngestionInputConfiguration, RoleArn"},
	{name: "unknown nested member", body: `{"IngestionInputConfiguration":{"S3":{}}}`, offset: 32,
		path: "IngestionInputConfiguration.S3", reason: "the members of this object are S3InputConfiguration"},
	{name: "member of another object", body: `{"Bucket":"b"}`, offset: 1, path: "Bucket", reason: "unknown member"},
	{name: "duplicate member", body: `{"DatasetName":"a","DatasetName":"b"}`, offset: 19, path: "DatasetName",
		reason: "duplicate member"},
	{name: "duplicate member after null", body: `{"DatasetName":null,"DatasetName":"b"}`, offset: 20, path: "DatasetName",
		reason: "duplicate member"},
	{name: "duplicate member spelled with an escape", body: `{"DatasetName":"a","Dataset\u004eame":"b"}`, offset: 19,
		path: "DatasetName", reason: "duplicate member"},
	{name: "duplicate structure", body: `{"IngestionInputConfiguration":{},"IngestionInputConfiguration":null}`, offset: 34,
		path: "IngestionInputConfiguration", reason: "duplicate member"},
	{name: "duplicate S3InputConfiguration", body: `{"IngestionInputConfiguration":{"S3InputConfiguration":{},"S3InputConfiguration":{}}}`,
		offset: 58, path: "IngestionInputConfiguration.S3InputConfiguration", reason: "duplicate member"},
	{name: "duplicate Prefix", body: wireS3Body(`{"Prefix":"a/","Bucket":"b","Prefix":"c/"}`), offset: 83,
		path: "IngestionInputConfiguration.S3InputConfiguration.Prefix", reason: "duplicate member"},

	// Types.
	{name: "number for a string", body: `{"DatasetName":1}`, offset: 15, path: "DatasetName",
		reason: "expected a string or null, found a number"},
	{name: "huge number for a string", body: `{"DatasetName":1e99999999999999999999}`, offset: 15, path: "DatasetName",
		reason: "found a number"},
	{name: "boolean for a string", body: `{"RoleArn":true}`, offset: 11, path: "RoleArn", reason: "found a boolean"},
	{name: "object for a string", body: wireS3Body(`{"Bucket":{}}`), offset: 65,
		path: "IngestionInputConfiguration.S3InputConfiguration.Bucket", reason: "expected a string or null, found an object"},
	{name: "deep nesting in a member", body: `{"ClientToken":` + strings.Repeat("[", 60000), offset: 15, path: "ClientToken",
		reason: "found an array"},
	{name: "string for an object", body: `{"IngestionInputConfiguration":"x"}`, offset: 31, path: "IngestionInputConfiguration",
		reason: "expected an object or null, found a string"},
	{name: "array for an object", body: `{"IngestionInputConfiguration":{"S3InputConfiguration":[]}}`, offset: 55,
		path: "IngestionInputConfiguration.S3InputConfiguration", reason: "expected an object or null, found an array"},
	{name: "null misspelt", body: `{"DatasetName":nul}`, offset: 15, path: "DatasetName", reason: "found the character 'n' (U+006E)"},
	{name: "NULL", body: `{"DatasetName":NULL}`, offset: 15, path: "DatasetName", reason: "found the character 'N'"},

	// Strings.
	{name: "invalid UTF-8", body: "{\"DatasetName\":\"a\xffb\"}", offset: 17, path: "DatasetName",
		reason: "invalid UTF-8 in a string: byte 0xFF"},
	{name: "invalid UTF-8 after an escape", body: "{\"DatasetName\":\"\\n\xc3\"}", offset: 18, path: "DatasetName",
		reason: "invalid UTF-8"},
	{name: "surrogate encoded in UTF-8", body: "{\"DatasetName\":\"\xed\xa0\x80\"}", offset: 16, path: "DatasetName",
		reason: "byte 0xED"},
	{name: "overlong UTF-8", body: "{\"DatasetName\":\"\xc0\xaf\"}", offset: 16, path: "DatasetName", reason: "byte 0xC0"},
	{name: "invalid UTF-8 in a member name", body: "{\"Dataset\xffName\":\"d\"}", offset: 9, reason: "invalid UTF-8"},
	{name: "invalid UTF-8 outside strings", body: "{\xff}", offset: 1, reason: "found invalid UTF-8 (byte 0xFF)"},
	{name: "lone high surrogate", body: `{"DatasetName":"\ud800"}`, offset: 16, path: "DatasetName",
		reason: `\ud800 is a high surrogate not followed by a \u escape of a low surrogate`},
	{name: "high surrogate and a character", body: `{"DatasetName":"\uD800\u0041"}`, offset: 16, path: "DatasetName",
		reason: "high surrogate"},
	{name: "two high surrogates", body: `{"DatasetName":"\ud800\ud800"}`, offset: 16, path: "DatasetName",
		reason: "high surrogate"},
	{name: "high surrogate at the end", body: `{"DatasetName":"\ud83d`, offset: 16, path: "DatasetName", reason: "high surrogate"},
	{name: "lone low surrogate", body: `{"DatasetName":"a\udc00"}`, offset: 17, path: "DatasetName",
		reason: `\udc00 is a lone low surrogate`},
	{name: "lone surrogate in a member name", body: `{"\ud800":1}`, offset: 2, reason: "high surrogate"},
	{name: "short \\u escape", body: `{"DatasetName":"\u12"}`, offset: 16, path: "DatasetName", reason: "four hexadecimal digits"},
	{name: "\\u escape not hexadecimal", body: `{"DatasetName":"\u12G4"}`, offset: 16, path: "DatasetName",
		reason: "four hexadecimal digits"},
	{name: "unknown escape", body: `{"DatasetName":"\x41"}`, offset: 16, path: "DatasetName",
		reason: "invalid escape: \\ followed by the character 'x'"},
	{name: "escape at the end", body: `{"DatasetName":"\`, offset: 17, path: "DatasetName", reason: "unexpected end of the body in a string"},
	{name: "raw tab in a string", body: "{\"DatasetName\":\"a\tb\"}", offset: 17, path: "DatasetName",
		reason: "control character U+0009 in a string"},
	{name: "raw newline after an escape", body: "{\"DatasetName\":\"\\t\n\"}", offset: 18, path: "DatasetName",
		reason: "control character U+000A"},
	{name: "unterminated string", body: `{"DatasetName":"abc`, offset: 19, path: "DatasetName",
		reason: "unexpected end of the body in a string"},

	// Punctuation.
	{name: "unterminated object", body: `{"DatasetName":"d"`, offset: 18, reason: "the object is not closed"},
	{name: "unterminated nested object", body: `{"IngestionInputConfiguration":{`, offset: 32,
		path: "IngestionInputConfiguration", reason: "the object is not closed"},
	{name: "missing colon", body: `{"DatasetName" "d"}`, offset: 15, path: "DatasetName", reason: "expected ':' after the member name, found a string"},
	{name: "missing value", body: `{"DatasetName":`, offset: 15, path: "DatasetName", reason: "the member has no value"},
	{name: "missing comma", body: `{"DatasetName":"d" "RoleArn":"r"}`, offset: 19, reason: "expected ',' or '}' after a member, found a string"},
	{name: "trailing comma", body: `{"DatasetName":"d",}`, offset: 19, reason: "expected a member name after ',', found the character '}'"},
	{name: "leading comma", body: `{,"DatasetName":"d"}`, offset: 1, reason: "expected a member name or '}', found the character ','"},
	{name: "single quotes", body: `{'DatasetName':'d'}`, offset: 1, reason: "found the character U+0027"},
	{name: "comment", body: `{/* x */}`, offset: 1, reason: "found the character '/'"},
	{name: "unquoted name", body: `{DatasetName:"d"}`, offset: 1, reason: "found the character 'D'"},
}

func TestDecodeRequestRefuses(t *testing.T) {
	t.Parallel()
	for _, tt := range wireDecodeRefusals {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := wireDecodeStart([]byte(tt.body))
			require.Error(t, err)
			assert.Nil(t, got)
			de := requireDecodeError(t, err)
			line, col := wirePosition(tt.body, tt.offset)
			assert.Equal(t, lookout.DecodeError{
				Offset: int64(tt.offset), Line: line, Column: col, Path: tt.path, Reason: de.Reason,
			}, *de)
			assert.Contains(t, de.Reason, tt.reason)
		})
	}
}

// requireDecodeError checks that err is a *SerializationException whose
// Message is its *DecodeError's, shows no character that could mislead a
// reader, and fits the service's bound; and returns the DecodeError.
func requireDecodeError(t testing.TB, err error) *lookout.DecodeError {
	t.Helper()
	var se *lookout.SerializationException
	require.ErrorAs(t, err, &se)
	var de *lookout.DecodeError
	require.ErrorAs(t, err, &de)
	require.Same(t, de, se.Err)
	require.Equal(t, de.Error(), se.Message)
	require.True(t, utf8.ValidString(se.Message), "message %q", se.Message)
	require.LessOrEqual(t, utf8.RuneCountInString(se.Message), 5000)
	for _, r := range se.Message {
		require.True(t, strconv.IsPrint(r), "message %q shows %U", se.Message, r)
	}
	return de
}

// wirePosition is the line and column of offset in body, computed the
// slow way.
func wirePosition(body string, offset int) (line, column int) {
	line, column = 1, 1
	for _, r := range body[:offset] {
		if r == '\n' {
			line, column = line+1, 1
		} else {
			column++
		}
	}
	return line, column
}

func TestDecodeErrorPosition(t *testing.T) {
	t.Parallel()
	body := "{\n  \"RoleArn\": \"é😀\",\n  \"DatasetName\": \"d\", \"Dataset\": 1\n}"
	_, err := wireDecodeStart([]byte(body))
	de := requireDecodeError(t, err)
	assert.Equal(t, int64(strings.Index(body, `"Dataset"`)), de.Offset)
	assert.Equal(t, 3, de.Line)
	assert.Equal(t, 23, de.Column, "columns count characters")
	assert.Equal(t, "Dataset", de.Path)
	assert.Equal(t, `line 3, column 23: member "Dataset": unknown member; the members of this object are `+
		`ClientToken, DatasetName, IngestionInputConfiguration, RoleArn`, de.Error())

	// Line and column of an error in a string whose line holds UTF-8.
	body = "{\"RoleArn\":\"é😀\x01\"}"
	_, err = wireDecodeStart([]byte(body))
	de = requireDecodeError(t, err)
	assert.Equal(t, lookout.DecodeError{Offset: 18, Line: 1, Column: 15, Path: "RoleArn",
		Reason: "control character U+0001 in a string: JSON requires it to be escaped"}, *de)
}

func TestDecodeErrorQuotesThePath(t *testing.T) {
	t.Parallel()
	key := "a\n\u202eb" + strings.Repeat("x", 1000)
	body, err := json.Marshal(map[string]int{key: 1})
	require.NoError(t, err)
	_, err = wireDecodeStart(body)
	de := requireDecodeError(t, err)
	assert.Equal(t, key, de.Path, "the path keeps the whole name")
	assert.True(t, strings.HasPrefix(de.Error(), `line 1, column 2: member "a\n\u202Eb`), de.Error())
	assert.Contains(t, de.Error(), `xxx"...: unknown member`)
	assert.Less(t, len(de.Error()), 500)
}

func TestDecodeRequestTooLarge(t *testing.T) {
	t.Parallel()
	body := `{"DatasetName":"d"}` + strings.Repeat(" ", lookout.MaxRequestBodyBytes-len(`{"DatasetName":"d"}`)+1)
	_, err := wireDecodeStart([]byte(body))
	de := requireDecodeError(t, err)
	assert.Equal(t, int64(lookout.MaxRequestBodyBytes), de.Offset)
	assert.Zero(t, de.Line, "the position is unknown")
	assert.Zero(t, de.Column)
	assert.Empty(t, de.Path)
	assert.Equal(t, "the body is longer than the limit of 65536 bytes", de.Reason)
	var mbe *http.MaxBytesError
	require.ErrorAs(t, err, &mbe)
	assert.Equal(t, int64(lookout.MaxRequestBodyBytes), mbe.Limit)
	assert.Equal(t, "SerializationException: the body is longer than the limit of 65536 bytes", err.Error())
}

// TestDecodeRequestRefusesWhatEncodingJSONGuesses shows why the decoder is
// strict: encoding/json accepts each of these bodies and reads it one way
// (the last duplicate wins, names match in any case, bad bytes and lone
// surrogates become U+FFFD) where another reader may read it another way.
func TestDecodeRequestRefusesWhatEncodingJSONGuesses(t *testing.T) {
	t.Parallel()
	for _, body := range []string{
		`{"DatasetName":"a","DatasetName":"b"}`,
		`{"datasetname":"d"}`,
		`{"DATASETNAME":"d"}`,
		"{\"DatasetName\":\"a\xffb\"}",
		`{"DatasetName":"\ud800"}`,
		`{"DatasetName":"\udc00\ud800"}`,
		wireS3Body(`{"Bucket":"a","bucket":"b"}`),
	} {
		var std lookout.StartDataIngestionJobRequest
		require.NoError(t, json.Unmarshal([]byte(body), &std), body)
		_, err := wireDecodeStart([]byte(body))
		requireDecodeError(t, err)
	}
}

// wireEscapeAll writes s as a JSON string with every character escaped at
// its widest: \uXXXX, or a surrogate pair of them.
func wireEscapeAll(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			b.WriteString(`\u` + strconv.FormatInt(int64(0xD800+(r>>10)), 16))
			b.WriteString(`\u` + strconv.FormatInt(int64(0xDC00+(r&0x3FF)), 16))
			continue
		}
		h := strconv.FormatInt(int64(r), 16)
		b.WriteString(`\u` + strings.Repeat("0", 4-len(h)) + h)
	}
	b.WriteByte('"')
	return b.String()
}

// wireWidestBody encodes r with every name and value escaped at its widest,
// indented as json.MarshalIndent would.
func wireWidestBody(r *lookout.StartDataIngestionJobRequest) string {
	s3 := r.IngestionInputConfiguration.S3InputConfiguration
	m := func(indent, name, value string) string { return indent + wireEscapeAll(name) + ": " + value }
	return "{\n" +
		m("  ", "ClientToken", wireEscapeAll(r.ClientToken)) + ",\n" +
		m("  ", "DatasetName", wireEscapeAll(r.DatasetName)) + ",\n" +
		m("  ", "IngestionInputConfiguration", "{\n"+
			m("    ", "S3InputConfiguration", "{\n"+
				m("      ", "Bucket", wireEscapeAll(s3.Bucket))+",\n"+
				m("      ", "KeyPattern", wireEscapeAll(s3.KeyPattern))+",\n"+
				m("      ", "Prefix", wireEscapeAll(*s3.Prefix))+"\n    }")+"\n  }") + ",\n" +
		m("  ", "RoleArn", wireEscapeAll(r.RoleArn)) + "\n}\n"
}

// TestMaxRequestBodyBytesHoldsTheWidestRequest checks the reasoning behind
// MaxRequestBodyBytes: a valid request with every member at its longest,
// every character escaped at its widest, and indented, is read.
func TestMaxRequestBodyBytesHoldsTheWidestRequest(t *testing.T) {
	t.Parallel()
	const arnHead = "arn:aws:iam::123456789012:role/"
	widest := &lookout.StartDataIngestionJobRequest{
		ClientToken: strings.Repeat("\x7f", 256),
		DatasetName: strings.Repeat("_", 200),
		IngestionInputConfiguration: &lookout.IngestionInputConfiguration{
			S3InputConfiguration: &lookout.IngestionS3InputConfiguration{
				Bucket:     strings.Repeat("a", 63),
				KeyPattern: lookout.KeyPatternUnderscore,
				Prefix:     testcases.Ptr(strings.Repeat("\u00ff", 1023) + "/"),
			},
		},
		RoleArn: arnHead + strings.Repeat("😀", 2048-len(arnHead)),
	}
	require.NoError(t, widest.Validate())
	body := wireWidestBody(widest)
	require.LessOrEqual(t, len(body), lookout.MaxRequestBodyBytes)
	got, err := wireDecodeStart([]byte(body))
	require.NoError(t, err)
	require.Equal(t, widest, got)
	requireWireAgreement(t, []byte(body), got)
	t.Logf("widest valid request: %d bytes of %d", len(body), lookout.MaxRequestBodyBytes)

	// A KeyPattern at the longest its length constraint allows (invalid: not
	// a documented value) fits too.
	widest.IngestionInputConfiguration.S3InputConfiguration.KeyPattern = strings.Repeat("😀", 2048)
	body = wireWidestBody(widest)
	require.LessOrEqual(t, len(body), lookout.MaxRequestBodyBytes)
	got, err = wireDecodeStart([]byte(body))
	require.NoError(t, err)
	require.Equal(t, widest, got)
	t.Logf("with a 2048-character KeyPattern: %d bytes", len(body))
}

func TestDecodeRequestSharedCases(t *testing.T) {
	t.Parallel()
	for _, c := range testcases.Requests {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			want := c.Request()
			body, err := json.Marshal(want)
			require.NoError(t, err)
			got, err := wireDecodeStart(body)
			require.NoError(t, err, "decoding does not validate")
			requireWireAgreement(t, body, got)
			if !assert.ObjectsAreEqual(want, got) {
				// Not what the wire can carry (invalid UTF-8 is sent as
				// U+FFFD): the wire's request is another case.
				return
			}
			err = got.Validate()
			if c.Want == nil {
				require.NoError(t, err)
				return
			}
			var ve *lookout.ValidationException
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, c.Message, ve.Message)
		})
	}
}

func TestDecodeErrorNil(t *testing.T) {
	t.Parallel()
	var de *lookout.DecodeError
	assert.Equal(t, "<nil>", de.Error())
	assert.NoError(t, de.Unwrap())
	assert.False(t, errors.Is(de, http.ErrBodyNotAllowed))
}
