package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// modelSchema creates the tables of the models and their versions. A
// model's configuration (what CreateModel and UpdateModel were given) is a
// document the server writes and reads (config); the store reads only the
// columns it filters and checks on. A version keeps its own copy of the
// configuration it was trained with.
const modelSchema = `
CREATE TABLE IF NOT EXISTS models(
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL UNIQUE,
	arn TEXT NOT NULL UNIQUE,
	dataset TEXT NOT NULL,
	dataset_arn TEXT NOT NULL,
	status TEXT NOT NULL,
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL,
	config BLOB NOT NULL,
	label_group TEXT,
	client_token TEXT UNIQUE,
	request BLOB,
	active INTEGER,
	active_at INTEGER,
	previous INTEGER,
	previous_at INTEGER
);
CREATE INDEX IF NOT EXISTS models_dataset ON models(dataset);
CREATE TABLE IF NOT EXISTS model_versions(
	model INTEGER NOT NULL,
	version INTEGER NOT NULL,
	arn TEXT NOT NULL UNIQUE,
	status TEXT NOT NULL,
	source_type TEXT NOT NULL,
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL,
	started INTEGER,
	ended INTEGER,
	failed_reason TEXT,
	metrics TEXT,
	detector BLOB,
	config BLOB NOT NULL,
	label_group TEXT,
	promote TEXT,
	promotion TEXT,
	source_arn TEXT,
	client_token TEXT UNIQUE,
	PRIMARY KEY(model, version)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS model_versions_status ON model_versions(status);
`

// The statuses of models and versions, as the service names them.
const (
	ModelInProgress       = "IN_PROGRESS"
	ModelSuccess          = "SUCCESS"
	ModelFailed           = "FAILED"
	ModelImportInProgress = "IMPORT_IN_PROGRESS"
)

// The sources of a version.
const (
	SourceTraining   = "TRAINING"
	SourceRetraining = "RETRAINING"
	SourceImport     = "IMPORT"
)

// NewModel is what CreateModel stores.
type NewModel struct {
	// Name is the model's name, unique in the store.
	Name string
	// ClientToken makes the call idempotent; "" stores no token.
	ClientToken string
	// Dataset names the dataset it is trained on; it must exist and be
	// ACTIVE.
	Dataset string
	// Config is the model's configuration, the server's document.
	Config []byte
	// LabelGroup, when not "", names the label group the training reads:
	// it must exist.
	LabelGroup string
	// Tags are the model's tags (see TagResource).
	Tags []Tag
	// Import, when not "", is the ARN of the version the model's first
	// version copies (IMPORT, IMPORT_IN_PROGRESS) instead of training.
	Import string
}

// Model is a stored model.
type Model struct {
	Name string
	// ARN is arn:aws:lookoutequipment:REGION:ACCOUNT:model/NAME/UUID.
	ARN                 string
	Dataset, DatasetARN string
	Status              string
	CreatedAt           time.Time
	// UpdatedAt is when the model last changed (status, configuration,
	// active version).
	UpdatedAt  time.Time
	Config     []byte
	LabelGroup string
	// Active is the active version (0: none), ActiveAt when it became so;
	// Previous and PreviousAt the version active before it.
	Active, Previous     int64
	ActiveAt, PreviousAt time.Time
}

// VersionARN is the ARN of version n of m.
func (m Model) VersionARN(n int64) string {
	if n <= 0 {
		return ""
	}
	return m.ARN + "/model-version/" + strconv.FormatInt(n, 10)
}

// ModelVersion is a stored model version.
type ModelVersion struct {
	Model, ModelARN     string
	Dataset, DatasetARN string
	Version             int64
	// ARN is the model's ARN followed by /model-version/N.
	ARN        string
	Status     string
	SourceType string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	// Started and Ended bound the training's execution (zero until then).
	Started, Ended time.Time
	FailedReason   string
	// Metrics is the ModelMetrics document ("" until SUCCESS).
	Metrics    string
	Config     []byte
	LabelGroup string
	// Promote is MANAGED or MANUAL for a retraining; Promotion its
	// AutoPromotionResult once finished.
	Promote, Promotion string
	// SourceARN is the version an import copied.
	SourceARN string
}

