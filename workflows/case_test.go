package workflows_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/harmoniq/dsr/workflows"
	"go.temporal.io/sdk/testsuite"
)

// received is a Wednesday; the due date is 2026-12-24 (the 30-day promise),
// the legal date 2026-12-28.
var received = time.Date(2026, 11, 25, 10, 0, 0, 0, deadline.Stockholm)

type harness struct {
	env    *testsuite.TestWorkflowEnvironment
	store  *store.Store
	trail  *audit.Trail
	outbox string
	number string
	intake workflows.IntakeReading
	// requireSealed starts the case refusing inputs past the codec.
	requireSealed bool
	// acts are the real activities the workflow runs.
	acts *activities.Activities
	// evidence is what intake found, as the case starts with it.
	evidence workflows.Evidence
	// lastSeen is the time of the last refusal a test read.
	lastSeen time.Time
}

// newHarness runs the workflow with the real activities on a SQLite store
// holding one case that asks for rs.
func newHarness(t *testing.T, rs ...rights.Right) *harness {
	t.Helper()
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	env.SetStartTime(received)
	s := storetest.SQLite(t)
	names := rights.Names(rs)
	rec, err := s.RecordIntake(context.Background(),
		&store.InboundMessage{DedupeKey: "mid:<t@example.se>", Channel: "email", SHA256: "x", ReceivedAt: received, Raw: []byte("x")},
		&store.Case{Channel: "email", ReceivedAt: received, Rights: strings.Join(names, ","), Language: "sv", RequesterName: "Åsa Öberg", RequesterEmail: "asa.oberg@example.se",
			// Staff confirmed the address: the register of these tests
			// holds nobody, and every letter goes there by post.
			RequesterAddress: "Storgatan 1\n722 10 Västerås", AddressConfirmed: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{env: env, store: s, trail: audit.New(s), outbox: t.TempDir(), number: rec.CaseNumber}
	h.register(env)
	return h
}

// register gives env the case workflow and its activities on h's store.
func (h *harness) register(env *testsuite.TestWorkflowEnvironment) {
	h.acts = &activities.Activities{Store: h.store, Trail: h.trail, Sender: letter.DefaultSender, OutboxDir: h.outbox}
	env.RegisterActivity(h.acts)
	env.RegisterWorkflow(workflows.CaseWorkflow)
}

func (h *harness) signalAt(after time.Duration, name string, payload any) {
	h.env.RegisterDelayedCallback(func() { h.env.SignalWorkflow(name, payload) }, after)
}

func (h *harness) run(t *testing.T, rs []rights.Right, uncertain bool) workflows.CaseResult {
	t.Helper()
	h.env.ExecuteWorkflow(workflows.CaseWorkflow, workflows.CaseInput{
		CaseNumber: h.number, Channel: "email", ReceivedAt: received, Rights: rs, Uncertain: uncertain, Policy: deadline.DefaultPolicy, Intake: h.intake, RequireSealed: h.requireSealed,
		Evidence: h.evidence,
	})
	if !h.env.IsWorkflowCompleted() {
		t.Fatal("workflow did not complete")
	}
	if err := h.env.GetWorkflowError(); err != nil {
		t.Fatalf("workflow failed: %v", err)
	}
	var res workflows.CaseResult
	if err := h.env.GetWorkflowResult(&res); err != nil {
		t.Fatal(err)
	}
	return res
}

func (h *harness) actions(t *testing.T) []string {
	t.Helper()
	es, err := h.trail.Events(context.Background(), h.number)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Action)
	}
	if _, err := h.trail.Verify(context.Background(), h.number, audit.Options{NoSignatures: true}); err != nil {
		t.Errorf("audit chain: %v", err)
	}
	return out
}

