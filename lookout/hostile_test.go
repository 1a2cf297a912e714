package lookout_test

import (
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/internal/testcases"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/validate"
)

// Hostile inputs: values and bodies built to break a validator (huge,
// malformed, ambiguous, deeply nested), each with its expected outcome, put
// through the public API: the Check functions, Validate, validate.Struct,
// DecodeRequest, ReadRequest and NewHandler.

// hostileRole is a role ARN but for the role's name.
const hostileRole = "arn:aws:iam::123456789012:role/"

// hostilePaths maps each request member that a value row can set to its
// wire path.
var hostilePaths = map[string]string{
	"ClientToken": "ClientToken",
	"DatasetName": "DatasetName",
	"Bucket":      "IngestionInputConfiguration.S3InputConfiguration.Bucket",
	"Prefix":      "IngestionInputConfiguration.S3InputConfiguration.Prefix",
	"KeyPattern":  "IngestionInputConfiguration.S3InputConfiguration.KeyPattern",
	"RoleArn":     "RoleArn",
}

// hostileChecks maps each member to its Check function.
var hostileChecks = map[string]func(string) error{
	"ClientToken": lookout.CheckClientToken,
	"DatasetName": lookout.CheckDatasetName,
	"Bucket":      lookout.CheckBucket,
	"Prefix":      lookout.CheckPrefix,
	"KeyPattern":  lookout.CheckKeyPattern,
	"RoleArn":     lookout.CheckRoleArn,
}

// hostileRequest returns testcases.Valid() with member set to value.
func hostileRequest(member, value string) *lookout.StartDataIngestionJobRequest {
	r := testcases.Valid()
	s3 := r.IngestionInputConfiguration.S3InputConfiguration
	switch member {
	case "ClientToken":
		r.ClientToken = value
	case "DatasetName":
		r.DatasetName = value
	case "Bucket":
		s3.Bucket = value
	case "Prefix":
		s3.Prefix = &value
	case "KeyPattern":
		s3.KeyPattern = value
	case "RoleArn":
		r.RoleArn = value
	default:
		panic("no member " + member)
	}
	return r
}

// hostileBody returns the body of testcases.Valid() with member's value
// written as literal, a JSON value.
func hostileBody(member, literal string) string {
	lit := func(s string) string {
		b, err := json.Marshal(s)
		if err != nil {
			panic(err)
		}
		return string(b)
	}
	v := testcases.Valid()
	s3 := v.IngestionInputConfiguration.S3InputConfiguration
	m := map[string]string{
		"ClientToken": lit(v.ClientToken), "DatasetName": lit(v.DatasetName), "Bucket": lit(s3.Bucket),
		"KeyPattern": lit(s3.KeyPattern), "Prefix": lit(*s3.Prefix), "RoleArn": lit(v.RoleArn),
	}
	if _, ok := m[member]; !ok {
		panic("no member " + member)
	}
	m[member] = literal
	return `{"ClientToken":` + m["ClientToken"] + `,"DatasetName":` + m["DatasetName"] +
		`,"IngestionInputConfiguration":{"S3InputConfiguration":{"Bucket":` + m["Bucket"] +
		`,"KeyPattern":` + m["KeyPattern"] + `,"Prefix":` + m["Prefix"] + `}},"RoleArn":` + m["RoleArn"] + `}`
}

// hostileRawJSON writes s as a JSON string the shortest way: '"', '\' and
// the control characters U+0000..U+001F escaped, every other byte as it is
// (invalid UTF-8 included, which makes the JSON invalid).
func hostileRawJSON(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20:
			b.WriteString(`\u00`)
			b.WriteString(strconv.FormatUint(uint64(c)>>4, 16))
			b.WriteString(strconv.FormatUint(uint64(c)&0xF, 16))
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// hostileEscapedJSON writes s, valid UTF-8, as a JSON string whose every
// character is a \u escape (a surrogate pair beyond U+FFFF).
func hostileEscapedJSON(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		for _, u := range utf16.Encode([]rune{r}) {
			b.WriteString(`\u`)
			h := strconv.FormatUint(uint64(u), 16)
			b.WriteString(strings.Repeat("0", 4-len(h)) + h)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// hostileViolations returns the violations of value at member, one for
// each of cs, as Validate reports them: the limits, pattern and enum are
// those of the member's Rule.
func hostileViolations(t testing.TB, member, value string, cs []lookout.Constraint) []lookout.FieldError {
	t.Helper()
	if cs == nil {
		return nil
	}
	var rule *lookout.Rule
	for _, r := range lookout.Rules() {
		if r.Operation == "StartDataIngestionJob" && !r.Response && r.Path == hostilePaths[member] {
			rule = &r
		}
	}
	require.NotNil(t, rule, member)
	fs := make([]lookout.FieldError, 0, len(cs))
	for _, c := range cs {
		f := lookout.FieldError{Path: rule.Path, Constraint: c, Value: value}
		switch c {
		case lookout.ConstraintMinLength:
			f.Limit = rule.MinLength
		case lookout.ConstraintMaxLength:
			f.Limit = rule.MaxLength
		case lookout.ConstraintPattern:
			f.Pattern = rule.Pattern
		case lookout.ConstraintEnum:
			f.Enum = rule.Enum
		}
		fs = append(fs, f)
	}
	return fs
}

// hostileAtMember returns fs as a Check function reports them: at the
// member's name rather than its path.
func hostileAtMember(fs []lookout.FieldError, member string) []lookout.FieldError {
	if fs == nil {
		return nil
	}
	out := make([]lookout.FieldError, len(fs))
	for i, f := range fs {
		f.Path = member
		out[i] = f
	}
	return out
}

// hostileMessageSafe checks what every Message must be: valid UTF-8, at
// most 5000 characters, on one line and without a character that could
// change how it reads (control, format, line and paragraph separators).
func hostileMessageSafe(t testing.TB, msg string) {
	t.Helper()
	require.True(t, utf8.ValidString(msg), "message %q", msg)
	require.LessOrEqual(t, utf8.RuneCountInString(msg), 5000)
	for _, r := range msg {
		require.False(t, unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp), "message %q shows %U", msg, r)
	}
}

// hostileFields returns the Fields of err, a *ValidationException whose
// Message is safe; nil for a nil err.
func hostileFields(t testing.TB, err error) []lookout.FieldError {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *lookout.ValidationException
	require.ErrorAs(t, err, &ve)
	hostileMessageSafe(t, ve.Message)
	require.NotEmpty(t, ve.Fields)
	return ve.Fields
}

// hostileAnswer is what a handler answered.
type hostileAnswer struct {
	status int
	code   string // X-Amzn-ErrorType
	err    error  // the error read back with ErrorFromResponse
	resp   lookout.StartDataIngestionJobResponse
}

// hostileServe serves r with h and reads the answer back as a client does.
func hostileServe(t testing.TB, h http.Handler, r *http.Request) hostileAnswer {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	res := rec.Result()
	a := hostileAnswer{status: res.StatusCode, code: res.Header.Get("X-Amzn-ErrorType")}
	if res.StatusCode == http.StatusOK {
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &a.resp), "body %q", rec.Body.String())
	} else {
		a.err = lookout.ErrorFromResponse(res)
	}
	return a
}

