package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// FS returns a Source over a directory tree: a key is a file's path
// relative to fsys's root, '/'-separated (as fs.FS names it), and its size
// is the one Stat gives. Directories are listed as nothing (no folder
// markers); regular files, and links to them, are objects. Ranged reads use io.ReaderAt
// when the file has it, else io.Seeker, else read and drop the bytes
// before off. Use it with os.DirFS.
func FS(fsys fs.FS) Source { return fsSource{fsys} }

type fsSource struct{ fsys fs.FS }

func (s fsSource) List(ctx context.Context, prefix string, fn func(Object) error) error {
	// Walk from the deepest directory the prefix names.
	root := "."
	if i := strings.LastIndexByte(prefix, '/'); i > 0 {
		root = prefix[:i]
		if !fs.ValidPath(root) {
			return nil
		}
	}
	err := fs.WalkDir(s.fsys, root, func(p string, d fs.DirEntry, err error) error {
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
		var info fs.FileInfo
		switch {
		case d.Type().IsRegular():
			info, err = d.Info()
		case d.Type()&fs.ModeSymlink != 0:
			// A link to a file is the file (a link to a directory is
			// not followed).
			info, err = fs.Stat(s.fsys, p)
			if err == nil && !info.Mode().IsRegular() {
				return nil
			}
		default:
			return nil
		}
		if err != nil {
			return err
		}
		return fn(Object{Key: p, Size: info.Size()})
	})
	return err
}

func (s fsSource) Open(ctx context.Context, key string, off, n int64) (io.ReadCloser, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !fs.ValidPath(key) || key == "." {
		return nil, &fs.PathError{Op: "open", Path: key, Err: fs.ErrInvalid}
	}
	f, err := s.fsys.Open(path.Clean(key))
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	size := info.Size()
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
