package detect

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"unicode/utf8"
)

// FormatVersion is the version of the model file format Save writes and Load
// reads.
const FormatVersion = 1

// magic opens every model file.
const magic = "LKDETECT"

// maxFileBytes bounds the payload Load reads: 30 sensors take 9 KB, 10,000
// sensors 800 MB.
const maxFileBytes = 1 << 30

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Save writes the model in the format Load reads, version FormatVersion.
// All numbers are little-endian:
//
//	magic    8 bytes  "LKDETECT"
//	version  uint32   1
//	length   uint64   bytes of the payload
//	payload:
//	  step       int64    grid step, seconds
//	  sensors    uint32   p
//	  window     uint32   rows of the rolling mean
//	  threshold  float64
//	  p names    uint32 byte length, then UTF-8 bytes
//	  center, scale, residual scale, drift scale: p float64 each
//	  stuck run lengths: p int64
//	  coefficients: p rows of p+5 float64 (the sensors, sin and cos of the
//	    day, of its half, intercept)
//	crc      uint32   CRC-32C (Castagnoli) of everything before it
func (m *Model) Save(w io.Writer) error {
	p := len(m.sensors)
	b := make([]byte, 0, 64+p*(8*(p+features+5)+16))
	b = append(b, magic...)
	b = binary.LittleEndian.AppendUint32(b, FormatVersion)
	b = binary.LittleEndian.AppendUint64(b, 0) // length, set below
	b = binary.LittleEndian.AppendUint64(b, uint64(m.step))
	b = binary.LittleEndian.AppendUint32(b, uint32(p))
	b = binary.LittleEndian.AppendUint32(b, uint32(m.window))
	b = appendFloat(b, m.threshold)
	for _, s := range m.sensors {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(s)))
		b = append(b, s...)
	}
	for _, xs := range [][]float64{m.center, m.scale, m.resScale, m.driftScale} {
		for _, v := range xs {
			b = appendFloat(b, v)
		}
	}
	for _, v := range m.stuckLen {
		b = binary.LittleEndian.AppendUint64(b, uint64(v))
	}
	for _, v := range m.coef {
		b = appendFloat(b, v)
	}
	binary.LittleEndian.PutUint64(b[12:20], uint64(len(b)-20))
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
	_, err := w.Write(b)
	return err
}

func appendFloat(b []byte, v float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
}

// Load reads a model that Save wrote. It refuses, with a *LoadError, input
// that is not a model file (ErrForeign), a format version other than
// FormatVersion (ErrVersion), and a file that is truncated, fails its
// checksum or holds values no training produces (ErrDamaged); an error of
// the reader is wrapped in a *LoadError too. Load reads exactly one model
// and nothing past its checksum.
func Load(r io.Reader) (*Model, error) {
	var hdr [20]byte
	if n, err := io.ReadFull(r, hdr[:]); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			if string(hdr[:min(n, len(magic))]) != magic[:min(n, len(magic))] || n == 0 {
				return nil, &LoadError{Err: ErrForeign, Detail: fmt.Sprintf("%d bytes, no model header", n)}
			}
			return nil, &LoadError{Err: ErrDamaged, Detail: "truncated header"}
		}
		return nil, &LoadError{Err: err}
	}
	if string(hdr[:8]) != magic {
		return nil, &LoadError{Err: ErrForeign, Detail: fmt.Sprintf("starts with %q", hdr[:8])}
	}
	if v := binary.LittleEndian.Uint32(hdr[8:12]); v != FormatVersion {
		return nil, &LoadError{Err: ErrVersion, Detail: fmt.Sprintf("version %d, this package reads %d", v, FormatVersion)}
	}
	length := binary.LittleEndian.Uint64(hdr[12:20])
	if length > maxFileBytes {
		return nil, &LoadError{Err: ErrDamaged, Detail: fmt.Sprintf("payload length %d past the limit %d", length, maxFileBytes)}
	}
	body, err := io.ReadAll(io.LimitReader(r, int64(length)+4))
	if err != nil {
		return nil, &LoadError{Err: err}
	}
	if uint64(len(body)) != length+4 {
		return nil, &LoadError{Err: ErrDamaged, Detail: fmt.Sprintf("truncated: %d of %d bytes", len(body), length+4)}
	}
	sum := crc32.Update(crc32.Checksum(hdr[:], castagnoli), castagnoli, body[:length])
	if got := binary.LittleEndian.Uint32(body[length:]); got != sum {
		return nil, &LoadError{Err: ErrDamaged, Detail: fmt.Sprintf("checksum %08x, computed %08x", got, sum)}
	}
	m, detail := decodeModel(body[:length])
	if detail != "" {
		return nil, &LoadError{Err: ErrDamaged, Detail: detail}
	}
	return m, nil
}

