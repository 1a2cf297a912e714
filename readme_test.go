package lookoutequipment_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

var update = flag.Bool("update", false, "rewrite "+rulesFile+"'s rule tables from lookout.Rules")

const (
	// rulesFile holds the rule tables that the README links.
	rulesFile  = "docs/rules.md"
	beginRules = "<!-- rules:begin (generated from lookout.Rules by go test . -update) -->\n"
	endRules   = "<!-- rules:end -->\n"
)

// rulesTable renders the rule tables of rulesFile from the declarations, so
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

// TestReadmeRulesTable: rulesFile holds the rule tables that the
// declarations give (go test . -update rewrites them).
func TestReadmeRulesTable(t *testing.T) {
	raw, err := os.ReadFile(rulesFile)
	require.NoError(t, err)
	doc := string(raw)
	begin := strings.Index(doc, beginRules)
	end := strings.Index(doc, endRules)
	require.True(t, begin >= 0 && end > begin, "%s must hold the rule tables between %q and %q", rulesFile, beginRules, endRules)
	want := rulesTable()
	got := doc[begin+len(beginRules) : end]
	if *update {
		doc = doc[:begin+len(beginRules)] + want + doc[end:]
		require.NoError(t, os.WriteFile(rulesFile, []byte(doc), 0o644))
		return
	}
	require.Equal(t, want, got, "%s's rule tables are stale: run go test . -update", rulesFile)
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	assert.Contains(t, string(readme), "]("+rulesFile+")", "the README links the rule tables")
}

// section returns the text of the section of doc that heading begins, up
// to the next heading of the same level or a higher one.
func section(t *testing.T, doc, heading string) string {
	t.Helper()
	_, text, ok := strings.Cut(doc, "\n"+heading+"\n")
	require.True(t, ok, "no section %q", heading)
	level, _, _ := strings.Cut(heading, " ")
	for i := 0; i < len(text); {
		line, _, _ := strings.Cut(text[i:], "\n")
		if hashes, _, ok := strings.Cut(line, " "); ok && hashes != "" && strings.Trim(hashes, "#") == "" && len(hashes) <= len(level) {
			return text[:i]
		}
		i += len(line) + 1
	}
	return text
}

// repoPaths returns the paths of the repository that the inline code spans
// of text name: those whose first element is a top-level entry.
func repoPaths(text string, top map[string]bool) []string {
	var paths []string
	for _, m := range inlineCode.FindAllStringSubmatch(text, -1) {
		if first, _, ok := strings.Cut(m[1], "/"); ok && top[first] && !strings.ContainsAny(m[1], " (") {
			paths = append(paths, m[1])
		}
	}
	return paths
}

// modelFile is the facts-only copy of AWS's service model.
const modelFile = "lookout/internal/model/lookoutequipment-2020-12-15.json"

// TestReadmeSaysHowTheAPIIsMade: the README's section on how the API is
// made names the files it is made from, which exist; the generated files
// it names say they are generated; go generate ./lookout runs the
// generator, and CI fails on stale generated code, as it says.
func TestReadmeSaysHowTheAPIIsMade(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("README.md")
	require.NoError(t, err)
	text := section(t, string(raw), "## How the API is made")
	paths := repoPaths(text, topLevel(t))
	for _, p := range []string{modelFile, "lookout/internal/gen/overlay.go", "lookout/match.go", "lookout/internal/model/stripdoc"} {
		assert.Contains(t, paths, p, "the section names %s", p)
	}
	generated := 0
	for _, p := range paths {
		matches, err := filepath.Glob(filepath.FromSlash(p))
		require.NoError(t, err)
		require.NotEmpty(t, matches, "the section names %s, which is not in the repository", p)
		if !strings.HasSuffix(p, "_gen.go") {
			continue
		}
		for _, m := range matches {
			src, err := os.ReadFile(m)
			require.NoError(t, err)
			assert.Regexp(t, `(?m)^// Code generated .* DO NOT EDIT\.$`, string(src), "%s is generated", m)
			generated++
		}
	}
	assert.NotZero(t, generated, "the section names the generated files")

	assert.Contains(t, text, "go generate ./lookout")
	directives, err := os.ReadFile("lookout/generate.go")
	require.NoError(t, err)
	assert.Contains(t, string(directives), "//go:generate go run ./internal/gen\n", "go generate ./lookout runs the generator")
	ci, err := os.ReadFile(".ci/run")
	require.NoError(t, err)
	assert.Contains(t, string(ci), "go generate ./...\nif ! git diff --quiet --exit-code; then", "CI fails on stale generated code")
}

// TestReadmeAddModel: the README's command that gives the AWS CLI and boto3
// the model names the model's file and the service's name, and the file is a
// model of every operation of the service, under that name, for the AWS
// JSON 1.0 protocol and API version 2020-12-15.
func TestReadmeAddModel(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("README.md")
	require.NoError(t, err)
	text := section(t, string(raw), "## Using the AWS CLI and boto3 after they drop the service")
	assert.Contains(t, text, "```sh\naws configure add-model --service-name lookoutequipment --service-model file://"+modelFile+"\n")
	assert.Contains(t, text, "49 operations")

	data, err := os.ReadFile(modelFile)
	require.NoError(t, err)
	var model struct {
		Metadata struct {
			APIVersion     string `json:"apiVersion"`
			EndpointPrefix string `json:"endpointPrefix"`
			JSONVersion    string `json:"jsonVersion"`
			Protocol       string `json:"protocol"`
			TargetPrefix   string `json:"targetPrefix"`
		} `json:"metadata"`
		Operations map[string]json.RawMessage `json:"operations"`
	}
	require.NoError(t, json.Unmarshal(data, &model))
	assert.Equal(t, "2020-12-15", model.Metadata.APIVersion)
	assert.Equal(t, "lookoutequipment", model.Metadata.EndpointPrefix)
	assert.Equal(t, "1.0", model.Metadata.JSONVersion)
	assert.Equal(t, "json", model.Metadata.Protocol)
	assert.Equal(t, "AWSLookoutEquipmentFrontendService", model.Metadata.TargetPrefix)
	var ops []string
	for op := range model.Operations {
		ops = append(ops, op)
	}
	assert.Len(t, ops, 49)
	assert.ElementsMatch(t, lookout.Operations(), ops)
}
