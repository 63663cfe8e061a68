package workflows

import (
	"fmt"

	"github.com/harmoniq/dsr/activities"
	"time"

	"github.com/harmoniq/dsr/internal/rights"
)

const timelineLength = 20

// Decision is a staff decision on one right, as the case keeps it: with the
// corrections fulfilment needs, and whether it was carried out.
type Decision struct {
	Right         rights.Right            `json:"right"`
	Outcome       string                  `json:"outcome"`
	Ground        string                  `json:"ground,omitempty"`
	Justification string                  `json:"justification,omitempty"`
	Actor         string                  `json:"actor"`
	Time          time.Time               `json:"time"`
	Corrections   []activities.Correction `json:"corrections,omitempty"`
	// Scope is what a partly approved decision covers.
	Scope     activities.Scope `json:"scope,omitzero"`
	Fulfilled bool             `json:"fulfilled,omitempty"`
}

// DecisionStatus is a decision as the status query shows it: without the
// corrections, which hold personal data.
type DecisionStatus struct {
	Right         rights.Right     `json:"right"`
	Outcome       string           `json:"outcome"`
	Ground        string           `json:"ground,omitempty"`
	Justification string           `json:"justification,omitempty"`
	Scope         activities.Scope `json:"scope,omitzero"`
	Actor         string           `json:"actor"`
	Time          time.Time        `json:"time"`
	Fulfilled     bool             `json:"fulfilled,omitempty"`
}

// Rejection is a signal that changed nothing, and why.
type Rejection struct {
	Time   time.Time `json:"time"`
	Signal string    `json:"signal"`
	Actor  string    `json:"actor,omitempty"`
	Reason string    `json:"reason"`
}

// TimelineEntry is one line of the status query's short timeline.
type TimelineEntry struct {
	Time   time.Time `json:"time"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"`
}

// LetterSent is a letter the case sent.
type LetterSent struct {
	Kind   string    `json:"kind"`
	File   string    `json:"file"`
	SHA256 string    `json:"sha256"`
	Time   time.Time `json:"time"`
	// Route is how it went: "post" (the print queue) or "email".
	Route string `json:"route,omitempty"`
	// Failed is why the letter could not be sent or delivered.
	Failed string `json:"failed,omitempty"`
}

// Status is what the status query returns.
type Status struct {
	CaseNumber   string           `json:"case_number"`
	Stage        Stage            `json:"stage"`
	Outcome      string           `json:"outcome,omitempty"`
	Rights       []rights.Right   `json:"rights"`
	Channel      string           `json:"channel"`
	AssignedTo   string           `json:"assigned_to,omitempty"`
	Received     string           `json:"received"`
	LegalDue     string           `json:"legal_due"`
	PromisedDue  string           `json:"promised_due,omitempty"`
	Due          string           `json:"due"`
	Overdue      bool             `json:"overdue"`
	PausedDays   int              `json:"paused_days"`
	PausedSince  string           `json:"paused_since,omitempty"`
	Extended     bool             `json:"extended"`
	ExtendBy     string           `json:"extend_by,omitempty"`
	Letters      []LetterSent     `json:"letters,omitempty"`
	Pending      []string         `json:"pending"`
	Evidence     Evidence         `json:"identity_evidence"`
	Decisions    []DecisionStatus `json:"decisions,omitempty"`
	LastRejected *Rejection       `json:"last_rejected,omitempty"`
	// LetterBlocked is why the answer could not be sent, while the case
	// waits for a correction.
	LetterBlocked string `json:"letter_blocked,omitempty"`
	// Tasks are what staff must still do by hand in systems the engine
	// does not reach; fulfilment waits for task-done on each.
	Tasks []activities.Task `json:"tasks,omitempty"`
	// AuditUnwritten counts events the case recorded that could not be
	// written yet; they go with its next step.
	AuditUnwritten int `json:"audit_unwritten,omitempty"`
	// AuditHead is the head of the case's audit chain as the case knows it.
	AuditHead *activities.AuditHead `json:"audit_head,omitempty"`
	Timeline  []TimelineEntry       `json:"timeline"`
}

func (c *caseRun) status() Status {
	st := Status{
		CaseNumber: c.in.CaseNumber, Stage: c.stage, Outcome: c.outcome, Rights: c.rights, Channel: c.in.Channel,
		AssignedTo: c.assignee, Received: day(c.dates.Received), LegalDue: day(c.dates.Legal),
		PromisedDue: day(c.dates.Promised), Due: day(c.dates.Due), Overdue: c.overdue, Pending: c.pending(),
		Evidence: c.in.Evidence, PausedDays: c.pausedDays, Extended: c.extended, Letters: c.letters,
		LastRejected: c.lastRejected, Timeline: c.timeline, LetterBlocked: c.letterBlocked, AuditUnwritten: c.unwritten, AuditHead: c.auditHead,
		Tasks: c.tasks,
	}
	if c.paused != nil {
		st.PausedSince = day(c.paused.Since)
	}
	for _, d := range c.decisions {
		st.Decisions = append(st.Decisions, DecisionStatus{Right: d.Right, Outcome: d.Outcome, Ground: d.Ground,
			Justification: d.Justification, Scope: d.Scope, Actor: d.Actor, Time: d.Time, Fulfilled: d.Fulfilled})
	}
	if !c.extended && c.stage != StageClosed {
		st.ExtendBy = day(c.dates.ExtensionLatest)
	}
	return st
}

// pending says what the case waits for, in words staff act on.
func (c *caseRun) pending() []string {
	switch c.stage {
	case StageTriage:
		return []string{"classify: say which rights the message asks for, or that it is not a request"}
	case StageIdentity:
		return []string{"identity: verify the requester's identity, or ask for proof"}
	case StageComplement:
		since := ""
		if c.paused != nil {
			since = day(c.paused.Since)
		}
		return []string{fmt.Sprintf("complement-received: waiting for the person since %s; the clock is paused", since)}
	case StageAssessment:
		var out []string
		for _, r := range c.rights {
			if !c.decided(r) {
				out = append(out, "decision: decide on "+string(r))
			}
		}
		return out
	case StageFulfilment:
		if len(c.tasks) > 0 {
			var out []string
			for _, t := range c.tasks {
				out = append(out, fmt.Sprintf("task-done: %s (system %s, right %s)", t.What, t.System, t.Right))
			}
			return out
		}
		return []string{"the approved rights are being carried out in Harmoniq's systems"}
	case StageResponse:
		if c.letterBlocked != "" {
			return []string{"requester: the answer could not be sent (" + c.letterBlocked + "); correct the name or postal address, and it is sent again"}
		}
		return []string{"response letter being sent"}
	}
	return nil
}

func (c *caseRun) undecided() []rights.Right {
	var out []rights.Right
	for _, r := range c.rights {
		if !c.decided(r) {
			out = append(out, r)
		}
	}
	return out
}

func (c *caseRun) decided(r rights.Right) bool {
	for _, d := range c.decisions {
		if d.Right == r {
			return true
		}
	}
	return false
}
