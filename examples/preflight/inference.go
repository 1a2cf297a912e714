package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/inference"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest/s3source"
)

// The -inference mode checks a CreateInferenceScheduler request against
// the input objects its runs would read (package lookout/inference):
//
//	preflight -inference [-strict] [-json] -data DIR|s3 [-schema FILE] [-from T -to T] FILE
//
// FILE is the request (JSON, read strictly and validated as the other
// requests are); -data DIR holds the bucket's objects (DIR/<key>), "s3"
// reads the bucket the request names; -schema is the model's schema (its
// InlineDataSchema: the components and sensors a run needs; without it,
// the components are those the names give, and no sensor is checked);
// -from and -to (RFC 3339) bound the runs checked, ScheduledStartTime in
// [from, to]; by default, the span of the input files' name times: from
// the run whose window holds the earliest name time to the one whose
// window holds the latest (our reading: the runs that would read the
// files by their names).
//
// It tells which keys do not fit the request's naming and why (with a
// hint), which files and rows each run takes, which rows of the files
// opened no run takes (their name time or their rows in another zone,
// say), which files opened it cannot read and which records it drops for
// their timestamp (with the first of them and the formats read), the
// data check's hints about a file's contents (epoch numbers, a header
// separated by ';' or tabs), which runs would fail and with what
// FailedReason. In -json, every hint is also under Hints with its Code,
// as the data check gives them. Exit status: 0
// when every run succeeds, 1 when the request breaks a constraint, the
// service would refuse its input configuration, the schema is invalid or
// a run would fail, 2 when the request or the input cannot be read or for
// a usage error, 130 when interrupted.

// inferenceFlag is the flag that selects the mode.
const inferenceFlag = "inference"

// maxRuns bounds the runs one check reports.
const maxRuns = 10000

// isInference reports whether args, before the first file name, hold
// -inference (or --inference, -inference=true).
func isInference(args []string) bool {
	for _, a := range args {
		if a == "--" || len(a) < 2 || a[0] != '-' {
			return false
		}
		name := strings.TrimLeft(a, "-")
		if name == inferenceFlag || name == inferenceFlag+"=true" {
			return true
		}
	}
	return false
}

// inferenceOptions are the flags of the -inference mode.
type inferenceOptions struct {
	strict, json bool
	data, schema string
	from, to     *time.Time
}

const inferenceUsage = `usage: preflight -inference [-strict] [-json] -data DIR|s3 [-schema FILE] [-from T -to T] FILE

Checks a CreateInferenceScheduler request (JSON) and the input its runs
would read: DIR holds the bucket's objects (DIR/<key>), "s3" reads the
request's bucket. For the runs scheduled in [-from, -to] (RFC 3339; by
default the span of the input files' name times) it tells which files and
rows each run takes and names every mismatch. Exit status: 0 every run
succeeds, 1 the request is refused or a run would fail, 2 the request or
the data cannot be read, or a usage error; 130 when interrupted.

Flags:
`

