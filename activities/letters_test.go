package activities_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

// TestALetterIsRecordedInTheTransactionThatStoresIt: a letter the case
// asks to record is stored with its letter.sent event (and the step before
// it) in one transaction: the trail says a letter went exactly when one is
// stored, a retry writes neither twice, and when the trail cannot be
// written no letter is stored or filed.
func TestALetterIsRecordedInTheTransactionThatStoresIt(t *testing.T) {
	a, st, number := fixture(t)
	ctx := context.Background()
	a.Trail = audit.New(st)
	step := func() *activities.Step {
		details, _ := event.Encode(event.CaseNote{Text: "före brevet"})
		return &activities.Step{CaseNumber: number, Events: []activities.AuditInput{{CaseNumber: number, Time: today, Actor: "anna.k",
			Action: event.ActCaseNote, Details: details, IdemKey: "note/" + number}}}
	}
	sent := &activities.AuditInput{CaseNumber: number, Time: today, Actor: "system", IdemKey: "sent/" + number}
	in := activities.LetterInput{CaseNumber: number, Kind: "acknowledgement", Key: "acknowledgement", Due: "2026-12-24", Step: step(), Sent: sent}
	for range 2 { // the second as a retry
		res, err := a.SendLetter(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Recorded || res.Head == nil || res.Head.Seq != 2 {
			t.Fatalf("result %+v, want the letter recorded and the head at event 2", res)
		}
	}
	es, err := a.Trail.Events(ctx, number)
	if err != nil || len(es) != 2 || es[0].Action != event.ActCaseNote || es[1].Action != event.ActLetterSent {
		t.Fatalf("trail %v (%v), want the note and one letter.sent", es, err)
	}
	if _, err := st.Letter(ctx, number, "acknowledgement"); err != nil {
		t.Fatalf("the letter is not stored: %v", err)
	}

	// The database refuses the letter: its record and the step with it
	// are not written either, and nothing is filed.
	for _, q := range []string{
		"CREATE FUNCTION refuse_letter() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'letters refused'; END $$ LANGUAGE plpgsql",
		"CREATE TRIGGER refuse_letter BEFORE INSERT ON letters FOR EACH ROW EXECUTE FUNCTION refuse_letter()",
	} {
		if _, err := storetest.SQL(t, st).ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	details, _ := event.Encode(event.CaseNote{Text: "före förlängningen"})
	refused := activities.LetterInput{CaseNumber: number, Kind: "extension", Key: "extension", Reason: "Många system", Due: "2027-02-24",
		Step: &activities.Step{CaseNumber: number, Events: []activities.AuditInput{{CaseNumber: number, Time: today, Actor: "anna.k",
			Action: event.ActCaseNote, Details: details, IdemKey: "note2/" + number}}},
		Sent: &activities.AuditInput{CaseNumber: number, Time: today.Add(time.Minute), Actor: "system", IdemKey: "sent2/" + number}}
	if _, err := a.SendLetter(ctx, refused); err == nil {
		t.Fatal("a letter the database refused was sent")
	}
	if es, _ := a.Trail.Events(ctx, number); len(es) != 2 {
		t.Errorf("the trail has %d events after the refused letter, want still 2: its record and step went with it", len(es))
	}
	if _, err := os.Stat(filepath.Join(a.OutboxDir, number+"-extension.pdf")); err == nil {
		t.Error("the refused letter was filed in the outbox")
	}
}
