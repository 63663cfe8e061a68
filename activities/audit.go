package activities

import (
	"context"
	"encoding/json"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/event"
	"go.temporal.io/sdk/temporal"
)

// AuditInput is one audit event as the workflow reports it.
type AuditInput struct {
	CaseNumber string
	Time       time.Time // the workflow's time of the event
	Actor      string
	Action     string
	// Details are the event's, as event.Encode writes them.
	Details json.RawMessage
	// IdemKey is unique per event of a workflow run, so a retry writes once.
	IdemKey string
}

// RecordAudit appends an event to the case's audit trail.
func (a *Activities) RecordAudit(ctx context.Context, in AuditInput) (int, error) {
	details := string(in.Details)
	if details == "" || details == "null" {
		details = "{}" // an event without details, as the first versions wrote it
	}
	ev, err := event.Decode(in.Action, details)
	if err != nil {
		// The workflow wrote an event its own types do not read: a bug, not
		// a passing failure.
		return 0, temporal.NewNonRetryableApplicationError("audit event does not decode", "BadAuditEvent", err)
	}
	e, err := a.Trail.Append(ctx, audit.Entry{
		CaseNumber: in.CaseNumber, Time: in.Time, Actor: in.Actor, Event: ev, IdemKey: in.IdemKey,
	})
	if err != nil {
		return 0, err
	}
	return e.Seq, nil
}