// hostileHTTPRequest returns a StartDataIngestionJob request with body.
// With known false, its Content-Length is unknown, as for a chunked body.
func hostileHTTPRequest(body string, known bool) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	r.Header.Set("Content-Type", lookout.ContentType)
	r.Header.Set("X-Amz-Target", lookout.TargetStartDataIngestionJob)
	if !known {
		r.ContentLength = -1
		r.Body = io.NopCloser(strings.NewReader(body))
	}
	return r
}

// hostileJobID is the JobId that the tests' start answers for r.
func hostileJobID(r *lookout.StartDataIngestionJobRequest) string {
	return strconv.FormatUint(uint64(len(r.DatasetName)), 16)
}

// hostileHandler returns a handler whose start sends each request it gets
// to got and answers with hostileJobID.
func hostileHandler(got chan<- *lookout.StartDataIngestionJobRequest) http.Handler {
	return handlerStart(func(_ context.Context, r *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
		got <- r
		return &lookout.StartDataIngestionJobResponse{JobId: new(hostileJobID(r)), Status: lookout.IngestionJobStatusInProgress}, nil
	})
}

// hostileStarted returns the request that start got, which it must have
// got already.
func hostileStarted(t testing.TB, got <-chan *lookout.StartDataIngestionJobRequest) *lookout.StartDataIngestionJobRequest {
	t.Helper()
	select {
	case r := <-got:
		return r
	default:
		require.FailNow(t, "start was not called")
		return nil
	}
}

// hostileValueCase is a hostile value of one member, in an otherwise valid
// request.
type hostileValueCase struct {
	name   string
	member string
	value  string
	// want lists the violations of the value, in order: nil when the
	// value is valid (the request is accepted).
	want []lookout.Constraint
	// wire is the code of the error a body carrying the value is answered
	// with, "" when it is accepted.
	wire string
}

const (
	cUTF8    = lookout.ConstraintUTF8
	cMax     = lookout.ConstraintMaxLength
	cPattern = lookout.ConstraintPattern
	cEnum    = lookout.ConstraintEnum
	vx       = lookout.CodeValidation
	sx       = lookout.CodeSerialization
)

