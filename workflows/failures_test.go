package workflows_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/workflows"
	"github.com/stretchr/testify/mock"
	"go.temporal.io/sdk/temporal"
)

// projection reads the case's row as the workflow last wrote it.
func (h *harness) projection(t *testing.T) (stage, blocked string) {
	t.Helper()
	st, err := h.store.CaseStateOf(context.Background(), h.number)
	if err != nil {
		t.Fatal(err)
	}
	return st.Stage, st.LetterBlocked
}

// TestAFailedFulfilmentGoesBackForANewDecision: one approved right is
// carried out, the other cannot be. The failed one goes back to staff; the
// one carried out stays decided and fulfilled, and the new decision on the
// failed right leads to the answer.
func TestAFailedFulfilmentGoesBackForANewDecision(t *testing.T) {
	h := newHarness(t, rights.Access, rights.Erasure)
	h.env.OnActivity(h.acts.Fulfil, mock.Anything, mock.Anything).Return(
		func(ctx context.Context, in activities.FulfilInput) (activities.FulfilResult, error) {
			if in.Right == rights.Erasure {
				return activities.FulfilResult{}, temporal.NewNonRetryableApplicationError("the web shop refused the erasure", "Refused", nil)
			}
			return h.acts.Fulfil(ctx, in)
		})
	var mid workflows.Status
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
	h.signalAt(2*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved"})
	h.env.RegisterDelayedCallback(func() { mid = h.status(t) }, 3*time.Hour)
	h.signalAt(4*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "right": "erasure", "outcome": "refused", "ground": "Art. 17(3)(b): uppgifterna måste sparas enligt bokföringslagen"})
	res := h.run(t, []rights.Right{rights.Access, rights.Erasure}, false)
	if mid.Stage != workflows.StageAssessment || !slices.Equal(mid.Pending, []string{"decision: decide on erasure"}) {
		t.Errorf("after the failure: stage %s, pending %v; want assessment, erasure to decide", mid.Stage, mid.Pending)
	}
	if len(mid.Decisions) != 1 || mid.Decisions[0].Right != rights.Access || !mid.Decisions[0].Fulfilled {
		t.Errorf("after the failure the decisions are %+v; want access, fulfilled", mid.Decisions)
	}
	if res.Outcome != workflows.OutcomePartlyCompleted {
		t.Errorf("outcome %s, want partly completed", res.Outcome)
	}
	assertActions(t, h.actions(t), "case.received", "letter.sent", "identity.verified", "decision.approved", "decision.approved",
		"fulfilment.done", "fulfilment.failed", "decision.refused", "letter.sent", "case.closed")
	if stage, _ := h.projection(t); stage != string(workflows.StageClosed) {
		t.Errorf("the case's row says %q, want closed", stage)
	}
}

