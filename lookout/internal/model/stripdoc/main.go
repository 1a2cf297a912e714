// Command stripdoc writes the facts-only copy of AWS's service model of
// Amazon Lookout for Equipment that this module keeps: the botocore model
// JSON (API version 2020-12-15) with every "documentation" string removed,
// so that AWS's sentences stay out of the repository while every shape,
// member, constraint, error and operation is kept. The result is still a
// valid botocore service model, loadable by the AWS CLI with
// "aws configure add-model".
//
// Usage:
//
//	go run ./lookout/internal/model/stripdoc AWS-MODEL.json > lookout/internal/model/lookoutequipment-2020-12-15.json
//
// It refuses a file that is not a JSON object with "metadata",
// "operations" and "shapes".
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: stripdoc AWS-MODEL.json > facts-only.json")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err == nil {
		err = strip(data, os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "stripdoc:", err)
		os.Exit(1)
	}
}

// strip writes the model in data to w without its documentation strings,
// indented by one space per level, keys sorted (as encoding/json writes a
// map), ending with a newline.
func strip(data []byte, w io.Writer) error {
	var model map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // numbers kept as written
	if err := dec.Decode(&model); err != nil {
		return fmt.Errorf("reading the model: %w", err)
	}
	for _, k := range []string{"metadata", "operations", "shapes"} {
		if _, ok := model[k].(map[string]any); !ok {
			return errors.New("not a botocore service model: no " + k + " object")
		}
	}
	out, err := json.MarshalIndent(removeDocs(model), "", " ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(out, '\n'))
	return err
}

// removeDocs returns v with every "documentation" member of every object
// removed, at any depth.
func removeDocs(v any) any {
	switch v := v.(type) {
	case map[string]any:
		delete(v, "documentation")
		for k, e := range v {
			v[k] = removeDocs(e)
		}
	case []any:
		for i, e := range v {
			v[i] = removeDocs(e)
		}
	}
	return v
}