var hostileValues = []hostileValueCase{
	// NUL and other control characters.
	{"ClientToken: NUL, controls and DEL are ASCII", "ClientToken", "\x00\x01\x1b\x1f\x7ftoken", nil, ""},
	{"ClientToken: 256 NULs", "ClientToken", strings.Repeat("\x00", 256), nil, ""},
	{"ClientToken: 257 NULs", "ClientToken", strings.Repeat("\x00", 257), []lookout.Constraint{cMax, cPattern}, vx},
	{"DatasetName: NUL", "DatasetName", "pump\x00", []lookout.Constraint{cPattern}, vx},
	{"DatasetName: TAB", "DatasetName", "pump\t7", []lookout.Constraint{cPattern}, vx},
	{"Bucket: NUL", "Bucket", "sensor\x00data", []lookout.Constraint{cPattern}, vx},
	{"Bucket: trailing LF (Java's $ before a final line terminator)", "Bucket", "sensor-data.example\n", []lookout.Constraint{cPattern}, vx},
	{"Prefix: TAB, LF and CR are in the class", "Prefix", "a\tb\nc\rd/", nil, ""},
	{"Prefix: NUL", "Prefix", "plant\x00/", []lookout.Constraint{cPattern}, vx},
	{"Prefix: ESC", "Prefix", "plant\x1b/", []lookout.Constraint{cPattern}, vx},
	{"Prefix: DEL, U+0085, NBSP and U+00FF are in the class", "Prefix", "a\x7f\u0085\u00a0\u00ff/", nil, ""},
	{"KeyPattern: NUL as delimiter", "KeyPattern", "{prefix}/{component_name}\x00*", []lookout.Constraint{cEnum}, vx},
	{"KeyPattern: trailing LF", "KeyPattern", lookout.KeyPatternSlash + "\n", []lookout.Constraint{cEnum}, vx},
	{"RoleArn: NUL, VT, FF and FS in the name ('.' matches them)", "RoleArn", hostileRole + "a\x00\v\f\x1c", nil, ""},
	{"RoleArn: LF in the name", "RoleArn", hostileRole + "a\nb", []lookout.Constraint{cPattern}, vx},
	{"RoleArn: CR in the name", "RoleArn", hostileRole + "a\rb", []lookout.Constraint{cPattern}, vx},
	{"RoleArn: trailing LF (Java's $ before a final line terminator)", "RoleArn", hostileRole + "name\n", []lookout.Constraint{cPattern}, vx},

	// Java's '.' stops at U+0085, U+2028 and U+2029; [^:] does not.
	{"RoleArn: U+0085 in the name", "RoleArn", hostileRole + "a\u0085b", []lookout.Constraint{cPattern}, vx},
	{"RoleArn: U+2028 in the name", "RoleArn", hostileRole + "a\u2028b", []lookout.Constraint{cPattern}, vx},
	{"RoleArn: U+2029 in the name", "RoleArn", hostileRole + "a\u2029b", []lookout.Constraint{cPattern}, vx},
	{"RoleArn: U+2028 alone as the name", "RoleArn", hostileRole + "\u2028", []lookout.Constraint{cPattern}, vx},
	{"RoleArn: line terminators in the partition ([^:] matches them)", "RoleArn",
		"arn:aws-\n\r\u0085\u2028\u2029:iam::123456789012:role/a", nil, ""},
	{"RoleArn: empty partition", "RoleArn", "arn:aws-:iam::123456789012:role/a", []lookout.Constraint{cPattern}, vx},
	{"Prefix: U+2028 is outside the class", "Prefix", "a\u2028/", []lookout.Constraint{cPattern}, vx},
	{"DatasetName: U+2029", "DatasetName", "pump\u2029", []lookout.Constraint{cPattern}, vx},
	{"ClientToken: U+0085 is not ASCII", "ClientToken", "token\u0085", []lookout.Constraint{cPattern}, vx},

	// Invalid UTF-8: refused by the checks; a body cannot carry it.
	{"ClientToken: invalid byte", "ClientToken", "token\xff", []lookout.Constraint{cUTF8, cPattern}, sx},
	{"DatasetName: invalid byte", "DatasetName", "pump\xff", []lookout.Constraint{cUTF8, cPattern}, sx},
	{"DatasetName: overlong NUL", "DatasetName", "pump\xc0\x80", []lookout.Constraint{cUTF8, cPattern}, sx},
	{"Bucket: surrogate encoded in UTF-8", "Bucket", "abc\xed\xa0\x80", []lookout.Constraint{cUTF8, cPattern}, sx},
	{"Prefix: cut two-byte sequence", "Prefix", "plant\xc3/", []lookout.Constraint{cUTF8, cPattern}, sx},
	{"KeyPattern: invalid byte", "KeyPattern", lookout.KeyPatternSlash + "\xff", []lookout.Constraint{cUTF8, cEnum}, sx},
	// '.' matches the U+FFFD a JSON encoder would send: only the UTF-8
	// constraint fails.
	{"RoleArn: invalid byte in the name", "RoleArn", hostileRole + "a\xffb", []lookout.Constraint{cUTF8}, sx},

	// Right-to-left and combining characters.
	{"RoleArn: right-to-left override in the name", "RoleArn", hostileRole + "\u202eevil", nil, ""},
	{"RoleArn: 2017 combining accents make 2048 characters", "RoleArn", hostileRole + strings.Repeat("\u0301", 2017), nil, ""},
	{"RoleArn: 2018 combining accents make 2049 characters", "RoleArn", hostileRole + strings.Repeat("\u0301", 2018), []lookout.Constraint{cMax}, vx},
	{"DatasetName: right-to-left override", "DatasetName", "pump\u202e7", []lookout.Constraint{cPattern}, vx},
	{"DatasetName: right-to-left mark and isolate", "DatasetName", "\u200fpump\u2067", []lookout.Constraint{cPattern}, vx},
	{"DatasetName: combining accent", "DatasetName", "pumpe\u0301", []lookout.Constraint{cPattern}, vx},
	{"Bucket: Arabic letters", "Bucket", "\u0645\u0636\u062e\u0629", []lookout.Constraint{cPattern}, vx},
	{"Prefix: combining accent is outside the class", "Prefix", "e\u0301/", []lookout.Constraint{cPattern}, vx},
	{"Prefix: 1023 'é' and '/' are 1024 characters (2047 bytes)", "Prefix", strings.Repeat("é", 1023) + "/", nil, ""},
	{"Prefix: 1024 'é' and '/' are 1025 characters", "Prefix", strings.Repeat("é", 1024) + "/", []lookout.Constraint{cMax, cPattern}, vx},
	{"ClientToken: right-to-left override", "ClientToken", "\u202etoken", []lookout.Constraint{cPattern}, vx},

	// Full-width digits and letters are not [0-9] nor [a-z].
	{"RoleArn: full-width account", "RoleArn", "arn:aws:iam::\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10\uff11\uff12:role/a",
		[]lookout.Constraint{cPattern}, vx},
	{"DatasetName: full-width digit", "DatasetName", "pump\uff17", []lookout.Constraint{cPattern}, vx},
	{"DatasetName: 200 full-width digits (600 bytes)", "DatasetName", strings.Repeat("\uff10", 200), []lookout.Constraint{cPattern}, vx},
	{"Bucket: full-width letters", "Bucket", "\uff41\uff42\uff43", []lookout.Constraint{cPattern}, vx},
	{"KeyPattern: full-width solidus", "KeyPattern", "{prefix}/{component_name}\uff0f*", []lookout.Constraint{cEnum}, vx},

	// A byte-order mark inside a value is a character like another.
	{"DatasetName: leading byte-order mark", "DatasetName", "\ufeffpump", []lookout.Constraint{cPattern}, vx},
	{"RoleArn: byte-order mark in the name", "RoleArn", hostileRole + "\ufeffname", nil, ""},
}

