package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// FulfilmentAction is a right carried out in one system: the ledger that
// makes fulfilment exactly once per case, right and system.
type FulfilmentAction struct {
	bun.BaseModel `bun:"table:fulfilment_actions"`

	ID         int64     `bun:"id,pk,autoincrement"`
	CaseNumber string    `bun:"case_number"`
	Right      string    `bun:"right_name"`
	System     string    `bun:"system"`
	Result     string    `bun:"result"`
	DoneAt     time.Time `bun:"done_at"`
}

// FulfilmentActions lists what fulfilment did for a case, in order.
func (s *Store) FulfilmentActions(ctx context.Context, caseNumber string) ([]FulfilmentAction, error) {
	var acts []FulfilmentAction
	err := s.db.NewSelect().Model(&acts).Where("case_number = ?", caseNumber).Order("id").Scan(ctx)
	return acts, err
}

// Fulfilled says whether a right was carried out in any system for a case.
func (s *Store) Fulfilled(ctx context.Context, caseNumber, right string) (bool, error) {
	return s.db.NewSelect().Model((*FulfilmentAction)(nil)).Where("case_number = ? AND right_name = ?", caseNumber, right).Exists(ctx)
}

// SystemWork is a right carried out in one system inside the transaction
// that records it; it returns the result to record and the recipients to
// notify of the change (Art. 19), if any.
type SystemWork func(ctx context.Context, tx bun.IDB) (result string, notify []string, err error)

// RunOnce carries out work for the case, right and system once: the first
// run does it and records its result in the same transaction, with a
// notice row per recipient; a later run (a retry, another worker after a
// crash) returns the recorded result without doing anything. When the
// system decides (a file beside the engine's SQLite file, whose commit may
// be kept while the engine's is lost, or lost while the engine's is kept),
// work runs on every attempt and answers from the system's own ledger; the
// engine's row follows what the system says.
func (s *Store) RunOnce(ctx context.Context, caseNumber, right, system string, now time.Time, systemDecides bool, work SystemWork) (string, error) {
	var result string
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var done FulfilmentAction
		err := tx.NewSelect().Model(&done).Where("case_number = ? AND right_name = ? AND system = ?", caseNumber, right, system).Scan(ctx)
		switch {
		case err == nil && !systemDecides:
			result = done.Result
			return nil // done before a crash or by an earlier attempt
		case err != nil && !errors.Is(err, sql.ErrNoRows):
			return err
		}
		r, notify, err := work(ctx, tx)
		if err != nil {
			return err
		}
		result = r
		_, err = tx.NewInsert().Model(&FulfilmentAction{CaseNumber: caseNumber, Right: right, System: system, Result: r, DoneAt: now.UTC()}).
			ExcludeColumn("id").On("CONFLICT (case_number, right_name, system) DO UPDATE").
			Set("result = EXCLUDED.result").Where("?TableAlias.result <> EXCLUDED.result").Exec(ctx)
		if err != nil {
			return err
		}
		for _, who := range notify {
			_, err := tx.ExecContext(ctx, "INSERT INTO recipient_notices (case_number, recipient, change, created_at) VALUES (?, ?, ?, ?) "+
				"ON CONFLICT (case_number, recipient, change) DO NOTHING", caseNumber, who, right, now.UTC())
			if err != nil {
				return fmt.Errorf("record the notice to %s: %w", who, err)
			}
		}
		return nil
	})
	return result, err
}

// RecipientNotices lists the recipients to tell of a case's change, in the
// order they were recorded.
func (s *Store) RecipientNotices(ctx context.Context, caseNumber, change string) ([]string, error) {
	var who []string
	err := s.db.NewRaw("SELECT recipient FROM recipient_notices WHERE case_number = ? AND change = ? ORDER BY id", caseNumber, change).Scan(ctx, &who)
	return who, err
}

// Kept is data an erasure kept, and until when.
type Kept struct {
	System   string
	Category string
	Until    time.Time
}

// ScheduleDeletions records in tx, for each kept item, the day after its
// retention ends, when the purge erases it.
func (s *Store) ScheduleDeletions(ctx context.Context, tx bun.IDB, caseNumber string, kept []Kept) error {
	for _, k := range kept {
		due := k.Until.AddDate(0, 0, 1).Format(time.DateOnly)
		_, err := tx.ExecContext(ctx, "INSERT INTO scheduled_deletions (case_number, system, category, due_on) VALUES (?, ?, ?, ?) "+
			"ON CONFLICT (case_number, system, category) DO UPDATE SET due_on = EXCLUDED.due_on, done_at = NULL", caseNumber, k.System, k.Category, due)
		if err != nil {
			return fmt.Errorf("schedule the deletion of %s: %w", k.Category, err)
		}
	}
	return nil
}

// ScheduledDeletion is kept data whose retention ends on DueOn.
type ScheduledDeletion struct {
	ID         int64  `bun:"id"`
	CaseNumber string `bun:"case_number"`
	System     string `bun:"system"`
	Category   string `bun:"category"`
	DueOn      string `bun:"due_on"`
}

// DueDeletions lists the scheduled deletions due by today, not yet done.
func (s *Store) DueDeletions(ctx context.Context, today time.Time) ([]ScheduledDeletion, error) {
	var due []ScheduledDeletion
	err := s.db.NewSelect().TableExpr("scheduled_deletions").Column("id", "case_number", "system", "category", "due_on").
		Where("done_at IS NULL AND due_on <= ?", today.Format(time.DateOnly)).OrderExpr("id").Scan(ctx, &due)
	return due, err
}

// TakeDeletion marks a scheduled deletion done and runs erase in the same
// transaction; it returns false, running nothing, when another worker took
// it first.
func (s *Store) TakeDeletion(ctx context.Context, id int64, now time.Time, erase func(ctx context.Context, tx bun.IDB) error) (bool, error) {
	taken := false
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewUpdate().TableExpr("scheduled_deletions").Set("done_at = ?", now.UTC()).
			Where("id = ? AND done_at IS NULL", id).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		taken = true
		return erase(ctx, tx)
	})
	return taken, err
}

// MessageDue is a stored message whose retention has ended.
type MessageDue struct {
	ID         int64  `bun:"id"`
	CaseNumber string `bun:"case_number"`
	SHA256     string `bun:"sha256"`
}

// MessagesClosedBefore lists the stored messages, not yet erased, of cases
// closed before cutoff. A case's closure is read from its row, as its
// workflow wrote it; a case whose workflow began before it wrote its row
// (state_seq 0) has its closure in its trail's case.closed event.
func (s *Store) MessagesClosedBefore(ctx context.Context, cutoff time.Time) ([]MessageDue, error) {
	var due []MessageDue
	err := s.db.NewRaw(`SELECT m.id, m.case_number, m.sha256 FROM inbound_messages m JOIN cases c ON c.number = m.case_number
		WHERE m.raw_erased_at IS NULL AND (
			(c.state_seq > 0 AND c.stage = 'closed' AND c.closed_on <> '' AND c.closed_on < ?)
			OR (c.state_seq = 0 AND EXISTS (SELECT 1 FROM audit_events e
				WHERE e.case_number = m.case_number AND e.action = 'case.closed' AND e.occurred_at < ?)))
		ORDER BY m.id`, cutoff.Format(time.DateOnly), cutoff).Scan(ctx, &due)
	return due, err
}
