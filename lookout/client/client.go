package client

import (
	"context"
	"net/http"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go/logging"
	"github.com/aws/smithy-go/middleware"
)

const (
	// ServiceID is the service's SDK id: the name of the service in an
	// operation's error (smithy.OperationError's ServiceID), and the id the
	// shared config's services section and AWS_ENDPOINT_URL_<ID> are read
	// under (AWS_ENDPOINT_URL_LOOKOUTEQUIPMENT, lookoutequipment).
	ServiceID = "LookoutEquipment"
	// SigningName is the service name requests are signed for.
	SigningName = "lookoutequipment"
	// ServiceAPIVersion is the version of the API the client speaks.
	ServiceAPIVersion = "2020-12-15"
)

// HTTPClient sends an HTTP request: *http.Client, or the SDK's
// awshttp.BuildableClient.
type HTTPClient interface {
	Do(*http.Request) (*http.Response, error)
}

// Options configures a Client. New fills it from an aws.Config; the
// functions given to New, and to each operation, change it.
type Options struct {
	// BaseEndpoint, when set, is the URL requests are sent to, before every
	// other source of an endpoint (see New).
	BaseEndpoint *string

	// Region is the region requests are signed for and, without a
	// configured endpoint, sent to.
	Region string

	// Credentials signs the requests. Nil, or aws.AnonymousCredentials,
	// sends them unsigned. A provider that is not an *aws.CredentialsCache is
	// wrapped in one, as the SDK's clients do.
	Credentials aws.CredentialsProvider

	// HTTPClient sends the requests: awshttp.NewBuildableClient() unless
	// set.
	HTTPClient HTTPClient

	// Retryer decides which failed attempts are retried, after what delay,
	// and how many retries the client's token bucket allows: by default the
	// SDK's standard retryer, retry.NewStandard(), with RetryMaxAttempts when
	// set (retry.NewAdaptiveMode() when RetryMode is adaptive).
	Retryer aws.Retryer

	// RetryMaxAttempts, when not 0, sets the retryer's maximum number of
	// attempts (retry.AddWithMaxAttempts).
	RetryMaxAttempts int

	// RetryMode chooses the default retryer: aws.RetryModeStandard (the
	// default) or aws.RetryModeAdaptive. It is not read when Retryer is set.
	RetryMode aws.RetryMode

	// DisableValidation sends requests without validating them first.
	// By default each request is validated (its Validate method) and an
	// invalid one is not sent: the operation returns its
	// *lookout.ValidationException.
	DisableValidation bool

	// Clock is the time requests are signed with: time.Now unless set.
	Clock func() time.Time

	// APIOptions change the middleware stack of every operation, as in the
	// SDK's clients.
	APIOptions []func(*middleware.Stack) error

	// Logger logs what ClientLogMode asks for (retries).
	Logger logging.Logger

	// ClientLogMode says what to log: aws.LogRetries logs the retries.
	ClientLogMode aws.ClientLogMode

	// AppID, when set, is added to the User-Agent header.
	AppID string
}

// Copy returns a copy of o whose slices can be changed without changing o's.
func (o Options) Copy() Options {
	o.APIOptions = append([]func(*middleware.Stack) error(nil), o.APIOptions...)
	return o
}

// Client calls the service's operations. It is safe for concurrent use.
type Client struct {
	options Options
	// signer is the client's own: the SDK's signer keeps the signing key it
	// derived for an access key id, whatever the secret, so two clients
	// with one key id and different secrets must not share one.
	signer *v4.Signer
}