// TestHostileValues puts each hostile value through the Check function,
// Validate, validate.Struct, the oracle, and a body served by NewHandler
// (with the value written as it is and, when it is valid UTF-8, with every
// character escaped: both bodies read as the same request).
func TestHostileValues(t *testing.T) {
	t.Parallel()
	for _, tt := range hostileValues {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			want := hostileViolations(t, tt.member, tt.value, tt.want)
			wantCheck := hostileAtMember(want, tt.member)
			assert.Equal(t, wantCheck, lookout.ReferenceCheck(tt.member, tt.value), "the oracle")
			assert.Equal(t, wantCheck, hostileFields(t, hostileChecks[tt.member](tt.value)), "Check%s", tt.member)

			req := hostileRequest(tt.member, tt.value)
			verr := req.Validate()
			assert.Equal(t, want, hostileFields(t, verr), "Validate")
			if serr := validate.Struct(req); verr == nil {
				assert.NoError(t, serr, "validate.Struct")
			} else {
				assert.Equal(t, verr, serr, "validate.Struct")
			}
			if strings.ContainsRune(tt.value, '\u202e') && verr != nil {
				assert.Contains(t, verr.Error(), `\u202E`, "the override is shown escaped")
			}

			bodies := []string{hostileBody(tt.member, hostileRawJSON(tt.value))}
			if utf8.ValidString(tt.value) {
				bodies = append(bodies, hostileBody(tt.member, hostileEscapedJSON(tt.value)))
			}
			for _, body := range bodies {
				got := make(chan *lookout.StartDataIngestionJobRequest, 1)
				a := hostileServe(t, hostileHandler(got), hostileHTTPRequest(body, true))
				assert.Equal(t, tt.wire, a.code, "body %q", body)
				switch tt.wire {
				case "":
					require.Equal(t, http.StatusOK, a.status)
					assert.Equal(t, req, hostileStarted(t, got), "the request start gets")
					assert.Equal(t, new(hostileJobID(req)), a.resp.JobId)
				case vx:
					assert.Equal(t, http.StatusBadRequest, a.status)
					assert.Equal(t, verr.Error(), a.err.Error(), "the message on the wire")
				case sx:
					assert.Equal(t, http.StatusBadRequest, a.status)
					_, derr := wireDecodeStart([]byte(body))
					var de *lookout.DecodeError
					require.ErrorAs(t, derr, &de)
					assert.Contains(t, de.Reason, "invalid UTF-8 in a string")
					assert.Equal(t, derr.Error(), a.err.Error(), "the message on the wire")
				}
			}
		})
	}
}

// hostileFill returns head followed by as many copies of unit as make
// total bytes with tail, and tail.
func hostileFill(head, unit, tail string, total int) string {
	n := (total - len(head) - len(tail)) / len(unit)
	return head + strings.Repeat(unit, n) + tail
}

// hostileNest returns head followed by depth nested arrays, and tail.
func hostileNest(head string, depth int, tail string) string {
	return head + strings.Repeat("[", depth) + strings.Repeat("]", depth) + tail
}

// hostileNestAtLimit returns head followed by as many nested arrays as fit
// in MaxRequestBodyBytes with tail, and tail.
func hostileNestAtLimit(head, tail string) string {
	return hostileNest(head, (lookout.MaxRequestBodyBytes-len(head)-len(tail))/2, tail)
}

// hostileBodyCase is a hostile body and the outcome it must have.
type hostileBodyCase struct {
	name string
	body string
	// code is the code of the error answered: "" when the request is
	// accepted (start is called).
	code string
	// For a SerializationException: the DecodeError's Offset and Path,
	// and a part of its Reason.
	offset int
	path   string
	reason string
	// For a ValidationException: the path and constraint of each
	// violation, in order.
	fields []hostileField
}

type hostileField struct {
	path       string
	constraint lookout.Constraint
}

const hostileTooLarge = "the body is longer than the limit of 65536 bytes"

