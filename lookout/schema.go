package lookout

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/lookout-equipment/lookoutequipment/lookout/internal/strictjson"
)

// The bounds of a dataset's schema.
const (
	// MaxInlineDataSchemaLength is the longest InlineDataSchema, in
	// characters (Unicode code points): the model's bound.
	MaxInlineDataSchemaLength = 1_000_000
	// MaxSchemaComponents is the most components a schema may name.
	MaxSchemaComponents = 3000
	// MaxSchemaSensors is the most sensor columns (the DOUBLE columns) a
	// schema may hold, all components together.
	MaxSchemaSensors = 3000
)

// The column types of a schema.
const (
	// ColumnTypeDatetime is the type of a component's first column, its
	// timestamp.
	ColumnTypeDatetime = "DATETIME"
	// ColumnTypeDouble is the type of every other column, a sensor.
	ColumnTypeDouble = "DOUBLE"
)

// SchemaReason says what is wrong in a [SchemaViolation].
type SchemaReason int

// The reasons. The first group concerns the document as JSON, the second
// its shape, the third the schema it describes.
const (
	// SchemaLength: the document is empty or longer than
	// MaxInlineDataSchemaLength characters. Nothing else is read.
	SchemaLength SchemaReason = iota + 1
	// SchemaInvalidUTF8: the document is not valid UTF-8 (Offset is the
	// first bad byte). Nothing else is read.
	SchemaInvalidUTF8
	// SchemaSyntax: the document is not JSON from Offset on (Detail says
	// what was expected and found). Nothing after Offset is read, and the
	// schema's values are not checked.
	SchemaSyntax
	// SchemaTrailingData: something follows the document's object.
	SchemaTrailingData

	// SchemaWrongType: a value of the wrong JSON type (Detail says which
	// was expected and found); null is one.
	SchemaWrongType
	// SchemaUnknownMember: a member that the object does not have (Value
	// is its name).
	SchemaUnknownMember
	// SchemaMiscasedMember: a member whose name differs from a known one
	// only in case (Value is its name, Detail the known one). Names are
	// case-sensitive.
	SchemaMiscasedMember
	// SchemaDuplicateMember: a member that appears twice in one object
	// (Value is its name).
	SchemaDuplicateMember
	// SchemaMissingMember: a required member is absent. Every member of
	// the schema's objects is required.
	SchemaMissingMember

	// SchemaNameLength: a component or column name is empty or longer than
	// its kind's MaxLength, 200 characters (Limit is the bound broken).
	SchemaNameLength
	// SchemaNameCharacter: a component or column name holds a character
	// outside its pattern's class (Index is the first, in characters).
	SchemaNameCharacter
	// SchemaTimestampType: a component's first column is not of type
	// DATETIME.
	SchemaTimestampType
	// SchemaSensorType: a column after a component's first is not of type
	// DOUBLE.
	SchemaSensorType
	// SchemaDuplicateComponent: two components have the same name,
	// compared exactly (Index is the first component of that name).
	SchemaDuplicateComponent
	// SchemaDuplicateColumn: two columns of one component have the same
	// name, compared exactly (Index is the first column of that name).
	SchemaDuplicateColumn
	// SchemaNoComponent: the schema has no component.
	SchemaNoComponent
	// SchemaNoSensor: a component has fewer than two columns, so no sensor
	// (Index is its number of columns).
	SchemaNoSensor
	// SchemaTooManyComponents: more than MaxSchemaComponents components;
	// reported once, at the first component past the bound.
	SchemaTooManyComponents
	// SchemaTooManySensors: more than MaxSchemaSensors sensor columns in
	// all; reported once, at the first column past the bound.
	SchemaTooManySensors
)

