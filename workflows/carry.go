package workflows

import (
	"github.com/harmoniq/dsr/activities"
	"sort"

	"github.com/harmoniq/dsr/internal/rights"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/workflow"
)

// A case lives as long as it needs to: when its history grows long (a
// flood of inputs, months of notes), it continues as new, carrying its
// state, so that Temporal's limits never terminate it.
const (
	// continueAfterEvents and continueAfterBytes are the history length and
	// size past which a waiting case continues as new; Temporal's own
	// suggestion counts too. Both are far below the server's limits
	// (51,200 events, 50 MB).
	continueAfterEvents = 8000
	continueAfterBytes  = 8 << 20
)

// CaseState is what a case carries to its next run.
type CaseState struct {
	Stage        Stage           `json:"stage"`
	Rights       []rights.Right  `json:"rights"`
	Decisions    []Decision      `json:"decisions,omitempty"`
	Overdue      bool            `json:"overdue"`
	Assignee     string          `json:"assignee,omitempty"`
	Outcome      string          `json:"outcome,omitempty"`
	LetterSHA    string          `json:"letter_sha,omitempty"`
	Letters      []LetterSent    `json:"letters,omitempty"`
	PausedDays   int             `json:"paused_days"`
	Paused       *Pause          `json:"paused,omitempty"`
	Extended     bool            `json:"extended"`
	Pauses       int             `json:"pauses"`
	LastRejected *Rejection      `json:"last_rejected,omitempty"`
	Rejections   rejectionWindow `json:"rejections"`
	Timeline     []TimelineEntry `json:"timeline,omitempty"`
	// Fired names the clock events already recorded, so that a breach is
	// recorded once however often the clock is set again.
	Fired []string `json:"fired,omitempty"`
	// Runs counts the runs before this one.
	Runs int `json:"runs"`
	// StateSeq numbers the writes of the case's projection, across runs.
	StateSeq int64 `json:"state_seq,omitempty"`
	// LetterBlocked is why the answer could not be sent, while it waits.
	LetterBlocked string `json:"letter_blocked,omitempty"`
	// AuditHead is the head of the case's audit chain.
	AuditHead *activities.AuditHead `json:"audit_head,omitempty"`
	// NoIDCopies: the case is known to hold no ID copy. A state carried
	// by older code lacks it, and its copies are looked for.
	NoIDCopies bool `json:"no_id_copies,omitempty"`
	// Subject is the identifier the requester was verified by.
	Subject string `json:"subject,omitempty"`
	// FeeAccepted is the fee the person accepted, in kronor.
	FeeAccepted int `json:"fee_accepted,omitempty"`
}

// shouldContinue says whether the case's history is long enough that it
// should continue as new before it waits again.
func (c *caseRun) shouldContinue(ctx workflow.Context) bool {
	info := workflow.GetInfo(ctx)
	limit := continueAfterEvents
	if c.in.ContinueAfter > 0 {
		limit = c.in.ContinueAfter
	}
	return info.GetContinueAsNewSuggested() || info.GetCurrentHistoryLength() >= limit || info.GetCurrentHistorySize() >= continueAfterBytes
}

// continueAsNew handles every input that has arrived, waits for the
// updates being handled, and continues the case as new with its state.
// It returns nil when handling the last inputs closed the case.
func (c *caseRun) continueAsNew(ctx workflow.Context) error {
	for drained := false; !drained && c.stage != StageClosed; {
		drained = true
		for _, name := range signalOrder {
			var raw converter.RawValue
			for c.stage != StageClosed && c.channels[name].ReceiveAsync(&raw) {
				c.signalsSeen[name]++
				c.handle(ctx, inbound{name: name, raw: raw, kind: "signal", ordinal: c.signalsSeen[name]})
				drained = false
			}
		}
		var in inbound
		for c.stage != StageClosed && c.inbox.ReceiveAsync(&in) {
			c.handle(ctx, in)
			drained = false
		}
	}
	if c.stage == StageClosed || c.stage == StageFulfilment || c.stage == StageResponse && !c.waitsInResponse() {
		return nil // the inputs moved the case on: it finishes in this run
	}
	if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
		return err
	}
	c.persist(ctx)
	if c.drainAfterPersist && c.inputWaiting() {
		// An input came while the case wrote its state: it is handled
		// before the case continues as new, never dropped with this run.
		return nil
	}
	next := c.in
	state := c.state()
	next.Carry = &state
	return workflow.NewContinueAsNewError(ctx, CaseWorkflow, next)
}

// inputWaiting says whether an input has arrived that the case has not
// taken yet.
func (c *caseRun) inputWaiting() bool {
	for _, name := range signalOrder {
		if c.channels[name].Len() > 0 {
			return true
		}
	}
	return c.inbox.Len() > 0
}

// state is the case's state, to carry.
func (c *caseRun) state() CaseState {
	s := CaseState{
		Stage: c.stage, Rights: c.rights, Overdue: c.overdue, Assignee: c.assignee, Outcome: c.outcome, LetterSHA: c.letterSHA,
		Letters: c.letters, PausedDays: c.pausedDays, Paused: c.paused, Extended: c.extended, Decisions: c.decisions,
		Pauses: c.pauses, LastRejected: c.lastRejected, Rejections: c.rejections, Timeline: c.timeline, Runs: c.runs + 1,
		StateSeq: c.stateSeq, LetterBlocked: c.letterBlocked, AuditHead: c.auditHead, NoIDCopies: c.noIDCopies, Subject: c.subject,
		FeeAccepted: c.feeAccepted,
	}
	for k := range c.fired {
		s.Fired = append(s.Fired, k)
	}
	sort.Strings(s.Fired)
	return s
}

// restore takes up the state the previous run carried.
func (c *caseRun) restore(s *CaseState) {
	c.stage, c.rights, c.overdue, c.assignee, c.outcome, c.letterSHA = s.Stage, s.Rights, s.Overdue, s.Assignee, s.Outcome, s.LetterSHA
	c.letters, c.pausedDays, c.paused, c.extended = s.Letters, s.PausedDays, s.Paused, s.Extended
	c.pauses, c.lastRejected, c.rejections, c.timeline, c.runs = s.Pauses, s.LastRejected, s.Rejections, s.Timeline, s.Runs
	c.decisions, c.stateSeq, c.letterBlocked, c.auditHead = s.Decisions, s.StateSeq, s.LetterBlocked, s.AuditHead
	c.noIDCopies = c.stepping && s.NoIDCopies
	c.subject, c.feeAccepted = s.Subject, s.FeeAccepted
	for _, k := range s.Fired {
		c.fired[k] = true
	}
	c.recompute()
}
