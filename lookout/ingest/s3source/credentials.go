package s3source

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// credentialsError marks a failure to retrieve credentials, so that it is
// told from the other failures before a request is sent.
type credentialsError struct{ err error }

func (e *credentialsError) Error() string { return e.err.Error() }
func (e *credentialsError) Unwrap() error { return e.err }

// markedCredentials is the client's credentials provider, its errors marked.
type markedCredentials struct{ p aws.CredentialsProvider }

func (m markedCredentials) Retrieve(ctx context.Context) (aws.Credentials, error) {
	c, err := m.p.Retrieve(ctx)
	if err != nil && ctx.Err() == nil {
		return c, &credentialsError{err}
	}
	return c, err
}

// IsCredentialsProvider reports what the wrapped provider is, for the SDK's
// checks of the provider's type.
func (m markedCredentials) IsCredentialsProvider(target aws.CredentialsProvider) bool {
	return aws.IsCredentialsProvider(m.p, target)
}

// markCredentials is the per-operation option of every request: it marks
// the errors of the client's credentials provider (nil for anonymous
// access: left as it is).
func markCredentials(o *s3.Options) {
	if o.Credentials != nil {
		o.Credentials = markedCredentials{o.Credentials}
	}
}
