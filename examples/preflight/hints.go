package main

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// The names of the members that hints know about. A violation names its
// member by its path (from Validate) or by its name alone (from a Check
// function): the last segment is the member's name either way.
const (
	nameBucket     = "Bucket"
	namePrefix     = "Prefix"
	nameKeyPattern = "KeyPattern"
	nameRoleArn    = "RoleArn"
)

// hintFor returns a hint for the usual mistakes behind a violation, or "":
// what was probably meant, read from the violation's member, constraint and
// value. The service's message is left as it is; the hint goes beside it.
func hintFor(fe *lookout.FieldError) string {
	name := fe.Path[strings.LastIndexByte(fe.Path, '.')+1:]
	switch {
	case name == namePrefix && fe.Constraint == lookout.ConstraintPattern:
		return prefixHint(fe.Value)
	case name == nameBucket && (fe.Constraint == lookout.ConstraintPattern || fe.Constraint == lookout.ConstraintMaxLength):
		return bucketHint(fe.Value)
	case name == nameRoleArn && (fe.Constraint == lookout.ConstraintPattern || fe.Constraint == lookout.ConstraintMaxLength):
		return roleArnHint(fe.Value)
	case name == nameKeyPattern && fe.Constraint == lookout.ConstraintEnum:
		return keyPatternHint(fe.Value, fe.Enum)
	}
	return ""
}

// prefixHint: a Prefix without its trailing "/".
func prefixHint(v string) string {
	if v == "" || strings.HasSuffix(v, "/") || lookout.CheckPrefix(v+"/") != nil {
		return ""
	}
	return `a Prefix other than "" ends with "/": ` + strconv.Quote(v+"/")
}

// bucketHint: a bucket given as an s3:// URL or as an ARN.
func bucketHint(v string) string {
	if rest, ok := cutPrefixFold(v, "s3://"); ok {
		name, key, _ := strings.Cut(rest, "/")
		hint := `Bucket is the bucket's name alone, without "s3://"`
		if lookout.CheckBucket(name) == nil {
			hint += ": " + strconv.Quote(name)
		}
		if key != "" {
			if !strings.HasSuffix(key, "/") {
				key += "/"
			}
			hint += "; the rest of the path goes in Prefix: " + strconv.Quote(key)
		}
		return hint
	}
	if a, ok := parseARN(v); ok && a.service == "s3" {
		hint := "Bucket is the bucket's name, not its ARN"
		name, _, _ := strings.Cut(a.resource, "/")
		if lookout.CheckBucket(name) == nil {
			hint += ": " + strconv.Quote(name)
		}
		return hint
	}
	return ""
}

// roleArnHint: the ARN of something other than an IAM role.
func roleArnHint(v string) string {
	a, ok := parseARN(v)
	if !ok {
		return ""
	}
	account := a.account
	if account == "" {
		account = "ACCOUNT"
	}
	role := "arn:" + a.partition + ":iam::" + account + ":role/NAME"
	switch {
	case a.service == "s3":
		return "RoleArn is the ARN of the IAM role that the service assumes to read the data (" + role +
			"), not the ARN of the bucket"
	case a.service == "iam" && strings.HasPrefix(a.resource, "user/"):
		return "RoleArn is the ARN of an IAM role that the service assumes (" + role + "), not of an IAM user"
	case a.service == "sts" && strings.HasPrefix(a.resource, "assumed-role/"):
		// arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION: a session of the role.
		name, _, _ := strings.Cut(strings.TrimPrefix(a.resource, "assumed-role/"), "/")
		if name != "" {
			role = "arn:" + a.partition + ":iam::" + account + ":role/" + name
		}
		return "RoleArn is the ARN of the IAM role, not of a session of it: " + strconv.Quote(role)
	}
	return ""
}

// Placeholders of a KeyPattern.
const (
	placeholderComponent      = "{component_name}"
	placeholderComponentTypo  = "{component-name}"
	keyPatternBeforeDelimiter = "{prefix}/" + placeholderComponent
)

// keyPatternHint: a KeyPattern with {component-name}, or without the
// delimiter between the component's name and "*". allowed are the values the
// member accepts.
func keyPatternHint(v string, allowed []string) string {
	var parts []string
	fixed := v
	if strings.Contains(v, placeholderComponentTypo) {
		fixed = strings.ReplaceAll(v, placeholderComponentTypo, placeholderComponent)
		parts = append(parts, "the placeholder is "+placeholderComponent+", with an underscore")
	}
	switch {
	case slices.Contains(allowed, fixed):
		parts = append(parts, "did you mean "+strconv.Quote(fixed)+"?")
	case fixed == keyPatternBeforeDelimiter+"*":
		var delims []string
		for _, a := range allowed {
			d, ok := strings.CutPrefix(a, keyPatternBeforeDelimiter)
			if d, ok2 := strings.CutSuffix(d, "*"); ok && ok2 && d != "" {
				delims = append(delims, strconv.Quote(d))
			}
		}
		if len(delims) == 0 {
			break
		}
		parts = append(parts, "a delimiter goes between "+placeholderComponent+" and *, one of "+
			strings.Join(delims, ", ")+", as in "+strconv.Quote(allowed[0]))
	}
	return strings.Join(parts, "; ")
}

// arn is an Amazon Resource Name, split into its parts.
type arn struct {
	partition, service, region, account, resource string
}

// parseARN splits "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE".
func parseARN(s string) (arn, bool) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] == "" {
		return arn{}, false
	}
	return arn{parts[1], parts[2], parts[3], parts[4], parts[5]}, true
}

// cutPrefixFold is strings.CutPrefix ignoring the case of ASCII letters.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

// yamlHint is the hint for a YAML document given for a JSON one.
const yamlHint = `this looks like YAML; a request document is JSON, such as {"DatasetName": "...", ` +
	`"IngestionInputConfiguration": {"S3InputConfiguration": {"Bucket": "..."}}, "RoleArn": "..."}`

// decodeHint returns a hint for a document the strict reader refused, or "".
// It recognizes a YAML document: one refused at its first character whose
// first line of content is a YAML directive, a document marker, a comment or
// a "Name:" mapping entry.
func decodeHint(de *lookout.DecodeError, data []byte) string {
	start := len(data) - len(bytes.TrimLeft(data, " \t\r\n"))
	if de.Line == 0 || de.Offset != int64(start) {
		return ""
	}
	if looksLikeYAML(data[start:]) {
		return yamlHint
	}
	return ""
}

// looksLikeYAML reports whether doc, which begins with content, begins as a
// YAML document does and a JSON one cannot.
func looksLikeYAML(doc []byte) bool {
	line, _, _ := bytes.Cut(doc, []byte("\n"))
	line = bytes.TrimRight(line, " \t\r")
	switch {
	case bytes.HasPrefix(line, []byte("%YAML")), bytes.Equal(line, []byte("---")),
		bytes.HasPrefix(line, []byte("--- ")), bytes.HasPrefix(line, []byte("#")):
		return true
	}
	// A mapping entry: a plain name, then ':' and a space or the end of the
	// line. (A quoted name could be a JSON member without its braces.)
	name, rest, ok := bytes.Cut(line, []byte(":"))
	if !ok || len(rest) > 0 && rest[0] != ' ' && rest[0] != '\t' {
		return false
	}
	for _, c := range name {
		if !(c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return len(name) > 0
}
