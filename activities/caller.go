package activities

import (
	"context"
	"fmt"
	"slices"
	"strings"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
)

// CallerCheckInput names one staff input of a case: the n-th signal of its
// name (Ordinal counts from 1), or an update.
type CallerCheckInput struct {
	WorkflowID string
	RunID      string
	Kind       string // "signal" or "update"
	Name       string
	Ordinal    int
	// Actor is the staff member the input says acts.
	Actor string
}

// CallerCheck says who sent an input and whether they may act as its actor.
type CallerCheck struct {
	// Principal is the caller the Temporal server verified and stamped on
	// the signal's event (with principal propagation on); empty when it
	// stamped none. The identity a client gives is never trusted: anyone
	// can set it.
	Principal string
	Allowed   bool
	Reason    string
}

// CheckCaller finds the caller the server recorded for an input and, when
// StaffPrincipals is set, allows the input only if that caller may act as
// the actor it names. Workflow code cannot see who sent a signal; the
// history can. An update carries no principal of its caller (its event is
// written by the worker that accepts it), so with StaffPrincipals set,
// updates are refused and staff send signals.
func (a *Activities) CheckCaller(ctx context.Context, in CallerCheckInput) (CallerCheck, error) {
	out := CallerCheck{Allowed: true}
	if len(a.StaffPrincipals) == 0 {
		// Nothing to check; the callers go into the trail at closure.
		return out, nil
	}
	if a.Temporal == nil {
		return out, temporal.NewNonRetryableApplicationError("no Temporal client to read the history with", "NoClient", nil)
	}
	if in.Kind == "signal" {
		seen := 0
		iter := a.Temporal.GetWorkflowHistory(ctx, in.WorkflowID, in.RunID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
		for iter.HasNext() {
			e, err := iter.Next()
			if err != nil {
				return out, fmt.Errorf("read the history of %s: %w", in.WorkflowID, err)
			}
			s := e.GetWorkflowExecutionSignaledEventAttributes()
			if s == nil || s.GetSignalName() != in.Name {
				continue
			}
			if seen++; seen == in.Ordinal {
				out.Principal = e.GetPrincipal().GetName()
				break
			}
		}
		if seen < in.Ordinal {
			return out, fmt.Errorf("signal %s #%d of %s is not in its history yet", in.Name, in.Ordinal, in.WorkflowID)
		}
	}
	out.Allowed = false
	switch {
	case in.Kind != "signal":
		out.Reason = "updates carry no caller the server verified; send the input as a signal (STAFF_PRINCIPALS is set)"
	case out.Principal == "":
		out.Reason = "the server recorded no verified caller for this signal; with STAFF_PRINCIPALS set only callers it authenticated may act (turn on frontend.enablePrincipalPropagation)"
	default:
		actors, known := a.StaffPrincipals[out.Principal]
		switch {
		case !known:
			out.Reason = fmt.Sprintf("caller %s is not staff in STAFF_PRINCIPALS", out.Principal)
		case slices.Contains(actors, in.Actor) || slices.Contains(actors, "*"):
			out.Allowed = true
		default:
			out.Reason = fmt.Sprintf("caller %s may act as %s, not as %s", out.Principal, strings.Join(actors, ", "), in.Actor)
		}
	}
	return out, nil
}
