package lookout

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The references and boundary cases of the kinds that the eight operations
// of the first releases did not have, built from the facts-only model (each
// kind's lengths, pattern and values) and from a reference regexp of each
// pattern, written with Java's semantics independently of the matchers.

// tcPatternRefs maps each pattern of the new kinds to its reference: a Go
// regexp with Java's semantics (a full match), and a count where Go's
// regexp cannot say it.
var tcPatternRefs = map[string]struct {
	re    *regexp.Regexp
	count func(wire string) bool
}{
	`^[0-9a-zA-Z_-]{1,200}$`: {re: fullMatch(`[0-9a-zA-Z_\-]{1,200}`)},
	`[A-Fa-f0-9]{0,32}`:      {re: fullMatch(`[A-Fa-f0-9]{0,32}`)},
	`[\P{M}\p{M}]{1,2560}`:   {re: fullMatch(`[\x{0}-\x{10FFFF}]+`), count: tcAtMost(2560)},
	`[\P{M}\p{M}]{1,200}`:    {re: fullMatch(`[\x{0}-\x{10FFFF}]+`), count: tcAtMost(200)},
	`[\P{M}\p{M}]{1,100}`:    {re: fullMatch(`[\x{0}-\x{10FFFF}]+`), count: tcAtMost(100)},
}

func tcAtMost(n int) func(string) bool {
	return func(wire string) bool { return utf8.RuneCountInString(wire) <= n }
}

func init() {
	// The new matchers' references (match_new_fuzz_test.go), by the
	// pattern each implements.
	byMatcher := map[string]string{}
	for _, m := range matchers() {
		byMatcher[m.scan] = m.pattern
	}
	for _, m := range nmMatchers {
		if p, ok := byMatcher[m.name]; ok {
			tcPatternRefs[p] = struct {
				re    *regexp.Regexp
				count func(wire string) bool
			}{re: m.ref}
		}
	}
	tcCheckFuncs = append(tcCheckFuncs, tcModelCheckFuncs()...)
}

// matchers returns the pattern of each new matcher, by the matcher's name.
func matchers() []struct{ scan, pattern string } {
	const arn = `arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:`
	return []struct{ scan, pattern string }{
		{"modelArnPattern", arn + `model\/.+`},
		{"inferenceSchedulerArnPattern", arn + `inference-scheduler\/.+`},
		{"labelGroupArnPattern", arn + `label-group\/.+`},
		{"resourceArnPattern", arn + `.+`},
		{"scanModelVersionArn", `^` + arn + `model\/[0-9a-zA-Z_-]{1,200}\/.+\/model-version\/[0-9]{1,}$`},
		{"scanRetrainingFrequency", `^P(\dY)?(\d{1,2}M)?(\d{1,3}D)?$`},
		{"scanLookbackWindow", `^P180D$|^P360D$|^P540D$|^P720D$`},
		{"scanFileNameTimestampFormat", `^EPOCH|yyyy-MM-dd-HH-mm-ss|yyyyMMddHHmmss$`},
		{"scanComponentTimestampDelimiter", `^(\-|\_|\s)?$`},
		{"scanTimeZoneOffset", `^(\+|\-)[0-9]{2}\:[0-9]{2}$`},
		{"scanPolicy", `[\u0009\u000A\u000D\u0020-\u00FF]+`},
		{"policyRevisionIdPattern", `[0-9A-Fa-f]+`},
	}
}

// tcNewChecks lists the Check function of each new string kind, by the
// kind's name, each taking its value as a string.
var tcNewChecks = map[string]func(string) error{
	"AmazonResourceArn":            CheckAmazonResourceArn,
	"AutoPromotionResultReason":    CheckAutoPromotionResultReason,
	"Comments":                     CheckComments,
	"ComponentTimestampDelimiter":  CheckComponentTimestampDelimiter,
	"Equipment":                    CheckEquipment,
	"FaultCode":                    CheckFaultCode,
	"FileNameTimestampFormat":      CheckFileNameTimestampFormat,
	"InferenceSchedulerArn":        CheckInferenceSchedulerArn,
	"InferenceSchedulerIdentifier": CheckInferenceSchedulerIdentifier,
	"InferenceSchedulerName":       CheckInferenceSchedulerName,
	"LabelGroupArn":                CheckLabelGroupArn,
	"LabelGroupName":               CheckLabelGroupName,
	"LabelId":                      CheckLabelId,
	"LookbackWindow":               CheckLookbackWindow,
	"ModelArn":                     CheckModelArn,
	"ModelMetrics":                 CheckModelMetrics,
	"ModelName":                    CheckModelName,
	"ModelVersionArn":              CheckModelVersionArn,
	"OffCondition":                 CheckOffCondition,
	"Policy":                       CheckPolicy,
	"PolicyRevisionId":             CheckPolicyRevisionId,
	"ResourceArn":                  CheckResourceArn,
	"RetrainingFrequency":          CheckRetrainingFrequency,
	"TimeZoneOffset":               CheckTimeZoneOffset,
	"AutoPromotionResult":          func(s string) error { return CheckAutoPromotionResult(AutoPromotionResult(s)) },
	"DataUploadFrequency":          func(s string) error { return CheckDataUploadFrequency(DataUploadFrequency(s)) },
	"InferenceDataImportStrategy":  func(s string) error { return CheckInferenceDataImportStrategy(InferenceDataImportStrategy(s)) },
	"InferenceExecutionStatus":     func(s string) error { return CheckInferenceExecutionStatus(InferenceExecutionStatus(s)) },
	"InferenceSchedulerStatus":     func(s string) error { return CheckInferenceSchedulerStatus(InferenceSchedulerStatus(s)) },
	"LabelRating":                  func(s string) error { return CheckLabelRating(LabelRating(s)) },
	"LatestInferenceResult":        func(s string) error { return CheckLatestInferenceResult(LatestInferenceResult(s)) },
	"ModelPromoteMode":             func(s string) error { return CheckModelPromoteMode(ModelPromoteMode(s)) },
	"ModelQuality":                 func(s string) error { return CheckModelQuality(ModelQuality(s)) },
	"ModelStatus":                  func(s string) error { return CheckModelStatus(ModelStatus(s)) },
	"ModelVersionSourceType":       func(s string) error { return CheckModelVersionSourceType(ModelVersionSourceType(s)) },
	"ModelVersionStatus":           func(s string) error { return CheckModelVersionStatus(ModelVersionStatus(s)) },
	"RetrainingSchedulerStatus":    func(s string) error { return CheckRetrainingSchedulerStatus(RetrainingSchedulerStatus(s)) },
	"TargetSamplingRate":           func(s string) error { return CheckTargetSamplingRate(TargetSamplingRate(s)) },
}

