// Package lookoutequipment is the home of a Go library for the Amazon
// Lookout for Equipment API (version 2020-12-15, all 49 operations), a
// service AWS ended on 2026-10-07: one set of types, the service's exact
// validation and one error taxonomy across the programs that send, receive
// or emulate its calls. This package holds no code; its packages do:
//
//   - [github.com/lookout-equipment/lookoutequipment/lookout]: the request
//     and response types of every operation, the service's rules as
//     hand-written checks (Validate and one Check function per value kind),
//     the error taxonomy and its classification, and the AWS JSON 1.0 wire:
//     reading a request, writing a response or an error, reading an error
//     back, and an http.Handler that can check Signature Version 4
//     signatures (WithSignatures).
//   - [github.com/lookout-equipment/lookoutequipment/lookout/client]: a
//     client of the API over those types, one method per operation, signed
//     and retried as the AWS SDK for Go v2 does.
//   - [github.com/lookout-equipment/lookoutequipment/lookout/ingest]: the
//     check of what an ingestion job would make of a bucket's sensor data.
//   - [github.com/lookout-equipment/lookoutequipment/validate]: the same
//     rules as github.com/go-playground/validator/v10 tags, with the same
//     verdicts and the same errors.
//
// The examples directory holds two programs: preflight, which checks request
// documents, and the data they would ingest, before they are sent; and
// server, a local endpoint of the dataset and ingestion operations that
// AWS's own clients can call.
//
// The declarations of package lookout are generated (go generate ./lookout)
// from a copy of AWS's service model without its documentation strings
// (lookout/internal/model) and a short hand-written overlay that maps each
// of the model's patterns to its hand-written matcher (lookout/internal/gen).
// The same model file, added to the AWS CLI with "aws configure add-model",
// lets the CLI and boto3 call the API after they drop the service. Each rule,
// and each place where it had to be read, is documented on the lookout
// package's Check functions and in lookout.Rules.
package lookoutequipment
