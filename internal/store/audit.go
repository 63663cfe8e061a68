package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"
)

// AuditEvent is one row of the audit trail. Format 1 events are chained
// within their case and in the global chain (GSeq, GPrevHash, GHash);
// format 2 events within their case only, GSeq giving the order they were
// written in.
type AuditEvent struct {
	bun.BaseModel `bun:"table:audit_events"`

	ID         int64     `bun:"id,pk,autoincrement" json:"-"`
	CaseNumber string    `bun:"case_number,notnull" json:"case"`
	Seq        int       `bun:"seq,notnull" json:"seq"`
	OccurredAt time.Time `bun:"occurred_at,notnull" json:"time"`
	Actor      string    `bun:"actor,notnull" json:"actor"`
	Action     string    `bun:"action,notnull" json:"action"`
	Details    string    `bun:"details,notnull" json:"details"`
	IdemKey    string    `bun:"idem_key,notnull" json:"-"`
	PrevHash   string    `bun:"prev_hash,notnull" json:"prev_hash"`
	Hash       string    `bun:"hash,notnull" json:"hash"`
	GSeq       int64     `bun:"gseq" json:"gseq"`
	GPrevHash  string    `bun:"gprev_hash,notnull" json:"gprev_hash,omitempty"`
	GHash      string    `bun:"ghash,notnull" json:"ghash,omitempty"`
	Format     int       `bun:"format,notnull" json:"format"`
}

// AuditCheckpoint is a signed statement about chain heads: of one case, of
// the global chain (format 1), or a root over the heads of every case
// (format 2; Heads lists the heads that changed since the root before).
type AuditCheckpoint struct {
	bun.BaseModel `bun:"table:audit_checkpoints"`

	ID        int64     `bun:"id,pk,autoincrement" json:"-"`
	Scope     string    `bun:"scope,notnull" json:"scope"`
	Seq       int64     `bun:"seq,notnull" json:"seq"`
	Hash      string    `bun:"hash,notnull" json:"hash"`
	SignedAt  time.Time `bun:"signed_at,notnull" json:"signed_at"`
	KeyID     string    `bun:"key_id,notnull" json:"key_id"`
	Signature string    `bun:"signature,notnull" json:"signature"`
	Heads     string    `bun:"heads,notnull" json:"heads,omitempty"`
}

// AuditHead is the last event of a case's chain.
type AuditHead struct {
	CaseNumber string `bun:"case_number" json:"case,omitempty"`
	Seq        int    `bun:"seq" json:"seq"`
	Hash       string `bun:"hash" json:"hash"`
}

// ErrStaleHead is returned, wrapped, when a write expected a case's chain
// to end where it no longer does.
var ErrStaleHead = errors.New("the case's audit chain has moved on")

// Chain fills in the sequence numbers and hashes of events that follow
// (prevSeq, prevHash) in their case's chain.
type Chain func(prevSeq int, prevHash string, events []AuditEvent)

// AppendAudit writes events of one case as the next of its chain, with
// also (the case's projection, say) in the same transaction. With expect,
// the caller knows the chain's head and chain has filled the events in
// already: one statement writes them, unless the head moved, when the slow
// way locks the case, reads its head and chains them again. An event whose
// IdemKey is written already is not written again; the head returned is
// then the case's.
func (s *Store) AppendAudit(ctx context.Context, events []AuditEvent, expect *AuditHead, chain Chain, also func(ctx context.Context, tx bun.IDB) error) (AuditHead, error) {
	if len(events) == 0 {
		return AuditHead{}, errors.New("no audit events to append")
	}
	number := events[0].CaseNumber
	for _, e := range events {
		if e.CaseNumber != number {
			return AuditHead{}, errors.New("audit events of one append must be of one case")
		}
	}
	if expect != nil {
		head, err := s.appendFast(ctx, events, *expect, chain, also)
		if !errors.Is(err, ErrStaleHead) {
			return head, err
		}
	}
	var head AuditHead
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if s.Postgres {
			if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", number); err != nil {
				return fmt.Errorf("lock the audit chain of %s: %w", number, err)
			}
		}
		h, err := s.auditHead(ctx, tx, number)
		if err != nil {
			return err
		}
		chain(h.Seq, h.Hash, events)
		if head, err = s.insertAudit(ctx, tx, events); err != nil {
			return err
		}
		if also != nil {
			return also(ctx, tx)
		}
		return nil
	})
	if err != nil {
		return AuditHead{}, fmt.Errorf("append audit events to %s: %w", number, err)
	}
	return head, nil
}

