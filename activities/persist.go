package activities

import (
	"context"
	"errors"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/uptrace/bun"
	"go.temporal.io/sdk/temporal"
)

// CaseProjection is the case's state as the workflow writes it to its row
// in `cases`: what lists, purges and reports read. Dates are YYYY-MM-DD.
type CaseProjection struct {
	// Seq grows with every write of the run and across runs, so a late
	// retry of an older write never overwrites a newer one.
	Seq           int64     `json:"seq"`
	Stage         string    `json:"stage"`
	Outcome       string    `json:"outcome,omitempty"`
	Rights        []string  `json:"rights"`
	Due           string    `json:"due"`
	LegalDue      string    `json:"legal_due"`
	PromisedDue   string    `json:"promised_due,omitempty"`
	Overdue       bool      `json:"overdue"`
	Extended      bool      `json:"extended"`
	PausedSince   string    `json:"paused_since,omitempty"`
	PausedDays    int       `json:"paused_days"`
	Assignee      string    `json:"assignee,omitempty"`
	ClosedOn      string    `json:"closed_on,omitempty"`
	LetterBlocked string    `json:"letter_blocked,omitempty"`
	At            time.Time `json:"at"`
}

// PersistInput is one step of a case: the audit events it recorded, in
// order, and the state it leads to.
type PersistInput struct {
	CaseNumber string
	Events     []AuditInput
	Case       *CaseProjection
}

// Persist writes a step's audit events and the case's state in one
// transaction: the trail and the row never disagree on what happened.
func (a *Activities) Persist(ctx context.Context, in PersistInput) error {
	entries := make([]audit.Entry, 0, len(in.Events))
	for _, e := range in.Events {
		ev, err := event.Decode(e.Action, string(e.Details))
		if err != nil {
			return temporal.NewNonRetryableApplicationError("audit event does not decode", "BadAuditEvent", err)
		}
		entries = append(entries, audit.Entry{CaseNumber: e.CaseNumber, Time: e.Time, Actor: e.Actor, Event: ev, IdemKey: e.IdemKey})
	}
	var also func(ctx context.Context, tx bun.IDB) error
	if p := in.Case; p != nil {
		also = func(ctx context.Context, tx bun.IDB) error {
			err := a.Store.ProjectCase(ctx, tx, store.CaseState{
				Number: in.CaseNumber, Seq: p.Seq, Stage: p.Stage, Outcome: p.Outcome, Rights: p.Rights, Due: p.Due,
				LegalDue: p.LegalDue, PromisedDue: p.PromisedDue, Overdue: p.Overdue, Extended: p.Extended,
				PausedSince: p.PausedSince, PausedDays: p.PausedDays, Assignee: p.Assignee, ClosedOn: p.ClosedOn,
				LetterBlocked: p.LetterBlocked, At: p.At,
			})
			if errors.Is(err, store.ErrNotFound) {
				return temporal.NewNonRetryableApplicationError(err.Error(), "NoSuchCase", err)
			}
			return err
		}
	}
	_, err := a.Trail.AppendBatch(ctx, entries, also)
	return err
}
