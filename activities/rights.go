package activities

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/harmoniq/dsr/internal/clean"

	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/uptrace/bun"
)

// actionsFor says what the right asks of each system. Only what was
// approved reaches here: the workflow calls Fulfil per approved right.
func (a *Activities) actionsFor(systems []System, records []register.Record, subj register.Subject, in FulfilInput) (map[string]systemAction, error) {
	if in.Right == rights.Rectification {
		var names []string
		for _, s := range a.reg().Systems() {
			names = append(names, s.SystemName())
		}
		if err := CheckCorrections(in.Corrections, a.reg().Rectifiable(), names); err != nil {
			return nil, err
		}
	}
	if err := checkScope(systems, records, in); err != nil {
		return nil, err
	}
	scope := in.Scope
	today := deadline.DateOf(a.now())
	now := a.now().UTC()
	out := map[string]systemAction{}
	for _, s := range systems {
		if isManual(s) {
			continue // staff's task: manualWork
		}
		var act systemAction
		switch in.Right {
		case rights.Access, rights.Portability:
			portableOnly := in.Right == rights.Portability
			act = func(ctx context.Context, tx bun.IDB) (any, string, bool, error) {
				tables, err := s.Export(ctx, tx, subj, records, scope)
				if portableOnly {
					tables = portable(tables, records)
				}
				return tables, fmt.Sprintf("%d rows exported", countRows(tables)), false, err
			}
		case rights.Erasure:
			act = func(ctx context.Context, tx bun.IDB) (any, string, bool, error) {
				// What it kept is scheduled for deletion by runOnce, from
				// the record of what was done.
				e, err := s.Erase(ctx, tx, subj, records, scope, today, in.CaseNumber)
				erased, kept := 0, 0
				for _, n := range e.Erased {
					erased += n
				}
				for _, k := range e.Kept {
					kept += k.Rows
				}
				return e, fmt.Sprintf("%d rows erased, %d kept by law", erased, kept), erased+kept > 0, err
			}
		case rights.Restriction:
			if !scope.CoversSystem(s.SystemName()) {
				continue
			}
			act = func(ctx context.Context, tx bun.IDB) (any, string, bool, error) {
				n, err := s.Restrict(ctx, tx, subj, true, now)
				return map[string]int{"restricted": n}, fmt.Sprintf("%d records restricted", n), n > 0, err
			}
		case rights.Rectification:
			// A correction naming no system goes to every system whose
			// dataset lets rectification change the field; one naming this
			// system is carried out here, or refused with the reason.
			var mine []Correction
			for _, c := range in.Corrections {
				named, unnamed := c.System == s.SystemName(), c.System == "" && slices.Contains(s.Rectifiable(), c.Field)
				if (named || unnamed) && scope.CoversSystem(s.SystemName()) {
					mine = append(mine, c)
				}
			}
			if len(mine) == 0 {
				continue
			}
			act = func(ctx context.Context, tx bun.IDB) (any, string, bool, error) {
				var changes []register.Change
				for _, c := range mine {
					ch, err := s.Rectify(ctx, tx, subj, c.Field, c.Value)
					if err != nil {
						return nil, "", false, err
					}
					changes = append(changes, ch...)
				}
				return changes, fmt.Sprintf("%d fields corrected", len(changes)), len(changes) > 0, nil
			}
		case rights.MarketingOptOut:
			if !scope.CoversSystem(s.SystemName()) {
				continue
			}
			act = func(ctx context.Context, tx bun.IDB) (any, string, bool, error) {
				n, err := s.StopMarketing(ctx, tx, subj, in.CaseNumber, now)
				return map[string]int{"turned_off": n}, fmt.Sprintf("%d channels turned off", n), n > 0, err
			}
		case rights.Objection:
			act = func(ctx context.Context, tx bun.IDB) (any, string, bool, error) {
				st, err := s.Object(ctx, tx, subj, records, scope, in.CaseNumber, now)
				erased := 0
				for _, n := range st.Erased {
					erased += n
				}
				return st, fmt.Sprintf("%d rows on legitimate interest erased, %d channels turned off", erased, st.TurnedOff), erased > 0, err
			}
		case rights.ConsentWithdrawal:
			act = func(ctx context.Context, tx bun.IDB) (any, string, bool, error) {
				n, err := s.WithdrawConsent(ctx, tx, subj, records, scope, now)
				return map[string]int{"ended": n}, fmt.Sprintf("%d records or consents ended", n), n > 0, err
			}
		default:
			return nil, fmt.Errorf("no fulfilment for right %q", in.Right)
		}
		out[s.SystemName()] = act
	}
	return out, nil
}

