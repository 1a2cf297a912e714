package client_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/client"
)

// urlRecorder is an HTTP client that answers {} and records the URLs.
type urlRecorder struct {
	mu   sync.Mutex
	urls []string
}

func (u *urlRecorder) Do(r *http.Request) (*http.Response, error) {
	u.mu.Lock()
	u.urls = append(u.urls, r.URL.String())
	u.mu.Unlock()
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("{}")), Request: r}, nil
}

// endpointEnv is every variable the endpoint's resolution reads.
var endpointEnv = []string{
	"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_LOOKOUTEQUIPMENT", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
	"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
	"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
}

func clearEnv(t *testing.T) {
	for _, k := range endpointEnv {
		t.Setenv(k, "") // restored after the test
		require.NoError(t, os.Unsetenv(k))
	}
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

const (
	profileWithServices = `[default]
region = eu-west-1
endpoint_url = http://profile.example:1
services = local

[services local]
lookoutequipment =
  endpoint_url = http://services.example:2
`
	profileOnly = "[default]\nregion = eu-west-1\nendpoint_url = http://profile.example:1\n"
	plain       = "[default]\nregion = eu-west-1\n"
)

// TestEndpointOrder: Options.BaseEndpoint, then AWS_ENDPOINT_URL_LOOKOUTEQUIPMENT
// or the shared config's services section, then aws.Config.BaseEndpoint, then
// the region's endpoint; as config.LoadDefaultConfig reads them. Not parallel:
// it sets environment variables.
func TestEndpointOrder(t *testing.T) {
	for _, tc := range []struct {
		name   string
		config string
		env    map[string]string
		option string
		want   string
	}{
		{"the region's", plain, nil, "", "https://lookoutequipment.eu-west-1.amazonaws.com/"},
		{"the profile's endpoint_url", profileOnly, nil, "", "http://profile.example:1/"},
		{"the services section before the profile's endpoint_url", profileWithServices, nil, "", "http://services.example:2/"},
		{"the service's variable before the services section", profileWithServices,
			map[string]string{"AWS_ENDPOINT_URL_LOOKOUTEQUIPMENT": "http://env-service.example:3"}, "", "http://env-service.example:3/"},
		{"the service's variable before the global one", plain,
			map[string]string{"AWS_ENDPOINT_URL_LOOKOUTEQUIPMENT": "http://env-service.example:3", "AWS_ENDPOINT_URL": "http://env-global.example:4"}, "", "http://env-service.example:3/"},
		{"the global variable alone: the SDK keeps it, and skips the services section", profileWithServices,
			map[string]string{"AWS_ENDPOINT_URL": "http://env-global.example:4"}, "", "http://env-global.example:4/"},
		{"Options.BaseEndpoint before everything", profileWithServices,
			map[string]string{"AWS_ENDPOINT_URL_LOOKOUTEQUIPMENT": "http://env-service.example:3", "AWS_ENDPOINT_URL": "http://env-global.example:4"},
			"http://option.example:5/base/", "http://option.example:5/base/"},
		{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", profileWithServices,
			map[string]string{"AWS_ENDPOINT_URL_LOOKOUTEQUIPMENT": "http://env-service.example:3", "AWS_ENDPOINT_URL": "http://env-global.example:4", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"},
			"", "https://lookoutequipment.eu-west-1.amazonaws.com/"},
		{"ignore_configured_endpoint_urls in the profile", profileWithServices + "ignore_configured_endpoint_urls = true\n", nil, "",
			"http://services.example:2/"}, // the line lands in [services local], not [default]: no effect
		{"ignore_configured_endpoint_urls in the profile, placed right", strings.Replace(profileWithServices, "services = local\n", "services = local\nignore_configured_endpoint_urls = true\n", 1), nil, "",
			"https://lookoutequipment.eu-west-1.amazonaws.com/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			dir := t.TempDir()
			cfgPath, credPath := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
			require.NoError(t, os.WriteFile(cfgPath, []byte(tc.config), 0o600))
			require.NoError(t, os.WriteFile(credPath, []byte("[default]\naws_access_key_id = "+keyID+"\naws_secret_access_key = "+secret+"\n"), 0o600))
			cfg, err := config.LoadDefaultConfig(context.Background(),
				config.WithSharedConfigFiles([]string{cfgPath}), config.WithSharedCredentialsFiles([]string{credPath}))
			require.NoError(t, err)

			rec := &urlRecorder{}
			c := client.New(cfg, func(o *client.Options) {
				o.HTTPClient = rec
				if tc.option != "" {
					o.BaseEndpoint = aws.String(tc.option)
				}
			})
			_, err = c.ListDatasets(context.Background(), &lookout.ListDatasetsRequest{})
			require.NoError(t, err)
			assert.Equal(t, []string{tc.want}, rec.urls)
		})
	}
}

func TestEndpointFromConfig(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		cfg  aws.Config
		opt  func(*client.Options)
		want string
	}{
		"aws.Config.BaseEndpoint":    {aws.Config{Region: region, BaseEndpoint: aws.String("http://cfg.example")}, nil, "http://cfg.example/"},
		"a path is kept":             {aws.Config{Region: region, BaseEndpoint: aws.String("https://gw.example/lookout")}, nil, "https://gw.example/lookout"},
		"the region's":               {aws.Config{Region: "ap-northeast-2"}, nil, "https://lookoutequipment.ap-northeast-2.amazonaws.com/"},
		"a region per call":          {aws.Config{Region: region}, func(o *client.Options) { o.Region = "eu-west-1" }, "https://lookoutequipment.eu-west-1.amazonaws.com/"},
		"an endpoint per call":       {aws.Config{Region: region}, func(o *client.Options) { o.BaseEndpoint = aws.String("http://call.example") }, "http://call.example/"},
		"ServiceOptions of a config": {aws.Config{Region: region, ServiceOptions: []func(string, any){serviceOption}}, nil, "http://service-option.example/"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rec := &urlRecorder{}
			c := client.New(tc.cfg, func(o *client.Options) { o.HTTPClient = rec })
			var opts []func(*client.Options)
			if tc.opt != nil {
				opts = append(opts, tc.opt)
			}
			_, err := c.ListDatasets(context.Background(), &lookout.ListDatasetsRequest{}, opts...)
			require.NoError(t, err)
			assert.Equal(t, []string{tc.want}, rec.urls)
		})
	}
}

