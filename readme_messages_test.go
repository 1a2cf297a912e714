package lookoutequipment_test

import (
	"errors"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/internal/testcases"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/validate"
)

// messageMarkers are the words that make a text a message of this module's
// errors, or a piece of one.
var messageMarkers = []string{"validation error", "failed to satisfy constraint", "Member must"}

func isMessage(s string) bool {
	for _, m := range messageMarkers {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// messageSources are the errors whose texts the README, docs/ and the doc
// comments show. A message shown that none of them produces fails
// TestShownMessagesAreProduced: correct the text, or add here the error
// that produces it.
func messageSources(t *testing.T) []error {
	t.Helper()
	// The README's validate.Struct example.
	type IngestionJob struct {
		Dataset string  `json:"dataset" validate:"required,lookout_dataset_name"`
		Role    string  `json:"role" validate:"required,lookout_role_arn"`
		Backup  *string `json:"backup,omitempty" validate:"omitempty,lookout_dataset_name"`
		Contact string  `json:"contact,omitempty" validate:"omitempty,email"`
	}
	// validate.Translate's doc: a tag of validator/v10's own.
	type contact struct {
		Contact string `json:"contact" validate:"email"`
	}
	noToken := testcases.Valid()
	noToken.ClientToken = ""
	// An explicit "" read on the wire (Presence.Validate's doc).
	var emptyToken lookout.StartDataIngestionJobRequest
	given, err := lookout.DecodeRequest([]byte(`{"ClientToken":""}`), &emptyToken)
	require.NoError(t, err)
	shortBucket := testcases.Valid()
	shortBucket.IngestionInputConfiguration.S3InputConfiguration.Bucket = "ab"
	return []error{
		given.Validate(&emptyToken),
		lookout.CheckBucket("ab"),
		shortBucket.Validate(),
		lookout.CheckMaxResults(0),
		lookout.CheckMaxResults(501),
		lookout.CheckInlineDataSchema(`{"Components":[]}`),
		validate.Struct(&IngestionJob{Dataset: "pump station", Role: "arn:aws:iam::123456789012:role/x", Contact: "ops"}),
		validate.Struct(contact{Contact: "x"}),
		noToken.Validate(),
		lookout.CheckDatasetName("pump\xff"),
		lookout.NewValidationException(nil),
	}
}

// producedTexts returns every text that errs show: each one's Error, its
// Message, and the Error of each of its violations.
func producedTexts(t *testing.T, errs []error) []string {
	t.Helper()
	var texts []string
	for _, err := range errs {
		var ve *lookout.ValidationException
		require.ErrorAs(t, err, &ve)
		texts = append(texts, err.Error(), ve.Message)
		for i := range ve.Fields {
			texts = append(texts, ve.Fields[i].Error())
		}
	}
	return texts
}

// shownMessage is a message, or a piece of one, that a document shows.
type shownMessage struct {
	where string // file:line
	text  string // "..." stands for text left out
	err   string // why it cannot be checked; "" when it can
}

var (
	spaces      = regexp.MustCompile(`\s+`)
	inlineCode  = regexp.MustCompile("`([^`]+)`")
	quoted      = regexp.MustCompile(`"([^"]*)"`)
	elision     = regexp.MustCompile(`\s*\.\.\.\s*`)
	wholeMessge = regexp.MustCompile(`^([A-Za-z]+: )?\d+ validation errors? detected`)
)

// markdownMessages returns the messages a Markdown document shows: its
// inline code spans outside code blocks, and the double-quoted strings of
// comments in its code blocks. A comment of a code block that speaks of a
// message without quoting it is returned with an err: it cannot be checked.
func markdownMessages(name, doc string) []shownMessage {
	var out []shownMessage
	lines := strings.Split(doc, "\n")
	var prose []string // non-code lines, blank ones for code lines, so that lines keep their numbers
	fenced := false
	for i, line := range lines {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			prose = append(prose, "")
			continue
		}
		if !fenced {
			prose = append(prose, line)
			continue
		}
		prose = append(prose, "")
		_, comment, ok := strings.Cut(line, "// ")
		if !ok || !isMessage(comment) {
			continue
		}
		where := name + ":" + strconv.Itoa(i+1)
		q := quoted.FindAllStringSubmatch(comment, -1)
		if len(q) == 0 {
			out = append(out, shownMessage{where: where, text: comment, err: "a message in a code block's comment must be double-quoted"})
		}
		for _, m := range q {
			if isMessage(m[1]) {
				out = append(out, shownMessage{where: where, text: m[1]})
			}
		}
	}
	text := strings.Join(prose, "\n")
	for _, loc := range inlineCode.FindAllStringSubmatchIndex(text, -1) {
		span := spaces.ReplaceAllString(text[loc[2]:loc[3]], " ")
		if isMessage(span) {
			line := strings.Count(text[:loc[0]], "\n") + 1
			out = append(out, shownMessage{where: name + ":" + strconv.Itoa(line), text: span})
		}
	}
	return out
}

// goMessages returns the messages the comments of a Go file show: the lines
// of their code blocks (indented with a tab) and their double-quoted
// strings.
func goMessages(t *testing.T, path string) []shownMessage {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
	require.NoError(t, err)
	var out []shownMessage
	for _, group := range f.Comments {
		var prose []string
		for _, c := range group.List {
			line, ok := strings.CutPrefix(c.Text, "//")
			if !ok {
				continue // a /* */ comment
			}
			if code, ok := strings.CutPrefix(line, "\t"); ok {
				if isMessage(code) {
					out = append(out, shownMessage{where: fset.Position(c.Pos()).String(), text: strings.TrimSpace(code)})
				}
				continue
			}
			prose = append(prose, strings.TrimSpace(line))
		}
		for _, m := range quoted.FindAllStringSubmatch(strings.Join(prose, " "), -1) {
			if isMessage(m[1]) {
				out = append(out, shownMessage{where: fset.Position(group.Pos()).String(), text: m[1]})
			}
		}
	}
	return out
}

// matches reports whether shown is what one of texts says: the whole text
// for a whole message (one that begins with its count of violations), a
// part of it for a piece of one, "..." standing for any text.
func matches(shown string, texts []string) bool {
	parts := elision.Split(shown, -1)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	expr := strings.Join(parts, ".*")
	if wholeMessge.MatchString(shown) {
		expr = "^" + expr + "$"
	}
	re := regexp.MustCompile(expr)
	for _, text := range texts {
		if re.MatchString(text) {
			return true
		}
	}
	return false
}

// TestShownMessagesAreProduced checks every message, and every piece of
// one, that the README, the documents under docs/ and the comments of
// packages lookout and validate show against what the code produces, so that no document shows a message
// the code does not write.
func TestShownMessagesAreProduced(t *testing.T) {
	t.Parallel()
	var shown []shownMessage
	for _, doc := range documents(t) {
		raw, err := os.ReadFile(doc)
		require.NoError(t, err)
		shown = append(shown, markdownMessages(filepath.ToSlash(doc), string(raw))...)
	}
	var goFiles []string
	for _, dir := range []string{".", "lookout", "validate"} {
		require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && (d.Name() == "testdata" || dir == "." && path != "."):
				return filepath.SkipDir
			case !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go"):
				goFiles = append(goFiles, path)
			}
			return nil
		}))
	}
	for _, path := range goFiles {
		shown = append(shown, goMessages(t, path)...)
	}
	require.NotEmpty(t, shown)

	texts := producedTexts(t, messageSources(t))
	var bad []error
	for _, m := range shown {
		switch {
		case m.err != "":
			bad = append(bad, errors.New(m.where+": "+m.err+": "+m.text))
		case !matches(m.text, texts):
			bad = append(bad, errors.New(m.where+": no error of messageSources shows "+strconv.Quote(m.text)))
		}
	}
	require.Empty(t, bad, "messages shown that the code does not produce")
}

