// Package sigv4 checks AWS Signature Version 4 on the requests an AWS JSON
// 1.0 endpoint receives, as AWS's services check them, and reads the AWS
// shared credentials file that says whose keys are let in.
//
// A server builds one Verifier from the credentials (New, with
// ParseCredentialsFile's map), its region and the service's signing name, and
// calls Verify on each request with the body it has read. Verify returns nil
// or a *Error with the code, message and HTTP status AWS answers with:
// MissingAuthenticationTokenException, IncompleteSignatureException,
// UnrecognizedClientException or InvalidSignatureException, all 403. The
// handler writes it as any AWS JSON error (the error satisfies
// smithy.APIError and has HTTPStatusCode).
//
// The messages are AWS's where AWS's services are seen to answer with one
// ("Signature expired: 20261206T120000Z is now earlier than 20261206T123000Z
// (20261206T124500Z - 15 min.)", "Credential should be scoped to correct
// service: 'lookoutequipment'.", ...), without the trailing space some of
// them carry; where none is known, the message says what is wrong in the
// same style.
//
// The check is hand-written on crypto/hmac and crypto/sha256: the
// Authorization header is read without regular expressions, the canonical
// request is built in a pooled buffer, each access key's signing key is
// derived once a day, and a valid request costs a few microseconds (see
// BenchmarkVerify).
package sigv4
