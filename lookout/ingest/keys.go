package ingest

import (
	"strings"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// keyMatcher decides which component a key belongs to (section 1 of the
// package documentation): it is built from a request's Prefix and
// KeyPattern.
type keyMatcher struct {
	prefix string
	// delim is the delimiter after the component name: '/' for
	// {prefix}/{component_name}/*, else '_', ' ', '.' or '-'.
	delim byte
}

// newKeyMatcher returns the matcher of a valid request's S3 input.
func newKeyMatcher(s3 *lookout.IngestionS3InputConfiguration) keyMatcher {
	m := keyMatcher{delim: '/'}
	if s3.Prefix != nil {
		m.prefix = *s3.Prefix
	}
	if s3.KeyPattern != "" {
		switch s3.KeyPattern {
		case lookout.KeyPatternUnderscore:
			m.delim = '_'
		case lookout.KeyPatternSpace:
			m.delim = ' '
		case lookout.KeyPatternDot:
			m.delim = '.'
		case lookout.KeyPatternHyphen:
			m.delim = '-'
		}
	}
	return m
}

// match returns the component of key, and ok false when key belongs to no
// component. It does not check the component's name. A key outside the
// prefix or ending in "/" (a folder marker) belongs to none.
func (m keyMatcher) match(key string) (component string, ok bool) {
	if !strings.HasPrefix(key, m.prefix) || strings.HasSuffix(key, "/") {
		return "", false
	}
	r := key[len(m.prefix):]
	if m.delim == '/' {
		i := strings.IndexByte(r, '/')
		if i <= 0 || strings.IndexByte(r[i+1:], '/') >= 0 || i == len(r)-1 {
			return "", false
		}
		return r[:i], true
	}
	if strings.IndexByte(r, '/') >= 0 {
		return "", false
	}
	i := strings.IndexByte(r, m.delim)
	if i <= 0 {
		return "", false
	}
	return r[:i], true
}

// isCSVKey reports whether key ends in ".csv" in any ASCII case.
func isCSVKey(key string) bool {
	n := len(key)
	return n >= 4 && key[n-4] == '.' &&
		key[n-3]|0x20 == 'c' && key[n-2]|0x20 == 's' && key[n-1]|0x20 == 'v'
}
