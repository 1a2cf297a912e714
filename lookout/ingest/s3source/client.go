package s3source

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Addressing is how a client names the bucket in its requests.
type Addressing int

const (
	// AddressingAuto is path-style addressing when a custom endpoint is in
	// effect (Config.Endpoint, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, or
	// endpoint_url in the shared config file), as most S3-compatible stores
	// expect, and virtual-hosted-style on AWS.
	AddressingAuto Addressing = iota
	// AddressingPath is path-style: https://endpoint/bucket/key.
	AddressingPath
	// AddressingVirtualHost is virtual-hosted-style: https://bucket.endpoint/key.
	AddressingVirtualHost
)

// DefaultCompatRegion is the region a client signs with when a custom
// endpoint is in effect and no region is configured: S3-compatible stores
// commonly accept it.
const DefaultCompatRegion = "us-east-1"

// DefaultReadTimeout is the [Config].ReadTimeout of a zero Config.
const DefaultReadTimeout = time.Minute

// Config is how [NewClient] and [Load] build an S3 client beyond the default
// credential chain and shared configuration (environment variables,
// ~/.aws/config and ~/.aws/credentials, SSO, web identity, container and
// instance roles, as config.LoadDefaultConfig reads them). The zero Config
// uses that configuration as it is.
type Config struct {
	// Region overrides the configured region (AWS_REGION, the profile's
	// region). With no region at all, NewClient fails (kind [ErrConfig])
	// unless an endpoint is in effect, when it uses [DefaultCompatRegion].
	Region string
	// Endpoint is the base URL of an S3-compatible store
	// ("http://localhost:9000"). Empty: AWS_ENDPOINT_URL_S3 (or
	// AWS_ENDPOINT_URL, or the profile's endpoint_url) when set, as the SDK
	// reads them, otherwise AWS's endpoint for the region. Whichever is in
	// effect must be an http or https URL with a host ([ErrConfig]
	// otherwise).
	Endpoint string
	// Addressing is path-style or virtual-hosted-style addressing; see
	// [AddressingAuto].
	Addressing Addressing
	// MaxConns caps the client's connections per host and keeps as many idle
	// for reuse; set it at least to the number of concurrent reads. 0 keeps
	// the SDK's defaults (no cap, 10 idle per host).
	MaxConns int
	// ReadTimeout is how long a connection may deliver nothing before its
	// read fails: a request is then retried, and a body is resumed from where
	// it stopped, so that a stalled stream does not hold a read forever. 0 is
	// [DefaultReadTimeout]; a negative value sets none.
	ReadTimeout time.Duration
	// LoadOptions are passed to config.LoadDefaultConfig after the package's
	// own (a profile, a retryer, a credentials provider, ...).
	LoadOptions []func(*config.LoadOptions) error
}

// NewClient returns an S3 client built from the default credential chain and
// shared configuration, with cfg applied. Credentials are not retrieved until
// the first request: missing ones are that request's [ErrCredentials]. Its
// errors are [*Error] values with Op "LoadDefaultConfig" and kind [ErrConfig].
func NewClient(ctx context.Context, cfg Config) (*s3.Client, error) {
	var opts []func(*config.LoadOptions) error
	if cfg.Region != "" {
		opts = append(opts, config.WithRegion(cfg.Region))
	}
	hc := awshttp.NewBuildableClient()
	switch {
	case cfg.ReadTimeout == 0:
		hc = hc.WithReadTimeout(DefaultReadTimeout)
	case cfg.ReadTimeout > 0:
		hc = hc.WithReadTimeout(cfg.ReadTimeout)
	default:
		hc = hc.WithReadTimeout(0)
	}
	if n := cfg.MaxConns; n > 0 {
		hc = hc.WithTransportOptions(func(t *http.Transport) {
			t.MaxConnsPerHost = n
			t.MaxIdleConnsPerHost = n
		})
	}
	opts = append(opts, config.WithHTTPClient(hc))
	opts = append(opts, cfg.LoadOptions...)
	awsCfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, &Error{Op: "LoadDefaultConfig", Kind: ErrConfig, Err: err}
	}
	if cfg.Addressing < AddressingAuto || cfg.Addressing > AddressingVirtualHost {
		return nil, &Error{Op: "LoadDefaultConfig", Kind: ErrConfig,
			Err: fmt.Errorf("unknown Addressing %d", int(cfg.Addressing))}
	}
	var noRegion bool
	var endpoint string
	client := s3.NewFromConfig(awsCfg, func(o *s3.Options) {
		// The SDK logs a line for every whole-object GET of an object stored
		// without a checksum (most of them); the reader checks lengths itself.
		o.DisableLogOutputChecksumValidationSkipped = true
		if cfg.Endpoint != "" {
			o.BaseEndpoint = &cfg.Endpoint
		}
		custom := o.BaseEndpoint != nil
		if custom {
			endpoint = *o.BaseEndpoint
		}
		switch cfg.Addressing {
		case AddressingPath:
			o.UsePathStyle = true
		case AddressingVirtualHost:
			o.UsePathStyle = false
		default:
			o.UsePathStyle = o.UsePathStyle || custom
		}
		if o.Region == "" {
			if custom {
				o.Region = DefaultCompatRegion
			} else {
				noRegion = true
			}
		}
	})
	if endpoint != "" {
		if u, err := url.Parse(endpoint); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, &Error{Op: "LoadDefaultConfig", Kind: ErrConfig,
				Err: fmt.Errorf("endpoint %q is not an http or https URL with a host", endpoint)}
		}
	}
	if noRegion {
		return nil, &Error{Op: "LoadDefaultConfig", Kind: ErrConfig,
			Err: errors.New("no region: set AWS_REGION, a profile's region, or Config.Region")}
	}
	return client, nil
}

// Load returns the Source of bucket read through [NewClient](ctx, cfg).
func Load(ctx context.Context, bucket string, cfg Config, opts ...Option) (*Source, error) {
	client, err := NewClient(ctx, cfg)
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Bucket = bucket
		}
		return nil, err
	}
	return New(client, bucket, opts...), nil
}