// ModelFilter selects the models of ListModels.
type ModelFilter struct {
	NameBeginsWith, DatasetBeginsWith string
	// Status keeps the models of that status; "" keeps all.
	Status string
}

// VersionFilter selects the versions of ListModelVersions.
type VersionFilter struct {
	// Model is required.
	Model              string
	Status, SourceType string
	// MinVersion and MaxVersion bound the versions (0: unbounded).
	MinVersion, MaxVersion int64
	// CreatedFrom and CreatedTo bound the creation times (nil: unbounded).
	CreatedFrom, CreatedTo *time.Time
}

// NewVersion is a version AddVersion queues.
type NewVersion struct {
	SourceType string
	// Status is IN_PROGRESS, or IMPORT_IN_PROGRESS for an import.
	Status string
	// Config is the configuration the version trains with.
	Config     []byte
	LabelGroup string
	Promote    string
	SourceARN  string
	// ClientToken, for an import, makes it idempotent: a version made
	// with the same token, model and parameters is returned as it is now
	// ("" stores no token).
	ClientToken string
	// ModelConfig, when not nil, replaces the model's configuration with
	// what it makes of it, in the version's transaction (not on a
	// replay): an import's InferenceDataImportStrategy becomes the
	// model's. Its error is AddVersion's.
	ModelConfig func(config []byte) ([]byte, error)
}

// VersionOutcome is how a version's training ended.
type VersionOutcome struct {
	// Status is SUCCESS or FAILED.
	Status       string
	FailedReason string
	Metrics      string
	Detector     []byte
	// Promote makes a successful version active even when one is.
	Promote bool
	// Promotion is the AutoPromotionResult of a retraining ("" for none).
	Promotion string
}

// DatasetNotActiveError says that a model was asked of a dataset that is
// not ACTIVE.
type DatasetNotActiveError struct {
	Dataset string
	Status  DatasetStatus
}

func (e *DatasetNotActiveError) Error() string {
	return "Dataset " + e.Dataset + " is " + string(e.Status) + ", not ACTIVE: a model is trained on an ingested dataset"
}

// VersionNotUsableError says that a version that did not succeed was asked
// to be the active one.
type VersionNotUsableError struct {
	Model   string
	Version int64
	Status  string
}

func (e *VersionNotUsableError) Error() string {
	return "Version " + strconv.FormatInt(e.Version, 10) + " of model " + e.Model + " is " + e.Status +
		": only a SUCCESS version can be active"
}

// modelRequest is what a replay of CreateModel's token must match besides
// the name.
type modelRequest struct {
	Dataset    string
	Config     []byte
	LabelGroup string `json:",omitempty"`
	Tags       []Tag  `json:",omitempty"`
	Import     string `json:",omitempty"`
}