func serviceOption(id string, o any) {
	if id == client.ServiceID {
		o.(*client.Options).BaseEndpoint = aws.String("http://service-option.example")
	}
}

func TestEndpointErrors(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		cfg    aws.Config
		reason string
	}{
		"no region":       {aws.Config{}, "no region and no endpoint are configured (set aws.Config's Region, AWS_REGION, or an endpoint)"},
		"region not host": {aws.Config{Region: "us east 1"}, "not a valid region: a region is letters, digits and '-'"},
		"ftp endpoint":    {aws.Config{Region: region, BaseEndpoint: aws.String("ftp://x.example")}, "the scheme must be http or https"},
		"no host":         {aws.Config{Region: region, BaseEndpoint: aws.String("http:///x")}, "no host"},
		"a query":         {aws.Config{Region: region, BaseEndpoint: aws.String("http://x.example/?a=b")}, "an endpoint has no query, fragment or user information"},
		"relative":        {aws.Config{Region: region, BaseEndpoint: aws.String("x.example")}, "the scheme must be http or https"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rec := &urlRecorder{}
			tc.cfg.Credentials = credentials.NewStaticCredentialsProvider(keyID, secret, "")
			_, err := client.New(tc.cfg, func(o *client.Options) { o.HTTPClient = rec }).ListDatasets(context.Background(), nil)
			var ee *client.EndpointError
			require.ErrorAs(t, err, &ee)
			assert.Equal(t, tc.reason, ee.Reason)
			assert.Empty(t, rec.urls)
		})
	}
}
