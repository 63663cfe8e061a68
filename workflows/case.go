// Package workflows holds the case workflow: the life of one data-subject
// rights request from receipt to the closing letter, driven by staff signals
// and the deadline clocks. Workflow code is deterministic: time comes from
// workflow.Now, and everything that touches the world is an activity.
package workflows

import (
	"fmt"
	"slices"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/clean"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/rights"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// TaskQueue is the task queue the case workflows and activities run on.
const TaskQueue = "dsr-cases"

// QueryStatus is the name of the status query.
const QueryStatus = "status"

// Stage is where a case stands.
type Stage string

// The stages of a case. See the README's state table.
const (
	StageTriage     Stage = "triage"
	StageIdentity   Stage = "identity"
	StageComplement Stage = "complement" // waiting for the person; the clock is paused
	StageAssessment Stage = "assessment"
	StageFulfilment Stage = "fulfilment"
	StageResponse   Stage = "response"
	StageClosed     Stage = "closed"
)

// Outcomes of a closed case.
const (
	OutcomeCompleted       = "completed"
	OutcomePartlyCompleted = "partly_completed"
	OutcomeRefusedCase     = "refused"
	OutcomeWithdrawn       = "withdrawn"
	OutcomeUnverified      = "unverified"
	OutcomeNotARequest     = "not_a_request"
)

// Letter kinds the workflow sends.
const (
	letterResponse   = "response"
	letterUnverified = "unverified"
	letterComplement = "complement"
	letterExtension  = "extension"
	letterAck        = "acknowledgement"
	letterFee        = "fee"
)

// ackVersion marks the change that added the acknowledgement of receipt:
// cases started before it do not send one on replay.
const ackVersion = "acknowledgement"

// callersVersion marks the change that records, at closure, the identity
// Temporal recorded for each signal and update.
const callersVersion = "caller-identities"

// callerCheckVersion marks the change that checks, for each staff input,
// that the caller the server verified may act as the actor it names.
const callerCheckVersion = "caller-check"

// idCopiesVersion marks the change that deletes ID-document copies right
// after the identity decision, and any that came later at closure.
const idCopiesVersion = "id-copies-deleted"

// boundedRejectionsVersion marks the change that records at most
// maxRejectionsPerHour rejected inputs an hour one by one.
const boundedRejectionsVersion = "bounded-rejections"

// CaseInput starts a case. It carries no personal data: the case record in
// the database holds that, under the case number.
type CaseInput struct {
	CaseNumber string
	Channel    string // "email" or "post"
	ReceivedAt time.Time
	Rights     []rights.Right
	// Uncertain cases start in triage, where staff classify them.
	Uncertain bool
	Policy    deadline.Policy
	// Evidence is what intake found for the identity check.
	Evidence Evidence
	// Intake is why intake read the message as it did.
	Intake IntakeReading
	// Carry is the state of the case's previous run, when it continued as
	// new; nil on the first.
	Carry *CaseState `json:",omitempty"`
	// ContinueAfter, when set, is the history length past which the case
	// continues as new (tests set it low); zero is continueAfterEvents.
	ContinueAfter int `json:",omitempty"`
	// RequireSealed refuses staff inputs that did not come through the
	// payload codec: sent in clear, their text would sit unencrypted in
	// Temporal's database. The starters set it; cases started before it
	// existed, and tests without a codec, leave it off.
	RequireSealed bool
}

// IntakeReading is intake's reading of the message that opened the case:
// how sure it was, the frames that decided (lexicon words, no message
// text), and for a triage case the rights it guessed. A classify decision
// records it beside what staff decided, for `dsr intake review`.
type IntakeReading struct {
	Confidence float64        `json:"confidence"`
	Reasons    []string       `json:"reasons,omitempty"`
	Guess      []rights.Right `json:"guess,omitempty"`
}

// Evidence helps staff verify who asked; it decides nothing by itself.
type Evidence = event.Evidence

// event is the reading as the trail records it.
func (r IntakeReading) event() *event.Reading {
	return &event.Reading{Confidence: r.Confidence, Reasons: r.Reasons, Guess: rights.Names(r.Guess)}
}

// CaseResult is how the case ended, and the head of its audit chain at the
// end, which its history keeps.
type CaseResult struct {
	Outcome      string
	LetterSHA256 string
	AuditHead    *activities.AuditHead `json:",omitempty"`
}

// a is used only to name activities by method value, so the compiler checks
// them; the worker registers the real instance.
var a *activities.Activities

// CaseWorkflow runs one rights request to its end.
func CaseWorkflow(ctx workflow.Context, in CaseInput) (CaseResult, error) {
	if in.CaseNumber == "" || in.ReceivedAt.IsZero() {
		return CaseResult{}, temporal.NewNonRetryableApplicationError("case input needs a case number and a receipt time", "BadInput", nil)
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 2 * time.Minute,
		RetryPolicy:         &temporal.RetryPolicy{InitialInterval: time.Second, MaximumInterval: time.Minute},
	})
	c := newCaseRun(ctx, in)
	c.projected = workflow.GetVersion(ctx, stateVersion, workflow.DefaultVersion, 1) >= 1
	c.stepping = c.projected && workflow.GetVersion(ctx, stepVersion, workflow.DefaultVersion, 1) >= 1
	c.scoped = c.stepping && workflow.GetVersion(ctx, scopeVersion, workflow.DefaultVersion, 1) >= 1
	c.datasetFields = c.scoped && workflow.GetVersion(ctx, datasetFieldsVersion, workflow.DefaultVersion, 1) >= 1
	c.manualTasks = c.datasetFields && workflow.GetVersion(ctx, manualTasksVersion, workflow.DefaultVersion, 1) >= 1
	c.optOutAbsolute = c.manualTasks && workflow.GetVersion(ctx, optOutAbsoluteVersion, workflow.DefaultVersion, 1) >= 1
	c.drainAfterPersist = c.optOutAbsolute && workflow.GetVersion(ctx, drainAfterPersistVersion, workflow.DefaultVersion, 1) >= 1
	// A new case knows whether it came with ID copies; one continuing
	// takes what its run before knew.
	c.noIDCopies = c.stepping && in.Carry == nil && in.Evidence.IDAttachments == 0
	if c.projected && in.Carry == nil {
		c.auditHead = &activities.AuditHead{} // a new case's chain is empty
	}
	if err := c.registerHandlers(ctx); err != nil {
		return CaseResult{}, err
	}
	if in.Carry != nil {
		// The case continues from its previous run: nothing is received
		// or acknowledged again.
		c.restore(in.Carry)
		c.record(ctx, "system", event.CaseContinued{Run: c.runs + 1, Stage: string(c.stage)})
	} else {
		ev := in.Evidence
		c.record(ctx, "system", event.CaseReceived{
			Channel: in.Channel, Rights: rights.Names(c.rights), Uncertain: in.Uncertain, Evidence: &ev, Intake: in.Intake.event(),
			Received: day(c.dates.Received), LegalDue: day(c.dates.Legal), PromisedDue: day(c.dates.Promised), Due: day(c.dates.Due),
		})
	}
	c.changed(ctx)
	c.armClock(ctx)
	if c.stage != StageTriage && in.Carry == nil {
		c.acknowledge(ctx)
	}

	for c.stage != StageClosed {
		switch {
		case c.stage == StageFulfilment && !c.waitsForTasks():
			c.fulfil(ctx)
			continue
		case c.stage == StageResponse && !c.waitsInResponse():
			c.respond(ctx)
			continue
		}
		if c.shouldContinue(ctx) {
			if err := c.continueAsNew(ctx); err != nil {
				return CaseResult{}, err
			}
			continue
		}
		c.awaitInput(ctx)
	}
	c.rejectLateInput(ctx)
	c.persist(ctx)
	c.showCard(ctx)
	return CaseResult{Outcome: c.outcome, LetterSHA256: c.letterSHA, AuditHead: c.auditHead}, nil
}

