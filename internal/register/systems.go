package register

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/dataset"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/uptrace/bun"
)

// child is a table whose rows belong to a row of its parent.
type child struct {
	name   string
	parent string // the parent table
	link   string // the column holding the parent's id
	date   string // the column dating the row; empty: the parent's date counts
}

// System is one of the controller's customer systems, as its dataset file
// describes it: a person table (customers, clients) and the tables that
// hang off it.
type System struct {
	r        *Register
	ds       *dataset.Dataset
	name     string
	person   string
	pt       *dataset.Table
	children []child // parents before children
}

// SystemName names the system: webshop, butik or behandling.
func (s *System) SystemName() string { return s.name }

// table names one of the system's tables for SQL: in the engine's database
// as the register names it, in a database of its own in its schema.
func (s *System) table(name string) string {
	if s.external() {
		return `"` + s.ds.Connection.SchemaName() + `"."` + name + `"`
	}
	return s.r.table(s.name, name)
}

// schema is the schema the system's tables are in: in PostgreSQL a schema,
// in SQLite the system's file attached under its name; and whether that is
// PostgreSQL.
func (s *System) schema() (string, bool) {
	switch {
	case s.external():
		return s.ds.Connection.SchemaName(), true
	case s.r.postgres:
		return s.name, true
	}
	return s.name, false
}

// Manual reports whether staff carry out the system's part of a request:
// the engine cannot reach it.
func (s *System) Manual() bool { return s.ds.Connection.Kind == dataset.ConnManual }

// Title is the system's name as the person knows it, in lang.
func (s *System) Title(lang string) string { return s.ds.Title.In(lang) }

// Rectifiable are the fields of the person table rectification may change.
func (s *System) Rectifiable() []string { return s.pt.Rectifiable() }

// Dataset is the system's dataset.
func (s *System) Dataset() *dataset.Dataset { return s.ds }

// Systems returns the customer systems of the datasets: for Harmoniq,
// harmoniq.se, Butiksdelen and Behandlingsdelen.
func (r *Register) Systems() []*System {
	var out []*System
	for _, d := range r.set.Model(dataset.ModelCustomer) {
		pt := d.PersonTable()
		s := &System{r: r, ds: d, name: d.System, person: pt.Name, pt: pt}
		for _, t := range d.Tables {
			if !t.Person {
				s.children = append(s.children, child{name: t.Name, parent: t.Parent, link: t.Link, date: t.DatedBy})
			}
		}
		out = append(out, s)
	}
	return out
}

