package lookout

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
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
