package sigv4

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// MaxCredentialsFileBytes bounds what ParseCredentialsFile reads: 1 MiB, far
// more than any credentials file holds.
const MaxCredentialsFileBytes = 1 << 20

// CredentialsFileError is the error of a credentials file ParseCredentialsFile
// cannot read: the line (1-based; 0 when the error is the file's as a whole)
// and what is wrong with it.
type CredentialsFileError struct {
	Line   int
	Reason string
	// Err is the reader's error, if that is what went wrong.
	Err error
}

// Error returns "credentials file, line N: reason".
func (e *CredentialsFileError) Error() string {
	if e.Line == 0 {
		return "credentials file: " + e.Reason
	}
	return "credentials file, line " + strconv.Itoa(e.Line) + ": " + e.Reason
}

// Unwrap returns the reader's error, if any.
func (e *CredentialsFileError) Unwrap() error { return e.Err }

// ParseCredentialsFile reads an AWS shared credentials file (the format of
// ~/.aws/credentials) and returns the access key id -> secret access key of
// every profile that has both aws_access_key_id and aws_secret_access_key.
// A profile with neither (one that assumes a role, say) is skipped; other
// keys (aws_session_token, region, ...) are ignored.
//
// The file is read as the AWS CLI reads it (Python's configparser, strict):
// sections "[name]"; "key = value" or "key: value" lines, keys in any case;
// whole-line comments starting with "#" or ";", indented or not; blank lines;
// white space around names and values; CRLF line ends and a UTF-8 byte order
// mark; an indented line after a property continues it. Everything else is a
// *CredentialsFileError naming the line: a line that is neither, a property
// before any section, a section or a key given twice, a profile with only
// one of the two keys, a key id or secret that is empty, spans lines or holds
// white space or control characters (inline comments are not supported: they
// would become part of the secret), an access key id that cannot appear in a
// credential scope, and one access key id given two different secrets.
func ParseCredentialsFile(r io.Reader) (map[string]string, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxCredentialsFileBytes+1))
	if err != nil {
		return nil, &CredentialsFileError{Reason: "reading: " + err.Error(), Err: err}
	}
	if len(data) > MaxCredentialsFileBytes {
		return nil, &CredentialsFileError{Reason: fmt.Sprintf("longer than %d bytes", MaxCredentialsFileBytes)}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))

	type field struct {
		value string
		line  int
	}
	type profile struct {
		name     string
		line     int
		id, key  field
		seenKeys map[string]int
	}
	var (
		profiles []*profile
		sections = map[string]int{}
		cur      *profile
		lastKey  string // the property an indented line continues, "" for none
		fail     = func(line int, format string, args ...any) error {
			return &CredentialsFileError{Line: line, Reason: fmt.Sprintf(format, args...)}
		}
	)
	for n, raw := range strings.Split(string(data), "\n") {
		line := n + 1
		raw = strings.TrimSuffix(raw, "\r")
		text := strings.TrimSpace(raw)
		if text == "" || text[0] == '#' || text[0] == ';' {
			continue
		}
		if raw[0] == ' ' || raw[0] == '\t' {
			if lastKey == "" {
				return nil, fail(line, "an indented line that continues no property")
			}
			if lastKey == "aws_access_key_id" || lastKey == "aws_secret_access_key" {
				return nil, fail(line, "%s continues on an indented line", lastKey)
			}
			continue
		}
		lastKey = ""
		if text[0] == '[' {
			if text[len(text)-1] != ']' {
				return nil, fail(line, "a section header must end with ']': %q", text)
			}
			name := strings.TrimSpace(text[1 : len(text)-1])
			if name == "" {
				return nil, fail(line, "a section without a name")
			}
			if first, ok := sections[name]; ok {
				return nil, fail(line, "section [%s] given again (first on line %d)", name, first)
			}
			sections[name] = line
			cur = &profile{name: name, line: line, seenKeys: map[string]int{}}
			profiles = append(profiles, cur)
			continue
		}
		i := strings.IndexAny(text, "=:")
		if i < 0 {
			return nil, fail(line, "expected a [section], a key = value line or a comment, got %q", text)
		}
		key := strings.ToLower(strings.TrimSpace(text[:i]))
		value := strings.TrimSpace(text[i+1:])
		if key == "" {
			return nil, fail(line, "a property without a key")
		}
		if cur == nil {
			return nil, fail(line, "property %q outside any [profile] section", key)
		}
		if first, ok := cur.seenKeys[key]; ok {
			return nil, fail(line, "key %s given again in [%s] (first on line %d)", key, cur.name, first)
		}
		cur.seenKeys[key] = line
		lastKey = key
		switch key {
		case "aws_access_key_id":
			if !validScopePart(value) {
				return nil, fail(line, "aws_access_key_id %q must be non-empty, without white space, control characters, '/', ',' or '='", value)
			}
			cur.id = field{value, line}
		case "aws_secret_access_key":
			if !validSecret(value) {
				return nil, fail(line, "aws_secret_access_key must be non-empty, without white space or control characters")
			}
			cur.key = field{value, line}
		}
	}

	creds := make(map[string]string, len(profiles))
	from := make(map[string]int, len(profiles))
	for _, p := range profiles {
		switch {
		case p.id.line == 0 && p.key.line == 0:
			continue
		case p.key.line == 0:
			return nil, fail(p.id.line, "profile [%s] has aws_access_key_id but no aws_secret_access_key", p.name)
		case p.id.line == 0:
			return nil, fail(p.key.line, "profile [%s] has aws_secret_access_key but no aws_access_key_id", p.name)
		}
		if prev, ok := creds[p.id.value]; ok && prev != p.key.value {
			return nil, fail(p.key.line, "access key id %s given another secret on line %d", p.id.value, from[p.id.value])
		}
		creds[p.id.value] = p.key.value
		from[p.id.value] = p.key.line
	}
	return creds, nil
}

// validSecret reports whether s can be a secret access key: not empty, and
// without white space or control characters.
func validSecret(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == 0x7f {
			return false
		}
	}
	return true
}
