package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// CaseState is a case's state as its workflow last wrote it: the
// projection in `cases`. The workflow is its only writer.
type CaseState struct {
	Number      string
	Seq         int64
	Stage       string
	Outcome     string
	Rights      []string
	Due         string // YYYY-MM-DD, as every date here
	LegalDue    string
	PromisedDue string
	Overdue     bool
	Extended    bool
	PausedSince string
	PausedDays  int
	Assignee    string
	ClosedOn    string
	// LetterBlocked is why the answer could not be sent, while it waits.
	LetterBlocked string
	// VerifiedSubject is the identifier the requester was verified by.
	VerifiedSubject string
	At              time.Time
}

// ProjectCase writes the case's state, in db (the transaction that writes
// the step's audit events). A write older than the one stored is ignored:
// a retried activity arriving late never rolls the case back.
func (s *Store) ProjectCase(ctx context.Context, db bun.IDB, p CaseState) error {
	db = s.on(db)
	res, err := db.NewUpdate().Table("cases").
		Set("state_seq = ?", p.Seq).Set("stage = ?", p.Stage).Set("outcome = ?", p.Outcome).
		Set("rights = ?", strings.Join(p.Rights, ",")).Set("due_on = ?", p.Due).Set("legal_due_on = ?", p.LegalDue).
		Set("promised_due_on = ?", p.PromisedDue).Set("overdue = ?", p.Overdue).Set("extended = ?", p.Extended).
		Set("paused_since = ?", p.PausedSince).Set("paused_days = ?", p.PausedDays).Set("assignee = ?", p.Assignee).
		Set("closed_on = ?", p.ClosedOn).Set("letter_blocked = ?", p.LetterBlocked).Set("verified_subject = ?", p.VerifiedSubject).Set("state_at = ?", p.At.UTC()).
		Where("number = ? AND state_seq < ?", p.Number, p.Seq).Exec(ctx)
	if err != nil {
		return fmt.Errorf("write the state of %s: %w", p.Number, err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	exists, err := db.NewSelect().Table("cases").Where("number = ?", p.Number).Exists(ctx)
	if err != nil {
		return err
	}
	if !exists {
		return fmt.Errorf("write the state of %s: %w", p.Number, ErrNotFound)
	}
	return nil // a newer state is there already
}

// caseStateRow reads the projection's columns.
type caseStateRow struct {
	bun.BaseModel `bun:"table:cases"`

	Number        string     `bun:"number"`
	Seq           int64      `bun:"state_seq"`
	Stage         string     `bun:"stage"`
	Outcome       string     `bun:"outcome"`
	Rights        string     `bun:"rights"`
	Due           string     `bun:"due_on"`
	LegalDue      string     `bun:"legal_due_on"`
	PromisedDue   string     `bun:"promised_due_on"`
	Overdue       bool       `bun:"overdue"`
	Extended      bool       `bun:"extended"`
	PausedSince   string     `bun:"paused_since"`
	PausedDays    int        `bun:"paused_days"`
	Assignee      string     `bun:"assignee"`
	ClosedOn      string     `bun:"closed_on"`
	LetterBlocked string     `bun:"letter_blocked"`
	Subject       string     `bun:"verified_subject"`
	At            *time.Time `bun:"state_at"`
	Channel       string     `bun:"channel"`
	ReceivedAt    time.Time  `bun:"received_at"`
}

func (r caseStateRow) state() CaseState {
	s := CaseState{Number: r.Number, Seq: r.Seq, Stage: r.Stage, Outcome: r.Outcome, Due: r.Due, LegalDue: r.LegalDue,
		PromisedDue: r.PromisedDue, Overdue: r.Overdue, Extended: r.Extended, PausedSince: r.PausedSince, PausedDays: r.PausedDays,
		Assignee: r.Assignee, ClosedOn: r.ClosedOn, LetterBlocked: r.LetterBlocked, VerifiedSubject: r.Subject}
	if r.Rights != "" {
		s.Rights = strings.Split(r.Rights, ",")
	}
	if r.At != nil {
		s.At = *r.At
	}
	return s
}

// CaseStateOf reads one case's projection; Seq 0 means its workflow has
// not written it (a case started before the projection existed).
func (s *Store) CaseStateOf(ctx context.Context, number string) (CaseState, error) {
	var r caseStateRow
	if err := s.db.NewSelect().Model(&r).Where("number = ?", number).Scan(ctx); err != nil {
		return CaseState{}, notFound(err, "case "+number)
	}
	return r.state(), nil
}

// notFound turns sql.ErrNoRows into ErrNotFound, naming what was looked for.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return fmt.Errorf("read %s: %w", what, err)
}

// CaseFilter selects cases from their projection.
type CaseFilter struct {
	// All includes closed cases.
	All     bool
	Stage   string
	Overdue bool
}

// CaseStates lists the cases whose workflows write their projection, by
// due date, as filter selects them. Cases whose workflows began before the
// projection existed (state_seq 0) are not among them: their state is in
// Temporal's visibility only.
func (s *Store) CaseStates(ctx context.Context, f CaseFilter) ([]CaseState, error) {
	var rows []caseStateRow
	q := s.db.NewSelect().Model(&rows).Where("state_seq > 0")
	if !f.All {
		q = q.Where("stage <> 'closed'")
	}
	if f.Stage != "" {
		q = q.Where("stage = ?", f.Stage)
	}
	if f.Overdue {
		q = q.Where("overdue")
	}
	if err := q.Order("due_on", "number").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	out := make([]CaseState, len(rows))
	for i, r := range rows {
		out[i] = r.state()
	}
	return out, nil
}

// CaseCounts is how many cases are at each stage, and how many open ones
// fall due on each day: what the worker's metrics report.
type CaseCounts struct {
	ByStage map[string]int
	OpenDue map[string]int // YYYY-MM-DD
}

// CountCases counts cases by stage and open cases by due date, from the
// projection (cases begun before it are not counted).
func (s *Store) CountCases(ctx context.Context) (CaseCounts, error) {
	byStage, err := s.countCasesBy(ctx, "stage", "state_seq > 0")
	if err != nil {
		return CaseCounts{}, fmt.Errorf("count cases by stage: %w", err)
	}
	openDue, err := s.countCasesBy(ctx, "due_on", "state_seq > 0 AND stage <> 'closed' AND due_on <> ''")
	if err != nil {
		return CaseCounts{}, fmt.Errorf("count open cases by due date: %w", err)
	}
	return CaseCounts{ByStage: byStage, OpenDue: openDue}, nil
}

// countCasesBy counts the cases where holds, by the value of column.
func (s *Store) countCasesBy(ctx context.Context, column, where string) (map[string]int, error) {
	var rows []struct {
		Value string `bun:"value"`
		N     int    `bun:"n"`
	}
	if err := s.db.NewSelect().Table("cases").ColumnExpr(column+" AS value").ColumnExpr("count(*) AS n").
		Where(where).GroupExpr(column).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.Value] = r.N
	}
	return out, nil
}