// caseRun is the workflow's state. Its stage changes only in transition.
type caseRun struct {
	in        CaseInput
	stage     Stage
	rights    []rights.Right
	decisions []Decision
	dates     deadline.Dates
	overdue   bool
	assignee  string
	outcome   string
	letterSHA string
	letters   []LetterSent
	closedOn  time.Time
	// letterBlocked is why the answer could not be sent, while the case
	// waits in response for staff to correct it; empty otherwise.
	letterBlocked string

	pausedDays int
	paused     *Pause // nil while the clock runs
	extended   bool
	pauses     int

	// projected is set for a run begun after stateVersion: it writes its
	// events in batches with its projection, and upserts only what changed.
	projected bool
	// feeAccepted is the fee, in kronor, the person accepted (Art. 12(5)).
	feeAccepted int
	// scoped is set for a run begun after scopeVersion: a partly approved
	// decision must name its scope, and a refusal as manifestly excessive
	// needs the person's earlier requests as evidence.
	scoped bool
	// datasetFields is set for a run begun after datasetFieldsVersion: the
	// fields and systems a rectification names are checked against the
	// dataset files by fulfilment, not against Harmoniq's list here.
	datasetFields bool
	// manualTasks is set for a run begun after manualTasksVersion: a
	// right with tasks for staff in manual systems waits in fulfilment
	// for them (tasks open, confirmed done).
	manualTasks bool
	// optOutAbsolute is set for a run begun after optOutAbsoluteVersion:
	// a marketing opt-out is refused only as manifestly unfounded or
	// excessive.
	optOutAbsolute bool
	// drainAfterPersist is set for a run begun after
	// drainAfterPersistVersion: an input that arrives while the case
	// writes its state before continuing as new is handled, not dropped.
	drainAfterPersist bool
	tasks             []activities.Task
	confirmed         []activities.Confirmation
	// stepping is set for a run begun after stepVersion: the activity
	// that reaches the world writes what the case recorded before it.
	stepping bool
	// noIDCopies is set while the case is known to hold no ID copy: none
	// came with the request, and no reply has come since. Nothing to
	// delete, so no activity runs to delete it.
	noIDCopies bool
	// shown are the messages staff asked to read; reads counts the
	// requests in this run, for their records' keys.
	shown *shownMessages
	// subject is the identifier the requester was verified by when the
	// identifiers name different people; fulfilment acts on it alone.
	subject       string
	reads         int
	dirty         bool
	pendingEvents []activities.AuditInput
	unwritten     int
	stateSeq      int64
	searched      searchState
	// auditHead is the head of the case's audit chain as the last write
	// returned it: kept here, it is in Temporal's history too, apart from
	// the database. Nil when not known.
	auditHead *activities.AuditHead

	lastRejected *Rejection
	rejections   rejectionWindow
	// fired names the clock events recorded (kind/date); runs counts the
	// runs before this one.
	fired      map[string]bool
	runs       int
	timeline   []TimelineEntry
	auditCount int

	channels map[string]workflow.ReceiveChannel
	inbox    workflow.Channel // updates and unknown signals, handled like signals
	// signalsSeen counts the signals taken per name, so the n-th one can
	// be found in the history, with its caller.
	signalsSeen map[string]int
	clockCancel workflow.CancelFunc
	clockTimers []clockTimer
}

