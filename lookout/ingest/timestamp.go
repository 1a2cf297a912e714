package ingest

import "slices"

// TimestampFormats returns the 21 timestamp formats a job reads, in the
// notation of the service's documentation (Java's: 'T' is a literal T).
// See [ParseTimestamp] for how they are read. The slice is new on each
// call.
func TimestampFormats() []string { return slices.Clone(timestampFormats[:]) }

var timestampFormats = [21]string{
	"yyyy-MM-dd-HH-mm-ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd-HH:mm:ss",
	"yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd-HH:mm", "yyyy/MM/dd'T'HH:mm:ss",
	"yyyyMMdd'T'HH:mm", "yyyyMMdd HH:mm", "yyyyMMddHHmm", "yyyy/MM/dd HH:mm:ss",
	"yyyyMMdd'T'HH:mm:ss", "yyyyMMdd HH:mm:ss", "yyyyMMddHHmmss", "yyyy/MM/dd'T'HH:mm",
	"yyyy/MM/dd HH:mm", "yyyy MM dd'T'HH:mm:ss", "yyyy MM dd HH:mm:ss", "yyyy MM dd'T'HH:mm",
	"yyyy MM dd HH:mm",
}

// ParseTimestamp reads s as one of the [TimestampFormats] and returns its
// instant in seconds since the Unix epoch, read as UTC, and ok false when s
// is none of them. s is read as it is (a cell is trimmed before).
//
// yyyy is exactly 4 digits, 0001 to 9999. A field of MM, dd, HH, mm or ss
// that touches another digit field in its format (every field of
// yyyyMMddHHmmss, MM and dd of yyyyMMdd) is exactly 2 digits; one between
// separators (-, /, space, :, T) or the end is 1 or 2 digits, so
// "2020/1/1 0:00" reads as yyyy/MM/dd HH:mm. Month 1-12, day valid for its
// month in the Gregorian calendar, hour 0-23, minute and second 0-59. No
// time zone, no fraction, no epoch number.
func ParseTimestamp[T string | []byte](s T) (sec int64, ok bool) {
	n := len(s)
	if n < 12 || n > 19 {
		return 0, false
	}
	y, ok := digits4(s)
	if !ok || y == 0 {
		return 0, false
	}
	var mo, d, h, mi, se int
	i := 4
	if isDigit(s[4]) {
		// yyyyMMdd...
		if mo, ok = digits2(s, 4); !ok {
			return 0, false
		}
		if d, ok = digits2(s, 6); !ok {
			return 0, false
		}
		switch s[8] {
		case 'T', ' ':
			if h, mi, se, ok = clock(s, 9, ':'); !ok {
				return 0, false
			}
		default:
			// yyyyMMddHHmm or yyyyMMddHHmmss
			if n != 12 && n != 14 {
				return 0, false
			}
			if h, ok = digits2(s, 8); !ok {
				return 0, false
			}
			if mi, ok = digits2(s, 10); !ok {
				return 0, false
			}
			if n == 14 {
				if se, ok = digits2(s, 12); !ok {
					return 0, false
				}
			}
		}
	} else {
		sep := s[4]
		if sep != '-' && sep != '/' && sep != ' ' {
			return 0, false
		}
		i = 5
		if mo, i, ok = digits12(s, i); !ok || i >= n || s[i] != sep {
			return 0, false
		}
		if d, i, ok = digits12(s, i+1); !ok || i >= n {
			return 0, false
		}
		dt := s[i]
		switch {
		case dt == 'T' || dt == ' ':
			h, mi, se, ok = clock(s, i+1, ':')
		case dt == '-' && sep == '-':
			// yyyy-MM-dd-HH:mm[:ss] or yyyy-MM-dd-HH-mm-ss
			h, mi, se, ok = clock(s, i+1, ':')
			if !ok {
				h, mi, se, ok = clockDash(s, i+1)
			}
		default:
			return 0, false
		}
		if !ok {
			return 0, false
		}
	}
	if mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || se > 59 {
		return 0, false
	}
	return unixOf(y, mo, d, h, mi, se), true
}

// clock reads H<sep>m, optionally followed by <sep>s, each of 1 or 2
// digits, from s[i:] to its end.
func clock[T string | []byte](s T, i int, sep byte) (h, mi, se int, ok bool) {
	n := len(s)
	if h, i, ok = digits12(s, i); !ok || i >= n || s[i] != sep {
		return 0, 0, 0, false
	}
	if mi, i, ok = digits12(s, i+1); !ok {
		return 0, 0, 0, false
	}
	if i == n {
		return h, mi, 0, true
	}
	if s[i] != sep {
		return 0, 0, 0, false
	}
	if se, i, ok = digits12(s, i+1); !ok || i != n {
		return 0, 0, 0, false
	}
	return h, mi, se, true
}

// clockDash reads H-m-s (seconds required) from s[i:] to its end.
func clockDash[T string | []byte](s T, i int) (h, mi, se int, ok bool) {
	h, mi, se, ok = clock(s, i, '-')
	if !ok || !hasSeconds(s, i) {
		return 0, 0, 0, false
	}
	return h, mi, se, true
}

// hasSeconds reports whether the clock from s[i:] has three fields.
func hasSeconds[T string | []byte](s T, i int) bool {
	k := 0
	for ; i < len(s); i++ {
		if !isDigit(s[i]) {
			k++
		}
	}
	return k == 2
}

func isDigit(c byte) bool { return c-'0' < 10 }

// digits4 reads s[0:4] as 4 digits.
func digits4[T string | []byte](s T) (int, bool) {
	a, b, c, d := s[0]-'0', s[1]-'0', s[2]-'0', s[3]-'0'
	if a > 9 || b > 9 || c > 9 || d > 9 {
		return 0, false
	}
	return int(a)*1000 + int(b)*100 + int(c)*10 + int(d), true
}

// digits2 reads s[i:i+2] as exactly 2 digits.
func digits2[T string | []byte](s T, i int) (int, bool) {
	if i+2 > len(s) {
		return 0, false
	}
	a, b := s[i]-'0', s[i+1]-'0'
	if a > 9 || b > 9 {
		return 0, false
	}
	return int(a)*10 + int(b), true
}

// digits12 reads 1 or 2 digits at s[i:], returning the value and the index
// after them; a third digit is an error.
func digits12[T string | []byte](s T, i int) (v, next int, ok bool) {
	if i >= len(s) || !isDigit(s[i]) {
		return 0, i, false
	}
	v = int(s[i] - '0')
	i++
	if i < len(s) && isDigit(s[i]) {
		v = v*10 + int(s[i]-'0')
		i++
		if i < len(s) && isDigit(s[i]) {
			return 0, i, false
		}
	}
	return v, i, true
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// unixOf returns the seconds since the epoch of a valid date and time in
// UTC (days from the civil calendar, after H. Hinnant).
func unixOf(y, m, d, h, mi, s int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400 // y >= 0
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	days := int64(era)*146097 + int64(doe) - 719468
	return days*86400 + int64(h)*3600 + int64(mi)*60 + int64(s)
}
