// Command gen writes package lookout's declarations from the facts-only
// copy of AWS's service model (internal/model) and the overlay
// (overlay.go): the request, response and structure types with their json
// and validate tags, the enums, the value kinds and their Check functions,
// each structure's Validate fast path and violations, its strict reader and
// its writer (straight-line code, one function per structure), an
// X-Amz-Target constant and a declaration per operation, the Service type,
// and the rules table.
//
// Run it with go generate in the lookout directory. It stops, naming it,
// at a pattern the overlay maps to no matcher, and at anything else of the
// model it cannot write.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// The model, as botocore writes it.
type model struct {
	Metadata   map[string]any       `json:"metadata"`
	Operations map[string]operation `json:"operations"`
	Shapes     map[string]*shape    `json:"shapes"`
}

type operation struct {
	Name   string `json:"name"`
	Input  *ref   `json:"input"`
	Output *ref   `json:"output"`
	Errors []ref  `json:"errors"`
}

type ref struct {
	Shape            string `json:"shape"`
	IdempotencyToken bool   `json:"idempotencyToken"`
	JSONValue        bool   `json:"jsonvalue"`
}

type shape struct {
	Type      string         `json:"type"`
	Members   map[string]ref `json:"members"`
	Required  []string       `json:"required"`
	Min       *int64         `json:"min"`
	Max       *int64         `json:"max"`
	Pattern   string         `json:"pattern"`
	Enum      []string       `json:"enum"`
	Member    *ref           `json:"member"`
	Exception bool           `json:"exception"`
	Fault     bool           `json:"fault"`

	name string
	// in and out: reachable from an operation's input, output.
	in, out bool
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	modelPath := flag.String("model", "internal/model/lookoutequipment-2020-12-15.json", "the facts-only model")
	dir := flag.String("dir", ".", "where to write")
	flag.Parse()
	data, err := os.ReadFile(*modelPath)
	if err != nil {
		log.Fatal(err)
	}
	var m model
	if err := json.Unmarshal(data, &m); err != nil {
		log.Fatalf("%s: %v", *modelPath, err)
	}
	g := newGen(&m)
	files := g.files()
	for name, src := range files {
		out, err := format.Source(src)
		if err != nil {
			os.WriteFile(filepath.Join(*dir, name+".broken"), src, 0o644)
			log.Fatalf("%s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(*dir, name), out, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

type gen struct {
	m       *model
	opNames []string // sorted
	// structs lists the structure shapes that are not errors, sorted.
	structs []string
	// groupOf maps an operation to its file; structFile a structure to
	// its file (an operation's input and output go with it).
	groupOf    map[string]string
	structFile map[string]string
	// ownerOp maps an input or output structure to its operation.
	ownerOp map[string]string
	// requestOf, responseOf: the Go type names of an operation's input
	// and output.
	requestOf, responseOf map[string]string
}

func newGen(m *model) *gen {
	g := &gen{m: m, groupOf: map[string]string{}, structFile: map[string]string{}, ownerOp: map[string]string{},
		requestOf: map[string]string{}, responseOf: map[string]string{}}
	for name, s := range m.Shapes {
		s.name = name
	}
	for name := range m.Operations {
		g.opNames = append(g.opNames, name)
	}
	sort.Strings(g.opNames)
	for _, gr := range groups {
		for _, op := range gr.ops {
			if _, ok := m.Operations[op]; !ok {
				log.Fatalf("overlay: group %s names operation %s, which the model does not have", gr.file, op)
			}
			g.groupOf[op] = gr.file
		}
	}
	for _, op := range g.opNames {
		if g.groupOf[op] == "" {
			log.Fatalf("overlay: operation %s is in no group", op)
		}
		o := m.Operations[op]
		if o.Input == nil {
			log.Fatalf("operation %s has no input", op)
		}
		g.requestOf[op] = o.Input.Shape
		g.mark(o.Input.Shape, true)
		g.structFile[o.Input.Shape] = g.groupOf[op]
		g.ownerOp[o.Input.Shape] = op
		if o.Output != nil {
			g.responseOf[op] = o.Output.Shape
			g.mark(o.Output.Shape, false)
			g.structFile[o.Output.Shape] = g.groupOf[op]
			g.ownerOp[o.Output.Shape] = op
		} else {
			g.responseOf[op] = op + "Response"
		}
	}
	for name, s := range m.Shapes {
		if s.Type == "structure" && !s.Exception {
			g.structs = append(g.structs, name)
			if g.structFile[name] == "" {
				g.structFile[name] = "structures_gen.go"
			}
		}
	}
	sort.Strings(g.structs)
	return g
}

// mark records that shape name is reachable from an input (in) or an
// output.
func (g *gen) mark(name string, in bool) {
	s := g.m.Shapes[name]
	if s == nil {
		log.Fatalf("shape %s is referenced but not defined", name)
	}
	if in && s.in || !in && s.out {
		return
	}
	if in {
		s.in = true
	} else {
		s.out = true
	}
	switch s.Type {
	case "structure":
		for _, r := range s.Members {
			g.mark(r.Shape, in)
		}
	case "list":
		g.mark(s.Member.Shape, in)
	}
}

func (g *gen) shape(name string) *shape { return g.m.Shapes[name] }

// sortedMembers returns the member names of s in wire order: the model's
// (the facts-only copy writes members sorted, as the model lists them).
func sortedMembers(s *shape) []string {
	names := make([]string, 0, len(s.Members))
	for n := range s.Members {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (s *shape) required(member string) bool { return slices.Contains(s.Required, member) }

// files returns the generated files' sources.
func (g *gen) files() map[string][]byte {
	out := map[string]*bytes.Buffer{}
	buf := func(name string) *bytes.Buffer {
		b := out[name]
		if b == nil {
			b = new(bytes.Buffer)
			fmt.Fprintf(b, "// Code generated by internal/gen from the service model; DO NOT EDIT.\n\npackage lookout\n\n")
			out[name] = b
		}
		return b
	}
	g.writeKinds(buf("kinds_gen.go"))
	for _, gr := range groups {
		b := buf(gr.file)
		for _, op := range gr.ops {
			g.writeOperation(b, op)
		}
	}
	for _, name := range g.structs {
		if g.ownerOp[name] != "" {
			continue
		}
		g.writeStruct(buf(g.structFile[name]), name)
	}
	g.writeService(buf("service_gen.go"))
	g.writeRules(buf("rules_gen.go"))
	cb := new(bytes.Buffer)
	g.writeClient(cb)
	out["client/api_gen.go"] = cb
	res := map[string][]byte{}
	for name, b := range out {
		src := b.Bytes()
		_ = name
		if name != "client/api_gen.go" && bytes.Contains(src, []byte("strconv.")) {
			src = bytes.Replace(src, []byte("package lookout\n\n"), []byte("package lookout\n\nimport \"strconv\"\n\n"), 1)
		}
		res[name] = src
	}
	return res
}

// ---- kinds ----

// kindVar returns the Go variable of a kind: kindDatasetName.
func kindVar(shape string) string { return "kind" + shape }

// okFunc returns the fast check of a string kind: okDatasetName.
func okFunc(shape string) string { return "ok" + shape }

// constrained reports whether the shape carries a constraint of its own.
func (s *shape) constrained() bool {
	switch s.Type {
	case "string":
		return true // every string kind of the model has a length, a pattern or an enum
	case "integer", "long":
		return s.Min != nil || s.Max != nil
	case "list":
		return s.Min != nil && *s.Min > 0 || s.Max != nil
	}
	return false
}

func (g *gen) note(name string) kindNote { return kindNotes[name] }

// matcherOf returns the matcher of a string kind.
func (g *gen) matcherOf(s *shape) matcher {
	n := g.note(s.name)
	switch {
	case s.Enum != nil:
		return matcher{scan: "func(s string) (bool, bool, int) { return scanEnum(s, " + enumValuesVar(s.name) + ") }"}
	case n.scan != "":
		return matcher{scan: n.scan}
	case s.Pattern != "":
		m, ok := matchers[s.Pattern]
		if !ok {
			log.Fatalf("overlay: no matcher for the pattern %s of %s: write one in match.go and map it in overlay.go", s.Pattern, s.name)
		}
		return m
	}
	return anyString
}

// admitsEmpty reports whether "" is a valid value of string kind s: then
// its members are held in a *string, so that "" and absent stay distinct.
func (g *gen) admitsEmpty(s *shape) bool {
	if s.Type != "string" || s.Enum != nil || g.note(s.name).enum != nil {
		return false
	}
	if s.Min != nil && *s.Min > 0 {
		return false
	}
	return g.matcherOf(s).empty
}

func enumValuesVar(shape string) string { return lowerFirst(shape) + "Values" }

func (g *gen) tagOf(s *shape) string {
	if t := g.note(s.name).tag; t != "" {
		return t
	}
	return "lookout_" + snake(s.name)
}

func (g *gen) checkName(s *shape) string {
	if c := g.note(s.name).check; c != "" {
		return c
	}
	return "Check" + s.name
}

// memberName returns Kind.Member of a kind: the overlay's, or the name
// most members of the kind have.
func (g *gen) memberName(s *shape) string {
	if m := g.note(s.name).member; m != "" {
		return m
	}
	count := map[string]int{}
	for _, st := range g.m.Shapes {
		for mn, r := range st.Members {
			if r.Shape == s.name {
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
	if best == "" {
		return s.name
	}
	return best
}

// kindShapes returns the shapes that are kinds: every string, number,
// list and timestamp shape, sorted.
func (g *gen) kindShapes() []*shape {
	var out []*shape
	for _, s := range g.m.Shapes {
		if s.Type != "structure" {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

var valueTypes = map[string]string{"string": "TypeString", "integer": "TypeInteger", "long": "TypeLong",
	"float": "TypeFloat", "boolean": "TypeBoolean", "timestamp": "TypeTimestamp", "list": "TypeList",
	"structure": "TypeStructure"}

func (g *gen) writeKinds(b *bytes.Buffer) {
	shapes := g.kindShapes()
	// Enum types and their values.
	for _, s := range shapes {
		if s.Enum == nil {
			continue
		}
		g.writeEnum(b, s)
	}
	fmt.Fprintf(b, "// The enforced values of the kinds that have them.\nvar (\n")
	for _, s := range shapes {
		vals := s.Enum
		if vals == nil {
			vals = g.note(s.name).enum
		}
		if vals == nil {
			continue
		}
		fmt.Fprintf(b, "%s = []string{", enumValuesVar(s.name))
		for i, v := range vals {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(b, "%q", v)
		}
		b.WriteString("}\n")
	}
	b.WriteString(")\n\n")
	// The kinds.
	b.WriteString("// The value kinds, one per shape of the service model that is not a\n// structure, and one per structure.\nvar (\n")
	for _, s := range shapes {
		g.writeKindVar(b, s)
	}
	for _, name := range g.structs {
		fmt.Fprintf(b, "%s = Kind{Name: %q, Type: TypeStructure}\n", kindVar(name), name)
	}
	b.WriteString(")\n\n")
	// allKinds.
	b.WriteString("// allKinds lists the kinds that carry a constraint, in the order of\n// [Kinds]: by name.\nvar allKinds = []*Kind{\n")
	for _, s := range shapes {
		if s.constrained() {
			fmt.Fprintf(b, "&%s,\n", kindVar(s.name))
		}
	}
	b.WriteString("}\n\n")
	// The fast checks and the Check functions.
	for _, s := range shapes {
		if !s.constrained() {
			continue
		}
		g.writeCheck(b, s)
	}
}

func (g *gen) writeKindVar(b *bytes.Buffer, s *shape) {
	n := g.note(s.name)
	fmt.Fprintf(b, "%s = Kind{Name: %q, Type: %s", kindVar(s.name), s.name, valueTypes[s.Type])
	if s.constrained() {
		fmt.Fprintf(b, ", Member: %q, Tag: %q", g.memberName(s), g.tagOf(s))
	}
	if s.Min != nil && *s.Min != 0 && (s.Type == "string" || s.Type == "list") {
		fmt.Fprintf(b, ", MinLength: %d", *s.Min)
	}
	if s.Max != nil && (s.Type == "string" || s.Type == "list") {
		fmt.Fprintf(b, ", MaxLength: %d", *s.Max)
	}
	if s.Type == "integer" || s.Type == "long" {
		if s.Min != nil {
			fmt.Fprintf(b, ", MinValue: %d, HasMinValue: true", *s.Min)
		}
		if s.Max != nil {
			fmt.Fprintf(b, ", MaxValue: %d, HasMaxValue: true", *s.Max)
		}
	}
	if s.Pattern != "" {
		fmt.Fprintf(b, ", Pattern: %s", goRaw(s.Pattern))
	}
	if s.Enum != nil || n.enum != nil {
		fmt.Fprintf(b, ", Enum: %s", enumValuesVar(s.name))
	}
	note := n.note
	if s.Enum != nil && note == "" {
		note = "enumNote"
	} else if note != "" {
		note = strconv.Quote(note)
	}
	if note != "" {
		fmt.Fprintf(b, ", Note: %s", note)
	}
	if s.Type == "string" {
		m := g.matcherOf(s)
		fmt.Fprintf(b, ", scan: %s", m.scan)
		if m.class != "" {
			fmt.Fprintf(b, ", class: %s", m.class)
		}
		if n.document {
			b.WriteString(", document: schemaDocumentViolations, documentOK: schemaDocumentOK")
		}
	}
	b.WriteString("}\n")
}

// goRaw writes s as a raw string literal when it can, quoted otherwise.
func goRaw(s string) string {
	if strings.Contains(s, "`") {
		return strconv.Quote(s)
	}
	return "`" + s + "`"
}

func (g *gen) writeEnum(b *bytes.Buffer, s *shape) {
	t := s.name
	fmt.Fprintf(b, "// %s is a value of the service model's %s enum. Decoding keeps a value\n"+
		"// this package does not know; [%s.IsKnown] tells it apart and Validate reports it.\n", t, t, t)
	fmt.Fprintf(b, "type %s string\n\n", t)
	fmt.Fprintf(b, "// The values of %s that the service model lists.\nconst (\n", t)
	for _, v := range s.Enum {
		fmt.Fprintf(b, "%s %s = %q\n", enumConst(t, v), t, v)
	}
	b.WriteString(")\n\n")
	fmt.Fprintf(b, "// Values returns the values the service model lists, in its order.\n// The slice is new on each call.\n")
	fmt.Fprintf(b, "func (%s) Values() []%s { return enumValues[%s](%s) }\n\n", t, t, t, enumValuesVar(t))
	fmt.Fprintf(b, "// IsKnown reports whether v is one of the values the service model lists.\n")
	fmt.Fprintf(b, "func (v %s) IsKnown() bool { return %s(string(v)) }\n\n", t, okFunc(t))
	if term := g.note(t).terminal; term != nil {
		fmt.Fprintf(b, "// IsTerminal reports whether v is a status after which nothing changes: %s.\n"+
			"// A value this package does not know is not terminal.\n", joinWords(term))
		fmt.Fprintf(b, "func (v %s) IsTerminal() bool {\nswitch v {\ncase ", t)
		for i, v := range term {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(enumConst(t, v))
		}
		b.WriteString(":\nreturn true\n}\nreturn false\n}\n\n")
	}
}

// enumConst names an enum value as the AWS SDK for Go does:
// IngestionJobStatusInProgress, DataUploadFrequencyPt5m.
func enumConst(t, v string) string {
	var b strings.Builder
	b.WriteString(t)
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		w = strings.ToLower(w)
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

func joinWords(ws []string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " or " + ws[len(ws)-1]
}

// describe returns what a value of kind s is, for doc comments.
func (g *gen) describe(s *shape) string {
	var parts []string
	switch s.Type {
	case "string":
		switch {
		case s.Enum != nil:
			return "one of the values of [" + s.name + "]"
		case g.note(s.name).enum != nil:
			parts = append(parts, "one of the documented values")
		}
		var length string
		switch {
		case s.Min != nil && s.Max != nil:
			length = fmt.Sprintf("%d to %d characters", *s.Min, *s.Max)
		case s.Max != nil:
			length = fmt.Sprintf("at most %d characters", *s.Max)
		case s.Min != nil:
			length = fmt.Sprintf("at least %d characters", *s.Min)
		}
		if s.Pattern != "" {
			if length == "" {
				length = "a value"
			}
			length += " fully matching " + s.Pattern
		}
		if length != "" {
			parts = append(parts, length)
		}
	case "integer", "long":
		switch {
		case s.Min != nil && s.Max != nil:
			parts = append(parts, fmt.Sprintf("an integer from %d to %d", *s.Min, *s.Max))
		case s.Min != nil:
			parts = append(parts, fmt.Sprintf("an integer of at least %d", *s.Min))
		default:
			parts = append(parts, "an integer")
		}
	case "list":
		e := g.shape(s.Member.Shape)
		what := "a list of " + e.name
		if e.Type == "structure" {
			what = "a list of [" + e.name + "]"
		}
		switch {
		case s.Min != nil && *s.Min > 0 && s.Max != nil:
			what += fmt.Sprintf(", %d to %d elements", *s.Min, *s.Max)
		case s.Max != nil:
			what += fmt.Sprintf(", at most %d elements", *s.Max)
		}
		parts = append(parts, what)
	}
	return article(s.name) + " " + s.name + ": " + strings.Join(parts, ", ")
}

func (g *gen) writeCheck(b *bytes.Buffer, s *shape) {
	n := g.note(s.name)
	param := n.param
	if param == "" {
		param = "v"
	}
	name := g.checkName(s)
	switch s.Type {
	case "string":
		m := g.matcherOf(s)
		call := m.scan + "(s)"
		if m.class != "" {
			call = m.class + ".scan(s)"
		}
		if s.Enum != nil {
			call = "scanEnum(s, " + enumValuesVar(s.name) + ")"
		}
		var conds []string
		conds = append(conds, "ok", "valid")
		if s.Min != nil && *s.Min > 0 {
			conds = append(conds, fmt.Sprintf("n >= %d", *s.Min))
		}
		if s.Max != nil {
			conds = append(conds, fmt.Sprintf("n <= %d", *s.Max))
		}
		if n.document {
			conds = append(conds, "schemaDocumentOK(s)")
		}
		fmt.Fprintf(b, "// %s reports whether s is a valid %s, without allocating.\n", okFunc(s.name), s.name)
		nv := "n"
		if len(conds) == 2 {
			nv = "_"
		}
		fmt.Fprintf(b, "func %s(s string) bool {\nok, valid, %s := %s\n", okFunc(s.name), nv, call)
		fmt.Fprintf(b, "return %s\n}\n\n", strings.Join(conds, " && "))
		typ, conv := "string", param
		if s.Enum != nil {
			typ, conv = s.name, "string("+param+")"
		}
		fmt.Fprintf(b, "// %s checks %s against %s.\n", name, param, g.describe(s))
		if n.note != "" && s.Enum == nil {
			fmt.Fprintf(b, "// %s\n", n.note)
		}
		fmt.Fprintf(b, "func %s(%s %s) error {\nif %s(%s) {\nreturn nil\n}\nreturn %s.checkValue(%s)\n}\n\n",
			name, param, typ, okFunc(s.name), conv, kindVar(s.name), conv)
	case "integer", "long":
		typ := "int64"
		if s.Type == "integer" {
			typ = "int32"
		}
		fmt.Fprintf(b, "// %s checks %s against %s.\n", name, param, g.describe(s))
		fmt.Fprintf(b, "func %s(%s %s) error { return %s.checkIntValue(int64(%s)) }\n\n", name, param, typ, kindVar(s.name), param)
	case "list":
		e := g.shape(s.Member.Shape)
		elem := g.goElem(e)
		fmt.Fprintf(b, "// %s checks %s against %s, each element included. Violations are\n// reported at %q and its elements.\n",
			name, param, g.describe(s), g.memberName(s))
		fmt.Fprintf(b, "func %s(%s []%s) error {\n", name, param, elem)
		fmt.Fprintf(b, "fs := %s(nil, \"\", %q, %s, false, nil)\n", g.listViolationsFunc(s), g.memberName(s), param)
		b.WriteString("if len(fs) != 0 {\nreturn NewValidationException(fs)\n}\nreturn nil\n}\n\n")
	}
}

// ---- Go types ----

// goElem returns the Go type of a list's element.
func (g *gen) goElem(e *shape) string {
	switch e.Type {
	case "structure":
		return e.name
	case "string":
		if e.Enum != nil {
			return e.name
		}
		return "string"
	}
	log.Fatalf("a list of %s (%s) cannot be written", e.name, e.Type)
	return ""
}

// A field is one member of a structure as the generator writes it.
type field struct {
	name     string // wire and Go name
	shape    *shape // its kind
	required bool
	goType   string
	// how says how the member is held: "plain" (a string or an enum's
	// string type, "" absent), "optstr" (*string), "int32", "int64",
	// "float", "bool", "time", "struct", "list" (of structures), "strlist"
	// (of strings).
	how string
}

func (g *gen) fields(s *shape) []field {
	var out []field
	for _, mn := range sortedMembers(s) {
		r := s.Members[mn]
		k := g.shape(r.Shape)
		f := field{name: mn, shape: k, required: s.required(mn)}
		switch k.Type {
		case "string":
			switch {
			case g.admitsEmpty(k):
				f.how, f.goType = "optstr", "*string"
			case k.Enum != nil:
				f.how, f.goType = "plain", k.name
			default:
				f.how, f.goType = "plain", "string"
			}
		case "integer":
			f.how, f.goType = "int32", "*int32"
			if wideInts[s.name+"."+mn] {
				f.how, f.goType = "int64", "*int64"
			}
		case "long":
			f.how, f.goType = "int64", "*int64"
		case "float":
			f.how, f.goType = "float", "*float64"
		case "boolean":
			f.how, f.goType = "bool", "*bool"
		case "timestamp":
			f.how, f.goType = "time", "*Timestamp"
		case "structure":
			f.how, f.goType = "struct", "*"+k.name
		case "list":
			e := g.shape(k.Member.Shape)
			if e.Type == "structure" {
				f.how = "list"
			} else {
				f.how = "strlist"
			}
			f.goType = "[]" + g.goElem(e)
		default:
			log.Fatalf("member %s.%s: a %s cannot be written", s.name, mn, k.Type)
		}
		out = append(out, f)
	}
	if len(out) > 64 {
		log.Fatalf("structure %s has %d members: at most 64", s.name, len(out))
	}
	return out
}

func (g *gen) fieldTags(f field) string {
	js := f.name + ",omitempty"
	if f.how == "list" || f.how == "strlist" {
		// A nil list is absent and left out; an empty one is a list
		// of no element, and sent.
		js = f.name + ",omitzero"
	}
	var v []string
	if f.required {
		v = append(v, "required")
	} else if f.shape.constrained() || f.how == "list" || f.how == "strlist" {
		v = append(v, "omitempty")
	}
	if f.shape.constrained() {
		v = append(v, g.tagOf(f.shape))
	}
	switch f.how {
	case "list":
		v = append(v, "dive")
	case "strlist":
		e := g.shape(f.shape.Member.Shape)
		v = append(v, "dive")
		if e.constrained() {
			v = append(v, g.tagOf(e))
		}
	}
	tag := "json:\"" + js + "\""
	if len(v) > 0 && !(len(v) == 1 && v[0] == "omitempty") {
		tag += " validate:\"" + strings.Join(v, ",") + "\""
	}
	return "`" + tag + "`"
}

func (g *gen) fieldDoc(st *shape, f field) string {
	var what string
	switch f.how {
	case "struct":
		what = article(f.shape.name) + " [" + f.shape.name + "]."
	case "time":
		what = "a time, sent as seconds since the epoch."
	case "bool":
		what = "a boolean."
	case "float":
		what = "a number."
	case "int32", "int64":
		what = g.describe(f.shape) + "."
		if !f.shape.constrained() {
			what = "an integer."
		}
	default:
		what = g.describe(f.shape) + "."
	}
	var presence string
	switch {
	case f.required:
		presence = " Required."
	case f.how == "plain":
		presence = " Empty means absent."
	default:
		presence = " Nil means absent."
	}
	doc := f.name + " is " + what + presence
	if note := memberNotes[st.name+"."+f.name]; note != "" {
		doc += " " + note
	} else if note := memberNotes[f.name]; note != "" {
		doc += " " + note
	}
	return wrap(doc, "\t// ")
}

// article returns "an" before a name that starts with a vowel, "a" before
// any other.
func article(name string) string {
	if strings.ContainsAny(name[:1], "AEIOU") {
		return "an"
	}
	return "a"
}

// ---- structures ----

func (g *gen) writeOperation(b *bytes.Buffer, op string) {
	o := g.m.Operations[op]
	fmt.Fprintf(b, "// Target%s is the X-Amz-Target header of a %s request.\n", op, op)
	fmt.Fprintf(b, "const Target%s = targetPrefix + %q\n\n", op, op)
	in := g.requestOf[op]
	g.writeStruct(b, in)
	out := g.responseOf[op]
	if o.Output != nil {
		g.writeStruct(b, out)
	} else {
		fmt.Fprintf(b, "// %s is the output of %s, which has no members: the service\n// answers {}.\ntype %s struct{}\n\n", out, op, out)
		g.writeEmptyMethods(b, out)
	}
	// The operation's declaration.
	limit := g.bodyLimit(op)
	fmt.Fprintf(b, "var op%s = operation{name: %q, target: Target%s, maxBody: %s, errors: []string{", op, op, op, limit)
	for i, e := range o.Errors {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(b, "%q", e.Shape)
	}
	b.WriteString("}}\n\n")
	fmt.Fprintf(b, "func (*%s) operation() *operation { return &op%s }\n\n", in, op)
	fmt.Fprintf(b, "func (*%s) operation() *operation { return &op%s }\n\n", out, op)
	if _, ok := g.shape(in).Members["ClientToken"]; ok {
		fmt.Fprintf(b, "// EnsureClientToken sets r.ClientToken to a new token from [NewClientToken]\n"+
			"// when it is empty, as the AWS SDKs do before they send the request, and\n"+
			"// returns the token r carries (\"\" for a nil r).\n")
		fmt.Fprintf(b, "func (r *%s) EnsureClientToken() string {\nif r == nil {\nreturn \"\"\n}\nreturn ensureClientToken(&r.ClientToken)\n}\n\n", in)
	}
}

// bodyLimit returns the Go expression of the body limit of op's request:
// the overlay's, or the longest JSON encoding of a valid request (each
// character escaped at its widest) with a quarter more for whitespace,
// rounded up to a power of two, and never under MaxRequestBodyBytes.
func (g *gen) bodyLimit(op string) string {
	if l := bodyLimits[op]; l != "" {
		return l
	}
	n := g.maxBytes(g.shape(g.requestOf[op]), 0)
	n += n / 4
	limit := 64 << 10
	for limit < n {
		limit *= 2
	}
	if limit == 64<<10 {
		return "MaxRequestBodyBytes"
	}
	return fmt.Sprintf("%d << 10", limit>>10)
}

func (g *gen) maxBytes(s *shape, depth int) int {
	if depth > 20 {
		log.Fatalf("shape %s nests too deep", s.name)
	}
	switch s.Type {
	case "string":
		// Each character escaped at its widest: \uXXXX, or a surrogate
		// pair of them for a kind that admits characters beyond the BMP.
		chars, per := 64, 6
		values := s.Enum
		if values == nil {
			values = g.note(s.name).enum
		}
		switch {
		case values != nil:
			chars = 0
			for _, v := range values {
				chars = max(chars, len(v))
			}
		case s.Max != nil:
			chars = int(*s.Max)
		}
		if values == nil && g.matcherOf(s).wide {
			per = 12
		}
		return 2 + per*chars
	case "integer", "long":
		return 20
	case "float":
		return 32
	case "boolean":
		return 5
	case "timestamp":
		return 40
	case "structure":
		n := 2
		for mn, r := range s.Members {
			n += 4 + 6*len(mn) + g.maxBytes(g.shape(r.Shape), depth+1)
		}
		return n
	case "list":
		if s.Max == nil {
			log.Fatalf("list %s in a request has no maximum length: its body limit cannot be computed", s.name)
		}
		return 2 + int(*s.Max)*(1+g.maxBytes(g.shape(s.Member.Shape), depth+1))
	}
	log.Fatalf("shape %s of type %s", s.name, s.Type)
	return 0
}

func (g *gen) writeEmptyMethods(b *bytes.Buffer, t string) {
	fmt.Fprintf(b, "// Validate returns nil: %s has no member.\nfunc (r *%s) Validate() error { return nil }\n\n", t, t)
	fmt.Fprintf(b, "func (v *%s) valid(*presence) bool { return true }\n\n", t)
	fmt.Fprintf(b, "func (v *%s) violations(fs []FieldError, _ string, _ *presence) []FieldError { return fs }\n\n", t)
	fmt.Fprintf(b, "func (v *%s) appendJSON(b []byte) ([]byte, error) { return append(b, \"{}\"...), nil }\n\n", t)
	fmt.Fprintf(b, "func (v *%s) decode(d *decoder) *DecodeError { return d.emptyObject() }\n\n", t)
	fmt.Fprintf(b, "func (v *%s) isNil() bool { return v == nil }\n\n", t)
	fmt.Fprintf(b, "func (v *%s) reset() { *v = %s{} }\n\n", t, t)
	fmt.Fprintf(b, "func (v *%s) validateWire(*presence) error { return nil }\n\n", t)
}

func (g *gen) writeStruct(b *bytes.Buffer, name string) {
	s := g.shape(name)
	fs := g.fields(s)
	if op := g.ownerOp[name]; op != "" {
		if g.requestOf[op] == name {
			fmt.Fprintf(b, "// %s is the input of %s. Field and JSON names are the wire's.\n", name, op)
		} else {
			fmt.Fprintf(b, "// %s is the output of %s. Field and JSON names are the wire's.\n", name, op)
		}
	} else {
		fmt.Fprintf(b, "// %s is the service model's %s structure.\n", name, name)
	}
	fmt.Fprintf(b, "type %s struct {\n", name)
	for i, f := range fs {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(g.fieldDoc(s, f))
		fmt.Fprintf(b, "\t%s %s %s\n", f.name, f.goType, g.fieldTags(f))
	}
	b.WriteString("}\n\n")
	top := g.ownerOp[name] != ""
	if top {
		what := "input"
		if g.responseOf[g.ownerOp[name]] == name {
			what = "output"
		}
		fmt.Fprintf(b, "// Validate reports whether r satisfies every constraint of the service\n"+
			"// model on %s's %s: nil, or a *[ValidationException] listing every\n"+
			"// violation in wire order. A nil r, or a nil nested structure, is\n"+
			"// reported as the absent members it stands for. It allocates nothing\n// when r is valid.\n",
			g.ownerOp[name], what)
		fmt.Fprintf(b, "func (r *%s) Validate() error { return r.validateWire(nil) }\n\n", name)
		fmt.Fprintf(b, "func (r *%s) validateWire(p *presence) error {\nif r == nil {\nr = &%s{}\n}\n"+
			"if r.valid(p) {\nreturn nil\n}\nreturn NewValidationException(r.violations(make([]FieldError, 0, 4), \"\", p))\n}\n\n",
			name, name)
		fmt.Fprintf(b, "func (v *%s) isNil() bool { return v == nil }\n\n", name)
		fmt.Fprintf(b, "func (v *%s) reset() { *v = %s{} }\n\n", name, name)
	}
	g.writeValid(b, s, fs)
	g.writeViolations(b, s, fs)
	g.writeDecode(b, s, fs)
	g.writeAppend(b, s, fs)
	// The list violations function of every list kind it holds is written
	// once, with the kinds.
}

func (g *gen) writeValid(b *bytes.Buffer, s *shape, fs []field) {
	fmt.Fprintf(b, "func (v *%s) valid(p *presence) bool {\n", s.name)
	for _, f := range fs {
		k := f.shape
		x := "v." + f.name
		switch f.how {
		case "plain":
			sv := x
			ptr := "&" + x
			if k.Enum != nil {
				sv = "string(" + x + ")"
				ptr = "(*string)(&" + x + ")"
			}
			if f.required {
				fmt.Fprintf(b, "if %s == \"\" || !%s(%s) {\nreturn false\n}\n", x, okFunc(k.name), sv)
			} else {
				fmt.Fprintf(b, "if %s != \"\" {\nif !%s(%s) {\nreturn false\n}\n} else if p.given(%s) {\nreturn false\n}\n",
					x, okFunc(k.name), sv, ptr)
			}
		case "optstr":
			if f.required {
				fmt.Fprintf(b, "if %s == nil || !%s(*%s) {\nreturn false\n}\n", x, okFunc(k.name), x)
			} else {
				fmt.Fprintf(b, "if %s != nil && !%s(*%s) {\nreturn false\n}\n", x, okFunc(k.name), x)
			}
		case "int32", "int64":
			var conds []string
			if k.Min != nil {
				conds = append(conds, fmt.Sprintf("*%s < %d", x, *k.Min))
			}
			if k.Max != nil {
				conds = append(conds, fmt.Sprintf("*%s > %d", x, *k.Max))
			}
			switch {
			case f.required && len(conds) > 0:
				fmt.Fprintf(b, "if %s == nil || %s {\nreturn false\n}\n", x, strings.Join(conds, " || "))
			case f.required:
				fmt.Fprintf(b, "if %s == nil {\nreturn false\n}\n", x)
			case len(conds) > 0:
				fmt.Fprintf(b, "if %s != nil && (%s) {\nreturn false\n}\n", x, strings.Join(conds, " || "))
			}
		case "float", "bool", "time":
			if f.required {
				fmt.Fprintf(b, "if %s == nil {\nreturn false\n}\n", x)
			}
		case "struct":
			if f.required {
				fmt.Fprintf(b, "if %s == nil || !%s.valid(p) {\nreturn false\n}\n", x, x)
			} else {
				fmt.Fprintf(b, "if %s != nil && !%s.valid(p) {\nreturn false\n}\n", x, x)
			}
		case "list", "strlist":
			if f.required {
				fmt.Fprintf(b, "if %s == nil {\nreturn false\n}\n", x)
			}
			var conds []string
			if k.Min != nil && *k.Min > 0 {
				conds = append(conds, fmt.Sprintf("%s != nil && len(%s) < %d", x, x, *k.Min))
			}
			if k.Max != nil {
				conds = append(conds, fmt.Sprintf("len(%s) > %d", x, *k.Max))
			}
			if len(conds) > 0 {
				fmt.Fprintf(b, "if %s {\nreturn false\n}\n", strings.Join(conds, " || "))
			}
			if f.how == "list" {
				fmt.Fprintf(b, "for i := range %s {\nif !%s[i].valid(p) {\nreturn false\n}\n}\n", x, x)
			} else {
				e := g.shape(k.Member.Shape)
				if e.constrained() {
					conv := "e"
					if e.Enum != nil {
						conv = "string(e)"
					}
					fmt.Fprintf(b, "for _, e := range %s {\nif !%s(%s) {\nreturn false\n}\n}\n", x, okFunc(e.name), conv)
				}
			}
		}
	}
	b.WriteString("return true\n}\n\n")
}

func (g *gen) writeViolations(b *bytes.Buffer, s *shape, fs []field) {
	fmt.Fprintf(b, "func (v *%s) violations(fs []FieldError, path string, p *presence) []FieldError {\n", s.name)
	for _, f := range fs {
		k := f.shape
		x := "v." + f.name
		switch f.how {
		case "plain":
			sv, ptr := x, "&"+x
			if k.Enum != nil {
				sv, ptr = "string("+x+")", "(*string)(&"+x+")"
			}
			fmt.Fprintf(b, "if %s == \"\" && !p.given(%s) {\n", x, ptr)
			if f.required {
				fmt.Fprintf(b, "fs = appendRequired(fs, path, %q)\n", f.name)
			}
			fmt.Fprintf(b, "} else if !%s(%s) {\nfs = %s.check(fs, memberPath(path, %q), %s, true, %v)\n}\n",
				okFunc(k.name), sv, kindVar(k.name), f.name, sv, f.required)
		case "optstr":
			fmt.Fprintf(b, "if %s == nil {\n", x)
			if f.required {
				fmt.Fprintf(b, "fs = appendRequired(fs, path, %q)\n", f.name)
			}
			fmt.Fprintf(b, "} else if !%s(*%s) {\nfs = %s.check(fs, memberPath(path, %q), *%s, true, %v)\n}\n",
				okFunc(k.name), x, kindVar(k.name), f.name, x, f.required)
		case "int32", "int64":
			fmt.Fprintf(b, "if %s == nil {\n", x)
			if f.required {
				fmt.Fprintf(b, "fs = appendRequired(fs, path, %q)\n", f.name)
			}
			if k.constrained() {
				fmt.Fprintf(b, "} else if !%s.intValid(int64(*%s)) {\nfs = %s.checkInt(fs, memberPath(path, %q), int64(*%s), true, %v)\n",
					kindVar(k.name), x, kindVar(k.name), f.name, x, f.required)
			}
			b.WriteString("}\n")
		case "float", "bool", "time":
			if f.required {
				fmt.Fprintf(b, "if %s == nil {\nfs = appendRequired(fs, path, %q)\n}\n", x, f.name)
			}
		case "struct":
			fmt.Fprintf(b, "if %s == nil {\n", x)
			if f.required {
				fmt.Fprintf(b, "fs = appendRequired(fs, path, %q)\n", f.name)
			}
			fmt.Fprintf(b, "} else if !%s.valid(p) {\nfs = %s.violations(fs, memberPath(path, %q), p)\n}\n", x, x, f.name)
		case "list", "strlist":
			fmt.Fprintf(b, "fs = %s(fs, path, %q, %s, %v, p)\n", g.listViolationsFunc(k), f.name, x, f.required)
		}
	}
	b.WriteString("return fs\n}\n\n")
}

// listViolationsFunc names the function that appends the violations of a
// list of kind s (its length and its elements'): written once per list
// kind, in rules_gen.go.
func (g *gen) listViolationsFunc(s *shape) string { return "violations" + s.name }

func (g *gen) writeListViolations(b *bytes.Buffer, s *shape) {
	e := g.shape(s.Member.Shape)
	elem := g.goElem(e)
	fmt.Fprintf(b, "// %s appends the violations of l, the list member\n// name of kind %s of the structure at path: its length, then its\n"+
		"// elements'. A nil l is absent.\n", g.listViolationsFunc(s), s.name)
	fmt.Fprintf(b, "func %s(fs []FieldError, path, name string, l []%s, required bool, p *presence) []FieldError {\n",
		g.listViolationsFunc(s), elem)
	b.WriteString("if l == nil {\nif required {\nfs = appendRequired(fs, path, name)\n}\nreturn fs\n}\n")
	b.WriteString("at := memberPath(path, name)\n")
	if s.Min != nil && *s.Min > 0 {
		fmt.Fprintf(b, "if len(l) < %d {\nfs = append(grow(fs), FieldError{Path: at, Constraint: ConstraintMinLength, Limit: %d, Value: listEcho(l)})\n}\n", *s.Min, *s.Min)
	}
	if s.Max != nil {
		fmt.Fprintf(b, "if len(l) > %d {\nfs = append(grow(fs), FieldError{Path: at, Constraint: ConstraintMaxLength, Limit: %d, Value: listEcho(l)})\n}\n", *s.Max, *s.Max)
	}
	if e.Type == "structure" {
		b.WriteString("for i := range l {\nif !l[i].valid(p) {\nfs = l[i].violations(fs, elementPath(at, i), p)\n}\n}\n")
	} else if e.constrained() {
		conv := "e"
		if e.Enum != nil {
			conv = "string(e)"
		}
		fmt.Fprintf(b, "for i, e := range l {\nif !%s(%s) {\nfs = %s.check(fs, elementPath(at, i), %s, true, true)\n}\n}\n",
			okFunc(e.name), conv, kindVar(e.name), conv)
	}
	b.WriteString("return fs\n}\n\n")
}

func wireVar(name string) string { return "wire" + name }

func (g *gen) writeDecode(b *bytes.Buffer, s *shape, fs []field) {
	fmt.Fprintf(b, "var %s = newWireNames(", wireVar(s.name))
	for i, f := range fs {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(b, "%q", f.name)
	}
	b.WriteString(")\n\n")
	fmt.Fprintf(b, "func (v *%s) decode(d *decoder) *DecodeError {\nvar st objectState\nfor {\ni, de := d.field(&%s, &st)\nif i < 0 || de != nil {\nreturn de\n}\n",
		s.name, wireVar(s.name))
	if len(fs) == 0 {
		b.WriteString("}\n}\n\n")
		return
	}
	needOK := false
	for _, f := range fs {
		if f.how == "struct" || f.how == "list" || f.how == "strlist" {
			needOK = true
		}
	}
	if needOK {
		b.WriteString("var ok bool\n")
	}
	b.WriteString("switch i {\n")
	for i, f := range fs {
		x := "v." + f.name
		fmt.Fprintf(b, "case %d:\n", i)
		switch f.how {
		case "plain":
			if f.shape.Enum != nil {
				fmt.Fprintf(b, "de = d.plainString((*string)(&%s))\n", x)
			} else {
				fmt.Fprintf(b, "de = d.plainString(&%s)\n", x)
			}
		case "optstr":
			fmt.Fprintf(b, "de = d.optString(&%s)\n", x)
		case "int32":
			fmt.Fprintf(b, "de = d.int32(&%s)\n", x)
		case "int64":
			fmt.Fprintf(b, "de = d.int64(&%s)\n", x)
		case "float":
			fmt.Fprintf(b, "de = d.float(&%s)\n", x)
		case "bool":
			fmt.Fprintf(b, "de = d.bool(&%s)\n", x)
		case "time":
			fmt.Fprintf(b, "de = d.timestamp(&%s)\n", x)
		case "struct":
			fmt.Fprintf(b, "if ok, de = d.objectStart(); ok {\n%s = new(%s)\nde = %s.decode(d)\n}\n", x, f.shape.name, x)
		case "list":
			e := g.shape(f.shape.Member.Shape)
			fmt.Fprintf(b, "if ok, de = d.listStart(); ok {\n%s = make([]%s, 0, d.countElements())\nfor j := 0; ; j++ {\nif ok, de = d.element(j, '{'); !ok {\nbreak\n}\n"+
				"%s = append(%s, %s{})\nif de = %s[j].decode(d); de != nil {\nde = de.within(elementSegment(j))\nbreak\n}\n}\n}\n",
				x, e.name, x, x, e.name, x)
		case "strlist":
			e := g.shape(f.shape.Member.Shape)
			elem := g.goElem(e)
			fmt.Fprintf(b, "if ok, de = d.listStart(); ok {\n%s = []%s{}\nfor j := 0; ; j++ {\nif ok, de = d.element(j, '\"'); !ok {\nbreak\n}\n"+
				"var s string\nif s, de = d.str(); de != nil {\nde = de.within(elementSegment(j))\nbreak\n}\n%s = append(%s, %s(s))\n}\n}\n",
				x, elem, x, x, elem)
		}
	}
	b.WriteString("}\n")
	fmt.Fprintf(b, "if de != nil {\nreturn de.within(%s.names[i])\n}\n}\n}\n\n", wireVar(s.name))
}

func (g *gen) writeAppend(b *bytes.Buffer, s *shape, fs []field) {
	fmt.Fprintf(b, "func (v *%s) appendJSON(b []byte) ([]byte, error) {\n", s.name)
	needErr := false
	for _, f := range fs {
		switch f.how {
		case "float", "time", "struct", "list":
			needErr = true
		}
	}
	if needErr {
		b.WriteString("var err error\n")
	}
	b.WriteString("b = append(b, '{')\n")
	if len(fs) > 0 {
		b.WriteString("start := len(b)\n")
	}
	out := s.out // a structure of an output writes its lists always, [] when empty
	if s.in && s.out {
		for _, f := range fs {
			if f.how == "list" || f.how == "strlist" {
				log.Fatalf("structure %s is in both inputs and outputs and has a list member: its nil list cannot be written both ways", s.name)
			}
		}
	}
	for _, f := range fs {
		x := "v." + f.name
		key := fmt.Sprintf("b = appendKey(b, start, %s)\n", strconv.Quote("\""+f.name+"\":"))
		switch f.how {
		case "plain":
			sv := x
			if f.shape.Enum != nil {
				sv = "string(" + x + ")"
			}
			fmt.Fprintf(b, "if %s != \"\" {\n%sb = appendString(b, %s)\n}\n", x, key, sv)
		case "optstr":
			fmt.Fprintf(b, "if %s != nil {\n%sb = appendString(b, *%s)\n}\n", x, key, x)
		case "int32", "int64":
			fmt.Fprintf(b, "if %s != nil {\n%sb = strconv.AppendInt(b, int64(*%s), 10)\n}\n", x, key, x)
		case "bool":
			fmt.Fprintf(b, "if %s != nil {\n%sb = strconv.AppendBool(b, *%s)\n}\n", x, key, x)
		case "float":
			fmt.Fprintf(b, "if %s != nil {\n%sif b, err = appendFloat(b, *%s); err != nil {\nreturn b, err\n}\n}\n", x, key, x)
		case "time":
			fmt.Fprintf(b, "if %s != nil {\n%sif b, err = %s.AppendJSON(b); err != nil {\nreturn b, err\n}\n}\n", x, key, x)
		case "struct":
			fmt.Fprintf(b, "if %s != nil {\n%sif b, err = %s.appendJSON(b); err != nil {\nreturn b, err\n}\n}\n", x, key, x)
		case "list", "strlist":
			var elem string
			if f.how == "list" {
				elem = fmt.Sprintf("if b, err = %s[i].appendJSON(b); err != nil {\nreturn b, err\n}\n", x)
			} else {
				e := g.shape(f.shape.Member.Shape)
				ev := x + "[i]"
				if e.Enum != nil {
					ev = "string(" + ev + ")"
				}
				elem = fmt.Sprintf("b = appendString(b, %s)\n", ev)
			}
			body := fmt.Sprintf("%sb = append(b, '[')\nfor i := range %s {\nif i > 0 {\nb = append(b, ',')\n}\n%s}\nb = append(b, ']')\n", key, x, elem)
			if out {
				b.WriteString(body)
			} else {
				fmt.Fprintf(b, "if %s != nil {\n%s}\n", x, body)
			}
		}
	}
	b.WriteString("return append(b, '}'), nil\n}\n\n")
}

// ---- the service, the operations, the rules ----

func (g *gen) writeService(b *bytes.Buffer) {
	b.WriteString("import \"context\"\n\n")
	b.WriteString("// Service is the service's side of the operations that [NewHandler] serves:\n" +
		"// one function per operation, named as the operation. A function receives\n" +
		"// the request's context (whose [RequestID] is the response's) and a request\n" +
		"// that passed validation, and returns the operation's response or one of\n" +
		"// the errors its model lists ([OperationErrors]). A nil function is an\n" +
		"// operation the handler does not serve: a request for it is answered\n" +
		"// UnknownOperationException.\ntype Service struct {\n")
	for _, op := range g.opNames {
		fmt.Fprintf(b, "%s func(context.Context, *%s) (*%s, error)\n", op, g.requestOf[op], g.responseOf[op])
	}
	b.WriteString("}\n\n")
	b.WriteString("// routes returns the table of the operations, in the order of\n// operations, with s's function bound to each.\n" +
		"func (s *Service) routes() []route {\nreturn []route{\n")
	for _, op := range g.opNames {
		fmt.Fprintf(b, "bind(s.%s),\n", op)
	}
	b.WriteString("}\n}\n\n")
	b.WriteString("// operations lists the operations of the service model, by name.\nvar operations = []*operation{\n")
	for _, op := range g.opNames {
		fmt.Fprintf(b, "&op%s,\n", op)
	}
	b.WriteString("}\n\n")
	b.WriteString("// lookupTarget returns the operation whose X-Amz-Target is target, or nil.\nfunc lookupTarget(target string) *operation {\nswitch target {\n")
	for _, op := range g.opNames {
		fmt.Fprintf(b, "case Target%s:\nreturn &op%s\n", op, op)
	}
	b.WriteString("}\nreturn nil\n}\n\n")
}

func (g *gen) writeRules(b *bytes.Buffer) {
	// The list violation functions.
	for _, s := range g.kindShapes() {
		if s.Type == "list" {
			g.writeListViolations(b, s)
		}
	}
	b.WriteString("// ruleTable declares every member of every operation's request and\n" +
		"// response, in the order of [Rules].\nvar ruleTable = []ruleDecl{\n")
	for _, op := range g.opNames {
		g.writeRuleRows(b, op, false, "", g.shape(g.requestOf[op]))
		if g.m.Operations[op].Output != nil {
			g.writeRuleRows(b, op, true, "", g.shape(g.responseOf[op]))
		}
	}
	b.WriteString("}\n")
}

func (g *gen) writeRuleRows(b *bytes.Buffer, op string, response bool, path string, s *shape) {
	for _, f := range g.fields(s) {
		p := f.name
		if path != "" {
			p = path + "." + f.name
		}
		note := memberNotes[s.name+"."+f.name]
		if note == "" {
			note = memberNotes[f.name]
		}
		fmt.Fprintf(b, "{op: %q, response: %v, path: %q, required: %v, emptyAbsent: %v, kind: &%s",
			op, response, p, f.required, f.how == "plain", kindVar(f.shape.name))
		if note != "" {
			fmt.Fprintf(b, ", note: %q", note)
		}
		b.WriteString("},\n")
		switch f.how {
		case "struct":
			g.writeRuleRows(b, op, response, p, f.shape)
		case "list":
			g.writeRuleRows(b, op, response, p+".member", g.shape(f.shape.Member.Shape))
		case "strlist":
			e := g.shape(f.shape.Member.Shape)
			fmt.Fprintf(b, "{op: %q, response: %v, path: %q, required: true, kind: &%s},\n", op, response, p+".member", kindVar(e.name))
		}
	}
}

// writeClient writes the client's method of each operation (package
// client, over its invoke).
func (g *gen) writeClient(b *bytes.Buffer) {
	b.WriteString("// Code generated by internal/gen from the service model; DO NOT EDIT.\n\npackage client\n\n" +
		"import (\n\"context\"\n\n\"github.com/lookout-equipment/lookoutequipment/lookout\"\n)\n\n")
	for _, op := range g.opNames {
		in, out := g.requestOf[op], g.responseOf[op]
		fmt.Fprintf(b, "// %s calls the service's %s operation with in (nil: no member): it\n"+
			"// returns the operation's output, or an error (see the package doc).\n", op, op)
		if _, ok := g.shape(in).Members["ClientToken"]; ok {
			b.WriteString("// An empty ClientToken is filled in first, in *in, as the AWS SDKs do.\n")
		}
		fmt.Fprintf(b, "func (c *Client) %s(ctx context.Context, in *lookout.%s, optFns ...func(*Options)) (*lookout.%s, error) {\n"+
			"if in == nil {\nin = &lookout.%s{}\n}\nout := new(lookout.%s)\n"+
			"if err := c.invoke(ctx, %q, lookout.Target%s, in, out, optFns); err != nil {\nreturn nil, err\n}\nreturn out, nil\n}\n\n",
			op, in, out, in, out, op, op)
	}
}

// ---- words ----

func lowerFirst(s string) string { return strings.ToLower(s[:1]) + s[1:] }

// snake writes a shape's name in snake case: S3Bucket is s3_bucket,
// IamRoleArn iam_role_arn.
func snake(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]) ||
			i+1 < len(rs) && unicode.IsLower(rs[i+1])) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// wrap wraps a comment at 100 columns, each line with prefix.
func wrap(text, prefix string) string {
	var b strings.Builder
	line := prefix
	for _, w := range strings.Fields(text) {
		if len(line)+len(w)+1 > 100 && line != prefix {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = prefix
		}
		line += w + " "
	}
	b.WriteString(strings.TrimRight(line, " ") + "\n")
	return b.String()
}
