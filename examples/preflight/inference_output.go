package main

import (
	"bufio"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

func sortStrings(s []string) { slices.Sort(s) }

// writeJSONDoc writes v as one indented JSON document.
func writeJSONDoc(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// writeInferenceText writes the -inference report as lines.
func writeInferenceText(w io.Writer, rep *inferenceReport) error {
	out := bufio.NewWriter(w)
	if s := rep.Schema; s != nil && !s.OK {
		out.WriteString(s.File + ": ")
		if s.Error != nil {
			out.WriteString(s.Error.text + "\n")
		} else {
			out.WriteString(plural(int64(len(s.Errors)), "schema violation") + "\n")
		}
		for _, v := range s.Errors {
			out.WriteString("  " + v.Message + "\n")
		}
	}
	out.WriteString(rep.File + ": ")
	switch {
	case rep.Error != nil && !rep.reqOK && len(rep.Errors) == 0:
		out.WriteString(rep.Error.text + "\n")
		if rep.Error.Hint != "" {
			out.WriteString("  hint: " + rep.Error.Hint + "\n")
		}
		return out.Flush()
	case len(rep.Errors) > 0:
		out.WriteString(plural(int64(len(rep.Errors)), "validation error"))
	default:
		out.WriteString("ok")
	}
	if rep.Note != "" {
		out.WriteString(" (note: " + rep.Note + ")")
	}
	out.WriteByte('\n')
	for _, v := range rep.Errors {
		out.WriteString("  " + v.Message + "\n")
		if v.Hint != "" {
			out.WriteString("    hint: " + v.Hint + "\n")
		}
	}
	if rep.Data != "" {
		out.WriteString("  data: " + rep.Data + "\n")
	}
	if rep.Error != nil {
		out.WriteString("  " + rep.Error.text + "\n")
	}
	if in := rep.Input; in != nil {
		delim := strconv.Quote(in.Delimiter)
		if in.Delimiter == "" {
			delim = "no delimiter"
		}
		out.WriteString("  input: " + in.DataUploadFrequency + ", offset " + strconv.FormatInt(in.DelayOffsetMinutes, 10) +
			" min; names COMPONENT, " + delim + ", " + in.TimestampFormat + ", .csv, read in " + in.InputTimeZoneOffset +
			"; components: " + strings.Join(in.Components, ", ") + "\n")
	}
	if rep.From != nil {
		out.WriteString("  runs: " + plural(int64(len(rep.Runs)), "run") + " scheduled from " + rfc(*rep.From) + " to " + rfc(*rep.To))
		if rep.Failed > 0 {
			out.WriteString(": " + strconv.Itoa(rep.Failed) + " would fail\n")
		} else {
			out.WriteString(": all would succeed\n")
		}
	}
	for _, r := range rep.Runs {
		out.WriteString("  run " + rfc(r.ScheduledStartTime) + " reads (" + rfc(r.DataStartTime) + ", " + rfc(r.DataEndTime) + "]: " + r.Status)
		if r.FailedReason != "" {
			out.WriteString(": " + r.FailedReason)
		}
		out.WriteByte('\n')
		for _, c := range r.Components {
			out.WriteString("    " + c.Name + ": " + plural(c.Rows, "row"))
			if c.First != nil {
				out.WriteString(", " + rfc(*c.First) + " to " + rfc(*c.Last))
			}
			if len(c.MissingSensors) > 0 {
				out.WriteString("; sensors missing: " + strings.Join(c.MissingSensors, ", "))
			}
			out.WriteByte('\n')
			for _, f := range r.Files {
				if f.Component != c.Name {
					continue
				}
				out.WriteString("      " + f.Key + " (" + f.Role.String() + "): ")
				if f.Error != "" {
					out.WriteString("unusable\n")
				} else {
					out.WriteString(plural(f.Rows, "row") + " taken\n")
				}
			}
		}
	}
	if n := len(rep.Misnamed); n > 0 {
		out.WriteString("  " + plural(int64(n), "key") + " under the prefix that no run reads:\n")
		for _, m := range rep.Misnamed {
			out.WriteString("    " + m.Message + "\n")
			if m.Hint != "" {
				out.WriteString("      hint: " + m.Hint + "\n")
			}
		}
	}
	if n := len(rep.Unusable); n > 0 {
		out.WriteString("  " + plural(int64(n), "file") + " that runs open but cannot read:\n")
		for _, u := range rep.Unusable {
			out.WriteString("    " + u.Message + "\n")
		}
	}
	writeProblems(out, rep.Problems)
	for _, h := range rep.Hints {
		if h.Code == hintEpoch || h.Code == hintSemicolon || h.Code == hintTab {
			out.WriteString("  hint: " + h.Message + "\n") // the others are written beside their key
		}
	}
	if n := len(rep.Untaken); n > 0 {
		out.WriteString("  " + plural(int64(n), "file") + " with rows outside the windows of the runs that open them:\n")
		for _, u := range rep.Untaken {
			took := " that no run takes\n"
			if u.OutsideSpan {
				took = ", none in the windows of the runs checked, though a run opens it by its name\n"
			}
			out.WriteString("    " + u.Key + " (named " + rfc(u.NameTime) + "): " + plural(u.Rows, "row") + " from " + rfc(u.First) +
				" to " + rfc(u.Last) + took)
			if u.Hint != "" {
				out.WriteString("      hint: " + u.Hint + "\n")
			}
		}
	}
	return out.Flush()
}
