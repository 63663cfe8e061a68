package activities

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/uptrace/bun"
)

// LiftRestriction lifts a restriction a case put in place: first the letter
// that tells the person (Art. 18(3)), then the lifting in every system, each
// step recorded in the case's audit trail. Running it again does nothing
// twice.
func (a *Activities) LiftRestriction(ctx context.Context, caseNumber, actor, reason string) error {
	if strings.TrimSpace(actor) == "" || strings.TrimSpace(reason) == "" {
		return errors.New("lifting a restriction needs the staff member who decides it and the reason")
	}
	restricted, err := a.Store.Fulfilled(ctx, caseNumber, string(rights.Restriction))
	if err != nil {
		return err
	}
	if !restricted {
		return fmt.Errorf("case %s restricted nothing; there is nothing to lift", caseNumber)
	}
	c, err := a.Store.Case(ctx, caseNumber)
	if err != nil {
		return err
	}
	res, err := a.SendLetter(ctx, LetterInput{CaseNumber: caseNumber, Kind: letter.KindRestrictionLift, Reason: reason})
	if err != nil {
		return fmt.Errorf("the notice must go out before the restriction is lifted: %w", err)
	}
	if err := a.appendAudit(ctx, caseNumber, actor, event.RestrictionNotified{Reason: reason, File: res.Filename, SHA256: res.SHA256}); err != nil {
		return err
	}
	reg := a.reg()
	records, err := reg.Records(ctx)
	if err != nil {
		return err
	}
	subj := subjectOf(c)
	lifted := map[string]string{}
	in := FulfilInput{CaseNumber: caseNumber, Right: "restriction_lifted"}
	for _, s := range a.systems(reg) {
		summary, _, err := a.runOnce(ctx, in, s.SystemName(), records, func(ctx context.Context, tx bun.IDB) (any, string, bool, error) {
			n, err := s.Restrict(ctx, tx, subj, false, a.now())
			return map[string]int{"lifted": n}, fmt.Sprintf("%d records no longer restricted", n), false, err
		})
		if err != nil {
			return err
		}
		lifted[s.SystemName()] = summary
	}
	return a.appendAudit(ctx, caseNumber, actor, event.RestrictionLifted{Systems: lifted})
}

func (a *Activities) appendAudit(ctx context.Context, caseNumber, actor string, e event.Event) error {
	if a.Trail == nil {
		return nil
	}
	_, err := a.Trail.Append(ctx, audit.Entry{CaseNumber: caseNumber, Time: a.now(), Actor: actor, Event: e,
		IdemKey: caseNumber + "/" + e.Action()})
	return err
}
