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

// rulesTable renders the README's rule table from the declarations, so that
// the documentation cannot drift from the checks.
func rulesTable() string {
	var b strings.Builder
	b.WriteString("| wire path | required | length (code points) | pattern (full match, Java semantics) or allowed values | validate tag |\n")
	b.WriteString("|---|---|---|---|---|\n")
	var notes strings.Builder
	for _, r := range lookout.Rules() {
		req := "no"
		if r.Required {
			req = "yes"
		}
		length := ""
		switch {
		case r.MaxLength != 0:
			length = strconv.Itoa(r.MinLength) + ".." + strconv.Itoa(r.MaxLength)
		case r.MinLength != 0:
			length = strconv.Itoa(r.MinLength) + ".."
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
		default:
			constraint = "structure"
		}
		b.WriteString("| `" + r.Path + "` | " + req + " | " + length + " | " + constraint + " | `" + r.Tag + "` |\n")
		if r.Note != "" {
			notes.WriteString("- `" + r.Path + "`: " + r.Note + "\n")
		}
	}
	return b.String() + "\n" + notes.String()
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