var schemaReasonNames = [...]string{
	SchemaLength:             "Length",
	SchemaInvalidUTF8:        "InvalidUTF8",
	SchemaSyntax:             "Syntax",
	SchemaTrailingData:       "TrailingData",
	SchemaWrongType:          "WrongType",
	SchemaUnknownMember:      "UnknownMember",
	SchemaMiscasedMember:     "MiscasedMember",
	SchemaDuplicateMember:    "DuplicateMember",
	SchemaMissingMember:      "MissingMember",
	SchemaNameLength:         "NameLength",
	SchemaNameCharacter:      "NameCharacter",
	SchemaTimestampType:      "TimestampType",
	SchemaSensorType:         "SensorType",
	SchemaDuplicateComponent: "DuplicateComponent",
	SchemaDuplicateColumn:    "DuplicateColumn",
	SchemaNoComponent:        "NoComponent",
	SchemaNoSensor:           "NoSensor",
	SchemaTooManyComponents:  "TooManyComponents",
	SchemaTooManySensors:     "TooManySensors",
}

// String returns the reason's name without its prefix ("NameLength").
func (r SchemaReason) String() string {
	if r > 0 && int(r) < len(schemaReasonNames) {
		return schemaReasonNames[r]
	}
	return "SchemaReason(" + strconv.Itoa(int(r)) + ")"
}

// SchemaViolation is one fault of a schema: where it is, and why.
type SchemaViolation struct {
	// Path is where the fault is, written as Go would index the schema's
	// type: "Components[2].Columns[0].Type", "Components[0]" for a
	// component, "" for the document itself. A member the schema does not
	// have is named as the document spells it ("Components[0].columns").
	Path string
	// Offset is the byte offset in the document of what is at fault: the
	// value (for a name, its string, whichever character is wrong), the
	// member's name, the character where the document stops being JSON
	// (its length, when it ends too early), the object of a missing
	// member, the first component or column past a count's bound; -1 for
	// a schema that was not read from a document ([DataSchema.Validate]).
	Offset int
	// Reason says what is wrong.
	Reason SchemaReason
	// Value is the value at fault, whole: the name or type that breaks a
	// rule, or the name of a member at fault. Messages show it escaped and
	// cut.
	Value string
	// Limit is the bound broken: a length for SchemaNameLength and
	// SchemaLength, a count for SchemaTooManyComponents and
	// SchemaTooManySensors.
	Limit int
	// Index is, for SchemaNameCharacter, the index (in characters) of the
	// first character outside the name's class; for a duplicate, the index
	// of the first component or column of that name; for SchemaNoSensor,
	// the number of columns; for SchemaLength, the document's length in
	// characters (Limit+1 for a document of more than 4,000,000 bytes,
	// which is not counted).
	Index int
	// Detail completes the reason in words where it needs them: what was
	// expected and found (SchemaSyntax, SchemaWrongType), the member's
	// name (SchemaMiscasedMember).
	Detail string
}

// Error returns the violation in words, on one line and bounded (Value and
// Path escaped and cut):
//
//	Components[0].Columns[1].Type: 'DATETIME' must be DOUBLE: the columns after a component's first are its sensors
func (v *SchemaViolation) Error() string {
	var b strings.Builder
	v.writeMessage(&b)
	return b.String()
}

// schemaPathLimit bounds the bytes of a path that a message shows.
const schemaPathLimit = 256

