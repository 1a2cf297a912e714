package inference

import (
	"strconv"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// TimeFormat is a TimestampFormat of the input files' names.
type TimeFormat uint8

// The formats of a name's time.
const (
	// FormatCompact is yyyyMMddHHmmss, the service's default.
	FormatCompact TimeFormat = iota + 1
	// FormatDashed is yyyy-MM-dd-HH-mm-ss.
	FormatDashed
	// FormatEpoch is EPOCH: seconds since 1970-01-01T00:00:00Z, in
	// decimal.
	FormatEpoch
)

// String returns the format in the service's notation: "yyyyMMddHHmmss",
// "yyyy-MM-dd-HH-mm-ss" or "EPOCH".
func (f TimeFormat) String() string {
	switch f {
	case FormatCompact:
		return "yyyyMMddHHmmss"
	case FormatDashed:
		return "yyyy-MM-dd-HH-mm-ss"
	case FormatEpoch:
		return "EPOCH"
	}
	return "TimeFormat(" + strconv.Itoa(int(f)) + ")"
}

// MarshalText returns String's text.
func (f TimeFormat) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// ConfigError is a value of a request's DataInputConfiguration that makes
// no naming: a TimestampFormat, a ComponentTimestampDelimiter or an
// InputTimeZoneOffset that the service does not read.
type ConfigError struct {
	// Member is the member at fault, such as "InputTimeZoneOffset".
	Member string
	// Value is its value.
	Value string
	// Want says what the member must be.
	Want string
}

// Error names the member, its value and what it must be.
func (e *ConfigError) Error() string {
	return "inference: " + e.Member + " " + strconv.Quote(e.Value) + ": " + e.Want
}

// ParseTimeFormat reads a TimestampFormat: "" (absent) is FormatCompact,
// the service's default; anything but the three formats, exactly, is a
// *ConfigError (the model's pattern, ^EPOCH|yyyy-MM-dd-HH-mm-ss|yyyyMMddHHmmss$,
// would let "EPOCHS" through: our reading is that the service reads only
// the three values).
func ParseTimeFormat(s string) (TimeFormat, error) {
	switch s {
	case "", "yyyyMMddHHmmss":
		return FormatCompact, nil
	case "yyyy-MM-dd-HH-mm-ss":
		return FormatDashed, nil
	case "EPOCH":
		return FormatEpoch, nil
	}
	return 0, &ConfigError{Member: "TimestampFormat", Value: s, Want: "one of EPOCH, yyyy-MM-dd-HH-mm-ss, yyyyMMddHHmmss"}
}

// Zone is an InputTimeZoneOffset, in seconds east of UTC.
type Zone int32

// ParseZone reads an InputTimeZoneOffset: "" (absent) is +00:00; otherwise
// a sign, two digits of hours, ':' and two digits of minutes, from -12:00
// to +14:00 with minutes below 60 (the service's ValidationException at
// create; the model's pattern alone checks no range). "-00:00" is UTC.
// Anything else is a *ConfigError.
func ParseZone(s string) (Zone, error) {
	if s == "" {
		return 0, nil
	}
	bad := &ConfigError{Member: "InputTimeZoneOffset", Value: s, Want: "a sign, hours and minutes (+05:30) from -12:00 to +14:00"}
	if len(s) != 6 || s[0] != '+' && s[0] != '-' || s[3] != ':' {
		return 0, bad
	}
	h, ok1 := two(s, 1)
	m, ok2 := two(s, 4)
	if !ok1 || !ok2 || m > 59 {
		return 0, bad
	}
	z := h*3600 + m*60
	if s[0] == '-' {
		z = -z
	}
	if z < -12*3600 || z > 14*3600 {
		return 0, bad
	}
	return Zone(z), nil
}

// String returns the zone as the service writes it, such as "+05:30" or
// "-12:00" ("+00:00" for UTC).
func (z Zone) String() string {
	sign := byte('+')
	v := int(z)
	if v < 0 {
		sign, v = '-', -v
	}
	b := []byte{sign, 0, 0, ':', 0, 0}
	put2(b[1:], v/3600)
	put2(b[4:], v/60%60)
	return string(b)
}

// Location returns the zone as a fixed *time.Location.
func (z Zone) Location() *time.Location { return time.FixedZone(z.String(), int(z)) }

func two(s string, i int) (int, bool) {
	a, b := s[i]-'0', s[i+1]-'0'
	if a > 9 || b > 9 {
		return 0, false
	}
	return int(a)*10 + int(b), true
}

func put2(b []byte, v int) { b[0], b[1] = byte('0'+v/10), byte('0'+v%10) }

// Naming is how a scheduler's input files are named: COMPONENT +
// Delimiter + a time in Format, read in Zone, + ".csv".
type Naming struct {
	// Delimiter is the ComponentTimestampDelimiter: "" (none), "-", "_" or
	// one whitespace character.
	Delimiter string
	// Format is the TimestampFormat.
	Format TimeFormat
	// Zone is the InputTimeZoneOffset the name's time is read in.
	Zone Zone
	// Known, when set, says which components exist (the model's schema):
	// a name of another component is a ReasonComponent, and with EPOCH and
	// no delimiter it splits the name where the component is known.
	Known func(component string) bool
}

// NewNaming returns the naming of a request's DataInputConfiguration (nil:
// the defaults: no delimiter, yyyyMMddHHmmss, +00:00). A value the service
// does not read is a *ConfigError.
func NewNaming(in *lookout.InferenceInputConfiguration) (Naming, error) {
	n := Naming{Format: FormatCompact}
	if in == nil {
		return n, nil
	}
	z, err := ParseZone(in.InputTimeZoneOffset)
	if err != nil {
		return n, err
	}
	n.Zone = z
	if nc := in.InferenceInputNameConfiguration; nc != nil {
		if n.Format, err = ParseTimeFormat(nc.TimestampFormat); err != nil {
			return n, err
		}
		if d := nc.ComponentTimestampDelimiter; d != nil {
			if len(*d) > 1 || len(*d) == 1 && !isDelimiter((*d)[0]) {
				return n, &ConfigError{Member: "ComponentTimestampDelimiter", Value: *d, Want: `"-", "_", one whitespace character or nothing`}
			}
			n.Delimiter = *d
		}
	}
	return n, nil
}

// isDelimiter reports whether c may be a ComponentTimestampDelimiter: '-',
// '_' or a whitespace character as the model's \s reads it (Java's: space,
// \t, \n, \v, \f, \r).
func isDelimiter(c byte) bool {
	switch c {
	case '-', '_', ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return false
}

// looksDelimiter reports whether c, right before a name's time, reads as a
// delimiter: one of isDelimiter's or '.'.
func looksDelimiter(c byte) bool { return c == '.' || isDelimiter(c) }

// Name is what a key's name says: its component and its time.
type Name struct {
	// Component is the component the name gives.
	Component string
	// Time is the name's time, in UTC.
	Time time.Time
}

// NameReason says why a name does not fit a Naming. Its text form is a
// short kebab-case name.
type NameReason uint8

// The reasons, in the order in which Parse looks for them.
const (
	// ReasonInFolder: the name holds a '/': the key lies in a folder under
	// the prefix, where a run does not look.
	ReasonInFolder NameReason = iota + 1
	// ReasonNotCSV: the name does not end in ".csv" (any ASCII case).
	ReasonNotCSV
	// ReasonNoTime: the name does not end in a time of any of the formats.
	ReasonNoTime
	// ReasonOtherFormat: the name ends in a time of another format
	// (NameError.Found).
	ReasonOtherFormat
	// ReasonBadTime: the name ends in the shape of its format, but no time
	// (month 13, second 60, an EPOCH number with a leading zero or past
	// the year 9999).
	ReasonBadTime
	// ReasonDelimiter: the time is not preceded by the delimiter
	// (NameError.Delimiter is what precedes it: another delimiter, or ""
	// for none).
	ReasonDelimiter
	// ReasonComponentName: what precedes the delimiter is not a valid
	// ComponentName ([lookout.CheckComponentName]; empty included).
	ReasonComponentName
	// ReasonComponent: the component is not one Naming.Known knows.
	ReasonComponent
)

var reasonNames = [...]string{
	ReasonInFolder:      "in-folder",
	ReasonNotCSV:        "not-csv",
	ReasonNoTime:        "no-time",
	ReasonOtherFormat:   "other-format",
	ReasonBadTime:       "bad-time",
	ReasonDelimiter:     "wrong-delimiter",
	ReasonComponentName: "component-name",
	ReasonComponent:     "unknown-component",
}

// String returns the reason's short name, such as "wrong-delimiter".
func (r NameReason) String() string {
	if int(r) < len(reasonNames) && reasonNames[r] != "" {
		return reasonNames[r]
	}
	return "NameReason(" + strconv.Itoa(int(r)) + ")"
}

// MarshalText returns the reason's short name.
func (r NameReason) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// NameError is a name that does not fit a Naming, and why.
type NameError struct {
	// Name is the name: the key without the prefix.
	Name string
	// Reason says why.
	Reason NameReason
	// Component is the component read, for ReasonDelimiter (what precedes
	// the found delimiter), ReasonComponentName and ReasonComponent.
	Component string
	// Delimiter is what precedes the time, for ReasonDelimiter.
	Delimiter string
	// Found is the format of the name's time, for ReasonOtherFormat.
	Found TimeFormat
	// Time is the text of the name's time, for ReasonOtherFormat and
	// ReasonBadTime.
	Time string
}

// Error says what is wrong with the name, in one line.
func (e *NameError) Error() string {
	q := strconv.Quote(e.Name)
	switch e.Reason {
	case ReasonInFolder:
		return q + ": in a folder under the prefix (a run reads only the keys right under it)"
	case ReasonNotCSV:
		return q + `: does not end in ".csv"`
	case ReasonNoTime:
		return q + ": does not end in a time"
	case ReasonOtherFormat:
		return q + ": its time " + strconv.Quote(e.Time) + " is in the format " + e.Found.String()
	case ReasonBadTime:
		return q + ": " + strconv.Quote(e.Time) + " is no time"
	case ReasonDelimiter:
		if e.Delimiter == "" {
			return q + ": no delimiter before its time"
		}
		return q + ": delimiter " + strconv.Quote(e.Delimiter) + " before its time"
	case ReasonComponentName:
		return q + ": " + strconv.Quote(e.Component) + " is not a valid component name"
	case ReasonComponent:
		return q + ": component " + strconv.Quote(e.Component) + " is not the model's"
	}
	return q + ": " + e.Reason.String()
}

// maxEpochDigits bounds an EPOCH time: seconds before the year 10000 have
// at most 12 digits.
const (
	maxEpochDigits = 12
	maxEpoch       = 253402300799 // 9999-12-31T23:59:59Z
	// epochNoDelimiter is how many digits an EPOCH time takes at most from
	// a name without delimiter, when no Known component splits it: the
	// seconds from 2001-09-09 to 2286-11-20 have 10 digits.
	epochNoDelimiter = 10
)

// Parse reads name, a key without the prefix, as COMPONENT + n.Delimiter
// + a time in n.Format + ".csv", and returns its component and its time,
// or a *NameError saying why it does not fit. The checks, in order:
//
//   - a name holding '/' lies in a folder (ReasonInFolder);
//   - the name must end in ".csv", in any ASCII case, as ingestion reads
//     it (our reading) (ReasonNotCSV);
//   - the time is read from the end of the rest: the last 14 bytes as
//     yyyyMMddHHmmss, the last 19 as yyyy-MM-dd-HH-mm-ss, the trailing
//     digits (at most 12, no leading zero but "0", up to 9999-12-31T23:59:59Z)
//     as EPOCH; when that fails, a name that ends in a time of another of
//     the three formats is ReasonOtherFormat (EPOCH when 9 to 11 digits
//     end it: 1973 to 5138), else one in the shape of its format without
//     a valid time ReasonBadTime, else ReasonNoTime. yyyyMMddHHmmss and
//     yyyy-MM-dd-HH-mm-ss times are read in n.Zone; an EPOCH time is an
//     instant, which no zone moves (our reading);
//   - the delimiter must precede the time: another delimiter ('-', '_', '.'
//     or a whitespace character) or none is ReasonDelimiter; with no
//     delimiter, one of those right before the time is ReasonDelimiter too
//     (our reading: a component name rarely ends in one), unless Known
//     knows the component so ended;
//   - with EPOCH and no delimiter, digits at the end of the component are
//     ambiguous: with Known, the time is the longest digit suffix whose
//     rest Known knows; without, the time is at most the last 10 digits
//     (our reading);
//   - the component must be a valid ComponentName (ReasonComponentName)
//     and, with Known, a known one (ReasonComponent).
//
// Parse does not allocate for a name that fits.
func (n Naming) Parse(name string) (Name, error) {
	for i := 0; i < len(name); i++ {
		if name[i] == '/' {
			return Name{}, &NameError{Name: name, Reason: ReasonInFolder}
		}
	}
	if !hasCSV(name) {
		return Name{}, &NameError{Name: name, Reason: ReasonNotCSV}
	}
	stem := name[:len(name)-4]
	var (
		sec    int64
		tlen   int
		reason NameReason
	)
	switch n.Format {
	case FormatCompact:
		sec, tlen, reason = n.compact(stem)
	case FormatDashed:
		sec, tlen, reason = n.dashed(stem)
	case FormatEpoch:
		sec, tlen, reason = n.epoch(stem)
	default:
		return Name{}, &NameError{Name: name, Reason: ReasonNoTime}
	}
	if reason != 0 {
		return Name{}, n.timeError(name, stem, reason, tlen)
	}
	before := stem[:len(stem)-tlen]
	comp, err := n.component(name, before)
	if err != nil {
		return Name{}, err
	}
	return Name{Component: comp, Time: time.Unix(sec, 0).UTC()}, nil
}

// timeError explains a name whose time does not fit n.Format.
func (n Naming) timeError(name, stem string, reason NameReason, tlen int) error {
	for _, f := range [...]TimeFormat{FormatCompact, FormatDashed, FormatEpoch} {
		if f == n.Format {
			continue
		}
		o := Naming{Format: f}
		var l int
		var r NameReason
		switch f {
		case FormatCompact:
			_, l, r = o.compact(stem)
		case FormatDashed:
			_, l, r = o.dashed(stem)
		case FormatEpoch:
			// A run of 9 to 11 digits reads as EPOCH (1973 to 5138); a
			// shorter or longer one is more likely a mistyped date.
			var d int
			for d < len(stem) && stem[len(stem)-1-d]-'0' < 10 {
				d++
			}
			if d < 9 || d > 11 {
				continue
			}
			_, l, r = o.epoch(stem)
		}
		if r == 0 {
			return &NameError{Name: name, Reason: ReasonOtherFormat, Found: f, Time: stem[len(stem)-l:]}
		}
	}
	if reason == ReasonBadTime {
		return &NameError{Name: name, Reason: ReasonBadTime, Time: stem[len(stem)-tlen:]}
	}
	return &NameError{Name: name, Reason: ReasonNoTime}
}

// component checks what precedes the time.
func (n Naming) component(name, before string) (string, error) {
	comp := before
	if n.Delimiter != "" {
		d := len(n.Delimiter)
		if len(before) < d || before[len(before)-d:] != n.Delimiter {
			e := &NameError{Name: name, Reason: ReasonDelimiter}
			if k := len(before); k > 0 && looksDelimiter(before[k-1]) {
				e.Delimiter, e.Component = before[k-1:], before[:k-1]
			} else {
				e.Component = before
			}
			return "", e
		}
		comp = before[:len(before)-d]
	} else if k := len(before); k > 0 && looksDelimiter(before[k-1]) && (n.Known == nil || !n.Known(before)) {
		return "", &NameError{Name: name, Reason: ReasonDelimiter, Delimiter: before[k-1:], Component: before[:k-1]}
	}
	if lookout.CheckComponentName(comp) != nil {
		return "", &NameError{Name: name, Reason: ReasonComponentName, Component: comp}
	}
	if n.Known != nil && !n.Known(comp) {
		return "", &NameError{Name: name, Reason: ReasonComponent, Component: comp}
	}
	return comp, nil
}

func hasCSV(s string) bool {
	if len(s) < 4 {
		return false
	}
	t := s[len(s)-4:]
	return t[0] == '.' && t[1]|0x20 == 'c' && t[2]|0x20 == 's' && t[3]|0x20 == 'v'
}

// compact reads the last 14 bytes of stem as yyyyMMddHHmmss.
func (n Naming) compact(stem string) (int64, int, NameReason) {
	const l = 14
	if len(stem) < l {
		return 0, 0, ReasonNoTime
	}
	s := stem[len(stem)-l:]
	for i := range l {
		if s[i]-'0' > 9 {
			return 0, 0, ReasonNoTime
		}
	}
	sec, ok := civil(s[0:4], s[4:6], s[6:8], s[8:10], s[10:12], s[12:14])
	if !ok {
		return 0, l, ReasonBadTime
	}
	return sec - int64(n.Zone), l, 0
}

// dashed reads the last 19 bytes of stem as yyyy-MM-dd-HH-mm-ss.
func (n Naming) dashed(stem string) (int64, int, NameReason) {
	const l = 19
	if len(stem) < l {
		return 0, 0, ReasonNoTime
	}
	s := stem[len(stem)-l:]
	for i := range l {
		if i == 4 || i == 7 || i == 10 || i == 13 || i == 16 {
			if s[i] != '-' {
				return 0, 0, ReasonNoTime
			}
		} else if s[i]-'0' > 9 {
			return 0, 0, ReasonNoTime
		}
	}
	sec, ok := civil(s[0:4], s[5:7], s[8:10], s[11:13], s[14:16], s[17:19])
	if !ok {
		return 0, l, ReasonBadTime
	}
	return sec - int64(n.Zone), l, 0
}

// epoch reads the trailing digits of stem as EPOCH seconds.
func (n Naming) epoch(stem string) (int64, int, NameReason) {
	d := 0
	for d < len(stem) && stem[len(stem)-1-d]-'0' < 10 {
		d++
	}
	if d == 0 {
		return 0, 0, ReasonNoTime
	}
	if n.Delimiter == "" {
		split := false
		if n.Known != nil {
			// The longest digit suffix whose rest is a known component.
			for l := min(d, maxEpochDigits); l >= 1 && !split; l-- {
				if n.Known(stem[:len(stem)-l]) {
					d, split = l, true
				}
			}
		}
		if !split {
			d = min(d, epochNoDelimiter)
		}
	}
	s := stem[len(stem)-d:]
	if d > maxEpochDigits || d > 1 && s[0] == '0' {
		return 0, d, ReasonBadTime
	}
	var v int64
	for i := range d {
		v = v*10 + int64(s[i]-'0')
	}
	if v > maxEpoch {
		return 0, d, ReasonBadTime
	}
	return v, d, 0
}

// civil returns the seconds since the epoch of a civil time given as
// digits, read as UTC, and ok false when it is no time (the year 0000,
// month 13, February 30, hour 24, minute or second 60).
func civil(y, mo, d, h, mi, s string) (int64, bool) {
	num := func(s string) int {
		v := 0
		for i := range len(s) {
			v = v*10 + int(s[i]-'0')
		}
		return v
	}
	Y, M, D, H, I, S := num(y), num(mo), num(d), num(h), num(mi), num(s)
	if Y < 1 || M < 1 || M > 12 || D < 1 || D > daysIn(Y, M) || H > 23 || I > 59 || S > 59 {
		return 0, false
	}
	return time.Date(Y, time.Month(M), D, H, I, S, 0, time.UTC).Unix(), true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// Key returns the name of component's file at t in n: component +
// Delimiter + t in Format and Zone + ".csv" (the prefix not included).
// Parse reads it back to (component, t) when the name fits (t in whole
// seconds; a time that Format can hold).
func (n Naming) Key(component string, t time.Time) string {
	var ts string
	switch n.Format {
	case FormatEpoch:
		ts = strconv.FormatInt(t.Unix(), 10)
	case FormatDashed:
		ts = t.In(n.Zone.Location()).Format("2006-01-02-15-04-05")
	default:
		ts = t.In(n.Zone.Location()).Format("20060102150405")
	}
	return component + n.Delimiter + ts + ".csv"
}