// TestShownMessagesFound: the extraction finds what it must, so that
// TestShownMessagesAreProduced cannot pass by finding nothing.
func TestShownMessagesFound(t *testing.T) {
	t.Parallel()
	doc := "Intro `1 validation error detected: Value 'x' at 'y' failed to satisfy\n  constraint: Member must not be null` and `go test`.\n" +
		"```go\nerr := f() // \"ValidationException: 2 validation errors detected: ...\"\n" +
		"x := g() // err is a *ValidationException: Value 'x' at 'y' failed to satisfy constraint: ...\n```\n"
	got := markdownMessages("doc.md", doc)
	require.Equal(t, []shownMessage{
		{where: "doc.md:4", text: "ValidationException: 2 validation errors detected: ..."},
		{where: "doc.md:5", text: "err is a *ValidationException: Value 'x' at 'y' failed to satisfy constraint: ...",
			err: "a message in a code block's comment must be double-quoted"},
		{where: "doc.md:1", text: "1 validation error detected: Value 'x' at 'y' failed to satisfy constraint: Member must not be null"},
	}, got)

	texts := []string{"2 validation errors detected: Value 'a' at 'b' failed to satisfy constraint: Member must not be null; Value 'c'"}
	require.True(t, matches("2 validation errors detected: Value ...; Value ...", texts))
	require.True(t, matches("Value 'a' at 'b' failed", texts), "a piece of a message")
	require.True(t, matches("Value ... Member must not be null", texts))
	require.False(t, matches("1 validation error detected: Value 'a' ...", texts), "a whole message is matched whole")
	require.False(t, matches("2 validation errors detected: Value 'a'", texts), "a whole message is matched whole")
	require.False(t, matches("Member must be null", texts))
}

// citedDocument finds the Markdown documents a file names.
var citedDocument = regexp.MustCompile(`[A-Za-z0-9_./-]+\.md\b`)

// citationsUnchecked are the directories whose citations are not checked.
var citationsUnchecked = map[string]bool{}

// TestCitedDocumentsExist: a comment, test or document that cites a
// Markdown document cites one that the repository holds, so that a reader
// can follow it; a fact from elsewhere is stated where it is used.
func TestCitedDocumentsExist(t *testing.T) {
	t.Parallel()
	held := map[string]bool{}
	var files []string
	require.NoError(t, filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata" || citationsUnchecked[filepath.ToSlash(path)]):
			return filepath.SkipDir
		case d.IsDir():
			return nil
		}
		held[filepath.ToSlash(path)] = true
		held[d.Name()] = true
		if ext := filepath.Ext(path); ext == ".go" || ext == ".md" || filepath.Base(filepath.Dir(path)) == ".ci" {
			files = append(files, path)
		}
		return nil
	}))
	require.NotEmpty(t, files)
	var missing []string
	for _, path := range files {
		if path == "readme_messages_test.go" {
			continue // this file, which names documents as test data
		}
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		for _, ref := range citedDocument.FindAllString(string(data), -1) {
			rel := filepath.ToSlash(filepath.Join(filepath.Dir(path), ref))
			if !held[ref] && !held[rel] && !held[filepath.Base(ref)] {
				missing = append(missing, path+": "+ref)
			}
		}
	}
	require.Empty(t, missing, "documents cited that the repository does not hold: state the fact where it is used")
}
