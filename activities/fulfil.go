package activities

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/uptrace/bun"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
)

// Correction is one change staff approved for rectification. An empty
// System applies it in every system that holds the person.
type Correction struct {
	System string `json:"system,omitempty"`
	Field  string `json:"field"`
	Value  string `json:"value"`
}

// Scope is what a decision covers: systems and categories of the record of
// processing.
type Scope = register.Scope

// FulfilInput asks for one approved right to be carried out everywhere.
type FulfilInput struct {
	CaseNumber  string
	Right       rights.Right
	Corrections []Correction
	// Scope is what the decision covers; the zero Scope, everything.
	Scope Scope `json:",omitzero"`
	// Step is written first (nil: the case wrote it itself).
	Step *Step `json:",omitempty"`
	// Confirmed are the tasks in manual systems staff confirmed done.
	Confirmed []Confirmation `json:",omitempty"`
}

// FulfilResult says where the right was carried out, in counts, and for a
// rectification the fields changed, before and after, which the audit trail
// must show. Other details stay in the database.
type FulfilResult struct {
	Right   rights.Right
	Systems map[string]string // system -> what was done
	Changes []register.Change `json:",omitempty"`
	// Notified are the recipients and processors sent an Art. 19 notice.
	Notified []string `json:",omitempty"`
	// Unnotified are those no notice could reach, each with the reason: a
	// category of the record of processing no recipient is named for, or
	// a notice that could not be sent.
	Unnotified []string `json:",omitempty"`
	// Head is the case's audit head after the step the input carried.
	Head *AuditHead `json:",omitempty"`
	// Pending are the tasks in manual systems still to be done by staff:
	// the right is carried out once they are confirmed.
	Pending []Task `json:",omitempty"`
}

// systemAction is one right carried out in one system, inside the
// transaction that records it.
type systemAction func(ctx context.Context, tx bun.IDB) (result any, summary string, changed bool, err error)

// Fulfil carries out an approved right in every system that holds the
// person, each system in one transaction with its record in
// fulfilment_actions: after a crash or a retry, a system already done is not
// done again, and recipients are notified once (Art. 19).
func (a *Activities) Fulfil(ctx context.Context, in FulfilInput) (FulfilResult, error) {
	head, err := a.writeStep(ctx, in.Step, nil)
	if err != nil {
		return FulfilResult{}, err
	}
	res, err := a.fulfil(ctx, in)
	res.Head = head
	return res, err
}

func (a *Activities) fulfil(ctx context.Context, in FulfilInput) (FulfilResult, error) {
	c, err := a.caseRecord(ctx, in.CaseNumber)
	if err != nil {
		return FulfilResult{}, err
	}
	subj := subjectOf(c)
	if subj.Empty() {
		return FulfilResult{}, temporal.NewNonRetryableApplicationError("the case names no personnummer or e-mail address to find the person by", "NoSubject", nil)
	}
	reg := a.reg()
	// Letters by post go to the subject's registered address: it is taken
	// now, before erasure can remove it.
	if err := a.registered(ctx, c, true); err != nil {
		return FulfilResult{}, err
	}
	records, err := reg.Records(ctx)
	if err != nil {
		return FulfilResult{}, err
	}
	systems := a.systems(reg)
	actions, err := a.actionsFor(systems, records, subj, in)
	if err != nil {
		return FulfilResult{}, temporal.NewNonRetryableApplicationError(err.Error(), "BadFulfilment", err)
	}
	manualActs, pending := a.manualWork(systems, records, in)
	for sys, act := range manualActs {
		actions[sys] = act
	}
	res := FulfilResult{Right: in.Right, Systems: map[string]string{}, Pending: pending}
	for _, s := range systems {
		sys := s.SystemName()
		act, ok := actions[sys]
		if !ok {
			continue
		}
		summary, result, err := a.runOnce(ctx, in, s, records, act)
		if err != nil {
			return res, fmt.Errorf("%s in %s: %w", in.Right, sys, err)
		}
		res.Systems[sys] = summary
		if in.Right == rights.Rectification && !isManual(s) {
			var changes []register.Change
			if err := decodeRecord(result, &changes); err != nil {
				return res, fmt.Errorf("the rectification record of %s in %s: %w", in.CaseNumber, sys, err)
			}
			res.Changes = append(res.Changes, changes...)
		}
		// A worker that dies mid-way stops heartbeating; Temporal then gives
		// the activity to another worker, which skips the systems done.
		if activity.IsActivity(ctx) {
			activity.RecordHeartbeat(ctx, sys)
		}
	}
	if notifiesRecipients(in.Right) {
		if res.Notified, res.Unnotified, err = a.sendRecipientNotices(ctx, in); err != nil {
			return res, err
		}
	}
	return res, nil
}

// sendRecipientNotices sends one Art. 19 notice to each named recipient
// and processor (RECIPIENTS_FILE) of the categories recorded for the case
// and right, once each, by its channel, and returns whom it reached and
// whom it could not, with why. A notice that cannot go never undoes what
// fulfilment did: it is reported, and the trail keeps it.
func (a *Activities) sendRecipientNotices(ctx context.Context, in FulfilInput) (notified, unnotified []string, err error) {
	categories, err := a.Store.RecipientNotices(ctx, in.CaseNumber, string(in.Right))
	if err != nil {
		return nil, nil, err
	}
	var named []register.Recipient
	seen := map[string]bool{}
	for _, cat := range categories {
		rs := a.Recipients.Named(cat)
		if len(rs) == 0 {
			unnotified = append(unnotified, cat+": no recipient is named for this category (RECIPIENTS_FILE)")
		}
		for _, r := range rs {
			if !seen[r.Name] {
				seen[r.Name] = true
				named = append(named, r)
			}
		}
	}
	for i, r := range named {
		li := LetterInput{CaseNumber: in.CaseNumber, Kind: letter.KindRecipientNotice, Key: fmt.Sprintf("art19-%s-%d", in.Right, i+1),
			To: append([]string{r.Name}, r.Address...), Change: string(in.Right)}
		if r.Channel == "email" {
			li.To, li.ToEmail = []string{r.Name}, r.Email
		}
		_, err := a.SendLetter(ctx, li)
		var app *temporal.ApplicationError
		switch {
		case errors.As(err, &app) && app.NonRetryable():
			unnotified = append(unnotified, r.Name+": "+app.Message())
		case err != nil:
			return nil, nil, fmt.Errorf("notice to %s: %w", r.Name, err)
		default:
			notified = append(notified, r.Name)
		}
	}
	return notified, unnotified, nil
}