type reader struct {
	b   []byte
	bad bool
}

func (r *reader) u32() uint32 {
	if len(r.b) < 4 {
		r.bad = true
		return 0
	}
	v := binary.LittleEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

func (r *reader) u64() uint64 {
	if len(r.b) < 8 {
		r.bad = true
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

func (r *reader) floats(n int) []float64 {
	if r.bad || len(r.b)/8 < n {
		r.bad = true
		return nil
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = math.Float64frombits(r.u64())
	}
	return out
}

// decodeModel parses and checks a payload; detail says what is wrong.
func decodeModel(b []byte) (*Model, string) {
	r := &reader{b: b}
	m := &Model{}
	m.step = int64(r.u64())
	p := int(r.u32())
	m.window = int(r.u32())
	m.threshold = math.Float64frombits(r.u64())
	if r.bad {
		return nil, "truncated payload"
	}
	if m.step < 1 {
		return nil, fmt.Sprintf("step %d", m.step)
	}
	// Each sensor takes at least 8*(p+10) bytes: bound p before allocating.
	if p < 1 || uint64(p)*uint64(p+10)*8 > uint64(len(b)) {
		return nil, fmt.Sprintf("%d sensors in %d bytes", p, len(b))
	}
	if m.window < minWindow || m.window > maxWindow {
		return nil, fmt.Sprintf("window %d", m.window)
	}
	if !(m.threshold >= 1) || math.IsInf(m.threshold, 0) {
		return nil, fmt.Sprintf("threshold %v", m.threshold)
	}
	m.sensors = make([]string, p)
	for j := range p {
		n := r.u32()
		if r.bad || uint64(n) > uint64(len(r.b)) {
			return nil, "truncated sensor names"
		}
		m.sensors[j] = string(r.b[:n])
		r.b = r.b[n:]
		if !utf8.ValidString(m.sensors[j]) {
			return nil, fmt.Sprintf("sensor name %q is not UTF-8", m.sensors[j])
		}
	}
	if err := checkNames(m.sensors); err != nil {
		return nil, err.(*FrameError).Reason
	}
	m.center = r.floats(p)
	m.scale = r.floats(p)
	m.resScale = r.floats(p)
	m.driftScale = r.floats(p)
	m.stuckLen = make([]int64, p)
	for j := range p {
		m.stuckLen[j] = int64(r.u64())
	}
	m.coef = r.floats(p * (p + features))
	if r.bad {
		return nil, "truncated payload"
	}
	if len(r.b) != 0 {
		return nil, fmt.Sprintf("%d bytes past the model", len(r.b))
	}
	for j := range p {
		switch {
		case !finite(m.center[j]):
			return nil, fmt.Sprintf("center of %q is %v", m.sensors[j], m.center[j])
		case !(m.scale[j] > 0) || !finite(m.scale[j]):
			return nil, fmt.Sprintf("scale of %q is %v", m.sensors[j], m.scale[j])
		case !(m.resScale[j] >= minScale) || !finite(m.resScale[j]):
			return nil, fmt.Sprintf("residual scale of %q is %v", m.sensors[j], m.resScale[j])
		case !(m.driftScale[j] >= minScale) || !finite(m.driftScale[j]):
			return nil, fmt.Sprintf("drift scale of %q is %v", m.sensors[j], m.driftScale[j])
		case m.stuckLen[j] < 3:
			return nil, fmt.Sprintf("stuck length of %q is %d", m.sensors[j], m.stuckLen[j])
		case m.coef[j*(p+features)+j] != 0:
			return nil, fmt.Sprintf("sensor %q predicts itself", m.sensors[j])
		}
	}
	for _, v := range m.coef {
		if !finite(v) {
			return nil, fmt.Sprintf("coefficient %v", v)
		}
	}
	return m, ""
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