// appendFast writes events chained after expect in one statement (with
// also, in one transaction).
func (s *Store) appendFast(ctx context.Context, events []AuditEvent, expect AuditHead, chain Chain, also func(ctx context.Context, tx bun.IDB) error) (AuditHead, error) {
	chain(expect.Seq, expect.Hash, events)
	if also == nil {
		head, err := s.insertAudit(ctx, s.db, events)
		if isUniqueViolation(err, "seq") {
			return AuditHead{}, ErrStaleHead
		}
		return head, err
	}
	var head AuditHead
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if head, err = s.insertAudit(ctx, tx, events); err != nil {
			return err
		}
		return also(ctx, tx)
	})
	if isUniqueViolation(err, "seq") {
		return AuditHead{}, ErrStaleHead
	}
	return head, err
}

// insertAudit inserts chained events as format 2 and returns the head.
func (s *Store) insertAudit(ctx context.Context, db bun.IDB, events []AuditEvent) (AuditHead, error) {
	cols := "case_number, seq, occurred_at, actor, action, details, idem_key, prev_hash, hash, gprev_hash, ghash, format"
	var b strings.Builder
	args := make([]any, 0, len(events)*10)
	b.WriteString("INSERT INTO audit_events (" + cols)
	if !s.Postgres {
		b.WriteString(", gseq")
	}
	b.WriteString(") VALUES ")
	for i, e := range events {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', 2")
		if !s.Postgres {
			// One writer: the next global order number, past the rows
			// written before in this statement.
			fmt.Fprintf(&b, ", (SELECT COALESCE(MAX(gseq), 0) + %d FROM audit_events)", i+1)
		}
		b.WriteString(")")
		args = append(args, e.CaseNumber, e.Seq, e.OccurredAt.UTC(), e.Actor, e.Action, e.Details, e.IdemKey, e.PrevHash, e.Hash)
	}
	// Exec, not a query with RETURNING: one round trip where a query
	// takes two. What was written is known: the events, or none of them
	// when an earlier attempt wrote them.
	b.WriteString(" ON CONFLICT (idem_key) DO NOTHING")
	res, err := db.ExecContext(ctx, b.String(), args...)
	if err != nil {
		return AuditHead{}, err
	}
	if n, err := res.RowsAffected(); err == nil && n == int64(len(events)) {
		last := events[len(events)-1]
		return AuditHead{CaseNumber: last.CaseNumber, Seq: last.Seq, Hash: last.Hash}, nil
	}
	// Written, whole or in part, by an earlier attempt: the case's head is
	// where it is.
	return s.auditHead(ctx, db, events[0].CaseNumber)
}

func isUniqueViolation(err error, column string) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505" && strings.Contains(pg.ConstraintName, "case_number_"+column)
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed: audit_events.case_number, audit_events."+column)
}

// auditHead reads a case's head; (0, "") when it has no events.
func (s *Store) auditHead(ctx context.Context, db bun.IDB, number string) (AuditHead, error) {
	h := AuditHead{CaseNumber: number}
	err := db.NewSelect().Table("audit_events").Column("seq", "hash").Where("case_number = ?", number).
		Order("seq DESC").Limit(1).Scan(ctx, &h.Seq, &h.Hash)
	if errors.Is(err, sql.ErrNoRows) {
		return h, nil
	}
	return h, err
}

// AuditHeadOf reads a case's head; Seq 0 when it has no events.
func (s *Store) AuditHeadOf(ctx context.Context, number string) (AuditHead, error) {
	return s.auditHead(ctx, s.db, number)
}

// AuditEvents returns a case's events in sequence order.
func (s *Store) AuditEvents(ctx context.Context, number string) ([]AuditEvent, error) {
	var es []AuditEvent
	err := s.db.NewSelect().Model(&es).Where("case_number = ?", number).Order("seq").Scan(ctx)
	return es, err
}

// AuditEventsByAction returns the events with one of the actions, oldest
// first.
func (s *Store) AuditEventsByAction(ctx context.Context, actions ...string) ([]AuditEvent, error) {
	var es []AuditEvent
	err := s.db.NewSelect().Model(&es).Where("action IN (?)", bun.List(actions)).Order("occurred_at", "id").Scan(ctx)
	return es, err
}