func (h *harness) status(t *testing.T) workflows.Status {
	t.Helper()
	v, err := h.env.QueryWorkflow(workflows.QueryStatus)
	if err != nil {
		t.Fatal(err)
	}
	var s workflows.Status
	if err := v.Get(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func assertActions(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("audit actions:\n got  %v\n want %v", got, want)
	}
}

func TestApprovedErasureEndsWithALetterAndACompletedCase(t *testing.T) {
	h := newHarness(t, rights.Erasure)
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
	h.signalAt(2*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved"})
	res := h.run(t, []rights.Right{rights.Erasure}, false)
	if res.Outcome != workflows.OutcomeCompleted || res.LetterSHA256 == "" {
		t.Errorf("result = %+v, want completed with a letter", res)
	}
	assertActions(t, h.actions(t), "case.received", "letter.sent", "identity.verified", "decision.approved", "fulfilment.done", "letter.sent", "case.closed")
	if _, err := os.Stat(filepath.Join(h.outbox, h.number+"-response.pdf")); err != nil {
		t.Errorf("no letter in the outbox: %v", err)
	}
}

func TestMalformedAndMisplacedSignalsChangeNothing(t *testing.T) {
	h := newHarness(t, rights.Erasure)
	bad := []struct {
		name    string
		payload any
		reason  string
	}{
		{workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved"}, "not allowed in stage identity"},
		{workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "maybe", "method": "id_document"}, `"result" must be`},
		{workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document", "extra": 1}, "unknown field"},
		{workflows.SignalIdentity, map[string]any{"result": "verified", "method": "id_document"}, `"actor" is required`},
		{workflows.SignalIdentity, "verified", "expected a JSON object"},
		{workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "complement_requested", "requested": "ID", "id_copies": []int{1}}, `"id_copies" goes with the decision`},
		{workflows.SignalIdentity, []byte("not json"), "send it as JSON"},
		{workflows.SignalIdentity, nil, "JSON"},
	}
	for i, b := range bad {
		h.signalAt(time.Duration(i+1)*time.Minute, b.name, b.payload)
		reason := b.reason
		h.env.RegisterDelayedCallback(func() {
			s := h.status(t)
			if s.Stage != workflows.StageIdentity {
				t.Errorf("after bad signal %d the stage is %s, want identity", i, s.Stage)
			}
			if s.LastRejected == nil || !strings.Contains(s.LastRejected.Reason, reason) {
				t.Errorf("bad signal %d: last rejected = %+v, want a reason containing %q", i, s.LastRejected, reason)
			}
		}, time.Duration(i+1)*time.Minute+time.Second)
	}
	h.signalAt(time.Hour, workflows.SignalWithdraw, map[string]any{"actor": "anna.k", "reason": "test over"})
	res := h.run(t, []rights.Right{rights.Erasure}, false)
	if res.Outcome != workflows.OutcomeWithdrawn {
		t.Errorf("outcome = %s, want withdrawn", res.Outcome)
	}
	got := h.actions(t)
	rejected := 0
	for _, a := range got {
		if a == "signal.rejected" {
			rejected++
		}
	}
	if rejected != len(bad) {
		t.Errorf("%d rejections recorded, want %d: %v", rejected, len(bad), got)
	}
}

func TestRefusalNeedsAGroundAndManifestlyUnfoundedNeedsAJustification(t *testing.T) {
	h := newHarness(t, rights.Access, rights.MarketingOptOut)
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
	h.signalAt(2*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "refused"})
	h.signalAt(3*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "refused", "right": "access", "ground": "Manifestly unfounded, Art. 12(5)"})
	h.signalAt(4*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "refused", "right": "access",
		"ground": "Manifestly unfounded, Art. 12(5)", "justification": "Fifth identical request this month"})
	h.signalAt(5*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved", "right": "marketing_optout"})
	res := h.run(t, []rights.Right{rights.Access, rights.MarketingOptOut}, false)
	if res.Outcome != workflows.OutcomePartlyCompleted {
		t.Errorf("outcome = %s, want partly_completed", res.Outcome)
	}
	assertActions(t, h.actions(t), "case.received", "letter.sent", "identity.verified", "signal.rejected", "signal.rejected",
		"decision.refused", "decision.approved", "fulfilment.done", "letter.sent", "case.closed")
}

func TestUnverifiedIdentityClosesTheCaseWithALetter(t *testing.T) {
	h := newHarness(t, rights.Access)
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "unverified", "method": "id_document"})
	res := h.run(t, []rights.Right{rights.Access}, false)
	if res.Outcome != workflows.OutcomeUnverified {
		t.Errorf("outcome = %s, want unverified", res.Outcome)
	}
	if _, err := h.store.Letter(context.Background(), h.number, letter.KindUnverified); err != nil {
		t.Errorf("no unverified letter stored: %v", err)
	}
}

