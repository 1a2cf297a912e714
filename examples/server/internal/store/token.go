package store

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
)

// list identifies the list a page token was made for.
type list byte

const (
	listDatasets list = iota + 1
	listJobs
	listStatistics
	listLabelGroups
	listLabels
	listModels
	listModelVersions
	listSchedulers
	listExecutions
	listEvents
)

// tokenVersion is the first byte of every sealed token.
const tokenVersion = 1

// additional returns the data a token is bound to besides its position:
// the list and its filters, each length-prefixed.
func additional(l list, filters ...string) []byte {
	ad := []byte{tokenVersion, byte(l)}
	for _, f := range filters {
		ad = binary.AppendUvarint(ad, uint64(len(f)))
		ad = append(ad, f...)
	}
	return ad
}

// seal returns the page token of a position in list l under filters.
func (s *Store) seal(pos []byte, l list, filters ...string) string {
	nonceSize := s.aead.NonceSize()
	buf := make([]byte, 1+nonceSize, 1+nonceSize+len(pos)+s.aead.Overhead())
	buf[0] = tokenVersion
	rand.Read(buf[1:]) // never fails since Go 1.24
	buf = s.aead.Seal(buf, buf[1:1+nonceSize], pos, additional(l, filters...))
	return base64.RawURLEncoding.EncodeToString(buf)
}

// unseal returns the position in a page token of list l under filters, or
// an *InvalidTokenError.
func (s *Store) unseal(token string, l list, filters ...string) ([]byte, error) {
	buf, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return nil, &InvalidTokenError{Reason: "malformed"}
	}
	nonceSize := s.aead.NonceSize()
	if len(buf) < 1+nonceSize+s.aead.Overhead() || buf[0] != tokenVersion {
		return nil, &InvalidTokenError{Reason: "malformed"}
	}
	pos, err := s.aead.Open(nil, buf[1:1+nonceSize], buf[1+nonceSize:], additional(l, filters...))
	if err != nil {
		return nil, &InvalidTokenError{Reason: "not made for this list"}
	}
	return pos, nil
}

// seqToken and seqOf code a position that is one int64.
func seqPos(seq int64) []byte { return binary.BigEndian.AppendUint64(nil, uint64(seq)) }

func seqOf(pos []byte) (int64, error) {
	if len(pos) != 8 {
		return 0, &InvalidTokenError{Reason: "malformed"}
	}
	return int64(binary.BigEndian.Uint64(pos)), nil
}

// limitOf returns the number of items of a page.
func limitOf(p Page) (int, error) {
	switch {
	case p.Limit == 0:
		return DefaultPageSize, nil
	case p.Limit < 1 || p.Limit > MaxPageSize:
		return 0, &PageLimitError{Limit: p.Limit}
	}
	return p.Limit, nil
}
