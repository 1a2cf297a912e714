package store

import (
	"context"
	"errors"
	"testing"
)

// FuzzPageToken: whatever token a client sends, a list either refuses it
// with an *InvalidTokenError or it is a token the store made for that list.
func FuzzPageToken(f *testing.F) {
	s, err := Open(Memory, testOptions())
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	ctx := context.Background()
	for _, name := range []string{"a", "b", "c"} {
		if _, _, err := s.CreateDataset(ctx, NewDataset{Name: name}); err != nil {
			f.Fatal(err)
		}
	}
	_, genuine, err := s.ListDatasets(ctx, DatasetFilter{}, Page{Limit: 1})
	if err != nil || genuine == "" {
		f.Fatal(err)
	}
	f.Add(genuine)
	f.Add(genuine[:len(genuine)-2])
	f.Add("")
	f.Add("AQ")
	f.Fuzz(func(t *testing.T, token string) {
		for _, list := range []func() error{
			func() error { _, _, err := s.ListDatasets(ctx, DatasetFilter{}, Page{Token: token}); return err },
			func() error { _, _, err := s.ListJobs(ctx, JobFilter{}, Page{Token: token}); return err },
			func() error {
				_, _, err := s.ListSensorStatistics(ctx, StatisticsFilter{Dataset: "a"}, Page{Token: token})
				return err
			},
		} {
			err := list()
			var ie *InvalidTokenError
			switch {
			case err == nil:
				if token != "" && token != genuine {
					t.Fatalf("token %q accepted", token)
				}
			case !errors.As(err, &ie):
				t.Fatalf("token %q: %v, not an *InvalidTokenError", token, err)
			}
		}
	})
}