func (v *SchemaViolation) writeMessage(b *strings.Builder) {
	if v.Path == "" {
		b.WriteString("document")
	} else {
		cut := escapeCut(v.Path, schemaPathLimit, '\'')
		writeEscapedString(b, v.Path[:cut], '\'', false)
		if cut < len(v.Path) {
			b.WriteString("...")
		}
	}
	b.WriteString(": ")
	switch v.Reason {
	case SchemaLength:
		if v.Index == 0 {
			b.WriteString("the document is empty")
		} else {
			b.WriteString("the document has more than ")
			writeInt(b, v.Limit)
			b.WriteString(" characters")
		}
	case SchemaInvalidUTF8:
		b.WriteString("invalid UTF-8 at byte offset ")
		writeInt(b, v.Offset)
	case SchemaSyntax:
		b.WriteString("not JSON at byte offset ")
		writeInt(b, v.Offset)
		b.WriteString(": ")
		b.WriteString(v.Detail)
	case SchemaTrailingData:
		b.WriteString("data after the document's object at byte offset ")
		writeInt(b, v.Offset)
	case SchemaWrongType:
		b.WriteString(v.Detail)
	case SchemaUnknownMember:
		b.WriteString("unknown member")
	case SchemaMiscasedMember:
		b.WriteString("unknown member (names are case-sensitive: ")
		b.WriteString(v.Detail)
		b.WriteString(")")
	case SchemaDuplicateMember:
		b.WriteString("member appears twice in one object")
	case SchemaMissingMember:
		b.WriteString("required member missing")
	case SchemaNameLength, SchemaNameCharacter:
		writeEcho(b, v.Value)
		b.WriteString(" must satisfy ")
		if strings.HasSuffix(v.Path, ".ComponentName") {
			b.WriteString(kindComponentName.Pattern)
		} else {
			b.WriteString(kindSensorName.Pattern)
		}
		if v.Reason == SchemaNameLength {
			if v.Limit == 1 {
				b.WriteString(": it is empty")
			} else {
				b.WriteString(": it has more than ")
				writeInt(b, v.Limit)
				b.WriteString(" characters")
			}
		} else {
			b.WriteString(": character ")
			writeInt(b, v.Index)
			if i := runePrefix(v.Value, v.Index); i < len(v.Value) {
				_, size := utf8.DecodeRuneInString(v.Value[i:])
				b.WriteString(" (")
				writeEcho(b, v.Value[i:i+size])
				b.WriteString(")")
			}
			b.WriteString(" is not allowed")
		}
	case SchemaTimestampType:
		writeEcho(b, v.Value)
		b.WriteString(" must be DATETIME: a component's first column is its timestamp")
	case SchemaSensorType:
		writeEcho(b, v.Value)
		b.WriteString(" must be DOUBLE: the columns after a component's first are its sensors")
	case SchemaDuplicateComponent:
		writeEcho(b, v.Value)
		b.WriteString(" is the name of Components[")
		writeInt(b, v.Index)
		b.WriteString("] already")
	case SchemaDuplicateColumn:
		writeEcho(b, v.Value)
		b.WriteString(" is the name of column ")
		writeInt(b, v.Index)
		b.WriteString(" already")
	case SchemaNoComponent:
		b.WriteString("a schema needs at least one component")
	case SchemaNoSensor:
		b.WriteString("a component needs its DATETIME column and at least one DOUBLE column; it has ")
		writeInt(b, v.Index)
		if v.Index == 1 {
			b.WriteString(" column")
		} else {
			b.WriteString(" columns")
		}
	case SchemaTooManyComponents:
		b.WriteString("more than ")
		writeInt(b, v.Limit)
		b.WriteString(" components")
	case SchemaTooManySensors:
		b.WriteString("more than ")
		writeInt(b, v.Limit)
		b.WriteString(" sensor columns in all")
	default:
		b.WriteString(v.Reason.String())
	}
}

// SchemaError is the error of [ParseDataSchema], [DataSchema.Validate] and
// [DataSchema.MarshalInline]: every violation found, in the order of the
// document (of the components and columns, for a schema built in Go).
type SchemaError struct {
	Violations []SchemaViolation
}

// maxSchemaMessage bounds the bytes of a SchemaError's message.
const maxSchemaMessage = 5000