// New returns a client configured from cfg, as the SDK's NewFromConfig: its
// region, credentials, HTTP client, retryer (cfg.Retryer, RetryMaxAttempts,
// RetryMode), logger, APIOptions, AppID and endpoints, then changed by the
// cfg.ServiceOptions (called with ServiceID) and optFns.
//
// The endpoint is the first of, in the SDK's order:
//  1. Options.BaseEndpoint, set by one of optFns;
//  2. the service's endpoint in cfg.ConfigSources: the environment variable
//     AWS_ENDPOINT_URL_LOOKOUTEQUIPMENT, or the shared config file's
//     services section (lookoutequipment = endpoint_url = ...), unless
//     AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the profile's
//     ignore_configured_endpoint_urls) is true, and unless AWS_ENDPOINT_URL is
//     set without AWS_ENDPOINT_URL_LOOKOUTEQUIPMENT (the SDK's clients then
//     keep the global one);
//  3. cfg.BaseEndpoint (AWS_ENDPOINT_URL, or the profile's endpoint_url, when
//     cfg comes from config.LoadDefaultConfig);
//  4. https://lookoutequipment.REGION.amazonaws.com.
//
// Options.BaseEndpoint holds the endpoint of 1 to 3 once New returns (nil
// for the region's). Requests go to the endpoint's path ("/" when it has
// none).
func New(cfg aws.Config, optFns ...func(*Options)) *Client {
	o := Options{
		Region:           cfg.Region,
		Credentials:      cfg.Credentials,
		HTTPClient:       cfg.HTTPClient,
		RetryMaxAttempts: cfg.RetryMaxAttempts,
		RetryMode:        cfg.RetryMode,
		APIOptions:       append([]func(*middleware.Stack) error(nil), cfg.APIOptions...),
		Logger:           cfg.Logger,
		ClientLogMode:    cfg.ClientLogMode,
		AppID:            cfg.AppID,
	}
	if cfg.Retryer != nil {
		o.Retryer = cfg.Retryer()
	}
	if cfg.BaseEndpoint != nil {
		o.BaseEndpoint = aws.String(*cfg.BaseEndpoint)
	}
	if v, ok := configuredEndpoint(cfg.ConfigSources); ok {
		o.BaseEndpoint = aws.String(v)
	}
	for _, fn := range cfg.ServiceOptions {
		fn(ServiceID, &o)
	}
	for _, fn := range optFns {
		fn(&o)
	}
	resolveDefaults(&o, true)
	return &Client{options: o, signer: newSigner(&o)}
}

func newSigner(o *Options) *v4.Signer {
	return v4.NewSigner(func(so *v4.SignerOptions) {
		so.Logger = o.Logger
		so.LogSigning = o.ClientLogMode.IsSigning()
	})
}

// Options returns a copy of the client's options.
func (c *Client) Options() Options { return c.options.Copy() }

// resolveDefaults fills what o leaves unset; withMaxAttempts applies
// RetryMaxAttempts to a Retryer that is set.
func resolveDefaults(o *Options, withMaxAttempts bool) {
	if o.HTTPClient == nil {
		o.HTTPClient = awshttp.NewBuildableClient()
	}
	if o.Retryer == nil {
		var std []func(*retry.StandardOptions)
		if o.RetryMaxAttempts != 0 {
			n := o.RetryMaxAttempts
			std = append(std, func(so *retry.StandardOptions) { so.MaxAttempts = n })
		}
		if o.RetryMode == aws.RetryModeAdaptive {
			o.Retryer = retry.NewAdaptiveMode(func(ao *retry.AdaptiveModeOptions) { ao.StandardOptions = append(ao.StandardOptions, std...) })
		} else {
			o.Retryer = retry.NewStandard(std...)
		}
	} else if withMaxAttempts && o.RetryMaxAttempts != 0 {
		o.Retryer = retry.AddWithMaxAttempts(o.Retryer, o.RetryMaxAttempts)
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Logger == nil {
		o.Logger = logging.Nop{}
	}
	switch o.Credentials.(type) {
	case nil, aws.AnonymousCredentials, *aws.AnonymousCredentials, *aws.CredentialsCache:
	default:
		o.Credentials = aws.NewCredentialsCache(o.Credentials)
	}
}

// configuredEndpoint returns the service's endpoint in sources, read as the
// SDK's clients read it (their resolveBaseEndpoint, with
// internal/configsources.ResolveServiceBaseEndpoint), and whether there is
// one.
func configuredEndpoint(sources []any) (string, bool) {
	ctx := context.Background()
	if _, global := os.LookupEnv("AWS_ENDPOINT_URL"); global {
		if _, own := os.LookupEnv("AWS_ENDPOINT_URL_LOOKOUTEQUIPMENT"); !own {
			return "", false
		}
	}
	for _, s := range sources {
		if p, ok := s.(interface {
			GetIgnoreConfiguredEndpoints(context.Context) (bool, bool, error)
		}); ok {
			ignore, found, err := p.GetIgnoreConfiguredEndpoints(ctx)
			if found && ignore && err == nil {
				return "", false
			}
			if err != nil || found {
				break
			}
		}
	}
	for _, s := range sources {
		if p, ok := s.(interface {
			GetServiceBaseEndpoint(context.Context, string) (string, bool, error)
		}); ok {
			v, found, err := p.GetServiceBaseEndpoint(ctx, ServiceID)
			if err != nil {
				return "", false
			}
			if found {
				return v, true
			}
		}
	}
	return "", false
}
