package validate

import (
	"reflect"
	"strings"
	"unicode"
)

// JSONName returns the name under which encoding/json writes the field f,
// or "" when that is its Go name: f has no json tag, a tag with no name
// (`json:",omitempty"`), a name that encoding/json does not accept, or the
// tag `json:"-"` (the field is not in JSON; a validator still checks it, and
// its errors name it by its Go name). `json:"-,"` names the field "-", as
// in encoding/json.
//
// It is a tag name function for validator/v10's RegisterTagNameFunc, where
// "" means the Go name; [New] installs it.
func JSONName(f reflect.StructField) string {
	tag, ok := f.Tag.Lookup("json")
	if !ok || tag == "-" {
		return ""
	}
	name, _, _ := strings.Cut(tag, ",")
	if !isValidJSONName(name) {
		return ""
	}
	return name
}

// isValidJSONName reports whether encoding/json accepts name as a key
// name: letters, digits, and the punctuation it allows.
func isValidJSONName(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
			// Allowed punctuation, quote characters excepted.
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}
