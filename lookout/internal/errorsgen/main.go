// Command errorsgen writes errors_gen.go: the error types of package
// lookout, their doc comments and methods, and the table that maps a code to
// its type, from the one declaration of each error below. The operations
// whose model lists an error are read from the package's declarations of
// its operations in the facts-only service model, so that an error's doc
// says which operations answer with it.
//
// Run it with go generate in the lookout directory.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/template"
)

// kind declares one error of the taxonomy.
type kind struct {
	Type      string // Go type name, also the wire code
	Status    int    // HTTP status the service sends with it
	Server    bool   // a server fault (smithy.FaultServer) rather than the caller's
	Retryable bool   // worth retrying as it is
	Protocol  bool   // raised by the AWS JSON 1.0 protocol, not by the operation
	Doc       string // what the error means: the Message written when an error has none
	TypeDoc   string // the type's doc comment, after its name (without the status)
	Extra     string // fields of the type beyond Message, as Go source

	Operations []string // the operations whose model lists it (read from op_*.go)
}

// The service's errors, with the HTTP statuses of the API reference page, and the AWS JSON
// 1.0 protocol's own errors.
var kinds = []kind{
	{Type: "AccessDeniedException", Status: 400,
		Doc:     "The request could not be completed because you do not have access to the resource.",
		TypeDoc: "the request could not be completed because the caller does not have access to the resource."},
	{Type: "ConflictException", Status: 400,
		Doc: "The request could not be completed due to a conflict with the current state of the target resource.",
		TypeDoc: "the request could not be completed due to a conflict with the current state of the target " +
			"resource (such as a ClientToken used before with other parameters, or a dataset that exists already)."},
	{Type: "InternalServerException", Status: 500, Server: true, Retryable: true,
		Doc:     "Processing of the request has failed because of an unknown error, exception or failure.",
		TypeDoc: "processing of the request failed because of an unknown error, exception or failure."},
	{Type: "ResourceNotFoundException", Status: 400,
		Doc:     "The resource requested could not be found. Verify the resource ID and retry your request.",
		TypeDoc: "the resource requested (a dataset, an ingestion job) could not be found."},
	{Type: "ServiceQuotaExceededException", Status: 400,
		Doc:     "Resource limitations have been exceeded.",
		TypeDoc: "resource limitations have been exceeded, such as the number of datasets or of pending ingestion jobs."},
	{Type: "ThrottlingException", Status: 400, Retryable: true,
		Doc:     "The request was denied due to request throttling.",
		TypeDoc: "the request was denied due to request throttling."},
	{Type: "ValidationException", Status: 400,
		Doc: "The input fails to satisfy constraints specified by Amazon Lookout for Equipment or a related AWS service that's being utilized.",
		TypeDoc: "the input fails to satisfy the constraints of the service.\n\n" +
			"Those that this package finds (the requests' Validate methods, the Check functions, the validate " +
			"package) carry every violation in Fields, and a Message in the service's wording (see " +
			"[NewValidationException]). One read from the wire has only the Message.",
		Extra: "// Fields lists the violations, in a stable order. It is not part of\n" +
			"// the wire's error and is empty on an error read from the wire.\n" +
			"Fields []FieldError `json:\"-\"`"},
	{Type: "SerializationException", Status: 400, Protocol: true,
		Doc: "The request body could not be read.",
		TypeDoc: "the AWS JSON 1.0 protocol's answer to a request body that cannot be read: malformed JSON, " +
			"a member of the wrong type, an unknown or duplicate member.",
		Extra: "// Err is the cause, when this package found the problem itself (where\n" +
			"// in the body, and what): it is not part of the wire's error, and is\n" +
			"// nil on an error read from the wire.\n" +
			"Err error `json:\"-\"`"},
	{Type: "MissingAuthenticationTokenException", Status: 403, Protocol: true,
		Doc:     "Missing Authentication Token",
		TypeDoc: "the answer of an endpoint that checks signatures to a request without an Authorization header."},
	{Type: "IncompleteSignatureException", Status: 403, Protocol: true,
		Doc:     "The request signature does not conform to AWS standards.",
		TypeDoc: "the answer to a request whose Authorization header, or a header its signature needs, is malformed or incomplete."},
	{Type: "UnrecognizedClientException", Status: 403, Protocol: true,
		Doc:     "The security token included in the request is invalid.",
		TypeDoc: "the answer to a request signed with an access key the endpoint does not know."},
	{Type: "InvalidSignatureException", Status: 403, Protocol: true,
		Doc:     "The request signature we calculated does not match the signature you provided.",
		TypeDoc: "the answer to a request whose signature does not match, has expired, or is scoped to another service or region."},
	{Type: "UnknownOperationException", Status: 400, Protocol: true,
		Doc:     "The request names no operation of this service.",
		TypeDoc: "the AWS JSON 1.0 protocol's answer to a request whose X-Amz-Target names no operation of the service."},
}

// TypeComment is the type's doc comment, wrapped, with its status, its
// nature and the operations that answer with it.
func (k kind) TypeComment() string {
	var b strings.Builder
	paras := strings.Split(k.TypeDoc, "\n\n")
	first := k.Type + ": " + paras[0] + " HTTP " + strconv.Itoa(k.Status)
	switch {
	case k.Server:
		first += "; a server fault, worth retrying."
	case k.Retryable:
		first += "; worth retrying after a pause."
	default:
		first += "."
	}
	paras[0] = first
	switch {
	case k.Protocol:
		paras = append(paras, "Any operation may answer with it: the protocol raises it before the operation is known or its request read.")
	case len(k.Operations) > 0:
		paras = append(paras, "The service model lists it for "+joinOps(k.Operations)+".")
	}
	for i, p := range paras {
		if i > 0 {
			b.WriteString("//\n")
		}
		b.WriteString(wrap(p))
	}
	return b.String()
}

