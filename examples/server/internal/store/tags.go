package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// MaxTags is the most tags a resource has.
const MaxTags = 200

// The resources that have an ARN, and so tags and a policy, are found by
// their ARN through resolvers: one per kind of resource, each answering
// whether the store holds a resource of that ARN. A kind added later
// (models, inference schedulers) adds its resolver; the tables of tags and
// policies are keyed by ARN alone.

// resolver reports whether the store holds the resource of arn, reading
// the datasets through find (the index, or a writer's batch) and the rest
// through q.
type resolver func(ctx context.Context, q querier, find func(string) (*indexed, bool), arn string) (bool, error)

// resolvers are the kinds of resources that have an ARN.
var resolvers = []resolver{holdsDataset, holdsLabelGroup, holdsModel, holdsScheduler}

// holdsDataset: arn:aws:lookoutequipment:REGION:ACCOUNT:dataset/NAME/UUID,
// that of a dataset of the index.
func holdsDataset(_ context.Context, _ querier, find func(string) (*indexed, bool), arn string) (bool, error) {
	_, rest, ok := strings.Cut(arn, ":dataset/")
	if !ok {
		return false, nil
	}
	name, _, ok := strings.Cut(rest, "/")
	if !ok {
		return false, nil
	}
	e, ok := find(name)
	return ok && e.ds.ARN == arn, nil
}

func holdsLabelGroup(ctx context.Context, q querier, _ func(string) (*indexed, bool), arn string) (bool, error) {
	if !strings.Contains(arn, ":label-group/") {
		return false, nil
	}
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM label_groups WHERE arn = ?`, arn).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// holds returns nil when the store holds the resource of arn, a
// *NotFoundError (ResourceARN) when it does not.
func holds(ctx context.Context, q querier, find func(string) (*indexed, bool), arn string) error {
	for _, r := range resolvers {
		ok, err := r(ctx, q, find, arn)
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
	}
	return &NotFoundError{Resource: ResourceARN, Name: arn}
}

// findIndexed is the index's lookup, for readers.
func (s *Store) findIndexed(name string) (*indexed, bool) {
	s.index.mu.RLock()
	defer s.index.mu.RUnlock()
	e, ok := s.index.byName[name]
	return e, ok
}

// TagResource adds tags to the resource of arn, replacing the value of a
// key it has; a key given twice takes its last value. A resource has at
// most MaxTags tags: a call that would leave more changes nothing.
// Errors: *NotFoundError (ResourceARN), *TagLimitError.
func (s *Store) TagResource(ctx context.Context, arn string, tags []Tag) error {
	return s.write(ctx, func(tx *wtx) error {
		if err := holds(ctx, tx, tx.lookup, arn); err != nil {
			return err
		}
		have, err := tagKeys(ctx, tx, arn)
		if err != nil {
			return err
		}
		n := len(have)
		for _, t := range tags {
			if _, ok := have[t.Key]; !ok {
				have[t.Key] = struct{}{}
				n++
			}
		}
		if n > MaxTags {
			return &TagLimitError{ARN: arn, Tags: n}
		}
		return putTags(ctx, tx, arn, tags)
	})
}

// tagKeys returns the keys of the tags of arn.
func tagKeys(ctx context.Context, q querier, arn string) (map[string]struct{}, error) {
	rows, err := q.QueryContext(ctx, `SELECT key FROM tags WHERE arn = ?`, arn)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	keys := make(map[string]struct{})
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		keys[k] = struct{}{}
	}
	return keys, rows.Err()
}

// putTags writes tags on arn, each replacing the value of its key.
func putTags(ctx context.Context, tx *wtx, arn string, tags []Tag) error {
	for _, t := range tags {
		if _, err := tx.ExecContext(ctx, `INSERT INTO tags(arn, key, value) VALUES(?, ?, ?)
			ON CONFLICT(arn, key) DO UPDATE SET value = excluded.value`, arn, t.Key, t.Value); err != nil {
			return err
		}
	}
	return nil
}

// UntagResource removes the tags of those keys from the resource of arn;
// a key it does not have is no error. Errors: *NotFoundError
// (ResourceARN).
func (s *Store) UntagResource(ctx context.Context, arn string, keys []string) error {
	return s.write(ctx, func(tx *wtx) error {
		if err := holds(ctx, tx, tx.lookup, arn); err != nil {
			return err
		}
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE arn = ? AND key = ?`, arn, k); err != nil {
				return err
			}
		}
		return nil
	})
}

// Tags returns the tags of the resource of arn, in the order of their
// keys (bytewise). Errors: *NotFoundError (ResourceARN).
func (s *Store) Tags(ctx context.Context, arn string) ([]Tag, error) {
	if err := s.readable(); err != nil {
		return nil, err
	}
	if err := holds(ctx, &s.rs, s.findIndexed, arn); err != nil {
		return nil, err
	}
	rows, err := s.rs.QueryContext(ctx, `SELECT key, value FROM tags WHERE arn = ? ORDER BY key`, arn)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Tag{}
	for rows.Next() {
		var t Tag
		if err := rows.Scan(&t.Key, &t.Value); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// forget deletes the tags and the policy of arn, with the policy's
// tokens: what a resource leaves when it is deleted.
func forget(ctx context.Context, tx *wtx, arn string) error {
	for _, q := range []string{
		`DELETE FROM tags WHERE arn = ?`,
		`DELETE FROM policies WHERE arn = ?`,
		`DELETE FROM policy_tokens WHERE arn = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, arn); err != nil {
			return err
		}
	}
	return nil
}

// migrateTags copies the tags that CreateDataset stored in the datasets'
// rows, before the tags had a table of their own, into that table, once.
func (s *Store) migrateTags() error {
	tx, err := s.w.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.Exec(`INSERT OR IGNORE INTO meta(key, value) VALUES('tags_table', x'01')`)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	if _, err := tx.Exec(`INSERT OR REPLACE INTO tags(arn, key, value)
		SELECT d.arn, json_extract(t.value, '$.Key'), json_extract(t.value, '$.Value')
		FROM datasets d, json_each(CAST(d.tags AS TEXT)) t WHERE d.tags IS NOT NULL`); err != nil {
		return err
	}
	return tx.Commit()
}