// tcModelCheckFuncs returns the tcCheckFunc of each new kind: its
// reference from the model and tcPatternRefs, and generic boundary cases.
func tcModelCheckFuncs() []tcCheckFunc {
	m := tcModelData
	var out []tcCheckFunc
	for name, check := range tcNewChecks {
		s := m.Shapes[name]
		ref := &refMember{name: name, path: tcMemberName(m, name), pattern: s.Pattern, enum: s.Enum}
		if s.Min != nil {
			ref.min = int(*s.Min)
		}
		if s.Max != nil {
			ref.max = int(*s.Max)
		}
		if s.Pattern != "" {
			pr, ok := tcPatternRefs[s.Pattern]
			if !ok {
				panic("no reference of the pattern " + s.Pattern)
			}
			ref.re, ref.count = pr.re, pr.count
		}
		sample := tcSamples[name]
		if sample == nil && s.Enum != nil {
			sample = s.Enum[0]
		}
		out = append(out, tcCheckFunc{name: name, kind: name, check: check, ref: ref,
			cases: func() []tcCheckCase { return tcGenericCases(ref, sample.(string)) }})
	}
	return out
}

// tcMemberName is the name most members of kind have (ties broken by
// name), as Kind.Member says, but for the kinds the overlay names.
func tcMemberName(m *tcModel, kind string) string {
	count := map[string]int{}
	for _, s := range m.Shapes {
		for mn, r := range s.Members {
			if r.Shape == kind {
				count[mn]++
			}
		}
	}
	best, n := "", 0
	for mn, c := range count {
		if c > n || c == n && mn < best {
			best, n = mn, c
		}
	}
	if kind == "TagKeyList" {
		return "TagKeys"
	}
	return best
}

// tcGenericCases are the boundary cases of a kind: its typical value, the
// empty value, its length bounds, line terminators, a character outside
// the BMP, invalid UTF-8, and each enum value; each expected as its
// reference says.
func tcGenericCases(ref *refMember, sample string) []tcCheckCase {
	ins := map[string]string{
		"typical": sample, "empty": "", "one character": sample[:1],
		"typical and a newline": sample + "\n", "a newline first": "\n" + sample,
		"typical and U+0085": sample + "\u0085", "typical and U+2028": sample + "\u2028",
		"typical and an emoji": sample + "😀", "typical and an invalid byte": sample + "\xff",
		"typical and a NUL": sample + "\x00", "typical, upper case": strings.ToUpper(sample),
		"typical, lower case": strings.ToLower(sample), "a space": " ", "typical and a slash": sample + "/",
	}
	for _, n := range []int{ref.min - 1, ref.min, ref.max, ref.max + 1} {
		if n > 0 && ref.max > 0 {
			ins["length "+strconv.Itoa(n)] = tcFitTo(sample, n)
		}
	}
	for _, v := range ref.enum {
		ins["value "+v] = v
		ins["value "+v+" in lower case"] = strings.ToLower(v)
	}
	var cs []tcCheckCase
	for name, in := range ins {
		cs = append(cs, tcCheckCase{name: name, in: in, want: ref.violations(in, true)})
	}
	return cs
}

// tcFitTo returns sample cut or extended (by repeating its last character)
// to n characters.
func tcFitTo(sample string, n int) string {
	r := []rune(sample)
	if len(r) >= n {
		return string(r[:n])
	}
	return sample + strings.Repeat(string(r[len(r)-1]), n-len(r))
}