// Error lists the violations, "; " between them, within 5000 bytes:
// those that do not fit are counted ("; and 12 more").
//
//	lookout: invalid data schema: 2 violations: Components[0].ComponentName: ...; Components[1]...
func (e *SchemaError) Error() string {
	var b strings.Builder
	b.WriteString("lookout: invalid data schema: ")
	writeInt(&b, len(e.Violations))
	if len(e.Violations) == 1 {
		b.WriteString(" violation")
	} else {
		b.WriteString(" violations")
	}
	var one strings.Builder
	for i := range e.Violations {
		one.Reset()
		e.Violations[i].writeMessage(&one)
		// Room for "; and N more" after this one, when more remain.
		if i > 0 && b.Len()+2+one.Len()+len("; and 1000000000 more") > maxSchemaMessage {
			b.WriteString("; and ")
			writeInt(&b, len(e.Violations)-i)
			b.WriteString(" more")
			break
		}
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(one.String())
	}
	return b.String()
}

// Unwrap returns each violation, as a *SchemaViolation.
func (e *SchemaError) Unwrap() []error {
	errs := make([]error, len(e.Violations))
	for i := range e.Violations {
		errs[i] = &e.Violations[i]
	}
	return errs
}

// ParseDataSchema reads doc, an InlineDataSchema, into a DataSchema, and
// checks it; it returns a *[SchemaError] listing every violation when doc
// is not a valid schema.
//
// The document must be one JSON object of the shape
//
//	{"Components":[{"ComponentName":"pump","Columns":[{"Name":"Timestamp","Type":"DATETIME"},{"Name":"pressure","Type":"DOUBLE"}]}]}
//
// read strictly, so that it has one meaning whatever reads it: every member
// shown is required, and no other is allowed (a member that only the case
// of its name tells apart from one of these is named as such); a member may
// not appear twice in one object; null is no value of any member; the
// document is 1 to 1,000,000 characters of valid UTF-8, and nothing but
// white space follows its object; a \u escape may not be half a surrogate
// pair. Member names and values may hold JSON escapes ("\u0044OUBLE" is
// DOUBLE).
//
// The schema must then have 1 to 3,000 components, each named per the
// model's ComponentName (^[0-9a-zA-Z._\-]{1,200}$), no two with the same
// name; each component has a first column of Type DATETIME (its timestamp)
// and at least one more, each of Type DOUBLE (its sensors), named per the
// model's SensorName (^[0-9a-zA-Z:#$.\-_]{1,200}$), no two columns of a
// component with the same name; and there are at most 3,000 sensor columns
// in all. Names and types compare exactly, case included.
//
// A document that stops being JSON (malformed, invalid UTF-8, too long)
// is read no further: its violations are those found up to that point and
// that one, and the values read are not checked.
//
// ParseDataSchema reads doc once, in time linear in its length, with no
// recursion (a value nested at any depth is skipped with a stack of its
// own). The names and types of the result that hold no escape share doc's
// memory.
func ParseDataSchema(doc string) (*DataSchema, error) {
	r := schemaReader{Scanner: strictjson.Scanner{Text: doc, Name: "the document"}}
	ds, pos := r.document()
	if !r.stopped {
		checkSchema(ds, pos, &r.v)
	}
	if len(r.v) > 0 {
		slices.SortStableFunc(r.v, func(a, b SchemaViolation) int { return a.Offset - b.Offset })
		return nil, &SchemaError{Violations: r.v}
	}
	return ds, nil
}

// Validate checks a schema built in Go as [ParseDataSchema] checks the one
// it reads: 1 to 3,000 components, their names, their columns' names and
// types, no duplicates, at most 3,000 sensor columns in all, and a document
// ([DataSchema.MarshalInline]) of at most 1,000,000 characters. It returns
// nil or a *[SchemaError] (whose violations have Offset -1) listing every
// violation. A nil schema has no component.
func (s *DataSchema) Validate() error {
	var v []SchemaViolation
	if s == nil {
		s = &DataSchema{}
	}
	if n := s.inlineLen(); n > MaxInlineDataSchemaLength {
		v = append(v, SchemaViolation{Offset: -1, Reason: SchemaLength, Limit: MaxInlineDataSchemaLength, Index: n})
	}
	checkSchema(s, nil, &v)
	if len(v) > 0 {
		return &SchemaError{Violations: v}
	}
	return nil
}

