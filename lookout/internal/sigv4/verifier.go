package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

const (
	// Algorithm is the only signing algorithm Verify accepts.
	Algorithm = "AWS4-HMAC-SHA256"
	// DefaultService is the service name a credential scope must carry unless
	// WithService says otherwise: Lookout for Equipment's signing name.
	DefaultService = "lookoutequipment"
	// MaxSkew is how far a request's date may be from the wall clock, either
	// way, as AWS allows.
	MaxSkew = 15 * time.Minute

	terminator  = "aws4_request"
	amzDateForm = "20060102T150405Z"
	// maxEcho bounds what of a malformed Authorization header a message
	// repeats.
	maxEcho = 512
)

// ErrConfig is the error of New given a configuration it cannot verify with
// (errors.Is finds it): no credentials, an empty access key id or secret key,
// an access key id that cannot appear in a credential scope, or no region or
// service.
var ErrConfig = errors.New("sigv4: invalid verifier configuration")

// A Verifier checks the AWS Signature Version 4 of incoming requests against
// a fixed set of credentials, one region and one service. It is safe for
// concurrent use.
type Verifier struct {
	keys    map[string]string
	region  string
	service string
	now     func() time.Time

	mu    sync.RWMutex
	cache map[string]derivedKey // access key id -> the signing key of the last day seen
}

type derivedKey struct {
	date string
	key  [sha256.Size]byte
}

// An Option configures a Verifier.
type Option func(*Verifier)

// WithService sets the service a credential scope must name (DefaultService
// otherwise).
func WithService(name string) Option { return func(v *Verifier) { v.service = name } }

// WithClock sets the wall clock the request's date is compared with
// (time.Now otherwise). A server should pass its real clock, never a clock
// it shifts for its own simulation: a client signs with the real time.
func WithClock(now func() time.Time) Option { return func(v *Verifier) { v.now = now } }

// New returns a Verifier that lets in the requests signed with one of
// credentials (access key id -> secret access key, as ParseCredentialsFile
// returns them) for region and the service. The map is copied.
func New(credentials map[string]string, region string, opts ...Option) (*Verifier, error) {
	v := &Verifier{
		keys:    make(map[string]string, len(credentials)),
		region:  region,
		service: DefaultService,
		now:     time.Now,
		cache:   make(map[string]derivedKey, len(credentials)),
	}
	for _, o := range opts {
		o(v)
	}
	switch {
	case len(credentials) == 0:
		return nil, fmt.Errorf("%w: no credentials", ErrConfig)
	case !validScopePart(region):
		return nil, fmt.Errorf("%w: region %q", ErrConfig, region)
	case !validScopePart(v.service):
		return nil, fmt.Errorf("%w: service %q", ErrConfig, v.service)
	case v.now == nil:
		return nil, fmt.Errorf("%w: nil clock", ErrConfig)
	}
	for id, secret := range credentials {
		if !validScopePart(id) {
			return nil, fmt.Errorf("%w: access key id %q cannot appear in a credential scope", ErrConfig, id)
		}
		if secret == "" {
			return nil, fmt.Errorf("%w: access key id %q has an empty secret key", ErrConfig, id)
		}
		v.keys[id] = secret
	}
	return v, nil
}

// validScopePart reports whether s can be one element of a credential scope:
// not empty, and without '/', ',', '=' or white space, which the
// Authorization header's syntax would split on.
func validScopePart(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c <= ' ', c == 0x7f, c == '/', c == ',', c == '=':
			return false
		}
	}
	return true
}

// Region returns the region a credential scope must name.
func (v *Verifier) Region() string { return v.region }

// Service returns the service a credential scope must name.
func (v *Verifier) Service() string { return v.service }

// authorization is an Authorization header, read.
type authorization struct {
	credential, signedHeaders, signature   string
	hasCredential, hasSigned, hasSignature bool
}

