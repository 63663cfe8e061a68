package activities

import (
	"context"
)

// RequesterInput is a correction, by staff, of the name and postal address
// a case's letters go to.
type RequesterInput struct {
	CaseNumber string
	Name       string
	Address    []string
}

// CorrectRequester writes the corrected name and address to the case
// record; an empty field is left as it was.
func (a *Activities) CorrectRequester(ctx context.Context, in RequesterInput) error {
	if _, err := a.caseRecord(ctx, in.CaseNumber); err != nil {
		return err
	}
	return a.Store.CorrectRequester(ctx, in.CaseNumber, in.Name, in.Address)
}