// CreateModel stores a new model, IN_PROGRESS, with its first version
// queued (IN_PROGRESS, TRAINING; IMPORT_IN_PROGRESS, IMPORT for m.Import),
// and its tags. When m.ClientToken made a
// model before with the same parameters, it returns that model as it is
// now and replay true. Errors: *NotFoundError (the dataset, the label
// group), *DatasetNotActiveError, *ConflictError (ReasonTokenReused,
// ReasonModelExists), *QuotaError (LimitModels).
func (s *Store) CreateModel(ctx context.Context, m NewModel) (model Model, replay bool, err error) {
	request, err := json.Marshal(modelRequest{Dataset: m.Dataset, Config: m.Config, LabelGroup: m.LabelGroup, Tags: m.Tags, Import: m.Import})
	if err != nil {
		return Model{}, false, fmt.Errorf("store: encoding a model: %w", err)
	}
	err = s.write(ctx, func(tx *wtx) error {
		model, replay = Model{}, false
		if m.ClientToken != "" {
			var name string
			var old []byte
			err := tx.QueryRowContext(ctx, `SELECT name, request FROM models WHERE client_token = ?`, m.ClientToken).Scan(&name, &old)
			switch {
			case err == nil:
				if name != m.Name || !bytes.Equal(old, request) {
					return &ConflictError{Reason: ReasonTokenReused, Resource: ResourceModel}
				}
				_, model, err = s.modelRow(ctx, tx, name)
				replay = err == nil
				return err
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
		}
		e, ok := tx.lookup(m.Dataset)
		if !ok {
			return &NotFoundError{Resource: ResourceDataset, Name: m.Dataset}
		}
		if e.ds.Status != DatasetActive {
			return &DatasetNotActiveError{Dataset: m.Dataset, Status: e.ds.Status}
		}
		if m.LabelGroup != "" {
			if _, _, err := s.labelGroupRow(ctx, tx, m.LabelGroup); err != nil {
				return err
			}
		}
		var n int
		var taken bool
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(name = ?), 0) FROM models`, m.Name).Scan(&n, &taken); err != nil {
			return err
		}
		switch {
		case taken:
			return &ConflictError{Reason: ReasonModelExists, Name: m.Name}
		case s.opts.MaxModels > 0 && n >= s.opts.MaxModels:
			return &QuotaError{Limit: LimitModels, Max: s.opts.MaxModels}
		}
		now := timeOf(nullTime(s.now()))
		first := NewVersion{SourceType: SourceTraining, Status: ModelInProgress, Config: m.Config, LabelGroup: m.LabelGroup}
		if m.Import != "" {
			first.SourceType, first.Status, first.SourceARN = SourceImport, ModelImportInProgress, m.Import
			first.ClientToken = m.ClientToken // a replay finds the import through AddVersion too
		}
		model = Model{
			Name: m.Name, ARN: "arn:aws:lookoutequipment:" + s.opts.Region + ":" + s.opts.Account + ":model/" + m.Name + "/" + newUUID(),
			Dataset: m.Dataset, DatasetARN: e.ds.ARN, Status: first.Status, CreatedAt: now, UpdatedAt: now,
			Config: m.Config, LabelGroup: m.LabelGroup,
		}
		var token any
		if m.ClientToken != "" {
			token = m.ClientToken
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO models(name, arn, dataset, dataset_arn, status, created, updated, config, label_group, client_token, request)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, model.Name, model.ARN, model.Dataset, model.DatasetARN, model.Status,
			now.UnixNano(), now.UnixNano(), m.Config, m.LabelGroup, token, request)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		if err := s.insertVersion(ctx, tx, id, model, 1, first, now); err != nil {
			return err
		}
		return putTags(ctx, tx, model.ARN, m.Tags)
	})
	if err != nil {
		return Model{}, false, err
	}
	return model, replay, nil
}

// insertVersion writes version n of the model of row id.
func (s *Store) insertVersion(ctx context.Context, tx *wtx, id int64, m Model, n int64, v NewVersion, now time.Time) error {
	var token any
	if v.ClientToken != "" {
		token = v.ClientToken
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO model_versions(model, version, arn, status, source_type, created, updated, started, config, label_group, promote, source_arn, client_token)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, n, m.VersionARN(n), v.Status, v.SourceType, now.UnixNano(), now.UnixNano(),
		now.UnixNano(), v.Config, v.LabelGroup, v.Promote, v.SourceARN, token)
	return err
}

const modelColumns = `id, name, arn, dataset, dataset_arn, status, created, updated, config, COALESCE(label_group, ''),
	active, active_at, previous, previous_at`

// scanModel scans the columns of modelColumns.
func scanModel(scan func(...any) error) (int64, Model, error) {
	var (
		id                                 int64
		m                                  Model
		created, updated                   int64
		active, activeAt, prev, previousAt sql.NullInt64
	)
	if err := scan(&id, &m.Name, &m.ARN, &m.Dataset, &m.DatasetARN, &m.Status, &created, &updated, &m.Config, &m.LabelGroup,
		&active, &activeAt, &prev, &previousAt); err != nil {
		return 0, Model{}, err
	}
	m.CreatedAt, m.UpdatedAt = time.Unix(0, created).UTC(), time.Unix(0, updated).UTC()
	m.Active, m.Previous = active.Int64, prev.Int64
	m.ActiveAt, m.PreviousAt = timeOf(activeAt), timeOf(previousAt)
	return id, m, nil
}

// modelRow reads a model's row: its id and the model.
func (s *Store) modelRow(ctx context.Context, q querier, name string) (int64, Model, error) {
	id, m, err := scanModel(q.QueryRowContext(ctx, `SELECT `+modelColumns+` FROM models WHERE name = ?`, name).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, Model{}, &NotFoundError{Resource: ResourceModel, Name: name}
	}
	return id, m, err
}

// Model returns the model of that name, or a *NotFoundError.
func (s *Store) Model(ctx context.Context, name string) (Model, error) {
	if err := s.readable(); err != nil {
		return Model{}, err
	}
	_, m, err := s.modelRow(ctx, &s.rs, name)
	return m, err
}

// ListModels returns a page of the models that f selects, by name, and
// the token of the next page ("" after the last). Errors:
// *InvalidTokenError, *PageLimitError.
func (s *Store) ListModels(ctx context.Context, f ModelFilter, p Page) ([]Model, string, error) {
	if err := s.readable(); err != nil {
		return nil, "", err
	}
	limit, err := limitOf(p)
	if err != nil {
		return nil, "", err
	}
	filters := []string{f.NameBeginsWith, f.DatasetBeginsWith, f.Status}
	from, op := f.NameBeginsWith, ">="
	if p.Token != "" {
		pos, err := s.unseal(p.Token, listModels, filters...)
		if err != nil {
			return nil, "", err
		}
		if len(pos) == 0 || !strings.HasPrefix(string(pos), f.NameBeginsWith) {
			return nil, "", &InvalidTokenError{Reason: "malformed"}
		}
		from, op = string(pos), ">"
	}
	q := `SELECT ` + modelColumns + ` FROM models WHERE name ` + op + ` ?`
	args := []any{from}
	if end, ok := prefixEnd(f.NameBeginsWith); ok {
		q += ` AND name < ?`
		args = append(args, end)
	}
	if f.DatasetBeginsWith != "" {
		q += ` AND substr(dataset, 1, ?) = ?`
		args = append(args, len(f.DatasetBeginsWith), f.DatasetBeginsWith)
	}
	if f.Status != "" {
		q += ` AND status = ?`
		args = append(args, f.Status)
	}
	q += ` ORDER BY name LIMIT ?`
	args = append(args, limit+1)
	rows, err := s.rs.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var out []Model
	for rows.Next() {
		_, m, err := scanModel(rows.Scan)
		if err != nil {
			return nil, "", err
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	if len(out) <= limit {
		return out, "", nil
	}
	out = out[:limit]
	return out, s.seal([]byte(out[limit-1].Name), listModels, filters...), nil
}

// UpdateModel replaces the configuration of the model named with what
// update makes of it, and its label group with labelGroup (which must
// exist when not ""), and moves its UpdatedAt. The versions keep the
// configuration they were trained with. Errors: *NotFoundError (the model,
// the label group), and update's own.
func (s *Store) UpdateModel(ctx context.Context, name, labelGroup string, update func(config []byte) ([]byte, error)) error {
	return s.write(ctx, func(tx *wtx) error {
		id, m, err := s.modelRow(ctx, tx, name)
		if err != nil {
			return err
		}
		if labelGroup != "" {
			if _, _, err := s.labelGroupRow(ctx, tx, labelGroup); err != nil {
				return err
			}
		}
		config, err := update(m.Config)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE models SET config = ?, label_group = ?, updated = ? WHERE id = ?`,
			config, labelGroup, s.now().UnixNano(), id)
		return err
	})
}

