package lookout_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// bigSchemaDoc returns a valid document of exactly 1,000,000 characters:
// 1,000 components of three sensors each (3,000 in all), long names, the
// rest white space.
func bigSchemaDoc() string {
	var comps []comp
	for i := range 1000 {
		name := func(prefix string) string { return fmt.Sprintf("%s%0150d", prefix, i) }
		comps = append(comps, comp{name("component"), []string{name("timestamp"), name("sensor-a"), name("sensor-b"), name("sensor-c")}})
	}
	doc := docOf(comps...)
	return doc + strings.Repeat(" ", 1_000_000-len(doc))
}

// badSchemaDoc returns a document of about 1,000,000 characters in which
// every column breaks a rule: some 30,000 violations.
func badSchemaDoc() string {
	var cols []string
	for i := range 28_000 {
		cols = append(cols, fmt.Sprintf("s %d", i))
	}
	return docOf(comp{"p", cols})
}

func TestBigSchemaDocs(t *testing.T) {
	t.Parallel()
	doc := bigSchemaDoc()
	if len(doc) != 1_000_000 {
		t.Fatalf("%d bytes", len(doc))
	}
	ds, err := lookout.ParseDataSchema(doc)
	if err != nil || len(ds.Components) != 1000 {
		t.Fatal(err)
	}
	if _, err := lookout.ParseDataSchema(badSchemaDoc()); err == nil {
		t.Fatal("no error")
	}
}

// BenchmarkParseDataSchema checks a valid 1,000,000-character document, and
// beside it reads the same document with encoding/json's Unmarshal (which
// checks nothing of the schema): the baseline.
func BenchmarkParseDataSchema(b *testing.B) {
	doc := bigSchemaDoc()
	b.Run("ParseDataSchema", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := lookout.ParseDataSchema(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json.Unmarshal", func(b *testing.B) {
		data := []byte(doc)
		b.SetBytes(int64(len(doc)))
		b.ReportAllocs()
		for b.Loop() {
			var ds lookout.DataSchema
			if err := json.Unmarshal(data, &ds); err != nil {
				b.Fatal(err)
			}
		}
	})
	bad := badSchemaDoc()
	b.Run("invalid", func(b *testing.B) {
		b.SetBytes(int64(len(bad)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := lookout.ParseDataSchema(bad); err == nil {
				b.Fatal("no error")
			}
		}
	})
	ds, _ := lookout.ParseDataSchema(doc)
	b.Run("MarshalInline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ds.MarshalInline(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
