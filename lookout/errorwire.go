package lookout

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// errorNamespace is the namespace of the service's shapes: an error's
// __type is its shape id, errorNamespace followed by its code. The
// protocol's own errors (SerializationException, UnknownOperationException)
// are in protocolNamespace, as AWS's services write them.
const (
	errorNamespace    = "com.amazonaws.lookoutequipment#"
	protocolNamespace = "com.amazon.coral.service#"
)

// shapeID returns the __type WriteError writes for code.
func shapeID(code string) string {
	if k := lookupKind(code); k != nil && k.protocol {
		return protocolNamespace + code
	}
	return errorNamespace + code
}

// headerErrorType is the header that names an error.
const headerErrorType = "X-Amzn-ErrorType"

// MaxErrorBodyBytes bounds what [ErrorFromResponse] reads of an error
// response's body: 128 KiB. The largest error the service model allows, a
// Message of 5,000 characters each written as a 12-byte surrogate-pair
// escape, is 60,000 bytes and some punctuation: the bound holds it twice,
// with room for members this package does not read.
const MaxErrorBodyBytes = 128 << 10

// WriteError writes err as AWS JSON 1.0 writes an error: the error's HTTP
// status, Content-Type [ContentType], the header X-Amzn-ErrorType with the
// error's code, and the body
//
//	{"__type":"com.amazonaws.lookoutequipment#ValidationException","Message":"..."}
//
// which both the AWS SDK for Go v2 (header first) and botocore (body only)
// read. The protocol's own errors, SerializationException and
// UnknownOperationException, are written in the namespace AWS's services
// give them, "com.amazon.coral.service#". The error written is:
//
//   - the first error of this package's taxonomy in err's chain (found
//     with errors.As, so a wrapped *ThrottlingException is written as
//     itself), with its code, status and Message. Extra information (a
//     ValidationException's Fields, a SerializationException's Err) is not
//     written;
//   - for a *[GenericAPIError], its code, status and Message when its code
//     is a Smithy identifier (letters, digits and '_', not starting with a
//     digit) and its status a 4xx or 5xx; when its code names an error of
//     the taxonomy (in any case), that error's code and status;
//   - otherwise (any other error, an AWS SDK error included, a
//     GenericAPIError that cannot be written as it is, and nil): an
//     *[InternalServerException] with a fixed message, so that nothing of
//     the original error leaks to the caller. To forward an AWS SDK error
//     on purpose, convert it with [FromAPIError] first.
//
// The Message written is never empty, as the service model requires: an
// empty one is replaced by a description of the error (the service's
// documentation of it). It is cut to the 5,000 characters the model allows,
// and bytes that are not valid UTF-8 are written as U+FFFD.
//
// WriteError sets the headers and writes the status: call it before
// anything else is written to w.
func WriteError(w http.ResponseWriter, err error) {
	code, status, message := wireError(err)
	body, _ := json.Marshal(struct {
		Type    string `json:"__type"`
		Message string `json:"Message"`
	}{shapeID(code), message}) // strings only: never fails
	w.Header().Set(headerErrorType, code)
	_ = writeJSON(w, status, body)
}

// wireError returns what WriteError writes for err.
func wireError(err error) (code string, status int, message string) {
	var own taxonomyError
	if errors.As(err, &own) {
		if g, ok := own.(*GenericAPIError); ok {
			if g != nil {
				if k := lookupKind(sanitizeCode(g.Code)); k != nil {
					return k.code, k.status, wireMessage(k.code, g.Message)
				}
				if isIdentifier(g.Code) && g.StatusCode >= 400 && g.StatusCode < 600 {
					return g.Code, g.StatusCode, wireMessage(g.Code, g.Message)
				}
			}
		} else if k := lookupKind(own.ErrorCode()); k != nil {
			return k.code, k.status, wireMessage(k.code, own.ErrorMessage())
		}
	}
	return CodeInternalServer, http.StatusInternalServerError, defaultMessage(CodeInternalServer)
}

