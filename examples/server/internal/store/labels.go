package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// NewLabelGroup is what CreateLabelGroup stores.
type NewLabelGroup struct {
	// Name is the label group's name, unique in the store.
	Name string
	// ClientToken makes the call idempotent; "" stores no token.
	ClientToken string
	// FaultCodes are the fault codes its labels may have, in the order
	// given.
	FaultCodes []string
	// Tags are the label group's tags (see TagResource).
	Tags []Tag
}

// LabelGroup is a stored label group.
type LabelGroup struct {
	Name string
	// ARN is arn:aws:lookoutequipment:REGION:ACCOUNT:label-group/NAME/UUID.
	ARN        string
	FaultCodes []string
	CreatedAt  time.Time
	// UpdatedAt is when its fault codes were last changed (its creation
	// until then).
	UpdatedAt time.Time
}

// LabelGroupFilter selects the label groups of ListLabelGroups.
type LabelGroupFilter struct {
	// NameBeginsWith keeps the names that begin with it; "" keeps all.
	NameBeginsWith string
}

// NewLabel is what CreateLabel stores.
type NewLabel struct {
	// Group names the label group.
	Group string
	// ClientToken makes the call idempotent; "" stores no token.
	ClientToken string
	// Start and End bound the labelled range.
	Start, End time.Time
	// Rating is ANOMALY, NO_ANOMALY or NEUTRAL.
	Rating string
	// FaultCode, when not "", must be one of the group's.
	FaultCode, Equipment, Notes string
}

// Label is a stored label.
type Label struct {
	// ID is 32 lowercase hexadecimal digits.
	ID                          string
	Group, GroupARN             string
	Start, End                  time.Time
	Rating                      string
	FaultCode, Equipment, Notes string
	CreatedAt                   time.Time
}

// LabelFilter selects the labels of ListLabels.
type LabelFilter struct {
	// Group is required.
	Group string
	// Equipment and FaultCode keep the labels with that value; "" keeps
	// all.
	Equipment, FaultCode string
	// IntervalStart keeps the labels that end at or after it,
	// IntervalEnd those that start before it; nil keeps all.
	IntervalStart, IntervalEnd *time.Time
}

// labelGroupRequest is what a replay of CreateLabelGroup's token must
// match besides the name.
type labelGroupRequest struct {
	FaultCodes []string `json:",omitempty"`
	Tags       []Tag    `json:",omitempty"`
}

// CreateLabelGroup stores a new label group and its tags and returns it.
// When g.ClientToken made a label group before with the same parameters,
// it returns that group as it is now and replay true. Errors:
// *ConflictError (ReasonTokenReused, ReasonLabelGroupExists), *QuotaError
// (LimitLabelGroups).
func (s *Store) CreateLabelGroup(ctx context.Context, g NewLabelGroup) (lg LabelGroup, replay bool, err error) {
	request, err := json.Marshal(labelGroupRequest{FaultCodes: g.FaultCodes, Tags: g.Tags})
	if err != nil {
		return LabelGroup{}, false, fmt.Errorf("store: encoding a label group: %w", err)
	}
	codes, err := encodeCodes(g.FaultCodes)
	if err != nil {
		return LabelGroup{}, false, err
	}
	err = s.write(ctx, func(tx *wtx) error {
		lg, replay = LabelGroup{}, false
		if g.ClientToken != "" {
			var name string
			var old []byte
			err := tx.QueryRowContext(ctx, `SELECT name, request FROM label_groups WHERE client_token = ?`, g.ClientToken).
				Scan(&name, &old)
			switch {
			case err == nil:
				if name != g.Name || !bytes.Equal(old, request) {
					return &ConflictError{Reason: ReasonTokenReused, Resource: ResourceLabelGroup}
				}
				lg, err = s.labelGroup(ctx, tx, name)
				replay = err == nil
				return err
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
		}
		var n int
		var taken bool
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(name = ?), 0) FROM label_groups`, g.Name).
			Scan(&n, &taken); err != nil {
			return err
		}
		switch {
		case taken:
			return &ConflictError{Reason: ReasonLabelGroupExists, Name: g.Name}
		case s.opts.MaxLabelGroups > 0 && n >= s.opts.MaxLabelGroups:
			return &QuotaError{Limit: LimitLabelGroups, Max: s.opts.MaxLabelGroups}
		}
		now := timeOf(nullTime(s.now()))
		lg = LabelGroup{
			Name:       g.Name,
			ARN:        "arn:aws:lookoutequipment:" + s.opts.Region + ":" + s.opts.Account + ":label-group/" + g.Name + "/" + newUUID(),
			FaultCodes: slices.Clone(g.FaultCodes),
			CreatedAt:  now,
			UpdatedAt:  now,
		}
		if len(lg.FaultCodes) == 0 {
			lg.FaultCodes = nil // as the database gives them back
		}
		var token any
		if g.ClientToken != "" {
			token = g.ClientToken
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO label_groups(name, arn, fault_codes, created, updated, client_token, request)
			VALUES(?, ?, ?, ?, ?, ?, ?)`, lg.Name, lg.ARN, codes, now.UnixNano(), now.UnixNano(), token, request); err != nil {
			return err
		}
		return putTags(ctx, tx, lg.ARN, g.Tags)
	})
	if err != nil {
		return LabelGroup{}, false, err
	}
	return lg, replay, nil
}

