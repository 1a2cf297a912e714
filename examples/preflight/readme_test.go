package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeBlocks returns the fenced code blocks of the README section that
// begins with heading, in order, each without its fences.
func readmeBlocks(t *testing.T, readme, heading string) []string {
	t.Helper()
	_, section, ok := strings.Cut(readme, "\n"+heading+"\n")
	require.True(t, ok, "the README has no section %q", heading)
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	var blocks []string
	for {
		_, rest, ok := strings.Cut(section, "```")
		if !ok {
			return blocks
		}
		_, body, _ := strings.Cut(rest, "\n") // the fence's language
		block, after, ok := strings.Cut(body, "```")
		require.True(t, ok, "a code block that does not close")
		blocks = append(blocks, block)
		section = after
	}
}

// preflightArgs returns the arguments of the first "go run
// ./examples/preflight" command of block, without its comment.
func preflightArgs(t *testing.T, block string) []string {
	t.Helper()
	for _, line := range strings.Split(block, "\n") {
		if args, ok := strings.CutPrefix(line, "go run ./examples/preflight "); ok {
			args, _, _ = strings.Cut(args, " #")
			return strings.Fields(args)
		}
	}
	t.Fatalf("no preflight command in %q", block)
	return nil
}

// TestReadmeDataCheck: the README's section "Checking the data" shows
// what its command prints, and the README's first command is that
// command. (Not parallel: it runs from the repository's root, as the
// README's commands do.)
func TestReadmeDataCheck(t *testing.T) {
	t.Chdir("../..")
	data, err := os.ReadFile("README.md")
	require.NoError(t, err)
	readme := string(data)

	blocks := readmeBlocks(t, readme, "## Checking the data")
	require.Len(t, blocks, 2, "a command, then its output")
	args := preflightArgs(t, blocks[0])
	require.Contains(t, args, "-data")
	var stdout, stderr bytes.Buffer
	require.Equal(t, exitOK, run(args, nil, &stdout, &stderr), stderr.String())
	assert.Equal(t, blocks[1], stdout.String(), "the README shows what the command prints")
	assert.Empty(t, stderr.String())

	_, first, ok := strings.Cut(readme, "```sh\n")
	require.True(t, ok)
	first, _, _ = strings.Cut(first, "```")
	assert.Equal(t, args, preflightArgs(t, first), "the README's first command checks the sample bucket")
}
