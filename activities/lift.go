package activities

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/uptrace/bun"
)

// LiftNoticeDays is how many days after its notice a restriction is
// lifted at the earliest: time for a letter to arrive and be read.
const LiftNoticeDays = 14

// LiftRestriction announces the lifting of a restriction a case put in
// place (Art. 18(3)): the notice, which states the day of the lift
// (LiftNoticeDays on), goes to the person by their channel, and the lift is
// planned. LiftDue carries it out on that day, and only once the notice has
// gone. Running it again announces nothing twice. It returns the day.
func (a *Activities) LiftRestriction(ctx context.Context, caseNumber, actor, reason string) (time.Time, error) {
	if strings.TrimSpace(actor) == "" || strings.TrimSpace(reason) == "" {
		return time.Time{}, errors.New("lifting a restriction needs the staff member who decides it and the reason")
	}
	restricted, err := a.Store.Fulfilled(ctx, caseNumber, string(rights.Restriction))
	if err != nil {
		return time.Time{}, err
	}
	if !restricted {
		return time.Time{}, fmt.Errorf("case %s restricted nothing; there is nothing to lift", caseNumber)
	}
	liftOn := deadline.DateOf(a.now()).AddDate(0, 0, LiftNoticeDays)
	plan, err := a.Store.PlanLift(ctx, &store.RestrictionLift{CaseNumber: caseNumber, LiftOn: liftOn.Format(time.DateOnly), Actor: actor})
	if err != nil {
		return time.Time{}, err
	}
	if liftOn, err = deadline.ParseDate(plan.LiftOn); err != nil {
		return time.Time{}, err
	}
	res, err := a.SendLetter(ctx, LetterInput{CaseNumber: caseNumber, Kind: letter.KindRestrictionLift, Reason: reason, Due: plan.LiftOn})
	if err != nil {
		return time.Time{}, fmt.Errorf("the notice must go out before the restriction is lifted: %w", err)
	}
	return liftOn, a.appendAudit(ctx, caseNumber, actor, event.RestrictionNotified{Reason: reason, File: res.Filename, SHA256: res.SHA256, LiftOn: plan.LiftOn})
}

// LiftDue lifts the restrictions whose announced day has come, in every
// system, each recorded in its case's trail, once the notice has gone: an
// e-mail the relay took, a letter the post room posted. A notice still in
// the print queue holds its lift back. It returns how many it lifted.
func (a *Activities) LiftDue(ctx context.Context) (int, error) {
	due, err := a.Store.LiftsDue(ctx, deadline.DateOf(a.now()))
	if err != nil {
		return 0, err
	}
	done := 0
	for _, l := range due {
		heartbeat(ctx, done)
		notice, err := a.Store.Letter(ctx, l.CaseNumber, letter.KindRestrictionLift)
		if err != nil {
			return done, fmt.Errorf("the notice of %s: %w", l.CaseNumber, err)
		}
		if notice.Route == store.RoutePost && notice.PostedAt == nil {
			continue // not posted yet: the person has not been told
		}
		if err := a.lift(ctx, l.CaseNumber, l.Actor); err != nil {
			return done, err
		}
		if err := a.Store.MarkLifted(ctx, l.CaseNumber, a.now()); err != nil {
			return done, err
		}
		done++
	}
	return done, nil
}

// lift ends a case's restriction in every system, once per system, and
// records it.
func (a *Activities) lift(ctx context.Context, caseNumber, actor string) error {
	c, err := a.Store.Case(ctx, caseNumber)
	if err != nil {
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
		summary, _, err := a.runOnce(ctx, in, s, records, func(ctx context.Context, tx bun.IDB) (any, string, bool, error) {
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
