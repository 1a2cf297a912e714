package lookout

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nmCase is one value and whether the pattern matches it. valid and n are
// checked against utf8.ValidString and utf8.RuneCountInString.
type nmCase struct {
	in string
	ok bool
}

// nmArnCases gives the cases that every lookoutequipment ARN pattern of the
// form ...:[0-9]{12}:RESOURCE.+ shares: res is RESOURCE ("model/", or ""
// for ResourceArn).
func nmArnCases(res string) []nmCase {
	const head = nmTestHead
	return []nmCase{
		{"", false},
		{"arn", false},
		{head, false},
		{head + res, false}, // .+ is empty
		{head + res + "x", true},
		{head + res + "é", true},
		{head + res + "\U0001F600", true},
		{head + res + "\xff", true}, // sent as U+FFFD, which '.' matches
		{head + res + "a\xc3", true},
		{head + res + "\n", false},
		{head + res + "a\r", false},
		{head + res + "\u0085", false},
		{head + res + "a\u2028b", false},
		{head + res + "\u2029", false},
		{head + res + "\x0b\x0c\x1c\x00\x7f", true}, // not line terminators for Java
		{head + res + "\u0084\u0086\u2027\u202a", true},
		{head + res + strings.Repeat("é", 2000), true},
		{head + res + strings.Repeat("a", 2000) + "\n", false},
		{head + res + strings.Repeat("a", 15) + "\r" + strings.Repeat("a", 15), false},
		{" " + head + res + "x", false},
		{head + res + "x\n", false},
		// The partition: aws(-[^:]+)?
		{"arn:aws-cn:lookoutequipment:cn-north-1:123456789012:" + res + "x", true},
		{"arn:aws-us-gov:lookoutequipment:us-gov-west-1:123456789012:" + res + "x", true},
		{"arn:aws-:lookoutequipment:us-east-1:123456789012:" + res + "x", false},
		{"arn:aws-\n\u2028:lookoutequipment:us-east-1:123456789012:" + res + "x", true}, // [^:] takes terminators
		{"arn:aws-é\xff:lookoutequipment:us-east-1:123456789012:" + res + "x", true},
		{"arn:awsx:lookoutequipment:us-east-1:123456789012:" + res + "x", false},
		{"arn:aws-x", false},
		{"ARN:aws:lookoutequipment:us-east-1:123456789012:" + res + "x", false},
		{"arn:AWS:lookoutequipment:us-east-1:123456789012:" + res + "x", false},
		// The service.
		{"arn:aws:lookoutequipmentx:us-east-1:123456789012:" + res + "x", false},
		{"arn:aws:lookoutequipmen:us-east-1:123456789012:" + res + "x", false},
		{"arn:aws:iam::123456789012:" + res + "x", false},
		{"arn:aws:lookoutequipment", false},
		// The region: [a-zA-Z0-9\-]*
		{"arn:aws:lookoutequipment::123456789012:" + res + "x", true},
		{"arn:aws:lookoutequipment:US-EAST-1:123456789012:" + res + "x", true},
		{"arn:aws:lookoutequipment:-09azAZ-:123456789012:" + res + "x", true},
		{"arn:aws:lookoutequipment:us_east_1:123456789012:" + res + "x", false},
		{"arn:aws:lookoutequipment:us.east:123456789012:" + res + "x", false},
		{"arn:aws:lookoutequipment:ús:123456789012:" + res + "x", false},
		{"arn:aws:lookoutequipment:us east:123456789012:" + res + "x", false},
		// The account: [0-9]{12}
		{"arn:aws:lookoutequipment:us-east-1:12345678901:" + res + "x", false},
		{"arn:aws:lookoutequipment:us-east-1:1234567890123:" + res + "x", false},
		{"arn:aws:lookoutequipment:us-east-1:12345678901a:" + res + "x", false},
		{"arn:aws:lookoutequipment:us-east-1:12345678901/:" + res + "x", false},
		{"arn:aws:lookoutequipment:us-east-1:12345678901\u0661:" + res + "x", false},
		{"arn:aws:lookoutequipment:us-east-1:123456789012" + res + "x", false},
		{"arn:aws:lookoutequipment:us-east-1:123456789012", false},
	}
}