// Rectifiable are the fields rectification may change in any system, as
// the datasets declare them, in order.
func (r *Register) Rectifiable() []string {
	var out []string
	for _, s := range r.Systems() {
		for _, f := range s.pt.Rectifiable() {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// rowRef is a row's id, its parent's id and its date.
type rowRef struct {
	id, parent int64
	date       time.Time
}

// rows finds the subject's rows in every table of the system, by table.
func (s *System) rows(ctx context.Context, db bun.IDB, subj Subject) (map[string][]rowRef, error) {
	out := map[string][]rowRef{}
	if subj.Empty() {
		return out, nil
	}
	db, err := s.use(ctx, db)
	if err != nil {
		return nil, err
	}
	date := "NULL"
	if s.pt.DatedBy != "" {
		date = s.pt.DatedBy
	}
	q := db.NewSelect().ColumnExpr("id, 0, " + date).TableExpr(s.table(s.person)).ApplyQueryBuilder(subj.match(s.pt, true))
	persons, err := scanRefs(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("%s: find the person: %w", s.name, err)
	}
	out[s.person] = persons
	for _, c := range s.children {
		parents := out[c.parent]
		if len(parents) == 0 {
			continue
		}
		ids := make([]int64, len(parents))
		dates := map[int64]time.Time{}
		for i, p := range parents {
			ids[i], dates[p.id] = p.id, p.date
		}
		date := c.date
		if date == "" {
			date = "NULL"
		}
		refs, err := scanRefs(ctx, db.NewSelect().ColumnExpr("id, "+c.link+", "+date).
			TableExpr(s.table(c.name)).Where(c.link+" IN (?)", bun.List(ids)).OrderExpr("id"))
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", s.name, c.name, err)
		}
		for i := range refs {
			if c.date == "" {
				refs[i].date = dates[refs[i].parent]
			}
		}
		out[c.name] = refs
	}
	return out, nil
}

func scanRefs(ctx context.Context, q *bun.SelectQuery) ([]rowRef, error) {
	rows, err := q.Rows(ctx)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []rowRef
	for rows.Next() {
		var r rowRef
		var d sql.NullTime
		if err := rows.Scan(&r.id, &r.parent, &d); err != nil {
			return nil, err
		}
		r.date = d.Time
		out = append(out, r)
	}
	return out, rows.Err()
}

func ids(refs []rowRef) []int64 {
	out := make([]int64, len(refs))
	for i, r := range refs {
		out[i] = r.id
	}
	return out
}

// Holds reports whether the system holds anything about the subject.
func (s *System) Holds(ctx context.Context, db bun.IDB, subj Subject) (bool, error) {
	if s.Manual() {
		return false, nil // only staff can look; intake does not wait for them
	}
	if s.viaHTTP() {
		return s.httpHolds(ctx, subj)
	}
	db, err := s.use(ctx, db)
	if err != nil {
		return false, err
	}
	rs, err := s.rows(ctx, db, subj)
	return len(rs[s.person]) > 0, err
}

// Table is the subject's rows of one table, for an access report or a
// portability export.
type Table struct {
	System   string           `json:"system"`
	Table    string           `json:"table"`
	Category string           `json:"category"`
	Rows     []map[string]any `json:"rows"`
	// Columns say how the dataset file labels the table's columns and how
	// their values are written for the reader; a table exported before the
	// dataset files has none.
	Columns []Column `json:"columns,omitempty"`
}

// Column is a column of an exported table as the reader sees it.
type Column struct {
	Name   string `json:"name"`
	Sv     string `json:"sv,omitempty"`
	En     string `json:"en,omitempty"`
	Format string `json:"format,omitempty"`
}

// columns describes a dataset table's fields for an export.
func columns(t *dataset.Table) []Column {
	out := make([]Column, 0, len(t.Fields))
	for _, f := range t.Fields {
		format := f.Format
		if format == "" {
			format = dataset.FormatText
		}
		out = append(out, Column{Name: f.Name, Sv: f.Label.Sv, En: f.Label.En, Format: format})
	}
	return out
}

// Export returns every row about the subject that the scope covers, table
// by table.
func (s *System) Export(ctx context.Context, db bun.IDB, subj Subject, records []Record, scope Scope) ([]Table, error) {
	if s.viaHTTP() {
		return s.httpExport(ctx, subj, records, scope)
	}
	db, err := s.use(ctx, db)
	if err != nil {
		return nil, err
	}
	refs, err := s.rows(ctx, db, subj)
	if err != nil {
		return nil, err
	}
	var out []Table
	for _, name := range s.tables() {
		if len(refs[name]) == 0 {
			continue
		}
		rec, err := recordFor(records, s.name, name)
		if err != nil {
			return nil, err
		}
		if !scope.Covers(rec) {
			continue
		}
		var rows []map[string]any
		if err := db.NewSelect().TableExpr(s.table(name)).Where("id IN (?)", bun.List(ids(refs[name]))).
			OrderExpr("id").Scan(ctx, &rows); err != nil {
			return nil, fmt.Errorf("%s.%s: %w", s.name, name, err)
		}
		for _, row := range rows {
			normalise(row)
		}
		out = append(out, Table{System: s.name, Table: name, Category: rec.Category, Rows: rows, Columns: columns(s.ds.Table(name))})
	}
	return out, nil
}

// normalise turns driver types into plain JSON-friendly values.
func normalise(row map[string]any) {
	for k, v := range row {
		switch x := v.(type) {
		case []byte:
			row[k] = string(x)
		case time.Time:
			row[k] = x.UTC().Format(time.RFC3339)
		}
	}
}

func (s *System) tables() []string {
	out := []string{s.person}
	for _, c := range s.children {
		out = append(out, c.name)
	}
	return out
}

// Kept says what erasure had to keep, why and until when.
type Kept struct {
	System   string    `json:"system"`
	Category string    `json:"category"`
	Rows     int       `json:"rows"`
	Reason   string    `json:"reason"`
	Until    time.Time `json:"until"`
}

// Erasure is what erasure did in one system.
type Erasure struct {
	System string         `json:"system"`
	Erased map[string]int `json:"erased"` // rows by category
	Kept   []Kept         `json:"kept,omitempty"`
	// Anonymised is set when the person row stays, stripped of everything
	// that identifies the person (personnummer, name, address, e-mail,
	// phone) and restricted, because kept records refer to it.
	Anonymised bool `json:"anonymised"`
	// Outside are the rows, by category, that the decision's scope left
	// out, and so left as they were.
	Outside map[string]int `json:"outside,omitempty"`
}

// Erase deletes the subject's rows that the scope covers, except those the
// record of processing says the law requires to keep (bookkeeping records
// until the end of the seventh year after their year); those stay,
// restricted, and the person row stays anonymised for them. Rows the scope
// leaves out stay as they are, and so does every row they hang off, the
// person row included.
func (s *System) Erase(ctx context.Context, db bun.IDB, subj Subject, records []Record, scope Scope, today time.Time, caseNumber string) (Erasure, error) {
	if s.viaHTTP() {
		personRec, err := recordFor(records, s.name, s.person)
		if err != nil {
			return Erasure{System: s.name}, err
		}
		return s.httpEraseTables(ctx, subj, records, scope.Covers, scope.Covers(personRec), caseNumber)
	}
	db, err := s.use(ctx, db)
	if err != nil {
		return Erasure{System: s.name}, err
	}
	res := Erasure{System: s.name, Erased: map[string]int{}}
	refs, err := s.rows(ctx, db, subj)
	if err != nil || len(refs[s.person]) == 0 {
		return res, err
	}
	// Decide, children first, which rows must stay; a row stays too when a
	// row hanging off it stays: until a day the law sets (keep), or because
	// the decision does not cover it (outside).
	keep := map[string]map[int64]time.Time{}
	outside := map[string]map[int64]bool{}
	for i := len(s.children) - 1; i >= 0; i-- {
		c := s.children[i]
		rec, err := recordFor(records, s.name, c.name)
		if err != nil {
			return res, err
		}
		for _, r := range refs[c.name] {
			if !scope.Covers(rec) || outside[c.name][r.id] {
				setOutside(outside, c.name, r.id)
				setOutside(outside, c.parent, r.parent)
				continue
			}
			until := s.r.Year.KeepUntil(rec.RetentionRule, r.date)
			if k, ok := keep[c.name][r.id]; ok && k.After(until) {
				until = k
			}
			if until.IsZero() || until.Before(today) {
				continue
			}
			setKeep(keep, c.name, r.id, until)
			setKeep(keep, c.parent, r.parent, until)
		}
	}
	for i := len(s.children) - 1; i >= 0; i-- {
		c := s.children[i]
		rec, _ := recordFor(records, s.name, c.name)
		var del []int64
		kept, until := 0, time.Time{}
		for _, r := range refs[c.name] {
			if outside[c.name][r.id] {
				res.outside(rec.Category, 1)
				continue
			}
			if u, ok := keep[c.name][r.id]; ok {
				kept++
				if u.After(until) {
					until = u
				}
				continue
			}
			del = append(del, r.id)
		}
		if len(del) > 0 {
			if _, err := db.NewDelete().TableExpr(s.table(c.name)).Where("id IN (?)", bun.List(del)).Exec(ctx); err != nil {
				return res, fmt.Errorf("%s.%s: erase: %w", s.name, c.name, err)
			}
			res.Erased[rec.Category] += len(del)
		}
		if kept > 0 {
			res.Kept = mergeKept(res.Kept, Kept{System: s.name, Category: rec.Category, Rows: kept, Reason: rec.LegalBasis + ": " + rec.Retention, Until: until})
		}
	}
	personRec, err := recordFor(records, s.name, s.person)
	if err != nil {
		return res, err
	}
	var del, anon []int64
	for _, p := range refs[s.person] {
		_, kept := keep[s.person][p.id]
		switch {
		case !scope.Covers(personRec) || outside[s.person][p.id]:
			// Rows the decision leaves out keep their customer with them.
			res.outside(personRec.Category, 1)
		case kept:
			anon = append(anon, p.id)
		default:
			del = append(del, p.id)
		}
	}
	table := s.table(s.person)
	if len(del) > 0 {
		if _, err := db.NewDelete().TableExpr(table).Where("id IN (?)", bun.List(del)).Exec(ctx); err != nil {
			return res, fmt.Errorf("%s.%s: erase: %w", s.name, s.person, err)
		}
		res.Erased[personRec.Category] += len(del)
	}
	if len(anon) > 0 {
		q := db.NewUpdate().TableExpr(table).Where("id IN (?)", bun.List(anon))
		for _, f := range s.pt.Cleared() {
			q = q.Set("? = ''", bun.Ident(f))
		}
		m := s.pt.Markers
		if m.Anonymised != "" {
			q = q.Set("? = COALESCE(?, ?)", bun.Ident(m.Anonymised), bun.Ident(m.Anonymised), today)
		}
		if m.Restricted != "" {
			q = q.Set("? = COALESCE(?, ?)", bun.Ident(m.Restricted), bun.Ident(m.Restricted), today)
		}
		if m.ErasedCase != "" {
			q = q.Set("? = ?", bun.Ident(m.ErasedCase), caseNumber)
		}
		if _, err := q.Exec(ctx); err != nil {
			return res, fmt.Errorf("%s.%s: anonymise: %w", s.name, s.person, err)
		}
		res.Anonymised = true
	}
	sort.Slice(res.Kept, func(i, j int) bool { return res.Kept[i].Category < res.Kept[j].Category })
	return res, nil
}

func (e *Erasure) outside(category string, n int) {
	if e.Outside == nil {
		e.Outside = map[string]int{}
	}
	e.Outside[category] += n
}

func setOutside(m map[string]map[int64]bool, table string, id int64) {
	if m[table] == nil {
		m[table] = map[int64]bool{}
	}
	m[table][id] = true
}

func setKeep(keep map[string]map[int64]time.Time, table string, id int64, until time.Time) {
	if keep[table] == nil {
		keep[table] = map[int64]time.Time{}
	}
	if until.After(keep[table][id]) {
		keep[table][id] = until
	}
}

func mergeKept(ks []Kept, k Kept) []Kept {
	for i := range ks {
		if ks[i].Category == k.Category {
			ks[i].Rows += k.Rows
			if k.Until.After(ks[i].Until) {
				ks[i].Until = k.Until
			}
			return ks
		}
	}
	return append(ks, k)
}

// Restrict marks (on) or unmarks the subject's person rows as restricted:
// their data may then only be stored. It returns how many rows changed.
func (s *System) Restrict(ctx context.Context, db bun.IDB, subj Subject, on bool, now time.Time) (int, error) {
	if s.viaHTTP() {
		return s.httpRestrict(ctx, subj, on)
	}
	db, err := s.use(ctx, db)
	if err != nil {
		return 0, err
	}
	refs, err := s.rows(ctx, db, subj)
	if err != nil || len(refs[s.person]) == 0 {
		return 0, err
	}
	col := s.pt.Markers.Restricted
	if col == "" {
		return 0, fmt.Errorf("%s: the dataset names no column that marks the person restricted (markers: restricted:)", s.name)
	}
	q := db.NewUpdate().TableExpr(s.table(s.person)).Where("id IN (?)", bun.List(ids(refs[s.person])))
	if on {
		q = q.Set("? = COALESCE(?, ?)", bun.Ident(col), bun.Ident(col), now)
	} else {
		q = q.Set("? = NULL", bun.Ident(col))
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("%s: restrict: %w", s.name, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// Change is one field changed by rectification, as the audit trail
// records it.
type Change = event.Change

// Rectify sets field to value on the subject's person rows and returns the
// changes, before and after.
func (s *System) Rectify(ctx context.Context, db bun.IDB, subj Subject, field, value string) ([]Change, error) {
	if !slices.Contains(s.pt.Rectifiable(), field) {
		return nil, fmt.Errorf("%s: field %q cannot be rectified; its dataset allows %s", s.name, field, strings.Join(s.pt.Rectifiable(), ", "))
	}
	if s.viaHTTP() {
		return s.httpRectify(ctx, subj, field, value)
	}
	db, err := s.use(ctx, db)
	if err != nil {
		return nil, err
	}
	refs, err := s.rows(ctx, db, subj)
	if err != nil {
		return nil, err
	}
	var out []Change
	table := s.table(s.person)
	for _, id := range ids(refs[s.person]) {
		var old string
		if err := db.NewSelect().ColumnExpr("?", bun.Ident(field)).TableExpr(table).Where("id = ?", id).Scan(ctx, &old); err != nil {
			return nil, err
		}
		if old == value {
			continue
		}
		if _, err := db.NewUpdate().TableExpr(table).Set("? = ?", bun.Ident(field), value).Where("id = ?", id).Exec(ctx); err != nil {
			return nil, fmt.Errorf("%s: rectify %s: %w", s.name, field, err)
		}
		out = append(out, Change{System: s.name, Field: field, Old: old, New: value})
	}
	return out, nil
}

// StopMarketing does nothing here: marketing lives in its own system.
func (s *System) StopMarketing(context.Context, bun.IDB, Subject, string, time.Time) (int, error) {
	return 0, nil
}

// WithdrawConsent erases the subject's rows of every category the record of
// processing bases on consent (Art. 17(1)(b)) and the scope covers; here,
// the analyses.
func (s *System) WithdrawConsent(ctx context.Context, db bun.IDB, subj Subject, records []Record, scope Scope, _ time.Time) (int, error) {
	if s.viaHTTP() {
		e, err := s.httpEraseTables(ctx, subj, records, func(rec Record) bool { return rec.Consent() && scope.Covers(rec) }, false, "")
		n := 0
		for _, k := range e.Erased {
			n += k
		}
		return n, err
	}
	db, err := s.use(ctx, db)
	if err != nil {
		return 0, err
	}
	n := 0
	erased, err := s.eraseWhere(ctx, db, subj, records, func(rec Record) bool {
		return rec.Consent() && scope.Covers(rec)
	})
	for _, k := range erased {
		n += k
	}
	return n, err
}

// Stopped is what an objection (Art. 21(1)) stopped in one system: the
// rows of each category processed on legitimate interest, which the scope
// covers, erased because their purpose ended; and in marketing, the
// channels turned off and whether the person was put on the suppression
// list.
type Stopped struct {
	System     string         `json:"system"`
	Erased     map[string]int `json:"erased,omitempty"`
	TurnedOff  int            `json:"turned_off"`
	Suppressed bool           `json:"suppressed,omitempty"`
}

// Object stops the processing the subject objected to: the rows of the
// categories that rest on legitimate interest and that the scope covers
// are erased. A category that rests on the law or a contract is not
// touched by an objection.
func (s *System) Object(ctx context.Context, db bun.IDB, subj Subject, records []Record, scope Scope, _ string, _ time.Time) (Stopped, error) {
	if s.viaHTTP() {
		e, err := s.httpEraseTables(ctx, subj, records, func(rec Record) bool { return rec.LegitimateInterest() && scope.Covers(rec) }, false, "")
		return Stopped{System: s.name, Erased: e.Erased}, err
	}
	db, err := s.use(ctx, db)
	if err != nil {
		return Stopped{System: s.name}, err
	}
	erased, err := s.eraseWhere(ctx, db, subj, records, func(rec Record) bool {
		return rec.LegitimateInterest() && scope.Covers(rec)
	})
	return Stopped{System: s.name, Erased: erased}, err
}

// eraseWhere deletes the subject's rows of the child tables whose record
// matches, children first, and returns the rows erased by category.
func (s *System) eraseWhere(ctx context.Context, db bun.IDB, subj Subject, records []Record, match func(Record) bool) (map[string]int, error) {
	out := map[string]int{}
	refs, err := s.rows(ctx, db, subj)
	if err != nil {
		return out, err
	}
	for i := len(s.children) - 1; i >= 0; i-- {
		c := s.children[i]
		rec, err := recordFor(records, s.name, c.name)
		if err != nil {
			return out, err
		}
		if !match(rec) || len(refs[c.name]) == 0 {
			continue
		}
		if _, err := db.NewDelete().TableExpr(s.table(c.name)).Where("id IN (?)", bun.List(ids(refs[c.name]))).Exec(ctx); err != nil {
			return out, fmt.Errorf("%s.%s: erase: %w", s.name, c.name, err)
		}
		out[rec.Category] += len(refs[c.name])
	}
	return out, nil
}

// PersonCategory is the category of the record of processing that covers
// a system's person table (customers, clients), or "".
func (r *Register) PersonCategory(records []Record, system string) string {
	for _, s := range r.Systems() {
		if s.name == system {
			if rec, err := recordFor(records, system, s.person); err == nil {
				return rec.Category
			}
		}
	}
	return ""
}
