package s3source_test

import (
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A program that imports only lookout or lookout/ingest does not compile the
// AWS SDK: only this package brings it in.
func TestSDKStaysInThisPackage(t *testing.T) {
	t.Parallel()
	goTool, err := exec.LookPath("go")
	if err != nil {
		// The toolchain this test was built with.
		goTool = filepath.Join(build.Default.GOROOT, "bin", "go")
		if _, err := os.Stat(goTool); err != nil {
			t.Skip("no go command in PATH or GOROOT")
		}
	}
	const module = "github.com/lookout-equipment/lookoutequipment/"
	for _, pkg := range []string{module + "lookout", module + "lookout/ingest"} {
		out, err := exec.Command(goTool, "list", "-deps", pkg).CombinedOutput()
		require.NoError(t, err, "go list -deps %s:\n%s", pkg, out)
		deps := strings.Fields(string(out))
		require.Contains(t, deps, pkg, "go list -deps lists the package itself")
		for _, d := range deps {
			assert.False(t, strings.HasPrefix(d, "github.com/aws/aws-sdk-go-v2"), "%s depends on %s", pkg, d)
			assert.False(t, strings.HasPrefix(d, "github.com/johannesboyne/gofakes3"), "%s depends on %s", pkg, d)
		}
	}
	// And this package does: the check above can fail.
	out, err := exec.Command(goTool, "list", "-deps", module+"lookout/ingest/s3source").CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, strings.Fields(string(out)), "github.com/aws/aws-sdk-go-v2/service/s3")
}
