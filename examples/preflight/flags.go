package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout/ingest/s3source"
)

// options are the command's flags.
type options struct {
	strict bool   // an absent ClientToken is a violation
	json   bool   // one JSON document instead of lines
	data   string // -data: a directory of the bucket's objects, or dataS3; "" for none
	schema string // -schema: a file holding the dataset's InlineDataSchema; "" for none
	// reads is -reads: the reads in flight with -data; 0 for the source's
	// default (s3source.DefaultReads over S3, the cores for a directory).
	reads int
	// readStall is -read-stall: how long an S3 read may wait for a byte.
	readStall time.Duration
}

// dataS3 is the -data value that reads the bucket the request names from S3.
const dataS3 = "s3"

// stdinName is the argument that names standard input.
const stdinName = "-"

const usageText = `usage: preflight [-strict] [-json] FILE...
       preflight [-strict] [-json] -data DIR|s3 [-schema FILE] [-reads N] [-read-stall D] FILE
       preflight -inference -h   (a CreateInferenceScheduler request and its runs' input)

Checks StartDataIngestionJob request documents (JSON, as the API reference
shows them) against every constraint the service enforces. "-" reads standard
input. With -data, it then checks the objects the ingestion job would read
(DIR holds the bucket's objects, DIR/<key>; "s3" reads the bucket the request
names) and reports what the job would make of them. Exit status: 0 all pass,
1 a document breaks a constraint, the schema is invalid or the job would
fail, 2 a file cannot be read or is not a readable request document, the
data cannot be read, or a usage error; 130 when interrupted. Flags go before
the files; after "--", every argument is a file name.

Flags:
`

// parseArgs reads the flags and the file names. It returns nil files when the
// command must stop, with the exit status: 0 after -h, 2 after a usage error
// (reported on stderr with the usage).
func parseArgs(args []string, stdout, stderr io.Writer) (options, []string, int) {
	var opts options
	fs := flag.NewFlagSet("preflight", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&opts.strict, "strict", false,
		"treat an absent ClientToken as the wire does (a violation); without it, it passes with a note")
	fs.BoolVar(&opts.json, "json", false, "print one JSON document with every file's result")
	fs.StringVar(&opts.data, "data", "",
		"check the objects the job would read: `DIR` holds the bucket's objects (DIR/<key>); \"s3\" reads the request's bucket")
	fs.StringVar(&opts.schema, "schema", "", "with -data, the dataset's InlineDataSchema, read from `FILE`")
	fs.IntVar(&opts.reads, "reads", 0, "with -data, keep `N` reads in flight (default: "+
		strconv.Itoa(s3source.DefaultReads)+" over S3, the number of cores for a directory)")
	fs.DurationVar(&opts.readStall, "read-stall", s3source.DefaultReadStall,
		"with -data s3, fail a read that waits `D` for a byte (the object is named in the job's FailedReason)")
	usage := func(w io.Writer) {
		fmt.Fprint(w, usageText)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	fail := func(msg string) (options, []string, int) {
		fmt.Fprintf(stderr, "preflight: %s\n", msg)
		usage(stderr)
		return opts, nil, exitInput
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return opts, nil, exitOK
		}
		return fail(err.Error())
	}
	files := fs.Args()
	var emptyData, emptySchema bool
	fs.Visit(func(f *flag.Flag) {
		emptyData = emptyData || f.Name == "data" && opts.data == ""
		emptySchema = emptySchema || f.Name == "schema" && opts.schema == ""
	})
	if emptyData || emptySchema {
		return fail("-data and -schema need a value")
	}
	switch {
	case opts.reads < 0:
		return fail("-reads must be at least 1")
	case opts.readStall <= 0:
		return fail("-read-stall must be more than 0")
	}
	if flag := misplacedFlag(args, files); flag != "" {
		return fail(strconv.Quote(flag) + " comes after a file name: flags go before files")
	}
	switch {
	case len(files) == 0:
		return fail("no FILE given")
	case countOf(files, stdinName) > 1:
		return fail(`"-" (standard input) given more than once`)
	case slices.Contains(files, ""):
		return fail("empty FILE name")
	case opts.data != "" && len(files) > 1:
		return fail("-data checks the objects of one request: give one FILE")
	case opts.schema != "" && opts.data == "":
		return fail("-schema needs -data")
	}
	return opts, files, exitOK
}

func countOf(list []string, s string) int {
	n := 0
	for _, v := range list {
		if v == s {
			n++
		}
	}
	return n
}

// misplacedFlag returns the first of files that reads as a flag ("-x" or
// "--x", not "-" alone), or "". The flag package stops at the first file
// name, so a flag after one would be read as a file. After "--", every
// argument is a file name.
func misplacedFlag(args, files []string) string {
	if n := len(args) - len(files); n > 0 && args[n-1] == "--" {
		return ""
	}
	for _, f := range files {
		if len(f) > 1 && f[0] == '-' {
			return f
		}
	}
	return ""
}
