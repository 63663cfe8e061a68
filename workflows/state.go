package workflows

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/rights"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// The workflow is the one writer of a case's state. Its stage changes in
// transition and nowhere else; what others read of the case (the cases
// row, search attributes, the audit trail) is written from that state.
//
// stateVersion marks the change that writes it so: events are kept and
// written in one Persist activity together with the case's row in `cases`
// (the projection), before any other step; the search attributes that
// changed are upserted after. A run that began before it keeps writing
// each event by itself and has no projection.
const stateVersion = "state-projection"

// stepVersion: what a case recorded goes with the activity that next
// reaches the world (a letter, a fulfilment, a deletion, the callers),
// which writes it first, instead of in a Persist activity of its own; a
// case writes by Persist only before it waits and at its end.
const stepVersion = "step-with-activity"

// gate says whether the case takes the new way of a version gate. A run
// begun after stateVersion was begun by code that has every older gate, so
// it takes them all without recording a marker for each.
func (c *caseRun) gate(ctx workflow.Context, changeID string) bool {
	if c.projected {
		return true
	}
	return workflow.GetVersion(ctx, changeID, workflow.DefaultVersion, 1) >= 1
}

// Pause is a case waiting for the person, its clock stopped: since when
// (a civil date) and the stage that asked.
type Pause struct {
	Since time.Time `json:"since"`
	From  Stage     `json:"from"`
	// Fee is the fee, in kronor, the case waits for the person to accept.
	Fee int `json:"fee,omitempty"`
}

// transition moves the case to a stage. It is the only place a case's
// stage is set, apart from taking up a previous run's state.
func (c *caseRun) transition(to Stage) {
	c.stage = to
	c.dirty = true
	c.shown = nil // the messages read for the stage before leave the card
}

// changed says the case's state changed in a way search attributes and the
// projection show. A run before stateVersion upserts its search attributes
// at once, as it always did.
func (c *caseRun) changed(ctx workflow.Context) {
	c.dirty = true
	if !c.projected {
		c.upsertSearch(ctx)
	}
}

// summary names an activity in the case's history as a step of the case,
// in words without personal data.
func summary(ctx workflow.Context, s string) workflow.Context {
	o := workflow.GetActivityOptions(ctx)
	o.Summary = s
	return workflow.WithActivityOptions(ctx, o)
}

// step returns what the case recorded since it last wrote, for the
// activity about to reach the world to write first (nil: nothing to
// write). A run begun before stepVersion writes it by Persist here instead.
func (c *caseRun) step(ctx workflow.Context) *activities.Step {
	if !c.stepping {
		c.persist(ctx)
		return nil
	}
	if len(c.pendingEvents) == 0 && !c.dirty {
		return nil
	}
	c.stateSeq++
	return &activities.Step{CaseNumber: c.in.CaseNumber, Events: c.pendingEvents, Case: c.projection(ctx), Head: c.auditHead}
}

// wrote takes note that an activity wrote the step it carried, and of the
// chain's head after it.
func (c *caseRun) wrote(ctx workflow.Context, step *activities.Step, head *activities.AuditHead) {
	if head != nil {
		c.auditHead = head
	}
	if step == nil {
		return
	}
	c.pendingEvents, c.unwritten, c.dirty = nil, 0, false
	c.upsertChangedSearch(ctx)
}

// activity runs an activity after writing what the case recorded so far:
// nothing the case does reaches the world before its record.
func (c *caseRun) activity(ctx workflow.Context, fn, in any) workflow.Future {
	c.persist(ctx)
	return workflow.ExecuteActivity(ctx, fn, in)
}

// persist writes the events recorded since it last ran and the case's
// projection, in one activity and one transaction, then upserts the search
// attributes that changed. Events that could not be written stay and go
// with the next step; the status query counts them.
func (c *caseRun) persist(ctx workflow.Context) {
	if !c.projected || len(c.pendingEvents) == 0 && !c.dirty {
		return
	}
	c.stateSeq++
	in := activities.PersistInput{CaseNumber: c.in.CaseNumber, Events: c.pendingEvents, Case: c.projection(ctx), Head: c.auditHead}
	var res activities.PersistResult
	if err := workflow.ExecuteActivity(summary(ctx, "write the case record"), a.Persist, in).Get(ctx, &res); err != nil {
		workflow.GetLogger(ctx).Error("case record not written; it goes with the next step", "case", c.in.CaseNumber, "events", len(c.pendingEvents), "error", err)
		c.unwritten = len(c.pendingEvents)
		return
	}
	c.pendingEvents, c.unwritten, c.dirty = nil, 0, false
	c.auditHead = &res.Head
	c.upsertChangedSearch(ctx)
}

