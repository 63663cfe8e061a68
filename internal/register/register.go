// Package register holds Harmoniq's systems as the engine acts on them:
// harmoniq.se (webshop), Butiksdelen (butik), Behandlingsdelen (behandling)
// and marketing, in PostgreSQL (a schema each) or, for the local default, in
// the SQLite file (tables prefixed with the system's name). It also reads the
// record of processing, which says per system and category the purposes,
// legal basis, retention rule, recipients and processors.
package register

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Subject identifies the person a request is about.
type Subject struct {
	Personnummer string // 12 digits, or empty
	Email        string // lower case, or empty
	// ErasedCase also finds the person rows a case anonymised, for the purge
	// of what erasure kept.
	ErasedCase string
}

// Empty reports whether s identifies no one.
func (s Subject) Empty() bool { return s.Personnummer == "" && s.Email == "" && s.ErasedCase == "" }

// match narrows a query to the subject's rows by the keys it has, and only
// those: an empty key must not reach the index, where it would match every
// row without one. erased adds the case that anonymised a person row (person
// tables have that column; consents do not).
func (s Subject) match(erased bool) func(bun.QueryBuilder) bun.QueryBuilder {
	return func(q bun.QueryBuilder) bun.QueryBuilder {
		return q.WhereGroup(" AND ", func(q bun.QueryBuilder) bun.QueryBuilder {
			q = q.Where("FALSE")
			if s.Personnummer != "" {
				q = q.WhereOr("personnummer = ?", s.Personnummer)
			}
			if s.Email != "" {
				q = q.WhereOr("lower(email) = ?", s.Email)
			}
			if erased && s.ErasedCase != "" {
				q = q.WhereOr("erased_case = ?", s.ErasedCase)
			}
			return q
		})
	}
}

// Record is one entry of the record of processing.
type Record struct {
	bun.BaseModel `bun:"table:processing_records"`

	ID            int64  `bun:"id,pk,autoincrement" json:"-"`
	System        string `bun:"system" json:"system"`
	Category      string `bun:"category" json:"category"`
	Tables        string `bun:"tables" json:"-"`
	Purposes      string `bun:"purposes" json:"purposes"`
	LegalBasis    string `bun:"legal_basis" json:"legal_basis"`
	RetentionRule string `bun:"retention_rule" json:"-"`
	Retention     string `bun:"retention" json:"retention"`
	Recipients    string `bun:"recipients" json:"recipients,omitempty"`
	Processors    string `bun:"processors" json:"processors,omitempty"`
	Source        string `bun:"source" json:"source"`
	Portable      bool   `bun:"portable" json:"-"`
	// AutomatedDecisions and Transfers say, when there are any, the
	// automated decisions (Art. 22, with the logic and consequences) and
	// the transfers outside the EU/EEA (with the safeguards) the category
	// is subject to; empty: none.
	AutomatedDecisions string `bun:"automated_decisions" json:"automated_decisions,omitempty"`
	Transfers          string `bun:"transfers" json:"transfers,omitempty"`
	// The same texts in English, for letters in English; empty: the
	// Swedish is used.
	CategoryEn   string `bun:"category_en" json:"-"`
	PurposesEn   string `bun:"purposes_en" json:"-"`
	LegalBasisEn string `bun:"legal_basis_en" json:"-"`
	RetentionEn  string `bun:"retention_en" json:"-"`
	RecipientsEn string `bun:"recipients_en" json:"-"`
	ProcessorsEn string `bun:"processors_en" json:"-"`
	SourceEn     string `bun:"source_en" json:"-"`
	AutomatedEn  string `bun:"automated_decisions_en" json:"-"`
	TransfersEn  string `bun:"transfers_en" json:"-"`
}

// In returns the record's texts in lang ("en" or Swedish): each English
// text where there is one, else the Swedish.
func (r Record) In(lang string) Record {
	if lang != "en" {
		return r
	}
	pick := func(sv, en string) string {
		if en != "" {
			return en
		}
		return sv
	}
	r.Category, r.Purposes, r.LegalBasis = pick(r.Category, r.CategoryEn), pick(r.Purposes, r.PurposesEn), pick(r.LegalBasis, r.LegalBasisEn)
	r.Retention, r.Recipients, r.Processors = pick(r.Retention, r.RetentionEn), pick(r.Recipients, r.RecipientsEn), pick(r.Processors, r.ProcessorsEn)
	r.Source = pick(r.Source, r.SourceEn)
	r.AutomatedDecisions, r.Transfers = pick(r.AutomatedDecisions, r.AutomatedEn), pick(r.Transfers, r.TransfersEn)
	return r
}

// Retention rules of the record of processing.
const (
	// RuleBookkeeping keeps a record until the end of the seventh year after
	// the calendar year it belongs to (bokföringslagen 7 kap. 2 §).
	RuleBookkeeping = "bookkeeping"
)

// FinancialYear is the controller's financial year (räkenskapsår): twelve
// months ending with the last day of EndMonth (bokföringslagen 3 kap.).
// The zero value is the calendar year.
type FinancialYear struct {
	EndMonth time.Month
}

