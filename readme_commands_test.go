package lookoutequipment_test

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fileRef is a file or directory that a command shown in a document names.
type fileRef struct {
	Line    int    // 1-based line of the document
	Path    string // as written, without quotes
	Command string // the command it is part of
}

// fileExtensions are the extensions that make a word with no "/" a file name.
var fileExtensions = map[string]bool{
	".json": true, ".yaml": true, ".yml": true, ".go": true, ".txt": true, ".md": true, ".csv": true,
	".sh": true, ".mod": true, ".sum": true,
}

// inlineCommand finds the inline code spans that are go commands.
var inlineCommand = regexp.MustCompile("`(go [^`]+)`")

// commandFileRefs returns the files and directories named by the commands a
// Markdown document shows: the lines of its sh, bash, shell and console code
// blocks (a line ending in "\" continues on the next), and inline code spans
// that begin with "go ". A word names a file when, quotes removed, it begins
// with "./" or "../", begins with one of top (the repository's top-level
// entries) followed by "/", or is a bare name with one of fileExtensions.
// A file:// argument names the file after it; other URLs, assignments (=),
// module versions (@), ARNs and flags are not files.
// A file that a command of the same code block writes ("-o FILE",
// "> FILE") may be named by the commands after it.
func commandFileRefs(doc string, top map[string]bool) []fileRef {
	var refs []fileRef
	lines := strings.Split(doc, "\n")
	inFence, shell := false, false
	var produced map[string]bool
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			if inFence {
				inFence = false
				continue
			}
			lang := strings.TrimPrefix(trimmed, "```")
			inFence = true
			shell = lang == "sh" || lang == "bash" || lang == "shell" || lang == "console"
			produced = map[string]bool{}
			continue
		}
		if !inFence {
			for _, m := range inlineCommand.FindAllStringSubmatch(line, -1) {
				refs = append(refs, wordRefs(i+1, m[1], top, map[string]bool{})...)
			}
			continue
		}
		if !shell {
			continue
		}
		start := i + 1
		cmd := line
		for strings.HasSuffix(strings.TrimRight(cmd, " "), `\`) && i+1 < len(lines) {
			i++
			cmd = strings.TrimSuffix(strings.TrimRight(cmd, " "), `\`) + " " + lines[i]
		}
		cmd = strings.TrimPrefix(strings.TrimSpace(cmd), "$ ")
		refs = append(refs, wordRefs(start, cmd, top, produced)...)
	}
	return refs
}

// wordRefs returns the files that the command cmd names, and adds those it
// writes to produced.
func wordRefs(line int, cmd string, top, produced map[string]bool) []fileRef {
	var refs []fileRef
	words := shellWords(cmd)
	for j, w := range words {
		if j > 0 && (words[j-1] == "-o" || words[j-1] == ">" || words[j-1] == ">>" || words[j-1] == "tee") {
			produced[path.Clean(w)] = true
			continue
		}
		if rest, ok := strings.CutPrefix(w, ">"); ok && rest != "" && rest != ">" {
			produced[path.Clean(strings.TrimPrefix(rest, ">"))] = true
			continue
		}
		w = strings.TrimPrefix(w, "file://") // the AWS CLI's file arguments name local files
		if !namesFile(w, top) || produced[path.Clean(w)] {
			continue
		}
		refs = append(refs, fileRef{Line: line, Path: w, Command: cmd})
	}
	return refs
}

// namesFile reports whether the word w names a file of the repository.
func namesFile(w string, top map[string]bool) bool {
	if w == "" || w[0] == '-' || strings.Contains(w, "://") || strings.ContainsAny(w, "=@") ||
		strings.HasPrefix(w, "arn:") {
		return false
	}
	if strings.HasPrefix(w, "./") || strings.HasPrefix(w, "../") {
		return true
	}
	if first, _, ok := strings.Cut(w, "/"); ok {
		return top[first]
	}
	return fileExtensions[path.Ext(w)]
}

// shellWords splits a command line into words as a shell would, closely
// enough for file names: quotes group and are removed, an unquoted "#" at
// the start of a word begins a comment, and ";", "|" and "&" separate.
func shellWords(s string) []string {
	var words []string
	var b strings.Builder
	inWord := false
	var quote byte
	flush := func() {
		if inWord {
			words = append(words, b.String())
		}
		b.Reset()
		inWord = false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				b.WriteByte(c)
			}
		case c == '\'' || c == '"':
			quote, inWord = c, true
		case c == ' ' || c == '\t' || c == ';' || c == '|' || c == '&':
			flush()
		case c == '#' && !inWord:
			flush()
			return words
		default:
			b.WriteByte(c)
			inWord = true
		}
	}
	flush()
	return words
}

// exists reports whether p names something in the repository, whose root
// is the current directory: a file, a directory, a glob's match, or a
// package pattern ending in "/...".
func exists(p string) bool {
	p = strings.TrimSuffix(p, "/...")
	matches, err := filepath.Glob(filepath.FromSlash(p))
	return err == nil && len(matches) > 0
}

// topLevel returns the names of the repository's top-level entries.
func topLevel(t *testing.T) map[string]bool {
	t.Helper()
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	top := make(map[string]bool, len(entries))
	for _, e := range entries {
		top[e.Name()] = true
	}
	return top
}

// documents returns the Markdown documents whose commands, messages and
// links are checked: README.md and those under docs/, whose commands run
// from the repository's root too.
func documents(t *testing.T) []string {
	t.Helper()
	docs, err := filepath.Glob(filepath.Join("docs", "*.md"))
	require.NoError(t, err)
	require.NotEmpty(t, docs, "the README's tables are under docs/")
	return append([]string{"README.md"}, docs...)
}

// TestReadmeCommandsNameFilesThatExist checks that every file or directory
// that a command of README.md or of a document under docs/ names is in the
// repository.
func TestReadmeCommandsNameFilesThatExist(t *testing.T) {
	t.Parallel()
	top := topLevel(t)
	for _, doc := range documents(t) {
		raw, err := os.ReadFile(doc)
		require.NoError(t, err)
		refs := commandFileRefs(string(raw), top)
		if doc == "README.md" || doc == filepath.Join("docs", "performance.md") {
			require.NotEmpty(t, refs, "%s shows commands that name files", doc)
		}
		for _, r := range refs {
			assert.True(t, exists(r.Path), "%s line %d: %q names %s, which is not in the repository",
				doc, r.Line, r.Command, r.Path)
		}
	}
}

// mdLink finds the targets of Markdown links: [text](target).
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// headingAnchor returns the anchor GitHub gives a heading's text: lower
// case, spaces as "-", and only letters, digits, "-" and "_" kept.
func headingAnchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// anchors returns the anchors of a Markdown document's headings, outside
// its code blocks.
func anchors(doc string) map[string]bool {
	out := map[string]bool{}
	fenced := false
	for _, line := range strings.Split(doc, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
		}
		if hashes, text, ok := strings.Cut(line, " "); !fenced && ok && hashes != "" && strings.Trim(hashes, "#") == "" {
			out[headingAnchor(text)] = true
		}
	}
	return out
}

// TestDocumentLinksResolve: every relative link of README.md and of the
// documents under docs/ names a file of the repository, and a link with a
// fragment a heading of the document it names.
func TestDocumentLinksResolve(t *testing.T) {
	t.Parallel()
	texts := map[string]string{}
	docs := documents(t)
	for _, doc := range docs {
		raw, err := os.ReadFile(doc)
		require.NoError(t, err)
		texts[filepath.ToSlash(doc)] = string(raw)
	}
	links := 0
	for _, doc := range docs {
		for _, m := range mdLink.FindAllStringSubmatch(texts[filepath.ToSlash(doc)], -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			links++
			file, fragment, _ := strings.Cut(target, "#")
			name := filepath.ToSlash(doc)
			if file != "" {
				name = path.Clean(path.Join(path.Dir(filepath.ToSlash(doc)), file))
				_, err := os.Stat(filepath.FromSlash(name))
				if !assert.NoError(t, err, "%s links %s, which is not in the repository", doc, target) {
					continue
				}
			}
			if fragment == "" {
				continue
			}
			text, ok := texts[name]
			if !assert.True(t, ok, "%s links %s: a fragment of a document that is not checked", doc, target) {
				continue
			}
			assert.True(t, anchors(text)[fragment], "%s links %s: %s has no such heading", doc, target, name)
		}
	}
	require.NotZero(t, links, "the documents link each other")
}

// TestHeadingAnchor checks the anchors the link check expects.
func TestHeadingAnchor(t *testing.T) {
	t.Parallel()
	for heading, want := range map[string]string{
		"Exactly what valid means":                                "exactly-what-valid-means",
		"Using the AWS CLI and boto3 after they drop the service": "using-the-aws-cli-and-boto3-after-they-drop-the-service",
		"Linear time, no recursion.":                              "linear-time-no-recursion",
		"The `validate` package":                                  "the-validate-package",
	} {
		assert.Equal(t, want, headingAnchor(heading), heading)
	}
	assert.Equal(t, map[string]bool{"a-b": true, "c": true}, anchors("# A b\n```sh\n# not a heading\n```\n## C\n#x\n"))
}

