package workflows_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/letter/lettertest"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/workflows"
)

// TestAPartlyApprovedDecisionNamesWhatItCovers: partly_approved without a
// scope, and a scope on an outcome that covers everything, are refused
// with the reason; a scope that names categories for a right that acts on
// whole systems is refused; the scope given is recorded in the trail, kept
// with the decision and stated in the answer.
func TestAPartlyApprovedDecisionNamesWhatItCovers(t *testing.T) {
	h := newHarness(t, rights.Erasure, rights.Restriction)
	verified := map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"}
	h.signalAt(time.Hour, workflows.SignalIdentity, verified)
	h.signalAt(2*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "right": "erasure", "outcome": "partly_approved", "ground": "Köpen sparas för din reklamation"})
	var noScope, wholeScope, categories string
	h.env.RegisterDelayedCallback(func() { noScope = reason(t, h) }, 2*time.Hour+time.Minute)
	h.signalAt(3*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "right": "erasure", "outcome": "approved", "scope": map[string]any{"except": []string{"Köp"}}})
	h.env.RegisterDelayedCallback(func() { wholeScope = reason(t, h) }, 3*time.Hour+time.Minute)
	h.signalAt(4*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "right": "restriction", "outcome": "partly_approved", "ground": "x",
		"scope": map[string]any{"categories": []string{"Köp"}}})
	h.env.RegisterDelayedCallback(func() { categories = reason(t, h) }, 4*time.Hour+time.Minute)
	h.signalAt(5*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "right": "erasure", "outcome": "partly_approved",
		"ground": "Köpen sparas för din reklamation", "scope": map[string]any{"except": []string{"Köp"}}})
	h.signalAt(6*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "right": "restriction", "outcome": "approved"})
	h.run(t, []rights.Right{rights.Erasure, rights.Restriction}, false)

	for what, got := range map[string]string{"no scope": noScope, "a scope on approved": wholeScope, "categories for a restriction": categories} {
		if got == "" {
			t.Errorf("%s was not refused", what)
		}
	}
	if !strings.Contains(noScope, `"scope" is required`) || !strings.Contains(wholeScope, "narrows a partly_approved") || !strings.Contains(categories, "whole systems") {
		t.Errorf("reasons:\n%s\n%s\n%s", noScope, wholeScope, categories)
	}
	ds := h.events(t, "decision.partly_approved")
	if len(ds) != 1 || !strings.Contains(ds[0], `"scope_except":["Köp"]`) {
		t.Errorf("the decision event does not carry its scope: %v", ds)
	}
	text := h.letterText(t, "response")
	if !strings.Contains(text, "Vi har delvis beviljat din begäran om radering av dina personuppgifter (dataskyddsförordningen artikel 17). Beslutet omfattar dina uppgifter, utom Köp. Skäl till att vi inte kan göra allt du bad om: Köpen sparas för din reklamation.") {
		t.Errorf("the answer does not state the scope:\n%s", text)
	}
}

