package workflows_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/workflows"
)

const dayLen = 24 * time.Hour

func TestAPauseForIdentityProofMovesBothDates(t *testing.T) {
	h := newHarness(t, rights.Access)
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "complement_requested", "requested": "En kopia av giltig ID-handling"})
	h.env.RegisterDelayedCallback(func() {
		s := h.status(t)
		if s.Stage != workflows.StageComplement || s.PausedSince != "2026-11-25" {
			t.Errorf("while waiting: stage %s paused since %q, want complement since 2026-11-25", s.Stage, s.PausedSince)
		}
	}, 2*time.Hour)
	// The proof arrives ten days later: both clocks move by ten days.
	h.signalAt(10*dayLen, workflows.SignalComplement, map[string]any{"actor": "anna.k"})
	h.env.RegisterDelayedCallback(func() {
		s := h.status(t)
		if s.Stage != workflows.StageIdentity || s.PausedDays != 10 {
			t.Errorf("after the complement: stage %s, paused %d days; want identity, 10", s.Stage, s.PausedDays)
		}
		// Received 2026-11-25: legal 2026-12-25 + 10 = 2027-01-04 (Monday);
		// promised 2026-12-25 + 10 = 2027-01-04; due 2027-01-04.
		if s.LegalDue != "2027-01-04" || s.PromisedDue != "2027-01-04" || s.Due != "2027-01-04" {
			t.Errorf("dates after a 10-day pause: legal %s promised %s due %s, want 2027-01-04 for all", s.LegalDue, s.PromisedDue, s.Due)
		}
		h.env.SignalWorkflow(workflows.SignalWithdraw, map[string]any{"actor": "anna.k", "reason": "test over"})
	}, 10*dayLen+time.Hour)
	h.run(t, []rights.Right{rights.Access}, false)
	assertActions(t, h.actions(t), "case.received", "letter.sent", "identity.complement_requested", "clock.paused", "letter.sent",
		"complement.received", "clock.resumed", "case.withdrawn", "case.closed")
	if _, err := h.store.Letter(context.Background(), h.number, "complement-1"); err != nil {
		t.Errorf("no complement letter: %v", err)
	}
}

func TestNoProofWithinTheWaitClosesTheCaseAsUnverified(t *testing.T) {
	h := newHarness(t, rights.Erasure)
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "complement_requested", "requested": "ID"})
	res := h.run(t, []rights.Right{rights.Erasure}, false)
	if res.Outcome != workflows.OutcomeUnverified {
		t.Errorf("outcome = %s, want unverified", res.Outcome)
	}
	assertActions(t, h.actions(t), "case.received", "letter.sent", "identity.complement_requested", "clock.paused", "letter.sent",
		"complement.timed_out", "clock.resumed", "letter.sent", "case.closed")
	if _, err := h.store.Letter(context.Background(), h.number, letter.KindUnverified); err != nil {
		t.Errorf("no unverified letter: %v", err)
	}
}

func TestAClarificationPauseReturnsToAssessment(t *testing.T) {
	h := newHarness(t, rights.Rectification)
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
	h.signalAt(2*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "clarification_requested", "requested": "Vilken adress är rätt?"})
	h.signalAt(3*dayLen, workflows.SignalComplement, map[string]any{"actor": "anna.k"})
	h.signalAt(4*dayLen-time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved"})
	h.signalAt(4*dayLen, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved",
		"corrections": []map[string]string{{"field": "street", "value": "Nygatan 2"}}})
	res := h.run(t, []rights.Right{rights.Rectification}, false)
	if res.Outcome != workflows.OutcomeCompleted {
		t.Errorf("outcome = %s, want completed", res.Outcome)
	}
	assertActions(t, h.actions(t), "case.received", "letter.sent", "identity.verified", "decision.clarification_requested", "clock.paused", "letter.sent",
		"complement.received", "clock.resumed", "signal.rejected", "decision.approved", "fulfilment.done", "letter.sent", "case.closed")
}