// ParseFinancialYearEnd reads "MM-DD", the last day of the financial year,
// which is the last day of a month ("02-28" and "02-29" are both February's).
func ParseFinancialYearEnd(s string) (FinancialYear, error) {
	t, err := time.Parse("01-02", s)
	last := err == nil && (t.Month() == time.February && t.Day() >= 28 || time.Date(2001, t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day() == t.Day())
	if !last {
		return FinancialYear{}, fmt.Errorf("%q is not the last day of a month as MM-DD (12-31, 06-30, 04-30)", s)
	}
	return FinancialYear{EndMonth: t.Month()}, nil
}

// endOf returns the last day of the financial year a record dated d
// belongs to.
func (f FinancialYear) endOf(d time.Time) time.Time {
	m := f.EndMonth
	if m == 0 {
		m = time.December
	}
	end := time.Date(d.Year(), m+1, 0, 0, 0, 0, 0, time.UTC) // the last day of m
	if time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).After(end) {
		end = time.Date(d.Year()+1, m+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return end
}

// KeepUntil returns the last day a record dated d must be kept under rule,
// or the zero time when the rule does not require keeping it. Accounting
// records are kept through the seventh calendar year after the one in which
// their financial year ended (bokföringslagen 7 kap. 2 §).
func (f FinancialYear) KeepUntil(rule string, d time.Time) time.Time {
	if rule != RuleBookkeeping {
		return time.Time{}
	}
	return time.Date(f.endOf(d).Year()+7, 12, 31, 0, 0, 0, 0, time.UTC)
}

// KeepUntil is FinancialYear.KeepUntil for the calendar year.
func KeepUntil(rule string, d time.Time) time.Time { return FinancialYear{}.KeepUntil(rule, d) }

// Register is the systems' database.
type Register struct {
	db       *bun.DB
	postgres bool
	// Year is the controller's financial year, which dates how long
	// accounting records are kept.
	Year FinancialYear
}

// New returns the register on db.
func New(db *bun.DB, postgres bool) *Register { return &Register{db: db, postgres: postgres} }

// use is db, or the register's own handle when db is nil: the methods that
// take a handle run in the caller's transaction when it has one.
func (r *Register) use(db bun.IDB) bun.IDB {
	if db == nil {
		return r.db
	}
	return db
}

// table names a system's table in the dialect: webshop.orders in
// PostgreSQL, webshop_orders in SQLite.
func (r *Register) table(system, name string) string {
	if r.postgres {
		return system + "." + name
	}
	return system + "_" + name
}

// Records returns the record of processing.
func (r *Register) Records(ctx context.Context) ([]Record, error) {
	var rs []Record
	err := r.db.NewSelect().Model(&rs).Order("id").Scan(ctx)
	return rs, err
}

// recordFor returns the record of processing covering a system's table.
func recordFor(records []Record, system, table string) (Record, error) {
	for _, rec := range records {
		if rec.System != system {
			continue
		}
		for _, t := range strings.Split(rec.Tables, ",") {
			if strings.TrimSpace(t) == table {
				return rec, nil
			}
		}
	}
	return Record{}, fmt.Errorf("the record of processing has no entry for %s.%s", system, table)
}

// Holds reports whether any system holds anything about the subject.
func (r *Register) Holds(ctx context.Context, db bun.IDB, subj Subject) (bool, error) {
	db = r.use(db)
	for _, s := range r.Systems() {
		if held, err := s.Holds(ctx, db, subj); err != nil || held {
			return held, err
		}
	}
	return r.Marketing().Holds(ctx, db, subj)
}

// Address returns the subject's name and postal address from the first
// system that has them, for letters to the person's registered address.
func (r *Register) Address(ctx context.Context, db bun.IDB, subj Subject) (name string, lines []string, err error) {
	db = r.use(db)
	for _, s := range r.Systems() {
		refs, err := s.rows(ctx, db, subj)
		if err != nil {
			return "", nil, err
		}
		for _, p := range refs[s.person] {
			var row struct {
				Name, Street, PostalCode, City string
			}
			err := db.NewSelect().ColumnExpr("name, street, postal_code, city").TableExpr(r.table(s.name, s.person)).
				Where("id = ?", p.id).Scan(ctx, &row.Name, &row.Street, &row.PostalCode, &row.City)
			if err != nil {
				return "", nil, err
			}
			if row.Street != "" && row.PostalCode != "" {
				return row.Name, []string{row.Street, row.PostalCode + " " + row.City}, nil
			}
		}
	}
	return "", nil, nil
}

// PersonnummersOf returns the personnummer on the rows, in every system and
// in marketing, that carry the e-mail address (lower case): the people the
// address belongs to. Rows without a personnummer name nobody.
func (r *Register) PersonnummersOf(ctx context.Context, db bun.IDB, email string) ([]string, error) {
	db = r.use(db)
	if email == "" {
		return nil, nil
	}
	seen := map[string]bool{}
	var out []string
	tables := []string{r.table("marketing", "consents")}
	for _, s := range r.Systems() {
		tables = append(tables, r.table(s.name, s.person))
	}
	for _, t := range tables {
		var pnrs []string
		err := db.NewSelect().ColumnExpr("DISTINCT personnummer").TableExpr(t).
			Where("lower(email) = ?", email).Where("personnummer <> ''").Scan(ctx, &pnrs)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t, err)
		}
		for _, p := range pnrs {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out, nil
}
