package ingest

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"math/bits"
	"sync/atomic"
	"unicode/utf8"

	"github.com/lookout-equipment/lookoutequipment/lookout/internal/swar"
)

// colFigures are one sensor column's figures over the records of a part of
// a file.
type colFigures struct {
	missing, invalid, valid int64
	// minT and maxT are the earliest and latest timestamps of the valid
	// values (meaningful when valid > 0).
	minT, maxT int64
	// vals are the valid values in read order, for the heuristics.
	vals valueStats
}

// maxHeaderNames is how many header names a parser keeps: one more than a
// job may have sensors, with the timestamp's. A longer header is counted.
const maxHeaderNames = MaxSensors + 2

// header is a file's first record.
type header struct {
	names []string // at most maxHeaderNames
	count int      // the names, kept or not
	// badCol is the first 1-based column whose name does not match
	// SensorName pattern (0: none), and badName that name.
	badCol  int
	badName string
	// bad lists the invalid names, the first maxInvalidNames of them, and
	// badCount counts them all.
	bad      []InvalidName
	badCount int
}

// parseError is why a part of a file cannot be read as CSV.
type parseError struct {
	reason Reason
	line   int64 // 1-based physical line, counted from the part's start
	column int   // 1-based field, 0 when none
	err    error // the read error, for ReasonUnreadable
}

// part is what the parser made of the bytes [start, end) of a file.
type part struct {
	start, end int64
	lines      int64 // line breaks read (LF bytes, quoted ones included)
	hdr        *header
	err        *parseError
	eof        bool // the part reached the end of the file
	empty      bool // no record starts in the part's range

	dataRecords int64 // records after the header, whatever their timestamp
	records     int64 // records with a supported timestamp
	unsupported int64
	ragged      int64
	minT, maxT  int64 // over records (when records > 0)
	cols        []colFigures
	// ts holds the supported timestamps, in file order (tsRun: no memory
	// a record while they come in order at steps that repeat).
	ts tsRun
	// samples are the first maxSamples unsupported timestamps, lines
	// counted from the part's start.
	samples []TimestampSample
}

// special marks the bytes that end an unquoted run: ',', LF, CR and '"'.
var special = func() (t [256]bool) {
	t[','], t['\n'], t['\r'], t['"'] = true, true, true, true
	return t
}()

// parser reads records from a stream of a file's bytes.
type parser struct {
	r    io.Reader
	buf  []byte
	base int64 // file offset of buf[0]
	eof  bool

	withHeader bool  // the part starts at the file's start: BOM and header
	seek       bool  // the part starts after the first LF read
	ncols      int   // the header's columns (set by the header when withHeader)
	limit      int64 // stop at the first record start at or after limit

	progress *atomic.Int64 // bytes read, for progress reports
	stop     func() bool   // reports whether to give up (cancelled)

	// The record being read.
	col     int
	tsOK    bool
	ts      int64
	recLine int64
	hdrRec  bool // reading the header record
	hdr     header
	// onHeader, when set, is called once the header is read, and returns
	// the part's limit from then on.
	onHeader func(ncols int) int64
	at       int64 // the file offset after the record just read

	// The last date read as yyyy-MM-dd, and its midnight.
	day     [10]byte
	daySec  int64
	dayOK   bool
	escaped bool // the field was quoted and held ""

	maxField int      // the longest field held whole
	long     bool     // the field is read through lc
	lc       longCell // a field longer than maxField

	p     part
	badTS []byte // the text of the record's unsupported timestamp
	spans []span // the fields of a quoted line
}

// minBuf is the parser's initial buffer size; defaultMaxField the longest
// field it holds whole (longer ones are read piece by piece).
const (
	minBuf          = 256 << 10
	defaultMaxField = 1 << 20
)

// errStopped is the parser's error when stop said to give up.
var errStopped = errors.New("ingest: stopped")

