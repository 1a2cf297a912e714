package ingest

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestParseTimestamp: the 21 formats, the digit-count rule and the ranges
// (section 3 of the package documentation).
func TestParseTimestamp(t *testing.T) {
	t.Parallel()
	at := func(s string) int64 { return time.Date(2020, 1, 8, 10, 5, 7, 0, time.UTC).Unix() + 0*int64(len(s)) }
	noSec := time.Date(2020, 1, 8, 10, 5, 0, 0, time.UTC).Unix()
	valid := map[string]int64{
		"2020-01-08-10-05-07": at(""), "2020-01-08T10:05:07": at(""), "2020-01-08 10:05:07": at(""),
		"2020-01-08-10:05:07": at(""), "2020-01-08T10:05": noSec, "2020-01-08 10:05": noSec, "2020-01-08-10:05": noSec,
		"2020/01/08T10:05:07": at(""), "20200108T10:05": noSec, "20200108 10:05": noSec, "202001081005": noSec,
		"2020/01/08 10:05:07": at(""), "20200108T10:05:07": at(""), "20200108 10:05:07": at(""), "20200108100507": at(""),
		"2020/01/08T10:05": noSec, "2020/01/08 10:05": noSec, "2020 01 08T10:05:07": at(""), "2020 01 08 10:05:07": at(""),
		"2020 01 08T10:05": noSec, "2020 01 08 10:05": noSec,
		// 1 or 2 digits between separators.
		"2020/1/8 10:5": noSec, "2020-1-8-10-5-7": at(""), "20200108T10:5:7": at(""), "2020 1 8 10:05": noSec,
		"2020/1/1 0:00":       time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Unix(),
		"2020-02-29 00:00":    time.Date(2020, 2, 29, 0, 0, 0, 0, time.UTC).Unix(),
		"2000-02-29 00:00":    time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC).Unix(),
		"0001-01-01 00:00:00": time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix(),
		"9999-12-31 23:59:59": time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Unix(),
	}
	for s, want := range valid {
		got, ok := ParseTimestamp(s)
		assert.True(t, ok, s)
		assert.Equal(t, want, got, s)
	}
	for _, s := range []string{
		"", "20200108100", "2020010810050", "202001081005070", // 11, 13 and 15 digits
		"2020-001-08 10:05", "2020-01-08 100:05", "2020-01-08 10:05:070", "202-01-08 10:05", "20201-01-08 10:05",
		"2020018 10:05", "2020-01-08", "2020-01-08 10", "2020-01-08T10:05Z", "2020-01-08 10:05:07.5",
		"2020-01-08 10:05:07+00:00", "1578477907", "0000-01-01 00:00", "2020-13-01 00:00", "2020-00-01 00:00",
		"2020-02-30 00:00", "2019-02-29 00:00", "1900-02-29 00:00", "2020-04-31 00:00", "2020-01-08 24:00",
		"2020-01-08 10:60", "2020-01-08 10:05:60", "2020/01/08-10:05", "2020 01 08-10:05", "2020-01-08-10-05",
		"2020-01/08 10:05", "2020.01.08 10:05", "2020-01-08  10:05", " 2020-01-08 10:05", "2020-01-08t10:05",
		"2020-01-08 10:05:", "2020\xff01-08 10:05", "２０２０-01-08 10:05", "2020-01-08T10:5-7", "20200108-10:05",
	} {
		_, ok := ParseTimestamp(s)
		assert.False(t, ok, "%q", s)
	}
}

// TestClassify: missing tokens exactly, the number grammar, finiteness.
func TestClassify(t *testing.T) {
	t.Parallel()
	for _, s := range append(MissingTokens(), "") {
		assert.Equal(t, Missing, Classify(s), "%q", s)
	}
	for _, s := range []string{"1", "-1", "+1", "1.5", "-.5", "5.", "1e5", "1E-5", "1.5e+300", "0e999999999999999",
		"1e-400", "000001", "1.7976931348623157e308", strings.Repeat("9", 308), "0." + strings.Repeat("0", 400) + "1"} {
		assert.Equal(t, Valid, Classify(s), "%q", s)
	}
	for _, s := range []string{"NAN", "Null", "nULL", "inf", "-inf", "Infinity", "0x1p3", "1,5", "12 kPa", "text", "1e400",
		"1.8e308", strings.Repeat("9", 309), "1e", "e5", ".", "-", "+-1", "1.2.3", "1e5.5", "1_000", " 1", "1 ", "\"1\""} {
		assert.Equal(t, Invalid, Classify(s), "%q", s)
	}
	assert.Equal(t, "valid missing invalid Kind(9)", Valid.String()+" "+Missing.String()+" "+Invalid.String()+" "+Kind(9).String())
}