// joinOps lists operation names as "A, B and C".
func joinOps(ops []string) string {
	if len(ops) == 1 {
		return ops[0]
	}
	return strings.Join(ops[:len(ops)-1], ", ") + " and " + ops[len(ops)-1]
}

// wrap writes text as comment lines of at most 76 characters.
func wrap(text string) string {
	var b strings.Builder
	line := "//"
	for _, w := range strings.Fields(text) {
		if len(line)+1+len(w) > 76 && line != "//" {
			b.WriteString(line + "\n")
			line = "//"
		}
		line += " " + w
	}
	b.WriteString(line + "\n")
	return b.String()
}

// operationErrors reads the operations of the facts-only service model at
// path: each operation's name and the errors it lists, and sets each
// kind's Operations. An error of the model that the table above does not
// declare stops it, with its name.
func operationErrors(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var m struct {
		Operations map[string]struct {
			Errors []struct {
				Shape string `json:"shape"`
			} `json:"errors"`
		} `json:"operations"`
		Shapes map[string]struct {
			Exception bool `json:"exception"`
			Fault     bool `json:"fault"`
		} `json:"shapes"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if len(m.Operations) == 0 {
		return fmt.Errorf("%s: no operation", path)
	}
	byType := map[string]*kind{}
	for i := range kinds {
		byType[kinds[i].Type] = &kinds[i]
	}
	for name, s := range m.Shapes {
		if !s.Exception {
			continue
		}
		k := byType[name]
		if k == nil {
			return fmt.Errorf("%s: the model's error %s is not in the table of errorsgen", path, name)
		}
		if k.Server != s.Fault {
			return fmt.Errorf("%s: the model says %s is a server fault: %v; the table says %v", path, name, s.Fault, k.Server)
		}
	}
	for op, o := range m.Operations {
		for _, e := range o.Errors {
			k := byType[e.Shape]
			if k == nil {
				return fmt.Errorf("%s: operation %s lists %s, which the table does not declare", path, op, e.Shape)
			}
			k.Operations = append(k.Operations, op)
		}
	}
	for i := range kinds {
		slices.Sort(kinds[i].Operations)
	}
	return nil
}

func (k kind) Const() string { return "Code" + strings.TrimSuffix(k.Type, "Exception") }

func (k kind) Fault() string {
	if k.Server {
		return "smithy.FaultServer"
	}
	return "smithy.FaultClient"
}

var tmpl = template.Must(template.New("").Parse(`// Code generated by errorsgen; DO NOT EDIT.

package lookout

import "github.com/aws/smithy-go"

{{range .}}
{{.TypeComment}}type {{.Type}} struct {
	Message string
{{if .Extra}}
	{{.Extra}}
{{end}}}
{{end}}
// The codes of the errors of the taxonomy, as the wire names them.
const (
{{- range .}}
	// {{.Const}} is the code of [{{.Type}}].
	{{.Const}} = "{{.Type}}"
{{- end}}
)

// taxonomy lists the errors this package models, in the order of the
// service's documentation, then the protocol's errors.
var taxonomy = [...]errorKind{
{{- range .}}
	{code: {{.Const}}, status: {{.Status}}, fault: {{.Fault}}, retryable: {{.Retryable}}, protocol: {{.Protocol}},
		doc: {{printf "%q" .Doc}},
		make: func(msg string) error { return &{{.Type}}{Message: msg} }},
{{- end}}
}
{{range .}}
// Error returns the code and the message, "{{.Type}}: message", on one
// bounded line: a message with a control character, a line separator, an
// invisible formatting character or invalid UTF-8 is shown escaped, and one
// longer than 20,000 bytes is cut (see the package doc). Message keeps it
// as it is.
func (e *{{.Type}}) Error() string { return errorString({{.Const}}, e.ErrorMessage()) }

// ErrorCode returns "{{.Type}}", the error's code on the wire.
func (e *{{.Type}}) ErrorCode() string { return {{.Const}} }

// ErrorMessage returns the error's Message as it is, unescaped and whole
// ("" for a nil error).
func (e *{{.Type}}) ErrorMessage() string {
	if e == nil {
		return ""
	}
	return e.Message
}

// ErrorFault returns {{.Fault}}: {{if .Server}}the service failed{{else}}the caller has something to change{{end}}.
func (e *{{.Type}}) ErrorFault() smithy.ErrorFault { return {{.Fault}} }

// HTTPStatusCode returns {{.Status}}, the HTTP status the service answers with.
func (e *{{.Type}}) HTTPStatusCode() int { return {{.Status}} }

func (*{{.Type}}) taxonomyError() {}

// RetryableError reports {{.Retryable}}: {{if .Retryable}}the same request may succeed when sent again{{else}}sending the same request again would fail the same way{{end}}.
// The AWS SDK for Go v2's retryer honours this method.
func (e *{{.Type}}) RetryableError() bool { return {{.Retryable}} }
{{end}}`))

func main() {
	out := flag.String("o", "errors_gen.go", "output file")
	modelPath := flag.String("model", "internal/model/lookoutequipment-2020-12-15.json", "the facts-only service model")
	flag.Parse()
	if err := operationErrors(*modelPath); err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, kinds); err != nil {
		log.Fatal(err)
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		log.Fatal(fmt.Errorf("formatting: %w\n%s", err, buf.Bytes()))
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}