// more keeps data[keep:], reads more after it, and returns the new data
// and how far it moved (the amount to subtract from indexes into data). It
// returns ok false at the end of the stream or on a read error (p.p.err set).
func (p *parser) more(data []byte, keep int) (out []byte, shift int, ok bool) {
	if p.eof {
		return data, 0, false
	}
	if p.stop != nil && p.stop() {
		p.fail(ReasonUnreadable, 0, errStopped)
		return data, 0, false
	}
	n := copy(p.buf, data[keep:])
	p.base += int64(keep)
	if n == len(p.buf) {
		nb := make([]byte, 2*len(p.buf))
		copy(nb, p.buf[:n])
		p.buf = nb
	}
	for empty := 0; ; empty++ {
		m, err := p.r.Read(p.buf[n:])
		n += m
		if p.progress != nil && m > 0 {
			p.progress.Add(int64(m))
		}
		if err == io.EOF {
			p.eof = true
			break
		}
		if err != nil {
			p.fail(ReasonUnreadable, 0, err)
			return p.buf[:n], keep, false
		}
		if m > 0 {
			break
		}
		if empty == 100 {
			p.fail(ReasonUnreadable, 0, io.ErrNoProgress)
			return p.buf[:n], keep, false
		}
	}
	return p.buf[:n], keep, n > len(data)-keep
}

func (p *parser) fail(r Reason, column int, err error) {
	if p.p.err == nil {
		p.p.err = &parseError{reason: r, line: p.p.lines + 1, column: column, err: err}
	}
}

// run reads the part, from the parser's stream (positioned at p.base) to
// the first record start at or after p.limit, or to the end.
func (p *parser) run() part {
	p.p.start = p.base
	p.p.minT, p.p.maxT = math.MaxInt64, math.MinInt64
	if p.buf == nil {
		p.buf = make([]byte, minBuf)
	}
	data := p.buf[:0]
	i := 0
	if p.seek {
		// A part that starts after the first line break at or after
		// where it was opened; empty when there is none before its
		// limit (its predecessor then reads past it).
		for {
			stop := len(data)
			if lim := p.limit - 1 - p.base; lim < int64(stop) {
				stop = int(max(lim, 0))
			}
			k := bytes.IndexByte(data[i:stop], '\n')
			if k >= 0 {
				i += k + 1
				break
			}
			if stop < len(data) || p.eof {
				p.p.empty = true
				return p.done(data, stop)
			}
			var ok bool
			data, _, ok = p.more(data, len(data))
			i = 0
			if !ok && p.p.err != nil {
				p.p.start = -1
				return p.done(data, len(data))
			}
		}
		p.p.start = p.base + int64(i)
	}
	if p.withHeader {
		p.hdrRec = true
		// A leading byte-order mark.
		for len(data) < 3 && !p.eof {
			var ok bool
			if data, _, ok = p.more(data, 0); !ok && p.p.err != nil {
				return p.done(data, i)
			}
		}
		if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
			i = 3
		}
	} else {
		p.setCols()
	}
	if p.maxField <= 0 {
		p.maxField = defaultMaxField
	}
	for {
		// At a record's start.
		if p.base+int64(i) >= p.limit {
			return p.done(data, i)
		}
		if i >= len(data) {
			var sh int
			var ok bool
			data, sh, ok = p.more(data, i)
			i -= sh
			if !ok {
				return p.done(data, i)
			}
			continue
		}
		switch data[i] {
		case '\n':
			i++
			p.p.lines++
			continue
		case '\r':
			if i+1 >= len(data) && !p.eof {
				var sh int
				data, sh, _ = p.more(data, i)
				i -= sh
				if p.p.err != nil {
					return p.done(data, i)
				}
				continue
			}
			if i+1 < len(data) && data[i+1] == '\n' {
				i += 2
				p.p.lines++
				continue
			}
		}
		if !p.hdrRec {
			// A record whose line is whole in the buffer and holds no quote
			// and no lone CR: the fast path.
			if e := bytes.IndexByte(data[i:], '\n'); e >= 0 {
				line := data[i : i+e]
				if n := len(line); n > 0 && line[n-1] == '\r' {
					line = line[:n-1]
				}
				if bytes.IndexByte(line, '\r') < 0 {
					if bytes.IndexByte(line, '"') < 0 {
						p.fastRecord(line)
						i += e + 1
						p.p.lines++
						continue
					}
					if p.quotedLine(line) {
						i += e + 1
						p.p.lines++
						continue
					}
				}
			} else if !p.eof && len(data)-i <= len(p.buf)/2 {
				// The line runs past the data read: moved to the
				// buffer's start, with more read after it, it is read
				// whole by the fast path. Chosen: up to half the
				// buffer, so that the buffer never grows for it (a
				// longer line takes the general path, piece by piece).
				var sh int
				data, sh, _ = p.more(data, i)
				i -= sh
				if p.p.err != nil {
					return p.done(data, i)
				}
				continue
			}
		}
		p.col = 0
		p.recLine = p.p.lines + 1
		var endRec bool
		for !endRec {
			data, i, endRec = p.field(data, i)
			if p.p.err != nil {
				return p.done(data, i)
			}
		}
		p.at = p.base + int64(i)
		p.endRecord()
		if p.p.err != nil {
			return p.done(data, i)
		}
	}
}