// nmCases holds each new matcher's boundary table, by matcher name.
var nmCases = map[string][]nmCase{
	"modelArnPattern": append(nmArnCases("model/"),
		nmCase{nmTestHead + "Model/x", false},
		nmCase{nmTestHead + "model", false},
		nmCase{nmTestHead + "modelx", false},
		nmCase{nmTestHead + "model/model-version/1", true},
		nmCase{nmTestHead + "label-group/x", false},
		nmCase{nmTestHead + "dataset/x", false},
	),
	"inferenceSchedulerArnPattern": append(nmArnCases("inference-scheduler/"),
		nmCase{nmTestHead + "inference-scheduler", false},
		nmCase{nmTestHead + "inference_scheduler/x", false},
		nmCase{nmTestHead + "model/x", false},
	),
	"labelGroupArnPattern": append(nmArnCases("label-group/"),
		nmCase{nmTestHead + "label-group", false},
		nmCase{nmTestHead + "labelgroup/x", false},
		nmCase{nmTestHead + "model/x", false},
	),
	"resourceArnPattern": append(nmArnCases(""),
		nmCase{nmTestHead + "model/", true},
		nmCase{nmTestHead + ":", true},
		nmCase{nmTestHead + "dataset/x", true},
	),
	"scanModelVersionArn": {
		{"", false},
		{nmTestHead + "model/m/v/model-version/1", true},
		{nmTestHead + "model/m/v/model-version/0", true},
		{nmTestHead + "model/m/v/x/model-version/007", true},
		{nmTestHead + "model/m/v/model-version/12345678901234567890", true},
		{nmTestHead + "model/m//model-version/1", false}, // .+ is empty
		{nmTestHead + "model/m///model-version/1", true}, // .+ is "/"
		{nmTestHead + "model/m/v/model-version/", false},
		{nmTestHead + "model/m/v/model-version/1a", false},
		{nmTestHead + "model/m/v/model-version/1/", false},
		{nmTestHead + "model/m/v/model-version/\u0661", false},
		{nmTestHead + "model/m/v/model-version/1/model-version/2", true}, // the greedy .+ holds a tail
		{nmTestHead + "model/m/model-version/model-version/1", true},     // .+ is "model-version"
		{nmTestHead + "model/m/model-version/1", false},                  // no .+ before the tail
		{nmTestHead + "model/m/vmodel-version/1", false},
		{nmTestHead + "model/m/v/Model-version/1", false},
		{nmTestHead + "model/m/v/model-version1", false},
		{nmTestHead + "model/m/v/model_version/1", false},
		{nmTestHead + "model/m/v-model-version/1", false},
		{nmTestHead + "model/m/v/model-version/1\n", false},
		{nmTestHead + "model/m/v\n/model-version/1", false},
		{nmTestHead + "model/m/\r/model-version/1", false},
		{nmTestHead + "model/m/\u0085/model-version/1", false},
		{nmTestHead + "model/m/\u2028/model-version/1", false},
		{nmTestHead + "model/m/\u2029/model-version/1", false},
		{nmTestHead + "model/m/\x0b/model-version/1", true},
		{nmTestHead + "model/m/\xff/model-version/1", true},
		{nmTestHead + "model/m/é\U0001F600/model-version/1", true},
		{nmTestHead + "model/m/ /model-version/1", true},
		{nmTestHead + "model/m/" + strings.Repeat("é", 2000) + "/model-version/1", true},
		// The name: [0-9a-zA-Z_-]{1,200}
		{nmTestHead + "model//v/model-version/1", false},
		{nmTestHead + "model/" + strings.Repeat("n", 200) + "/v/model-version/1", true},
		{nmTestHead + "model/" + strings.Repeat("n", 201) + "/v/model-version/1", false},
		{nmTestHead + "model/09azAZ_-/v/model-version/1", true},
		{nmTestHead + "model/m.n/v/model-version/1", false},
		{nmTestHead + "model/mé/v/model-version/1", false},
		{nmTestHead + "model/m", false},
		{nmTestHead + "model/m/", false},
		{nmTestHead + "model/", false},
		{nmTestHead + "Model/m/v/model-version/1", false},
		{nmTestHead + "dataset/m/v/model-version/1", false},
		// The head.
		{"arn:aws-cn:lookoutequipment::123456789012:model/m/v/model-version/1", true},
		{"arn:aws-\n:lookoutequipment:x:123456789012:model/m/v/model-version/1", true},
		{"arn:aws:lookoutequipment:us_east:123456789012:model/m/v/model-version/1", false},
		{"arn:aws:lookoutequipment:us-east-1:12345678901:model/m/v/model-version/1", false},
		{"arn:aws:iam::123456789012:model/m/v/model-version/1", false},
	},
	"scanRetrainingFrequency": {
		{"", false}, {"P", true}, {"p", false}, {"PP", false}, {"1D", false}, {" P", false}, {"P ", false},
		{"P1Y", true}, {"P0Y", true}, {"P9Y", true}, {"P12Y", false}, {"PY", false}, {"P1y", false},
		{"P1M", true}, {"P12M", true}, {"P00M", true}, {"P123M", false}, {"PM", false},
		{"P1D", true}, {"P12D", true}, {"P123D", true}, {"P000D", true}, {"P1234D", false}, {"PD", false},
		{"P1Y2M3D", true}, {"P1Y12M123D", true}, {"P1Y3D", true}, {"P2M3D", true}, {"P1Y1M", true},
		{"P1D1D", false}, {"P1M1M", false}, {"P1Y1Y", false}, {"P1M1Y", false}, {"P1D2M", false}, {"P1D1Y", false},
		{"P1W", false}, {"PT1H", false}, {"P1", false}, {"P1Y2", false}, {"P1Y2M3D4", false}, {"P-1D", false},
		{"P+1D", false}, {"P1.5D", false}, {"P1YX", false}, {"P/D", false}, {"P:D", false},
		{"P\u0661D", false}, {"P\uff11D", false}, {"P1\xffD", false}, {"P\xff", false}, {"Pé", false},
		{"P\n", false}, {"P1Y\n", false}, {"\nP", false}, {"P1D\r", false}, {"P1D\u2028", false},
		{"P" + strings.Repeat("1", 300) + "D", false},
	},
	"scanLookbackWindow": {
		{"P180D", true}, {"P360D", true}, {"P540D", true}, {"P720D", true},
		{"", false}, {"P", false}, {"P180", false}, {"180D", false}, {"P90D", false}, {"P1080D", false},
		{"P0180D", false}, {"p180D", false}, {"P180d", false}, {"P 180D", false}, {"P360D ", false},
		{"P180D\n", false}, {"\nP180D", false}, {"P180DP360D", false}, {"P180D|P360D", false},
		{"P181D", false}, {"P\u0661\u0668\u0660D", false}, {"P180D\xff", false}, {"P18é", false},
	},
	"scanFileNameTimestampFormat": {
		{"EPOCH", true}, {"yyyy-MM-dd-HH-mm-ss", true}, {"yyyyMMddHHmmss", true},
		{"", false}, {"epoch", false}, {"EPOC", false}, {"EPOCHS", false}, {" EPOCH", false},
		{"EPOCH\n", false}, {"EPOCH\r\n", false}, {"yyyy-MM-dd-HH-mm-ss\n", false}, {"yyyyMMddHHmmss\n", false},
		{"yyyy-MM-dd", false}, {"yyyyMMddHHmmsS", false}, {"yyyyMMddHHmmssX", false}, {"XyyyyMMddHHmmss", false},
		{"yyyy-MM-dd-HH-mm-s", false}, {"yyyy-MM-dd HH-mm-ss", false},
		{"EPOCHyyyyMMddHHmmss", false}, {"EPOCH|yyyy-MM-dd-HH-mm-ss|yyyyMMddHHmmss", false},
		{"\uff25POCH", false}, {"EPOCH\xff", false}, {"EPOCH\u0085", false},
	},
	"scanComponentTimestampDelimiter": {
		{"", true}, {"-", true}, {"_", true},
		{" ", true}, {"\t", true}, {"\n", true}, {"\x0b", true}, {"\f", true}, {"\r", true},
		{"\x08", false}, {"\x0e", false}, {"\x1c", false}, {"\x1f", false}, {"\x00", false}, {"!", false},
		{"\u0085", false}, {"\u00a0", false}, {"\u2028", false}, {"\u2029", false}, {"\u3000", false},
		{"\u2010", false}, {"\uff3f", false}, {"\xff", false}, {"\xc2", false},
		{"--", false}, {"-_", false}, {"  ", false}, {"-\n", false}, {"\n\n", false}, {"\r\n", false},
		{"a", false}, {".", false}, {"/", false}, {",", false}, {"^", false}, {"`", false},
		{`\`, false}, {`\s`, false}, {`\-`, false}, {`\_`, false},
	},
	"scanTimeZoneOffset": {
		{"+00:00", true}, {"-12:30", true}, {"+99:99", true}, {"-00:00", true},
		{"", false}, {"+", false}, {"Z", false}, {"00:00", false}, {"+0000", false},
		{"+0:00", false}, {"+000:00", false}, {"+00:0", false}, {"+00:000", false},
		{"+00-00", false}, {"+00;00", false}, {"+00.00", false},
		{"*00:00", false}, {",00:00", false}, {"\u00b100:00", false}, {"\u221200:00", false},
		{"+/0:00", false}, {"+:0:00", false}, {"+00:/0", false}, {"+00:0:", false}, {"+0a:00", false},
		{"+\u0661\u0662:00", false}, {"+\uff10\uff10:00", false},
		{"+00:00\n", false}, {"\n+00:00", false}, {"+00:00 ", false}, {" +00:00", false},
		{"+00:0\xff", false}, {"+00:00\xff", false}, {"+00:0é", false},
	},
	"scanPolicy": {
		{"", false}, {"a", true}, {" ", true}, {"~", true}, {"\x7f", true},
		{"\t", true}, {"\n", true}, {"\r", true}, {"\r\n", true},
		{"\x00", false}, {"\x08", false}, {"\x0b", false}, {"\x0c", false}, {"\x0e", false}, {"\x1f", false},
		{"\u0080", true}, {"\u0085", true}, {"\u00a0", true}, {"é", true}, {"\u00ff", true},
		{"\u0100", false}, {"\u2028", false}, {"\U0001F600", false},
		{"\xff", false}, {"\xc3", false}, {"a\xc3", false}, {"\xc2\x20", false}, {"\xc3\xc3", false},
		{"\xc4\x80", false}, {"\xc1\xbf", false}, {"\xc0\x80", false},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lookoutequipment:*"}]}`, true},
		{strings.Repeat("a", 10000), true},
		{strings.Repeat("é", 5000), true},
		{strings.Repeat("a", 8) + "\x00", false},
		{"abcdefg\x1f", false},
		{"abcdefg\x1fabcdefgh", false},
		{strings.Repeat("a", 7) + "\u0100", false},
		{strings.Repeat("a", 9) + "\xff" + strings.Repeat("a", 9), false},
		{strings.Repeat("\u00ff", 9) + "\t" + strings.Repeat("~", 17), true},
	},
	"policyRevisionIdPattern": {
		{"", false}, {"0", true}, {"9", true}, {"a", true}, {"f", true}, {"A", true}, {"F", true},
		{"0123456789abcdefABCDEF", true}, {strings.Repeat("f", 5000), true},
		{"/", false}, {":", false}, {"@", false}, {"G", false}, {"`", false}, {"g", false},
		{"ab\n", false}, {"\nab", false}, {"a b", false}, {"-1", false}, {"0x1f", false},
		{"\uff46", false}, {"\xff", false}, {"ab\xc3", false}, {"é", false},
		{strings.Repeat("f", 4999) + "g", false},
	},
}