// checkScope says what is wrong with a decision's scope before anything is
// done: a system or category the record of processing does not know, a
// restriction or rectification narrowed to categories (they act on whole
// records), or an objection to a category that does not rest on
// legitimate interest.
func checkScope(systems []System, records []register.Record, in FulfilInput) error {
	if in.Scope.Empty() {
		return nil
	}
	var names []string
	for _, s := range systems {
		names = append(names, s.SystemName())
	}
	if err := in.Scope.Check(records, names); err != nil {
		return err
	}
	switch in.Right {
	case rights.Restriction, rights.Rectification, rights.MarketingOptOut:
		if len(in.Scope.Categories)+len(in.Scope.Except) > 0 {
			return fmt.Errorf("scope: %s acts on whole systems; name systems, not categories", in.Right)
		}
	case rights.Objection:
		for _, c := range in.Scope.Categories {
			for _, rec := range records {
				one := register.Scope{Systems: in.Scope.Systems, Categories: []string{c}}
				if one.Covers(rec) && !rec.LegitimateInterest() {
					return fmt.Errorf("scope: %s in %s rests on %s, not on legitimate interest: an objection (Art. 21(1)) does not reach it", rec.Category, rec.System, rec.LegalBasis)
				}
			}
		}
	}
	return nil
}

func countRows(ts []register.Table) int {
	n := 0
	for _, t := range ts {
		n += len(t.Rows)
	}
	return n
}

// portable keeps the tables whose category the record of processing marks
// as provided by the person on consent or contract (Art. 20).
func portable(ts []register.Table, records []register.Record) []register.Table {
	var out []register.Table
	for _, t := range ts {
		for _, r := range records {
			if r.System == t.System && r.Category == t.Category && r.Portable {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

// HarmoniqRectifiable are the fields a case begun before the dataset files
// checked its corrections against, and HarmoniqSystems the systems: the
// workflow of such a case keeps checking them, to replay as it ran.
var (
	HarmoniqRectifiable = []string{"name", "street", "postal_code", "city", "email", "phone"}
	HarmoniqSystems     = []string{"webshop", "butik", "behandling"}
)

// fieldName is what a field or system name may be: the dataset files name
// them so.
var fieldName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

// CheckCorrections says what is wrong with corrections staff approved, before
// anything is changed. With fields and systems it checks the names against
// them; without, only their form, for the workflow, which cannot read the
// dataset files: fulfilment then checks them against the files before it
// changes anything.
func CheckCorrections(cs []Correction, fields, systems []string) error {
	if len(cs) == 0 {
		return fmt.Errorf("rectification needs corrections: [{\"field\":\"street\",\"value\":\"…\"}]")
	}
	if len(cs) > 20 {
		return fmt.Errorf("at most 20 corrections in one decision, not %d", len(cs))
	}
	for _, c := range cs {
		switch {
		case c.System == "":
		case !fieldName.MatchString(c.System):
			return fmt.Errorf("correction: %s is not a system's name (lower-case letters, digits and _)", clean.Echo(c.System))
		case systems != nil && !slices.Contains(systems, c.System):
			return fmt.Errorf("correction: unknown system %s (%s, or leave it out for all)", clean.Echo(c.System), strings.Join(systems, ", "))
		}
		switch {
		case !fieldName.MatchString(c.Field):
			return fmt.Errorf("correction: %s is not a field's name (lower-case letters, digits and _)", clean.Echo(c.Field))
		case fields != nil && !slices.Contains(fields, c.Field):
			return fmt.Errorf("correction: field %s cannot be corrected; use one of %s", clean.Echo(c.Field), strings.Join(fields, ", "))
		}
		if utf8.RuneCountInString(c.Value) > 200 {
			return fmt.Errorf("correction of %s: the value is longer than 200 characters", c.Field)
		}
		if clean.HasControl(c.Value) {
			return fmt.Errorf("correction of %s: the value holds a control character or invalid UTF-8", c.Field)
		}
	}
	return nil
}