func encodeCodes(codes []string) ([]byte, error) {
	if len(codes) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(codes)
	if err != nil {
		return nil, fmt.Errorf("store: encoding fault codes: %w", err)
	}
	return b, nil
}

// labelGroupRow reads a label group's row: its id and the group.
func (s *Store) labelGroupRow(ctx context.Context, q querier, name string) (int64, LabelGroup, error) {
	var (
		id               int64
		lg               LabelGroup
		codes            []byte
		created, updated int64
	)
	err := q.QueryRowContext(ctx, `SELECT id, name, arn, fault_codes, created, updated FROM label_groups WHERE name = ?`, name).
		Scan(&id, &lg.Name, &lg.ARN, &codes, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, LabelGroup{}, &NotFoundError{Resource: ResourceLabelGroup, Name: name}
	}
	if err != nil {
		return 0, LabelGroup{}, err
	}
	if len(codes) > 0 {
		if err := json.Unmarshal(codes, &lg.FaultCodes); err != nil {
			return 0, LabelGroup{}, fmt.Errorf("store: decoding fault codes: %w", err)
		}
	}
	lg.CreatedAt, lg.UpdatedAt = time.Unix(0, created).UTC(), time.Unix(0, updated).UTC()
	return id, lg, nil
}

func (s *Store) labelGroup(ctx context.Context, q querier, name string) (LabelGroup, error) {
	_, lg, err := s.labelGroupRow(ctx, q, name)
	return lg, err
}

// LabelGroup returns the label group of that name, or a *NotFoundError.
func (s *Store) LabelGroup(ctx context.Context, name string) (LabelGroup, error) {
	if err := s.readable(); err != nil {
		return LabelGroup{}, err
	}
	return s.labelGroup(ctx, &s.rs, name)
}

// ListLabelGroups returns a page of the label groups that f selects, in
// the order of their names (bytewise), and the token of the next page (""
// after the last); their FaultCodes are left out. Errors:
// *InvalidTokenError, *PageLimitError.
func (s *Store) ListLabelGroups(ctx context.Context, f LabelGroupFilter, p Page) ([]LabelGroup, string, error) {
	if err := s.readable(); err != nil {
		return nil, "", err
	}
	limit, err := limitOf(p)
	if err != nil {
		return nil, "", err
	}
	from, strict := f.NameBeginsWith, false
	if p.Token != "" {
		pos, err := s.unseal(p.Token, listLabelGroups, f.NameBeginsWith)
		if err != nil {
			return nil, "", err
		}
		if len(pos) == 0 || !strings.HasPrefix(string(pos), f.NameBeginsWith) {
			return nil, "", &InvalidTokenError{Reason: "malformed"}
		}
		from, strict = string(pos), true
	}
	// Names are keyset positions: a page starts after the last name of the
	// one before, whatever was made or deleted meanwhile.
	q := `SELECT name, arn, created, updated FROM label_groups WHERE name >= ?`
	args := []any{from}
	if strict {
		q = `SELECT name, arn, created, updated FROM label_groups WHERE name > ?`
	}
	if end, ok := prefixEnd(f.NameBeginsWith); ok {
		q += ` AND name < ?`
		args = append(args, end)
	}
	q += ` ORDER BY name LIMIT ?`
	args = append(args, limit+1)
	rows, err := s.rs.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	out := make([]LabelGroup, 0, min(limit+1, 64))
	for rows.Next() {
		var lg LabelGroup
		var created, updated int64
		if err := rows.Scan(&lg.Name, &lg.ARN, &created, &updated); err != nil {
			return nil, "", err
		}
		lg.CreatedAt, lg.UpdatedAt = time.Unix(0, created).UTC(), time.Unix(0, updated).UTC()
		out = append(out, lg)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	if len(out) <= limit {
		return out, "", nil
	}
	out = out[:limit]
	return out, s.seal([]byte(out[limit-1].Name), listLabelGroups, f.NameBeginsWith), nil
}

// UpdateLabelGroup replaces the fault codes of the label group named, and
// moves its UpdatedAt; codes nil changes nothing. Labels keep their fault
// codes, one the group no longer lists included. Errors: *NotFoundError.
func (s *Store) UpdateLabelGroup(ctx context.Context, name string, codes []string) error {
	enc, err := encodeCodes(codes)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *wtx) error {
		var args []any
		q := `UPDATE label_groups SET fault_codes = ?, updated = ? WHERE name = ?`
		if codes == nil {
			q, args = `UPDATE label_groups SET name = name WHERE name = ?`, []any{name}
		} else {
			args = []any{enc, s.now().UnixNano(), name}
		}
		// A group that does not exist is not updated: nothing is written.
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return err
			}
			return &NotFoundError{Resource: ResourceLabelGroup, Name: name}
		}
		return nil
	})
}

