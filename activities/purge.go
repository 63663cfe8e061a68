package activities

import (
	"context"
	"fmt"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/uptrace/bun"
)

// scheduleDeletions records, for each kept item, the day after its
// retention ends, when the purge job erases it.
func scheduleDeletions(ctx context.Context, tx bun.IDB, caseNumber string, kept []register.Kept) error {
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

type scheduled struct {
	ID         int64  `bun:"id"`
	CaseNumber string `bun:"case_number"`
	System     string `bun:"system"`
	Category   string `bun:"category"`
	DueOn      string `bun:"due_on"`
}

// PurgeDue erases what erasure kept once its retention has run out, case by
// case, and records it in each case's audit trail. Running it twice, or on
// several workers at once, erases once. It returns how many were done.
func (a *Activities) PurgeDue(ctx context.Context) (int, error) {
	today := deadline.DateOf(a.now())
	var due []scheduled
	err := a.Store.DB.NewSelect().TableExpr("scheduled_deletions").Column("id", "case_number", "system", "category", "due_on").
		Where("done_at IS NULL AND due_on <= ?", today.Format(time.DateOnly)).OrderExpr("id").Scan(ctx, &due)
	if err != nil {
		return 0, err
	}
	reg := register.New(a.Store.DB, a.Store.Postgres)
	records, err := reg.Records(ctx)
	if err != nil {
		return 0, err
	}
	done := 0
	for _, d := range due {
		c, err := a.Store.Case(ctx, d.CaseNumber)
		if err != nil {
			return done, err
		}
		subj := subjectOf(c)
		subj.ErasedCase = c.Number // anonymised rows lost the other keys
		var sys System
		for _, s := range a.systems(reg) {
			if s.SystemName() == d.System {
				sys = s
			}
		}
		if sys == nil {
			return done, fmt.Errorf("scheduled deletion %d names unknown system %q", d.ID, d.System)
		}
		var e register.Erasure
		err = a.Store.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			res, err := tx.NewUpdate().TableExpr("scheduled_deletions").Set("done_at = ?", a.now().UTC()).
				Where("id = ? AND done_at IS NULL", d.ID).Exec(ctx)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return nil // another worker took it
			}
			if e, err = sys.Erase(ctx, tx, subj, records, today, d.CaseNumber); err != nil {
				return err
			}
			return scheduleDeletions(ctx, tx, d.CaseNumber, e.Kept)
		})
		if err != nil {
			return done, fmt.Errorf("purge %s for %s: %w", d.Category, d.CaseNumber, err)
		}
		if a.Trail != nil {
			if _, err := a.Trail.Append(ctx, audit.Entry{CaseNumber: d.CaseNumber, Time: a.now(), Actor: "system",
				Event:   event.RetentionErased{System: d.System, Category: d.Category, DueOn: d.DueOn, Erased: e.Erased},
				IdemKey: fmt.Sprintf("purge/%d", d.ID)}); err != nil {
				return done, err
			}
		}
		done++
	}
	return done, nil
}