// MarshalInline returns the schema as the InlineDataSchema document, compact
// (ParseDataSchema reads it back to an equal schema), or a *[SchemaError]
// when the schema is not valid.
func (s *DataSchema) MarshalInline() (string, error) {
	if err := s.Validate(); err != nil {
		return "", err
	}
	// Every name is printable ASCII without '"' or '\\', and every type
	// is DATETIME or DOUBLE: nothing needs escaping.
	var b strings.Builder
	b.Grow(s.inlineLen())
	b.WriteString(`{"Components":[`)
	for i, c := range s.Components {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"ComponentName":"`)
		b.WriteString(c.ComponentName)
		b.WriteString(`","Columns":[`)
		for j, col := range c.Columns {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`{"Name":"`)
			b.WriteString(col.Name)
			b.WriteString(`","Type":"`)
			b.WriteString(col.Type)
			b.WriteString(`"}`)
		}
		b.WriteString(`]}`)
	}
	b.WriteString(`]}`)
	return b.String(), nil
}

// inlineLen returns the length in characters of the document that
// MarshalInline writes for a valid schema (all of it ASCII).
func (s *DataSchema) inlineLen() int {
	n := len(`{"Components":[]}`)
	for _, c := range s.Components {
		n += len(`{"ComponentName":"","Columns":[]}`) + utf8.RuneCountInString(c.ComponentName)
		for _, col := range c.Columns {
			n += len(`{"Name":"","Type":""}`) + utf8.RuneCountInString(col.Name) + utf8.RuneCountInString(col.Type)
		}
		n += max(len(c.Columns)-1, 0) // commas
	}
	return n + max(len(s.Components)-1, 0)
}

// schemaPos holds where the values of a schema read from a document are,
// for checkSchema: a byte offset, or -1 for a value that is absent or of the
// wrong type (already reported, so not checked).
type schemaPos struct {
	components int // the Components array
	comps      []componentPos
}

type componentPos struct {
	at, name, columns int
	cols              []columnPos
}

type columnPos struct{ at, name, typ int }

