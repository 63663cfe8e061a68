package register

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/harmoniq/dsr/internal/dataset"
)

// Finding is what checking a dataset against its live system found: an
// error (the engine cannot act as the file says) or a warning (it can, but
// slowly, or something is left undescribed), at a line of the file.
type Finding struct {
	Error bool
	File  string
	Line  int
	What  string
}

func (f Finding) String() string {
	kind := "warning"
	if f.Error {
		kind = "error"
	}
	return fmt.Sprintf("%s:%d: %s: %s", f.File, f.Line, kind, f.What)
}

// Inspect checks every dataset against the live system it describes: each
// table and each declared column exists, the row key is there, the fields
// that identify the person and the links between tables are indexed (a
// request must not scan a table of every customer), and every column of a
// table is declared (an undeclared one still reaches the extract, by its
// bare name).
func (r *Register) Inspect(ctx context.Context) ([]Finding, error) {
	var out []Finding
	for _, d := range r.set {
		if d.Model == dataset.ModelEngine {
			continue
		}
		if d.Connection.Kind == dataset.ConnManual {
			out = append(out, Finding{File: d.File, Line: d.Line, What: fmt.Sprintf("system %s is manual: staff carry out its tasks, which each case waits for", d.System)})
			continue
		}
		if d.Connection.Kind == dataset.ConnHTTP {
			if err := r.systemOf(d).httpCheck(ctx); err != nil {
				out = append(out, Finding{Error: true, File: d.File, Line: d.Line, What: fmt.Sprintf("system %s does not answer as the contract says: %v", d.System, err)})
			} else {
				out = append(out, Finding{File: d.File, Line: d.Line, What: fmt.Sprintf("system %s answers over HTTP; its tables are its own to check", d.System)})
			}
			continue
		}
		if d.Connection.Kind == dataset.ConnPostgres {
			f, err := r.inspectConnection(ctx, d)
			if err != nil {
				return nil, err
			}
			if f != nil {
				out = append(out, *f)
				continue
			}
		}
		for _, t := range d.Tables {
			at := func(line int, isErr bool, format string, args ...any) {
				out = append(out, Finding{Error: isErr, File: d.File, Line: line, What: fmt.Sprintf(format, args...)})
			}
			sys := r.systemOf(d)
			name := sys.table(t.Name)
			cols, err := sys.columnsOf(ctx, t.Name)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			if len(cols) == 0 {
				at(t.Line, true, "table %s does not exist", name)
				continue
			}
			if !slices.Contains(cols, "id") {
				at(t.Line, true, "table %s has no id column, which the engine keys its rows by", name)
			}
			for _, f := range t.Fields {
				if !slices.Contains(cols, f.Name) {
					at(f.Line, true, "table %s has no column %s", name, f.Name)
				}
			}
			for _, c := range cols {
				if t.Field(c) == nil {
					at(t.Line, false, "column %s.%s is not declared: an extract shows it by its bare name, and erasure and rectification do not know it", name, c)
				}
			}
			indexes, err := sys.indexesOf(ctx, t.Name)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			for _, f := range t.Fields {
				switch f.Identifies {
				case dataset.IdentPersonnummer, dataset.IdentEmail:
					want := f.Name
					if f.Identifies == dataset.IdentEmail {
						want = "lower(" + f.Name + ")" // e-mail is matched without case
					}
					if slices.Contains(cols, f.Name) && !slices.Contains(indexes, want) {
						at(f.Line, true, "%s.%s identifies the person but no index leads with %s: every request would read the whole table", name, f.Name, want)
					}
				}
			}
			if t.Link != "" && slices.Contains(cols, t.Link) && !slices.Contains(indexes, t.Link) {
				at(t.Line, false, "%s.%s links to %s but no index leads with it: finding a person's rows reads the whole table", name, t.Link, t.Parent)
			}
			if t.Markers.ErasedCase != "" && slices.Contains(cols, t.Markers.ErasedCase) && !slices.Contains(indexes, t.Markers.ErasedCase) {
				at(t.Line, false, "%s.%s (the case that anonymised a row) is not indexed: the purge of kept rows reads the whole table", name, t.Markers.ErasedCase)
			}
		}
	}
	return out, nil
}

// systemOf is the dataset's system as the register reaches it (the
// marketing system too, for its tables).
func (r *Register) systemOf(d *dataset.Dataset) *System {
	return &System{r: r, ds: d, name: d.System}
}