func hostileBodies() []hostileBodyCase {
	typical := hostileBody("DatasetName", `"pump-station_7"`)
	atLimit := typical + strings.Repeat(" ", lookout.MaxRequestBodyBytes-len(typical))
	pathS3 := "IngestionInputConfiguration.S3InputConfiguration"
	required := lookout.ConstraintRequired
	return []hostileBodyCase{
		// Duplicate keys: two readers may keep different ones.
		{name: "duplicate key", body: `{"DatasetName":"a","DatasetName":"b"}`,
			code: sx, offset: 19, path: "DatasetName", reason: "duplicate member"},
		{name: "duplicate key spelled with an escape", body: `{"DatasetName":"a","Dataset\u004eame":"b"}`,
			code: sx, offset: 19, path: "DatasetName", reason: "duplicate member"},
		{name: "duplicate key, the first spelled with escapes", body: `{"\u0044\u0061tasetName":"a","DatasetName":"b"}`,
			code: sx, offset: 29, path: "DatasetName", reason: "duplicate member"},
		{name: "duplicate key after null", body: `{"DatasetName":null,"DatasetName":"b"}`,
			code: sx, offset: 20, path: "DatasetName", reason: "duplicate member"},
		{name: "duplicate nested key spelled with an escape",
			body: `{"IngestionInputConfiguration":{"S3InputConfiguration":{"Bucket":"abc","\u0042ucket":"xyz"}}}`,
			code: sx, offset: 71, path: pathS3 + ".Bucket", reason: "duplicate member"},
		{name: "duplicate structure", body: `{"IngestionInputConfiguration":null,"IngestionInputConfiguration":{}}`,
			code: sx, offset: 36, path: "IngestionInputConfiguration", reason: "duplicate member"},
		{name: "duplicate differing in case", body: `{"DatasetName":"a","datasetName":"b"}`,
			code: sx, offset: 19, path: "datasetName", reason: "member names are case-sensitive: did you mean DatasetName?"},
		{name: "name with a trailing NUL escape", body: `{"DatasetName\u0000":"a"}`,
			code: sx, offset: 1, path: "DatasetName\x00", reason: "unknown member"},

		// Byte-order marks.
		{name: "byte-order mark", body: "\ufeff" + typical, code: sx, offset: 0, reason: "byte-order mark"},
		{name: "byte-order mark after whitespace", body: " \ufeff" + typical, code: sx, offset: 1,
			reason: "expected a JSON object, found the character U+FEFF"},
		{name: "escaped byte-order mark before a name", body: `{"\ufeffDatasetName":"a"}`,
			code: sx, offset: 1, path: "\ufeffDatasetName", reason: "unknown member"},

		// Control characters and bad bytes in the JSON itself.
		{name: "raw NUL in a string", body: "{\"DatasetName\":\"a\x00\"}",
			code: sx, offset: 17, path: "DatasetName", reason: "control character U+0000"},
		{name: "raw NUL between members", body: "{\x00}", code: sx, offset: 1, reason: "found the character U+0000"},
		{name: "raw NUL after the object", body: typical + "\x00", code: sx, offset: len(typical),
			reason: "unexpected data after the JSON object"},
		{name: "raw LF in a string", body: "{\"DatasetName\":\"a\nb\"}",
			code: sx, offset: 17, path: "DatasetName", reason: "control character U+000A"},
		{name: "invalid UTF-8 in a name", body: "{\"Dataset\xffName\":\"a\"}",
			code: sx, offset: 9, reason: "invalid UTF-8 in a string: byte 0xFF"},
		{name: "lone surrogate escape", body: `{"DatasetName":"\ud800"}`,
			code: sx, offset: 16, path: "DatasetName", reason: "high surrogate"},
		{name: "raw U+2028 in a string is JSON, and fails the pattern",
			body: hostileBody("RoleArn", "\""+hostileRole+"a\u2028\""), code: vx,
			fields: []hostileField{{"RoleArn", cPattern}}},
		{name: "escaped NUL in a ClientToken is ASCII", body: hostileBody("ClientToken", `"\u0000"`)},

		// Deep nesting: refused at the first value of the wrong kind (or
		// at an unknown member's name), read no further, with no recursion.
		{name: "100000 nested arrays in an unknown member", body: hostileNest(`{"Unknown":`, 100000, "}"),
			code: sx, offset: lookout.MaxRequestBodyBytes, reason: hostileTooLarge},
		{name: "100000 nested arrays in a known member", body: hostileNest(`{"DatasetName":`, 100000, "}"),
			code: sx, offset: lookout.MaxRequestBodyBytes, reason: hostileTooLarge},
		{name: "nested arrays up to the limit in an unknown member", body: hostileNestAtLimit(`{"Unknown":`, "}"),
			code: sx, offset: 1, path: "Unknown", reason: "unknown member"},
		{name: "nested arrays up to the limit in a string member", body: hostileNestAtLimit(`{"DatasetName":`, "}"),
			code: sx, offset: 15, path: "DatasetName", reason: "expected a string or null, found an array"},
		{name: "nested arrays up to the limit in a structure", body: hostileNestAtLimit(`{"IngestionInputConfiguration":`, "}"),
			code: sx, offset: 31, path: "IngestionInputConfiguration", reason: "expected an object or null, found an array"},
		{name: "nested objects up to the limit in Bucket",
			body: hostileFill(`{"IngestionInputConfiguration":{"S3InputConfiguration":{"Bucket":`, `{"a":`, "", lookout.MaxRequestBodyBytes),
			code: sx, offset: 65, path: pathS3 + ".Bucket", reason: "expected a string or null, found an object"},
		{name: "nested arrays up to the limit at the top", body: hostileNestAtLimit("", ""),
			code: sx, offset: 0, reason: "expected a JSON object, found an array"},

		// Huge numbers.
		{name: "1e999999", body: `{"DatasetName":1e999999}`,
			code: sx, offset: 15, path: "DatasetName", reason: "expected a string or null, found a number"},
		{name: "-1e999999 in an unknown member", body: `{"Size":-1e999999}`,
			code: sx, offset: 1, path: "Size", reason: "unknown member"},
		{name: "100000-digit number", body: hostileFill(`{"DatasetName":`, "9", "}", 100016),
			code: sx, offset: lookout.MaxRequestBodyBytes, reason: hostileTooLarge},
		{name: "number up to the limit", body: hostileFill(`{"RoleArn":`, "9", "}", lookout.MaxRequestBodyBytes),
			code: sx, offset: 11, path: "RoleArn", reason: "expected a string or null, found a number"},

		// Not one object.
		{name: "top-level array", body: "[" + typical + "]", code: sx, offset: 0, reason: "expected a JSON object, found an array"},
		{name: "top-level null", body: "null", code: sx, offset: 0, reason: "expected a JSON object, found null"},
		{name: "top-level string", body: `"{}"`, code: sx, offset: 0, reason: "expected a JSON object, found a string"},
		{name: "empty body", body: "", code: sx, offset: 0, reason: "the body is empty"},
		{name: "whitespace only", body: " \t\r\n", code: sx, offset: 4, reason: "the body holds only whitespace"},
		{name: "trailing object", body: typical + typical, code: sx, offset: len(typical),
			reason: "unexpected data after the JSON object: an object"},
		{name: "trailing garbage after whitespace", body: typical + "\n x", code: sx, offset: len(typical) + 2,
			reason: "unexpected data after the JSON object"},
		{name: "empty object is read, then refused by Validate", body: "{}", code: vx,
			fields: []hostileField{{"ClientToken", required}, {"DatasetName", required},
				{"IngestionInputConfiguration", required}, {"RoleArn", required}}},

		// The limit.
		{name: "valid body padded to the limit", body: atLimit},
		{name: "valid body padded one byte over the limit", body: atLimit + " ",
			code: sx, offset: lookout.MaxRequestBodyBytes, reason: hostileTooLarge},
		{name: "1 MiB body", body: hostileFill(`{"RoleArn":"`, "r", `"}`, 1<<20),
			code: sx, offset: lookout.MaxRequestBodyBytes, reason: hostileTooLarge},
	}
}

