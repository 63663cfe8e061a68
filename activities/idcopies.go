package activities

import (
	"context"
	"encoding/json"
)

// IDCopiesInput names the case whose ID-document copies are to go.
type IDCopiesInput struct {
	CaseNumber string
	// Reason is recorded with each deleted copy: "identity decided" or
	// "case closed".
	Reason string
	// AlsoIDs are attachments staff said are ID copies though intake did
	// not flag them.
	AlsoIDs []int64
	// Step is written first (nil: the case wrote it itself).
	Step *Step `json:",omitempty"`
}

// IDCopiesResult says how many copies went, and which of the ids staff
// named are no attachments of the case.
type IDCopiesResult struct {
	Deleted int
	Unknown []int64
	// Head is the case's audit head after the step the input carried.
	Head *AuditHead `json:",omitempty"`
}

// UnmarshalJSON also reads the bare count that workers before
// IDCopiesResult returned, so histories recorded with them replay.
func (r *IDCopiesResult) UnmarshalJSON(b []byte) error {
	var n int
	if err := json.Unmarshal(b, &n); err == nil {
		*r = IDCopiesResult{Deleted: n}
		return nil
	}
	type plain IDCopiesResult
	return json.Unmarshal(b, (*plain)(r))
}

// DeleteIDCopies deletes the content and file names of the case's
// ID-document copies (attachments flagged as ID documents, scanned ID
// copies) and returns how many it deleted. Only the identity decision's
// method, result, who and when remain, in the audit trail. Running it again
// deletes nothing more.
func (a *Activities) DeleteIDCopies(ctx context.Context, in IDCopiesInput) (IDCopiesResult, error) {
	head, err := a.writeStep(ctx, in.Step, nil)
	if err != nil {
		return IDCopiesResult{}, err
	}
	n, unknown, err := a.Store.DeleteIDCopies(ctx, in.CaseNumber, in.Reason, a.now(), in.AlsoIDs...)
	return IDCopiesResult{Deleted: n, Unknown: unknown, Head: head}, err
}