// TestAnAnswerThatCannotBeSentWaitsForACorrection: the closing letter
// fails for good. The case keeps what was decided and done and waits, the
// reason on its status and its row; a corrected address sends it.
func TestAnAnswerThatCannotBeSentWaitsForACorrection(t *testing.T) {
	h := newHarness(t, rights.Erasure)
	failed := false
	h.env.OnActivity(h.acts.SendLetter, mock.Anything, mock.Anything).Return(
		func(ctx context.Context, in activities.LetterInput) (activities.LetterResult, error) {
			if in.Kind == "response" && !failed {
				failed = true
				return activities.LetterResult{}, temporal.NewNonRetryableApplicationError("no postal address for the letter", "NoAddress", nil)
			}
			return h.acts.SendLetter(ctx, in)
		})
	var waiting workflows.Status
	var row, why string
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
	h.signalAt(2*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved"})
	h.env.RegisterDelayedCallback(func() { waiting = h.status(t); row, why = h.projection(t) }, 3*time.Hour)
	h.signalAt(3*time.Hour+time.Minute, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved"})
	h.signalAt(4*time.Hour, workflows.SignalRequester, map[string]any{"actor": "anna.k", "address": []string{"Nygatan 2", "722 11 Västerås"}})
	res := h.run(t, []rights.Right{rights.Erasure}, false)
	if waiting.Stage != workflows.StageResponse || waiting.LetterBlocked == "" || len(waiting.Decisions) != 1 || !waiting.Decisions[0].Fulfilled {
		t.Errorf("while the answer waits: stage %s, blocked %q, decisions %+v; want response, the reason, the fulfilled decision", waiting.Stage, waiting.LetterBlocked, waiting.Decisions)
	}
	if row != string(workflows.StageResponse) || why == "" {
		t.Errorf("the case's row while the answer waits: %q, %q", row, why)
	}
	if res.Outcome != workflows.OutcomeCompleted || res.LetterSHA256 == "" {
		t.Errorf("result %+v, want completed with its letter", res)
	}
	assertActions(t, h.actions(t), "case.received", "letter.sent", "identity.verified", "decision.approved", "fulfilment.done",
		"letter.failed", "signal.rejected", "requester.corrected", "letter.sent", "case.closed")
	if _, blocked := h.projection(t); blocked != "" {
		t.Errorf("the case's row still says the answer waits: %q", blocked)
	}
}

// TestAnAuditWriteThatFailsLosesNothing: writing a step fails for good
// once. The case goes on, its status counts what is not written yet, and
// the next step writes it: every event is in the trail, in order.
func TestAnAuditWriteThatFailsLosesNothing(t *testing.T) {
	h := newHarness(t, rights.Access)
	calls := 0
	h.env.OnActivity(h.acts.Persist, mock.Anything, mock.Anything).Return(
		func(ctx context.Context, in activities.PersistInput) (activities.PersistResult, error) {
			calls++
			// What the case received and its acknowledgement went with
			// the letter: the first Persist writes the note.
			if calls == 1 {
				return activities.PersistResult{}, temporal.NewNonRetryableApplicationError("the database refused the write", "Refused", nil)
			}
			return h.acts.Persist(ctx, in)
		})
	var mid workflows.Status
	h.signalAt(time.Hour, workflows.SignalNote, map[string]any{"actor": "anna.k", "text": "Ringde kunden"})
	h.env.RegisterDelayedCallback(func() { mid = h.status(t) }, 2*time.Hour)
	h.signalAt(3*time.Hour, workflows.SignalWithdraw, map[string]any{"actor": "anna.k", "reason": "klar"})
	res := h.run(t, []rights.Right{rights.Access}, false)
	if res.Outcome != workflows.OutcomeWithdrawn {
		t.Errorf("outcome %s", res.Outcome)
	}
	if mid.AuditUnwritten != 1 {
		t.Errorf("while the write failed the status counts %d unwritten events, want the note", mid.AuditUnwritten)
	}
	assertActions(t, h.actions(t), "case.received", "letter.sent", "case.note", "case.withdrawn", "case.closed")
}

// TestAccessIsCarriedOutBeforeErasure: erasure is decided before access,
// and still the extract is made first, so that it shows what was held when
// the request came.
func TestAccessIsCarriedOutBeforeErasure(t *testing.T) {
	h := newHarness(t, rights.Erasure, rights.Access)
	var order []rights.Right
	h.env.OnActivity(h.acts.Fulfil, mock.Anything, mock.Anything).Return(
		func(ctx context.Context, in activities.FulfilInput) (activities.FulfilResult, error) {
			order = append(order, in.Right)
			return h.acts.Fulfil(ctx, in)
		})
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
	h.signalAt(2*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "right": "erasure", "outcome": "approved"})
	h.signalAt(3*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "right": "access", "outcome": "approved"})
	res := h.run(t, []rights.Right{rights.Erasure, rights.Access}, false)
	if !slices.Equal(order, []rights.Right{rights.Access, rights.Erasure}) {
		t.Errorf("carried out in the order %v, want access before erasure", order)
	}
	if res.Outcome != workflows.OutcomeCompleted {
		t.Errorf("outcome %s, want completed", res.Outcome)
	}
}

// TestARefusalIsHeldToTheFirstMonthInAnExtendedCase: an extension gives
// time to do, not to refuse. An extended case whose answer refuses a right
// after the first month is recorded as answered outside the legal limit;
// one that refuses within it, and one that approves after it, within.
func TestARefusalIsHeldToTheFirstMonthInAnExtendedCase(t *testing.T) {
	for _, tc := range []struct {
		name    string
		after   time.Duration
		outcome map[string]any
		within  bool
	}{
		{"refused after the first month", 40 * 24 * time.Hour, map[string]any{"actor": "anna.k", "outcome": "refused", "ground": "Art. 15(4): utdraget skulle röja andras uppgifter"}, false},
		{"refused within the first month", 20 * 24 * time.Hour, map[string]any{"actor": "anna.k", "outcome": "refused", "ground": "Art. 15(4): utdraget skulle röja andras uppgifter"}, true},
		{"approved after the first month", 40 * 24 * time.Hour, map[string]any{"actor": "anna.k", "outcome": "approved"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, rights.Access)
			h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
			h.signalAt(2*time.Hour, workflows.SignalExtend, map[string]any{"actor": "anna.k", "reason": "Uppgifterna finns i många system"})
			h.signalAt(tc.after, workflows.SignalDecision, tc.outcome)
			h.run(t, []rights.Right{rights.Access}, false)
			es, err := h.trail.Events(context.Background(), h.number)
			if err != nil {
				t.Fatal(err)
			}
			closed := es[len(es)-1]
			if closed.Action != "case.closed" {
				t.Fatalf("the last event is %s", closed.Action)
			}
			want := `"within_legal_limit":` + strconv.FormatBool(tc.within)
			if !strings.Contains(closed.Details, want) {
				t.Errorf("case.closed %s, want %s", closed.Details, want)
			}
		})
	}
}