// TestHostileBodies puts each hostile body through DecodeRequest,
// ReadRequest (with its length known, and unknown) and NewHandler.
func TestHostileBodies(t *testing.T) {
	t.Parallel()
	for _, tt := range hostileBodies() {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req, err := wireDecodeStart([]byte(tt.body))
			switch tt.code {
			case sx:
				assert.Nil(t, req)
				var se *lookout.SerializationException
				require.ErrorAs(t, err, &se)
				hostileMessageSafe(t, se.Message)
				var de *lookout.DecodeError
				require.ErrorAs(t, err, &de)
				assert.Equal(t, int64(tt.offset), de.Offset)
				assert.Equal(t, tt.path, de.Path)
				assert.Contains(t, de.Reason, tt.reason)
			case vx:
				require.NoError(t, err)
				requireWireAgreement(t, []byte(tt.body), req)
				fs := hostileFields(t, req.Validate())
				got := make([]hostileField, len(fs))
				for i, f := range fs {
					got[i] = hostileField{f.Path, f.Constraint}
				}
				assert.Equal(t, tt.fields, got)
				err = req.Validate()
			case "":
				require.NoError(t, err)
				requireWireAgreement(t, []byte(tt.body), req)
				require.NoError(t, req.Validate())
			default:
				t.Fatalf("no outcome %q", tt.code)
			}

			for _, known := range []bool{true, false} {
				read, rerr := wireReadStart(hostileHTTPRequest(tt.body, known))
				assert.Equal(t, req, read, "ReadRequest, length known: %v", known)
				if tt.code == sx {
					assert.Equal(t, err, rerr, "ReadRequest, length known: %v", known)
				} else {
					assert.NoError(t, rerr, "ReadRequest, length known: %v", known)
				}

				got := make(chan *lookout.StartDataIngestionJobRequest, 1)
				a := hostileServe(t, hostileHandler(got), hostileHTTPRequest(tt.body, known))
				assert.Equal(t, tt.code, a.code, "NewHandler, length known: %v", known)
				if tt.code == "" {
					require.Equal(t, http.StatusOK, a.status)
					assert.Equal(t, req, hostileStarted(t, got))
					continue
				}
				assert.Equal(t, http.StatusBadRequest, a.status)
				assert.Equal(t, lookout.ErrorCode(err), lookout.ErrorCode(a.err))
				assert.Equal(t, err.Error(), a.err.Error(), "the message on the wire")
			}
		})
	}
}

// TestHostileBodyOverHTTP sends bodies over the limit to a server: it
// answers 400 SerializationException, whether the length is declared or
// the body is chunked, and start is never called.
func TestHostileBodyOverHTTP(t *testing.T) {
	t.Parallel()
	got := make(chan *lookout.StartDataIngestionJobRequest, 1)
	srv := httptest.NewServer(hostileHandler(got))
	defer srv.Close()
	typical := hostileBody("DatasetName", `"pump-station_7"`)
	over := typical + strings.Repeat(" ", lookout.MaxRequestBodyBytes+1-len(typical))
	for _, chunked := range []bool{false, true} {
		var body io.Reader = strings.NewReader(over)
		if chunked {
			body = io.MultiReader(body) // no length: sent chunked
		}
		r, err := http.NewRequest(http.MethodPost, srv.URL, body)
		require.NoError(t, err)
		r.Header.Set("Content-Type", lookout.ContentType)
		r.Header.Set("X-Amz-Target", lookout.TargetStartDataIngestionJob)
		res, err := srv.Client().Do(r)
		require.NoError(t, err)
		assert.Equal(t, http.StatusBadRequest, res.StatusCode, "chunked: %v", chunked)
		assert.Equal(t, lookout.CodeSerialization, res.Header.Get("X-Amzn-ErrorType"), "chunked: %v", chunked)
		werr := lookout.ErrorFromResponse(res)
		require.NoError(t, res.Body.Close())
		var se *lookout.SerializationException
		require.ErrorAs(t, werr, &se)
		assert.Equal(t, hostileTooLarge, se.Message)
	}
	assert.Empty(t, got, "start is not called")
}