// field reads one field starting at data[i] and hands it to cell. It
// returns the data (moved when more was read), the index after the field's
// terminator, and whether the field ended its record.
func (p *parser) field(data []byte, i int) ([]byte, int, bool) {
	for i == len(data) && !p.eof {
		var sh int
		data, sh, _ = p.more(data, i)
		i -= sh
		if p.p.err != nil {
			return data, i, true
		}
	}
	if i < len(data) && data[i] == '"' {
		return p.quoted(data, i)
	}
	fs := i // the first byte not yet handed over
	j := i
	p.long = false
	for {
		for j < len(data) && !special[data[j]] {
			j++
		}
		if j == len(data) || data[j] == '\r' && j+1 == len(data) && !p.eof {
			if j == len(data) && p.eof {
				p.emit(data[fs:j])
				return data, j, true
			}
			data, fs, j = p.refill(data, fs, j, false)
			if p.p.err != nil {
				return data, j, true
			}
			continue
		}
		switch data[j] {
		case ',':
			p.emit(data[fs:j])
			return data, j + 1, false
		case '\n':
			p.emit(data[fs:j])
			p.p.lines++
			return data, j + 1, true
		case '\r':
			if j+1 < len(data) && data[j+1] == '\n' {
				p.emit(data[fs:j])
				p.p.lines++
				return data, j + 2, true
			}
			j++ // a CR not followed by LF is data
		default: // '"'
			p.fail(ReasonQuoteInField, p.col+1, nil)
			return data, j, true
		}
	}
}

// refill reads more while a field is open: its bytes not yet handed over
// start at data[fs], and those before data[j] are settled. A field longer
// than maxField goes over to p.lc, piece by piece, so that no field needs
// more memory than that. It returns the data and the moved fs and j.
func (p *parser) refill(data []byte, fs, j int, quoted bool) ([]byte, int, int) {
	if j-fs >= p.maxField {
		if !p.long {
			p.long = true
			p.lc.reset(!p.hdrRec)
		}
		if quoted {
			p.p.lines += int64(bytes.Count(data[fs:j], nl))
		}
		p.lc.feed(data[fs:j])
		fs = j
	}
	data, sh, _ := p.more(data, fs)
	return data, fs - sh, j - sh
}

var nl = []byte{'\n'}

