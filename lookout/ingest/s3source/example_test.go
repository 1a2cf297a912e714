package s3source_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http/httptest"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest/s3source"
)

// A Source over a client of your own: here one pointed at an in-process S3.
func ExampleNew() {
	backend := s3mem.New()
	_ = backend.CreateBucket("sensors")
	for key, body := range map[string]string{
		"plant/pump1/january.csv": "Timestamp,Flow\n2024-01-01 00:00:00,1.5\n",
		"plant/pump1/":            "",
	} {
		_, _ = backend.PutObject("sensors", key, nil, bytes.NewReader([]byte(body)), int64(len(body)), nil)
	}
	srv := httptest.NewServer(gofakes3.New(backend).Server())
	defer srv.Close()

	client := s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
	})
	src := s3source.New(client, "sensors")
	ctx := context.Background()

	_ = src.List(ctx, "plant/", func(o ingest.Object) error {
		fmt.Println(o.Key, o.Size)
		return nil
	})

	// The header line only: bytes [0, 14).
	r, err := src.Open(ctx, "plant/pump1/january.csv", 0, 14)
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	header, err := io.ReadAll(r)
	fmt.Printf("%q %v\n", header, err)

	_, err = src.Open(ctx, "plant/pump2/january.csv", 0, -1)
	fmt.Println(errors.Is(err, s3source.ErrNoSuchKey))
	fmt.Println(err.(*s3source.Error).Code)
	// Output:
	// plant/pump1/ 0
	// plant/pump1/january.csv 39
	// "Timestamp,Flow" <nil>
	// true
	// NoSuchKey
}

// Load builds the client from the default credential chain and shared
// configuration; AWS_ENDPOINT_URL_S3 or Config.Endpoint points it at an
// S3-compatible store, read path-style.
func ExampleLoad() {
	ctx := context.Background()
	src, err := s3source.Load(ctx, "my-bucket", s3source.Config{
		Endpoint: os.Getenv("MY_S3_ENDPOINT"), // "" for AWS
		MaxConns: 16,
	})
	if err != nil {
		log.Fatal(err)
	}
	err = src.List(ctx, "plant/", func(o ingest.Object) error {
		fmt.Println(o.Key, o.Size)
		return nil
	})
	switch {
	case errors.Is(err, s3source.ErrNoSuchBucket):
		log.Fatal("no such bucket: ", err)
	case errors.Is(err, s3source.ErrAccessDenied), errors.Is(err, s3source.ErrCredentials):
		log.Fatal("not allowed to list it: ", err)
	case err != nil:
		log.Fatal(err)
	}
}