// nmMatcherNamed returns the new matcher of that name.
func nmMatcherNamed(t *testing.T, name string) *nmMatcher {
	t.Helper()
	for i := range nmMatchers {
		if nmMatchers[i].name == name {
			return &nmMatchers[i]
		}
	}
	t.Fatalf("no matcher %s", name)
	return nil
}

// TestNewMatchers checks each matcher on its boundary table: ok as the
// table says (and as the reference says, which checks the table), valid and
// n as unicode/utf8 count them.
func TestNewMatchers(t *testing.T) {
	t.Parallel()
	require.Len(t, nmCases, len(nmMatchers), "a table for each matcher")
	for name, cases := range nmCases {
		m := nmMatcherNamed(t, name)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, c := range cases {
				ok, valid, n := m.scan(c.in)
				assert.Equal(t, c.ok, ok, "ok of %q", nmShort(c.in))
				assert.Equal(t, c.ok, m.ref.MatchString(nmWire(c.in)), "the reference on %q", nmShort(c.in))
				assert.Equal(t, utf8.ValidString(c.in), valid, "valid of %q", nmShort(c.in))
				assert.Equal(t, utf8.RuneCountInString(c.in), n, "n of %q", nmShort(c.in))
			}
		})
	}
}

// TestNewMatchersPadded runs the tables again behind every pad length up
// to 24 (every alignment of the word-at-a-time loops), against the
// reference.
func TestNewMatchersPadded(t *testing.T) {
	t.Parallel()
	for i := range nmMatchers {
		m := &nmMatchers[i]
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			for _, c := range nmCases[m.name] {
				if len(c.in) > 100 {
					continue
				}
				for pad := uint16(1); pad <= 24; pad++ {
					nmCheck(t, m, nmPad(m, pad)+c.in)
					nmCheck(t, m, nmPad(m, pad|0x8000)+c.in)
				}
			}
		})
	}
}

// TestNewMatchersNoAllocs: the matchers allocate nothing, on any value of
// their tables.
func TestNewMatchersNoAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("AllocsPerRun is slow")
	}
	for i := range nmMatchers {
		m := &nmMatchers[i]
		for _, c := range nmCases[m.name] {
			allocs := testing.AllocsPerRun(20, func() { m.scan(c.in) })
			assert.Zero(t, allocs, "%s(%q)", m.name, nmShort(c.in))
		}
	}
}
