// Package register holds Harmoniq's systems as the engine acts on them:
// harmoniq.se (webshop), Butiksdelen (butik), Behandlingsdelen (behandling)
// and marketing, in PostgreSQL (a schema each) or, for the local default, in
// the SQLite file (tables prefixed with the system's name). It also reads the
// record of processing, which says per system and category the purposes,
// legal basis, retention rule, recipients and processors.
package register

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/harmoniq/dsr/internal/dataset"
	"github.com/uptrace/bun"
)

// Subject identifies the person a request is about.
type Subject struct {
	Personnummer string // 12 digits, or empty
	Email        string // lower case, or empty
	// ErasedCase also finds the person rows a case anonymised, for the purge
	// of what erasure kept.
	ErasedCase string
	// PersonID finds one person row by its id, in one system: the
	// retention purge's way to a customer whose relationship ended.
	PersonID int64
}

// Empty reports whether s identifies no one.
func (s Subject) Empty() bool {
	return s.Personnummer == "" && s.Email == "" && s.ErasedCase == "" && s.PersonID == 0
}

// match narrows a query on table t to the subject's rows by the keys it
// has and t's identifying fields, and only those: an empty key must not
// reach the index, where it would match every row without one. erased adds
// the case that anonymised a person row, where t has that marker.
func (s Subject) match(t *dataset.Table, erased bool) func(bun.QueryBuilder) bun.QueryBuilder {
	return func(q bun.QueryBuilder) bun.QueryBuilder {
		return q.WhereGroup(" AND ", func(q bun.QueryBuilder) bun.QueryBuilder {
			q = q.Where("FALSE")
			if col := t.Identity(dataset.IdentPersonnummer); s.Personnummer != "" && col != "" {
				q = q.WhereOr("? = ?", bun.Ident(col), s.Personnummer)
			}
			if col := t.Identity(dataset.IdentEmail); s.Email != "" && col != "" {
				q = q.WhereOr("lower(?) = ?", bun.Ident(col), s.Email)
			}
			if erased && s.ErasedCase != "" && t.Markers.ErasedCase != "" {
				q = q.WhereOr("? = ?", bun.Ident(t.Markers.ErasedCase), s.ErasedCase)
			}
			if s.PersonID != 0 && t.Person {
				q = q.WhereOr("id = ?", s.PersonID)
			}
			return q
		})
	}
}