// quoted reads a quoted field whose opening quote is data[i].
func (p *parser) quoted(data []byte, i int) ([]byte, int, bool) {
	fs := i + 1 // the first content byte not yet handed over
	j := fs
	p.long = false
	esc := false
	line := p.p.lines + 1
	for {
		k := bytes.IndexByte(data[j:], '"')
		if k >= 0 {
			j += k
		} else {
			j = len(data)
		}
		// Settle the quote at j with up to two bytes after it.
		if k < 0 || j+3 > len(data) && !p.eof {
			if k < 0 && p.eof {
				p.p.lines += int64(bytes.Count(data[fs:], nl))
				p.p.err = &parseError{reason: ReasonUnclosedQuote, line: line, column: p.col + 1}
				return data, len(data), true
			}
			if p.eof {
				break
			}
			data, fs, j = p.refill(data, fs, j, true)
			if p.p.err != nil {
				return data, j, true
			}
			continue
		}
		if j+1 < len(data) && data[j+1] == '"' {
			esc = true
			j += 2
			continue
		}
		break
	}
	// The closing quote is data[j].
	content := data[fs:j]
	p.p.lines += int64(bytes.Count(content, nl))
	p.escaped = esc
	a := j + 1
	if a == len(data) { // at the end of the stream
		p.emit(content)
		return data, a, true
	}
	switch data[a] {
	case ',':
		p.emit(content)
		return data, a + 1, false
	case '\n':
		p.emit(content)
		p.p.lines++
		return data, a + 1, true
	case '\r':
		if a+1 < len(data) && data[a+1] == '\n' {
			p.emit(content)
			p.p.lines++
			return data, a + 2, true
		}
	}
	p.fail(ReasonTextAfterQuote, p.col+1, nil)
	return data, a, true
}

// emit hands the last piece of a field to cell.
func (p *parser) emit(b []byte) {
	if !p.long {
		p.cell(b)
		return
	}
	p.lc.feed(b)
	p.cellLong()
	p.escaped = false
}

