package activities

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/uptrace/bun"
)

// Task is what staff must do by hand in a system the engine cannot reach,
// for one approved right; the case waits for the task-done signal.
type Task struct {
	System string       `json:"system"`
	Right  rights.Right `json:"right"`
	// What says what to do, for the case card.
	What string `json:"what"`
}

// Confirmation is staff's word that a task is done: who, what they did,
// and the day.
type Confirmation struct {
	System string       `json:"system"`
	Right  rights.Right `json:"right"`
	By     string       `json:"by"`
	Done   string       `json:"done"`
	On     string       `json:"on"` // YYYY-MM-DD
}

// ManualDone is a manual system's record in the fulfilment ledger: what
// staff confirmed they did there.
type ManualDone struct {
	By   string `json:"by"`
	Done string `json:"done"`
	On   string `json:"on"`
}

// manual is a system staff work in by hand.
type manual interface{ Manual() bool }

func isManual(s System) bool {
	m, ok := s.(manual)
	return ok && m.Manual()
}

// titled is a system that knows the name the person knows it by.
type titled interface{ Title(lang string) string }

// manualWork says, for each manual system, what the right asks of staff
// there: done (confirmed) becomes the system's action, to record; the rest
// are the tasks still open.
func (a *Activities) manualWork(systems []System, records []register.Record, in FulfilInput) (map[string]systemAction, []Task) {
	acts := map[string]systemAction{}
	var open []Task
	for _, s := range systems {
		if !isManual(s) {
			continue
		}
		sys := s.SystemName()
		what := manualTask(s, records, in)
		if what == "" {
			continue
		}
		i := slices.IndexFunc(in.Confirmed, func(c Confirmation) bool { return c.System == sys && c.Right == in.Right })
		if i < 0 {
			open = append(open, Task{System: sys, Right: in.Right, What: what})
			continue
		}
		c := in.Confirmed[i]
		changes := in.Right != rights.Access && in.Right != rights.Portability
		acts[sys] = func(context.Context, bun.IDB) (any, string, bool, error) {
			return ManualDone{By: c.By, Done: c.Done, On: c.On}, fmt.Sprintf("carried out by %s by hand: %s", c.By, c.Done), changes, nil
		}
	}
	return acts, open
}

// manualTask is what a right asks of staff in a manual system, or "" when
// it asks nothing there (the scope leaves the system out, no correction
// applies to it, no category rests on the basis an objection or a
// withdrawal ends).
func manualTask(s System, records []register.Record, in FulfilInput) string {
	sys := s.SystemName()
	name := sys
	if t, ok := s.(titled); ok {
		name = t.Title("en")
	}
	mine := func(match func(register.Record) bool) bool {
		return slices.ContainsFunc(records, func(r register.Record) bool { return r.System == sys && in.Scope.Covers(r) && match(r) })
	}
	all := func(register.Record) bool { return true }
	switch in.Right {
	case rights.Access:
		if mine(all) {
			return fmt.Sprintf("Take out everything %s holds about the person and send it to them, by the channel the case answers by", name)
		}
	case rights.Portability:
		if mine(func(r register.Record) bool { return r.Portable }) {
			return fmt.Sprintf("Export the person's portable data from %s (what they gave us) in a machine-readable file and send it to them", name)
		}
	case rights.Erasure:
		if mine(all) {
			return fmt.Sprintf("Erase the person's data in %s as the decision says, keeping only what the law requires (bookkeeping)", name)
		}
	case rights.Restriction:
		if mine(all) {
			return fmt.Sprintf("Mark the person's data in %s restricted: kept, used for nothing else until the restriction is lifted", name)
		}
	case rights.Rectification:
		// The values stay in the decision: the task, shown on the card,
		// names the fields only.
		var fix []string
		for _, c := range in.Corrections {
			if (c.System == sys || c.System == "" && slices.Contains(s.Rectifiable(), c.Field)) && !slices.Contains(fix, c.Field) {
				fix = append(fix, c.Field)
			}
		}
		if len(fix) > 0 && in.Scope.CoversSystem(sys) {
			return fmt.Sprintf("Correct %s in %s to the values the decision gives", strings.Join(fix, ", "), name)
		}
	case rights.Objection:
		if mine(register.Record.LegitimateInterest) {
			return fmt.Sprintf("Stop, and erase, what %s processes about the person on legitimate interest within the decision", name)
		}
	case rights.ConsentWithdrawal:
		if mine(register.Record.Consent) {
			return fmt.Sprintf("Erase what %s processes about the person on their consent", name)
		}
	}
	return ""
}
