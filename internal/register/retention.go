package register

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/uptrace/bun"
)

// RuleUsage24Months keeps usage data (analyses, recommendations, interests)
// at most 24 months from the day it was made.
const RuleUsage24Months = "usage_24_months"

// RuleWhileCustomer keeps data as long as the person is a customer, and
// erases or anonymises it at the latest 24 months after the relationship
// ended, as the system dates its end (the person table's ended marker).
const RuleWhileCustomer = "while_customer"

// Expired is what a retention purge erased from one table.
type Expired struct {
	System, Table, Category, Rule string
	Rows                          int64
}

// PurgeExpired deletes, in every system, the rows whose retention under
// the record of processing has ended by today: usage data older than 24
// months, and bookkeeping records after the seventh year following their
// calendar year (bokföringslagen 7 kap. 2 §). A row is dated by its own
// date column, or its parent's. A row that rows of another table still
// hang off stays until they are gone. The people themselves (the
// while_customer rule, which runs from the end of the relationship) are
// not judged here. It returns the figures, a table at a time, and tells
// done (when set) of each table as it is finished.
func (r *Register) PurgeExpired(ctx context.Context, db bun.IDB, records []Record, today time.Time, done func(Expired)) ([]Expired, error) {
	db = r.use(db)
	var out []Expired
	for _, s := range r.Systems() {
		if !s.bySQL() {
			continue // a system behind an API applies its own retention
		}
		// Children before their parents, so a parent's expired children
		// are gone before the parent is judged.
		for i := len(s.children) - 1; i >= 0; i-- {
			c := s.children[i]
			rec, err := recordFor(records, s.name, c.name)
			if err != nil {
				return out, err
			}
			cutoff, ok := s.r.Year.expiredBefore(rec.RetentionRule, today)
			if !ok {
				continue
			}
			n, err := s.deleteOlder(ctx, db, c, cutoff)
			if err != nil {
				return out, fmt.Errorf("retention of %s.%s: %w", s.name, c.name, err)
			}
			e := Expired{System: s.name, Table: c.name, Category: rec.Category, Rule: rec.RetentionRule, Rows: n}
			if done != nil {
				done(e)
			}
			if n > 0 {
				out = append(out, e)
			}
		}
		ended, err := s.purgeEnded(ctx, db, records, today, done)
		out = append(out, ended...)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// purgeEnded erases the customers whose relationship ended more than 24
// months ago, as the system dates its end, when the record of processing
// keeps the person table while_customer: each as an erasure would (what
// the law keeps stays, restricted, with the person row anonymised for
// it). It reports the rows erased per category, and the customers.
func (s *System) purgeEnded(ctx context.Context, db bun.IDB, records []Record, today time.Time, done func(Expired)) ([]Expired, error) {
	rec, err := recordFor(records, s.name, s.person)
	if err != nil || rec.RetentionRule != RuleWhileCustomer || s.pt.Markers.Ended == "" {
		return nil, err
	}
	if db, err = s.use(ctx, db); err != nil {
		return nil, err
	}
	cutoff := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, -24, 0)
	q := db.NewSelect().Column("id").TableExpr(s.table(s.person)).Where("? < ?", bun.Ident(s.pt.Markers.Ended), cutoff).OrderExpr("id")
	if m := s.pt.Markers.Anonymised; m != "" {
		q = q.Where("? IS NULL", bun.Ident(m))
	}
	var ids []int64
	if err := q.Scan(ctx, &ids); err != nil {
		return nil, fmt.Errorf("%s: customers whose relationship ended: %w", s.name, err)
	}
	rows := map[string]int64{}
	for _, id := range ids {
		// One customer at a time, each in one transaction.
		var e Erasure
		err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			var err error
			e, err = s.Erase(context.WithValue(ctx, ctxTx{s.name}, bun.IDB(tx)), tx, Subject{PersonID: id}, records, Scope{}, today, "")
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("%s: erase a customer whose relationship ended: %w", s.name, err)
		}
		for cat, n := range e.Erased {
			rows[cat] += int64(n)
		}
		if e.Anonymised {
			rows[rec.Category+" (anonymised, kept for accounting records)"]++
		}
	}
	var out []Expired
	cats := make([]string, 0, len(rows))
	for cat := range rows {
		cats = append(cats, cat)
	}
	sort.Strings(cats)
	for _, cat := range cats {
		table := s.person // the customers anonymised for what the law keeps
		for _, r := range records {
			if r.System == s.name && r.Category == cat {
				table = r.Tables
			}
		}
		e := Expired{System: s.name, Table: table, Category: cat, Rule: RuleWhileCustomer, Rows: rows[cat]}
		if done != nil {
			done(e)
		}
		out = append(out, e)
	}
	return out, nil
}

// expiredBefore is the date before which a row kept under rule has
// expired by today; false when the rule does not expire rows by their date.
func (f FinancialYear) expiredBefore(rule string, today time.Time) (time.Time, bool) {
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	switch rule {
	case RuleUsage24Months:
		return day.AddDate(0, -24, 0), true
	case RuleBookkeeping:
		// Kept through 31 December of the seventh year after the one its
		// financial year ended in (KeepUntil): a row has expired when its
		// financial year ended before the calendar year seven years
		// before today's. The first day of that calendar year is in a
		// financial year that ends in it or later; the rows dated before
		// that financial year's start have expired.
		first := time.Date(day.Year()-7, 1, 1, 0, 0, 0, 0, time.UTC)
		if f.EndMonth == 0 || f.EndMonth == time.December {
			return first, true
		}
		// The financial year that ends in that calendar year began the
		// day after its end in the year before.
		return time.Date(first.Year()-1, f.EndMonth+1, 1, 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

// deleteOlder deletes c's rows dated before cutoff that no other table's
// rows hang off.
func (s *System) deleteOlder(ctx context.Context, db bun.IDB, c child, cutoff time.Time) (int64, error) {
	db, err := s.use(ctx, db)
	if err != nil {
		return 0, err
	}
	table := s.table(c.name)
	q := db.NewDelete().TableExpr(table)
	if c.date != "" {
		q = q.Where(c.date+" < ?", cutoff)
	} else {
		// A row without a date of its own (an order's lines) goes with its
		// parent only: when the parent has expired and nothing dated of
		// its own still keeps it (an invoice of a later year).
		parent := s.parentOf(c)
		pt := s.table(parent.name)
		sub := "SELECT p.id FROM " + pt + " p WHERE p." + parent.date + " < ?"
		for _, d := range s.children {
			if d.parent == c.parent && d.name != c.name && d.date != "" {
				sub += " AND NOT EXISTS (SELECT 1 FROM " + s.table(d.name) + " k WHERE k." + d.link + " = p.id)"
			}
		}
		q = q.Where(c.link+" IN ("+sub+")", cutoff)
	}
	for _, d := range s.children {
		if d.parent == c.name {
			q = q.Where("NOT EXISTS (SELECT 1 FROM " + s.table(d.name) + " d WHERE d." + d.link + " = " + table + ".id)")
		}
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// parentOf is the child table c hangs off.
func (s *System) parentOf(c child) child {
	for _, p := range s.children {
		if p.name == c.parent {
			return p
		}
	}
	return child{name: c.parent, date: s.pt.DatedBy}
}
