package workflows_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/harmoniq/dsr/workflows"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/converter"
)

// attach stores a file for the case as an attachment of its message.
func (h *harness) attach(t *testing.T, part int, name string, idDocument bool) int64 {
	t.Helper()
	ctx := context.Background()
	c, err := h.store.Case(ctx, h.number)
	if err != nil {
		t.Fatal(err)
	}
	blob, err := h.store.Vault.Put(ctx, h.store.Files(nil), strings.NewReader("innehåll i "+name))
	if err != nil {
		t.Fatal(err)
	}
	a := &store.Attachment{InboundID: *c.InboundID, CaseNumber: h.number, Part: part, Filename: name, ContentType: "image/jpeg", IDDocument: idDocument, BlobID: &blob}
	if _, err := storetest.SQL(t, h.store).NewInsert().Model(a).ExcludeColumn("id").Returning("id").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func (h *harness) attachment(t *testing.T, id int64) store.Attachment {
	t.Helper()
	atts, err := h.store.Attachments(context.Background(), h.number)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range atts {
		if a.ID == id {
			return a
		}
	}
	t.Fatalf("attachment %d is gone", id)
	return store.Attachment{}
}

// TestIDCopiesAreDeletedRightAfterTheIdentityDecision: the passport copy
// that came with the request is readable until staff decide on identity and
// gone right after; a receipt that is no ID document stays; an ID copy that
// arrives after the decision is deleted when the case closes. The audit
// keeps the decision's method, result, who and when, and how many copies
// went.
func TestIDCopiesAreDeletedRightAfterTheIdentityDecision(t *testing.T) {
	for _, result := range []string{workflows.IdentityVerified, workflows.IdentityUnverified} {
		t.Run("when identity is "+result, func(t *testing.T) {
			h := newHarness(t, rights.Access)
			passport := h.attach(t, 0, "pass.jpg", true)
			receipt := h.attach(t, 1, "kvitto.jpg", false)
			// A photo of a driving licence whose name says nothing: staff
			// name it in the decision.
			unflagged := h.attach(t, 3, "IMG_1234.jpg", false)
			var late int64
			h.env.RegisterDelayedCallback(func() {
				if a := h.attachment(t, passport); a.DeletedAt != nil {
					t.Error("the ID copy was deleted before the identity decision")
				}
			}, 30*time.Minute)
			h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": result, "method": "id_document", "id_copies": []int64{unflagged, 99999}})
			h.env.RegisterDelayedCallback(func() {
				a := h.attachment(t, passport)
				if a.DeletedAt == nil || a.Filename != "" || a.DeletedReason != "identity decided" {
					t.Errorf("right after the decision the ID copy is %+v", a)
				}
				if _, _, err := h.store.OpenAttachment(context.Background(), h.number, passport); err == nil {
					t.Error("the ID copy still opens after the decision")
				}
				if a := h.attachment(t, unflagged); a.DeletedAt == nil || !a.IDDocument {
					t.Errorf("the copy staff named is %+v after the decision", a)
				}
				// It comes in a reply, and intake tells the case, as it
				// tells it of every reply.
				late = h.attach(t, 2, "korkort.jpg", true)
				h.env.SignalWorkflow(workflows.SignalComplement, workflows.ComplementSignal{Actor: "intake", Note: "the person replied by e-mail"})
			}, 90*time.Minute)
			if result == workflows.IdentityVerified {
				h.signalAt(2*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved"})
			}
			h.run(t, []rights.Right{rights.Access}, false)

			if a := h.attachment(t, receipt); a.DeletedAt != nil || a.Filename != "kvitto.jpg" {
				t.Errorf("the receipt, no ID document, was touched: %+v", a)
			}
			want := "identity decided"
			if result == workflows.IdentityVerified {
				// Only this case stays open after the decision.
				if a := h.attachment(t, late); a.DeletedAt == nil || a.DeletedReason != "case closed" {
					t.Errorf("the ID copy that came after the decision is %+v at closure", a)
				}
				want += ",case closed"
			}
			es, err := h.trail.Events(context.Background(), h.number)
			if err != nil {
				t.Fatal(err)
			}
			var deletions []string
			for i, e := range es {
				if e.Action != "identity.copies_deleted" {
					continue
				}
				var d struct {
					Reason  string
					Count   int
					Unknown []int64 `json:"not_attachments_of_the_case"`
				}
				json.Unmarshal([]byte(e.Details), &d)
				deletions = append(deletions, d.Reason)
				if len(deletions) == 1 && (d.Count != 2 || len(d.Unknown) != 1 || d.Unknown[0] != 99999) {
					t.Errorf("the decision's deletion: %s", e.Details)
				}
				if len(deletions) == 1 && es[i-1].Action != "identity."+result {
					t.Errorf("the first deletion does not follow the decision: %s before it", es[i-1].Action)
				}
				if len(deletions) == 2 {
					break
				}
			}
			if strings.Join(deletions, ",") != want {
				t.Errorf("deletions recorded: %v", deletions)
			}
			for _, e := range es {
				if strings.HasPrefix(e.Action, "identity.") {
					if strings.Contains(e.Details, "pass.jpg") || strings.Contains(e.Details, "korkort") {
						t.Errorf("the audit names the copy: %s %s", e.Action, e.Details)
					}
				}
			}
		})
	}
}

// TestACaseWithoutIDCopiesRunsNoDeletion: a request that came with no ID
// copy, and no reply since, has nothing to delete, and no activity runs to
// delete it; the steps it recorded go with its other activities, and the
// trail is whole.
func TestACaseWithoutIDCopiesRunsNoDeletion(t *testing.T) {
	h := newHarness(t, rights.Access)
	ran := map[string]int{}
	h.env.SetOnActivityStartedListener(func(info *activity.Info, _ context.Context, _ converter.EncodedValues) {
		ran[info.ActivityType.Name]++
	})
	h.signalAt(time.Hour, workflows.SignalIdentity, map[string]any{"actor": "anna.k", "result": "verified", "method": "id_document"})
	h.signalAt(2*time.Hour, workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved"})
	h.run(t, []rights.Right{rights.Access}, false)
	if ran["DeleteIDCopies"] != 0 {
		t.Errorf("DeleteIDCopies ran %d times for a case with no ID copy", ran["DeleteIDCopies"])
	}
	// Before the wait for a decision, and at the end: what the case
	// received and its acknowledgement went with the letter, before the
	// wait for identity.
	if ran["Persist"] != 2 {
		t.Errorf("Persist ran %d times, want 2 (activities: %v)", ran["Persist"], ran)
	}
	assertActions(t, h.actions(t), "case.received", "letter.sent", "identity.verified", "decision.approved", "fulfilment.done", "letter.sent", "case.closed")
}
