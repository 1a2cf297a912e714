package store

import (
	"context"
	"database/sql"
	"errors"
)

// setDataVersion records version as the data copy of the dataset of id
// (the writer's transaction); "" leaves the dataset's version as it is.
func setDataVersion(ctx context.Context, tx *wtx, dataset int64, version string) error {
	if version == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO dataset_data(dataset, version) VALUES(?, ?)
		ON CONFLICT(dataset) DO UPDATE SET version = excluded.version`, dataset, version)
	return err
}

// DataVersion returns the version of the data copy of the dataset named
// name, the one its last successful job recorded (Outcome.DataVersion), or
// "" when it has none. A dataset that does not exist is a *NotFoundError.
func (s *Store) DataVersion(ctx context.Context, name string) (string, error) {
	if err := s.readable(); err != nil {
		return "", err
	}
	var v sql.NullString
	err := s.r.QueryRowContext(ctx, `SELECT v.version FROM datasets d LEFT JOIN dataset_data v ON v.dataset = d.id
		WHERE d.name = ?`, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", &NotFoundError{Resource: ResourceDataset, Name: name}
	}
	return v.String, err
}

// DataVersions returns the versions of the data copies that datasets
// refer to.
func (s *Store) DataVersions(ctx context.Context) (map[string]bool, error) {
	if err := s.readable(); err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT version FROM dataset_data`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out[v] = true
	}
	return out, rows.Err()
}
