package lookout

// The declarations of the operations, structures, kinds, enums and rules
// are generated from the facts-only service model in internal/model and
// the overlay in internal/gen; the error types from internal/errorsgen's
// table and the model.
//
//go:generate go run ./internal/gen
//go:generate go run ./internal/errorsgen -o errors_gen.go