func newCaseRun(ctx workflow.Context, in CaseInput) *caseRun {
	c := &caseRun{in: in, rights: in.Rights, stage: InitialStage(in), channels: map[string]workflow.ReceiveChannel{},
		inbox: workflow.NewBufferedChannel(ctx, 100), signalsSeen: map[string]int{}, fired: map[string]bool{}}
	c.recompute()
	for _, name := range signalOrder {
		c.channels[name] = workflow.GetSignalChannelWithOptions(ctx, name,
			workflow.SignalChannelOptions{Description: signalDescriptions[name]})
	}
	return c
}

// registerHandlers sets the status query, one update per signal (with a
// validator, so a caller gets a clear error before anything is recorded),
// and a watcher that turns unknown signals into rejections.
func (c *caseRun) registerHandlers(ctx workflow.Context) error {
	if err := workflow.SetQueryHandlerWithOptions(ctx, QueryStatus, func() (Status, error) { return c.status(), nil },
		workflow.QueryHandlerOptions{Description: "Stage, due dates, paused days, extension, decisions, pending actions, the last rejected input and a short timeline."}); err != nil {
		return err
	}
	for _, name := range signalOrder {
		err := workflow.SetUpdateHandlerWithOptions(ctx, name,
			func(ctx workflow.Context, raw converter.RawValue) (Status, error) {
				f, set := workflow.NewFuture(ctx)
				c.inbox.Send(ctx, inbound{name: name, raw: raw, reply: set, kind: "update"})
				var s Status
				err := f.Get(ctx, &s)
				return s, err
			},
			workflow.UpdateHandlerOptions{
				Validator: func(ctx workflow.Context, raw converter.RawValue) error {
					_, err := c.validate(ctx, name, raw)
					return refusal(err)
				},
				Description: signalDescriptions[name],
			})
		if err != nil {
			return err
		}
	}
	workflow.Go(ctx, func(ctx workflow.Context) {
		for {
			var names []string
			if err := workflow.Await(ctx, func() bool { names = unknownSignals(ctx); return len(names) > 0 }); err != nil {
				return
			}
			for _, n := range names {
				ch := workflow.GetSignalChannel(ctx, n)
				var raw converter.RawValue
				for ch.ReceiveAsync(&raw) {
					c.inbox.Send(ctx, inbound{name: n, raw: raw, kind: "signal"})
				}
			}
		}
	})
	return nil
}