// training reports the version of the model of row id in progress (0:
// none).
func training(ctx context.Context, q querier, id int64) (int64, error) {
	var v int64
	err := q.QueryRowContext(ctx, `SELECT version FROM model_versions WHERE model = ? AND status IN (?, ?) LIMIT 1`,
		id, ModelInProgress, ModelImportInProgress).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return v, err
}

// DeleteModel deletes the model named with its versions, and the tags and
// policies of the model and of each version. Errors: *NotFoundError,
// *ConflictError (ReasonTrainingInProgress).
func (s *Store) DeleteModel(ctx context.Context, name string) error {
	return s.write(ctx, func(tx *wtx) error {
		id, m, err := s.modelRow(ctx, tx, name)
		if err != nil {
			return err
		}
		if v, err := training(ctx, tx, id); err != nil || v != 0 {
			if err != nil {
				return err
			}
			return &ConflictError{Reason: ReasonTrainingInProgress, Name: name}
		}
		rows, err := tx.QueryContext(ctx, `SELECT arn FROM model_versions WHERE model = ?`, id)
		if err != nil {
			return err
		}
		arns := []string{m.ARN}
		for rows.Next() {
			var arn string
			if err := rows.Scan(&arn); err != nil {
				rows.Close()
				return err
			}
			arns = append(arns, arn)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM model_versions WHERE model = ?`, `DELETE FROM models WHERE id = ?`} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		for _, arn := range arns {
			if err := forget(ctx, tx, arn); err != nil {
				return err
			}
		}
		return nil
	})
}

const versionColumns = `m.name, m.arn, m.dataset, m.dataset_arn, v.version, v.arn, v.status, v.source_type, v.created, v.updated,
	v.started, v.ended, COALESCE(v.failed_reason, ''), COALESCE(v.metrics, ''), v.config, COALESCE(v.label_group, ''),
	COALESCE(v.promote, ''), COALESCE(v.promotion, ''), COALESCE(v.source_arn, '')`

// scanVersion scans the columns of versionColumns.
func scanVersion(scan func(...any) error) (ModelVersion, error) {
	var (
		v                ModelVersion
		created, updated int64
		started, ended   sql.NullInt64
	)
	if err := scan(&v.Model, &v.ModelARN, &v.Dataset, &v.DatasetARN, &v.Version, &v.ARN, &v.Status, &v.SourceType,
		&created, &updated, &started, &ended, &v.FailedReason, &v.Metrics, &v.Config, &v.LabelGroup, &v.Promote,
		&v.Promotion, &v.SourceARN); err != nil {
		return ModelVersion{}, err
	}
	v.CreatedAt, v.UpdatedAt = time.Unix(0, created).UTC(), time.Unix(0, updated).UTC()
	v.Started, v.Ended = timeOf(started), timeOf(ended)
	return v, nil
}

// ModelVersion returns version n of the model named. Errors:
// *NotFoundError (the model, or ResourceModelVersion).
func (s *Store) ModelVersion(ctx context.Context, name string, n int64) (ModelVersion, error) {
	if err := s.readable(); err != nil {
		return ModelVersion{}, err
	}
	return s.modelVersion(ctx, &s.rs, name, n)
}

// modelVersion is ModelVersion read through q.
func (s *Store) modelVersion(ctx context.Context, q querier, name string, n int64) (ModelVersion, error) {
	v, err := scanVersion(q.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM model_versions v JOIN models m ON m.id = v.model
		WHERE m.name = ? AND v.version = ?`, name, n).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		if _, _, err := s.modelRow(ctx, q, name); err != nil {
			return ModelVersion{}, err
		}
		return ModelVersion{}, &NotFoundError{Resource: ResourceModelVersion, Name: strconv.FormatInt(n, 10), Group: name}
	}
	return v, err
}

// VersionByARN returns the version of that ARN, or a *NotFoundError
// (ResourceARN).
func (s *Store) VersionByARN(ctx context.Context, arn string) (ModelVersion, error) {
	if err := s.readable(); err != nil {
		return ModelVersion{}, err
	}
	v, err := scanVersion(s.rs.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM model_versions v JOIN models m ON m.id = v.model
		WHERE v.arn = ?`, arn).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return ModelVersion{}, &NotFoundError{Resource: ResourceARN, Name: arn}
	}
	return v, err
}

// Detector returns the trained detector that version n of the model named
// stored (nil before it succeeded). Errors: *NotFoundError.
func (s *Store) Detector(ctx context.Context, name string, n int64) ([]byte, error) {
	if err := s.readable(); err != nil {
		return nil, err
	}
	var b []byte
	err := s.rs.QueryRowContext(ctx, `SELECT v.detector FROM model_versions v JOIN models m ON m.id = v.model
		WHERE m.name = ? AND v.version = ?`, name, n).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &NotFoundError{Resource: ResourceModelVersion, Name: strconv.FormatInt(n, 10), Group: name}
	}
	return b, err
}

// ListModelVersions returns a page of the versions that f selects, by
// version number, and the token of the next page. A model that does not
// exist is a *NotFoundError. Errors: *InvalidTokenError, *PageLimitError.
func (s *Store) ListModelVersions(ctx context.Context, f VersionFilter, p Page) ([]ModelVersion, string, error) {
	if err := s.readable(); err != nil {
		return nil, "", err
	}
	limit, err := limitOf(p)
	if err != nil {
		return nil, "", err
	}
	if _, _, err := s.modelRow(ctx, &s.rs, f.Model); err != nil {
		return nil, "", err
	}
	filters := []string{f.Model, f.Status, f.SourceType, strconv.FormatInt(f.MinVersion, 10), strconv.FormatInt(f.MaxVersion, 10),
		timeKey(f.CreatedFrom), timeKey(f.CreatedTo)}
	q := `SELECT ` + versionColumns + ` FROM model_versions v JOIN models m ON m.id = v.model WHERE m.name = ?`
	args := []any{f.Model}
	if p.Token != "" {
		pos, err := s.unseal(p.Token, listModelVersions, filters...)
		if err != nil {
			return nil, "", err
		}
		after, err := seqOf(pos)
		if err != nil {
			return nil, "", err
		}
		q += ` AND v.version > ?`
		args = append(args, after)
	}
	if f.Status != "" {
		q += ` AND v.status = ?`
		args = append(args, f.Status)
	}
	if f.SourceType != "" {
		q += ` AND v.source_type = ?`
		args = append(args, f.SourceType)
	}
	if f.MinVersion > 0 {
		q += ` AND v.version >= ?`
		args = append(args, f.MinVersion)
	}
	if f.MaxVersion > 0 {
		q += ` AND v.version <= ?`
		args = append(args, f.MaxVersion)
	}
	if f.CreatedFrom != nil {
		q += ` AND v.created >= ?`
		args = append(args, f.CreatedFrom.UnixNano())
	}
	if f.CreatedTo != nil {
		q += ` AND v.created <= ?`
		args = append(args, f.CreatedTo.UnixNano())
	}
	q += ` ORDER BY v.version LIMIT ?`
	args = append(args, limit+1)
	rows, err := s.rs.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var out []ModelVersion
	for rows.Next() {
		v, err := scanVersion(rows.Scan)
		if err != nil {
			return nil, "", err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	if len(out) <= limit {
		return out, "", nil
	}
	out = out[:limit]
	return out, s.seal(seqPos(out[limit-1].Version), listModelVersions, filters...), nil
}

// SetActiveVersion makes version n of the model named its active version
// and returns the model before and after. Errors: *NotFoundError (the
// model, ResourceModelVersion), *VersionNotUsableError.
func (s *Store) SetActiveVersion(ctx context.Context, name string, n int64) (before, after Model, err error) {
	err = s.write(ctx, func(tx *wtx) error {
		id, m, err := s.modelRow(ctx, tx, name)
		if err != nil {
			return err
		}
		var status string
		err = tx.QueryRowContext(ctx, `SELECT status FROM model_versions WHERE model = ? AND version = ?`, id, n).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return &NotFoundError{Resource: ResourceModelVersion, Name: strconv.FormatInt(n, 10), Group: name}
		}
		if err != nil {
			return err
		}
		if status != ModelSuccess {
			return &VersionNotUsableError{Model: name, Version: n, Status: status}
		}
		before, after = m, m
		if m.Active == n {
			return nil // already active: nothing moves
		}
		now := timeOf(nullTime(s.now()))
		after.Previous, after.PreviousAt, after.Active, after.ActiveAt, after.UpdatedAt = m.Active, m.ActiveAt, n, now, now
		_, err = tx.ExecContext(ctx, `UPDATE models SET previous = active, previous_at = active_at, active = ?, active_at = ?, updated = ?
			WHERE id = ?`, n, now.UnixNano(), now.UnixNano(), id)
		return err
	})
	return before, after, err
}

// AddVersion queues a new version of the model named, numbered after its
// last, and returns it. A model with no active version takes the status
// of the version (IN_PROGRESS or IMPORT_IN_PROGRESS). When nv.ClientToken
// made a version before, of the same model with the same source and
// configuration, it returns that version as it is now and replay true.
// Errors: *NotFoundError, *ConflictError (ReasonTrainingInProgress;
// ReasonTokenReused, Resource ModelVersion).
func (s *Store) AddVersion(ctx context.Context, name string, nv NewVersion) (v ModelVersion, replay bool, err error) {
	err = s.write(ctx, func(tx *wtx) error {
		v, replay = ModelVersion{}, false
		if nv.ClientToken != "" {
			var model string
			var n int64
			var source string
			var config []byte
			err := tx.QueryRowContext(ctx, `SELECT m.name, v.version, COALESCE(v.source_arn, ''), v.config
				FROM model_versions v JOIN models m ON m.id = v.model WHERE v.client_token = ?`, nv.ClientToken).Scan(&model, &n, &source, &config)
			switch {
			case err == nil:
				if model != name || source != nv.SourceARN || !bytes.Equal(config, nv.Config) {
					return &ConflictError{Reason: ReasonTokenReused, Resource: ResourceModelVersion}
				}
				v, err = s.modelVersion(ctx, tx, name, n)
				replay = err == nil
				return err
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
		}
		id, m, err := s.modelRow(ctx, tx, name)
		if err != nil {
			return err
		}
		if busy, err := training(ctx, tx, id); err != nil || busy != 0 {
			if err != nil {
				return err
			}
			return &ConflictError{Reason: ReasonTrainingInProgress, Name: name}
		}
		var last int64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM model_versions WHERE model = ?`, id).Scan(&last); err != nil {
			return err
		}
		now := timeOf(nullTime(s.now()))
		if err := s.insertVersion(ctx, tx, id, m, last+1, nv, now); err != nil {
			return err
		}
		if nv.ModelConfig != nil {
			config, err := nv.ModelConfig(m.Config)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE models SET config = ? WHERE id = ?`, config, id); err != nil {
				return err
			}
		}
		if m.Active == 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE models SET status = ?, updated = ? WHERE id = ?`, nv.Status, now.UnixNano(), id); err != nil {
				return err
			}
		}
		v = ModelVersion{Model: m.Name, ModelARN: m.ARN, Dataset: m.Dataset, DatasetARN: m.DatasetARN, Version: last + 1,
			ARN: m.VersionARN(last + 1), Status: nv.Status, SourceType: nv.SourceType, CreatedAt: now, UpdatedAt: now,
			Started: now, Config: nv.Config, LabelGroup: nv.LabelGroup, Promote: nv.Promote, SourceARN: nv.SourceARN}
		return nil
	})
	return v, replay, err
}