func parseInferenceArgs(args []string, stdout, stderr io.Writer) (inferenceOptions, string, int, bool) {
	var o inferenceOptions
	var from, to string
	fs := flag.NewFlagSet("preflight -inference", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Bool(inferenceFlag, true, "check a CreateInferenceScheduler request and its runs' input")
	fs.BoolVar(&o.strict, "strict", false, "treat an absent ClientToken as the wire does (a violation)")
	fs.BoolVar(&o.json, "json", false, "print one JSON document")
	fs.StringVar(&o.data, "data", "", "the input: `DIR` holds the bucket's objects (DIR/<key>); \"s3\" reads the request's bucket")
	fs.StringVar(&o.schema, "schema", "", "the model's schema (InlineDataSchema), read from `FILE`")
	fs.StringVar(&from, "from", "", "the first ScheduledStartTime to check, RFC 3339 (`T`)")
	fs.StringVar(&to, "to", "", "the last ScheduledStartTime to check, RFC 3339 (`T`)")
	usage := func(w io.Writer) {
		fmt.Fprint(w, inferenceUsage)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	fail := func(msg string) (inferenceOptions, string, int, bool) {
		fmt.Fprintf(stderr, "preflight: %s\n", msg)
		usage(stderr)
		return o, "", exitInput, false
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return o, "", exitOK, false
		}
		return fail(err.Error())
	}
	for _, t := range []struct {
		s   string
		dst **time.Time
		flg string
	}{{from, &o.from, "-from"}, {to, &o.to, "-to"}} {
		if t.s == "" {
			continue
		}
		v, err := time.Parse(time.RFC3339, t.s)
		if err != nil {
			return fail(t.flg + " " + strconv.Quote(t.s) + ": not an RFC 3339 time such as 2022-05-13T09:00:00Z")
		}
		*t.dst = &v
	}
	files := fs.Args()
	switch {
	case o.data == "":
		return fail("-inference needs -data DIR|s3")
	case (o.from == nil) != (o.to == nil):
		return fail("-from and -to go together")
	case o.from != nil && o.to.Before(*o.from):
		return fail("-to is before -from")
	case misplacedFlag(args, files) != "":
		return fail(strconv.Quote(misplacedFlag(args, files)) + " comes after a file name: flags go before files")
	case len(files) != 1 || files[0] == "":
		return fail("-inference checks one request: give one FILE")
	}
	return o, files[0], exitOK, true
}

// inferenceReport is the verdict of the -inference mode; its JSON form is
// the -json output.
type inferenceReport struct {
	// OK reports whether the request passes and every run succeeds.
	OK bool `json:"ok"`
	// File is the request's file as given ("<stdin>" for "-").
	File string `json:"file"`
	// Note is the note about an absent ClientToken.
	Note string `json:"note,omitempty"`
	// Errors lists the request's violations.
	Errors []violation `json:"errors"`
	// Error says why the request, or its input, could not be checked.
	Error *problem `json:"error,omitempty"`
	// Schema is the -schema file's verdict.
	Schema *schemaReport `json:"schema,omitempty"`
	// Data says where the objects were read.
	Data string `json:"data,omitempty"`
	// Input is the request's input configuration, as the runs read it.
	Input *inputReport `json:"input,omitempty"`
	// From and To are the span of the runs checked.
	From *time.Time `json:"from,omitempty"`
	To   *time.Time `json:"to,omitempty"`
	// Misnamed lists the keys under the prefix that no run reads, in key
	// order, and why.
	Misnamed []misnamedKey `json:"misnamed"`
	// Unusable lists the files runs open but cannot read (ingestion would
	// discard them).
	Unusable []unusableFile `json:"unusable"`
	// Untaken lists the files with rows in the span of the runs that no
	// run opening them takes.
	Untaken []untakenRows `json:"untaken"`
	// Problems lists the files runs open whose records have unsupported
	// timestamps (dropped, as ingestion drops them), with the first of
	// them, in key order.
	Problems []ingest.FileProblems `json:"problems"`
	// Hints are the report's hints, each with a stable Code, as the data
	// check gives them: those shown beside a key (a name, rows outside
	// their windows) and those of the files' contents (a file separated
	// by ';' or tabs, epoch numbers for timestamps).
	Hints []hint `json:"Hints,omitempty"`
	// Runs lists the runs, in time order.
	Runs []runReport `json:"runs"`
	// Failed counts the runs that would fail.
	Failed int `json:"failed"`

	exit       int
	reqOK      bool // the request passed: the problems that follow are its input's
	unreadable bool // the request's file cannot be read
}

type inputReport struct {
	Bucket              string   `json:"Bucket"`
	Prefix              string   `json:"Prefix"`
	DataUploadFrequency string   `json:"DataUploadFrequency"`
	DelayOffsetMinutes  int64    `json:"DataDelayOffsetInMinutes"`
	Delimiter           string   `json:"ComponentTimestampDelimiter"`
	TimestampFormat     string   `json:"TimestampFormat"`
	InputTimeZoneOffset string   `json:"InputTimeZoneOffset"`
	Components          []string `json:"components"`
}

type misnamedKey struct {
	Key     string               `json:"key"`
	Reason  inference.NameReason `json:"reason"`
	Message string               `json:"message"`
	Hint    string               `json:"hint,omitempty"`
}

type unusableFile struct {
	Key     string `json:"key"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

type untakenRows struct {
	Key      string    `json:"key"`
	NameTime time.Time `json:"name_time"`
	Rows     int64     `json:"rows"`
	First    time.Time `json:"first"`
	Last     time.Time `json:"last"`
	Hint     string    `json:"hint,omitempty"`
	// OutsideSpan: the file is named in a run's window, but its rows all
	// lie outside the span of the runs checked.
	OutsideSpan bool `json:"outside_span,omitempty"`
	hintCode    string
}

type runReport struct {
	ScheduledStartTime time.Time         `json:"ScheduledStartTime"`
	DataStartTime      time.Time         `json:"DataStartTime"`
	DataEndTime        time.Time         `json:"DataEndTime"`
	Status             string            `json:"Status"`
	FailedReason       string            `json:"FailedReason,omitempty"`
	Files              []runFile         `json:"files"`
	Components         []componentReport `json:"components"`
}

type runFile struct {
	Key       string         `json:"key"`
	Component string         `json:"component"`
	Role      inference.Role `json:"role"`
	Rows      int64          `json:"rows"`
	Error     string         `json:"error,omitempty"`
}

type componentReport struct {
	Name           string     `json:"name"`
	Rows           int64      `json:"rows"`
	First          *time.Time `json:"first,omitempty"`
	Last           *time.Time `json:"last,omitempty"`
	MissingSensors []string   `json:"missing_sensors,omitempty"`
}

// runInference is the -inference mode: it returns the exit status.
func runInference(ctx context.Context, args []string, e *env) int {
	o, name, code, ok := parseInferenceArgs(args, e.stdout, e.stderr)
	if !ok {
		return code
	}
	rep := checkInference(ctx, e, o, name)
	if rep.exit == exitInterrupted {
		fmt.Fprintln(e.stderr, "preflight: interrupted: the data check did not finish")
		return exitInterrupted
	}
	rep.OK = rep.exit == exitOK
	if o.json {
		if err := writeJSONDoc(e.stdout, rep); err != nil {
			return writeFailed(e.stderr, err)
		}
		return rep.exit
	}
	// What is not a verdict on the request goes to stderr, as in the
	// other modes: a request that cannot be read, input that cannot be.
	if rep.unreadable {
		fmt.Fprintf(e.stderr, "%s: %s\n", rep.File, rep.Error.text)
		return rep.exit
	}
	var inputErr *problem
	if rep.reqOK && rep.exit == exitInput && rep.Error != nil {
		inputErr, rep.Error = rep.Error, nil
	}
	if err := writeInferenceText(e.stdout, rep); err != nil {
		return writeFailed(e.stderr, err)
	}
	if inputErr != nil {
		fmt.Fprintf(e.stderr, "preflight: %s\n", inputErr.text)
	}
	return rep.exit
}

// checkInference reads the request, the schema and the input, and makes
// the report.
func checkInference(ctx context.Context, e *env, o inferenceOptions, name string) *inferenceReport {
	label := name
	if name == stdinName {
		label = stdinLabel
	}
	rep := &inferenceReport{File: label, Errors: []violation{}, Misnamed: []misnamedKey{}, Unusable: []unusableFile{},
		Untaken: []untakenRows{}, Problems: []ingest.FileProblems{}, Runs: []runReport{}}
	fail := func(code int, text string) *inferenceReport {
		rep.Error = &problem{Reason: text, text: text}
		rep.exit = max(rep.exit, code)
		return rep
	}
	data, err := readInput(name, e.stdin)
	if err != nil {
		rep.unreadable = true
		return fail(exitInput, err.Error())
	}
	req := new(lookout.CreateInferenceSchedulerRequest)
	given, err := lookout.DecodeRequest(data, req)
	if err != nil {
		rep.Error = decodeProblem(err, data)
		rep.exit = exitInput
		return rep
	}
	if !o.strict && req.ClientToken == "" && !clientTokenGiven(data) {
		req.EnsureClientToken()
		rep.Note = noteClientToken
	}
	if err := given.Validate(req); err != nil {
		var ve *lookout.ValidationException
		if !errors.As(err, &ve) || len(ve.Fields) == 0 {
			return fail(exitInvalid, err.Error())
		}
		for i := range ve.Fields {
			v := newViolation(&ve.Fields[i])
			v.Hint = hintFor(&ve.Fields[i])
			rep.Errors = append(rep.Errors, v)
		}
		rep.exit = exitInvalid
		return rep
	}
	rep.reqOK = true
	cfg, err := inference.ConfigOf(req)
	if err != nil {
		return fail(exitInvalid, "the service refuses this input configuration: "+err.Error())
	}
	var comps []inference.Component
	if o.schema != "" {
		rep.Schema = readSchema(o.schema)
		if !rep.Schema.OK {
			rep.exit = max(rep.exit, rep.Schema.exit)
			return rep
		}
		comps = inference.ComponentsOf(rep.Schema.schema)
		known := map[string]bool{}
		for _, c := range comps {
			known[c.Name] = true
		}
		cfg.Naming.Known = func(c string) bool { return known[c] }
	}

	src, where, err := inferenceSource(ctx, o.data, cfg)
	if err != nil {
		return fail(exitInput, err.Error())
	}
	if e.wrapSource != nil {
		src = e.wrapSource(src)
	}
	rep.Data = where
	files, misfits, err := cfg.List(ctx, src)
	if err != nil {
		if ctx.Err() != nil {
			rep.exit = exitInterrupted
			return rep
		}
		return fail(exitInput, "listing s3://"+cfg.Bucket+"/"+cfg.Prefix+": "+err.Error())
	}
	x := inference.NewIndex(files)
	if comps == nil {
		comps = inference.Named(x.Components())
	}
	rep.Input = describeInput(req, cfg, comps)
	for _, m := range misfits {
		key := cfg.Prefix + m.Name
		msg := key + strings.TrimPrefix(m.Error(), strconv.Quote(m.Name))
		mk := misnamedKey{Key: key, Reason: m.Reason, Message: msg, Hint: nameHint(m, cfg, comps)}
		rep.Misnamed = append(rep.Misnamed, mk)
		if mk.Hint != "" {
			rep.Hints = append(rep.Hints, hint{hintNamePrefix + m.Reason.String(), key + ": " + mk.Hint})
		}
	}

	from, to := o.from, o.to
	if from == nil {
		if len(files) == 0 {
			return fail(exitInvalid, "no run to check: no key under s3://"+cfg.Bucket+"/"+cfg.Prefix+
				" fits the naming, and no -from and -to were given (every run would fail)")
		}
		// The runs whose windows hold the first and the last name time.
		lo, hi := x.Files()[0].Name.Time, x.Files()[0].Name.Time
		for _, f := range x.Files() {
			lo, hi = minTime(lo, f.Name.Time), maxTime(hi, f.Name.Time)
		}
		lo = cfg.Schedule.Next(lo.Add(cfg.Schedule.Offset))
		hi = cfg.Schedule.Next(hi.Add(cfg.Schedule.Offset))
		from, to = &lo, &hi
	}
	rep.From, rep.To = new(from.UTC()), new(to.UTC())
	var runs []inference.Run
	for r := range cfg.Schedule.Runs(*from, *to) {
		if len(runs) == maxRuns {
			return fail(exitInput, "more than "+strconv.Itoa(maxRuns)+" runs from "+from.UTC().Format(time.RFC3339)+
				" to "+to.UTC().Format(time.RFC3339)+": narrow -from and -to")
		}
		runs = append(runs, r)
	}

	// Read each file a run opens, once, in the order the runs open them,
	// with a progress line on a terminal.
	read := map[string]*inference.Input{}
	opened := make([]map[string]inference.Role, len(runs)) // the role of each file run i opens
	var (
		order []string
		picks []inference.Pick
		total ingest.Progress
	)
	for i, r := range runs {
		opened[i] = map[string]inference.Role{}
		for _, p := range x.Select(r.Window) {
			opened[i][p.Key] = p.Role
			if _, ok := read[p.Key]; ok {
				continue
			}
			read[p.Key] = nil
			picks = append(picks, p)
			total.FilesTotal++
			total.BytesTotal += p.Size
		}
	}
	var bar *progressLine
	if e.tty {
		bar = newProgressLine(e.stderr, e.now, e.progressDelay)
		bar.label = "reading the inference input"
		defer bar.finish()
	}
	last := time.Time{}
	for _, p := range picks {
		rows, err := inference.ReadRows(ctx, src, ingest.Object{Key: p.Key, Size: p.Size}, cfg.Naming.Zone)
		if ctx.Err() != nil {
			rep.exit = exitInterrupted
			return rep
		}
		read[p.Key] = &inference.Input{Pick: p, Rows: rows, Err: err}
		order = append(order, p.Key)
		total.FilesDone++
		total.BytesDone += p.Size
		if bar != nil {
			if now := bar.now(); now.Sub(last) >= progressInterval || total.FilesDone == total.FilesTotal {
				last = now
				bar.update(total)
			}
		}
	}
	for _, k := range sortedKeys(order) {
		in := read[k]
		if in.Err != nil {
			rep.Unusable = append(rep.Unusable, unusable(in, cfg.Bucket))
		}
		if p, ok := inputProblems(in); ok {
			rep.Problems = append(rep.Problems, p)
		}
		rep.Hints = append(rep.Hints, contentHints(in)...)
	}
	for _, r := range runs {
		var inputs []inference.Input
		for _, p := range x.Select(r.Window) {
			in := *read[p.Key]
			in.Role = p.Role
			inputs = append(inputs, in)
		}
		out := inference.Evaluate(r, comps, inputs)
		rr := runReport{ScheduledStartTime: r.Scheduled, DataStartTime: r.Window.Start, DataEndTime: r.Window.End,
			Status: "SUCCESS", Files: []runFile{}, Components: []componentReport{}}
		if out.Err != nil {
			rr.Status, rr.FailedReason = "FAILED", out.Err.Error()
			rep.Failed++
		}
		for _, in := range inputs {
			f := runFile{Key: in.Key, Component: in.Name.Component, Role: in.Role}
			if in.Err != nil {
				f.Error = in.Err.Error()
			} else {
				f.Rows = in.Rows.Count(r.Window).In
			}
			rr.Files = append(rr.Files, f)
		}
		for _, c := range out.Components {
			cr := componentReport{Name: c.Name, Rows: c.Rows, MissingSensors: c.MissingSensors}
			if c.Rows > 0 {
				cr.First, cr.Last = new(c.First), new(c.Last)
			}
			rr.Components = append(rr.Components, cr)
		}
		rep.Runs = append(rep.Runs, rr)
	}
	rep.Untaken = untaken(runs, opened, read, sortedKeys(order), cfg)
	for _, u := range rep.Untaken {
		if u.Hint != "" {
			rep.Hints = append(rep.Hints, hint{u.hintCode, u.Key + ": " + u.Hint})
		}
	}
	if rep.Failed > 0 {
		rep.exit = max(rep.exit, exitInvalid)
	}
	return rep
}

// inferenceSource returns the source -data names, and where it reads.
func inferenceSource(ctx context.Context, data string, cfg *inference.Config) (ingest.Source, string, error) {
	where := "s3://" + cfg.Bucket + "/" + cfg.Prefix
	if data == dataS3 {
		s, err := s3source.Load(ctx, cfg.Bucket, s3source.Config{MaxConns: s3source.DefaultReads})
		if err != nil {
			return nil, "", &dataError{What: "-data s3: " + err.Error(), Err: err}
		}
		return s, where, nil
	}
	info, err := os.Stat(data)
	switch {
	case err != nil:
		return nil, "", &dataError{What: "-data " + data + ": " + describe(err).Error(), Err: err}
	case !info.IsDir():
		return nil, "", &dataError{What: "-data " + data + ": not a directory (it holds the bucket's objects, DIR/<key>)"}
	}
	return ingest.FS(os.DirFS(data)), data + ", as " + where, nil
}

func describeInput(req *lookout.CreateInferenceSchedulerRequest, cfg *inference.Config, comps []inference.Component) *inputReport {
	in := &inputReport{Bucket: cfg.Bucket, Prefix: cfg.Prefix, DataUploadFrequency: string(req.DataUploadFrequency),
		DelayOffsetMinutes: int64(cfg.Schedule.Offset / time.Minute), Delimiter: cfg.Naming.Delimiter,
		TimestampFormat: cfg.Naming.Format.String(), InputTimeZoneOffset: cfg.Naming.Zone.String(), Components: []string{}}
	for _, c := range comps {
		in.Components = append(in.Components, c.Name)
	}
	return in
}

// unusable says why a run cannot read a file of bucket: a failure's text
// names the file in the bucket, as the service's FailedReason does.
func unusable(in *inference.Input, bucket string) unusableFile {
	u := unusableFile{Key: in.Key, Message: in.Err.Error()}
	var d *ingest.Discard
	var f *ingest.Failure
	switch {
	case errors.As(in.Err, &d):
		u.Reason = d.Reason.String()
		u.Message = d.Error()
	case errors.As(in.Err, &f):
		u.Reason = f.Kind.String()
		if f.Bucket == "" {
			named := *f
			named.Bucket = bucket
			u.Message = named.Error()
		}
	default:
		u.Reason = "unreadable"
	}
	return u
}

// untaken finds, in each file opened, the rows inside the span of the
// runs that no run opening the file takes: the windows tile the span, so
// each such row has one run, which does not open the file. A file that a
// run opens as named in its window, none of whose rows any run takes,
// all of them outside the span, is listed too, with all its rows
// (OutsideSpan): its rows are not where its name puts them.
func untaken(runs []inference.Run, opened []map[string]inference.Role, read map[string]*inference.Input, keys []string, cfg *inference.Config) []untakenRows {
	out := []untakenRows{}
	if len(runs) == 0 {
		return out
	}
	start := runs[0].Window.Start.Unix()
	end := runs[len(runs)-1].Window.End.Unix()
	freq := int64(cfg.Schedule.Frequency / time.Second)
	for _, k := range keys {
		in := read[k]
		if in.Err != nil {
			continue
		}
		u := untakenRows{Key: k, NameTime: in.Name.Time}
		var lo, hi int64
		inSpan := false
		for _, t := range in.Rows.Times {
			if t <= start || t > end {
				continue
			}
			inSpan = true
			i := (t - start - 1) / freq // the run whose window holds t
			if _, ok := opened[i][k]; ok {
				continue
			}
			if u.Rows == 0 || t < lo {
				lo = t
			}
			if u.Rows == 0 || t > hi {
				hi = t
			}
			u.Rows++
		}
		if !inSpan && len(in.Rows.Times) > 0 && slices.ContainsFunc(opened, func(o map[string]inference.Role) bool {
			return o[k] == inference.RoleIn
		}) {
			u.OutsideSpan = true
			lo, hi = in.Rows.Times[0], in.Rows.Times[0]
			for _, t := range in.Rows.Times {
				lo, hi = min(lo, t), max(hi, t)
			}
			u.Rows = int64(len(in.Rows.Times))
		}
		if u.Rows == 0 {
			continue
		}
		u.First, u.Last = time.Unix(lo, 0).UTC(), time.Unix(hi, 0).UTC()
		u.hintCode, u.Hint = zoneHint(in, cfg)
		out = append(out, u)
	}
	return out
}

// The codes of the hints about inference input.
const (
	hintRowsOutside = "rows-outside-windows" // rows near their name's time, outside the windows that open the file
	hintNameFar     = "name-far-from-rows"   // a name's time far from its rows', not by a zone
	hintNameZone    = "name-zone"            // a name's time a zone's offset from its rows'
	hintNamePrefix  = "name-"                // a key no run reads: "name-" and its inference.NameReason
)

// zoneHint: rows far from their file's name time, by a whole number of
// quarter hours, suggest a name or rows written in another zone than
// InputTimeZoneOffset. It returns the hint's code and text.
func zoneHint(in *inference.Input, cfg *inference.Config) (code, text string) {
	if len(in.Rows.Times) == 0 {
		return "", ""
	}
	lo, hi := in.Rows.Times[0], in.Rows.Times[0]
	for _, t := range in.Rows.Times {
		lo, hi = min(lo, t), max(hi, t)
	}
	name := in.Name.Time.Unix()
	freq := int64(cfg.Schedule.Frequency / time.Second)
	if name >= lo-freq && name <= hi+freq {
		return hintRowsOutside, "its rows are not in the windows of the runs that open it: a run opens a file by its name's time; name each file by the time of its rows"
	}
	// The distance from the name to the rows, rounded to a quarter hour.
	d := lo - name
	if name > hi {
		d = hi - name
	}
	q := (d + sign(d)*450) / 900 * 900
	if q == 0 || q < -26*3600 || q > 26*3600 {
		return hintNameFar, "its name's time is far from its rows' times: a run opens a file by its name's time"
	}
	return hintNameZone, fmt.Sprintf("its rows are about %s from its name's time: are the name and the rows written in the same zone, "+
		"the request's InputTimeZoneOffset %s?", formatOffset(q), cfg.Naming.Zone)
}

func sign(v int64) int64 {
	if v < 0 {
		return -1
	}
	return 1
}

func formatOffset(sec int64) string {
	s := "+"
	if sec < 0 {
		s, sec = "-", -sec
	}
	return fmt.Sprintf("%s%02d:%02d", s, sec/3600, sec/60%60)
}

// nameHint says what a misnamed key was probably meant to be.
func nameHint(m *inference.NameError, cfg *inference.Config, comps []inference.Component) string {
	n := cfg.Naming
	delim := strconv.Quote(n.Delimiter)
	if n.Delimiter == "" {
		delim = "none"
	}
	switch m.Reason {
	case inference.ReasonInFolder:
		i := strings.LastIndexByte(m.Name, '/')
		return "a run reads only the keys right under the prefix " + strconv.Quote(cfg.Prefix) + ": move it there, or set Prefix to " +
			strconv.Quote(cfg.Prefix+m.Name[:i+1])
	case inference.ReasonNotCSV:
		return `a run reads only objects whose key ends in ".csv"`
	case inference.ReasonOtherFormat:
		return "the request's TimestampFormat is " + n.Format.String() + ": name the file in it, or set TimestampFormat to " +
			strconv.Quote(m.Found.String())
	case inference.ReasonNoTime, inference.ReasonBadTime:
		return "a name is COMPONENT, the delimiter (" + delim + ") and a time in " + n.Format.String() + ", then .csv, such as " +
			strconv.Quote(n.Key(exampleComponent(comps), time.Date(2022, 5, 13, 9, 5, 0, 0, time.UTC)))
	case inference.ReasonDelimiter:
		found := strconv.Quote(m.Delimiter)
		if m.Delimiter == "" {
			found = "none"
		}
		return "the request's ComponentTimestampDelimiter is " + delim + ", this name's " + found +
			": name it with the request's, or set ComponentTimestampDelimiter to " + strconv.Quote(m.Delimiter)
	case inference.ReasonComponent:
		for _, c := range comps {
			if strings.EqualFold(c.Name, m.Component) {
				return "component names are case-sensitive: did you mean " + strconv.Quote(c.Name) + "?"
			}
		}
		names := make([]string, 0, len(comps))
		for _, c := range comps {
			names = append(names, strconv.Quote(c.Name))
		}
		return "the model's components are " + strings.Join(names, ", ")
	case inference.ReasonComponentName:
		return "a component name is 1 to 200 letters, digits, '.', '_' and '-'"
	}
	return ""
}

func exampleComponent(comps []inference.Component) string {
	if len(comps) > 0 {
		return comps[0].Name
	}
	return "pump1"
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func sortedKeys(keys []string) []string {
	out := append([]string(nil), keys...)
	sortStrings(out)
	return out
}

// inputProblems returns the unsupported timestamps of a file a run opens
// (its records dropped), read from its rows or, for a file with no valid
// value, from its discard.
func inputProblems(in *inference.Input) (ingest.FileProblems, bool) {
	p := ingest.FileProblems{Key: in.Key}
	var d *ingest.Discard
	switch {
	case in.Rows != nil:
		p.UnsupportedTimestamps, p.Samples = in.Rows.Unsupported, in.Rows.Samples
	case errors.As(in.Err, &d):
		p.UnsupportedTimestamps, p.Samples = d.Unsupported, d.Samples
	}
	return p, p.UnsupportedTimestamps > 0
}

// contentHints are the data check's hints about a file's contents, for a
// file a run opens: epoch numbers for timestamps, a header separated by
// ';' or tabs (read as one invalid name).
func contentHints(in *inference.Input) []hint {
	var out []hint
	if p, ok := inputProblems(in); ok {
		if h, ok := epochHint(p); ok {
			out = append(out, h)
		}
	}
	var f *ingest.Failure
	if errors.As(in.Err, &f) && f.Kind == ingest.FailInvalidHeader {
		out = append(out, separatorHints(ingest.FileProblems{Key: in.Key,
			InvalidNames: []ingest.InvalidName{{Column: f.Column, Name: f.Name}}, InvalidNameCount: 1})...)
	}
	return out
}
