// Package lookoutequipment is the home of a Go library that models and
// validates requests of the Amazon Lookout for Equipment
// StartDataIngestionJob API before they are sent, and shares one set of
// types and one error taxonomy across the programs that send, receive or
// emulate that call. This package holds no code; its packages do:
//
//   - [github.com/lookout-equipment/lookoutequipment/lookout]: the request
//     and response types, the service's rules as hand-written checks
//     (Validate and one Check function per member), the error taxonomy and
//     its classification, and the AWS JSON 1.0 wire: reading a request,
//     writing a response or an error, reading an error back, and an
//     http.Handler.
//   - [github.com/lookout-equipment/lookoutequipment/validate]: the same
//     rules as github.com/go-playground/validator/v10 tags, with the same
//     verdicts and the same errors.
//
// The examples directory holds two programs: preflight, which checks request
// documents before they are sent, and server, a local endpoint that AWS's
// own clients can call.
//
// The rules are those of the API reference page of StartDataIngestionJob,
// completed by AWS's service model for the nested S3 members; each rule,
// and each place where it had to be read, is documented on the lookout
// package's Check functions and in lookout.Rules.
package lookoutequipment
