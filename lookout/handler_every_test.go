package lookout

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tcServeAll returns a Service with every function set: each records the
// request it gets in got[op] and answers resp[op].
func tcServeAll(got map[string]any, resp map[string]any) Service {
	var s Service
	sv := reflect.ValueOf(&s).Elem()
	for i := range sv.NumField() {
		op := sv.Type().Field(i).Name
		ft := sv.Field(i).Type()
		sv.Field(i).Set(reflect.MakeFunc(ft, func(args []reflect.Value) []reflect.Value {
			got[op] = args[1].Interface()
			out := reflect.New(ft.Out(0).Elem())
			if r, ok := resp[op]; ok {
				out = reflect.ValueOf(r)
			}
			return []reflect.Value{out, reflect.Zero(ft.Out(1))}
		}))
	}
	return s
}

// TestHandlerServesEveryOperation sends each operation's typical request,
// written by its generated writer, through NewHandler: the operation's
// function gets it decoded exactly, and its typical response is written as
// the writer writes it.
func TestHandlerServesEveryOperation(t *testing.T) {
	t.Parallel()
	got, resp := map[string]any{}, map[string]any{}
	cases := tcTypicalAll()
	for _, c := range cases {
		resp[c.op] = c.resp
	}
	h := NewHandler(tcServeAll(got, resp))
	require.Len(t, cases, 49)
	for _, c := range cases {
		body, err := c.req.(structure).appendJSON(nil)
		require.NoError(t, err, c.op)
		r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		r.Header.Set("Content-Type", ContentType)
		r.Header.Set("X-Amz-Target", targetPrefix+c.op)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		require.Equal(t, http.StatusOK, w.Code, "%s: %s", c.op, w.Body)
		assert.NotEmpty(t, w.Header().Get(headerRequestID), c.op)
		assert.Equal(t, c.req, got[c.op], "%s: the request as sent", c.op)
		want, err := c.resp.(structure).appendJSON(nil)
		require.NoError(t, err)
		assert.Equal(t, string(want), w.Body.String(), "%s: the response as written", c.op)
	}
}

// TestEveryRequestReadsBack: each operation's typical request, written by
// its writer, reads back to the same value, and a request with every
// member absent is written {}.
func TestEveryRequestReadsBack(t *testing.T) {
	t.Parallel()
	for _, c := range tcTypicalAll() {
		body, err := c.req.(structure).appendJSON(nil)
		require.NoError(t, err)
		back := reflect.New(reflect.TypeOf(c.req).Elem()).Interface().(Request)
		p, err := DecodeRequest(body, back)
		require.NoError(t, err, "%s: %s", c.op, body)
		assert.Equal(t, c.req, back, c.op)
		require.NoError(t, p.Validate(back), c.op)
		empty := reflect.New(reflect.TypeOf(c.req).Elem()).Interface().(structure)
		b, err := empty.appendJSON(nil)
		require.NoError(t, err)
		assert.Equal(t, "{}", string(b), c.op)
	}
}

