package activities

import (
	"unicode/utf8"

	"context"
	"fmt"
	"github.com/harmoniq/dsr/internal/clean"
	"slices"
	"strings"

	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/uptrace/bun"
)

// actionsFor says what the right asks of each system. Only what was
// approved reaches here: the workflow calls Fulfil per approved right.
func (a *Activities) actionsFor(systems []System, records []register.Record, subj register.Subject, in FulfilInput) (map[string]systemAction, error) {
	if in.Right == rights.Rectification {
		if err := CheckCorrections(in.Corrections); err != nil {
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
				e, err := s.Erase(ctx, tx, subj, records, scope, today, in.CaseNumber)
				if err == nil {
					err = a.Store.ScheduleDeletions(ctx, tx, in.CaseNumber, keptOf(e.Kept))
				}
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
			var mine []Correction
			for _, c := range in.Corrections {
				if (c.System == "" || c.System == s.SystemName()) && scope.CoversSystem(s.SystemName()) {
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

// CheckCorrections says what is wrong with corrections staff approved, before
// anything is changed.
func CheckCorrections(cs []Correction) error {
	if len(cs) == 0 {
		return fmt.Errorf("rectification needs corrections: [{\"field\":\"street\",\"value\":\"…\"}]")
	}
	if len(cs) > 20 {
		return fmt.Errorf("at most 20 corrections in one decision, not %d", len(cs))
	}
	for _, c := range cs {
		if c.System != "" && c.System != "webshop" && c.System != "butik" && c.System != "behandling" {
			return fmt.Errorf("correction: unknown system %s (webshop, butik, behandling, or leave it out for all)", clean.Echo(c.System))
		}
		if !slices.Contains(register.PersonFields, c.Field) {
			return fmt.Errorf("correction: field %s cannot be corrected; use one of %s", clean.Echo(c.Field), strings.Join(register.PersonFields, ", "))
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
