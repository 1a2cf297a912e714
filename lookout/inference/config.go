package inference

import (
	"context"
	"strings"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// Config is what a CreateInferenceSchedulerRequest says of its runs'
// input: when they run, where they read and how the files are named.
type Config struct {
	Schedule Schedule
	Naming   Naming
	// Bucket and Prefix are the DataInputConfiguration's
	// S3InputConfiguration (Prefix "" when absent).
	Bucket, Prefix string
}

// ConfigOf returns the input configuration of req, which must have passed
// its Validate. A value the service reads no schedule or naming from is a
// *ScheduleError or a *ConfigError (an InputTimeZoneOffset beyond -12:00
// to +14:00, say, which Validate's pattern lets through; or a request
// without S3InputConfiguration, which the model lets through and which
// leaves a run nothing to read).
func ConfigOf(req *lookout.CreateInferenceSchedulerRequest) (*Config, error) {
	s, err := NewSchedule(req.DataUploadFrequency, req.DataDelayOffsetInMinutes)
	if err != nil {
		return nil, err
	}
	in := req.DataInputConfiguration
	if in == nil || in.S3InputConfiguration == nil {
		return nil, &ConfigError{Member: "DataInputConfiguration.S3InputConfiguration", Value: "",
			Want: "needed: a run reads its input from the bucket and prefix it names"}
	}
	n, err := NewNaming(in)
	if err != nil {
		return nil, err
	}
	c := &Config{Schedule: s, Naming: n, Bucket: in.S3InputConfiguration.Bucket}
	if p := in.S3InputConfiguration.Prefix; p != nil {
		c.Prefix = *p
	}
	return c, nil
}

// List lists the keys of src under c.Prefix and parses each name (the key
// without the prefix) with c.Naming: it returns the files that fit and,
// for the others, why, both in key order. Folder markers (keys ending in
// "/") are skipped. The error is the listing's.
func (c *Config) List(ctx context.Context, src ingest.Source) (files []File, misfits []*NameError, err error) {
	err = src.List(ctx, c.Prefix, func(o ingest.Object) error {
		if strings.HasSuffix(o.Key, "/") || !strings.HasPrefix(o.Key, c.Prefix) {
			return nil
		}
		n, err := c.Naming.Parse(o.Key[len(c.Prefix):])
		if err != nil {
			ne, _ := err.(*NameError)
			misfits = append(misfits, ne)
			return nil
		}
		files = append(files, File{Key: o.Key, Size: o.Size, Name: n})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	sortBy(files, func(f File) string { return f.Key })
	sortBy(misfits, func(e *NameError) string { return e.Name })
	return files, misfits, nil
}
