package activities

import (
	"context"

	"time"

	"github.com/harmoniq/dsr/internal/audit"
)

// AuditInput is one audit event as the workflow reports it.
type AuditInput struct {
	CaseNumber string
	Time       time.Time // the workflow's time of the event
	Actor      string
	Action     string
	Details    map[string]any
	// IdemKey is unique per event of a workflow run, so a retry writes once.
	IdemKey string
}

// RecordAudit appends an event to the case's audit trail.
func (a *Activities) RecordAudit(ctx context.Context, in AuditInput) (int, error) {
	e, err := a.Trail.Append(ctx, audit.Entry{
		CaseNumber: in.CaseNumber, Time: in.Time, Actor: in.Actor, Action: in.Action, Details: in.Details, IdemKey: in.IdemKey,
	})
	if err != nil {
		return 0, err
	}
	return e.Seq, nil
}