// StreamAuditEvents reads every event in global order, in batches, and
// hands each to fn; the next batch is read while fn works on this one.
func (s *Store) StreamAuditEvents(ctx context.Context, batch int, fn func([]AuditEvent) error) error {
	type result struct {
		events []AuditEvent
		err    error
	}
	ch := make(chan result, 2)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(ch)
		rows, err := s.db.QueryContext(ctx, `SELECT case_number, seq, occurred_at, actor, action, details, prev_hash, hash, gseq, gprev_hash, ghash, format
			FROM audit_events ORDER BY gseq`)
		if err != nil {
			ch <- result{err: err}
			return
		}
		defer rows.Close()
		buf := make([]AuditEvent, 0, batch)
		for rows.Next() {
			var e AuditEvent
			if err := rows.Scan(&e.CaseNumber, &e.Seq, &e.OccurredAt, &e.Actor, &e.Action, &e.Details, &e.PrevHash, &e.Hash, &e.GSeq, &e.GPrevHash, &e.GHash, &e.Format); err != nil {
				ch <- result{err: err}
				return
			}
			buf = append(buf, e)
			if len(buf) == batch {
				select {
				case ch <- result{events: buf}:
				case <-ctx.Done():
					return
				}
				buf = make([]AuditEvent, 0, batch)
			}
		}
		if err := rows.Err(); err != nil {
			ch <- result{err: err}
			return
		}
		if len(buf) > 0 {
			ch <- result{events: buf}
		}
	}()
	for r := range ch {
		if r.err != nil {
			return fmt.Errorf("read the audit trail: %w", r.err)
		}
		if err := fn(r.events); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// AuditHeadsSince returns the head of every case with an event whose id is
// above afterID, and the highest id seen.
func (s *Store) AuditHeadsSince(ctx context.Context, afterID int64) ([]AuditHead, int64, error) {
	var maxID int64
	if err := s.db.NewRaw("SELECT COALESCE(MAX(id), 0) FROM audit_events").Scan(ctx, &maxID); err != nil {
		return nil, 0, err
	}
	var heads []AuditHead
	err := s.db.NewRaw(`SELECT e.case_number, e.seq, e.hash FROM audit_events e
		JOIN (SELECT case_number, MAX(seq) AS seq FROM audit_events
			WHERE case_number IN (SELECT DISTINCT case_number FROM audit_events WHERE id > ?) GROUP BY case_number) h
		ON h.case_number = e.case_number AND h.seq = e.seq ORDER BY e.case_number`, afterID).Scan(ctx, &heads)
	return heads, maxID, err
}

// AuditCheckpoints returns every checkpoint, oldest first.
func (s *Store) AuditCheckpoints(ctx context.Context) ([]AuditCheckpoint, error) {
	var cs []AuditCheckpoint
	err := s.db.NewSelect().Model(&cs).Order("id").Scan(ctx)
	return cs, err
}

// AuditCheckpointsOf returns the checkpoints of one scope, oldest first.
func (s *Store) AuditCheckpointsOf(ctx context.Context, scope string) ([]AuditCheckpoint, error) {
	var cs []AuditCheckpoint
	err := s.db.NewSelect().Model(&cs).Where("scope = ?", scope).Order("id").Scan(ctx)
	return cs, err
}

// LastAuditCheckpoint returns the newest checkpoint of scope; nil when
// there is none.
func (s *Store) LastAuditCheckpoint(ctx context.Context, scope string) (*AuditCheckpoint, error) {
	var c AuditCheckpoint
	err := s.db.NewSelect().Model(&c).Where("scope = ?", scope).Order("seq DESC").Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &c, err
}

// SaveAuditCheckpoint stores a signed checkpoint; one of the same scope
// and number is not stored twice.
func (s *Store) SaveAuditCheckpoint(ctx context.Context, c *AuditCheckpoint) error {
	_, err := s.db.NewInsert().Model(c).ExcludeColumn("id").On("CONFLICT (scope, seq) DO NOTHING").Exec(ctx)
	return err
}

// CaseNumbersCreatedBefore lists the cases opened before a time.
func (s *Store) CaseNumbersCreatedBefore(ctx context.Context, before time.Time) ([]string, error) {
	var out []string
	err := s.db.NewSelect().Table("cases").Column("number").Where("created_at < ?", before.UTC()).Order("number").Scan(ctx, &out)
	return out, err
}
