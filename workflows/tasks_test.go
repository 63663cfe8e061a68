package workflows_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/dataset"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/workflows"
)

// salong is a system the engine cannot reach: staff erase in it by hand.
const salong = `system: salong
title: {sv: Salongsbokningen, en: The salon booking}
model: customer
connection: {kind: manual}
tables:
  - name: guests
    person: true
    fields:
      - {name: id, format: hidden}
      - {name: personnummer, label: {sv: Personnummer, en: Personal identity number}, identifies: personnummer}
records:
  - category: {sv: Gästuppgifter}
    tables: [guests]
    purposes: {sv: Bokning}
    basis: [contract]
    legal_basis: {sv: Avtal}
    retention: {rule: while_customer, sv: Så länge du är kund}
    source: {sv: Du själv}
`

// A right with a task in a system the engine does not reach waits in
// fulfilment, the task on the card, until staff confirm it; the answer then
// says what staff did there, on the day they did it.
func TestAManualSystemsTaskHoldsTheCaseUntilStaffConfirmIt(t *testing.T) {
	h := newHarness(t, rights.Erasure)
	extra, err := dataset.Parse("06-salong.yaml", []byte(salong))
	if err != nil {
		t.Fatal(err)
	}
	reg := h.store.Register()
	if err := reg.UseDatasets(context.Background(), append(reg.Datasets(), extra)); err != nil {
		t.Fatal(err)
	}
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
	h.signalAt(2*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved"})
	h.env.RegisterDelayedCallback(func() {
		s := h.status(t)
		if s.Stage != workflows.StageFulfilment || len(s.Tasks) != 1 || s.Tasks[0].System != "salong" || !strings.Contains(s.Tasks[0].What, "Erase the person's data in The salon booking") {
			t.Errorf("waiting for staff: stage %s, tasks %+v", s.Stage, s.Tasks)
		}
		if card := h.card(t); !strings.Contains(card, "**Tasks for staff**") || !strings.Contains(card, `"system": "salong"`) || strings.Contains(card, "named `extend`") {
			t.Errorf("the card does not show the task:\n%s", card)
		}
		h.env.SignalWorkflow(workflows.SignalTaskDone, map[string]any{"actor": "erik.s", "system": "kassa", "right": "erasure", "done": "x"})
	}, 3*time.Hour)
	h.env.RegisterDelayedCallback(func() {
		if s := h.status(t); s.LastRejected == nil || !strings.Contains(s.LastRejected.Reason, `no open task is for "erasure" in "kassa"`) {
			t.Errorf("a task-done for no open task: %+v", s.LastRejected)
		}
		h.env.SignalWorkflow(workflows.SignalTaskDone, map[string]any{"actor": "erik.s", "system": "salong", "right": "erasure", "done": "Raderade gästkortet och tre bokningar"})
	}, 2*dayLen)
	res := h.run(t, []rights.Right{rights.Erasure}, false)
	if res.Outcome != workflows.OutcomeCompleted {
		t.Errorf("outcome = %s, want completed", res.Outcome)
	}
	assertActions(t, h.actions(t), "case.received", "letter.sent", "identity.verified", "decision.approved", "fulfilment.tasks_opened",
		"signal.rejected", "fulfilment.task_done", "fulfilment.done", "letter.sent", "case.closed")
	text := h.letterText(t, "response")
	if !strings.Contains(text, "I Salongsbokningen har vår personal raderat dina uppgifter enligt beslutet (den 27 november 2026).") {
		t.Errorf("the answer does not say what staff did:\n%s", text)
	}
	if strings.Contains(text, "Vi hittade inga uppgifter om dig att radera") {
		t.Errorf("the answer says nothing was found to erase, though staff erased in the salon:\n%s", text)
	}
}
