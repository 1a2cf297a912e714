package client

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// EndpointError is the error of an operation that has no endpoint to go to:
// no region and no endpoint configured, a region that cannot be a host name,
// or an endpoint that is not an absolute http or https URL.
type EndpointError struct {
	// Endpoint is the endpoint configured, "" when there is none.
	Endpoint string
	// Region is the client's region.
	Region string
	// Reason says what is wrong.
	Reason string
}

// Error returns "lookout client: " and the reason.
func (e *EndpointError) Error() string {
	if e.Endpoint != "" {
		return fmt.Sprintf("lookout client: endpoint %q: %s", e.Endpoint, e.Reason)
	}
	return fmt.Sprintf("lookout client: region %q: %s", e.Region, e.Reason)
}

// resolveEndpoint returns the URL o's requests go to: BaseEndpoint, else the
// region's endpoint.
func resolveEndpoint(o *Options) (*url.URL, error) {
	if o.BaseEndpoint == nil {
		if o.Region == "" {
			return nil, &EndpointError{Reason: "no region and no endpoint are configured (set aws.Config's Region, AWS_REGION, or an endpoint)"}
		}
		if !validHostLabel(o.Region) {
			return nil, &EndpointError{Region: o.Region, Reason: "not a valid region: a region is letters, digits and '-'"}
		}
		return &url.URL{Scheme: "https", Host: "lookoutequipment." + o.Region + ".amazonaws.com", Path: "/"}, nil
	}
	raw := *o.BaseEndpoint
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return nil, &EndpointError{Endpoint: raw, Reason: err.Error()}
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, &EndpointError{Endpoint: raw, Reason: "the scheme must be http or https"}
	case u.Host == "":
		return nil, &EndpointError{Endpoint: raw, Reason: "no host"}
	case u.RawQuery != "" || u.Fragment != "" || u.User != nil:
		return nil, &EndpointError{Endpoint: raw, Reason: "an endpoint has no query, fragment or user information"}
	}
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	return u, nil
}

