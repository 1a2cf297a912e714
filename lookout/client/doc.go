// Package client is a Go client of the Amazon Lookout for Equipment API over
// this module's types, built like the AWS SDK for Go v2's generated clients:
// New takes an aws.Config (config.LoadDefaultConfig's, say) as
// NewFromConfig does, and each operation is a method that takes the
// operation's *lookout.<Operation>Request and returns its
// *lookout.<Operation>Response.
//
// A call fills an empty ClientToken, validates the request (see
// Options.DisableValidation), sends it as AWS JSON 1.0, signed with
// Signature Version 4 for the service lookoutequipment, through the SDK's
// retry middleware and standard retryer (throttling, 5xx, 429 and
// connection errors are retried, with the retryer's backoff and token
// bucket; each attempt is signed anew), and decodes the answer.
//
// # Errors
//
// Every error is a *smithy.OperationError. An error the endpoint answered
// is found with errors.As as this module's type (*lookout.ThrottlingException,
// *lookout.ValidationException, ..., or *lookout.GenericAPIError for a code
// the taxonomy does not know, such as InvalidSignatureException), and its
// request id, the response's x-amzn-RequestId, as with the SDK: errors.As
// finds an *awshttp.ResponseError (or anything with ServiceRequestID() string).
// A request that fails validation is not sent: the error holds its
// *lookout.ValidationException, with the violations as *lookout.FieldError.
//
// # Endpoint
//
// The endpoint is resolved in the SDK's order (see New): Options.BaseEndpoint,
// then AWS_ENDPOINT_URL_LOOKOUTEQUIPMENT or the shared config file's services
// section, then aws.Config.BaseEndpoint, then
// https://lookoutequipment.REGION.amazonaws.com. The service has ended, so in
// practice the endpoint is one that stands in for it.
package client
