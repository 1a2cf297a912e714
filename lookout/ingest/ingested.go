package ingest

// IngestedFile is one file a successful job ingests: a matched file that was
// not discarded.
type IngestedFile struct {
	// Key is the file's key, Size its size as listed.
	Key  string
	Size int64
	// Component is the component the key belongs to.
	Component string
}

// Object is the file as its Source lists it, to read it again
// (ReadRecords).
func (f IngestedFile) Object() Object { return Object{Key: f.Key, Size: f.Size} }

// ingestedFiles lists the files of a successful result, in key order.
func ingestedFiles(files []*fileState) []IngestedFile {
	var out []IngestedFile
	for _, f := range files {
		if f.ingested() {
			out = append(out, IngestedFile{Key: f.key, Size: f.size, Component: f.comp})
		}
	}
	return out
}
