package audit

import (
	"context"
	"fmt"
)

// Break describes the first place a case's chain does not hold.
type Break struct {
	CaseNumber string
	Seq        int
	Reason     string
}

func (b *Break) Error() string {
	return fmt.Sprintf("audit chain of %s broken at event %d: %s", b.CaseNumber, b.Seq, b.Reason)
}

// VerifyEvents checks events, one case's trail in sequence order, and returns
// the first break, or nil when the chain is whole.
func VerifyEvents(caseNumber string, events []Event) *Break {
	prev := Genesis
	for i, e := range events {
		want := i + 1
		switch {
		case e.Seq != want:
			return &Break{caseNumber, want, fmt.Sprintf("expected sequence number %d, found %d (an event is missing or out of order)", want, e.Seq)}
		case e.PrevHash != prev:
			return &Break{caseNumber, e.Seq, "previous-hash link does not match the event before it"}
		case e.ComputeHash() != e.Hash:
			return &Break{caseNumber, e.Seq, "content does not match its hash (the event was changed)"}
		}
		prev = e.Hash
	}
	return nil
}

// Verify reads the case's trail and checks it.
func (t *Trail) Verify(ctx context.Context, caseNumber string) (int, error) {
	es, err := t.Events(ctx, caseNumber)
	if err != nil {
		return 0, err
	}
	if b := VerifyEvents(caseNumber, es); b != nil {
		return len(es), b
	}
	return len(es), nil
}