// awaitInput waits for the next staff input or clock event and handles it.
// Waiting here is how a case waits for classification, identity, the
// person's complement and the decisions.
func (c *caseRun) awaitInput(ctx workflow.Context) {
	sel := workflow.NewSelector(ctx)
	var got *inbound
	for _, name := range signalOrder {
		sel.AddReceive(c.channels[name], func(ch workflow.ReceiveChannel, _ bool) {
			var raw converter.RawValue
			ch.Receive(ctx, &raw)
			c.signalsSeen[ch.Name()]++
			got = &inbound{name: ch.Name(), raw: raw, kind: "signal", ordinal: c.signalsSeen[ch.Name()]}
		})
	}
	sel.AddReceive(c.inbox, func(ch workflow.ReceiveChannel, _ bool) {
		var in inbound
		ch.Receive(ctx, &in)
		got = &in
	})
	var fired *clockTimer
	for i := range c.clockTimers {
		t := &c.clockTimers[i]
		if t.done {
			continue
		}
		sel.AddFuture(t.future, func(f workflow.Future) {
			t.done = true
			if f.Get(ctx, nil) == nil {
				fired = t
			}
		})
	}
	// Before the case waits, what it did is written; an input already
	// there is handled first, and what it leads to goes with it.
	if !c.stepping || !sel.HasPending() {
		c.persist(ctx)
	}
	c.showCard(ctx)
	sel.Select(ctx)
	if got != nil {
		c.handle(ctx, *got)
	}
	if fired != nil {
		c.clockEvent(ctx, *fired)
	}
}

// respond sends the closing letter and closes the case.
func (c *caseRun) respond(ctx workflow.Context) {
	kind := letterResponse
	if c.outcome == OutcomeUnverified {
		kind = letterUnverified
	}
	res, err := c.sendLetter(ctx, kind, kind, "")
	if err != nil {
		// Only a permanent failure reaches here. The case must not close as
		// if answered. What was decided and done stands; the case waits
		// for staff to correct what stopped the letter (the requester's
		// name or address), then sends it again.
		if c.projected {
			c.letterBlocked = clean.Line(failureText(err), 300)
			c.changed(ctx)
			return
		}
		// A run begun before stateVersion went back to assessment, its
		// decisions wiped, fulfilled ones too.
		c.decisions = nil
		c.outcome = ""
		c.setStage(ctx, StageAssessment)
		return
	}
	c.letterBlocked = ""
	c.letterSHA = res.SHA256
	if c.outcome == "" {
		c.outcome = outcomeOf(c.decisions)
	}
	c.close(ctx)
}

// letterHeartbeat is how long a letter's activity may go without a
// heartbeat before it is taken for dead (it beats every 3 seconds).
const letterHeartbeat = 15 * time.Second

// sendLetter renders, stores and files one letter; key makes it unique in
// the case, so a retry or a replay never sends it twice.
func (c *caseRun) sendLetter(ctx workflow.Context, kind, key, reason string) (activities.LetterResult, error) {
	say := activities.LetterInput{Reason: reason}
	if kind == letterComplement {
		say = activities.LetterInput{Requested: reason}
	}
	return c.sendLetterWith(ctx, kind, key, say)
}

