package lookoutequipment_test

import (
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

var update = flag.Bool("update", false, "rewrite README.md's rule table from lookout.Rules")

const (
	beginRules = "<!-- rules:begin (generated from lookout.Rules by go test . -update) -->\n"
	endRules   = "<!-- rules:end -->\n"
)

// rulesTable renders the README's rule tables from the declarations, so
// that the documentation cannot drift from the checks: one table per
// operation (its request's members, then its response's), then the notes
// of the members and of the kinds.
func rulesTable() string {
	var b, memberNotes strings.Builder
	op, response := "", false
	for _, r := range lookout.Rules() {
		if r.Operation != op || r.Response != response {
			if op != "" {
				b.WriteString("\n")
			}
			op, response = r.Operation, r.Response
			side := "request"
			if response {
				side = "response"
			}
			b.WriteString("**" + op + "**, " + side + ":\n\n")
			b.WriteString("| wire path | required | kind | length | pattern (full match, Java semantics), values or range | validate tag |\n")
			b.WriteString("|---|---|---|---|---|---|\n")
		}
		req := "no"
		if r.Required {
			req = "yes"
		}
		length := ""
		if r.Type == lookout.TypeString || r.Type == lookout.TypeList {
			switch {
			case r.MaxLength != 0:
				length = strconv.Itoa(r.MinLength) + ".." + strconv.Itoa(r.MaxLength)
			case r.MinLength != 0:
				length = strconv.Itoa(r.MinLength) + ".."
			}
		}
		constraint := ""
		switch {
		case r.Pattern != "":
			constraint = "`" + strings.ReplaceAll(r.Pattern, "|", `\|`) + "`"
		case r.Enum != nil:
			vals := make([]string, len(r.Enum))
			for i, v := range r.Enum {
				vals[i] = "`" + v + "`"
			}
			constraint = "one of " + strings.Join(vals, ", ")
		case r.HasMinValue && r.HasMaxValue:
			constraint = strconv.FormatInt(r.MinValue, 10) + ".." + strconv.FormatInt(r.MaxValue, 10)
		case r.HasMinValue:
			constraint = ">= " + strconv.FormatInt(r.MinValue, 10)
		}
		tag := ""
		if r.Tag != "" {
			tag = "`" + r.Tag + "`"
		}
		b.WriteString("| `" + r.Path + "` | " + req + " | " + r.Name + " (" + r.Type.String() + ") | " + length + " | " +
			constraint + " | " + tag + " |\n")
		if r.Note != "" {
			memberNotes.WriteString("- " + op + " `" + r.Path + "`: " + r.Note + "\n")
		}
	}
	b.WriteString("\nMembers:\n\n" + memberNotes.String() + "\nKinds:\n\n")
	for _, k := range lookout.Kinds() {
		if k.Note != "" {
			b.WriteString("- " + k.Name + ": " + k.Note + "\n")
		}
	}
	return b.String()
}

func TestReadmeRulesTable(t *testing.T) {
	raw, err := os.ReadFile("README.md")
	require.NoError(t, err)
	readme := string(raw)
	begin := strings.Index(readme, beginRules)
	end := strings.Index(readme, endRules)
	require.True(t, begin >= 0 && end > begin, "README.md must hold the rule table between %q and %q", beginRules, endRules)
	want := rulesTable()
	got := readme[begin+len(beginRules) : end]
	if *update {
		readme = readme[:begin+len(beginRules)] + want + readme[end:]
		require.NoError(t, os.WriteFile("README.md", []byte(readme), 0o644))
		return
	}
	require.Equal(t, want, got, "README.md's rule table is stale: run go test . -update")
}

const (
	beginOpFile = "<!-- op-file:begin (lookout/op_delete_dataset.go, checked by go test .) -->\n```go\n"
	endOpFile   = "```\n<!-- op-file:end -->\n"
)

// TestReadmeOperationFile: the README's "Adding an operation" shows the
// file of declarations as it is.
func TestReadmeOperationFile(t *testing.T) {
	raw, err := os.ReadFile("README.md")
	require.NoError(t, err)
	readme := string(raw)
	begin := strings.Index(readme, beginOpFile)
	end := strings.Index(readme, endOpFile)
	require.True(t, begin >= 0 && end > begin, "README.md must show the file between %q and %q", beginOpFile, endOpFile)
	file, err := os.ReadFile("lookout/op_delete_dataset.go")
	require.NoError(t, err)
	if *update {
		readme = readme[:begin+len(beginOpFile)] + string(file) + readme[end:]
		require.NoError(t, os.WriteFile("README.md", []byte(readme), 0o644))
		return
	}
	require.Equal(t, string(file), readme[begin+len(beginOpFile):end], "README.md's operation file is stale: run go test . -update")
}
