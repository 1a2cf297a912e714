// Package datacopy keeps the copy of each dataset's data that a successful
// ingestion makes: one folder per version of a dataset's data, one file per
// component in it.
//
// A component's file is columnar, all integers little-endian:
//
//	magic "LKDC", format version (uint16, 1)
//	component name (uint16 length, bytes)
//	sensor count (uint32), each sensor's name (uint16 length, bytes)
//	record count (uint64)
//	the times (int64 Unix seconds, ascending, distinct), one per record
//	each sensor's column (float64 bits, NaN for a gap), one per record
//	CRC-32C (Castagnoli) of every byte before it (uint32)
//
// A file is written under a temporary name, synced and renamed, and its
// folder synced, so that a file of the copy is whole or absent. Which
// version a dataset holds is recorded by the caller (the store), after the
// version is written; versions no dataset refers to are removed by Sweep.
package datacopy

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// magic begins every file of the copy; formatVersion follows it.
const (
	magic         = "LKDC"
	formatVersion = 1
	fileSuffix    = ".col"
	tempSuffix    = ".tmp"
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Component is one component's data: its sensors' values at each time.
type Component struct {
	// Name is the component's name.
	Name string
	// Sensors are its sensors' names, in schema order.
	Sensors []string
	// Times are the records' times in Unix seconds, ascending and distinct.
	Times []int64
	// Values holds one column per sensor: Values[j][i] is the value of
	// Sensors[j] at Times[i], NaN for a gap.
	Values [][]float64
}

// check reports a Component whose shape is not the file's.
func (c *Component) check() error {
	if len(c.Values) != len(c.Sensors) {
		return fmt.Errorf("datacopy: component %q has %d sensors but %d columns", c.Name, len(c.Sensors), len(c.Values))
	}
	if len(c.Name) > math.MaxUint16 {
		return fmt.Errorf("datacopy: component name of %d bytes", len(c.Name))
	}
	for j, s := range c.Sensors {
		if len(s) > math.MaxUint16 {
			return fmt.Errorf("datacopy: sensor name of %d bytes", len(s))
		}
		if len(c.Values[j]) != len(c.Times) {
			return fmt.Errorf("datacopy: sensor %q has %d values for %d times", s, len(c.Values[j]), len(c.Times))
		}
	}
	for i := 1; i < len(c.Times); i++ {
		if c.Times[i] <= c.Times[i-1] {
			return fmt.Errorf("datacopy: component %q: times not ascending at record %d", c.Name, i)
		}
	}
	return nil
}

// FormatError is a file of the copy that is damaged, truncated, or not a
// file of this package.
type FormatError struct {
	// Path is the file's.
	Path string
	// Reason says what is wrong.
	Reason string
}

// Error says which file and what is wrong.
func (e *FormatError) Error() string {
	return "datacopy: " + e.Path + ": " + e.Reason
}

// Dir is the folder holding the copies, one subfolder per version.
type Dir struct {
	root string
	temp bool
}

// Open returns the Dir at root, creating the folder when it does not
// exist.
func Open(root string) (*Dir, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, err
	}
	return &Dir{root: root}, nil
}

// Temp returns a Dir in a new temporary folder, removed by Close: for a
// store held in memory.
func Temp() (*Dir, error) {
	root, err := os.MkdirTemp("", "datacopy-")
	if err != nil {
		return nil, err
	}
	return &Dir{root: root, temp: true}, nil
}

// Root is the folder of the copies.
func (d *Dir) Root() string { return d.root }

// Close removes a temporary Dir's folder; it does nothing for one made by
// Open.
func (d *Dir) Close() error {
	if d.temp {
		return os.RemoveAll(d.root)
	}
	return nil
}

// validVersion reports whether v can name a version's folder: letters,
// digits, '-' and '_', at most 128 bytes.
func validVersion(v string) bool {
	if v == "" || len(v) > 128 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func (d *Dir) versionDir(v string) (string, error) {
	if !validVersion(v) {
		return "", fmt.Errorf("datacopy: invalid version name %q", v)
	}
	return filepath.Join(d.root, v), nil
}

// Begin empties the folder of version v (left by an attempt that did not
// finish) and creates it afresh.
func (d *Dir) Begin(v string) error {
	dir, err := d.versionDir(v)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return err
	}
	return syncDir(d.root)
}

// Put writes component number n (0-based, in schema order) of version v,
// which Begin created. The file is complete once Put returns nil.
func (d *Dir) Put(v string, n int, c *Component) error {
	if err := c.check(); err != nil {
		return err
	}
	dir, err := d.versionDir(v)
	if err != nil {
		return err
	}
	name := filepath.Join(dir, strconv.Itoa(n)+fileSuffix)
	tmp := name + tempSuffix
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if err := encode(f, c); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(dir)
}

// Remove removes version v; a version that does not exist is no error.
func (d *Dir) Remove(v string) error {
	dir, err := d.versionDir(v)
	if err != nil {
		return err
	}
	return os.RemoveAll(dir)
}

// Sweep removes every entry of the folder that is not a version keep
// reports true for, and returns the names removed.
func (d *Dir) Sweep(keep func(version string) bool) ([]string, error) {
	entries, err := os.ReadDir(d.root)
	if err != nil {
		return nil, err
	}
	var removed []string
	var errs []error
	for _, e := range entries {
		if e.IsDir() && validVersion(e.Name()) && keep(e.Name()) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(d.root, e.Name())); err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, e.Name())
	}
	return removed, errors.Join(errs...)
}