// Verify checks r's signature, body being r's body as read. It returns nil
// when the request is signed with a known key, for the Verifier's region and
// service, within MaxSkew of the wall clock, and the signature covers the
// method, path, query, the headers that must be signed and the body's
// SHA-256; otherwise a *Error that says why, as AWS answers it. The checks,
// in order:
//
//  1. an Authorization header, exactly one (CodeMissingAuthenticationToken
//     when there is none);
//  2. its syntax, "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
//     Signature=...", and a date: X-Amz-Date in ISO 8601 basic form
//     (20261206T120000Z), else Date in HTTP form (CodeIncompleteSignature);
//  3. SignedHeaders, lowercase, sorted, without repeats, naming host, the
//     date header used, and, when the request has them, content-type,
//     x-amz-target, x-amz-content-sha256 and x-amz-security-token: an
//     unsigned X-Amz-Target could be changed in transit to call another
//     operation with the same body, an unsigned Content-Type,
//     X-Amz-Content-Sha256 or X-Amz-Security-Token swapped, so such a
//     request is refused rather than its header ignored. The SDKs sign all
//     of them (CodeIncompleteSignature);
//  4. the credential scope, DATE/REGION/SERVICE/aws4_request: the terminator,
//     the service, the region, and DATE the day of the request's date
//     (CodeInvalidSignature);
//  5. the request's date within MaxSkew of the wall clock
//     (CodeInvalidSignature, "Signature expired: ..." or "Signature not yet
//     current: ...");
//  6. the access key id, one of the Verifier's (CodeUnrecognizedClient);
//  7. the signature, recomputed and compared in constant time; the payload
//     hash signed is X-Amz-Content-Sha256 when the request has it, which must
//     then be the body's SHA-256 in hexadecimal (UNSIGNED-PAYLOAD is not
//     accepted), else the body's SHA-256 (CodeInvalidSignature).
//
// X-Amz-Security-Token, which temporary credentials add, must be signed
// when present (3), and is otherwise accepted as it is: the Verifier knows
// long-term keys only and does not check security tokens. A signature in the
// query string (a presigned URL) is not looked at: without an Authorization
// header the request is refused as unsigned. Replays within the window are
// not detected, as AWS does not detect them.
//
// The canonical request is built as the AWS SDKs build it for a service
// other than S3: the path as sent, percent-encoded once more; the query's
// parameters decoded, sorted and encoded; each signed header's values
// trimmed, runs of spaces made one, and joined with ","; host is r.Host.
// Verify reads r but neither changes it nor reads its Body.
func (v *Verifier) Verify(r *http.Request, body []byte) error {
	auths := r.Header["Authorization"]
	if len(auths) == 0 || len(auths) == 1 && strings.TrimSpace(auths[0]) == "" {
		return newError(ReasonMissing, msgMissingToken)
	}
	if len(auths) > 1 {
		return newError(ReasonMalformed, "The request has more than one Authorization header.")
	}
	header := auths[0]
	a, err := parseAuthorization(header)
	if err != nil {
		return err
	}

	// The date: X-Amz-Date, else Date.
	dateName, amzDate := "x-amz-date", ""
	var signedAt time.Time
	if d := r.Header["X-Amz-Date"]; len(d) > 0 {
		if len(d) > 1 {
			return newError(ReasonMalformed, "The request has more than one X-Amz-Date header.")
		}
		t, ok := parseAmzDate(d[0])
		if !ok {
			return newError(ReasonMalformed, "X-Amz-Date must be in the ISO 8601 basic format yyyyMMdd'T'HHmmss'Z', got '"+echo(d[0])+"'.")
		}
		amzDate, signedAt = d[0], t
	} else if d := r.Header["Date"]; len(d) > 0 {
		t, err := http.ParseTime(d[0])
		if len(d) > 1 || err != nil {
			return newError(ReasonMalformed, "The Date header must be one date in the HTTP format, got '"+echo(strings.Join(d, ", "))+"'.")
		}
		dateName, signedAt = "date", t.UTC()
		amzDate = signedAt.Format(amzDateForm)
	}
	if !a.hasCredential || !a.hasSigned || !a.hasSignature || amzDate == "" {
		return missingParameters(a, amzDate == "", header)
	}

	// The credential: AKID/DATE/REGION/SERVICE/aws4_request.
	keyID, scope, ok := strings.Cut(a.credential, "/")
	parts := strings.Count(a.credential, "/") + 1
	if !ok || parts != 5 {
		return newError(ReasonMalformed, msgCredentialLen+echo(a.credential)+"'.")
	}
	scopeDate, rest, _ := strings.Cut(scope, "/")
	scopeRegion, rest, _ := strings.Cut(rest, "/")
	scopeService, scopeTerm, _ := strings.Cut(rest, "/")

	// The signed headers.
	if err := checkSignedHeaders(r, a.signedHeaders, dateName); err != nil {
		return err
	}

	// The scope.
	switch {
	case scopeTerm != terminator:
		return newError(ReasonScope, msgScopeTerm+echo(scopeTerm)+"'.")
	case scopeService != v.service:
		return newError(ReasonScope, msgScopeService+v.service+"'.")
	case scopeRegion != v.region:
		return newError(ReasonScope, msgScopeRegion+echo(scopeRegion)+"'.")
	case scopeDate != amzDate[:8]:
		return newError(ReasonScope, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"+
			echo(scopeDate)+"' != '"+amzDate[:8]+"', from '"+amzDate+"'.")
	}

	// The clock.
	now := v.now().UTC()
	if earliest := now.Add(-MaxSkew); signedAt.Before(earliest) {
		return newError(ReasonExpired, "Signature expired: "+amzDate+" is now earlier than "+
			earliest.Format(amzDateForm)+" ("+now.Format(amzDateForm)+" - 15 min.)")
	}
	if latest := now.Add(MaxSkew); signedAt.After(latest) {
		return newError(ReasonNotYetCurrent, "Signature not yet current: "+amzDate+" is still later than "+
			latest.Format(amzDateForm)+" ("+now.Format(amzDateForm)+" + 15 min.)")
	}

	// The key.
	secret, ok := v.keys[keyID]
	if !ok {
		return newError(ReasonUnknownKey, msgUnknownKey)
	}

	// The payload hash.
	bodySum := sha256.Sum256(body)
	var bodyHex [2 * sha256.Size]byte
	hex.Encode(bodyHex[:], bodySum[:])
	claimed := ""
	if h := r.Header["X-Amz-Content-Sha256"]; len(h) > 0 {
		if len(h) > 1 {
			return newError(ReasonMalformed, "The request has more than one X-Amz-Content-Sha256 header.")
		}
		claimed = h[0]
	}

	// The signature.
	var given [sha256.Size]byte
	if len(a.signature) != 2*sha256.Size {
		return newError(ReasonMismatch, msgMismatch)
	}
	if !decodeHex(given[:], a.signature) {
		return newError(ReasonMismatch, msgMismatch)
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	payloadHash := append(s.claimed[:0], bodyHex[:]...)
	if claimed != "" {
		payloadHash = append(payloadHash[:0], claimed...)
	}
	s.claimed = payloadHash
	s.buf = canonicalRequest(s.buf[:0], r, a.signedHeaders, payloadHash)
	canonSum := sha256.Sum256(s.buf)

	sts := append(s.sts[:0], Algorithm...)
	sts = append(sts, '\n')
	sts = append(sts, amzDate...)
	sts = append(sts, '\n')
	sts = append(sts, scope...)
	sts = append(sts, '\n')
	sts = hex.AppendEncode(sts, canonSum[:])
	s.sts = sts

	key := v.signingKey(keyID, secret, scopeDate)
	var want [sha256.Size]byte
	s.mac = hmacSHA256(s.mac[:0], &key, sts, &want)
	if subtle.ConstantTimeCompare(want[:], given[:]) != 1 {
		return newError(ReasonMismatch, msgMismatch)
	}
	if claimed != "" && subtle.ConstantTimeCompare(payloadHash, bodyHex[:]) != 1 {
		return newError(ReasonMismatch, "The provided 'x-amz-content-sha256' header does not match what was computed.")
	}
	return nil
}

// missingParameters is the error of an Authorization header without one of
// its three parameters, or of a request without a date, worded as AWS words
// it: one sentence per missing piece, then the header.
func missingParameters(a authorization, noDate bool, header string) error {
	var b strings.Builder
	add := func(s string) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	if !a.hasCredential {
		add(msgNoCredential)
	}
	if !a.hasSignature {
		add(msgNoSignature)
	}
	if !a.hasSigned {
		add(msgNoSigned)
	}
	if noDate {
		add(msgNoDateHeader)
	}
	add("Authorization=" + echo(header))
	return newError(ReasonMalformed, b.String())
}

// parseAuthorization reads "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
// Signature=...". Another algorithm gives no parameters (as AWS answers a
// bearer token or a version 2 signature: each parameter is missing). The
// parameters are separated by commas and white space; a part without "=" or
// a parameter given twice is an error; an unknown parameter is ignored.
func parseAuthorization(header string) (authorization, error) {
	var a authorization
	alg, rest, _ := strings.Cut(strings.TrimLeft(header, " "), " ")
	if alg != Algorithm {
		return a, nil
	}
	for rest != "" {
		// Parameters are separated by commas and white space, as AWS reads
		// them: "Credential=AKID /..." has a part "/..." without "=".
		i := strings.IndexAny(rest, ", \t")
		if i < 0 {
			i = len(rest)
		}
		part := rest[:i]
		rest = rest[min(i+1, len(rest)):]
		if part == "" {
			continue
		}
		k, val, ok := strings.Cut(part, "=")
		if !ok {
			return a, newError(ReasonMalformed, "'"+echo(part)+"' not a valid key=value pair (missing equal-sign) in Authorization header: '"+echo(header)+"'.")
		}
		var dst *string
		var seen *bool
		switch k {
		case "Credential":
			dst, seen = &a.credential, &a.hasCredential
		case "SignedHeaders":
			dst, seen = &a.signedHeaders, &a.hasSigned
		case "Signature":
			dst, seen = &a.signature, &a.hasSignature
		default:
			continue
		}
		if *seen {
			return a, newError(ReasonMalformed, "The Authorization header gives '"+k+"' more than once.")
		}
		*dst, *seen = val, true
	}
	return a, nil
}

// checkSignedHeaders checks the SignedHeaders list: lowercase header names,
// sorted, without repeats, naming host, the date header (dateName), and
// content-type and the mustSign headers that r has.
func checkSignedHeaders(r *http.Request, list, dateName string) error {
	prev := ""
	for rest := list; ; {
		name, more, found := strings.Cut(rest, ";")
		if !validHeaderName(name) || name <= prev {
			return newError(ReasonMalformed, "SignedHeaders must list lowercase header names, sorted and without repeats: '"+echo(list)+"'.")
		}
		prev = name
		if !found {
			break
		}
		rest = more
	}
	if !listed(list, "host") {
		return newError(ReasonUnsigned, msgHostUnsigned)
	}
	if !listed(list, dateName) {
		if dateName == "date" {
			return newError(ReasonUnsigned, "'Date' must be a 'SignedHeader' in the AWS Authorization.")
		}
		return newError(ReasonUnsigned, "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.")
	}
	if _, ok := r.Header["Content-Type"]; ok && !listed(list, "content-type") {
		return newError(ReasonUnsigned, "'Content-Type' must be a 'SignedHeader' in the AWS Authorization.")
	}
	for _, h := range mustSign {
		if _, ok := r.Header[h.key]; ok && !listed(list, h.name) {
			return newError(ReasonUnsigned, "'"+h.key+"' must be a 'SignedHeader' in the AWS Authorization.")
		}
	}
	return nil
}

// mustSign are the headers that change what a request means, and so must be
// signed when the request has them: the operation, the payload hash the
// signature covers, and the security token. Other x-amz-* headers mean
// nothing to the service and may be unsigned (the AWS SDK for JavaScript v2
// does not sign the X-Amz-User-Agent it sends).
var mustSign = [...]struct{ key, name string }{
	{"X-Amz-Target", "x-amz-target"},
	{"X-Amz-Content-Sha256", "x-amz-content-sha256"},
	{"X-Amz-Security-Token", "x-amz-security-token"},
}

// validHeaderName reports whether s is a lowercase HTTP token.
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// listed reports whether the SignedHeaders list names name, in any case.
func listed(list, name string) bool {
	for rest := list; ; {
		h, more, found := strings.Cut(rest, ";")
		if strings.EqualFold(h, name) {
			return true
		}
		if !found {
			return false
		}
		rest = more
	}
}

// parseAmzDate reads an ISO 8601 basic date, 20261206T120000Z, exactly.
func parseAmzDate(s string) (time.Time, bool) {
	if len(s) != 16 || s[8] != 'T' || s[15] != 'Z' {
		return time.Time{}, false
	}
	num := func(i, n int) int {
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, mo, d := num(0, 4), num(4, 2), num(6, 2)
	h, mi, sec := num(9, 2), num(11, 2), num(13, 2)
	if y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC)
	if t.Day() != d { // 20260231 rolls over
		return time.Time{}, false
	}
	return t, true
}

// decodeHex decodes s, 2*len(dst) hexadecimal digits in either case, into
// dst, and reports whether it could.
func decodeHex(dst []byte, s string) bool {
	if len(s) != 2*len(dst) {
		return false
	}
	for i := range dst {
		hi, ok1 := fromHex(s[2*i])
		lo, ok2 := fromHex(s[2*i+1])
		if !ok1 || !ok2 {
			return false
		}
		dst[i] = hi<<4 | lo
	}
	return true
}

func fromHex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// echo returns s cut to maxEcho bytes, for a message that repeats it.
func echo(s string) string {
	if len(s) <= maxEcho {
		return s
	}
	return s[:maxEcho] + "..."
}

type scratch struct{ buf, sts, mac, claimed []byte }

var scratchPool = sync.Pool{New: func() any {
	return &scratch{buf: make([]byte, 0, 1024), sts: make([]byte, 0, 256), mac: make([]byte, 0, 256)}
}}

// canonicalRequest appends r's canonical request to dst.
func canonicalRequest(dst []byte, r *http.Request, signedHeaders string, payloadHash []byte) []byte {
	dst = append(dst, r.Method...)
	dst = append(dst, '\n')
	path := r.URL.EscapedPath()
	if path == "" {
		path = "/"
	}
	dst = appendEscaped(dst, path, false)
	dst = append(dst, '\n')
	if r.URL.RawQuery != "" {
		dst = appendCanonicalQuery(dst, r.URL.RawQuery)
	}
	dst = append(dst, '\n')
	for rest := signedHeaders; ; {
		name, more, found := strings.Cut(rest, ";")
		dst = append(dst, name...)
		dst = append(dst, ':')
		dst = appendHeaderValues(dst, r, name)
		dst = append(dst, '\n')
		if !found {
			break
		}
		rest = more
	}
	dst = append(dst, '\n')
	dst = append(dst, signedHeaders...)
	dst = append(dst, '\n')
	return append(dst, payloadHash...)
}

// appendHeaderValues appends the canonical value of the header name (in
// lower case): host is r.Host, content-length r.ContentLength when the
// header map lacks it; the others are the header's values, each trimmed with
// its runs of spaces made one, joined by ",". An absent header's value is
// empty.
func appendHeaderValues(dst []byte, r *http.Request, name string) []byte {
	switch name {
	case "host":
		return appendTrimmed(dst, r.Host)
	case "content-length":
		if _, ok := r.Header["Content-Length"]; !ok && r.ContentLength >= 0 {
			return strconv.AppendInt(dst, r.ContentLength, 10)
		}
	}
	values := r.Header[canonicalKey(name)]
	if values == nil {
		values = r.Header.Values(name)
	}
	for i, v := range values {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendTrimmed(dst, v)
	}
	return dst
}

// canonicalKey returns the common headers' canonical MIME keys without
// allocating; other names go through http.CanonicalHeaderKey.
func canonicalKey(name string) string {
	switch name {
	case "content-type":
		return "Content-Type"
	case "content-length":
		return "Content-Length"
	case "x-amz-date":
		return "X-Amz-Date"
	case "x-amz-target":
		return "X-Amz-Target"
	case "x-amz-security-token":
		return "X-Amz-Security-Token"
	case "x-amz-content-sha256":
		return "X-Amz-Content-Sha256"
	case "amz-sdk-invocation-id":
		return "Amz-Sdk-Invocation-Id"
	case "amz-sdk-request":
		return "Amz-Sdk-Request"
	case "date":
		return "Date"
	case "accept-encoding":
		return "Accept-Encoding"
	}
	return http.CanonicalHeaderKey(name)
}

// appendTrimmed appends v without its leading and trailing white space and
// with each run of spaces made one, as the AWS SDK for Go v2 signs a value.
func appendTrimmed(dst []byte, v string) []byte {
	v = strings.TrimSpace(v)
	space := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		dst = append(dst, c)
	}
	return dst
}