// Record is one entry of the record of processing.
type Record struct {
	System   string `json:"system"`
	Category string `json:"category"`
	Tables   string `json:"-"`
	Purposes string `json:"purposes"`
	// Basis are the Art. 6(1) bases, the chief one first (consent,
	// contract, legal_obligation, ..., legitimate_interest).
	Basis         []string `json:"-"`
	LegalBasis    string   `json:"legal_basis"`
	RetentionRule string   `json:"-"`
	Retention     string   `json:"retention"`
	Recipients    string   `json:"recipients,omitempty"`
	Processors    string   `json:"processors,omitempty"`
	Source        string   `json:"source"`
	Portable      bool     `json:"-"`
	// AutomatedDecisions and Transfers say, when there are any, the
	// automated decisions (Art. 22, with the logic and consequences) and
	// the transfers outside the EU/EEA (with the safeguards) the category
	// is subject to; empty: none.
	AutomatedDecisions string `json:"automated_decisions,omitempty"`
	Transfers          string `json:"transfers,omitempty"`
	// The same texts in English, for letters in English; empty: the
	// Swedish is used.
	CategoryEn   string `json:"-"`
	PurposesEn   string `json:"-"`
	LegalBasisEn string `json:"-"`
	RetentionEn  string `json:"-"`
	RecipientsEn string `json:"-"`
	ProcessorsEn string `json:"-"`
	SourceEn     string `json:"-"`
	AutomatedEn  string `json:"-"`
	TransfersEn  string `json:"-"`
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

// Register is the controller's systems, as their dataset files describe
// them, reached in the engine's database.
type Register struct {
	db       *bun.DB
	postgres bool
	set      dataset.Set
	conns    conns
	// attach makes the tables of systems beside the engine reachable by
	// their schema's name: on SQLite it attaches their files (the store's
	// AttachSystems).
	attach func(ctx context.Context, systems []string) error
	// Year is the controller's financial year, which dates how long
	// accounting records are kept.
	Year FinancialYear
}

// New returns the register on db, with Harmoniq's datasets; attach is
// called with the systems beside the engine of the datasets it is given
// later (UseDatasets).
func New(db *bun.DB, postgres bool, attach func(ctx context.Context, systems []string) error) *Register {
	return &Register{db: db, postgres: postgres, set: harmoniq(), attach: attach}
}

// harmoniq is Harmoniq's datasets, read once. They are the repository's
// own files, which a test loads: a mistake in them fails the build's tests,
// not a running worker.
var harmoniq = sync.OnceValue(func() dataset.Set {
	set, err := dataset.Harmoniq()
	if err != nil {
		panic(err)
	}
	return set
})

// UseDatasets replaces Harmoniq's datasets with a controller's own, read
// from its directory (DATASETS_DIR). The set needs the engine's own records
// and at least one customer system.
func (r *Register) UseDatasets(ctx context.Context, set dataset.Set) error {
	if len(set.Model(dataset.ModelCustomer)) == 0 {
		return errors.New("datasets: no customer system (model: customer)")
	}
	if len(set.Model(dataset.ModelMarketing)) != 1 {
		return errors.New("datasets: there must be one marketing system (marketing.yaml, model: marketing), where an opt-out and an objection to marketing are carried out")
	}
	if set.System("dsr") == nil {
		return errors.New("datasets: dsr.yaml, the record of processing of the engine's own records, is missing")
	}
	if r.attach != nil {
		if err := r.attach(ctx, set.BesideEngine()); err != nil {
			return fmt.Errorf("datasets: %w", err)
		}
	}
	r.set = set
	return nil
}

// Datasets are the datasets the register acts on.
func (r *Register) Datasets() dataset.Set { return r.set }

// use is db, or the register's own handle when db is nil: the methods that
// take a handle run in the caller's transaction when it has one.
func (r *Register) use(db bun.IDB) bun.IDB {
	if db == nil {
		return r.db
	}
	return db
}

// table names a system's table beside the engine's: webshop.orders, a
// schema of PostgreSQL's or the file SQLite attaches as webshop.
func (r *Register) table(system, name string) string {
	return system + "." + name
}

// Records returns the record of processing, system by system, as the
// dataset files state it.
func (r *Register) Records(context.Context) ([]Record, error) {
	var rs []Record
	for _, d := range r.set {
		for _, rec := range d.Records {
			rs = append(rs, Record{System: d.System, Category: rec.Category.Sv, Tables: strings.Join(rec.Tables, ","),
				Purposes: rec.Purposes.Sv, Basis: rec.Basis, LegalBasis: rec.LegalBasis.Sv, RetentionRule: rec.Retention.Rule, Retention: rec.Retention.Sv,
				Recipients: rec.Recipients.Sv, Processors: rec.Processors.Sv, Source: rec.Source.Sv, Portable: rec.Portable,
				AutomatedDecisions: rec.AutomatedDecisions.Sv, Transfers: rec.Transfers.Sv,
				CategoryEn: rec.Category.En, PurposesEn: rec.Purposes.En, LegalBasisEn: rec.LegalBasis.En, RetentionEn: rec.Retention.En,
				RecipientsEn: rec.Recipients.En, ProcessorsEn: rec.Processors.En, SourceEn: rec.Source.En,
				AutomatedEn: rec.AutomatedDecisions.En, TransfersEn: rec.Transfers.En})
		}
	}
	return rs, nil
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
		if !s.bySQL() {
			continue // its address is the system's to keep; letters use another's
		}
		cols := make([]string, 4)
		for i, part := range []string{"name", "street", "postal_code", "city"} {
			cols[i] = s.pt.AddressField(part)
		}
		if cols[1] == "" || cols[2] == "" {
			continue // the system keeps no postal address
		}
		sdb, err := s.use(ctx, db)
		if err != nil {
			return "", nil, err
		}
		refs, err := s.rows(ctx, sdb, subj)
		if err != nil {
			return "", nil, err
		}
		for _, p := range refs[s.person] {
			var row [4]string
			q := sdb.NewSelect().TableExpr(s.table(s.person)).Where("id = ?", p.id)
			for _, c := range cols {
				if c == "" {
					q = q.ColumnExpr("''")
				} else {
					q = q.ColumnExpr("?", bun.Ident(c))
				}
			}
			if err := q.Scan(ctx, &row[0], &row[1], &row[2], &row[3]); err != nil {
				return "", nil, err
			}
			if row[1] != "" && row[2] != "" {
				return row[0], []string{row[1], strings.TrimSpace(row[2] + " " + row[3])}, nil
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
	type person struct {
		table string
		t     *dataset.Table
		db    bun.IDB
	}
	tables := []person{{r.table("marketing", "consents"), r.Marketing().consents(), db}}
	for _, s := range r.Systems() {
		if !s.bySQL() {
			continue
		}
		sdb, err := s.use(ctx, db)
		if err != nil {
			return nil, err
		}
		tables = append(tables, person{s.table(s.person), s.pt, sdb})
	}
	for _, t := range tables {
		pnr, mail := t.t.Identity(dataset.IdentPersonnummer), t.t.Identity(dataset.IdentEmail)
		if pnr == "" || mail == "" {
			continue
		}
		var pnrs []string
		err := t.db.NewSelect().ColumnExpr("DISTINCT ?", bun.Ident(pnr)).TableExpr(t.table).
			Where("lower(?) = ?", bun.Ident(mail), email).Where("? <> ''", bun.Ident(pnr)).Scan(ctx, &pnrs)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.table, err)
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