// trim removes leading and trailing spaces and tabs.
func trim(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// cell takes one field of the current record.
func (p *parser) cell(b []byte) {
	c := p.col
	p.col++
	if p.hdrRec {
		p.headerCell(b, p.escaped)
		p.escaped = false
		return
	}
	if c == 0 {
		t := trim(b)
		p.ts, p.tsOK = p.timestamp(t)
		p.keepBadTS(t)
		return
	}
	if c >= p.ncols || !p.tsOK {
		return
	}
	p.cellValue(c, trim(b))
}

// cellValue counts a trimmed sensor cell in column c (0-based).
func (p *parser) cellValue(c int, b []byte) {
	k := Classify(b)
	var v float64
	if k == Valid {
		v = validValue(b)
	}
	p.value(c, k, v)
}

// cellLong takes a field read through p.lc.
func (p *parser) cellLong() {
	c := p.col
	p.col++
	if p.hdrRec {
		name, ok := p.lc.name()
		if !ok {
			p.fail(ReasonHeaderNotText, c+1, nil)
			p.p.err.line = p.recLine
			return
		}
		p.addName([]byte(name), false)
		return
	}
	if c == 0 {
		p.ts, p.tsOK = p.lc.timestamp()
		if !p.tsOK && len(p.p.samples) < maxSamples {
			t, _ := p.lc.text()
			if t == nil {
				t = p.lc.head[:]
			}
			p.keepBadTS(t)
		}
		return
	}
	if c >= p.ncols || !p.tsOK {
		return
	}
	k := p.lc.kind()
	var v float64
	if k == Valid {
		v = p.lc.value()
	}
	p.value(c, k, v)
}

// value counts a sensor value of kind k in column c (0-based), of value v
// when valid.
func (p *parser) value(c int, k Kind, v float64) {
	f := &p.p.cols[c-1]
	switch k {
	case Valid:
		f.valid++
		f.vals.add(v)
		if p.ts < f.minT {
			f.minT = p.ts
		}
		if p.ts > f.maxT {
			f.maxT = p.ts
		}
	case Missing:
		f.missing++
	default:
		f.invalid++
	}
}

// headerCell takes one name of the header.
func (p *parser) headerCell(b []byte, escaped bool) {
	if p.p.err != nil {
		return
	}
	if bytes.IndexByte(b, 0) >= 0 || !utf8.Valid(b) {
		p.fail(ReasonHeaderNotText, p.col, nil)
		p.p.err.line = p.recLine
		return
	}
	p.addName(b, escaped)
}

// addName adds a header name.
func (p *parser) addName(b []byte, escaped bool) {
	h := &p.hdr
	h.count++
	valid := !escaped && validSensorName(b)
	if len(h.names) >= maxHeaderNames && (valid || h.badCol > 0) {
		return
	}
	name := string(b)
	if escaped {
		name = string(bytes.ReplaceAll(b, []byte(`""`), []byte(`"`)))
	}
	if !valid && h.badCol == 0 {
		h.badCol, h.badName = h.count, name
	}
	if !valid {
		h.badCount++
		if len(h.bad) < maxInvalidNames {
			h.bad = append(h.bad, InvalidName{Column: h.count, Name: name})
		}
	}
	if len(h.names) < maxHeaderNames {
		h.names = append(h.names, name)
	}
}

// endRecord ends the current record.
func (p *parser) endRecord() {
	if p.hdrRec {
		p.hdrRec = false
		if p.p.err != nil {
			return
		}
		h := p.hdr
		p.p.hdr = &h
		p.ncols = len(h.names)
		p.setCols()
		if p.onHeader != nil {
			p.limit = p.onHeader(p.ncols)
		}
		return
	}
	p.p.dataRecords++
	if p.col > p.ncols {
		p.p.ragged++
	}
	if !p.tsOK {
		p.p.unsupported++
		if len(p.p.samples) < maxSamples {
			p.p.samples = append(p.p.samples, TimestampSample{Line: p.recLine, Value: string(p.badTS)})
		}
		return
	}
	p.p.records++
	for c := max(p.col, 1); c < p.ncols; c++ {
		p.p.cols[c-1].missing++
	}
	t := p.ts
	if t < p.p.minT {
		p.p.minT = t
	}
	if t > p.p.maxT {
		p.p.maxT = t
	}
	p.p.ts.add(t)
}

// keepBadTS keeps the text of an unsupported timestamp (its first
// maxSampleLen bytes) while the part needs samples.
func (p *parser) keepBadTS(t []byte) {
	if !p.tsOK && len(p.p.samples) < maxSamples {
		p.badTS = append(p.badTS[:0], t[:min(len(t), maxSampleLen)]...)
	}
}

// setCols makes the per-column figures once ncols is known.
func (p *parser) setCols() {
	n := max(p.ncols-1, 0)
	p.p.cols = make([]colFigures, n)
	for k := range p.p.cols {
		p.p.cols[k].minT, p.p.cols[k].maxT = math.MaxInt64, math.MinInt64
	}
}

// done ends the part at data[i].
func (p *parser) done(data []byte, i int) part {
	p.p.end = p.base + int64(i)
	p.p.eof = p.eof && i >= len(data)
	return p.p
}

// fastRecord reads a data record whose line (without its line break) holds
// no quote and no CR: fields are what lies between commas. It gives the
// figures the general path gives.
func (p *parser) fastRecord(line []byte) {
	k := bytes.IndexByte(line, ',')
	if k < 0 {
		k = len(line)
	}
	p.ts, p.tsOK = p.timestamp(trim(line[:k]))
	if !p.tsOK {
		p.recLine = p.p.lines + 1
		p.keepBadTS(trim(line[:k]))
		p.col = 1 + bytes.Count(line[k:], comma)
		p.endRecord()
		return
	}
	cols, t := p.p.cols, p.ts
	n, pos, col := len(line), k+1, 1
	more := k < n // a field follows the timestamp
	for more && col < p.ncols {
		// A plain decimal number ends at a comma or the end.
		j := pos
		neg := false
		if j < n {
			// No branch on the sign (signs come at random): neither
			// || nor if, whose jumps the processor would mispredict.
			c0 := line[j]
			neg = c0 == '-'
			j += b2i(neg) | b2i(c0 == '+')
		}
		var mant uint64
		nd, frac, ok := 0, 0, false
		if cap(line)-j >= 8 {
			// decimal8, written out here to stay inline.
			w := binary.LittleEndian.Uint64(line[j:cap(line)])
			x := w ^ 0x3030303030303030
			m := ((x + 0x7676767676767676) | x) & swar.Hi
			k1 := bits.TrailingZeros64(m) >> 3
			if k1 < 8 {
				if byte(w>>(8*k1)) != '.' {
					if j+k1 <= n {
						mant, nd, j, ok = digitsValue(x, k1), k1, j+k1, true
					}
				} else if k2 := bits.TrailingZeros64(m&^(0x80<<(8*k1))) >> 3; k2 < 8 && j+k2 <= n {
					low := uint64(1)<<(8*k1) - 1
					mant = digitsValue(x&low|x>>8&^low, k2-1)
					nd, frac, j, ok = k2-1, k2-k1-1, j+k2, true
				}
			}
		}
		if !ok {
			ds := j
			mant, j = digitRun(line, j, 0) // wraps past 19 digits: then unused
			nd = j - ds
			if j < n && line[j] == '.' {
				j++
				fs := j
				mant, j = digitRun(line, j, mant)
				frac = j - fs
				nd += frac
			}
		}
		if nd > 0 && nd < 300 && (j == n || line[j] == ',') {
			c := &cols[col-1]
			v, ok := fastDecimal(mant, nd, frac, neg)
			if !ok {
				v = validValue(line[pos:j])
			}
			if c.vals.easy(v) {
				c.vals.addEasy(v)
			} else {
				c.vals.addAny(v)
			}
			c.valid++
			if t < c.minT {
				c.minT = t
			}
			if t > c.maxT {
				c.maxT = t
			}
		} else {
			if e := bytes.IndexByte(line[j:], ','); e < 0 {
				j = n
			} else {
				j += e
			}
			p.cellValue(col, trim(line[pos:j]))
		}
		col++
		if j == n {
			more = false
		} else {
			pos = j + 1
		}
	}
	if more {
		col += 1 + bytes.Count(line[pos:], comma)
	}
	p.col = col
	p.endRecord()
}

var comma = []byte{','}

// b2i is 1 for true, 0 for false, without a branch.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// pow10u holds the powers of ten up to 10^8.
var pow10u = [...]uint64{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000}

// digitRun reads the ASCII digits of line from j, eight bytes at a time
// while line's capacity allows, and returns mant with them appended (mant
// * 10^k + their value, wrapping past 19 digits in all) and the index after
// them.
func digitRun(line []byte, j int, mant uint64) (uint64, int) {
	n := len(line)
	for j < n && cap(line)-j >= 8 {
		k, v := digits8(binary.LittleEndian.Uint64(line[j:cap(line)]))
		if j+k > n { // digits past the line's end (not its line break)
			break
		}
		mant = mant*pow10u[k] + v
		j += k
		if k < 8 {
			return mant, j
		}
	}
	for j < n && line[j]-'0' < 10 {
		mant = mant*10 + uint64(line[j]-'0')
		j++
	}
	return mant, j
}

// decimal8 reads digits with at most one '.' among them from line[j:], when
// they and the byte after them lie in the eight bytes at j (which line's
// capacity must hold) and end by len(line): the digits' value as an
// integer, their number, how many follow the '.', and the index after
// them. It returns ok false when the run is longer, for digitRun to read.
func decimal8(line []byte, j int) (mant uint64, nd, frac, end int, ok bool) {
	if cap(line)-j < 8 {
		return 0, 0, 0, 0, false
	}
	w := binary.LittleEndian.Uint64(line[j:cap(line)])
	x := w ^ 0x3030303030303030
	m := ((x + 0x7676767676767676) | x) & swar.Hi // see digits8
	k1 := bits.TrailingZeros64(m) >> 3
	if k1 == 8 {
		return 0, 0, 0, 0, false
	}
	if byte(w>>(8*k1)) != '.' {
		if j+k1 > len(line) {
			return 0, 0, 0, 0, false
		}
		return digitsValue(x, k1), k1, 0, j + k1, true
	}
	// A '.' neither carries nor is 0x80 or above: the next flagged byte
	// is the next that is not a digit.
	k2 := bits.TrailingZeros64(m&^(0x80<<(8*k1))) >> 3
	if k2 == 8 || j+k2 > len(line) {
		return 0, 0, 0, 0, false
	}
	low := uint64(1)<<(8*k1) - 1
	x = x&low | x>>8&^low // the '.' taken out
	return digitsValue(x, k2-1), k2 - 1, k2 - k1 - 1, j + k2, true
}

// digitsValue returns the value of the k (0 to 8) digits, one a byte from 0
// to 9, that begin the little-endian word x, the first the most significant.
func digitsValue(x uint64, k int) uint64 {
	x <<= 64 - 8*uint(k) // the k digits in the high bytes, zeros before (0 when k is 0)
	x = x*10 + x>>8
	x = ((x&0x000000FF000000FF)*(100+1000000<<32) + (x>>16&0x000000FF000000FF)*(1+10000<<32)) >> 32
	return x & 0xFFFFFFFF
}

// digits8 returns the number k of ASCII digits that begin the eight bytes
// of the little-endian word w, and their value.
func digits8(w uint64) (k int, v uint64) {
	x := w ^ 0x3030303030303030 // a digit's byte is now 0 to 9
	// A byte above 9 sets its high bit once 0x76 is added (or has it
	// already); a carry only reaches bytes after it, so the first flagged
	// byte is the first that is not a digit.
	m := ((x + 0x7676767676767676) | x) & swar.Hi
	k = bits.TrailingZeros64(m) >> 3
	return k, digitsValue(x, k)
}

// timestamp is ParseTimestamp with a cache of the last date read in the
// form yyyy-MM-dd HH:mm:ss (or with T): records in time order share it.
func (p *parser) timestamp(s []byte) (int64, bool) {
	if len(s) == 19 && s[4] == '-' && s[7] == '-' && (s[10] == ' ' || s[10] == 'T') && s[13] == ':' && s[16] == ':' &&
		p.dayOK && string(s[:10]) == string(p.day[:]) {
		h, ok1 := digits2(s, 11)
		m, ok2 := digits2(s, 14)
		c, ok3 := digits2(s, 17)
		if ok1 && ok2 && ok3 && h < 24 && m < 60 && c < 60 {
			return p.daySec + int64(h*3600+m*60+c), true
		}
		return 0, false
	}
	t, ok := ParseTimestamp(s)
	if ok && len(s) == 19 && s[4] == '-' && s[7] == '-' {
		copy(p.day[:], s[:10])
		p.daySec, p.dayOK = t-(t%86400+86400)%86400, true
	}
	return t, ok
}

// span is one field of a line: line[start:end], quoted and holding "" when
// escaped.
type span struct {
	start, end int
	escaped    bool
}

// quotedLine reads a data record whose line (without its line break) holds
// quotes and no CR, when every quoted field closes within the line and is
// followed by ',' or the line's end: it splits the line first, and reads
// nothing (returning false) when it is not so, for the general path to
// read the record and say what is wrong.
func (p *parser) quotedLine(line []byte) bool {
	sp := p.spans[:0]
	for i := 0; ; {
		if i < len(line) && line[i] == '"' {
			j, esc := i+1, false
			for {
				k := bytes.IndexByte(line[j:], '"')
				if k < 0 {
					return false // a line break in the field
				}
				j += k
				if j+1 < len(line) && line[j+1] == '"' {
					esc = true
					j += 2
					continue
				}
				break
			}
			sp = append(sp, span{i + 1, j, esc})
			j++
			if j == len(line) {
				break
			}
			if line[j] != ',' {
				return false
			}
			i = j + 1
			continue
		}
		end := len(line)
		if k := bytes.IndexByte(line[i:], ','); k >= 0 {
			end = i + k
		}
		if bytes.IndexByte(line[i:end], '"') >= 0 {
			return false
		}
		sp = append(sp, span{i, end, false})
		if end == len(line) {
			break
		}
		i = end + 1
	}
	p.spans = sp
	p.col = 0
	p.recLine = p.p.lines + 1
	for _, f := range sp {
		p.escaped = f.escaped
		p.cell(line[f.start:f.end])
	}
	p.escaped = false
	p.endRecord()
	return true
}
