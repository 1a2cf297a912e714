package lookout

import (
	"io"

	"github.com/lookout-equipment/lookoutequipment/lookout/internal/sigv4"
)

// CredentialsFileError is the error of ParseCredentialsFile: the line of the
// file (1-based; 0 for the file as a whole) and what is wrong with it.
type CredentialsFileError = sigv4.CredentialsFileError

// ParseCredentialsFile reads an AWS shared credentials file (the format of
// ~/.aws/credentials, as the AWS CLI reads it) and returns each profile's
// aws_access_key_id and its aws_secret_access_key: the credentials that
// [WithSignatures] lets in. A profile with neither key (a role profile) is
// skipped; a malformed file, a profile with only one of the two keys, or
// one key given two secrets is a *[CredentialsFileError] naming the line.
func ParseCredentialsFile(r io.Reader) (map[string]string, error) {
	return sigv4.ParseCredentialsFile(r)
}
