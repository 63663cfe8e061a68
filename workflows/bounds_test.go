package workflows_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/codec"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/workflows"
)

// events returns the case's audit events of one action, with details.
func (h *harness) events(t *testing.T, action string) []string {
	t.Helper()
	es, err := h.trail.Events(context.Background(), h.number)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if e.Action == action {
			out = append(out, e.Details)
		}
	}
	return out
}

// TestHostileStaffInputNeverFreezesACase sends the inputs that used to
// freeze a case for good: an actor with a NUL, and a field name of 700 KB.
// Each is rejected, recorded once in a small record, and the case goes on
// to its answer.
func TestHostileStaffInputNeverFreezesACase(t *testing.T) {
	h := newHarness(t, rights.Erasure)
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna\u0000k", "result": "verified", "method": "id_document"})
	h.signalAt(2*time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document", strings.Repeat("x", 700<<10): 1})
	h.signalAt(3*time.Hour, workflows.SignalNote, map[string]any{"actor": "anna.k", "text": "ring\x1b[2J kunden"})
	h.signalAt(3*time.Hour+time.Minute, workflows.SignalNote, map[string]any{"actor": "anna.k", "text": "ok", strings.Repeat("y", 5000): true})
	h.signalAt(4*time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
	h.signalAt(5*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved"})
	res := h.run(t, []rights.Right{rights.Erasure}, false)
	if res.Outcome != workflows.OutcomeCompleted {
		t.Fatalf("outcome %q, want completed: the case did not go on past the hostile inputs", res.Outcome)
	}
	rejected := h.events(t, "signal.rejected")
	if len(rejected) != 4 {
		t.Fatalf("%d rejections recorded, want 4: %v", len(rejected), rejected)
	}
	for _, d := range rejected {
		if len(d) > 600 {
			t.Errorf("a rejection record of %d bytes; it must stay small: %.200s…", len(d), d)
		}
		if strings.Contains(d, "xxxxxxxxxx") || strings.Contains(d, "yyyyyyyyyy") || strings.ContainsRune(d, 0) {
			t.Errorf("a rejection echoes what was sent: %.200s", d)
		}
	}
	for i, want := range []string{"control character", "no input takes more than", "control character", "unknown field (a value of 5000 characters)"} {
		if !strings.Contains(rejected[i], want) {
			t.Errorf("rejection %d does not say %q: %s", i+1, want, rejected[i])
		}
	}
}

// TestAFloodOfRejectedInputsIsCountedNotRecordedOneByOne sends 100 bad
// inputs in an hour: 20 are recorded, the rest counted in one record, and
// the deadline reminders still fire.
func TestAFloodOfRejectedInputsIsCountedNotRecordedOneByOne(t *testing.T) {
	h := newHarness(t, rights.Access)
	for i := range 100 {
		h.signalAt(time.Hour+time.Duration(i)*time.Second, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved"})
	}
	h.signalAt(3*time.Hour, workflows.SignalNote, map[string]any{"actor": "anna.k", "text": "efter floden"})
	h.signalAt(40*24*time.Hour, workflows.SignalWithdraw, map[string]any{"actor": "anna.k", "reason": "klar"})
	h.run(t, []rights.Right{rights.Access}, false)
	if n := len(h.events(t, "signal.rejected")); n != 20 {
		t.Errorf("%d rejections recorded one by one, want 20", n)
	}
	sup := h.events(t, "signal.rejected_suppressed")
	if len(sup) != 1 || !strings.Contains(sup[0], `"count":80`) {
		t.Errorf("suppressed rejections: %v, want one record counting 80", sup)
	}
	if len(h.events(t, "deadline.reminder")) == 0 || len(h.events(t, "deadline.legal_missed")) == 0 {
		t.Error("the deadline timers did not fire after the flood")
	}
}

// TestInputsPastTheCodecAreRefused runs a case that requires sealed input:
// sent through the codec, an input is taken; sent in clear, it is refused
// with a reason that names the codec.
func TestInputsPastTheCodecAreRefused(t *testing.T) {
	key := make([]byte, 32)
	rand.Read(key)
	keys, err := codec.ParseKeys("k1:" + base64.StdEncoding.EncodeToString(key))
	if err != nil {
		t.Fatal(err)
	}
	c, err := codec.New(keys)
	if err != nil {
		t.Fatal(err)
	}
	for _, sealed := range []bool{true, false} {
		h := newHarness(t, rights.Access)
		if sealed {
			h.env.SetDataConverter(c.DataConverter())
		}
		h.requireSealed = true
		h.signalAt(time.Hour, workflows.SignalNote, map[string]any{"actor": "anna.k", "text": "Ringde kunden"})
		h.signalAt(2*time.Hour, workflows.SignalWithdraw, map[string]any{"actor": "anna.k", "reason": "klar"})
		if sealed {
			h.run(t, []rights.Right{rights.Access}, false)
		} else {
			// Nothing in clear is taken, the withdrawal neither: the case
			// waits, and is cancelled here.
			h.env.RegisterDelayedCallback(h.env.CancelWorkflow, 3*time.Hour)
			h.env.ExecuteWorkflow(workflows.CaseWorkflow, workflows.CaseInput{CaseNumber: h.number, Channel: "email", ReceivedAt: received,
				Rights: []rights.Right{rights.Access}, Policy: deadline.DefaultPolicy, RequireSealed: true})
		}
		notes, rejected := h.events(t, "case.note"), h.events(t, "signal.rejected")
		if sealed && (len(notes) != 1 || len(rejected) != 0) {
			t.Errorf("sealed input: %d notes, rejections %v; want the note taken", len(notes), rejected)
		}
		if !sealed {
			if len(notes) != 0 || len(rejected) != 2 || !strings.Contains(rejected[0], "codec") {
				t.Errorf("input in clear: %d notes, rejections %v; want both refused, naming the codec", len(notes), rejected)
			}
			var d struct{ Reason string }
			json.Unmarshal([]byte(rejected[0]), &d)
			if d.Reason == "" {
				t.Error("the refusal has no reason")
			}
		}
	}
}

// TestANameWithAnEmojiStillGetsItsLetter corrects the requester to a name
// with an emoji and an address in another script: the answer goes out, and
// its record says how many characters the fonts could not draw.
func TestANameWithAnEmojiStillGetsItsLetter(t *testing.T) {
	h := newHarness(t, rights.Access)
	h.signalAt(time.Hour, workflows.SignalRequester, map[string]any{"actor": "anna.k", "name": "Åsa 🌸 Öberg", "address": []string{"Storgatan 1", "722 10 Västerås"}})
	h.signalAt(2*time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
	h.signalAt(3*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved"})
	if res := h.run(t, []rights.Right{rights.Access}, false); res.Outcome != workflows.OutcomeCompleted {
		t.Fatalf("outcome %q", res.Outcome)
	}
	c, err := h.store.Case(context.Background(), h.number)
	if err != nil || c.RequesterName != "Åsa 🌸 Öberg" {
		t.Fatalf("the correction did not reach the case record: %q, %v", c.RequesterName, err)
	}
	if got := h.events(t, "requester.corrected"); len(got) != 1 || strings.Contains(got[0], "Öberg") {
		t.Errorf("requester.corrected: %v (it names the fields, not the values)", got)
	}
	sent := strings.Join(h.events(t, "letter.sent"), " ")
	if !strings.Contains(sent, `"glyphs_replaced"`) {
		t.Errorf("no letter records the replaced characters: %s", sent)
	}
}
