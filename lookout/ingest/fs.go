package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"syscall"
)

// NotRegularError is the error of a key that names something other than a
// regular file in a directory source: a symbolic link (never followed), a
// named pipe, a device, a socket, or a directory. [Check] discards such a
// key ([ReasonNotRegularFile]), never reading it.
type NotRegularError struct {
	// Key is the key.
	Key string
	// Type is the file's type bits (fs.ModeType).
	Type fs.FileMode
}

// Error says what the key names: "a symbolic link, not followed".
func (e *NotRegularError) Error() string {
	switch t := e.Type & fs.ModeType; {
	case t&fs.ModeSymlink != 0:
		return "a symbolic link, not followed"
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO), not a regular file"
	case t&fs.ModeSocket != 0:
		return "a socket, not a regular file"
	case t&fs.ModeDevice != 0:
		return "a device, not a regular file"
	case t&fs.ModeDir != 0:
		return "a directory, not a regular file"
	default:
		return "not a regular file (" + t.String() + ")"
	}
}

// notRegular returns the Object of a key that is not a regular file.
func notRegular(key string, t fs.FileMode) Object {
	t &= fs.ModeType
	if t == 0 {
		t = fs.ModeIrregular
	}
	return Object{Key: key, Type: t}
}

// DirSource is a [Source] over a directory tree, confined to it: it opens
// every file through an [os.Root], so that no read leaves the directory,
// and it follows no symbolic link at all, not even one that stays inside.
// A key is a file's path relative to the directory, '/'-separated.
//
// Its listing gives the regular files with their sizes, and every other
// entry that is not a directory (a symbolic link, whatever it points to; a
// named pipe; a device; a socket) as an Object with its Type, which
// [Check] discards with [ReasonNotRegularFile]: a link is not an object
// (S3 has none), and a pipe or a device is not data; but a user who put
// one there sees it named, rather than missing. A directory link is not
// walked into.
//
// Open checks, without opening anything, that no component of the key is
// a link and that the key is a regular file ([NotRegularError] otherwise);
// it then opens the file without blocking (O_NONBLOCK: a pipe swapped in
// meanwhile does not wait for a writer) and checks that the file opened is
// the one checked (a [NotRegularError], or an error for a file replaced).
// A directory swapped for a link between the check and the open is still
// confined to the root by os.Root.
type DirSource struct {
	dir  string
	root *os.Root
}

// Dir returns the source of the directory tree at dir. Close it when done.
func Dir(dir string) (*DirSource, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &DirSource{dir: dir, root: root}, nil
}

// Close releases the directory.
func (s *DirSource) Close() error { return s.root.Close() }

// List calls fn with every entry under prefix that is not a directory.
func (s *DirSource) List(ctx context.Context, prefix string, fn func(Object) error) error {
	return listFS(ctx, s.root.FS(), prefix, fn)
}

// Open returns a reader of [off, off+n) of the regular file key.
func (s *DirSource) Open(ctx context.Context, key string, off, n int64) (io.ReadCloser, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !fs.ValidPath(key) || key == "." {
		return nil, &fs.PathError{Op: "open", Path: key, Err: fs.ErrInvalid}
	}
	// Every directory on the way, then the file, checked without
	// following a link.
	for i := 0; i < len(key); i++ {
		if key[i] != '/' {
			continue
		}
		info, err := s.root.Lstat(key[:i])
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			return nil, &NotRegularError{Key: key, Type: info.Mode().Type()}
		}
	}
	info, err := s.root.Lstat(key)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &NotRegularError{Key: key, Type: info.Mode().Type()}
	}
	f, err := s.root.OpenFile(key, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	got, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !got.Mode().IsRegular() {
		f.Close()
		return nil, &NotRegularError{Key: key, Type: got.Mode().Type()}
	}
	if !os.SameFile(info, got) {
		f.Close()
		return nil, fmt.Errorf("ingest: open %q: the file was replaced while it was opened", key)
	}
	return openRange(ctx, key, f, got.Size(), off, n)
}

// FS returns a Source over a directory tree given as an fs.FS: a key is a
// file's path relative to fsys's root, '/'-separated (as fs.FS names it),
// and its size is the one Stat gives. Directories are listed as nothing
// (no folder markers); regular files are objects; a symbolic link and any
// other entry that is not a directory are listed with their Type, for
// [Check] to discard (see [DirSource]). Ranged reads use io.ReaderAt when
// the file has it, else io.Seeker, else read and drop the bytes before
// off.
//
// An fs.FS cannot confine or open without blocking: for a directory on
// disk, use [Dir].
func FS(fsys fs.FS) Source { return fsSource{fsys} }