// recorded is a fulfilment ledger entry's result: the summary for the
// trail and the system's result, for the letter, and whether the system's
// data changed (the Art. 19 notices follow from it).
type recorded struct {
	Summary string          `json:"summary"`
	Result  json.RawMessage `json:"result"`
	Changed bool            `json:"changed,omitempty"`
}

// ledgered is a system that makes each change exactly once itself: one in a
// database of its own, which keeps a ledger there, in the same transaction
// as the change (register.System.Once).
type ledgered interface {
	// SystemDecides: the system's ledger, not the store's, says whether
	// the change was made (register.System.SystemDecides).
	SystemDecides() bool
	Once(ctx context.Context, tx bun.IDB, key string, now time.Time, work func(ctx context.Context, db bun.IDB) (string, error)) (string, error)
}

// runOnce carries out act in s once for the case and right (the store's
// ledger; and, for a system in a database of its own, that system's ledger
// too, so a crash between the two commits does not repeat the change), then
// what follows from what was done, in the engine's transaction: the
// deletions an erasure scheduled for what it kept, and the recipients to
// tell of a change (Art. 19).
func (a *Activities) runOnce(ctx context.Context, in FulfilInput, s System, records []register.Record, act systemAction) (string, json.RawMessage, error) {
	sys := s.SystemName()
	l, isLedgered := s.(ledgered)
	stored, err := a.Store.RunOnce(ctx, in.CaseNumber, string(in.Right), sys, a.now(), isLedgered && l.SystemDecides(), func(ctx context.Context, tx bun.IDB) (string, []string, error) {
		work := func(ctx context.Context, db bun.IDB) (string, error) {
			result, summary, changed, err := act(ctx, db)
			if err != nil {
				return "", err
			}
			body, err := json.Marshal(result)
			if err != nil {
				return "", err
			}
			rec, err := json.Marshal(recorded{Summary: summary, Result: body, Changed: changed})
			return string(rec), err
		}
		var rec string
		var err error
		if isLedgered {
			rec, err = l.Once(ctx, tx, in.CaseNumber+"/"+string(in.Right)+"/"+sys, a.now(), work)
		} else {
			rec, err = work(ctx, tx)
		}
		if err != nil {
			return "", nil, err
		}
		var r recorded
		if err := decodeRecord([]byte(rec), &r); err != nil {
			return "", nil, err
		}
		var result any
		if in.Right == rights.Erasure && !isManual(s) {
			var e register.Erasure
			if err := decodeRecord(r.Result, &e); err != nil {
				return "", nil, err
			}
			if err := a.Store.ScheduleDeletions(ctx, tx, in.CaseNumber, keptOf(e.Kept)); err != nil {
				return "", nil, err
			}
			result = e
		}
		var notify []string
		if r.Changed && notifiesRecipients(in.Right) {
			notify = recipientsOf(records, sys, a.reg().PersonCategory(records, sys), result)
		}
		return rec, notify, nil
	})
	if err != nil {
		return "", nil, err
	}
	var r recorded
	if err := decodeRecord([]byte(stored), &r); err != nil {
		return "", nil, fmt.Errorf("the fulfilment record of %s in %s: %w", in.Right, sys, err)
	}
	return r.Summary, r.Result, nil
}

// decodeRecord reads a stored fulfilment result strictly: a field the code
// does not know is an error, never dropped from a letter unseen.
func decodeRecord(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func notifiesRecipients(r rights.Right) bool {
	return r == rights.Rectification || r == rights.Erasure || r == rights.Restriction
}

// recipientsOf lists, once each, whom a change in sys must be told of
// (Art. 19): the recipients and processors the record of processing names
// for the categories the change touched. An erasure touched the categories
// it erased rows of (and, when it stripped the person row of its contact
// details, the person's); a rectification or a restriction touches every
// category of the system, which all hang off the person.
func recipientsOf(records []register.Record, sys, personCategory string, result any) []string {
	touched := func(register.Record) bool { return true }
	if e, ok := result.(register.Erasure); ok {
		touched = func(rec register.Record) bool {
			if e.Erased[rec.Category] > 0 {
				return true
			}
			return e.Anonymised && rec.Category == personCategory
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, rec := range records {
		if rec.System != sys || !touched(rec) {
			continue
		}
		for _, who := range strings.Split(rec.Recipients+";"+rec.Processors, ";") {
			who = strings.TrimSpace(who)
			if who == "" || seen[who] {
				continue
			}
			seen[who] = true
			out = append(out, who)
		}
	}
	return out
}

// keptOf is what an erasure kept, for the store's schedule.
func keptOf(kept []register.Kept) []store.Kept {
	out := make([]store.Kept, len(kept))
	for i, k := range kept {
		out[i] = store.Kept{System: k.System, Category: k.Category, Until: k.Until}
	}
	return out
}
