package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
)

// TestRunDamagedDatabase starts the server on a database with a damaged
// page: run returns 1, the log naming the damage.
func TestRunDamagedDatabase(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "lookout.db")
	st, err := store.Open(db, store.Options{Region: defaultRegion, Account: defaultAccount})
	require.NoError(t, err)
	schema := strings.Repeat("s", 3000)
	for i := range 12 {
		_, _, err := st.CreateDataset(t.Context(), store.NewDataset{Name: "d" + strconv.Itoa(i), Schema: &schema})
		require.NoError(t, err)
	}
	require.NoError(t, st.Close())
	data, err := os.ReadFile(db)
	require.NoError(t, err)
	page := data[len(data)-2*4096:]
	for i := 8; i < 64; i++ {
		page[i] = 0xee
	}
	require.NoError(t, os.WriteFile(db, data, 0o600))

	var stderr bytes.Buffer
	assert.Equal(t, 1, run([]string{"-addr", "127.0.0.1:0", "-db", db, "-data", "testdata"}, &stderr, nil))
	assert.Contains(t, stderr.String(), "the database "+db+" is damaged: ")
	assert.NotContains(t, stderr.String(), "msg=listening")
}
