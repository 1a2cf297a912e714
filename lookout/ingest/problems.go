package ingest

// The checker's own account of every problem at once: a job stops at the
// first invalid header name, and counts unsupported timestamps without
// saying where they are; a checker lists them all, with their places.

// maxInvalidNames is how many invalid header names a file lists (a
// header of a million bad names is counted, not listed); maxSamples how
// many unsupported timestamps; maxSampleLen the bytes of each kept.
const (
	maxInvalidNames = 100
	maxSamples      = 5
	maxSampleLen    = 64
)

// InvalidName is a header name that is not a valid SensorName.
type InvalidName struct {
	// Column is the name's 1-based column.
	Column int `json:"Column"`
	// Name is the name as read.
	Name string `json:"Name"`
}

// TimestampSample is one record whose timestamp is unsupported.
type TimestampSample struct {
	// Line is the 1-based line where the record starts.
	Line int64 `json:"Line"`
	// Value is the timestamp cell, trimmed (its first 64 bytes).
	Value string `json:"Value"`
}

// FileProblems are a file's problems beyond its fate: every invalid header
// name (the job fails at the first of the first file), and where its first
// unsupported timestamps are. Files that were read, whatever became of
// them, are listed when they have either.
type FileProblems struct {
	// Key is the file's key.
	Key string `json:"Key"`
	// InvalidNames are the header's invalid names in column order, at
	// most 100; InvalidNameCount counts them all.
	InvalidNames     []InvalidName `json:"InvalidNames,omitempty"`
	InvalidNameCount int           `json:"InvalidNameCount,omitempty"`
	// UnsupportedTimestamps counts the records dropped for their
	// timestamp; Samples are the first 5 of them, in file order.
	UnsupportedTimestamps int64             `json:"UnsupportedTimestamps,omitempty"`
	Samples               []TimestampSample `json:"Samples,omitempty"`
}

// problems returns the files' problems, in key order.
func (r *run) problems() []FileProblems {
	var out []FileProblems
	for _, f := range r.files {
		p := FileProblems{Key: f.key, Samples: f.samples, UnsupportedTimestamps: f.unsupported}
		if f.hdr != nil {
			p.InvalidNames, p.InvalidNameCount = f.hdr.bad, f.hdr.badCount
		}
		if p.InvalidNameCount > 0 || p.UnsupportedTimestamps > 0 {
			out = append(out, p)
		}
	}
	return out
}