// FinishVersion ends version n of the model named as out says. A success
// becomes the active version when the model has none, or when out.Promote;
// the model is then SUCCESS. A failure leaves a model that has an active
// version as it is, and makes one that has none FAILED. Errors:
// *NotFoundError (the model or version, deleted meanwhile),
// *ConflictError (ReasonVersionFinished).
func (s *Store) FinishVersion(ctx context.Context, name string, n int64, out VersionOutcome) error {
	return s.write(ctx, func(tx *wtx) error {
		id, m, err := s.modelRow(ctx, tx, name)
		if err != nil {
			return err
		}
		var status string
		err = tx.QueryRowContext(ctx, `SELECT status FROM model_versions WHERE model = ? AND version = ?`, id, n).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return &NotFoundError{Resource: ResourceModelVersion, Name: strconv.FormatInt(n, 10), Group: name}
		}
		if err != nil {
			return err
		}
		if status != ModelInProgress && status != ModelImportInProgress {
			return &ConflictError{Reason: ReasonVersionFinished, Name: name}
		}
		now := s.now().UnixNano()
		if _, err := tx.ExecContext(ctx, `UPDATE model_versions SET status = ?, failed_reason = ?, metrics = ?, detector = ?,
			promotion = ?, ended = ?, updated = ? WHERE model = ? AND version = ?`, out.Status, out.FailedReason, out.Metrics,
			out.Detector, out.Promotion, now, now, id, n); err != nil {
			return err
		}
		switch {
		case out.Status == ModelSuccess && (m.Active == 0 || out.Promote):
			_, err = tx.ExecContext(ctx, `UPDATE models SET status = ?, previous = active, previous_at = active_at, active = ?,
				active_at = ?, updated = ? WHERE id = ?`, ModelSuccess, n, now, now, id)
		case m.Active == 0:
			_, err = tx.ExecContext(ctx, `UPDATE models SET status = ?, updated = ? WHERE id = ?`, out.Status, now, id)
		}
		return err
	})
}

