package register

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/harmoniq/dsr/internal/dataset"
	"github.com/uptrace/bun"
)

// Marketing channels, as Harmoniq's policy lists them.
var Channels = []string{"letter", "sms", "phone", "email", "web", "app"}

// Marketing is the marketing system: consents and channel choices per
// person, and the suppression list.
type Marketing struct{ r *Register }

// Marketing returns the marketing system.
func (r *Register) Marketing() *Marketing { return &Marketing{r: r} }

// consents is the marketing dataset's consents table.
func (m *Marketing) consents() *dataset.Table {
	return m.r.set.Model(dataset.ModelMarketing)[0].Table("consents")
}

// SystemName is "marketing".
func (m *Marketing) SystemName() string { return "marketing" }

// Once carries out work in the marketing system once for key, in the
// engine's transaction tx: on SQLite, where the system is a file of its own,
// with a row in that file's ledger (System.Once).
func (m *Marketing) Once(ctx context.Context, tx bun.IDB, key string, now time.Time, work func(ctx context.Context, db bun.IDB) (string, error)) (string, error) {
	return m.r.onceBeside(ctx, tx, m.SystemName(), key, now, work)
}

// SystemDecides: on SQLite the marketing file's ledger says whether a
// change was made (System.SystemDecides).
func (m *Marketing) SystemDecides() bool { return !m.r.postgres }

// Holds reports whether the subject has consent rows.
func (m *Marketing) Holds(ctx context.Context, db bun.IDB, subj Subject) (bool, error) {
	db = m.r.use(db)
	if subj.Empty() {
		return false, nil
	}
	n, err := db.NewSelect().TableExpr(m.r.table("marketing", "consents")).ApplyQueryBuilder(subj.match(m.consents(), false)).Count(ctx)
	return n > 0, err
}

// Rectifiable is none: consents name no details to correct.
func (m *Marketing) Rectifiable() []string { return nil }

// Rectify has nothing to correct in marketing: consents name no details.
func (m *Marketing) Rectify(context.Context, bun.IDB, Subject, string, string) ([]Change, error) {
	return nil, nil
}

