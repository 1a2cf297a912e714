package lookout_test

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// TestDocSaysFieldsType: the package doc names the type of
// ValidationException.Fields as it is declared.
func TestDocSaysFieldsType(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	doc := strings.Join(strings.Fields(strings.ReplaceAll(string(src), "//", "")), " ")
	typ := reflect.TypeOf(lookout.ValidationException{}.Fields).String() // "[]lookout.FieldError"
	linked := strings.Replace(typ, "lookout.FieldError", "[FieldError]", 1)
	require.Contains(t, doc, "whose Fields, a "+linked+",", "doc.go must name Fields' type, %s", typ)
}