// hostileMemory returns the allocations and bytes allocated per call of f,
// averaged over runs, as testing.AllocsPerRun counts them: the least of
// three measures, so that what another goroutine allocates meanwhile does
// not count. Call f once before, so that what is set up on first use is not
// counted either.
func hostileMemory(runs int, f func()) (allocs, bytes uint64) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	allocs, bytes = math.MaxUint64, math.MaxUint64
	for range 3 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range runs {
			f()
		}
		runtime.ReadMemStats(&after)
		allocs = min(allocs, (after.Mallocs-before.Mallocs)/uint64(runs))
		bytes = min(bytes, (after.TotalAlloc-before.TotalAlloc)/uint64(runs))
	}
	return allocs, bytes
}

// hostileSmallAlloc bounds the bytes that checking or refusing a huge value
// may allocate: far less than the value, whose size is 10 MiB.
const hostileSmallAlloc = 64 << 10

// hostileHuge is a value of about size bytes for a member.
type hostileHuge struct {
	name   string
	member string
	value  func(size int) string
	want   []lookout.Constraint
	// measure: also validate.Struct, and measure the memory allocated.
	// The other values, read one character at a time, are only checked:
	// at 10 MiB each call takes long under the race detector.
	measure bool
}

var hostileHuges = []hostileHuge{
	{"RoleArn, ASCII", "RoleArn", func(n int) string { return hostileRole + strings.Repeat("r", n-len(hostileRole)) },
		[]lookout.Constraint{cMax}, true},
	{"RoleArn, U+2028 last", "RoleArn", func(n int) string {
		return hostileRole + strings.Repeat("r", n-len(hostileRole)-3) + "\u2028"
	}, []lookout.Constraint{cMax, cPattern}, true},
	{"Prefix", "Prefix", func(n int) string { return strings.Repeat("p", n-1) + "/" }, []lookout.Constraint{cMax, cPattern}, true},
	{"DatasetName", "DatasetName", func(n int) string { return strings.Repeat("d", n) }, []lookout.Constraint{cMax, cPattern}, true},
	{"ClientToken, NULs", "ClientToken", func(n int) string { return strings.Repeat("\x00", n) },
		[]lookout.Constraint{cMax, cPattern}, true},
	{"Bucket", "Bucket", func(n int) string { return strings.Repeat("b", n) }, []lookout.Constraint{cMax, cPattern}, true},
	{"KeyPattern", "KeyPattern", func(n int) string { return strings.Repeat("k", n) }, []lookout.Constraint{cMax, cEnum}, true},
	{"RoleArn, 'é'", "RoleArn", func(n int) string { return hostileRole + strings.Repeat("é", (n-len(hostileRole))/2) },
		[]lookout.Constraint{cMax}, false},
	{"DatasetName, invalid bytes", "DatasetName", func(n int) string { return strings.Repeat("\xff", n) },
		[]lookout.Constraint{cUTF8, cMax, cPattern}, false},
	{"DatasetName, right-to-left overrides", "DatasetName", func(n int) string { return strings.Repeat("\u202e", n/3) },
		[]lookout.Constraint{cMax, cPattern}, false},
}

// TestHostileHugeValues checks 10 MiB values: every check finishes with the
// violations expected, the Message is bounded, and the error shares the
// value rather than copy it. For the values marked measure, the memory
// allocated does not depend on the value's size: the same allocations for
// 4 KiB as for 10 MiB, and far fewer bytes than the value. Not parallel: it
// measures allocations.
func TestHostileHugeValues(t *testing.T) {
	const size = 10 << 20
	for _, tt := range hostileHuges {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.value(size)
			want := hostileViolations(t, tt.member, v, tt.want)
			check := hostileChecks[tt.member]
			req := hostileRequest(tt.member, v)
			errs := []error{check(v), req.Validate()}
			wants := [][]lookout.FieldError{hostileAtMember(want, tt.member), want}
			if tt.measure {
				errs = append(errs, validate.Struct(req))
				wants = append(wants, want)
			}
			truncated := "...' (truncated: " + strconv.Itoa(utf8.RuneCountInString(v)) + " characters)"
			for i, err := range errs {
				var ve *lookout.ValidationException
				require.ErrorAs(t, err, &ve)
				require.Equal(t, wants[i], ve.Fields)
				hostileMessageSafe(t, ve.Message)
				assert.Less(t, len(ve.Message), 600*len(ve.Fields), "the Message is bounded")
				assert.Equal(t, len(ve.Fields), strings.Count(ve.Message, truncated), ve.Message)
				for _, f := range ve.Fields {
					assert.True(t, unsafe.StringData(f.Value) == unsafe.StringData(v), "the value is not copied")
				}
			}
			if !tt.measure {
				return
			}

			// The calls above set up what is made on first use. The
			// allocations are counted for lookout's own checks, the bytes
			// for validate.Struct too (validator/v10's pools make its
			// count vary under the race detector).
			small := tt.value(4 << 10)
			smallReq := hostileRequest(tt.member, small)
			for _, c := range []struct {
				name       string
				huge, tiny func()
				count      bool
			}{
				{"Check", func() { _ = check(v) }, func() { _ = check(small) }, true},
				{"Validate", func() { _ = req.Validate() }, func() { _ = smallReq.Validate() }, true},
				{"validate.Struct", func() { _ = validate.Struct(req) }, func() { _ = validate.Struct(smallReq) }, false},
			} {
				allocs, bytes := hostileMemory(1, c.huge)
				assert.Less(t, bytes, uint64(hostileSmallAlloc), "%s: bytes allocated", c.name)
				if c.count {
					c.tiny()
					smallAllocs, _ := hostileMemory(20, c.tiny)
					assert.Equal(t, smallAllocs, allocs, "%s: allocations for 4 KiB and 10 MiB", c.name)
				}
			}
		})
	}
}

