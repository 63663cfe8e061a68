package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// RestrictionLift is a lift of a case's restriction, announced to the
// person and waiting for its day and for the notice to have gone.
type RestrictionLift struct {
	bun.BaseModel `bun:"table:restriction_lifts"`

	CaseNumber string     `bun:"case_number,pk"`
	LiftOn     string     `bun:"lift_on,notnull"` // YYYY-MM-DD
	Actor      string     `bun:"actor,notnull"`
	CreatedAt  time.Time  `bun:"created_at,nullzero,notnull,default:current_timestamp"`
	LiftedAt   *time.Time `bun:"lifted_at"`
}

// PlanLift records the lift of a case's restriction on a day, unless one is
// planned already, and returns the one planned.
func (s *Store) PlanLift(ctx context.Context, l *RestrictionLift) (*RestrictionLift, error) {
	if _, err := s.db.NewInsert().Model(l).ExcludeColumn("created_at", "lifted_at").On("CONFLICT (case_number) DO NOTHING").Exec(ctx); err != nil {
		return nil, fmt.Errorf("plan the lift: %w", err)
	}
	var got RestrictionLift
	if err := s.db.NewSelect().Model(&got).Where("case_number = ?", l.CaseNumber).Scan(ctx); err != nil {
		return nil, err
	}
	return &got, nil
}

// LiftsDue returns the planned lifts whose day has come, not yet done.
func (s *Store) LiftsDue(ctx context.Context, today time.Time) ([]RestrictionLift, error) {
	var ls []RestrictionLift
	err := s.db.NewSelect().Model(&ls).Where("lifted_at IS NULL AND lift_on <= ?", today.Format(time.DateOnly)).Order("case_number").Scan(ctx)
	return ls, err
}

// MarkLifted records that a planned lift was carried out.
func (s *Store) MarkLifted(ctx context.Context, caseNumber string, at time.Time) error {
	_, err := s.db.NewUpdate().Model((*RestrictionLift)(nil)).Set("lifted_at = ?", at.UTC()).Where("case_number = ?", caseNumber).Exec(ctx)
	return err
}