// Count returns the number of components of version v: the files 0.col,
// 1.col, ... that it holds. A version that does not exist has none.
func (d *Dir) Count(v string) (int, error) {
	dir, err := d.versionDir(v)
	if err != nil {
		return 0, err
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), fileSuffix) {
			n++
		}
	}
	for i := range n {
		if _, err := os.Stat(filepath.Join(dir, strconv.Itoa(i)+fileSuffix)); err != nil {
			return 0, &FormatError{Path: dir, Reason: fmt.Sprintf("component file %d of %d is missing", i, n)}
		}
	}
	return n, nil
}

// Get reads component number n of version v. A file that is damaged or
// foreign is a *FormatError.
func (d *Dir) Get(v string, n int) (*Component, error) {
	dir, err := d.versionDir(v)
	if err != nil {
		return nil, err
	}
	name := filepath.Join(dir, strconv.Itoa(n)+fileSuffix)
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return decode(name, f, fi.Size())
}

// Copy copies version from to version to (the components' files, as they
// are), to's folder made afresh.
func (d *Dir) Copy(from, to string) error {
	n, err := d.Count(from)
	if err != nil {
		return err
	}
	if err := d.Begin(to); err != nil {
		return err
	}
	for i := range n {
		c, err := d.Get(from, i)
		if err != nil {
			return err
		}
		if err := d.Put(to, i, c); err != nil {
			return err
		}
	}
	return nil
}

// encode writes c in the file format, its checksum last.
func encode(w io.Writer, c *Component) error {
	h := crc32.New(castagnoli)
	bw := bufio.NewWriterSize(io.MultiWriter(w, h), 64<<10)
	var b [8]byte
	putStr := func(s string) {
		binary.LittleEndian.PutUint16(b[:2], uint16(len(s)))
		bw.Write(b[:2])
		bw.WriteString(s)
	}
	bw.WriteString(magic)
	binary.LittleEndian.PutUint16(b[:2], formatVersion)
	bw.Write(b[:2])
	putStr(c.Name)
	binary.LittleEndian.PutUint32(b[:4], uint32(len(c.Sensors)))
	bw.Write(b[:4])
	for _, s := range c.Sensors {
		putStr(s)
	}
	binary.LittleEndian.PutUint64(b[:], uint64(len(c.Times)))
	bw.Write(b[:])
	for _, t := range c.Times {
		binary.LittleEndian.PutUint64(b[:], uint64(t))
		bw.Write(b[:])
	}
	for _, col := range c.Values {
		for _, x := range col {
			binary.LittleEndian.PutUint64(b[:], math.Float64bits(x))
			bw.Write(b[:])
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	binary.LittleEndian.PutUint32(b[:4], h.Sum32())
	_, err := w.Write(b[:4])
	return err
}

// decode reads a file of size bytes from r.
func decode(path string, r io.Reader, size int64) (*Component, error) {
	bad := func(reason string) error { return &FormatError{Path: path, Reason: reason} }
	if size < int64(len(magic))+2+2+4+8+4 {
		return nil, bad("too short to be a data copy file")
	}
	h := crc32.New(castagnoli)
	br := bufio.NewReaderSize(io.TeeReader(io.LimitReader(r, size-4), h), 64<<10)
	left := size - 4
	read := func(n int64) ([]byte, error) {
		if n > left {
			return nil, bad("truncated")
		}
		left -= n
		p := make([]byte, n)
		if _, err := io.ReadFull(br, p); err != nil {
			return nil, bad("truncated")
		}
		return p, nil
	}
	p, err := read(6)
	if err != nil {
		return nil, err
	}
	if string(p[:4]) != magic {
		return nil, bad("not a data copy file")
	}
	if v := binary.LittleEndian.Uint16(p[4:]); v != formatVersion {
		return nil, bad(fmt.Sprintf("format version %d, this program reads %d", v, formatVersion))
	}
	str := func() (string, error) {
		p, err := read(2)
		if err != nil {
			return "", err
		}
		p, err = read(int64(binary.LittleEndian.Uint16(p)))
		return string(p), err
	}
	c := &Component{}
	if c.Name, err = str(); err != nil {
		return nil, err
	}
	if p, err = read(4); err != nil {
		return nil, err
	}
	ns := int64(binary.LittleEndian.Uint32(p))
	if ns*2 > left {
		return nil, bad("truncated")
	}
	c.Sensors = make([]string, ns)
	for j := range c.Sensors {
		if c.Sensors[j], err = str(); err != nil {
			return nil, err
		}
	}
	if p, err = read(8); err != nil {
		return nil, err
	}
	nr := binary.LittleEndian.Uint64(p)
	if w := uint64(left) / 8; uint64(left)%8 != 0 || nr == 0 && w != 0 || nr != 0 && (w%nr != 0 || w/nr != uint64(ns)+1) {
		return nil, bad("its record count does not match its size")
	}
	words := func() ([]uint64, error) {
		p, err := read(int64(nr) * 8)
		if err != nil {
			return nil, err
		}
		out := make([]uint64, nr)
		for i := range out {
			out[i] = binary.LittleEndian.Uint64(p[8*i:])
		}
		return out, nil
	}
	ts, err := words()
	if err != nil {
		return nil, err
	}
	c.Times = make([]int64, nr)
	for i, t := range ts {
		c.Times[i] = int64(t)
	}
	c.Values = make([][]float64, ns)
	for j := range c.Values {
		ws, err := words()
		if err != nil {
			return nil, err
		}
		col := make([]float64, nr)
		for i, w := range ws {
			col[i] = math.Float64frombits(w)
		}
		c.Values[j] = col
	}
	var sum [4]byte
	if _, err := io.ReadFull(r, sum[:]); err != nil {
		return nil, bad("truncated")
	}
	if binary.LittleEndian.Uint32(sum[:]) != h.Sum32() {
		return nil, bad("checksum mismatch")
	}
	if err := c.check(); err != nil {
		return nil, bad(err.Error())
	}
	return c, nil
}

// syncDir syncs a folder's entries to disk.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
