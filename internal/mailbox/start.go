package mailbox

import (
	"context"
	"errors"
	"fmt"

	"github.com/harmoniq/dsr/workflows"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
)

// TemporalStarter starts case workflows on a Temporal cluster, with the case
// number as workflow id so that a case never has two workflows.
type TemporalStarter struct {
	Client client.Client
}

// StartCase starts in's workflow, or does nothing when the case's workflow
// was started before (running or closed).
func (s TemporalStarter) StartCase(ctx context.Context, in workflows.CaseInput) error {
	_, err := s.Client.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:                    in.CaseNumber,
		TaskQueue:             workflows.TaskQueue,
		WorkflowIDReusePolicy: enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
		TypedSearchAttributes: workflows.InitialSearchAttributes(in),
		StaticSummary:         workflows.StaticSummary(in),
		StaticDetails:         workflows.StaticDetails,
	}, workflows.CaseWorkflow, withSealed(in))
	var already *serviceerror.WorkflowExecutionAlreadyStarted
	if errors.As(err, &already) {
		return nil
	}
	return err
}

// withSealed has the case refuse inputs that did not come through the
// payload codec: every client of dsr seals its payloads.
func withSealed(in workflows.CaseInput) workflows.CaseInput {
	in.RequireSealed = true
	return in
}

// ReplyReceived sends the case complement-received, as staff would: the
// person answered. A case not waiting for an answer records it as rejected.
func (s TemporalStarter) ReplyReceived(ctx context.Context, caseNumber string) error {
	err := s.Client.SignalWorkflow(ctx, caseNumber, "", workflows.SignalComplement,
		workflows.ComplementSignal{Actor: "intake", Note: "the person replied by e-mail"})
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return fmt.Errorf("%s: %w", caseNumber, ErrCaseClosed)
	}
	return err
}
