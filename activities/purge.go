package activities

import (
	"context"
	"fmt"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/uptrace/bun"
)

// PurgeDue erases what erasure kept once its retention has run out, case by
// case, and records it in each case's audit trail. Running it twice, or on
// several workers at once, erases once. It returns how many were done.
func (a *Activities) PurgeDue(ctx context.Context) (int, error) {
	today := deadline.DateOf(a.now())
	due, err := a.Store.DueDeletions(ctx, today)
	if err != nil {
		return 0, err
	}
	reg := a.reg()
	records, err := reg.Records(ctx)
	if err != nil {
		return 0, err
	}
	done := 0
	for i, d := range due {
		heartbeat(ctx, i)
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
		taken, err := a.Store.TakeDeletion(ctx, d.ID, a.now(), func(ctx context.Context, tx bun.IDB) error {
			var err error
			if e, err = sys.Erase(ctx, tx, subj, records, register.Scope{}, today, d.CaseNumber); err != nil {
				return err
			}
			return a.Store.ScheduleDeletions(ctx, tx, d.CaseNumber, keptOf(e.Kept))
		})
		if err != nil {
			return done, fmt.Errorf("purge %s for %s: %w", d.Category, d.CaseNumber, err)
		}
		if !taken {
			continue // another worker took it
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