// validHostLabel reports whether s is a DNS label: 1 to 63 letters, digits
// and '-', not starting or ending with '-'.
func validHostLabel(s string) bool {
	if len(s) == 0 || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// invoke calls operation op, whose X-Amz-Target is target, with in, and
// decodes the answer into out, a pointer to op's response type. It is the
// one entry point of every operation's method. The steps, as the SDK's
// clients take them (a smithy-go middleware stack):
//
//  1. an empty ClientToken is filled, for the request types that have one
//     (EnsureClientToken): in is changed, so that a call with the same
//     value again, and each retry, carry the same token;
//  2. in is validated (its Validate) unless DisableValidation: an invalid
//     request is not sent, and its *lookout.ValidationException returned;
//  3. in is marshaled with encoding/json and POSTed to the endpoint with
//     Content-Type application/x-amz-json-1.0 and X-Amz-Target;
//  4. each attempt, in the retryer's loop, is signed anew (Signature Version
//     4, service lookoutequipment, the region, the credentials, the Clock)
//     with the body read again from its start;
//  5. a 2xx answer is decoded into out with encoding/json, members out does
//     not know ignored (an empty body is {}); another status is read by
//     lookout.ErrorFromResponse.
//
// Every error is a *smithy.OperationError (ServiceID, op) around the cause;
// an error the endpoint answered is inside an *awshttp.ResponseError, whose
// ServiceRequestID is the response's x-amzn-RequestId, around a
// *smithyhttp.ResponseError around the lookout error. The retryer retries
// what the SDK's standard retryer retries (connection errors, 5xx, 429,
// ThrottlingException, and any error whose RetryableError says so), with its
// backoff and its token bucket; a request whose retries run out fails with
// a *retry.MaxAttemptsError around the last error. Clock skew correction is
// not done: the client signs with Clock's time as it is.
func (c *Client) invoke(ctx context.Context, op, target string, in lookout.Request, out any, optFns []func(*Options)) error {
	options, signer := c.options, c.signer
	if len(optFns) > 0 {
		// The options may give other credentials: they get a signer of
		// their own (see Client.signer).
		options = options.Copy()
		for _, fn := range optFns {
			fn(&options)
		}
		resolveDefaults(&options, options.RetryMaxAttempts != c.options.RetryMaxAttempts)
		signer = newSigner(&options)
	}
	err := c.handle(ctx, op, target, &options, signer, in, out)
	if err != nil {
		return &smithy.OperationError{ServiceID: ServiceID, OperationName: op, Err: err}
	}
	return nil
}

func (c *Client) handle(ctx context.Context, op, target string, o *Options, sig *v4.Signer, in lookout.Request, out any) error {
	endpoint, err := resolveEndpoint(o)
	if err != nil {
		return err
	}
	ctx = middleware.ClearStackValues(ctx)
	ctx = middleware.WithServiceID(ctx, ServiceID)
	ctx = middleware.WithOperationName(ctx, op)
	ctx = awsmiddleware.SetServiceID(ctx, ServiceID)
	ctx = awsmiddleware.SetOperationName(ctx, op)
	if o.Region != "" {
		ctx = awsmiddleware.SetRegion(ctx, o.Region)
	}
	ctx = middleware.SetLogger(ctx, o.Logger)

	stack := middleware.NewStack(op, smithyhttp.NewStackRequest)
	if err := c.addMiddlewares(stack, o, sig, target, endpoint, out); err != nil {
		return err
	}
	for _, fn := range o.APIOptions {
		if err := fn(stack); err != nil {
			return err
		}
	}
	h := middleware.DecorateHandler(smithyhttp.NewClientHandlerWithOptions(o.HTTPClient), stack)
	_, _, err = h.Handle(ctx, in)
	return err
}

func (c *Client) addMiddlewares(stack *middleware.Stack, o *Options, sig *v4.Signer, target string, endpoint *url.URL, out any) error {
	steps := []error{
		stack.Initialize.Add(clientToken{}, middleware.After),
		stack.Serialize.Add(&serializer{target: target, endpoint: endpoint}, middleware.After),
		stack.Build.Add(&awsmiddleware.ClientRequestID{}, middleware.After),
		stack.Finalize.Add(retry.NewAttemptMiddleware(o.Retryer, smithyhttp.RequestCloner, func(a *retry.Attempt) {
			a.LogAttempts = o.ClientLogMode.IsRetries()
			a.DisableClockSkewCorrection = true
		}), middleware.After),
		stack.Finalize.Add(&signer{options: o, signer: sig}, middleware.After),
		stack.Deserialize.Add(&awsmiddleware.AddRawResponse{}, middleware.After),
		stack.Deserialize.Add(&awshttp.ResponseErrorWrapper{}, middleware.After),
		stack.Deserialize.Add(&awsmiddleware.RequestIDRetriever{}, middleware.After),
		stack.Deserialize.Add(&deserializer{out: out}, middleware.After),
	}
	if !o.DisableValidation {
		steps = append(steps, stack.Initialize.Add(validator{}, middleware.After))
	}
	ua := awsmiddleware.NewRequestUserAgent()
	if o.AppID != "" {
		ua.AddSDKAgentKey(awsmiddleware.ApplicationIdentifier, o.AppID)
	}
	steps = append(steps, stack.Build.Add(ua, middleware.After))
	return errors.Join(steps...)
}

// clientToken fills an empty ClientToken, before validation.
type clientToken struct{}

func (clientToken) ID() string { return "LookoutClientToken" }

func (clientToken) HandleInitialize(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (
	middleware.InitializeOutput, middleware.Metadata, error,
) {
	if r, ok := in.Parameters.(interface{ EnsureClientToken() string }); ok {
		r.EnsureClientToken()
	}
	return next.HandleInitialize(ctx, in)
}

// validator validates the request before it is sent.
type validator struct{}

func (validator) ID() string { return "LookoutValidate" }

func (validator) HandleInitialize(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (
	middleware.InitializeOutput, middleware.Metadata, error,
) {
	if r, ok := in.Parameters.(lookout.Request); ok {
		if err := r.Validate(); err != nil {
			return middleware.InitializeOutput{}, middleware.Metadata{}, err
		}
	}
	return next.HandleInitialize(ctx, in)
}

// serializer writes the request: POST, the endpoint, the protocol's
// headers, the JSON body, and the body's SHA-256 for the signer.
type serializer struct {
	target   string
	endpoint *url.URL
}

func (*serializer) ID() string { return "LookoutSerialize" }

func (m *serializer) HandleSerialize(ctx context.Context, in middleware.SerializeInput, next middleware.SerializeHandler) (
	middleware.SerializeOutput, middleware.Metadata, error,
) {
	req, ok := in.Request.(*smithyhttp.Request)
	if !ok {
		return middleware.SerializeOutput{}, middleware.Metadata{}, fmt.Errorf("unexpected transport type %T", in.Request)
	}
	body, err := json.Marshal(in.Parameters)
	if err != nil {
		return middleware.SerializeOutput{}, middleware.Metadata{}, &smithy.SerializationError{Err: err}
	}
	if string(body) == "null" { // a nil request: no member is set
		body = []byte("{}")
	}
	u := *m.endpoint
	req.URL = &u
	req.Method = http.MethodPost
	req.Header.Set("Content-Type", lookout.ContentType)
	req.Header.Set("X-Amz-Target", m.target)
	req.ContentLength = int64(len(body))
	sum := sha256.Sum256(body)
	ctx = v4.SetPayloadHash(ctx, hex.EncodeToString(sum[:]))
	ctx = middleware.WithStackValue(ctx, bodyKey{}, body)
	return next.HandleSerialize(ctx, in)
}

// bodyKey is the stack value of the request's body, which each attempt
// sends anew.
type bodyKey struct{}

// setBody gives the attempt's request a reader of the whole body, and a
// GetBody, as http.NewRequest gives a request of a *bytes.Reader: each
// attempt reads the body from its start, and net/http can send it again on
// a fresh connection when a kept-alive one turns out closed. (A smithy-go
// request stream is not used: its reader is closed when the client returns
// the response, which can come before net/http's writer is done with the
// body, and net/http then drops the connection instead of reusing it.)
func setBody(ctx context.Context, req *smithyhttp.Request) {
	body, _ := middleware.GetStackValue(ctx, bodyKey{}).([]byte)
	req.ContentLength = int64(len(body))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	req.Body, _ = req.GetBody()
}

// signer gives each attempt its body and signs it, after the retryer, so
// that each attempt is signed with its own time.
type signer struct {
	options *Options
	signer  *v4.Signer
}

func (*signer) ID() string { return "Signing" }

func (m *signer) HandleFinalize(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (
	middleware.FinalizeOutput, middleware.Metadata, error,
) {
	o := m.options
	req, ok := in.Request.(*smithyhttp.Request)
	if !ok {
		return middleware.FinalizeOutput{}, middleware.Metadata{}, fmt.Errorf("unexpected transport type %T", in.Request)
	}
	setBody(ctx, req)
	switch o.Credentials.(type) {
	case nil, aws.AnonymousCredentials, *aws.AnonymousCredentials:
		return next.HandleFinalize(ctx, in)
	}
	creds, err := o.Credentials.Retrieve(ctx)
	if err != nil {
		return middleware.FinalizeOutput{}, middleware.Metadata{}, fmt.Errorf("failed to retrieve credentials: %w", err)
	}
	if err := m.signer.SignHTTP(ctx, creds, req.Request, v4.GetPayloadHash(ctx), SigningName, o.Region, o.Clock().UTC()); err != nil {
		return middleware.FinalizeOutput{}, middleware.Metadata{}, &v4.SigningError{Err: err}
	}
	return next.HandleFinalize(ctx, in)
}

// deserializer reads the answer: a 2xx body into out, another status as
// lookout.ErrorFromResponse reads it.
type deserializer struct {
	out any
}

func (*deserializer) ID() string { return "LookoutDeserialize" }

func (m *deserializer) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (
	middleware.DeserializeOutput, middleware.Metadata, error,
) {
	out, md, err := next.HandleDeserialize(ctx, in)
	if err != nil {
		return out, md, err
	}
	resp, ok := out.RawResponse.(*smithyhttp.Response)
	if !ok {
		return out, md, &smithy.DeserializationError{Err: fmt.Errorf("unknown transport type %T", out.RawResponse)}
	}
	defer func() {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // let the connection be reused
		_ = resp.Body.Close()
	}()
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		return out, md, lookout.ErrorFromResponse(resp.Response)
	}
	if err := json.NewDecoder(resp.Body).Decode(m.out); err != nil && err != io.EOF {
		return out, md, &smithy.DeserializationError{Err: fmt.Errorf("reading the %d response: %w", resp.StatusCode, err)}
	}
	out.Result = m.out
	return out, md, nil
}