// TestHostileHugeRequest validates a request whose DatasetName, Prefix and
// RoleArn are 10 MiB each: five violations, one bounded Message.
func TestHostileHugeRequest(t *testing.T) {
	const size = 10 << 20
	r := testcases.Valid()
	r.DatasetName = strings.Repeat("d", size)
	prefix := strings.Repeat("p", size-1) + "/"
	r.IngestionInputConfiguration.S3InputConfiguration.Prefix = &prefix
	r.RoleArn = hostileRole + strings.Repeat("r", size-len(hostileRole))
	want := append(append(hostileViolations(t, "DatasetName", r.DatasetName, []lookout.Constraint{cMax, cPattern}),
		hostileViolations(t, "Prefix", prefix, []lookout.Constraint{cMax, cPattern})...),
		hostileViolations(t, "RoleArn", r.RoleArn, []lookout.Constraint{cMax})...)
	err := r.Validate()
	assert.Equal(t, want, hostileFields(t, err))
	assert.Equal(t, err, validate.Struct(r))
	var ve *lookout.ValidationException
	require.ErrorAs(t, err, &ve)
	assert.True(t, strings.HasPrefix(ve.Message, "5 validation errors detected: "), ve.Message)
	assert.Less(t, len(ve.Message), 3000)
	_, bytes := hostileMemory(1, func() { _ = r.Validate() })
	assert.Less(t, bytes, uint64(hostileSmallAlloc))
}

// TestHostileHugeBody sends a 10 MiB body: DecodeRequest refuses it without
// copying it, ReadRequest reads none of it when its length is declared and
// no more than the limit and a byte when it is not (allocating a few times
// the limit), and NewHandler answers 400 SerializationException either way. Not parallel: it measures allocations.
func TestHostileHugeBody(t *testing.T) {
	body := hostileBody("RoleArn", `"`+hostileRole+strings.Repeat("r", 10<<20)+`"`)
	data := []byte(body)
	_, err := wireDecodeStart(data)
	var de *lookout.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, int64(lookout.MaxRequestBodyBytes), de.Offset)
	assert.Equal(t, hostileTooLarge, de.Reason)
	_, bytes := hostileMemory(1, func() { _, _ = wireDecodeStart(data) })
	assert.Less(t, bytes, uint64(hostileSmallAlloc), "DecodeRequest")

	for _, known := range []bool{true, false} {
		counter := &wireCountingReader{r: strings.NewReader(body)}
		r := hostileHTTPRequest(body, known)
		r.Body = io.NopCloser(counter)
		_, rerr := wireReadStart(r)
		assert.Equal(t, err, rerr, "length known: %v", known)
		if known {
			assert.Zero(t, counter.n, "nothing is read")
		} else {
			assert.Equal(t, int64(lookout.MaxRequestBodyBytes+1), counter.n, "read to the limit and a byte")
		}
		// The buffer grows to the limit and a byte, whatever the
		// body's size: a few times the limit in bytes, request included.
		_, bytes := hostileMemory(3, func() { _, _ = wireReadStart(hostileHTTPRequest(body, known)) })
		assert.Less(t, bytes, uint64(8*lookout.MaxRequestBodyBytes), "ReadRequest, length known: %v", known)

		got := make(chan *lookout.StartDataIngestionJobRequest, 1)
		a := hostileServe(t, hostileHandler(got), hostileHTTPRequest(body, known))
		assert.Equal(t, http.StatusBadRequest, a.status)
		assert.Equal(t, lookout.CodeSerialization, a.code)
		assert.Equal(t, err.Error(), a.err.Error())
		assert.Empty(t, got)
	}
}

// BenchmarkHostile measures hostile inputs, so that the time per byte can
// be compared across sizes: Validate on a RoleArn of 1 and 4 MiB (read to
// its end), and DecodeRequest on bodies of nested arrays and of one long
// string, at and over the limit.
func BenchmarkHostile(b *testing.B) {
	for _, size := range []int{1 << 20, 4 << 20} {
		for _, c := range []struct{ name, unit string }{{"ascii", "r"}, {"e-acute", "é"}} {
			r := testcases.Valid()
			r.RoleArn = hostileRole + strings.Repeat(c.unit, (size-len(hostileRole))/len(c.unit))
			b.Run("Validate/RoleArn-"+c.name+"-"+strconv.Itoa(size>>20)+"MiB", func(b *testing.B) {
				b.SetBytes(int64(len(r.RoleArn)))
				b.ReportAllocs()
				for b.Loop() {
					_ = r.Validate()
				}
			})
		}
	}
	limit := lookout.MaxRequestBodyBytes
	for _, c := range []struct {
		name string
		body string
	}{
		{"nested-arrays-known-member-64KiB", hostileNestAtLimit(`{"DatasetName":`, "}")},
		{"nested-arrays-unknown-member-64KiB", hostileNestAtLimit(`{"Unknown":`, "}")},
		{"nested-arrays-1MiB", hostileNest(`{"DatasetName":`, 1<<19, "}")},
		{"nested-arrays-4MiB", hostileNest(`{"DatasetName":`, 1<<21, "}")},
		{"long-string-16KiB", hostileFill(`{"RoleArn":"`+hostileRole, "r", `"}`, limit/4)},
		{"long-string-64KiB", hostileFill(`{"RoleArn":"`+hostileRole, "r", `"}`, limit)},
		{"escaped-string-16KiB", hostileFill(`{"RoleArn":"`+hostileRole, `\u00e9`, `"}`, limit/4)},
		{"escaped-string-64KiB", hostileFill(`{"RoleArn":"`+hostileRole, `\u00e9`, `"}`, limit)},
	} {
		data := []byte(c.body)
		b.Run("DecodeRequest/"+c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				_, _ = wireDecodeStart(data)
			}
		})
	}
}