// TestARefusalAsManifestlyExcessiveNeedsEarlierRequests: the measured case
// was "manifestly excessive because repeated" accepted for a person's first
// request. Without earlier requests it is refused; with them, the count is
// recorded with the decision and the justification reaches the letter.
func TestARefusalAsManifestlyExcessiveNeedsEarlierRequests(t *testing.T) {
	excessive := map[string]any{"actor": "anna.k", "outcome": "refused", "ground": "Manifestly excessive because repeated, Art. 12(5)",
		"justification": "Du har fått samma registerutdrag tre gånger den senaste månaden."}
	for _, earlier := range []int{0, 3} {
		h := newHarness(t, rights.Access)
		h.evidence.EarlierRequests = earlier
		h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
		h.signalAt(2*time.Hour, workflows.SignalDecision, excessive)
		var rejected string
		h.env.RegisterDelayedCallback(func() { rejected = reason(t, h) }, 2*time.Hour+time.Minute)
		h.signalAt(3*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved"})
		h.run(t, []rights.Right{rights.Access}, false)
		refused := h.events(t, "decision.refused")
		switch earlier {
		case 0:
			if !strings.Contains(rejected, "needs evidence of earlier requests") || len(refused) != 0 {
				t.Errorf("a first request refused as excessive: rejection %q, refusals %v", rejected, refused)
			}
		default:
			if rejected != "" || len(refused) != 1 || !strings.Contains(refused[0], `"earlier_requests":3`) {
				t.Errorf("with 3 earlier requests: rejection %q, refusals %v", rejected, refused)
			}
			text := h.letterText(t, "response")
			if !strings.Contains(text, "Du har fått samma registerutdrag tre gånger den senaste månaden.") {
				t.Errorf("the justification is not in the letter:\n%s", text)
			}
		}
	}
}

// reason is the reason the case gave for the last input it refused, or "".
func reason(t *testing.T, h *harness) string {
	t.Helper()
	if r := h.status(t).LastRejected; r != nil {
		defer func() { h.lastSeen = r.Time }()
		if !r.Time.Equal(h.lastSeen) {
			return r.Reason
		}
	}
	return ""
}

// TestAFeeIsAskedOnlyForARepeatedRequestAndWaitsForThePerson: a fee (Art.
// 12(5)) needs the person's earlier requests, an amount within reason, the
// ground and its justification; it warns the person in a letter with the
// amount and pauses the case until they accept, and the answer follows.
func TestAFeeIsAskedOnlyForARepeatedRequestAndWaitsForThePerson(t *testing.T) {
	fee := map[string]any{"actor": "anna.k", "outcome": "fee", "fee": 250, "ground": "Manifestly excessive, repeated (Art. 12(5))",
		"justification": "Du har fått samma registerutdrag två gånger i november."}
	first := newHarness(t, rights.Access)
	first.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
	first.signalAt(2*time.Hour, workflows.SignalDecision, fee)
	var rejected string
	first.env.RegisterDelayedCallback(func() { rejected = reason(t, first) }, 2*time.Hour+time.Minute)
	first.signalAt(3*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved"})
	first.run(t, []rights.Right{rights.Access}, false)
	if !strings.Contains(rejected, "no earlier request") {
		t.Errorf("a fee on a first request: %q, want refused", rejected)
	}

	h := newHarness(t, rights.Access)
	h.evidence.EarlierRequests = 2
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
	tooMuch := map[string]any{}
	for k, v := range fee {
		tooMuch[k] = v
	}
	tooMuch["fee"] = 50000
	h.signalAt(2*time.Hour, workflows.SignalDecision, tooMuch)
	var unreasonable string
	h.env.RegisterDelayedCallback(func() { unreasonable = reason(t, h) }, 2*time.Hour+time.Minute)
	h.signalAt(3*time.Hour, workflows.SignalDecision, fee)
	var stage string
	h.env.RegisterDelayedCallback(func() { stage = string(h.status(t).Stage) }, 3*time.Hour+time.Minute)
	h.signalAt(3*24*time.Hour, workflows.SignalComplement, map[string]any{"actor": "anna.k", "note": "Godtar avgiften"})
	h.signalAt(4*24*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved"})
	h.run(t, []rights.Right{rights.Access}, false)
	if !strings.Contains(unreasonable, `"fee" is the amount`) {
		t.Errorf("a fee of 50 000 kr: %q, want refused", unreasonable)
	}
	if stage != string(workflows.StageComplement) {
		t.Errorf("after the fee the case is in %s, want waiting for the person (%s)", stage, workflows.StageComplement)
	}
	assertActions(t, h.actions(t), "case.received", "letter.sent", "identity.verified", "signal.rejected", "decision.fee_requested", "clock.paused",
		"letter.sent", "complement.fee_accepted", "clock.resumed", "decision.approved", "fulfilment.done", "letter.sent", "case.closed")
	if fr := h.events(t, "decision.fee_requested"); len(fr) != 1 || !strings.Contains(fr[0], `"fee":250`) || !strings.Contains(fr[0], `"earlier_requests":2`) {
		t.Errorf("the fee event: %v", fr)
	}
	text := h.letterText(t, "fee-1")
	for _, want := range []string{"Avgiften är 250 kronor", "Du har fått samma registerutdrag två gånger i november.", "artikel 12.5", "återkalla", "Integritetsskyddsmyndigheten"} {
		if !strings.Contains(text, want) {
			t.Errorf("the fee letter lacks %q:\n%s", want, text)
		}
	}
	if text := h.letterText(t, "response"); !strings.Contains(text, "Som du godtog tar vi ut en avgift på 250 kronor") {
		t.Errorf("the answer does not state the fee accepted:\n%s", text)
	}
}

// letterText is the text of the case's letter with key, on one line.
func (h *harness) letterText(t *testing.T, key string) string {
	t.Helper()
	pdf, err := os.ReadFile(filepath.Join(h.outbox, h.number+"-"+key+".pdf"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(lettertest.Text(t, pdf)), " ")
}

// The fields a rectification corrects are the dataset files' to say: the
// workflow checks only their form, so a controller's own field reaches
// fulfilment, which refuses one no dataset lets rectification change before
// anything is changed and returns the case to assessment with the reason.
func TestARectificationIsCheckedAgainstTheDatasetsByFulfilment(t *testing.T) {
	h := newHarness(t, rights.Rectification)
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
	h.signalAt(2*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved",
		"corrections": []map[string]string{{"field": "Skostorlek!", "value": "38"}}})
	h.signalAt(3*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved",
		"corrections": []map[string]string{{"field": "shoe_size", "value": "38"}}})
	h.signalAt(dayLen, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved",
		"corrections": []map[string]string{{"field": "street", "value": "Nygatan 2"}}})
	h.env.RegisterDelayedCallback(func() {
		s := h.status(t)
		if s.LastRejected == nil || !strings.Contains(s.LastRejected.Reason, "is not a field's name") {
			t.Errorf("a field name of the wrong form: last rejected %+v", s.LastRejected)
		}
	}, 150*time.Minute)
	res := h.run(t, []rights.Right{rights.Rectification}, false)
	if res.Outcome != workflows.OutcomeCompleted {
		t.Errorf("outcome = %s, want completed", res.Outcome)
	}
	actions := h.actions(t)
	assertActions(t, actions, "case.received", "letter.sent", "identity.verified", "signal.rejected", "decision.approved", "fulfilment.failed",
		"decision.approved", "fulfilment.done", "letter.sent", "case.closed")
}

// An objection to direct marketing is absolute (Art. 21(3)): a refusal of
// a marketing opt-out on an ordinary ground is not taken; one as manifestly
// unfounded, with its justification, is.
func TestAMarketingOptOutIsRefusedOnlyAsManifestlyUnfounded(t *testing.T) {
	h := newHarness(t, rights.MarketingOptOut)
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
	h.signalAt(2*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "refused", "ground": "Vi har ett berättigat intresse av att nå våra kunder"})
	h.env.RegisterDelayedCallback(func() {
		if s := h.status(t); s.LastRejected == nil || !strings.Contains(s.LastRejected.Reason, "absolute (Art. 21(2)-(3))") {
			t.Errorf("a refusal of an opt-out on legitimate interest: %+v", s.LastRejected)
		}
		h.env.SignalWorkflow(workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "refused",
			"ground": "Begäran är uppenbart ogrundad (artikel 12.5)", "justification": "Avsändaren har inget konto och har aldrig fått marknadsföring från oss."})
	}, 3*time.Hour)
	res := h.run(t, []rights.Right{rights.MarketingOptOut}, false)
	if res.Outcome == "" {
		t.Fatal("no outcome")
	}
	assertActions(t, h.actions(t), "case.received", "letter.sent", "identity.verified", "signal.rejected", "decision.refused", "letter.sent", "case.closed")
}