// DeleteLabelGroup deletes the label group named with its labels, their
// tokens, its tags and its resource policy. Errors: *NotFoundError.
func (s *Store) DeleteLabelGroup(ctx context.Context, name string) error {
	return s.write(ctx, func(tx *wtx) error {
		id, lg, err := s.labelGroupRow(ctx, tx, name)
		if err != nil {
			return err
		}
		if model, err := trainingOn(ctx, tx, "v.label_group = ?", name); err != nil || model != "" {
			if err != nil {
				return err
			}
			return &ConflictError{Reason: ReasonTrainingInProgress, Name: name, Model: model}
		}
		for _, q := range []string{`DELETE FROM labels WHERE grp = ?`, `DELETE FROM label_groups WHERE id = ?`} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		return forget(ctx, tx, lg.ARN)
	})
}

// CreateLabel stores a new label in its group and returns it. When
// l.ClientToken made a label before with the same parameters, it returns
// that label and replay true. Errors: *NotFoundError (the label group),
// *FaultCodeError (a FaultCode the group does not list), *ConflictError
// (ReasonTokenReused).
func (s *Store) CreateLabel(ctx context.Context, l NewLabel) (lab Label, replay bool, err error) {
	err = s.write(ctx, func(tx *wtx) error {
		lab, replay = Label{}, false
		if l.ClientToken != "" {
			old, err := s.labelWhere(ctx, tx, `l.client_token = ?`, l.ClientToken)
			var nf *NotFoundError
			switch {
			case err == nil:
				if old.Group != l.Group || !old.Start.Equal(l.Start) || !old.End.Equal(l.End) || old.Rating != l.Rating ||
					old.FaultCode != l.FaultCode || old.Equipment != l.Equipment || old.Notes != l.Notes {
					return &ConflictError{Reason: ReasonTokenReused, Resource: ResourceLabel}
				}
				lab, replay = old, true
				return nil
			case !errors.As(err, &nf):
				return err
			}
		}
		id, lg, err := s.labelGroupRow(ctx, tx, l.Group)
		if err != nil {
			return err
		}
		if l.FaultCode != "" && !slices.Contains(lg.FaultCodes, l.FaultCode) {
			return &FaultCodeError{FaultCode: l.FaultCode, Group: l.Group}
		}
		now := timeOf(nullTime(s.now()))
		lab = Label{
			ID: newJobID(), Group: lg.Name, GroupARN: lg.ARN,
			Start: l.Start.UTC(), End: l.End.UTC(), Rating: l.Rating,
			FaultCode: l.FaultCode, Equipment: l.Equipment, Notes: l.Notes,
			CreatedAt: now,
		}
		var token any
		if l.ClientToken != "" {
			token = l.ClientToken
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO labels(id, grp, start_s, start_ns, end_s, end_ns, rating, fault_code, equipment, notes, created, client_token)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, lab.ID, id, lab.Start.Unix(), lab.Start.Nanosecond(), lab.End.Unix(), lab.End.Nanosecond(),
			lab.Rating, lab.FaultCode, lab.Equipment, lab.Notes, now.UnixNano(), token)
		return err
	})
	if err != nil {
		return Label{}, false, err
	}
	return lab, replay, nil
}

const labelColumns = `l.id, g.name, g.arn, l.start_s, l.start_ns, l.end_s, l.end_ns, l.rating, l.fault_code, l.equipment, l.notes, l.created`

// scanLabel scans the columns of labelColumns.
func scanLabel(scan func(...any) error) (Label, error) {
	var (
		l                          Label
		startS, startNs, endS, eNs int64
		created                    int64
	)
	if err := scan(&l.ID, &l.Group, &l.GroupARN, &startS, &startNs, &endS, &eNs, &l.Rating, &l.FaultCode, &l.Equipment,
		&l.Notes, &created); err != nil {
		return Label{}, err
	}
	l.Start, l.End = time.Unix(startS, startNs).UTC(), time.Unix(endS, eNs).UTC()
	l.CreatedAt = time.Unix(0, created).UTC()
	return l, nil
}

