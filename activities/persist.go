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
	Seq           int64    `json:"seq"`
	Stage         string   `json:"stage"`
	Outcome       string   `json:"outcome,omitempty"`
	Rights        []string `json:"rights"`
	Due           string   `json:"due"`
	LegalDue      string   `json:"legal_due"`
	PromisedDue   string   `json:"promised_due,omitempty"`
	Overdue       bool     `json:"overdue"`
	Extended      bool     `json:"extended"`
	PausedSince   string   `json:"paused_since,omitempty"`
	PausedDays    int      `json:"paused_days"`
	Assignee      string   `json:"assignee,omitempty"`
	ClosedOn      string   `json:"closed_on,omitempty"`
	LetterBlocked string   `json:"letter_blocked,omitempty"`
	// Subject is the identifier the requester was verified by.
	Subject string    `json:"subject,omitempty"`
	At      time.Time `json:"at"`
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

// Step is what a case recorded since it last wrote, carried by the
// activity that next reaches the world (a letter, a fulfilment, a
// deletion), which writes it first, so that no activity of its own runs to
// write it.
type Step = PersistInput

// PersistResult is the case's audit head after the step.
type PersistResult struct {
	Head AuditHead
}

// Persist writes a step's audit events and the case's state in one
// transaction: the trail and the row never disagree on what happened.
func (a *Activities) Persist(ctx context.Context, in PersistInput) (PersistResult, error) {
	h, err := a.writeStep(ctx, &in, nil)
	if err != nil {
		return PersistResult{}, err
	}
	return PersistResult{Head: *h}, nil
}

// writeStep writes a step (events, then more of the activity's own, in
// order, and the case's row) in one transaction and returns the chain's
// head after it; nil when there is no step and nothing more. An activity
// that reaches the world writes the step it carries first: what the case
// recorded before it is in the trail before the world sees what it does.
func (a *Activities) writeStep(ctx context.Context, in *PersistInput, more []audit.Entry, with ...func(ctx context.Context, tx bun.IDB) error) (*AuditHead, error) {
	if in == nil && len(more) == 0 {
		return nil, nil
	}
	var step PersistInput
	if in != nil {
		step = *in
	}
	entries := make([]audit.Entry, 0, len(step.Events)+len(more))
	for _, e := range step.Events {
		ev, err := event.Decode(e.Action, string(e.Details))
		if err != nil {
			return nil, temporal.NewNonRetryableApplicationError("audit event does not decode", "BadAuditEvent", err)
		}
		entries = append(entries, audit.Entry{CaseNumber: e.CaseNumber, Time: e.Time, Actor: e.Actor, Event: ev, IdemKey: e.IdemKey})
	}
	entries = append(entries, more...)
	var also func(ctx context.Context, tx bun.IDB) error
	if p := step.Case; p != nil {
		also = func(ctx context.Context, tx bun.IDB) error {
			err := a.Store.ProjectCase(ctx, tx, store.CaseState{
				Number: step.CaseNumber, Seq: p.Seq, Stage: p.Stage, Outcome: p.Outcome, Rights: p.Rights, Due: p.Due,
				LegalDue: p.LegalDue, PromisedDue: p.PromisedDue, Overdue: p.Overdue, Extended: p.Extended,
				PausedSince: p.PausedSince, PausedDays: p.PausedDays, Assignee: p.Assignee, ClosedOn: p.ClosedOn,
				LetterBlocked: p.LetterBlocked, VerifiedSubject: p.Subject, At: p.At,
			})
			if errors.Is(err, store.ErrNotFound) {
				return temporal.NewNonRetryableApplicationError(err.Error(), "NoSuchCase", err)
			}
			return err
		}
	}
	if len(with) > 0 {
		// What the activity itself writes goes in the same transaction.
		project := also
		also = func(ctx context.Context, tx bun.IDB) error {
			if project != nil {
				if err := project(ctx, tx); err != nil {
					return err
				}
			}
			for _, w := range with {
				if err := w(ctx, tx); err != nil {
					return err
				}
			}
			return nil
		}
	}
	if len(entries) == 0 {
		// The state moved without an event: the row alone.
		if also != nil {
			if err := a.Store.InTx(ctx, also); err != nil {
				return nil, err
			}
		}
		if step.Head != nil {
			h := *step.Head
			return &h, nil
		}
		h, err := a.Trail.Head(ctx, step.CaseNumber)
		if err != nil {
			return nil, err
		}
		return &AuditHead{Seq: h.Seq, Hash: h.Hash}, nil
	}
	var expect *audit.Head
	if step.Head != nil {
		expect = &audit.Head{CaseNumber: entries[0].CaseNumber, Seq: step.Head.Seq, Hash: step.Head.Hash}
	}
	h, err := a.Trail.AppendBatch(ctx, entries, expect, also)
	if err != nil {
		return nil, err
	}
	if a.Observer != nil {
		for _, e := range entries {
			a.Observer.Recorded(e.Event.Action())
		}
	}
	return &AuditHead{Seq: h.Seq, Hash: h.Hash}, nil
}