type fsSource struct{ fsys fs.FS }

func (s fsSource) List(ctx context.Context, prefix string, fn func(Object) error) error {
	return listFS(ctx, s.fsys, prefix, fn)
}

// listFS walks fsys from the deepest directory prefix names, without
// following links.
func listFS(ctx context.Context, fsys fs.FS, prefix string, fn func(Object) error) error {
	root := "."
	if i := strings.LastIndexByte(prefix, '/'); i > 0 {
		root = prefix[:i]
		if !fs.ValidPath(root) {
			return nil
		}
		// The walk's start and the directories above it: a link among
		// them is not walked into (and no key under it is listed).
		for j := 0; j <= len(root); j++ {
			if j < len(root) && root[j] != '/' {
				continue
			}
			info, err := fs.Lstat(fsys, root[:j])
			if errors.Is(err, fs.ErrNotExist) || err == nil && !info.IsDir() {
				return nil
			}
			if err != nil {
				return err
			}
		}
	}
	return fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			if p == root && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			if p != "." && !strings.HasPrefix(p+"/", prefix) && !strings.HasPrefix(prefix, p+"/") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasPrefix(p, prefix) {
			return nil
		}
		if !d.Type().IsRegular() {
			return fn(notRegular(p, d.Type()))
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if !info.Mode().IsRegular() {
			return fn(notRegular(p, info.Mode()))
		}
		return fn(Object{Key: p, Size: info.Size()})
	})
}

func (s fsSource) Open(ctx context.Context, key string, off, n int64) (io.ReadCloser, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !fs.ValidPath(key) || key == "." {
		return nil, &fs.PathError{Op: "open", Path: key, Err: fs.ErrInvalid}
	}
	key = path.Clean(key)
	if info, err := fs.Lstat(s.fsys, key); err == nil && !info.Mode().IsRegular() {
		return nil, &NotRegularError{Key: key, Type: info.Mode().Type()}
	}
	f, err := s.fsys.Open(key)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, &NotRegularError{Key: key, Type: info.Mode().Type()}
	}
	return openRange(ctx, key, f, info.Size(), off, n)
}

// openRange returns a reader of [off, off+n) of the open file f of size
// bytes, or of [off, size) when n < 0. It closes f on error.
func openRange(ctx context.Context, key string, f fs.File, size, off, n int64) (io.ReadCloser, error) {
	if off < 0 || off > size || n >= 0 && off+n > size {
		f.Close()
		return nil, fmt.Errorf("ingest: open %q: range [%d, %d) outside its %d bytes: %w", key, off, off+n, size, io.ErrUnexpectedEOF)
	}
	r := &fsReader{ctx: ctx, f: f, off: off, n: n, size: size}
	if ra, ok := f.(io.ReaderAt); ok {
		r.ra = ra
	} else if sk, ok := f.(io.Seeker); ok {
		if _, err := sk.Seek(off, io.SeekStart); err != nil {
			f.Close()
			return nil, err
		}
	} else if _, err := io.CopyN(io.Discard, f, off); err != nil {
		f.Close()
		return nil, err
	}
	return r, nil
}

// fsReader reads [off, off+n) of a file, or [off, its end) when n < 0,
// and reports a short read as io.ErrUnexpectedEOF.
type fsReader struct {
	ctx  context.Context
	f    fs.File
	ra   io.ReaderAt
	off  int64 // the next byte's offset
	n    int64 // bytes left to read, or < 0 for up to the end
	size int64 // the size at open
}

func (r *fsReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	if r.n == 0 {
		return 0, io.EOF
	}
	if r.n > 0 && int64(len(p)) > r.n {
		p = p[:r.n]
	}
	var m int
	var err error
	if r.ra != nil {
		m, err = r.ra.ReadAt(p, r.off)
	} else {
		m, err = r.f.Read(p)
	}
	r.off += int64(m)
	if r.n > 0 {
		r.n -= int64(m)
	}
	if err == io.EOF {
		if r.n > 0 || r.n < 0 && r.off < r.size {
			return m, io.ErrUnexpectedEOF
		}
		if m > 0 {
			return m, nil
		}
		return 0, io.EOF
	}
	if err == nil && r.n == 0 {
		return m, nil
	}
	return m, err
}

func (r *fsReader) Close() error { return r.f.Close() }
