package activities

import (
	"context"
)

// IDCopiesInput names the case whose ID-document copies are to go.
type IDCopiesInput struct {
	CaseNumber string
	// Reason is recorded with each deleted copy: "identity decided" or
	// "case closed".
	Reason string
}

// DeleteIDCopies deletes the content and file names of the case's
// ID-document copies (attachments flagged as ID documents, scanned ID
// copies) and returns how many it deleted. Only the identity decision's
// method, result, who and when remain, in the audit trail. Running it again
// deletes nothing more.
func (a *Activities) DeleteIDCopies(ctx context.Context, in IDCopiesInput) (int, error) {
	return a.Store.DeleteIDCopies(ctx, in.CaseNumber, in.Reason, a.now())
}
