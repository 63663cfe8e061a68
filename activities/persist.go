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

// AuditHead is the last event of a case's audit chain, as the workflow
// keeps it: Temporal's history then holds it too, apart from the database,
// and `dsr audit verify` compares the two.
type AuditHead struct {
	Seq  int    `json:"seq"`
	Hash string `json:"hash"`
}

// PersistInput is one step of a case: the audit events it recorded, in
// order, the state it leads to, and the head of its chain as the workflow
// last knew it (nil: not known).
type PersistInput struct {
	CaseNumber string
	Events     []AuditInput
	Case       *CaseProjection
	Head       *AuditHead `json:",omitempty"`
}

// PersistResult is the case's audit head after the step.
type PersistResult struct {
	Head AuditHead
}

// Persist writes a step's audit events and the case's state in one
// transaction: the trail and the row never disagree on what happened.
func (a *Activities) Persist(ctx context.Context, in PersistInput) (PersistResult, error) {
	entries := make([]audit.Entry, 0, len(in.Events))
	for _, e := range in.Events {
		ev, err := event.Decode(e.Action, string(e.Details))
		if err != nil {
			return PersistResult{}, temporal.NewNonRetryableApplicationError("audit event does not decode", "BadAuditEvent", err)
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
	if len(entries) == 0 {
		// The state moved without an event: the row alone.
		if also != nil {
			if err := also(ctx, a.Store.DB); err != nil {
				return PersistResult{}, err
			}
		}
		if in.Head != nil {
			return PersistResult{Head: *in.Head}, nil
		}
		h, err := a.Trail.Head(ctx, in.CaseNumber)
		return PersistResult{Head: AuditHead{Seq: h.Seq, Hash: h.Hash}}, err
	}
	var expect *audit.Head
	if in.Head != nil {
		expect = &audit.Head{CaseNumber: in.CaseNumber, Seq: in.Head.Seq, Hash: in.Head.Hash}
	}
	h, err := a.Trail.AppendBatch(ctx, entries, expect, also)
	if err != nil {
		return PersistResult{}, err
	}
	return PersistResult{Head: AuditHead{Seq: h.Seq, Hash: h.Hash}}, nil
}