// labelWhere reads the label that cond selects.
func (s *Store) labelWhere(ctx context.Context, q querier, cond string, args ...any) (Label, error) {
	l, err := scanLabel(q.QueryRowContext(ctx, `SELECT `+labelColumns+` FROM labels l JOIN label_groups g ON g.id = l.grp WHERE `+cond,
		args...).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return Label{}, &NotFoundError{Resource: ResourceLabel}
	}
	return l, err
}

// Label returns the label id of the label group named; the id is read
// without regard to case. Errors: *NotFoundError (the label group or the
// label).
func (s *Store) Label(ctx context.Context, group, id string) (Label, error) {
	if err := s.readable(); err != nil {
		return Label{}, err
	}
	l, err := s.labelWhere(ctx, &s.rs, `g.name = ? AND l.id = ?`, group, strings.ToLower(id))
	var nf *NotFoundError
	if errors.As(err, &nf) {
		if _, err := s.labelGroup(ctx, &s.rs, group); err != nil {
			return Label{}, err
		}
		return Label{}, &NotFoundError{Resource: ResourceLabel, Name: id, Group: group}
	}
	return l, err
}

// DeleteLabel deletes the label id of the label group named, with its
// client token. Errors: *NotFoundError (the label group or the label).
func (s *Store) DeleteLabel(ctx context.Context, group, id string) error {
	return s.write(ctx, func(tx *wtx) error {
		gid, _, err := s.labelGroupRow(ctx, tx, group)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM labels WHERE grp = ? AND id = ?`, gid, strings.ToLower(id))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return err
			}
			return &NotFoundError{Resource: ResourceLabel, Name: id, Group: group}
		}
		return nil
	})
}

// ListLabels returns a page of the labels that f selects, by start time,
// then id, and the token of the next page ("" after the last). A label
// group that does not exist has no labels. Errors: *InvalidTokenError,
// *PageLimitError.
func (s *Store) ListLabels(ctx context.Context, f LabelFilter, p Page) ([]Label, string, error) {
	if err := s.readable(); err != nil {
		return nil, "", err
	}
	limit, err := limitOf(p)
	if err != nil {
		return nil, "", err
	}
	filters := []string{f.Group, f.Equipment, f.FaultCode, timeKey(f.IntervalStart), timeKey(f.IntervalEnd)}
	q := `SELECT ` + labelColumns + ` FROM labels l JOIN label_groups g ON g.id = l.grp WHERE g.name = ?`
	args := []any{f.Group}
	if p.Token != "" {
		pos, err := s.unseal(p.Token, listLabels, filters...)
		if err != nil {
			return nil, "", err
		}
		if len(pos) <= 16 {
			return nil, "", &InvalidTokenError{Reason: "malformed"}
		}
		q += ` AND (l.start_s, l.start_ns, l.id) > (?, ?, ?)`
		args = append(args, int64(binary.BigEndian.Uint64(pos)), int64(binary.BigEndian.Uint64(pos[8:])), string(pos[16:]))
	}
	if f.Equipment != "" {
		q += ` AND l.equipment = ?`
		args = append(args, f.Equipment)
	}
	if f.FaultCode != "" {
		q += ` AND l.fault_code = ?`
		args = append(args, f.FaultCode)
	}
	if f.IntervalStart != nil {
		q += ` AND (l.end_s, l.end_ns) >= (?, ?)`
		args = append(args, f.IntervalStart.Unix(), int64(f.IntervalStart.Nanosecond()))
	}
	if f.IntervalEnd != nil {
		q += ` AND (l.start_s, l.start_ns) < (?, ?)`
		args = append(args, f.IntervalEnd.Unix(), int64(f.IntervalEnd.Nanosecond()))
	}
	q += ` ORDER BY l.start_s, l.start_ns, l.id LIMIT ?`
	args = append(args, limit+1)
	rows, err := s.rs.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	out := make([]Label, 0, min(limit+1, 64))
	for rows.Next() {
		l, err := scanLabel(rows.Scan)
		if err != nil {
			return nil, "", err
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	if len(out) <= limit {
		return out, "", nil
	}
	out = out[:limit]
	last := out[limit-1]
	pos := binary.BigEndian.AppendUint64(nil, uint64(last.Start.Unix()))
	pos = binary.BigEndian.AppendUint64(pos, uint64(last.Start.Nanosecond()))
	pos = append(pos, last.ID...)
	return out, s.seal(pos, listLabels, filters...), nil
}

// timeKey is a filter's time as a token binds it: "" for none.
func timeKey(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}
