package ingest

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The references: slow, obvious implementations of sections 2 and 3 of
// the package documentation, written apart from its readers, which the fuzz targets
// hold them to.

// refLayout is one timestamp format as time.Parse reads it, and the shape
// its text must have: digit runs of the lengths allowed, separators as
// they are.
type refLayout struct {
	java, goLayout string
	shape          []refTok
}

type refTok struct {
	sep      byte // a separator, or 0 for a digit run
	min, max int  // a digit run's length bounds
}

var refLayouts = func() []refLayout {
	var out []refLayout
	for _, j := range TimestampFormats() {
		f := strings.ReplaceAll(j, "'T'", "T")
		// Fields, in order, with whether each touches another field.
		type field struct {
			pat   string
			start int
		}
		var fs []field
		for i := 0; i < len(f); {
			c := f[i]
			if c == 'y' || c == 'M' || c == 'd' || c == 'H' || c == 'm' || c == 's' {
				k := i
				for k < len(f) && f[k] == c {
					k++
				}
				fs = append(fs, field{f[i:k], i})
				i = k
				continue
			}
			i++
		}
		var goL strings.Builder
		var shape []refTok
		pos := 0
		for n, fd := range fs {
			for ; pos < fd.start; pos++ {
				goL.WriteByte(f[pos])
				shape = append(shape, refTok{sep: f[pos]})
			}
			pos += len(fd.pat)
			touches := n > 0 && fs[n-1].start+len(fs[n-1].pat) == fd.start ||
				n+1 < len(fs) && fs[n+1].start == pos
			g := map[string][2]string{"yyyy": {"2006", "2006"}, "MM": {"1", "01"}, "dd": {"2", "02"},
				"HH": {"15", "15"}, "mm": {"4", "04"}, "ss": {"5", "05"}}[fd.pat]
			lo, hi := 1, 2
			if fd.pat == "yyyy" {
				lo, hi = 4, 4
			} else if touches {
				lo = 2
			}
			if touches {
				goL.WriteString(g[1])
			} else {
				goL.WriteString(g[0])
			}
			// Merge with the previous digit run when they touch.
			if k := len(shape) - 1; k >= 0 && shape[k].sep == 0 && n > 0 && fs[n-1].start+len(fs[n-1].pat) == fd.start {
				shape[k].min += lo
				shape[k].max += hi
			} else {
				shape = append(shape, refTok{min: lo, max: hi})
			}
		}
		out = append(out, refLayout{java: j, goLayout: goL.String(), shape: shape})
	}
	return out
}()

// refTimestamp reads s with time.Parse over the 21 layouts, the digit-count
// rule checked apart on the text's shape.
func refTimestamp(s string) (int64, bool) {
	for _, l := range refLayouts {
		if !refShape(s, l.shape) {
			continue
		}
		t, err := time.Parse(l.goLayout, s)
		if err != nil || t.Year() < 1 {
			continue
		}
		return t.Unix(), true
	}
	return 0, false
}

func refShape(s string, shape []refTok) bool {
	i := 0
	for _, tk := range shape {
		if tk.sep != 0 {
			if i >= len(s) || s[i] != tk.sep {
				return false
			}
			i++
			continue
		}
		k := i
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if n := k - i; n < tk.min || n > tk.max {
			return false
		}
		i = k
	}
	return i == len(s)
}

var refNumber = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

var refMissing = map[string]bool{}

func init() {
	for _, t := range strings.Fields("-1.#IND 1.#QNAN 1.#IND -1.#QNAN #N/A #N/A N/A n/a NA <NA> #NA NULL null NaN -NaN nan -nan None") {
		refMissing[t] = true
	}
	refMissing["#N/A N/A"] = true
}

// refClassify classifies a trimmed cell with a regexp and strconv.
func refClassify(s string) Kind {
	switch {
	case s == "" || refMissing[s]:
		return Missing
	case refNumber.MatchString(s):
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return Valid
		}
	}
	return Invalid
}

// refRecord is one record as the reference reads it, with the line it
// starts on.
type refRecord struct {
	fields []string
	line   int
}

// refError is the reference's reading error.
type refError struct {
	reason Reason
	line   int
	column int
}