// sendLetterWith sends a letter saying what say holds: what is requested,
// the reason, a fee.
func (c *caseRun) sendLetterWith(ctx workflow.Context, kind, key string, say activities.LetterInput) (activities.LetterResult, error) {
	in := activities.LetterInput{CaseNumber: c.in.CaseNumber, Kind: kind, Key: key, Requested: say.Requested, Reason: say.Reason, Fee: say.Fee, Due: day(c.dates.Due)}
	if kind == letterResponse {
		in.Fee = c.feeAccepted
	}
	for _, d := range c.decisions {
		in.Decisions = append(in.Decisions, activities.DecisionInput{Right: d.Right, Outcome: d.Outcome, Ground: d.Ground, Scope: d.Scope,
			Justification: d.Justification})
	}
	in.Step = c.step(ctx)
	if c.stepping {
		// The activity records the letter with the letter itself.
		in.Sent = c.reserve(ctx, "system")
		in.Sent.Action = event.ActLetterSent
	}
	var res activities.LetterResult
	// A worker that dies while it sends is noticed within the heartbeat
	// timeout, and the letter taken up again.
	lctx := workflow.WithHeartbeatTimeout(summary(ctx, "letter: "+kind), letterHeartbeat)
	if err := workflow.ExecuteActivity(lctx, a.SendLetter, in).Get(ctx, &res); err != nil {
		c.record(ctx, "system", event.LetterFailed{Kind: kind, Error: err.Error()})
		c.letters = append(c.letters, LetterSent{Kind: kind, Time: workflow.Now(ctx), Failed: clean.Line(failureText(err), 300)})
		return res, err
	}
	c.wrote(ctx, in.Step, res.Head)
	c.letters = append(c.letters, LetterSent{Kind: kind, File: res.Filename, SHA256: res.SHA256, Time: workflow.Now(ctx), Route: res.Route})
	if res.Recorded {
		c.noted(in.Sent)
		return res, nil
	}
	// GlyphsReplaced counts the characters the fonts could not draw as written.
	c.record(ctx, "system", event.LetterSent{Kind: kind, File: res.Filename, SHA256: res.SHA256, GlyphsReplaced: res.GlyphsReplaced,
		Route: res.Route, MessageID: res.MessageID, Relay: res.Relay})
	return res, nil
}

// acknowledge confirms receipt with the due date, once the rights are known.
func (c *caseRun) acknowledge(ctx workflow.Context) {
	if !c.gate(ctx, ackVersion) {
		return
	}
	c.sendLetter(ctx, letterAck, letterAck, "")
}

// setStage moves the case to s and says so to what shows it.
func (c *caseRun) setStage(ctx workflow.Context, s Stage) {
	c.transition(s)
	c.changed(ctx)
	c.showCard(ctx)
}

// deleteIDCopies deletes the case's ID-document copies once they have
// served the identity check; the audit keeps how many went and why.
func (c *caseRun) deleteIDCopies(ctx workflow.Context, reason string, alsoIDs []int64) {
	if !c.gate(ctx, idCopiesVersion) || c.noIDCopies && len(alsoIDs) == 0 {
		return
	}
	var res activities.IDCopiesResult
	in := activities.IDCopiesInput{CaseNumber: c.in.CaseNumber, Reason: reason, AlsoIDs: alsoIDs}
	in.Step = c.step(ctx)
	err := workflow.ExecuteActivity(summary(ctx, "delete ID copies: "+reason), a.DeleteIDCopies, in).Get(ctx, &res)
	if err == nil {
		c.wrote(ctx, in.Step, res.Head)
	}
	if err != nil {
		workflow.GetLogger(ctx).Error("ID copies not deleted", "case", c.in.CaseNumber, "error", err)
		c.record(ctx, "system", event.CopiesNotDeleted{Reason: reason, Error: err.Error()})
		return
	}
	if res.Deleted > 0 || len(res.Unknown) > 0 {
		c.record(ctx, "system", event.CopiesDeleted{Count: res.Deleted, Reason: reason, NotAttachments: res.Unknown})
	}
}

func (c *caseRun) close(ctx workflow.Context) {
	if c.rejections.Suppressed > 0 && c.gate(ctx, boundedRejectionsVersion) {
		c.flushSuppressed(ctx, c.rejections.Hour.Add(time.Hour))
	}
	c.deleteIDCopies(ctx, "case closed", nil)
	if c.gate(ctx, callersVersion) {
		info := workflow.GetInfo(ctx)
		in := activities.CallersInput{CaseNumber: c.in.CaseNumber, WorkflowID: info.WorkflowExecution.ID, RunID: info.WorkflowExecution.RunID}
		in.Step = c.step(ctx)
		var res activities.CallersResult
		if err := workflow.ExecuteActivity(summary(ctx, "record who acted on the case"), a.RecordCallers, in).Get(ctx, &res); err != nil {
			workflow.GetLogger(ctx).Warn("caller identities not recorded", "case", c.in.CaseNumber, "error", err)
		} else {
			c.wrote(ctx, in.Step, res.Head)
		}
	}
	today := deadline.DateOf(workflow.Now(ctx))
	c.closedOn = today
	c.transition(StageClosed)
	if c.clockCancel != nil {
		c.clockCancel()
	}
	c.record(ctx, "system", event.CaseClosed{
		Outcome: c.outcome, Due: day(c.dates.Due), ClosedOn: day(today), PausedDays: c.pausedDays,
		Extended: c.extended, OnTime: !today.After(c.dates.Due), WithinLegalLimit: c.withinLegalLimit(today),
	})
	c.changed(ctx)
}