// projection is the case's row in `cases` as of now.
func (c *caseRun) projection(ctx workflow.Context) *activities.CaseProjection {
	p := &activities.CaseProjection{
		Seq: c.stateSeq, Stage: string(c.stage), Outcome: c.outcome, Rights: rights.Names(c.rights),
		Due: day(c.dates.Due), LegalDue: day(c.dates.Legal), PromisedDue: day(c.dates.Promised),
		Overdue: c.overdue, Extended: c.extended, PausedDays: c.pausedDays, Assignee: c.assignee,
		ClosedOn: day(c.closedOn), LetterBlocked: c.letterBlocked, Subject: c.subject, At: workflow.Now(ctx),
	}
	if c.paused != nil {
		p.PausedSince = day(c.paused.Since)
	}
	return p
}

// searchState is what the case's search attributes show.
type searchState struct {
	generation int64
	stage      Stage
	rights     string
	due        time.Time
	overdue    bool
	assignee   string
}

func (c *caseRun) searchNow() searchState {
	return searchState{generation: Generation, stage: c.stage, rights: fmt.Sprint(rights.Names(c.rights)), due: deadline.EndOf(c.dates.Due), overdue: c.overdue, assignee: c.assignee}
}

// upsertChangedSearch upserts the search attributes whose values changed
// since the run's last upsert; a run's first upsert sets them all.
func (c *caseRun) upsertChangedSearch(ctx workflow.Context) {
	now := c.searchNow()
	was := c.searched
	var updates []temporal.SearchAttributeUpdate
	if now.generation != was.generation {
		updates = append(updates, SAGeneration.ValueSet(now.generation))
	}
	if now.stage != was.stage {
		updates = append(updates, SAStage.ValueSet(string(now.stage)))
	}
	if now.rights != was.rights {
		updates = append(updates, SARequestTypes.ValueSet(rights.Names(c.rights)))
	}
	if !now.due.Equal(was.due) {
		updates = append(updates, SADueDate.ValueSet(now.due))
	}
	if now.overdue != was.overdue {
		updates = append(updates, SAOverdue.ValueSet(now.overdue))
	}
	if now.assignee != was.assignee {
		updates = append(updates, SAAssignedTo.ValueSet(now.assignee))
	}
	if len(updates) == 0 {
		return
	}
	if err := workflow.UpsertTypedSearchAttributes(ctx, updates...); err != nil {
		workflow.GetLogger(ctx).Error("search attributes not updated", "case", c.in.CaseNumber, "error", err)
		return
	}
	c.searched = now
}

// InitialStage is the stage a case starts in: triage when intake could not
// tell its rights.
func InitialStage(in CaseInput) Stage {
	if in.Uncertain || len(in.Rights) == 0 {
		return StageTriage
	}
	return StageIdentity
}

// InitialSearchAttributes are the search attributes a case starts with,
// for the starter to set with the workflow: the same values the workflow
// derives from its input.
func InitialSearchAttributes(in CaseInput) temporal.SearchAttributes {
	dates := in.Policy.Compute(deadline.Case{Received: deadline.DateOf(in.ReceivedAt)})
	return temporal.NewSearchAttributes(
		SACaseNumber.ValueSet(in.CaseNumber),
		SAChannel.ValueSet(in.Channel),
		SARequestTypes.ValueSet(rights.Names(in.Rights)),
		SAStage.ValueSet(string(InitialStage(in))),
		SADueDate.ValueSet(deadline.EndOf(dates.Due)),
		SAOverdue.ValueSet(false),
		SAGeneration.ValueSet(Generation),
	)
}

// recordEvent is record's second half: the event, with its idempotency
// key, written now (a run before stateVersion) or with the next persist.
func (c *caseRun) recordEvent(ctx workflow.Context, in activities.AuditInput) {
	if c.projected {
		c.pendingEvents = append(c.pendingEvents, in)
		return
	}
	if err := workflow.ExecuteActivity(summary(ctx, "write an audit event"), a.RecordAudit, in).Get(ctx, nil); err != nil {
		workflow.GetLogger(ctx).Error("audit event not recorded", "case", c.in.CaseNumber, "action", in.Action, "error", err)
	}
}

// waitsInResponse says whether the case's answer could not be sent and it
// waits for staff to correct what stopped it.
func (c *caseRun) waitsInResponse() bool { return c.stage == StageResponse && c.letterBlocked != "" }

// answerWaits refuses an input in response unless the answer waits for
// staff: otherwise the case is sending it, and nothing is to be done.
func (c *caseRun) answerWaits() error {
	if c.stage == StageResponse && !c.waitsInResponse() {
		return fmt.Errorf("signal not allowed in stage %s: the answer is being sent", c.stage)
	}
	return nil
}

// stagesWithResponse is open stages, and response while the answer waits.
func stagesWithResponse() []Stage { return append(slices.Clone(open), StageResponse) }

// failureText is what an activity's failure says, without the wrapping
// that names the activity and its attempt: for the card and the status.
func failureText(err error) string {
	var app *temporal.ApplicationError
	if errors.As(err, &app) && app.Message() != "" {
		return app.Message()
	}
	return err.Error()
}
