package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDataHints: each hint, on a bucket made for it, in -json under Hints
// with its Code, and the exit status of the job's fate.
func TestDataHints(t *testing.T) {
	t.Parallel()
	const ok = "Timestamp,Flow\n2024-03-01 00:00:00,1\n2024-03-02 00:00:00,2\n"
	schemaPump := `{"Components": [{"ComponentName": "Pump-1", "Columns": [{"Name": "Timestamp", "Type": "DATETIME"}, {"Name": "Flow", "Type": "DOUBLE"}]}]}`
	tests := []struct {
		name    string
		files   map[string]string // bucket key → content, under DIR/bucket
		prefix  string
		data    string // -data, relative to DIR; "bucket" by default
		schema  string
		code    string // the hint expected
		message string // a part of its message
		status  int
	}{
		{name: "semicolons", files: map[string]string{"p/pump-1/a.csv": "Timestamp;Flow\n2024-03-01 00:00:00;1\n"},
			code: hintSemicolon, message: `"p/pump-1/a.csv": its header holds ';'`, status: exitInvalid},
		{name: "tabs", files: map[string]string{"p/pump-1/a.csv": "Timestamp\tFlow\n2024-03-01 00:00:00\t1\n"},
			code: hintTab, message: `"p/pump-1/a.csv": its header holds tabs`, status: exitInvalid},
		{name: "epoch seconds", files: map[string]string{"p/pump-1/a.csv": "Timestamp,Flow\n1709251200,1\n1709337600,2\n"},
			code: hintEpoch, message: `line 2: "1709251200" looks like a time since 1970 (2024-03-01 00:00:00 UTC)`, status: exitInvalid},
		{name: "epoch milliseconds", files: map[string]string{"p/pump-1/a.csv": ok + "1709251200000,3\n"},
			code: hintEpoch, message: `line 4: "1709251200000" looks like a time since 1970 (2024-03-01 00:00:00 UTC)`, status: exitOK},
		{name: "a prefix in another case", files: map[string]string{"P/pump-1/a.csv": ok},
			code: hintPrefixCase, message: `no key begins with the Prefix "p/", but "P/" does`, status: exitInvalid},
		{name: "-data one folder too high", files: map[string]string{"p/pump-1/a.csv": ok}, data: ".",
			code: hintDataTooHigh, message: `holds a folder named after the bucket, "bucket"`, status: exitInvalid},
		{name: "-data one folder too deep", files: map[string]string{"p/pump-1/a.csv": ok}, data: "bucket/p",
			code: hintDataTooDeep, message: `seems to be the folder "p/" of the Prefix`, status: exitInvalid},
		{name: "schema component in another case", files: map[string]string{"p/pump-1/a.csv": ok, "p/Pump-1/b.csv": ok}, schema: schemaPump,
			code: hintSchemaCase, message: `the keys of component "pump-1" ("p/pump-1/a.csv", ...) are ignored: the schema names "Pump-1"`, status: exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for k, v := range tt.files {
				p := filepath.Join(dir, "bucket", filepath.FromSlash(k))
				require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
				require.NoError(t, os.WriteFile(p, []byte(v), 0o600))
			}
			req := filepath.Join(dir, "request.json")
			require.NoError(t, os.WriteFile(req, []byte(`{"ClientToken": "t", "DatasetName": "pumps", "RoleArn": "arn:aws:iam::123456789012:role/r",
				"IngestionInputConfiguration": {"S3InputConfiguration": {"Bucket": "bucket", "Prefix": "p/"}}}`), 0o600))
			data := filepath.Join(dir, "bucket")
			if tt.data != "" {
				data = filepath.Join(dir, tt.data)
			}
			args := []string{"-json", "-data", data}
			if tt.schema != "" {
				s := filepath.Join(dir, "schema.json")
				require.NoError(t, os.WriteFile(s, []byte(tt.schema), 0o600))
				args = append(args, "-schema", s)
			}
			var stdout, stderr bytes.Buffer
			code := run(append(args, req), nil, &stdout, &stderr)
			require.Empty(t, stderr.String())
			assert.Equal(t, tt.status, code, stdout.String())
			var rep struct {
				Files []struct{ Hints []hint }
			}
			require.NoError(t, json.Unmarshal(stdout.Bytes(), &rep), stdout.String())
			require.Len(t, rep.Files, 1)
			var found []string
			for _, h := range rep.Files[0].Hints {
				found = append(found, h.Code)
				if h.Code == tt.code {
					assert.Contains(t, h.Message, tt.message)
				}
			}
			assert.Equal(t, []string{tt.code}, found, stdout.String())
			if tt.name == "-data one folder too deep" {
				assert.True(t, strings.HasSuffix(rep.Files[0].Hints[0].Message, "-data "+filepath.Join(dir, "bucket")))
			}
		})
	}
}
