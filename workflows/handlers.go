package workflows

import (
	"fmt"

	"github.com/harmoniq/dsr/internal/rights"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/workflow"
)

type signal struct {
	name string
	raw  converter.RawValue
}

// allowedIn lists the stages in which each signal may act.
var allowedIn = map[string][]Stage{
	SignalClassify: {StageTriage},
	SignalIdentity: {StageIdentity},
	SignalDecision: {StageAssessment},
	SignalAssign:   {StageTriage, StageIdentity, StageAssessment},
	SignalNote:     {StageTriage, StageIdentity, StageAssessment},
	SignalWithdraw: {StageTriage, StageIdentity, StageAssessment},
}

// handleSignal validates a signal and applies it. A malformed signal, or one
// not allowed in the current stage, changes nothing: it is recorded as
// rejected in the audit trail and shown by the status query.
func (c *caseRun) handleSignal(ctx workflow.Context, s signal) {
	var err error
	var actor string
	switch s.name {
	case SignalIdentity:
		var p IdentitySignal
		if err = decodeSignal(s.raw, &p); err == nil {
			actor = p.Actor
			if err = c.stageAllows(s.name); err == nil {
				if err = p.validate(); err == nil {
					c.onIdentity(ctx, p)
				}
			}
		}
	case SignalDecision:
		var p DecisionSignal
		if err = decodeSignal(s.raw, &p); err == nil {
			actor = p.Actor
			if err = c.stageAllows(s.name); err == nil {
				if err = p.validate(c.rights); err == nil {
					err = c.onDecision(ctx, p)
				}
			}
		}
	case SignalClassify:
		var p ClassifySignal
		if err = decodeSignal(s.raw, &p); err == nil {
			actor = p.Actor
			if err = c.stageAllows(s.name); err == nil {
				var rs []rights.Right
				if rs, err = p.validate(); err == nil {
					c.onClassify(ctx, p.Actor, rs)
				}
			}
		}
	case SignalAssign:
		var p AssignSignal
		if err = decodeSignal(s.raw, &p); err == nil {
			actor = p.Actor
			if err = c.stageAllows(s.name); err == nil {
				if err = p.validate(); err == nil {
					c.assignee = p.Assignee
					c.record(ctx, p.Actor, "case.assigned", map[string]any{"assignee": p.Assignee})
					c.upsertSearch(ctx)
				}
			}
		}
	case SignalNote:
		var p NoteSignal
		if err = decodeSignal(s.raw, &p); err == nil {
			actor = p.Actor
			if err = c.stageAllows(s.name); err == nil {
				if err = p.validate(); err == nil {
					c.record(ctx, p.Actor, "case.note", map[string]any{"text": p.Text})
				}
			}
		}
	case SignalWithdraw:
		var p WithdrawSignal
		if err = decodeSignal(s.raw, &p); err == nil {
			actor = p.Actor
			if err = c.stageAllows(s.name); err == nil {
				if err = p.validate(); err == nil {
					c.record(ctx, p.Actor, "case.withdrawn", map[string]any{"reason": p.Reason, "stage": string(c.stage)})
					c.outcome = OutcomeWithdrawn
					c.close(ctx)
				}
			}
		}
	default:
		err = fmt.Errorf("unknown signal")
	}
	if err != nil {
		c.reject(ctx, s.name, actor, err.Error())
	}
}

func (c *caseRun) stageAllows(name string) error {
	for _, st := range allowedIn[name] {
		if st == c.stage {
			return nil
		}
	}
	return fmt.Errorf("signal %q is not allowed in stage %s", name, c.stage)
}

func (c *caseRun) reject(ctx workflow.Context, name, actor, reason string) {
	now := workflow.Now(ctx)
	c.lastRejected = &Rejection{Time: now, Signal: name, Actor: actor, Reason: reason}
	if actor == "" {
		actor = "unknown"
	}
	c.record(ctx, actor, "signal.rejected", map[string]any{"signal": name, "reason": reason, "stage": string(c.stage)})
}

func (c *caseRun) onIdentity(ctx workflow.Context, p IdentitySignal) {
	c.record(ctx, p.Actor, "identity."+p.Result, map[string]any{"method": p.Method})
	if p.Result == IdentityUnverified {
		c.unverified = true
		c.outcome = OutcomeUnverified
		c.stage = StageResponse
	} else {
		c.stage = StageAssessment
	}
	c.upsertSearch(ctx)
}

func (c *caseRun) onDecision(ctx workflow.Context, p DecisionSignal) error {
	var targets []rights.Right
	if p.Right != "" {
		r, _ := rights.Parse(p.Right)
		if c.decided(r) {
			return fmt.Errorf("%s is already decided", r)
		}
		targets = []rights.Right{r}
	} else {
		for _, r := range c.rights {
			if !c.decided(r) {
				targets = append(targets, r)
			}
		}
	}
	now := workflow.Now(ctx)
	for _, r := range targets {
		d := Decision{Right: r, Outcome: p.Outcome, Ground: p.Ground, Justification: p.Justification, Actor: p.Actor, Time: now}
		c.decisions = append(c.decisions, d)
		details := map[string]any{"right": string(r), "outcome": p.Outcome}
		if p.Ground != "" {
			details["ground"] = p.Ground
		}
		if p.Justification != "" {
			details["justification"] = p.Justification
		}
		c.record(ctx, p.Actor, "decision."+p.Outcome, details)
	}
	if len(c.decisions) == len(c.rights) {
		c.stage = StageResponse
		c.upsertSearch(ctx)
	}
	return nil
}

func (c *caseRun) decided(r rights.Right) bool {
	for _, d := range c.decisions {
		if d.Right == r {
			return true
		}
	}
	return false
}

func (c *caseRun) onClassify(ctx workflow.Context, actor string, rs []rights.Right) {
	if len(rs) == 0 {
		c.record(ctx, actor, "case.not_a_request", nil)
		c.outcome = OutcomeNotARequest
		c.close(ctx)
		return
	}
	c.rights = rs
	c.record(ctx, actor, "case.classified", map[string]any{"rights": rights.Names(rs)})
	c.stage = StageIdentity
	c.upsertSearch(ctx)
}
