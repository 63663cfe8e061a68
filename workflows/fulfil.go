package workflows

import (
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/rights"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// fulfilmentVersion marks the change that added the fulfilment stage: cases
// that decided before it go straight to the response letter on replay.
const fulfilmentVersion = "fulfilment-stage"

// decided_ moves a case whose every right is decided on: to fulfilment when
// anything was approved, else straight to the letter.
func (c *caseRun) allDecided(ctx workflow.Context) {
	if c.gate(ctx, fulfilmentVersion) && c.anyApproved() {
		c.setStage(ctx, StageFulfilment)
		return
	}
	c.setStage(ctx, StageResponse)
}

func (c *caseRun) anyApproved() bool {
	for _, d := range c.decisions {
		if d.Outcome == OutcomeApproved || d.Outcome == OutcomePartlyApproved {
			return true
		}
	}
	return false
}

// scopeVersion marks the change that holds a partly approved decision to a
// scope, which fulfilment carries out exactly, and a refusal as manifestly
// excessive to the evidence of earlier requests.
const scopeVersion = "decision-scope"

// datasetFieldsVersion marks the change that leaves the names of the fields
// and systems a rectification corrects to the dataset files: the workflow
// checks their form, and fulfilment checks them against the files before it
// changes anything (a controller's own systems have fields of their own).
const datasetFieldsVersion = "dataset-fields"

// optOutAbsoluteVersion marks the change that holds a decision on a
// marketing opt-out to Art. 21(2)-(3): the objection to direct marketing is
// absolute, so it is approved, or refused only as manifestly unfounded or
// excessive (Art. 12(5)).
const optOutAbsoluteVersion = "absolute-optout"

// drainAfterPersistVersion marks the change that takes, before continuing
// as new, an input that arrived while the case wrote its state: before it,
// such an input was dropped with the run.
const drainAfterPersistVersion = "drain-after-persist"

// fulfilOrderVersion marks the change that exports before it changes: in
// a case that asks for access (or portability) and erasure, the extract is
// of what was held when the request came.
const fulfilOrderVersion = "export-before-change"

// fulfil carries out each approved right in Harmoniq's systems. Nothing is
// done for a right that was not approved. A right that cannot be carried out
// goes back to staff for a new decision. Access and portability go first,
// whatever order they were decided in: the person gets what was held when
// the request came, before anything the same case erases or corrects.
func (c *caseRun) fulfil(ctx workflow.Context) {
	exportFirst := workflow.GetVersion(ctx, fulfilOrderVersion, workflow.DefaultVersion, 1) >= 1
	for pass := 0; pass < 2; pass++ {
		if !exportFirst && pass == 1 {
			break
		}
		if !c.fulfilPass(ctx, func(r rights.Right) bool {
			if !exportFirst {
				return true
			}
			exports := r == rights.Access || r == rights.Portability
			return exports == (pass == 0)
		}) {
			return
		}
	}
	c.setStage(ctx, StageResponse)
}

// fulfilPass carries out the approved rights that take part in this pass,
// in the order they were decided; false when one failed and the case went
// back to assessment.
func (c *caseRun) fulfilPass(ctx workflow.Context, takes func(rights.Right) bool) bool {
	for i := 0; i < len(c.decisions); i++ {
		d := c.decisions[i]
		if d.Outcome != OutcomeApproved && d.Outcome != OutcomePartlyApproved || d.Fulfilled || !takes(d.Right) {
			continue
		}
		var res activities.FulfilResult
		in := activities.FulfilInput{CaseNumber: c.in.CaseNumber, Right: d.Right, Corrections: d.Corrections, Scope: d.Scope, Step: c.step(ctx)}
		if c.manualTasks {
			in.Confirmed = c.confirmedFor(d.Right)
		}
		err := workflow.ExecuteActivity(summary(fulfilOptions(ctx), "carry out "+string(d.Right)), a.Fulfil, in).Get(ctx, &res)
		if err == nil {
			c.wrote(ctx, in.Step, res.Head)
		}
		if err != nil {
			c.record(ctx, "system", event.FulfilmentFailed{Right: string(d.Right), Error: err.Error()})
			c.decisions = append(c.decisions[:i], c.decisions[i+1:]...)
			c.setStage(ctx, StageAssessment)
			return false
		}
		if c.manualTasks && len(res.Pending) > 0 {
			// Staff carry out the rest by hand: the case waits for their
			// word (task-done), then carries the right out again.
			c.openTasks(ctx, d.Right, res.Pending)
			return false
		}
		c.decisions[i].Fulfilled = true
		// The changes, before and after, are Art. 16 evidence; the
		// recipients notified, Art. 19's.
		c.record(ctx, "system", event.FulfilmentDone{Right: string(d.Right), Systems: res.Systems, Changes: res.Changes, RecipientsNotified: res.Notified,
			RecipientsNotNotified: res.Unnotified})
	}
	return true
}

// fulfilOptions give fulfilment longer to run, and a heartbeat so that a
// worker dying mid-way is noticed within seconds, not minutes.
func fulfilOptions(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 10 * time.Minute,
		HeartbeatTimeout:    10 * time.Second,
		RetryPolicy:         &temporal.RetryPolicy{InitialInterval: time.Second, MaximumInterval: time.Minute},
	})
}