// TrainingsInProgress returns the versions IN_PROGRESS or
// IMPORT_IN_PROGRESS, oldest first: those to run again when the server
// starts.
func (s *Store) TrainingsInProgress(ctx context.Context) ([]ModelVersion, error) {
	if err := s.readable(); err != nil {
		return nil, err
	}
	rows, err := s.rs.QueryContext(ctx, `SELECT `+versionColumns+` FROM model_versions v JOIN models m ON m.id = v.model
		WHERE v.status IN (?, ?) ORDER BY v.created, m.id`, ModelInProgress, ModelImportInProgress)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ModelVersion
	for rows.Next() {
		v, err := scanVersion(rows.Scan)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// trainingOn returns the name of a model whose training in progress reads
// the dataset or the label group named (cond: "m.dataset = ?" or
// "v.label_group = ?"), "" for none.
func trainingOn(ctx context.Context, q querier, cond, name string) (string, error) {
	var model string
	err := q.QueryRowContext(ctx, `SELECT m.name FROM model_versions v JOIN models m ON m.id = v.model
		WHERE `+cond+` AND v.status IN (?, ?) LIMIT 1`, name, ModelInProgress, ModelImportInProgress).Scan(&model)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return model, err
}

func holdsModel(ctx context.Context, q querier, _ func(string) (*indexed, bool), arn string) (bool, error) {
	if !strings.Contains(arn, ":model/") {
		return false, nil
	}
	table := "models"
	if strings.Contains(arn, "/model-version/") {
		table = "model_versions"
	}
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM `+table+` WHERE arn = ?`, arn).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
