package activities

import (
	"context"
	"time"

	"github.com/harmoniq/dsr/internal/register"
	"github.com/uptrace/bun"
)

// System is one system that holds personal data, reached through one
// interface. Harmoniq's four (harmoniq.se, Butiksdelen, Behandlingsdelen and
// marketing) live in internal/register; a deployment adds its own by
// implementing System and listing it in Activities.Systems.
//
// Each call runs inside the transaction that records it as done (db), so a
// system in the engine's database is changed exactly once. A system
// elsewhere must make its operations idempotent: after a crash between its
// change and the commit, the call is made again.
type System interface {
	// SystemName is the name used in audit events and letters.
	SystemName() string
	// Holds reports whether the system knows the subject.
	Holds(ctx context.Context, db bun.IDB, subj register.Subject) (bool, error)
	// Export returns every record about the subject that the scope covers,
	// by category.
	Export(ctx context.Context, db bun.IDB, subj register.Subject, records []register.Record, scope register.Scope) ([]register.Table, error)
	// Rectifiable are the fields rectification may change in the system,
	// as its dataset declares them.
	Rectifiable() []string
	// Rectify sets one field and returns the changes, before and after.
	Rectify(ctx context.Context, db bun.IDB, subj register.Subject, field, value string) ([]register.Change, error)
	// Erase deletes or anonymises what the scope covers, keeping what the
	// record of processing says the law requires, and says what was kept,
	// why and until when, and what the scope left out.
	Erase(ctx context.Context, db bun.IDB, subj register.Subject, records []register.Record, scope register.Scope, today time.Time, caseNumber string) (register.Erasure, error)
	// Restrict marks (on) or unmarks the subject's data as only to be stored.
	Restrict(ctx context.Context, db bun.IDB, subj register.Subject, on bool, now time.Time) (int, error)
	// StopMarketing ends direct marketing to the subject, for good.
	StopMarketing(ctx context.Context, db bun.IDB, subj register.Subject, caseNumber string, now time.Time) (int, error)
	// WithdrawConsent ends the processing that rests on consent, within
	// the scope.
	WithdrawConsent(ctx context.Context, db bun.IDB, subj register.Subject, records []register.Record, scope register.Scope, now time.Time) (int, error)
	// Object stops the processing on legitimate interest that the scope
	// covers (Art. 21): in marketing, direct marketing for good.
	Object(ctx context.Context, db bun.IDB, subj register.Subject, records []register.Record, scope register.Scope, caseNumber string, now time.Time) (register.Stopped, error)
}

// systems returns the configured systems, or Harmoniq's.
func (a *Activities) systems(reg *register.Register) []System {
	if a.Systems != nil {
		return a.Systems
	}
	out := []System{}
	for _, s := range reg.Systems() {
		out = append(out, s)
	}
	return append(out, reg.Marketing())
}