// refRecords reads s by section 2 of the package documentation, character by character.
func refRecords(s string) ([]refRecord, *refError) {
	s = strings.TrimPrefix(s, "\xEF\xBB\xBF")
	lineAt := func(i int) int { return strings.Count(s[:i], "\n") + 1 }
	var recs []refRecord
	i := 0
	for i < len(s) {
		if s[i] == '\n' {
			i++
			continue
		}
		if strings.HasPrefix(s[i:], "\r\n") {
			i += 2
			continue
		}
		rec := refRecord{line: lineAt(i)}
		for done := false; !done; {
			if i < len(s) && s[i] == '"' {
				open := i
				i++
				var b strings.Builder
				for {
					if i >= len(s) {
						return append(recs, rec), &refError{ReasonUnclosedQuote, lineAt(open), len(rec.fields) + 1}
					}
					if s[i] == '"' {
						if i+1 < len(s) && s[i+1] == '"' {
							b.WriteByte('"')
							i += 2
							continue
						}
						i++
						break
					}
					b.WriteByte(s[i])
					i++
				}
				rec.fields = append(rec.fields, b.String())
				switch {
				case i == len(s):
					done = true
				case s[i] == ',':
					i++
				case s[i] == '\n':
					i++
					done = true
				case strings.HasPrefix(s[i:], "\r\n"):
					i += 2
					done = true
				default:
					n := len(rec.fields)
					rec.fields = rec.fields[:n-1] // not read: the quote's field is in error
					return append(recs, rec), &refError{ReasonTextAfterQuote, lineAt(i), n}
				}
				continue
			}
			j := i
			for j < len(s) && s[j] != ',' && s[j] != '\n' && !strings.HasPrefix(s[j:], "\r\n") {
				if s[j] == '"' {
					return append(recs, rec), &refError{ReasonQuoteInField, lineAt(j), len(rec.fields) + 1}
				}
				j++
			}
			rec.fields = append(rec.fields, s[i:j])
			switch {
			case j == len(s):
				i, done = j, true
			case s[j] == ',':
				i = j + 1
			case s[j] == '\n':
				i, done = j+1, true
			default:
				i, done = j+2, true
			}
		}
		recs = append(recs, rec)
	}
	return recs, nil
}

func refTrim(s string) string { return strings.Trim(s, " \t") }

// refSensor is one sensor's figures in the reference.
type refSensor struct {
	records, missing, invalid, valid, invalidDate, dups int64
	minT, maxT                                          int64
	vals                                                []float64 // the valid values, in order
	times                                               []int64   // the records' timestamps
}

// refFile is the reference's verdict and figures for one file of one
// component: discarded (reason), failing for a header name (badCol), or
// ingested with its sensors' figures.
type refFile struct {
	reason      Reason
	line        int
	column      int
	badCol      int
	sensors     map[string]*refSensor
	names       []string
	unsupported int64
	ragged      int64
	dups        int64
	minT, maxT  int64
}

// refCheck reads one file by the rules, slowly.
func refCheck(data string) refFile {
	recs, err := refRecords(data)
	var out refFile
	// The header's names read before an error are checked first.
	if len(recs) > 0 {
		for k, n := range recs[0].fields {
			if !utf8.ValidString(n) || strings.IndexByte(n, 0) >= 0 {
				return refFile{reason: ReasonHeaderNotText, line: recs[0].line, column: k + 1}
			}
		}
	}
	if err != nil {
		return refFile{reason: err.reason, line: err.line, column: err.column}
	}
	if len(recs) == 0 {
		return refFile{reason: ReasonNoHeader}
	}
	if len(recs) == 1 {
		return refFile{reason: ReasonNoDataRecord}
	}
	names := recs[0].fields
	for k, n := range names {
		if !regexp.MustCompile(`^[0-9a-zA-Z:#$.\-_]{1,200}$`).MatchString(n) {
			return refFile{badCol: k + 1}
		}
	}
	if len(names) < 2 {
		return refFile{reason: ReasonTooFewColumns}
	}
	for k := range names {
		for j := range k {
			if names[j] == names[k] {
				return refFile{reason: ReasonDuplicateColumn, column: k + 1}
			}
		}
	}
	out = refFile{sensors: map[string]*refSensor{}, names: names[1:], minT: 1 << 62, maxT: -1 << 62}
	for _, n := range names[1:] {
		out.sensors[n] = &refSensor{minT: 1 << 62, maxT: -1 << 62}
	}
	seen := map[int64]bool{}
	anyValid := false
	for _, r := range recs[1:] {
		if len(r.fields) > len(names) {
			out.ragged++
		}
		t, ok := refTimestamp(refTrim(r.fields[0]))
		if !ok {
			out.unsupported++
			for _, n := range names[1:] {
				out.sensors[n].invalidDate++
			}
			continue
		}
		if seen[t] {
			out.dups++
		}
		out.minT, out.maxT = min(out.minT, t), max(out.maxT, t)
		for k, n := range names[1:] {
			s := out.sensors[n]
			s.records++
			s.times = append(s.times, t)
			if seen[t] {
				s.dups++
			}
			cell := ""
			if k+1 < len(r.fields) {
				cell = refTrim(r.fields[k+1])
			}
			switch refClassify(cell) {
			case Valid:
				s.valid++
				v, err := strconv.ParseFloat(cell, 64)
				if err != nil {
					panic(err)
				}
				s.vals = append(s.vals, v)
				anyValid = true
				s.minT, s.maxT = min(s.minT, t), max(s.maxT, t)
			case Missing:
				s.missing++
			default:
				s.invalid++
			}
		}
		seen[t] = true
	}
	if !anyValid {
		return refFile{reason: ReasonNoValidValue}
	}
	return out
}

// hasCR reports whether b holds a CR byte.
func hasCR(b []byte) bool { return bytes.IndexByte(b, '\r') >= 0 }

// refGaps returns the large gaps between the sorted distinct times, and
// the longest in whole days.
func refGaps(times []int64) (large, maxDays int64) {
	ts := slices.Clone(times)
	slices.Sort(ts)
	ts = slices.Compact(ts)
	var longest int64
	for i := 1; i < len(ts); i++ {
		g := ts[i] - ts[i-1]
		if g > 30*86400 {
			large++
		}
		longest = max(longest, g)
	}
	return large, longest / 86400
}