// TestCommandFileRefs checks what the README check reads as a file.
func TestCommandFileRefs(t *testing.T) {
	t.Parallel()
	top := map[string]bool{"examples": true, "lookout": true}
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"a file with an extension", "```sh\ngo run ./examples/preflight -strict -json request.json\n```\n",
			[]string{"./examples/preflight", "request.json"}},
		{"paths under a top-level directory, a glob, a package pattern",
			"```sh\ngo run ./examples/preflight examples/preflight/testdata/*.json\ngo test ./...\n```\n",
			[]string{"./examples/preflight", "examples/preflight/testdata/*.json", "./..."}},
		{"comments, quotes, flags", "```sh\ngo test ./lookout -run '^$' -fuzz '^FuzzCheck$'   # also notes.txt\n```\n",
			[]string{"./lookout"}},
		{"continued lines, URLs, assignments, ARNs, module paths",
			"```sh\nAWS_ACCESS_KEY_ID=x aws lookoutequipment start-data-ingestion-job \\\n" +
				"    --endpoint-url http://127.0.0.1:8080 --dataset-name pump-station_7 \\\n" +
				"    --ingestion-input-configuration 'S3InputConfiguration={Bucket=b,Prefix=plant-1/pumps/}' \\\n" +
				"    --role-arn arn:aws:iam::123456789012:role/R --cli-input-json file://input.json\n" +
				"go get github.com/lookout-equipment/lookoutequipment\n" +
				"go run golang.org/x/perf/cmd/benchstat@latest a.txt\n```\n",
			[]string{"input.json", "a.txt"}},
		{"files a command writes, named after it",
			"```sh\ngo build -o preflight ./examples/preflight\n./preflight x.json\ngo test ./lookout > lookout.txt\n" +
				"benchstat lookout.txt\n```\n\n```sh\ncat lookout.txt\n```\n",
			[]string{"./examples/preflight", "x.json", "./lookout", "lookout.txt"}},
		{"inline go commands", "See `go doc ./examples/server` and `errors.Is`, or `go run ./examples/preflight a.json`.\n",
			[]string{"./examples/server", "./examples/preflight", "a.json"}},
		{"other languages are not commands", "```go\nos.ReadFile(\"x.json\")\n```\n```json\n{\"a\": \"b.json\"}\n```\n", nil},
		{"a block without a language is not a command", "```\nvalue.json\n```\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, r := range commandFileRefs(tt.doc, top) {
				got = append(got, r.Path)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestReadmeOpening checks the README's first lines: the two commands a
// fresh clone can run with only Go (preflight on a request that ships and
// the sample bucket it reads, and the tests), and the service's end of support.
func TestReadmeOpening(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("README.md")
	require.NoError(t, err)
	lines := strings.Split(string(raw), "\n")
	opening := strings.Join(lines[:min(len(lines), 20)], "\n")
	_, block, ok := strings.Cut(opening, "```sh\n")
	require.True(t, ok, "the README opens with a sh block")
	block, _, ok = strings.Cut(block, "```")
	require.True(t, ok)
	var cmds []string
	for _, l := range strings.Split(strings.TrimSpace(block), "\n") {
		cmds = append(cmds, strings.Join(shellWords(l), " "))
	}
	assert.Equal(t, []string{
		"go run ./examples/preflight -data examples/preflight/testdata/bucket examples/preflight/testdata/request.json",
		"go test ./...",
	}, cmds)
	assert.Contains(t, opening, "2026-10-07", "the end of support is said in the first lines")
	assert.Contains(t, opening, "October 2024")
}
