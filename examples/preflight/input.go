package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"strconv"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// maxDocument is the largest document read: the bound the wire puts on a
// request body.
const maxDocument = int64(lookout.MaxRequestBodyBytes)

// inputError is a file that could not be read. Its message is the same on
// every system.
type inputError struct {
	// What says what went wrong, such as "file does not exist".
	What string
	// Err is the cause, nil when there is none.
	Err error
}

// Error returns "cannot read: " and what went wrong.
func (e *inputError) Error() string { return "cannot read: " + e.What }

// Unwrap returns the cause.
func (e *inputError) Unwrap() error { return e.Err }

// errTooLarge is the cause of an inputError for a document larger than
// maxDocument.
var errTooLarge = errors.New("document larger than the limit of a request body")

// readInput reads the document name designates: standard input for "-", else
// the file. It reads at most maxDocument+1 bytes, whatever the size of the
// input.
func readInput(name string, stdin io.Reader) ([]byte, error) {
	if name == stdinName {
		return readBounded(stdin)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, describe(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, describe(err)
	}
	if info.IsDir() {
		return nil, &inputError{What: "is a directory"}
	}
	return readBounded(f)
}

// readBounded reads r to its end, refusing more than maxDocument bytes.
func readBounded(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxDocument+1))
	if err != nil {
		return nil, describe(err)
	}
	if int64(len(data)) > maxDocument {
		return nil, &inputError{
			What: "larger than " + strconv.FormatInt(maxDocument, 10) + " bytes, the limit of a request body",
			Err:  errTooLarge,
		}
	}
	return data, nil
}

// describe turns an error of the file system into an inputError whose
// message does not depend on the system's wording for the usual causes.
func describe(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &inputError{What: "file does not exist", Err: err}
	case errors.Is(err, fs.ErrPermission):
		return &inputError{What: "permission denied", Err: err}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &inputError{What: pe.Err.Error(), Err: err}
	}
	return &inputError{What: err.Error(), Err: err}
}