// checkSchema appends the violations of the schema's values to v. pos is nil
// for a schema built in Go: every value is there, at Offset -1.
func checkSchema(s *DataSchema, pos *schemaPos, v *[]SchemaViolation) {
	at := func(off int) int {
		if pos == nil {
			return -1
		}
		return off
	}
	if pos != nil && pos.components < 0 {
		return
	}
	if len(s.Components) == 0 {
		off := -1
		if pos != nil {
			off = pos.components
		}
		*v = append(*v, SchemaViolation{Path: "Components", Offset: off, Reason: SchemaNoComponent})
		return
	}
	compIndex := make(map[string]int, min(len(s.Components), MaxSchemaComponents+1))
	sensors := 0
	for i := range s.Components {
		c := &s.Components[i]
		cp := componentPos{at: -1, name: -1, columns: -1}
		if pos != nil {
			cp = pos.comps[i]
		}
		path := func() string { return "Components[" + strconv.Itoa(i) + "]" }
		if i == MaxSchemaComponents {
			*v = append(*v, SchemaViolation{Path: path(), Offset: at(cp.at),
				Reason: SchemaTooManyComponents, Limit: MaxSchemaComponents})
		}
		if pos == nil || cp.name >= 0 {
			p := func() string { return path() + ".ComponentName" }
			checkSchemaName(&kindComponentName, c.ComponentName, p, at(cp.name), v)
			if first, dup := compIndex[c.ComponentName]; dup {
				*v = append(*v, SchemaViolation{Path: p(), Offset: at(cp.name),
					Reason: SchemaDuplicateComponent, Value: c.ComponentName, Index: first})
			} else {
				compIndex[c.ComponentName] = i
			}
		}
		if pos != nil && cp.columns < 0 {
			continue
		}
		if len(c.Columns) < 2 {
			*v = append(*v, SchemaViolation{Path: path() + ".Columns", Offset: at(cp.columns),
				Reason: SchemaNoSensor, Index: len(c.Columns)})
		}
		var colIndex map[string]int
		if len(c.Columns) > 8 {
			colIndex = make(map[string]int, len(c.Columns))
		}
		for j := range c.Columns {
			col := &c.Columns[j]
			kp := columnPos{at: -1, name: -1, typ: -1}
			if pos != nil {
				kp = cp.cols[j]
			}
			colPath := func() string { return path() + ".Columns[" + strconv.Itoa(j) + "]" }
			if j > 0 {
				if sensors++; sensors == MaxSchemaSensors+1 {
					*v = append(*v, SchemaViolation{Path: colPath(), Offset: at(kp.at),
						Reason: SchemaTooManySensors, Limit: MaxSchemaSensors})
				}
			}
			if pos == nil || kp.name >= 0 {
				p := func() string { return colPath() + ".Name" }
				checkSchemaName(&kindSensorName, col.Name, p, at(kp.name), v)
				// Columns are few per component, often: a map only
				// for the many.
				first, dup := -1, false
				if colIndex != nil {
					first, dup = colIndex[col.Name]
					if !dup {
						colIndex[col.Name] = j
					}
				} else {
					for k := range j {
						if (pos == nil || cp.cols[k].name >= 0) && c.Columns[k].Name == col.Name {
							first, dup = k, true
							break
						}
					}
				}
				if dup {
					*v = append(*v, SchemaViolation{Path: p(), Offset: at(kp.name),
						Reason: SchemaDuplicateColumn, Value: col.Name, Index: first})
				}
			}
			if pos == nil || kp.typ >= 0 {
				switch {
				case j == 0 && col.Type != ColumnTypeDatetime:
					*v = append(*v, SchemaViolation{Path: colPath() + ".Type", Offset: at(kp.typ),
						Reason: SchemaTimestampType, Value: col.Type})
				case j > 0 && col.Type != ColumnTypeDouble:
					*v = append(*v, SchemaViolation{Path: colPath() + ".Type", Offset: at(kp.typ),
						Reason: SchemaSensorType, Value: col.Type})
				}
			}
		}
	}
}

// checkSchemaName appends the violations of name, of kind k (a run of one
// ASCII class, as ComponentName and SensorName are) to v: its length, and
// its first character outside the class.
func checkSchemaName(k *Kind, name string, path func() string, off int, v *[]SchemaViolation) {
	if ok, _, _ := k.class.scan(name); ok {
		return
	}
	n := utf8.RuneCountInString(name)
	switch {
	case n < k.MinLength:
		*v = append(*v, SchemaViolation{Path: path(), Offset: off, Reason: SchemaNameLength, Value: name,
			Limit: k.MinLength})
	case n > k.MaxLength:
		*v = append(*v, SchemaViolation{Path: path(), Offset: off, Reason: SchemaNameLength, Value: name,
			Limit: k.MaxLength})
	}
	for i, idx := 0, 0; i < len(name); idx++ {
		if !k.class.mid.in(name[i]) {
			*v = append(*v, SchemaViolation{Path: path(), Offset: off, Reason: SchemaNameCharacter,
				Value: name, Index: idx})
			return
		}
		i++ // the class is ASCII: one byte, one character
	}
}

// schemaDocumentViolations appends the violations of doc as a data schema
// (see [ParseDataSchema]), each a ConstraintSchema at path.
func schemaDocumentViolations(fs []FieldError, path, doc string) []FieldError {
	_, err := ParseDataSchema(doc)
	var se *SchemaError
	if !errors.As(err, &se) {
		return fs
	}
	for i := range se.Violations {
		fs = append(fs, FieldError{Path: path, Constraint: ConstraintSchema, Value: doc, Schema: &se.Violations[i]})
	}
	return fs
}

// schemaDocumentOK reports whether doc is a valid data schema.
func schemaDocumentOK(doc string) bool {
	_, err := ParseDataSchema(doc)
	return err == nil
}
