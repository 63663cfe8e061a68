package activities

import (
	"context"
	"errors"
	"fmt"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/event"
)

// CallersInput names the case whose callers to record.
type CallersInput struct {
	CaseNumber string
	WorkflowID string
	RunID      string
	// Step is written with the callers, before them (nil: the case wrote
	// it itself).
	Step *Step `json:",omitempty"`
}

// CallersResult is the case's audit head after the callers.
type CallersResult struct {
	Head *AuditHead `json:",omitempty"`
}

// Caller is one staff input as Temporal recorded it: kind "signal" or
// "update", and the principal the server verified, when it stamps one.
type Caller = event.Caller

// RecordCallers appends to the case's audit trail the identity Temporal
// recorded for each signal and update the case received: the caller
// identity (the Web UI's signed-in user, the CLI's user and host) beside the
// actor each input names. Workflow code cannot see it; the history can.
func (a *Activities) RecordCallers(ctx context.Context, in CallersInput) (CallersResult, error) {
	if a.Temporal == nil {
		return CallersResult{}, temporal.NewNonRetryableApplicationError("no Temporal client to read the history with", "NoClient", nil)
	}
	var callers []Caller
	iter := a.Temporal.GetWorkflowHistory(ctx, in.WorkflowID, in.RunID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for iter.HasNext() {
		e, err := iter.Next()
		if err != nil {
			return CallersResult{}, fmt.Errorf("read the history of %s: %w", in.CaseNumber, err)
		}
		at := e.GetEventTime().AsTime().UTC().Format("2006-01-02T15:04:05Z")
		if s := e.GetWorkflowExecutionSignaledEventAttributes(); s != nil {
			callers = append(callers, Caller{Time: at, Kind: "signal", Name: s.GetSignalName(), Identity: s.GetIdentity(), Principal: e.GetPrincipal().GetName()})
		}
		if u := e.GetWorkflowExecutionUpdateAcceptedEventAttributes(); u != nil {
			req := u.GetAcceptedRequest()
			callers = append(callers, Caller{Time: at, Kind: "update", Name: req.GetInput().GetName(), Identity: req.GetMeta().GetIdentity()})
		}
	}
	if a.Trail == nil {
		return CallersResult{}, errors.New("no audit trail")
	}
	head, err := a.writeStep(ctx, in.Step, []audit.Entry{{CaseNumber: in.CaseNumber, Time: a.now(), Actor: "system", Event: event.Callers{Inputs: callers},
		IdemKey: in.CaseNumber + "/" + in.RunID + "/callers"}})
	return CallersResult{Head: head}, err
}
