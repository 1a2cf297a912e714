package ingest

import (
	"context"
	"io"
	"io/fs"
)

// Object is one object of a [Source]: its key and its size in bytes as
// listed.
type Object struct {
	// Key is the object's full key (the prefix included).
	Key string
	// Size is the object's size in bytes.
	Size int64
	// Type is 0 for an object to read (a regular file; any S3 object);
	// for a directory source's entry that is not a regular file (a
	// symbolic link, a named pipe, a device, a socket), its type bits
	// (fs.ModeType), and [Check] discards it unread
	// ([ReasonNotRegularFile]).
	Type fs.FileMode
}

// Source is where a check finds the objects an ingestion job would read: a
// bucket, or a stand-in for one. Its methods are called from several
// goroutines at once.
type Source interface {
	// List calls fn with every object whose key begins with prefix, in any
	// order, each once. It stops at fn's first error and returns it; it
	// returns ctx's error once ctx is done.
	List(ctx context.Context, prefix string, fn func(Object) error) error

	// Open returns a reader of the bytes [off, off+n) of the object key, or
	// of [off, end) when n < 0. A reader that ends before the bytes asked
	// for (or, for n < 0, before the object's size) returns an error
	// (io.ErrUnexpectedEOF at least), never a silent short read.
	Open(ctx context.Context, key string, off, n int64) (io.ReadCloser, error)
}
