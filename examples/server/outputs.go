package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// outputs writes the objects the service writes to its customers' buckets:
// a training's model diagnostics and an inference run's results.jsonl.
type outputs interface {
	// put writes body as the object key of bucket, whole or not at all.
	put(ctx context.Context, bucket, key string, body []byte) error
}

// NoBucketError is a write to a bucket that does not exist.
type NoBucketError struct{ Bucket string }

func (e *NoBucketError) Error() string {
	return fmt.Sprintf("NoSuchBucket: the bucket %s does not exist", e.Bucket)
}

// put writes DIR/<bucket>/<key>, confined to the bucket's folder (a key
// that would leave it, or pass through a link, is refused by os.Root),
// through a temporary file renamed into place once synced: a reader never
// sees part of an object. The bucket's folder must exist; the key's
// folders are made.
func (d dirSources) put(_ context.Context, bucket, key string, body []byte) error {
	dir := filepath.Join(d.dir, bucket)
	if strings.ContainsAny(bucket, `/\`) || bucket == "" || bucket == "." || bucket == ".." {
		return &NoBucketError{Bucket: bucket}
	}
	root, err := os.OpenRoot(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return &NoBucketError{Bucket: bucket}
	}
	if err != nil {
		return err
	}
	defer root.Close()
	if key == "" || strings.HasSuffix(key, "/") {
		return fmt.Errorf("the key %q names no object", key)
	}
	name := path.Clean(key)
	if folder := path.Dir(name); folder != "." {
		if err := root.MkdirAll(folder, 0o755); err != nil {
			return err
		}
	}
	var rnd [8]byte
	_, _ = rand.Read(rnd[:])
	tmp := name + ".tmp-" + hex.EncodeToString(rnd[:])
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(body)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, name)
	}
	if err != nil {
		_ = root.Remove(tmp)
		return err
	}
	return nil
}

// put writes the object with one PutObject.
func (s s3Sources) put(ctx context.Context, bucket, key string, body []byte) error {
	_, err := s.client.PutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(body),
		ContentLength: aws.Int64(int64(len(body))),
	})
	return err
}