// withinLegalLimit says whether a case closed today answered within the
// law's limits: by the legal date, and a refusal of any right within the
// first month even when the case was extended (Art. 12(4)).
func (c *caseRun) withinLegalLimit(today time.Time) bool {
	if today.After(c.dates.Legal) {
		return false
	}
	for _, d := range c.decisions {
		if d.Outcome == OutcomeRefused && !c.dates.RefusalLatest.IsZero() && today.After(c.dates.RefusalLatest) {
			return false
		}
	}
	return true
}

func outcomeOf(ds []Decision) string {
	approved, refused := 0, 0
	for _, d := range ds {
		switch d.Outcome {
		case OutcomeApproved:
			approved++
		case OutcomeRefused:
			refused++
		}
	}
	switch {
	case approved == len(ds):
		return OutcomeCompleted
	case refused == len(ds):
		return OutcomeRefusedCase
	}
	return OutcomePartlyCompleted
}

// record appends an audit event through an activity. The idempotency key is
// the run and the event's number within it, so a retried activity writes once.
func (c *caseRun) record(ctx workflow.Context, actor string, e event.Event) {
	in := c.reserve(ctx, actor)
	in.Action, in.Details = e.Action(), event.MustEncode(e)
	c.recordEvent(ctx, *in)
	c.noted(in)
}

// reserve numbers the case's next audit event: its time, actor and
// idempotency key (the run and the event's number in it), so that a retried
// write writes it once.
func (c *caseRun) reserve(ctx workflow.Context, actor string) *activities.AuditInput {
	c.auditCount++
	info := workflow.GetInfo(ctx)
	key := fmt.Sprintf("%s/%s/%d", info.WorkflowExecution.ID, info.WorkflowExecution.RunID, c.auditCount)
	if c.runs > 0 {
		// a later run: its run id differs, and its number makes the key
		// unique where run ids repeat (the test environment)
		key = fmt.Sprintf("%s/%s/r%d/%d", info.WorkflowExecution.ID, info.WorkflowExecution.RunID, c.runs, c.auditCount)
	}
	return &activities.AuditInput{CaseNumber: c.in.CaseNumber, Time: workflow.Now(ctx), Actor: actor, IdemKey: key}
}

// noted puts a recorded event on the status query's short timeline.
func (c *caseRun) noted(in *activities.AuditInput) {
	c.timeline = append(c.timeline, TimelineEntry{Time: in.Time, Actor: in.Actor, Action: in.Action})
	if len(c.timeline) > timelineLength {
		c.timeline = c.timeline[len(c.timeline)-timelineLength:]
	}
}

func (c *caseRun) upsertSearch(ctx workflow.Context) {
	updates := []temporal.SearchAttributeUpdate{
		SAStage.ValueSet(string(c.stage)),
		SARequestTypes.ValueSet(rights.Names(c.rights)),
		SADueDate.ValueSet(deadline.EndOf(c.dates.Due)),
		SAOverdue.ValueSet(c.overdue),
	}
	if c.assignee != "" {
		updates = append(updates, SAAssignedTo.ValueSet(c.assignee))
	}
	if err := workflow.UpsertTypedSearchAttributes(ctx, updates...); err != nil {
		workflow.GetLogger(ctx).Error("search attributes not updated", "case", c.in.CaseNumber, "error", err)
	}
}

// rejectLateInput records inputs that arrived after the case closed, so staff
// see in the audit trail that they changed nothing.
func (c *caseRun) rejectLateInput(ctx workflow.Context) {
	for _, name := range append(append([]string{}, signalOrder...), unknownSignals(ctx)...) {
		ch := workflow.GetSignalChannel(ctx, name)
		if c.channels[name] != nil {
			ch = c.channels[name]
		}
		var raw converter.RawValue
		for ch.ReceiveAsync(&raw) {
			c.reject(ctx, name, "", lateReason(name))
		}
	}
	var in inbound
	for c.inbox.ReceiveAsync(&in) {
		c.reject(ctx, in.name, "", lateReason(in.name))
		if in.reply != nil {
			in.reply.Set(c.status(), fmt.Errorf("the case is closed"))
		}
	}
}

func lateReason(name string) string {
	if !slices.Contains(signalOrder, name) {
		return errUnknownSignal.Error()
	}
	return "the case is closed"
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