func TestTriageCaseIsClassifiedByStaff(t *testing.T) {
	h := newHarness(t)
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
	h.signalAt(2*time.Hour, workflows.SignalClassify, map[string]any{"actor": "anna.k", "rights": []string{"objection"}})
	h.signalAt(3*time.Hour, workflows.SignalWithdraw, map[string]any{"actor": "anna.k", "reason": "done"})
	h.intake = workflows.IntakeReading{Confidence: 0.45, Guess: []rights.Right{rights.Erasure}, Reasons: []string{"erasure: erase+me (radera) in subject"}}
	h.run(t, nil, true)
	assertActions(t, h.actions(t), "case.received", "signal.rejected", "case.classified", "letter.sent", "case.withdrawn", "case.closed")
	// What intake guessed is kept beside what staff decided, for
	// `dsr intake review`.
	es, err := h.trail.Events(context.Background(), h.number)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		switch e.Action {
		case "case.received":
			if !strings.Contains(e.Details, `"erasure: erase+me (radera) in subject"`) {
				t.Errorf("case.received lacks intake's reasons: %s", e.Details)
			}
		case "case.classified":
			if !strings.Contains(e.Details, `"intake_guess":["erasure"]`) || !strings.Contains(e.Details, `"rights":["objection"]`) {
				t.Errorf("case.classified lacks the guess beside the decision: %s", e.Details)
			}
		}
	}
}

func TestRemindersAndBreachesFireOnTheirDays(t *testing.T) {
	h := newHarness(t, rights.Erasure)
	// Nobody acts until 40 days later: both reminders, the missed promise on
	// 2026-12-24 and the missed legal date on 2026-12-28 are recorded.
	h.env.RegisterDelayedCallback(func() {
		s := h.status(t)
		if !s.Overdue {
			t.Error("case is not overdue after its due date")
		}
		h.env.SignalWorkflow(workflows.SignalWithdraw, map[string]any{"actor": "anna.k", "reason": "test over"})
	}, 40*24*time.Hour)
	h.run(t, []rights.Right{rights.Erasure}, false)
	es, err := h.trail.Events(context.Background(), h.number)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		if strings.HasPrefix(e.Action, "deadline.") {
			got = append(got, e.Action+"@"+deadline.DateOf(e.OccurredAt).Format(time.DateOnly))
		}
	}
	want := []string{"deadline.reminder@2026-12-10", "deadline.reminder@2026-12-21",
		"deadline.promise_missed@2026-12-25", "deadline.legal_missed@2026-12-29"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("clock events:\n got  %v\n want %v", got, want)
	}
}

func TestUpdatesGiveTheCallerAClearAnswer(t *testing.T) {
	h := newHarness(t, rights.Erasure)
	var rejected error
	var accepted workflows.Status
	h.env.RegisterDelayedCallback(func() {
		h.env.UpdateWorkflow(workflows.SignalDecision, "u1", &testsuite.TestUpdateCallback{
			OnAccept:   func() { t.Error("a decision in stage identity was accepted") },
			OnReject:   func(err error) { rejected = err },
			OnComplete: func(any, error) {},
		}, map[string]any{"actor": "anna.k", "outcome": "approved"})
	}, time.Hour)
	h.env.RegisterDelayedCallback(func() {
		h.env.UpdateWorkflow(workflows.SignalIdentity, "u2", &testsuite.TestUpdateCallback{
			OnAccept: func() {},
			OnReject: func(err error) { t.Errorf("valid identity update rejected: %v", err) },
			OnComplete: func(v any, err error) {
				if err != nil {
					t.Errorf("identity update failed: %v", err)
					return
				}
				accepted = v.(workflows.Status)
			},
		}, map[string]any{"actor": "anna.k", "result": "verified", "method": "bankid"})
	}, 2*time.Hour)
	h.signalAt(3*time.Hour, workflows.SignalWithdraw, map[string]any{"actor": "anna.k", "reason": "x"})
	h.run(t, []rights.Right{rights.Erasure}, false)
	if rejected == nil || !strings.Contains(rejected.Error(), "not allowed in stage identity") {
		t.Errorf("misplaced update error = %v", rejected)
	}
	if accepted.Stage != workflows.StageAssessment {
		t.Errorf("identity update returned stage %s, want assessment", accepted.Stage)
	}
	// A rejected update leaves no trace but its caller's error; a signal
	// would have been recorded as rejected.
	assertActions(t, h.actions(t), "case.received", "letter.sent", "identity.verified", "case.withdrawn", "case.closed")
}
