package main

import (
	"cmp"
	"context"
	"os"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest/s3source"
)

// dataError is why the data could not be checked at all: the -data
// directory cannot be read, S3 cannot be configured, or the check was
// interrupted.
type dataError struct {
	// What says what went wrong.
	What string
	// Err is the cause.
	Err error
}

// Error returns what went wrong.
func (e *dataError) Error() string { return e.What }

// Unwrap returns the cause.
func (e *dataError) Unwrap() error { return e.Err }

// checkData runs the ingestion check of res's request (which is valid)
// against the objects opts.data names, with schema (nil for none), and
// records the result in res: its Ingestion, and the exit status 1 when the
// job would fail on its data, 2 when it would fail because the data cannot
// be read (the listing, or an object). It returns a *dataError when the check cannot run.
func checkData(ctx context.Context, e *env, opts options, schema *lookout.DataSchema, res *result) error {
	s3in := res.req.IngestionInputConfiguration.S3InputConfiguration
	where := "s3://" + s3in.Bucket + "/"
	if s3in.Prefix != nil {
		where += *s3in.Prefix
	}
	var src ingest.Source
	checkOpts := []ingest.Option{}
	if opts.reads > 0 {
		checkOpts = append(checkOpts, ingest.WithConcurrency(opts.reads))
	}
	if opts.data == dataS3 {
		// As many connections as reads in flight, so that they are
		// reused (s3source's advice).
		reads := cmp.Or(opts.reads, s3source.DefaultReads)
		s, err := s3source.Load(ctx, s3in.Bucket, s3source.Config{MaxConns: reads},
			s3source.WithReads(reads), s3source.WithReadStall(opts.readStall))
		if err != nil {
			return &dataError{What: "-data s3: " + err.Error(), Err: err}
		}
		src = s
		res.Data = where
	} else {
		info, err := os.Stat(opts.data)
		switch {
		case err != nil:
			return &dataError{What: "-data " + opts.data + ": " + describe(err).Error(), Err: err}
		case !info.IsDir():
			return &dataError{What: "-data " + opts.data + ": not a directory (it holds the bucket's objects, DIR/<key>)"}
		}
		d, err := ingest.Dir(opts.data)
		if err != nil {
			return &dataError{What: "-data " + opts.data + ": " + describe(err).Error(), Err: err}
		}
		defer d.Close()
		src = d
		res.Data = opts.data + ", as " + where
	}
	if e.wrapSource != nil {
		src = e.wrapSource(src)
	}
	var bar *progressLine
	if e.tty {
		bar = newProgressLine(e.stderr, e.now, e.progressDelay)
		checkOpts = append(checkOpts, ingest.WithProgress(bar.update, progressInterval))
	}
	out, err := ingest.Check(ctx, res.req, schema, src, checkOpts...)
	if bar != nil {
		bar.finish()
	}
	if err != nil {
		if ctx.Err() != nil {
			return &dataError{What: "interrupted: the data check did not finish", Err: ctx.Err()}
		}
		return &dataError{What: "checking the data: " + err.Error(), Err: err}
	}
	res.Ingestion = out
	dir := opts.data
	if opts.data == dataS3 {
		dir = ""
	}
	res.Hints = dataHints(ctx, out, res.req, schema, src, dir)
	if out.Status != lookout.IngestionJobStatusSuccess {
		res.OK = false
		res.exit = max(res.exit, exitInvalid)
		if f := out.Failure; f != nil && (f.Kind == ingest.FailList || f.Kind == ingest.FailRead) {
			// The data could not be read: not a verdict on it.
			res.exit = exitInput
		}
	}
	return nil
}

// progressInterval is how often the check reports its progress.
const progressInterval = 200 * time.Millisecond