// appendEscaped appends s percent-encoded as SigV4 encodes: every byte but
// the unreserved characters (A-Z a-z 0-9 - . _ ~), and '/' unless
// encodeSlash, as %XX in upper case.
func appendEscaped(dst []byte, s string, encodeSlash bool) []byte {
	const upperhex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' || c == '/' && !encodeSlash {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '%', upperhex[c>>4], upperhex[c&15])
	}
	return dst
}

// appendCanonicalQuery appends the canonical query of raw: its parameters
// decoded as url.ParseQuery decodes them (those that do not decode are
// dropped, as the SDKs drop them), sorted by name then value, and encoded.
func appendCanonicalQuery(dst []byte, raw string) []byte {
	q, _ := url.ParseQuery(raw)
	type kv struct{ k, v string }
	pairs := make([]kv, 0, len(q))
	for k, vs := range q {
		for _, v := range vs {
			pairs = append(pairs, kv{k, v})
		}
	}
	slices.SortFunc(pairs, func(a, b kv) int {
		ea, eb := string(appendEscaped(nil, a.k, true)), string(appendEscaped(nil, b.k, true))
		if c := strings.Compare(ea, eb); c != 0 {
			return c
		}
		return strings.Compare(string(appendEscaped(nil, a.v, true)), string(appendEscaped(nil, b.v, true)))
	})
	for i, p := range pairs {
		if i > 0 {
			dst = append(dst, '&')
		}
		dst = appendEscaped(dst, p.k, true)
		dst = append(dst, '=')
		dst = appendEscaped(dst, p.v, true)
	}
	return dst
}