// Restrict marks the subject's consent rows restricted (on) or lifts the
// mark: a restricted row is kept as it is and not used for marketing until
// the restriction is lifted (Art. 18(2)). It returns the rows changed.
func (m *Marketing) Restrict(ctx context.Context, db bun.IDB, subj Subject, on bool, now time.Time) (int, error) {
	db = m.r.use(db)
	if subj.Empty() {
		return 0, nil
	}
	q := db.NewUpdate().TableExpr(m.r.table("marketing", "consents")).ApplyQueryBuilder(subj.match(m.consents(), false))
	if on {
		q = q.Set("restricted_at = ?", now).Where("restricted_at IS NULL")
	} else {
		q = q.Set("restricted_at = NULL").Where("restricted_at IS NOT NULL")
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("marketing: restrict: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// Erase deletes the subject's consent rows and keeps them off marketing,
// when the scope covers them; else it counts them as left out.
func (m *Marketing) Erase(ctx context.Context, db bun.IDB, subj Subject, records []Record, scope Scope, today time.Time, caseNumber string) (Erasure, error) {
	db = m.r.use(db)
	res := Erasure{System: "marketing", Erased: map[string]int{}}
	rec, err := recordFor(records, "marketing", "consents")
	if err != nil {
		return res, err
	}
	if !scope.Covers(rec) {
		n, err := m.count(ctx, db, subj)
		if n > 0 {
			res.outside(rec.Category, n)
		}
		return res, err
	}
	n, err := m.r.EraseMarketing(ctx, db, subj, caseNumber, today)
	if n > 0 {
		res.Erased[rec.Category] = n
	}
	return res, err
}

func (m *Marketing) count(ctx context.Context, db bun.IDB, subj Subject) (int, error) {
	if subj.Empty() {
		return 0, nil
	}
	n, err := db.NewSelect().TableExpr(m.r.table("marketing", "consents")).ApplyQueryBuilder(subj.match(m.consents(), false)).Count(ctx)
	return int(n), err
}

// Object stops direct marketing to the subject when the scope covers it:
// every channel is turned off and the subject suppressed (Art. 21(3)).
func (m *Marketing) Object(ctx context.Context, db bun.IDB, subj Subject, records []Record, scope Scope, caseNumber string, now time.Time) (Stopped, error) {
	db = m.r.use(db)
	res := Stopped{System: "marketing"}
	rec, err := recordFor(records, "marketing", "consents")
	if err != nil || !scope.Covers(rec) || subj.Empty() {
		return res, err
	}
	res.TurnedOff, err = m.r.StopMarketing(ctx, db, subj, caseNumber, now)
	res.Suppressed = err == nil
	return res, err
}

// StopMarketing turns every channel off and suppresses the subject.
func (m *Marketing) StopMarketing(ctx context.Context, db bun.IDB, subj Subject, caseNumber string, now time.Time) (int, error) {
	db = m.r.use(db)
	return m.r.StopMarketing(ctx, db, subj, caseNumber, now)
}

// WithdrawConsent turns the subject's consents off, when the scope covers
// them.
func (m *Marketing) WithdrawConsent(ctx context.Context, db bun.IDB, subj Subject, records []Record, scope Scope, now time.Time) (int, error) {
	db = m.r.use(db)
	if rec, err := recordFor(records, "marketing", "consents"); err != nil || !scope.Covers(rec) {
		return 0, err
	}
	res, err := db.NewUpdate().TableExpr(m.r.table("marketing", "consents")).Set("granted = ?, updated_at = ?", false, now).
		Where("granted = ?", true).ApplyQueryBuilder(subj.match(m.consents(), false)).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("marketing: withdraw consents: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// Export returns the subject's consents and channel choices, when the
// scope covers them.
func (m *Marketing) Export(ctx context.Context, db bun.IDB, subj Subject, records []Record, scope Scope) ([]Table, error) {
	db = m.r.use(db)
	r := m.r
	rec, err := recordFor(records, "marketing", "consents")
	if err != nil || subj.Empty() || !scope.Covers(rec) {
		return nil, err
	}
	var rows []map[string]any
	q := db.NewSelect().TableExpr(r.table("marketing", "consents")).ApplyQueryBuilder(subj.match(m.consents(), false)).OrderExpr("id")
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("marketing.consents: %w", err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	for _, row := range rows {
		normalise(row)
	}
	return []Table{{System: "marketing", Table: "consents", Category: rec.Category, Rows: rows, Columns: columns(m.consents())}}, nil
}

// suppressionKeys are the hashes under which a subject is kept off
// marketing: the personnummer and the e-mail address, each on its own, so a
// later import under either is caught without the list holding either.
func suppressionKeys(subj Subject) []string {
	var out []string
	for _, v := range []string{subj.Personnummer, subj.Email} {
		if v != "" {
			sum := sha256.Sum256([]byte("dsr-suppression:" + v))
			out = append(out, hex.EncodeToString(sum[:]))
		}
	}
	return out
}

// StopMarketing turns every channel off for the subject and puts them on the
// suppression list, so that a later import does not turn them on again. It
// returns how many consents were turned off.
func (r *Register) StopMarketing(ctx context.Context, db bun.IDB, subj Subject, caseNumber string, now time.Time) (int, error) {
	db = r.use(db)
	if subj.Empty() {
		return 0, nil
	}
	res, err := db.NewUpdate().TableExpr(r.table("marketing", "consents")).Set("granted = ?, updated_at = ?", false, now).
		Where("granted = ?", true).
		ApplyQueryBuilder(subj.match(r.Marketing().consents(), false)).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("marketing: turn consents off: %w", err)
	}
	n, _ := res.RowsAffected()
	for _, key := range suppressionKeys(subj) {
		_, err := db.ExecContext(ctx, "INSERT INTO "+r.table("marketing", "suppression")+
			" (subject_hash, added_at, case_number) VALUES (?, ?, ?) ON CONFLICT (subject_hash) DO NOTHING", key, now, caseNumber)
		if err != nil {
			return int(n), fmt.Errorf("marketing: suppress: %w", err)
		}
	}
	return int(n), nil
}

// Suppressed reports whether the subject must not receive marketing: the
// check a marketing import makes before it sets a consent.
func (r *Register) Suppressed(ctx context.Context, db bun.IDB, subj Subject) (bool, error) {
	db = r.use(db)
	keys := suppressionKeys(subj)
	if len(keys) == 0 {
		return false, nil
	}
	n, err := db.NewSelect().TableExpr(r.table("marketing", "suppression")).Where("subject_hash IN (?)", bun.List(keys)).Count(ctx)
	return n > 0, err
}

// EraseMarketing deletes the subject's consent rows (erasure); the
// suppression entry stays, holding only hashes, so marketing stays off.
func (r *Register) EraseMarketing(ctx context.Context, db bun.IDB, subj Subject, caseNumber string, now time.Time) (int, error) {
	db = r.use(db)
	if _, err := r.StopMarketing(ctx, db, subj, caseNumber, now); err != nil {
		return 0, err
	}
	res, err := db.NewDelete().TableExpr(r.table("marketing", "consents")).
		ApplyQueryBuilder(subj.match(r.Marketing().consents(), false)).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("marketing: erase consents: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