func TestExtensionRules(t *testing.T) {
	t.Run("an extension within the first month gives three months and a letter", func(t *testing.T) {
		h := newHarness(t, rights.Access)
		h.signalAt(time.Hour, workflows.SignalExtend, map[string]any{"actor": "anna.k", "reason": "Uppgifterna finns i många system"})
		h.env.RegisterDelayedCallback(func() {
			s := h.status(t)
			// 2026-11-25 + 3 months = 2027-02-25 (Thursday).
			if !s.Extended || s.Due != "2027-02-25" || s.PromisedDue != "" {
				t.Errorf("after extending: extended %v due %s promised %q; want true, 2027-02-25, none", s.Extended, s.Due, s.PromisedDue)
			}
			h.env.SignalWorkflow(workflows.SignalExtend, map[string]any{"actor": "anna.k", "reason": "again"})
		}, 2*time.Hour)
		h.env.RegisterDelayedCallback(func() {
			s := h.status(t)
			if s.LastRejected == nil || !strings.Contains(s.LastRejected.Reason, "only once") {
				t.Errorf("second extension: last rejected %+v, want 'only once'", s.LastRejected)
			}
			h.env.SignalWorkflow(workflows.SignalWithdraw, map[string]any{"actor": "anna.k", "reason": "x"})
		}, 3*time.Hour)
		h.run(t, []rights.Right{rights.Access}, false)
		if _, err := h.store.Letter(context.Background(), h.number, letter.KindExtension); err != nil {
			t.Errorf("no extension letter: %v", err)
		}
	})
	t.Run("without a reason it is refused", func(t *testing.T) {
		h := newHarness(t, rights.Access)
		h.signalAt(time.Hour, workflows.SignalExtend, map[string]any{"actor": "anna.k"})
		h.env.RegisterDelayedCallback(func() {
			if s := h.status(t); s.Extended || s.LastRejected == nil || !strings.Contains(s.LastRejected.Reason, "reason") {
				t.Errorf("extension without reason: extended %v, last rejected %+v", s.Extended, s.LastRejected)
			}
			h.env.SignalWorkflow(workflows.SignalWithdraw, map[string]any{"actor": "anna.k", "reason": "x"})
		}, 2*time.Hour)
		h.run(t, []rights.Right{rights.Access}, false)
	})
	t.Run("after the first month it is too late", func(t *testing.T) {
		h := newHarness(t, rights.Access)
		// The first month ends 2026-12-25; on 2026-12-26 it is too late.
		h.signalAt(31*dayLen, workflows.SignalExtend, map[string]any{"actor": "anna.k", "reason": "complex"})
		h.env.RegisterDelayedCallback(func() {
			if s := h.status(t); s.Extended || s.LastRejected == nil || !strings.Contains(s.LastRejected.Reason, "too late") {
				t.Errorf("late extension: extended %v, last rejected %+v", s.Extended, s.LastRejected)
			}
			h.env.SignalWorkflow(workflows.SignalWithdraw, map[string]any{"actor": "anna.k", "reason": "x"})
		}, 31*dayLen+time.Hour)
		h.run(t, []rights.Right{rights.Access}, false)
	})
}

func TestWithdrawalEndsTheCaseFromEveryOpenStage(t *testing.T) {
	steps := map[workflows.Stage][]struct {
		name    string
		payload map[string]any
	}{
		workflows.StageTriage:     nil,
		workflows.StageIdentity:   nil,
		workflows.StageComplement: {{workflows.SignalIdentity, map[string]any{"actor": "a", "result": "complement_requested", "requested": "ID"}}},
		workflows.StageAssessment: {{workflows.SignalIdentity, map[string]any{"actor": "a", "result": "verified", "method": "bankid"}}},
	}
	for stage, before := range steps {
		t.Run(string(stage), func(t *testing.T) {
			h := newHarness(t, rights.Erasure)
			for i, s := range before {
				h.signalAt(time.Duration(i+1)*time.Hour, s.name, s.payload)
			}
			h.env.RegisterDelayedCallback(func() {
				if s := h.status(t); s.Stage != stage {
					t.Errorf("stage %s before withdrawing, want %s", s.Stage, stage)
				}
				h.env.SignalWorkflow(workflows.SignalWithdraw, map[string]any{"actor": "anna.k", "reason": "per telefon"})
			}, 5*time.Hour)
			rs := []rights.Right{rights.Erasure}
			res := h.run(t, rs, stage == workflows.StageTriage)
			if res.Outcome != workflows.OutcomeWithdrawn {
				t.Errorf("outcome = %s, want withdrawn", res.Outcome)
			}
		})
	}
}

func TestUnknownSignalsAreRecordedAsRejected(t *testing.T) {
	h := newHarness(t, rights.Erasure)
	h.signalAt(time.Hour, "approve-everything", map[string]any{"actor": "anna.k"})
	h.env.RegisterDelayedCallback(func() {
		if s := h.status(t); s.LastRejected == nil || s.LastRejected.Signal != "approve-everything" {
			t.Errorf("last rejected = %+v, want the unknown signal", s.LastRejected)
		}
		h.env.SignalWorkflow(workflows.SignalWithdraw, map[string]any{"actor": "anna.k", "reason": "x"})
	}, 2*time.Hour)
	h.run(t, []rights.Right{rights.Erasure}, false)
	assertActions(t, h.actions(t), "case.received", "letter.sent", "signal.rejected", "case.withdrawn", "case.closed")
}

func TestRemindersNotifyThePrivacyTeamOnce(t *testing.T) {
	h := newHarness(t, rights.Erasure)
	h.signalAt(40*dayLen, workflows.SignalWithdraw, map[string]any{"actor": "anna.k", "reason": "x"})
	h.run(t, []rights.Right{rights.Erasure}, false)
	ns, err := h.store.Notifications(context.Background(), h.number)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, n := range ns {
		kinds = append(kinds, n.Kind)
	}
	want := "deadline.reminder deadline.reminder deadline.promise_missed deadline.legal_missed"
	if strings.Join(kinds, " ") != want {
		t.Errorf("notifications %v, want %s", kinds, want)
	}

}
