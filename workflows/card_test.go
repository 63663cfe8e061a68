package workflows_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/workflows"
	sdkpb "go.temporal.io/api/sdk/v1"
)

// card reads the case card as the Web UI does: the workflow's current
// details, through the built-in metadata query.
func (h *harness) card(t *testing.T) string {
	t.Helper()
	v, err := h.env.QueryWorkflow("__temporal_workflow_metadata")
	if err != nil {
		t.Fatal(err)
	}
	var md sdkpb.WorkflowMetadata
	if err := v.Get(&md); err != nil {
		t.Fatal(err)
	}
	return md.GetCurrentDetails()
}

// TestTheCardSaysWhatToSendAndWhatWasRefused: staff see on the case's page
// its stage in words, its dates, the input to send next with a payload to
// paste, the identity evidence, and, at the top, an input that was refused
// and why. A verification by e-mail address when the address is not on
// record is refused unless staff say why.
func TestTheCardSaysWhatToSendAndWhatWasRefused(t *testing.T) {
	h := newHarness(t, rights.Access)
	var waiting, refused, deciding string
	h.env.RegisterDelayedCallback(func() { waiting = h.card(t) }, 30*time.Minute)
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "email_on_record"})
	h.env.RegisterDelayedCallback(func() { refused = h.card(t) }, 90*time.Minute)
	h.signalAt(2*time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "email_on_record",
		"override": "Kunden ringde från numret i kundregistret"})
	h.env.RegisterDelayedCallback(func() { deciding = h.card(t) }, 150*time.Minute)
	h.signalAt(3*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved"})
	h.run(t, []rights.Right{rights.Access}, false)

	for _, want := range []string{h.number + ": Waiting for the identity check", "access (registerutdrag)", "**Due:** 24 Dec 2026 (29 days left)",
		"the sender's e-mail address is in Harmoniq's register: no", "`identity`", `"method": "id_document"`, "**Not allowed now:**", "`decision`"} {
		if !strings.Contains(waiting, want) {
			t.Errorf("the card of a case waiting for its identity check lacks %q:\n%s", want, waiting)
		}
	}
	if strings.Contains(waiting, "Refused") {
		t.Errorf("the card shows a refusal before any:\n%s", waiting)
	}
	if !strings.HasPrefix(strings.SplitN(refused, "\n\n", 2)[1], "> **Refused**") || !strings.Contains(refused, "email_on_record contradicts the evidence") {
		t.Errorf("the card after the refused verification does not say so at its top:\n%s", refused)
	}
	if !strings.Contains(deciding, "Waiting for a decision") || !strings.Contains(deciding, `"right": "access",`) {
		t.Errorf("the card in assessment:\n%s", deciding)
	}
	assertActions(t, h.actions(t), "case.received", "letter.sent", "signal.rejected", "identity.verified", "decision.approved", "fulfilment.done", "letter.sent", "case.closed")
	es, err := h.trail.Events(context.Background(), h.number)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if e.Action != "identity.verified" {
			continue
		}
		// Staff's free text is sealed with the case's key in the trail,
		// and reads in clear while the key lasts.
		if strings.Contains(e.Details, "Kunden ringde") {
			t.Errorf("the override is in clear in the trail: %s", e.Details)
		}
		if d, err := h.trail.Readable(context.Background(), e); err != nil || !strings.Contains(d, `"override":"Kunden ringde`) {
			t.Errorf("the verification's override does not read from the trail: %s (%v)", d, err)
		}
	}
}

// TestStaffReadTheMessageOnTheCard: show-message puts the person's request
// and the replies after it on the card, for the staff member who asked,
// each read recorded in the trail; the text leaves the card when the case
// moves on.
func TestStaffReadTheMessageOnTheCard(t *testing.T) {
	h := newHarness(t, rights.Access)
	reply := "From: Åsa Öberg <asa.oberg@example.se>\r\nTo: kundservice@harmoniq.se\r\nSubject: Re: DSR\r\nMessage-ID: <r1@example.se>\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n\r\nMin adress är Nygatan 2, inte Storgatan 1.\r\n"
	if _, err := h.store.RecordReply(context.Background(), &store.InboundMessage{DedupeKey: "mid:<r1@example.se>", Channel: "email", SHA256: "y",
		ReceivedAt: received.Add(time.Hour), Raw: []byte(reply), CaseNumber: h.number}, nil); err != nil {
		t.Fatal(err)
	}
	var shown, after string
	h.signalAt(time.Hour, workflows.SignalShowMessage, map[string]any{"actor": "anna.k"})
	h.env.RegisterDelayedCallback(func() { shown = h.card(t) }, 90*time.Minute)
	h.signalAt(2*time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
	h.env.RegisterDelayedCallback(func() { after = h.card(t) }, 150*time.Minute)
	h.signalAt(3*time.Hour, workflows.SignalWithdraw, map[string]any{"actor": "anna.k", "reason": "klar"})
	h.run(t, []rights.Right{rights.Access}, false)
	if !strings.Contains(shown, "The messages, shown to anna.k") || !strings.Contains(shown, "Min adress är Nygatan 2") || !strings.Contains(shown, "Re: DSR") {
		t.Errorf("the card after show-message:\n%s", shown)
	}
	if strings.Contains(after, "Nygatan 2") {
		t.Errorf("the message stays on the card after the case moved on:\n%s", after)
	}
	reads := 0
	for _, a := range h.actions(t) {
		if a == "message.read" {
			reads++
		}
	}
	if reads != 2 {
		t.Errorf("%d reads recorded, want one for the request and one for the reply", reads)
	}
}