// isIdentifier reports whether s is a Smithy identifier: a shape name that
// reads back unchanged from both the header and the body's __type.
func isIdentifier(s string) bool {
	if s == "" || '0' <= s[0] && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// wireMessage returns the Message to write for an error of code: message,
// or its default when empty, as valid UTF-8 and at most maxMessage
// characters long.
func wireMessage(code, message string) string {
	if message == "" {
		return defaultMessage(code)
	}
	message = strings.ToValidUTF8(message, "\uFFFD")
	return message[:runePrefix(message, maxMessage)]
}

// defaultMessage is the Message written for an error of code that has none:
// the service's documentation of the error.
func defaultMessage(code string) string {
	if k := lookupKind(code); k != nil {
		return k.doc
	}
	return "The request failed with " + code + "."
}

// ErrorFromResponse reads the error that an AWS JSON 1.0 endpoint answered
// with, as AWS's clients read it, for clients of any such endpoint. It never
// returns nil, and the error always has a code ([ErrorCode] of it is never
// ""): a name of the taxonomy gives its type (a *ThrottlingException, say);
// any other name, or none, a *[GenericAPIError] with the name, the message
// and the response's status. A 2xx response, or a nil one, gives a
// *GenericAPIError that says so.
//
// It reads at most [MaxErrorBodyBytes] and one more byte of resp.Body (and
// of the body gzip-decompressed), wraps the reader's error when reading
// fails or the request's context ends, and does not close resp.Body. The
// package doc ("Reading an error response") says where the name and the
// message are read from.
func ErrorFromResponse(resp *http.Response) error {
	if resp == nil {
		return &GenericAPIError{Message: "there is no HTTP response to read an error from"}
	}
	status := resp.StatusCode
	if status >= 200 && status < 300 {
		return &GenericAPIError{
			Message:    "HTTP status " + strconv.Itoa(status) + " is a success: the response is not an error",
			StatusCode: status,
		}
	}
	header := strings.TrimSpace(resp.Header.Get(headerErrorType))
	var info errorBody
	data, unread, readErr := readErrorBody(resp)
	switch {
	case unread != "":
		info.message = unread
	case readErr == nil:
		info = parseErrorBody(data)
	}
	name := ""
	for _, c := range [...]string{header, info.code, info.typ} {
		// A name that reads as empty is no name.
		if sanitizeCode(c) != "" {
			name = c
			break
		}
	}
	err := NewAPIError(name, info.message, status)
	if readErr != nil {
		return fmt.Errorf("%w (the error body could not be read: %w)", err, readErr)
	}
	return err
}

// readErrorBody reads resp's body, decoded, at most MaxErrorBodyBytes of it
// and of what it holds compressed. When the body is not read, unread says
// why (too long, an encoding this package does not read).
func readErrorBody(resp *http.Response) (data []byte, unread string, err error) {
	if resp.Body == nil {
		return nil, "", nil
	}
	raw := &io.LimitedReader{R: &guardedReader{r: resp.Body}, N: MaxErrorBodyBytes + 1}
	var body io.Reader = raw
	switch enc, ok := bodyEncoding(resp.Header); {
	case !ok:
		return nil, "the error body is encoded with Content-Encoding " + quoteBounded(enc, maxShownHeader) +
			", which is not read", nil
	case enc == "gzip":
		zr, err := gzip.NewReader(raw)
		if err == io.EOF {
			return nil, "", nil // an empty body
		}
		if err != nil {
			return nil, "", err // gzip.ErrHeader, or the body's reader's error
		}
		defer zr.Close()
		body = io.LimitReader(zr, MaxErrorBodyBytes+1)
	}
	data, err = io.ReadAll(body)
	if len(data) > MaxErrorBodyBytes || raw.N <= 0 {
		return nil, tooLongMessage, nil
	}
	return data, "", err
}

// guardedReader is r held to io.Reader's contract by a readGuard: a read
// that breaks it returns no bytes and the guard's error, and so does every
// read after it.
type guardedReader struct {
	r     io.Reader
	guard readGuard
	err   error
}

func (g *guardedReader) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	if e := g.guard.check(n, len(p), err); e != nil {
		g.err = e
		return 0, e
	}
	return n, err
}

// tooLongMessage is the message of an error whose body is too long to read.
var tooLongMessage = "the error body is longer than " + strconv.Itoa(MaxErrorBodyBytes) + " bytes; it was not read"

// bodyEncoding returns the Content-Encoding of a body that header
// describes: "" for none (or identity), "gzip" for gzip or x-gzip; ok is
// false for any other, or several, which enc then names.
func bodyEncoding(header http.Header) (enc string, ok bool) {
	var codings []string
	for _, v := range header.Values("Content-Encoding") {
		for c := range strings.SplitSeq(v, ",") {
			if c = strings.TrimSpace(c); c != "" && !strings.EqualFold(c, "identity") {
				codings = append(codings, c)
			}
		}
	}
	switch {
	case len(codings) == 0:
		return "", true
	case len(codings) == 1 && (strings.EqualFold(codings[0], "gzip") || strings.EqualFold(codings[0], "x-gzip")):
		return "gzip", true
	}
	return strings.Join(codings, ", "), false
}

// errorBody is what ErrorFromResponse reads in an error's body.
type errorBody struct {
	typ, code, message string
}

// parseErrorBody reads the members of an error's body; a body that is not
// a JSON object is the message.
func parseErrorBody(data []byte) errorBody {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil || m == nil {
		return errorBody{message: textMessage(data)}
	}
	return errorBody{
		typ:     strings.TrimSpace(memberString(m, "__type")),
		code:    strings.TrimSpace(memberString(m, "code", "Code")),
		message: memberString(m, "message", "Message"),
	}
}

// memberString returns the first non-empty string among m's members names,
// else among those whose name is names[0] in another case, in sorted order.
func memberString(m map[string]json.RawMessage, names ...string) string {
	for _, n := range names {
		if s := rawString(m[n]); s != "" {
			return s
		}
	}
	var other []string
	for k := range m {
		if strings.EqualFold(k, names[0]) && !slices.Contains(names, k) {
			other = append(other, k)
		}
	}
	slices.Sort(other)
	for _, k := range other {
		if s := rawString(m[k]); s != "" {
			return s
		}
	}
	return ""
}

// rawString returns the JSON string raw, or "" when raw is not a string.
func rawString(raw json.RawMessage) string {
	var s string
	if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// textMessage is the message of an error whose body is not a JSON object.
func textMessage(data []byte) string {
	text := strings.TrimSpace(string(data))
	if text == "" {
		return ""
	}
	if !utf8.ValidString(text) {
		return "the error body is not JSON (" + strconv.Itoa(len(data)) + " bytes)"
	}
	return wireMessage("", text)
}
