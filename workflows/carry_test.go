package workflows_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/workflows"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"
)

// TestALongCaseContinuesAsNewWithItsState floods a case with notes until
// its history passes the threshold: it continues as new, and the next run
// takes up the stage, the decisions so far, the clock and the audit trail,
// so that the case reaches its answer with nothing sent or recorded twice.
func TestALongCaseContinuesAsNewWithItsState(t *testing.T) {
	h := newHarness(t, rights.Access, rights.Erasure)
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
	h.signalAt(2*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "right": "access", "outcome": "approved"})
	for i := range 60 {
		h.signalAt(3*time.Hour+time.Duration(i)*time.Minute, workflows.SignalNote, map[string]any{"actor": "anna.k", "text": "anteckning"})
	}
	// The test environment counts no history: Temporal's suggestion stands
	// for the threshold, as the server gives it when the history is long.
	h.env.RegisterDelayedCallback(func() { h.env.SetContinueAsNewSuggested(true) }, 4*time.Hour+30*time.Minute)
	h.signalAt(4*time.Hour+31*time.Minute, workflows.SignalNote, map[string]any{"actor": "anna.k", "text": "den sista"})
	in := workflows.CaseInput{CaseNumber: h.number, Channel: "email", ReceivedAt: received, Rights: []rights.Right{rights.Access, rights.Erasure},
		Policy: deadline.DefaultPolicy}
	h.env.ExecuteWorkflow(workflows.CaseWorkflow, in)
	var can *workflow.ContinueAsNewError
	if err := h.env.GetWorkflowError(); !errors.As(err, &can) {
		t.Fatalf("the case did not continue as new: %v", err)
	}
	var next workflows.CaseInput
	if err := converter.GetDefaultDataConverter().FromPayloads(can.Input, &next); err != nil {
		t.Fatal(err)
	}
	if next.Carry == nil || next.Carry.Stage != workflows.StageAssessment || len(next.Carry.Decisions) != 1 || next.Carry.Runs != 1 {
		t.Fatalf("carried state: %+v", next.Carry)
	}

	// The next run, on a fresh environment at the time the first ended.
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	env.SetStartTime(received.Add(5 * time.Hour))
	h.register(env)
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow(workflows.SignalDecision, map[string]any{"actor": "anna.k", "right": "erasure", "outcome": "approved"})
	}, time.Hour)
	env.ExecuteWorkflow(workflows.CaseWorkflow, next)
	if err := env.GetWorkflowError(); err != nil {
		t.Fatalf("the next run failed: %v", err)
	}
	var res workflows.CaseResult
	if err := env.GetWorkflowResult(&res); err != nil || res.Outcome != workflows.OutcomeCompleted {
		t.Fatalf("the next run ended %q, %v; want completed", res.Outcome, err)
	}
	count := map[string]int{}
	for _, a := range h.actions(t) {
		count[a]++
	}
	if count["case.received"] != 1 || count["case.continued"] != 1 || count["decision.approved"] != 2 || count["case.note"] != 61 || count["case.closed"] != 1 {
		t.Errorf("audit trail over both runs: %v", count)
	}
	letters, err := h.store.Letters(context.Background(), h.number)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, l := range letters {
		kinds[l.Kind]++
	}
	if kinds["acknowledgement"] != 1 || kinds["response"] != 1 {
		t.Errorf("letters over both runs: %v", kinds)
	}
}