// signingKey returns the key that signs keyID's requests on date (YYYYMMDD):
// HMAC chains over "AWS4"+secret, date, region, service and "aws4_request".
// The last key derived for each access key id is kept.
func (v *Verifier) signingKey(keyID, secret, date string) [sha256.Size]byte {
	v.mu.RLock()
	k, ok := v.cache[keyID]
	v.mu.RUnlock()
	if ok && k.date == date {
		return k.key
	}
	mac := func(key []byte, data string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(data))
		return h.Sum(nil)
	}
	b := mac([]byte("AWS4"+secret), date)
	b = mac(b, v.region)
	b = mac(b, v.service)
	b = mac(b, terminator)
	k = derivedKey{date: strings.Clone(date)}
	copy(k.key[:], b)
	v.mu.Lock()
	v.cache[keyID] = k
	v.mu.Unlock()
	return k.key
}

// hmacSHA256 computes HMAC-SHA256(key, msg) into out, using buf as scratch
// space (returned, possibly grown), without allocating once buf is large
// enough: the key, 32 bytes, is shorter than SHA-256's 64-byte block, so it is
// its own padded key.
func hmacSHA256(buf []byte, key *[sha256.Size]byte, msg []byte, out *[sha256.Size]byte) []byte {
	const block = 64
	buf = buf[:0]
	for i := range block {
		var k byte
		if i < len(key) {
			k = key[i]
		}
		buf = append(buf, k^0x36)
	}
	buf = append(buf, msg...)
	inner := sha256.Sum256(buf)
	buf = buf[:0]
	for i := range block {
		var k byte
		if i < len(key) {
			k = key[i]
		}
		buf = append(buf, k^0x5c)
	}
	buf = append(buf, inner[:]...)
	*out = sha256.Sum256(buf)
	return buf
}
