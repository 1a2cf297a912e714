package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// hint is what a data check's result probably means, for the usual
// mistakes: a stable Code to match and a Message for people.
type hint struct {
	Code    string `json:"Code"`
	Message string `json:"Message"`
}

// The codes of the data hints.
const (
	hintSemicolon   = "semicolon-separated"
	hintTab         = "tab-separated"
	hintEpoch       = "epoch-timestamps"
	hintPrefixCase  = "prefix-case"
	hintDataTooHigh = "data-too-high"
	hintDataTooDeep = "data-too-deep"
	hintSchemaCase  = "schema-case"
)

// maxCaseScan is how many keys the prefix-case hint looks at, at most.
const maxCaseScan = 100000

// dataHints returns the hints for the result of a data check of req over
// src, read from the -data directory dir ("" for S3), with schema (nil for
// none): a file separated by ';' or tabs, epoch numbers for timestamps, a
// prefix that matches only in another case, -data one folder too high or
// too deep, schema components that differ from the keys' by case.
func dataHints(ctx context.Context, res *ingest.Result, req *lookout.StartDataIngestionJobRequest, schema *lookout.DataSchema,
	src ingest.Source, dir string) []hint {
	var out []hint
	s3in := req.IngestionInputConfiguration.S3InputConfiguration
	prefix := ""
	if s3in.Prefix != nil {
		prefix = *s3in.Prefix
	}
	for _, p := range res.Problems {
		out = append(out, separatorHints(p)...)
		if h, ok := epochHint(p); ok {
			out = append(out, h)
		}
	}
	if res.Failure != nil && res.Failure.Kind == ingest.FailNoMatch {
		if h, ok := prefixCaseHint(ctx, src, prefix); ok {
			out = append(out, h)
		}
		if dir != "" {
			out = append(out, dataDirHints(dir, s3in.Bucket, prefix)...)
		}
	}
	if schema != nil {
		out = append(out, schemaCaseHints(res.Ignored, prefix, s3in.KeyPattern, schema)...)
	}
	return out
}

// separatorHints: a header name that holds ';' or a tab, read as one
// column, is a file separated by them.
func separatorHints(p ingest.FileProblems) []hint {
	var out []hint
	semi, tab := false, false
	for _, n := range p.InvalidNames {
		semi = semi || strings.Contains(n.Name, ";")
		tab = tab || strings.Contains(n.Name, "\t")
	}
	if semi {
		out = append(out, hint{hintSemicolon, strconv.Quote(p.Key) + ": its header holds ';': the file seems to be " +
			"separated by semicolons; a job reads only comma-separated files (write it with ',' between fields)"})
	}
	if tab {
		out = append(out, hint{hintTab, strconv.Quote(p.Key) + ": its header holds tabs: the file seems to be " +
			"tab-separated; a job reads only comma-separated files (write it with ',' between fields)"})
	}
	return out
}

// epochHint: an unsupported timestamp of 9 to 10 digits (seconds) or 12
// to 13 (milliseconds) since 1970, which no documented format reads.
func epochHint(p ingest.FileProblems) (hint, bool) {
	for _, s := range p.Samples {
		v := s.Value
		if len(v) < 9 || len(v) > 13 || strings.Trim(v, "0123456789") != "" {
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			continue
		}
		var t time.Time
		switch {
		case len(v) <= 10:
			t = time.Unix(n, 0)
		case len(v) >= 12:
			t = time.UnixMilli(n)
		default:
			continue
		}
		return hint{hintEpoch, strconv.Quote(p.Key) + ": line " + strconv.FormatInt(s.Line, 10) + ": " + strconv.Quote(v) +
			" looks like a time since 1970 (" + t.UTC().Format("2006-01-02 15:04:05") + " UTC); a job reads no epoch " +
			"numbers: write the timestamps in a documented format, such as yyyy-MM-dd HH:mm:ss"}, true
	}
	return hint{}, false
}

// errEnough stops a listing that has shown enough.
var errEnough = errors.New("enough")

// prefixCaseHint: no key begins with the prefix, but some begin with it in
// another case (keys are case-sensitive).
func prefixCaseHint(ctx context.Context, src ingest.Source, prefix string) (hint, bool) {
	if prefix == "" {
		return hint{}, false
	}
	lower := strings.ToLower(prefix)
	var found string
	seen := 0
	err := src.List(ctx, "", func(o ingest.Object) error {
		seen++
		if len(o.Key) >= len(prefix) && strings.ToLower(o.Key[:len(prefix)]) == lower {
			found = o.Key[:len(prefix)]
			return errEnough
		}
		if seen >= maxCaseScan {
			return errEnough
		}
		return nil
	})
	if found == "" || found == prefix || err != nil && !errors.Is(err, errEnough) {
		return hint{}, false
	}
	return hint{hintPrefixCase, "no key begins with the Prefix " + strconv.Quote(prefix) + ", but " + strconv.Quote(found) +
		" does: keys are compared case included; use the Prefix " + strconv.Quote(found)}, true
}

// dataDirHints: -data names the parent of the bucket's folder (it holds a
// folder named after the bucket, with the prefix in it), or a folder
// inside the bucket (its name is the prefix's first folder, and the rest
// of the prefix is in it).
func dataDirHints(dir, bucket, prefix string) []hint {
	isDir := func(p string) bool {
		fi, err := os.Stat(p)
		return err == nil && fi.IsDir()
	}
	var out []hint
	if inner := filepath.Join(dir, bucket); isDir(filepath.Join(inner, filepath.FromSlash(prefix))) {
		out = append(out, hint{hintDataTooHigh, "-data " + dir + " holds a folder named after the bucket, " + strconv.Quote(bucket) +
			", with the Prefix in it: -data is the folder that holds the bucket's keys: -data " + inner})
	}
	parts := strings.Split(strings.TrimSuffix(prefix, "/"), "/")
	if prefix != "" && filepath.Base(filepath.Clean(dir)) == parts[0] && isDir(filepath.Join(dir, filepath.Join(parts[1:]...))) {
		out = append(out, hint{hintDataTooDeep, "-data " + dir + " seems to be the folder " + strconv.Quote(parts[0]+"/") +
			" of the Prefix, inside the bucket: -data is the folder that holds the bucket's keys: -data " + filepath.Dir(filepath.Clean(dir))})
	}
	return out
}

// schemaCaseHints: ignored keys whose component differs from one of the
// schema's only by case (components are compared case included).
func schemaCaseHints(ignored []string, prefix string, keyPattern string, schema *lookout.DataSchema) []hint {
	delim := byte('/') // {prefix}/{component_name}/*, also when absent
	if p := keyPattern; strings.HasSuffix(p, "*") && len(p) >= 2 && p != "{prefix}/{component_name}/*" {
		delim = p[len(p)-2]
	}
	var out []hint
	said := map[string]bool{}
	for _, key := range ignored {
		rel, ok := strings.CutPrefix(key, prefix)
		if !ok {
			continue
		}
		comp, _, ok := strings.Cut(rel, string(delim))
		if !ok || comp == "" || said[comp] {
			continue
		}
		for _, c := range schema.Components {
			if c.ComponentName != comp && strings.EqualFold(c.ComponentName, comp) {
				said[comp] = true
				out = append(out, hint{hintSchemaCase, "the keys of component " + strconv.Quote(comp) + " (" + strconv.Quote(key) +
					", ...) are ignored: the schema names " + strconv.Quote(c.ComponentName) +
					", and components are compared case included"})
				break
			}
		}
	}
	return out
}
