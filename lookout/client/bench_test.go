package client_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/client"
)

// BenchmarkCall measures one DescribeDataset call against lookout.NewHandler
// over loopback HTTP: with the client, and sent by hand with net/http,
// encoding/json and the SDK's signer (the baseline; the target is at most
// twice its time).
func BenchmarkCall(b *testing.B) {
	srv := httptest.NewServer(lookout.NewHandler(lookout.Service{
		DescribeDataset: func(_ context.Context, r *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error) {
			return &lookout.DescribeDatasetResponse{DatasetArn: datasetArn, DatasetName: r.DatasetName, Status: lookout.DatasetStatusActive}, nil
		},
	}))
	defer srv.Close()
	ctx := context.Background()
	in := &lookout.DescribeDatasetRequest{DatasetName: datasetName}

	b.Run("client", func(b *testing.B) {
		c := newClient(srv)
		b.ReportAllocs()
		for b.Loop() {
			out, err := c.DescribeDataset(ctx, in)
			if err != nil || out.Status != lookout.DatasetStatusActive {
				b.Fatal(out, err)
			}
		}
	})
	b.Run("by-hand", func(b *testing.B) {
		httpClient := srv.Client()
		signer := v4.NewSigner()
		creds := aws.Credentials{AccessKeyID: keyID, SecretAccessKey: secret}
		b.ReportAllocs()
		for b.Loop() {
			out, err := byHand(ctx, httpClient, signer, creds, srv.URL, in)
			if err != nil || out.Status != lookout.DatasetStatusActive {
				b.Fatal(out, err)
			}
		}
	})
}

func byHand(ctx context.Context, httpClient *http.Client, signer *v4.Signer, creds aws.Credentials, url string, in *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error) {
	body, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", lookout.ContentType)
	req.Header.Set("X-Amz-Target", "AWSLookoutEquipmentFrontendService.DescribeDataset")
	sum := sha256.Sum256(body)
	if err := signer.SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), client.SigningName, region, time.Now()); err != nil {
		return nil, err
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, lookout.ErrorFromResponse(resp)
	}
	out := new(lookout.DescribeDatasetResponse)
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return nil, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return out, nil
}
