package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// NewPolicy is what PutPolicy stores.
type NewPolicy struct {
	// ARN is the resource's.
	ARN string
	// Document is the policy, as given.
	Document string
	// RevisionID, when not "", must be the current policy's revision:
	// the Put then replaces that revision and no other. "" replaces
	// whatever policy there is, or makes the first.
	RevisionID string
	// ClientToken makes the call idempotent; "" stores no token.
	ClientToken string
}

// Policy is a resource's policy.
type Policy struct {
	ARN      string
	Document string
	// RevisionID is 32 lowercase hexadecimal digits, new at every Put.
	RevisionID string
	// CreatedAt is when the resource's policy was first put (since it was
	// last deleted), UpdatedAt when it was last.
	CreatedAt, UpdatedAt time.Time
}

// PutPolicy makes p the policy of its resource, with a new revision, and
// returns it. When p.ClientToken put a policy before with the same
// parameters, it returns the policy that Put made, and replay true, and
// changes nothing. Errors: *NotFoundError (ResourceARN), *ConflictError
// (ReasonPolicyRevision: p.RevisionID is not the current revision, or the
// resource has no policy; ReasonTokenReused, Resource ResourcePolicy).
func (s *Store) PutPolicy(ctx context.Context, p NewPolicy) (pol Policy, replay bool, err error) {
	err = s.write(ctx, func(tx *wtx) error {
		pol, replay = Policy{}, false
		if p.ClientToken != "" {
			var arn, doc, expected, revision string
			err := tx.QueryRowContext(ctx, `SELECT arn, document, expected, revision FROM policy_tokens WHERE token = ?`,
				p.ClientToken).Scan(&arn, &doc, &expected, &revision)
			switch {
			case err == nil:
				if arn != p.ARN || doc != p.Document || expected != p.RevisionID {
					return &ConflictError{Reason: ReasonTokenReused, Resource: ResourcePolicy}
				}
				pol, err = s.policy(ctx, tx, arn)
				var nf *NotFoundError
				if errors.As(err, &nf) {
					err = errors.New("store: the policy of a client token is gone, its token kept")
				}
				pol.RevisionID = revision // the one that Put made
				replay = true
				return err
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
		}
		if err := holds(ctx, tx, tx.lookup, p.ARN); err != nil {
			return err
		}
		old, err := s.policy(ctx, tx, p.ARN)
		var nf *NotFoundError
		switch {
		case errors.As(err, &nf):
			if p.RevisionID != "" {
				return &ConflictError{Reason: ReasonPolicyRevision, Name: p.ARN}
			}
		case err != nil:
			return err
		case p.RevisionID != "" && p.RevisionID != old.RevisionID:
			return &ConflictError{Reason: ReasonPolicyRevision, Name: p.ARN}
		}
		now := timeOf(nullTime(s.now()))
		pol = Policy{ARN: p.ARN, Document: p.Document, RevisionID: newJobID(), CreatedAt: now, UpdatedAt: now}
		if nf == nil {
			pol.CreatedAt = old.CreatedAt
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO policies(arn, document, revision, created, updated) VALUES(?, ?, ?, ?, ?)
			ON CONFLICT(arn) DO UPDATE SET document = excluded.document, revision = excluded.revision, updated = excluded.updated`,
			pol.ARN, pol.Document, pol.RevisionID, pol.CreatedAt.UnixNano(), now.UnixNano()); err != nil {
			return err
		}
		if p.ClientToken != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO policy_tokens(token, arn, document, expected, revision) VALUES(?, ?, ?, ?, ?)`,
				p.ClientToken, p.ARN, p.Document, p.RevisionID, pol.RevisionID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Policy{}, false, err
	}
	return pol, replay, nil
}

// policy reads the policy of arn, or a *NotFoundError (ResourcePolicy).
func (s *Store) policy(ctx context.Context, q querier, arn string) (Policy, error) {
	p := Policy{ARN: arn}
	var created, updated int64
	err := q.QueryRowContext(ctx, `SELECT document, revision, created, updated FROM policies WHERE arn = ?`, arn).
		Scan(&p.Document, &p.RevisionID, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return Policy{}, &NotFoundError{Resource: ResourcePolicy, Name: arn}
	}
	if err != nil {
		return Policy{}, err
	}
	p.CreatedAt, p.UpdatedAt = time.Unix(0, created).UTC(), time.Unix(0, updated).UTC()
	return p, nil
}

// Policy returns the policy of the resource of arn. Errors: *NotFoundError
// (ResourceARN: no such resource; ResourcePolicy: it has no policy).
func (s *Store) Policy(ctx context.Context, arn string) (Policy, error) {
	if err := s.readable(); err != nil {
		return Policy{}, err
	}
	if err := holds(ctx, &s.rs, s.findIndexed, arn); err != nil {
		return Policy{}, err
	}
	return s.policy(ctx, &s.rs, arn)
}

// DeletePolicy deletes the policy of the resource of arn, and the client
// tokens of the Puts that made its revisions (a replay of one puts the
// policy again). Errors: *NotFoundError (ResourceARN, ResourcePolicy).
func (s *Store) DeletePolicy(ctx context.Context, arn string) error {
	return s.write(ctx, func(tx *wtx) error {
		if err := holds(ctx, tx, tx.lookup, arn); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM policies WHERE arn = ?`, arn)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return err
			}
			return &NotFoundError{Resource: ResourcePolicy, Name: arn}
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM policy_tokens WHERE arn = ?`, arn)
		return err
	})
}