// inspectConnection checks that a system in a database of its own answers
// and keeps its ledger; a finding says what is wrong.
func (r *Register) inspectConnection(ctx context.Context, d *dataset.Dataset) (*Finding, error) {
	db, err := r.pool(d)
	if err == nil {
		err = db.PingContext(ctx)
	}
	if err != nil {
		return &Finding{Error: true, File: d.File, Line: d.Line, What: fmt.Sprintf("system %s cannot be reached: %v", d.System, err)}, nil
	}
	var ledger sql.NullString
	if err := db.NewRaw("SELECT to_regclass(?)::text", d.Connection.SchemaName()+"."+LedgerTable).Scan(ctx, &ledger); err != nil {
		return nil, err
	}
	if !ledger.Valid {
		return &Finding{Error: true, File: d.File, Line: d.Line, What: fmt.Sprintf("system %s has no ledger table; its owner creates it with: %s", d.System, LedgerDDL(d.Connection.SchemaName()))}, nil
	}
	return nil, nil
}

// columnsOf lists a table's columns; none when it does not exist.
func (s *System) columnsOf(ctx context.Context, table string) ([]string, error) {
	db, err := s.use(ctx, nil)
	if err != nil {
		return nil, err
	}
	var cols []string
	if schema, pg := s.schema(); pg {
		err = db.NewRaw("SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
			schema, table).Scan(ctx, &cols)
	} else {
		err = db.NewRaw("SELECT name FROM pragma_table_info(?, ?) ORDER BY cid", table, schema).Scan(ctx, &cols)
	}
	return cols, err
}

// leading is the first indexed column or expression of a CREATE INDEX.
var leading = regexp.MustCompile(`(?is)\bON\s+\S+\s*(?:USING\s+\w+\s*)?\(\s*((?:lower\s*\(\s*"?\w+"?\s*\))|"?\w+"?)`)

// indexesOf lists what a table's indexes lead with: a column, or
// lower(column).
func (s *System) indexesOf(ctx context.Context, table string) ([]string, error) {
	db, err := s.use(ctx, nil)
	if err != nil {
		return nil, err
	}
	var defs []string
	if schema, pg := s.schema(); pg {
		err = db.NewRaw("SELECT indexdef FROM pg_indexes WHERE schemaname = ? AND tablename = ?", schema, table).Scan(ctx, &defs)
	} else {
		err = db.NewRaw(`SELECT sql FROM "`+schema+`".sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`, table).Scan(ctx, &defs)
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, d := range defs {
		if m := leading.FindStringSubmatch(d); m != nil {
			lead := strings.ToLower(strings.NewReplacer(`"`, "", " ", "").Replace(m[1]))
			out = append(out, lead)
		}
	}
	return out, nil
}

// Effect is what each right does to one field, as the engine carries it
// out from the dataset and its record of processing.
type Effect struct {
	System, Table, Field                                                         string
	Access, Portability, Erasure, Rectification, Restriction, Objection, Consent string
}

// Effects lists, field by field, what each right would do: the table a
// controller reads before going live.
func (r *Register) Effects() []Effect {
	var out []Effect
	for _, d := range r.set {
		if d.Model == dataset.ModelEngine {
			continue
		}
		for _, t := range d.Tables {
			rec := d.RecordFor(t.Name)
			for _, f := range t.Fields {
				e := Effect{System: d.System, Table: t.Name, Field: f.Name}
				e.Access = "shown"
				if f.Format == dataset.FormatHidden {
					e.Access = "hidden"
				}
				if rec == nil {
					e.Access, e.Portability, e.Erasure, e.Rectification, e.Restriction, e.Objection, e.Consent = "-", "-", "-", "-", "-", "-", "-"
					out = append(out, e)
					continue
				}
				e.Portability = "-"
				if rec.Portable && f.Format != dataset.FormatHidden {
					e.Portability = "in the file"
				}
				switch {
				case d.Model == dataset.ModelMarketing:
					e.Erasure = "row deleted; suppressed"
				case rec.Retention.Rule == RuleBookkeeping:
					e.Erasure = "kept to the end of year 7, restricted"
				case t.Person && f.Anonymise == dataset.AnonymiseClear:
					e.Erasure = "row deleted, or cleared if kept rows need it"
				case t.Person:
					e.Erasure = "row deleted, or kept if kept rows need it"
				default:
					e.Erasure = "row deleted"
				}
				e.Rectification = "-"
				if f.Rectify {
					e.Rectification = "corrected"
				}
				switch {
				case d.Model == dataset.ModelMarketing && t.Markers.Restricted != "":
					e.Restriction = "row marked restricted"
				case t.Person && t.Markers.Restricted != "":
					e.Restriction = "person marked restricted"
				case t.Person:
					e.Restriction = "NOT POSSIBLE: no marker"
				default:
					e.Restriction = "with the person"
				}
				legit := Record{Basis: rec.Basis}.LegitimateInterest()
				consent := Record{Basis: rec.Basis}.Consent()
				e.Objection, e.Consent = "-", "-"
				switch {
				case d.Model == dataset.ModelMarketing:
					e.Objection, e.Consent = "marketing stopped", "consent turned off"
				case legit && !t.Person:
					e.Objection = "row deleted"
				}
				if consent && !t.Person && d.Model != dataset.ModelMarketing {
					e.Consent = "row deleted"
				}
				out = append(out, e)
			}
		}
	}
	return out
}