// TestHandlerWithSignatures: with WithSignatures, a request signed with a
// known key is served, and one signed with a wrong secret, with an unknown
// key, or not signed at all is answered 403 with the error AWS answers.
func TestHandlerWithSignatures(t *testing.T) {
	t.Parallel()
	_, err := WithSignatures(nil, "us-east-1")
	require.Error(t, err, "no credentials")
	opt, err := WithSignatures(map[string]string{"AKIDEXAMPLE": "secret"}, "eu-west-1")
	require.NoError(t, err)
	h := NewHandler(Service{DescribeDataset: func(context.Context, *DescribeDatasetRequest) (*DescribeDatasetResponse, error) {
		return &DescribeDatasetResponse{DatasetName: "pumps"}, nil
	}}, opt)
	send := func(key, secret, region string, sign bool) *httptest.ResponseRecorder {
		body := []byte(`{"DatasetName":"pumps"}`)
		r := httptest.NewRequest(http.MethodPost, "http://localhost:8080/", bytes.NewReader(body))
		r.Header.Set("Content-Type", ContentType)
		r.Header.Set("X-Amz-Target", TargetDescribeDataset)
		if sign {
			sum := sha256Hex(body)
			err := v4.NewSigner().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: key, SecretAccessKey: secret},
				r, sum, "lookoutequipment", region, time.Now())
			require.NoError(t, err)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	ok := send("AKIDEXAMPLE", "secret", "eu-west-1", true)
	assert.Equal(t, http.StatusOK, ok.Code, ok.Body.String())
	for _, c := range []struct {
		name, key, secret, region string
		sign                      bool
		code                      string
	}{
		{"wrong secret", "AKIDEXAMPLE", "wrong", "eu-west-1", true, CodeInvalidSignature},
		{"unknown key", "AKIDOTHER", "secret", "eu-west-1", true, CodeUnrecognizedClient},
		{"other region", "AKIDEXAMPLE", "secret", "us-east-1", true, CodeInvalidSignature},
		{"not signed", "", "", "", false, CodeMissingAuthenticationToken},
	} {
		w := send(c.key, c.secret, c.region, c.sign)
		assert.Equal(t, http.StatusForbidden, w.Code, c.name)
		assert.Equal(t, c.code, w.Header().Get(headerErrorType), c.name)
		assert.True(t, strings.Contains(w.Body.String(), "com.amazon.coral.service#"+c.code), "%s: %s", c.name, w.Body)
		assert.NotEmpty(t, w.Header().Get(headerRequestID), c.name)
	}
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// tcMinimal returns a value of typ (a pointer to op's request) with only
// the members the model requires set, each to its typical value: the
// least request the service accepts.
func tcMinimal(op string, typ reflect.Type) Request {
	full := reflect.ValueOf(tcFilled(op, false, typ))
	v := reflect.New(typ.Elem())
	included := map[string]bool{"": true}
	for _, m := range refModelMembers {
		if m.op != op || m.response {
			continue
		}
		parent := ""
		if i := strings.LastIndex(m.path, "."); i >= 0 {
			parent = strings.TrimSuffix(m.path[:i], ".member")
		}
		if !m.required || !included[parent] {
			continue
		}
		included[m.path] = true
		if strings.Contains(m.path, ".") {
			continue // set with its top-level member
		}
		f := v.Elem().FieldByName(m.path)
		f.Set(full.Elem().FieldByName(m.path))
	}
	// Nested structures keep only their required members too.
	tcTrim(v.Elem(), op, "", included)
	return v.Interface().(Request)
}

// tcTrim clears the members of the structure v at path that included does
// not hold.
func tcTrim(v reflect.Value, op, path string, included map[string]bool) {
	for i := range v.NumField() {
		f := v.Field(i)
		p := v.Type().Field(i).Name
		if path != "" {
			p = path + "." + p
		}
		if !included[p] {
			f.SetZero()
			continue
		}
		switch {
		case f.Kind() == reflect.Pointer && !f.IsNil() && f.Elem().Kind() == reflect.Struct && f.Type() != reflect.TypeFor[*Timestamp]():
			c := reflect.New(f.Type().Elem())
			c.Elem().Set(f.Elem())
			tcTrim(c.Elem(), op, p, included)
			f.Set(c)
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Struct:
			c := reflect.MakeSlice(f.Type(), f.Len(), f.Len())
			reflect.Copy(c, f)
			for j := range c.Len() {
				tcTrim(c.Index(j), op, p+".member", included)
			}
			f.Set(c)
		}
	}
}

// TestHandlerRequiredMembers sends, for each operation, the least request
// the model allows (only its required members), which is served; then that
// request with each required top-level member left out, which is answered
// ValidationException naming the member as the service does.
func TestHandlerRequiredMembers(t *testing.T) {
	t.Parallel()
	got := map[string]any{}
	h := NewHandler(tcServeAll(got, map[string]any{}))
	st := reflect.TypeFor[Service]()
	for i := range st.NumField() {
		op := st.Field(i).Name
		req := tcMinimal(op, st.Field(i).Type.In(1))
		body, err := req.appendJSON(nil)
		require.NoError(t, err)
		send := func(body []byte) *httptest.ResponseRecorder {
			r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
			r.Header.Set("Content-Type", ContentType)
			r.Header.Set("X-Amz-Target", targetPrefix+op)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			return w
		}
		w := send(body)
		require.Equal(t, http.StatusOK, w.Code, "%s %s: %s", op, body, w.Body)
		assert.Equal(t, req, got[op], op)
		var members map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(body, &members))
		for name := range members {
			without := map[string]json.RawMessage{}
			for k, v := range members {
				if k != name {
					without[k] = v
				}
			}
			b, err := json.Marshal(without)
			require.NoError(t, err)
			w := send(b)
			assert.Equal(t, http.StatusBadRequest, w.Code, "%s without %s", op, name)
			want := "Value null at '" + strings.ToLower(name[:1]) + name[1:] + "' failed to satisfy constraint: Member must not be null"
			assert.Contains(t, w.Body.String(), want, "%s without %s", op, name)
			assert.Equal(t, CodeValidation, w.Header().Get(headerErrorType), "%s without %s", op, name)
		}
	}
}
