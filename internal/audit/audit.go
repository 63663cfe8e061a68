// Package audit keeps the case's audit trail: append-only events, each
// hash-chained to the one before it in the same case, so that a changed,
// removed or reordered event is found by Verify.
package audit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/harmoniq/dsr/internal/event"
	"github.com/uptrace/bun"
)

// Event is one entry in a case's audit trail. Details carry no personal data
// beyond what the record needs: ids, names of rights, outcomes, hashes.
type Event struct {
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
	// GSeq, GPrevHash and GHash place the event in the global chain.
	GSeq      int64  `bun:"gseq,notnull" json:"gseq"`
	GPrevHash string `bun:"gprev_hash,notnull" json:"gprev_hash"`
	GHash     string `bun:"ghash,notnull" json:"ghash"`
}

// Entry is what a caller appends; the trail adds the sequence and hashes.
type Entry struct {
	CaseNumber string
	Time       time.Time
	Actor      string
	Event      event.Event
	// IdemKey identifies the entry across retries: appending the same key
	// twice writes one event.
	IdemKey string
}

// Genesis is the previous hash of a case's first event.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// Trail appends to and reads the audit trail.
type Trail struct {
	db       *bun.DB
	postgres bool
	// Signer, when set, signs a checkpoint of the case's chain and of the
	// global chain each time a case closes.
	Signer *Signer
}

// New returns a Trail on db; postgres selects PostgreSQL's locking.
func New(db *bun.DB, postgres bool) *Trail { return &Trail{db: db, postgres: postgres} }

// globalLock is the advisory lock that serialises appends: one writer at a
// time extends the global chain, so it has no gaps and no forks, and the case
// chains with it.
const globalLock = 0x445352_41554454 // "DSRAUDT"

// Append writes e as the next event of its case and of the global chain and
// returns it. Appends from many workers are serialised inside the
// transaction; appending an IdemKey already written returns that event.
func (t *Trail) Append(ctx context.Context, e Entry) (*Event, error) {
	out, err := t.AppendBatch(ctx, []Entry{e}, nil)
	if len(out) == 0 {
		return nil, err
	}
	return &out[0], err
}

// AppendBatch writes the entries, in order, in one transaction, and runs
// also in it (the projection of the case the events are about), so that
// the events and the state they lead to are written together or not at
// all. An entry whose IdemKey was written before is not written again.
func (t *Trail) AppendBatch(ctx context.Context, entries []Entry, also func(ctx context.Context, tx bun.IDB) error) ([]Event, error) {
	type encoded struct {
		e       Entry
		action  string
		details string
	}
	enc := make([]encoded, 0, len(entries))
	for _, e := range entries {
		if e.CaseNumber == "" || e.Event == nil || e.IdemKey == "" {
			return nil, errors.New("audit entry needs a case number, an event and an idempotency key")
		}
		details, err := event.Encode(e.Event)
		if err != nil {
			return nil, err
		}
		enc = append(enc, encoded{e, e.Event.Action(), string(details)})
	}
	out := make([]Event, len(enc))
	err := t.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if t.postgres && len(enc) > 0 {
			if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", globalLock); err != nil {
				return fmt.Errorf("lock the audit chain: %w", err)
			}
		}
		for i, x := range enc {
			if err := t.appendIn(ctx, tx, x.e, x.action, x.details, &out[i]); err != nil {
				return fmt.Errorf("append audit event %s to %s: %w", x.action, x.e.CaseNumber, err)
			}
		}
		if also != nil {
			return also(ctx, tx)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if t.Signer != nil {
		for _, x := range enc {
			if x.action != event.ActCaseClosed {
				continue
			}
			if err := t.CheckpointCase(ctx, x.e.CaseNumber); err != nil {
				return out, err
			}
			if err := t.CheckpointGlobal(ctx); err != nil {
				return out, err
			}
		}
	}
	return out, nil
}

// appendIn writes one event in tx, which holds the chain's lock.
func (t *Trail) appendIn(ctx context.Context, tx bun.Tx, e Entry, action, details string, out *Event) error {
	if err := tx.NewSelect().Model(out).Where("idem_key = ?", e.IdemKey).Scan(ctx); err == nil {
		return nil // written by an earlier attempt
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var last Event
	err := tx.NewSelect().Model(&last).Column("seq", "hash").Where("case_number = ?", e.CaseNumber).
		Order("seq DESC").Limit(1).Scan(ctx)
	prevSeq, prevHash := 0, Genesis
	if err == nil {
		prevSeq, prevHash = last.Seq, last.Hash
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var glast Event
	err = tx.NewSelect().Model(&glast).Column("gseq", "ghash").Order("gseq DESC").Limit(1).Scan(ctx)
	gprevSeq, gprevHash := int64(0), Genesis
	if err == nil {
		gprevSeq, gprevHash = glast.GSeq, glast.GHash
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	*out = Event{
		CaseNumber: e.CaseNumber, Seq: prevSeq + 1, OccurredAt: e.Time.UTC().Truncate(time.Microsecond),
		Actor: e.Actor, Action: action, Details: details, IdemKey: e.IdemKey, PrevHash: prevHash,
		GSeq: gprevSeq + 1, GPrevHash: gprevHash,
	}
	out.Hash = out.ComputeHash()
	out.GHash = out.ComputeGlobalHash()
	_, err = tx.NewInsert().Model(out).ExcludeColumn("id").Exec(ctx)
	return err
}

// ComputeHash returns the SHA-256 over a canonical encoding of the event's
// content and the previous hash: length-prefixed fields, so no two different
// events encode alike.
func (e *Event) ComputeHash() string {
	h := sha256.New()
	for _, f := range []string{
		e.PrevHash, e.CaseNumber, strconv.Itoa(e.Seq),
		e.OccurredAt.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano),
		e.Actor, e.Action, e.Details,
	} {
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ComputeGlobalHash returns the SHA-256 linking the event into the global
// chain: the previous global hash, the global sequence number and the
// event's own hash, which covers its content.
func (e *Event) ComputeGlobalHash() string {
	h := sha256.New()
	for _, f := range []string{e.GPrevHash, strconv.FormatInt(e.GSeq, 10), e.Hash} {
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Events returns the case's events in sequence order.
func (t *Trail) Events(ctx context.Context, caseNumber string) ([]Event, error) {
	var es []Event
	err := t.db.NewSelect().Model(&es).Where("case_number = ?", caseNumber).Order("seq").Scan(ctx)
	return es, err
}

// ByAction returns the events with one of the actions, oldest first.
func (t *Trail) ByAction(ctx context.Context, actions ...string) ([]Event, error) {
	var es []Event
	err := t.db.NewSelect().Model(&es).Where("action IN (?)", bun.List(actions)).Order("occurred_at", "id").Scan(ctx)
	return es, err
}
