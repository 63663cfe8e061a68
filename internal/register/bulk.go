package register

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/uptrace/bun"
)

// bulk gathers rows for the systems' tables, giving each its id here, and
// writes them table by table in multi-row INSERTs: a row at a time costs a
// round trip each, and seeding 100,000 customers took minutes.
type bulk struct {
	r  *Register
	tx bun.Tx
	// next is the id the next row of a table gets: past the highest at
	// the start, under a lock on the table in PostgreSQL.
	next   map[string]int64
	order  []string // tables in the order first written: parents first
	tables map[string]*bulkTable
}

type bulkTable struct {
	cols []string
	rows [][]any
}

// seedTables are the tables a seed writes, each after those it refers to.
var seedTables = [][2]string{
	{"webshop", "customers"}, {"webshop", "orders"}, {"webshop", "order_lines"}, {"webshop", "invoices"}, {"webshop", "analyses"},
	{"butik", "customers"}, {"butik", "purchases"},
	{"behandling", "clients"}, {"behandling", "treatments"}, {"behandling", "recipes"},
	{"behandling", "conversation_notes"}, {"behandling", "recommendations"}, {"behandling", "interests"},
	{"marketing", "consents"},
	{"behandling", "purchases"}, {"webshop", "cookie_choices"},
	{"kundservice", "contacts"}, {"kundservice", "conversations"}, {"kundservice", "notes"},
}

func (r *Register) newBulk(ctx context.Context, tx bun.Tx) (*bulk, error) {
	b := &bulk{r: r, tx: tx, next: map[string]int64{}, tables: map[string]*bulkTable{}}
	for _, st := range seedTables {
		t := r.table(st[0], st[1])
		if r.postgres {
			// Writers that take ids from the sequence wait until the
			// sequence is moved past these (flush).
			if _, err := tx.ExecContext(ctx, "LOCK TABLE "+t+" IN SHARE ROW EXCLUSIVE MODE"); err != nil {
				return nil, err
			}
		}
		var max int64
		if err := tx.NewRaw("SELECT COALESCE(MAX(id), 0) FROM "+t).Scan(ctx, &max); err != nil {
			return nil, err
		}
		b.next[t] = max + 1
		b.order = append(b.order, t)
	}
	return b, nil
}

// add adds a row to a system's table and returns its id.
func (b *bulk) add(system, table string, values map[string]any) int64 {
	t := b.r.table(system, table)
	bt := b.tables[t]
	if bt == nil {
		bt = &bulkTable{cols: []string{"id"}}
		for k := range values {
			bt.cols = append(bt.cols, k)
		}
		sort.Strings(bt.cols[1:])
		b.tables[t] = bt
	}
	id := b.next[t]
	b.next[t]++
	row := make([]any, len(bt.cols))
	row[0] = id
	for i, c := range bt.cols[1:] {
		v, ok := values[c]
		if !ok || len(values) != len(bt.cols)-1 {
			panic(fmt.Sprintf("seed: rows of %s have differing columns", t))
		}
		row[i+1] = v
	}
	bt.rows = append(bt.rows, row)
	return id
}

// maxParams keeps a statement within SQLite's 32,766 bound variables (and
// PostgreSQL's 65,535).
const maxParams = 30000

// flush writes the rows gathered, parents before the rows that refer to
// them, and moves each identity sequence past the ids given.
func (b *bulk) flush(ctx context.Context) error {
	for _, t := range b.order {
		bt := b.tables[t]
		if bt == nil || len(bt.rows) == 0 {
			continue
		}
		per := maxParams / len(bt.cols)
		marks := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(bt.cols)), ", ") + ")"
		head := "INSERT INTO " + t + " (" + strings.Join(bt.cols, ", ") + ")"
		if b.r.postgres {
			head += " OVERRIDING SYSTEM VALUE"
		}
		for lo := 0; lo < len(bt.rows); lo += per {
			hi := min(lo+per, len(bt.rows))
			var q strings.Builder
			q.WriteString(head + " VALUES ")
			args := make([]any, 0, (hi-lo)*len(bt.cols))
			for i, row := range bt.rows[lo:hi] {
				if i > 0 {
					q.WriteString(", ")
				}
				q.WriteString(marks)
				args = append(args, row...)
			}
			if _, err := b.tx.ExecContext(ctx, q.String(), args...); err != nil {
				return fmt.Errorf("write %s: %w", t, err)
			}
		}
		if b.r.postgres {
			if _, err := b.tx.ExecContext(ctx, "SELECT setval(pg_get_serial_sequence(?, 'id'), ?)", t, b.next[t]-1); err != nil {
				return fmt.Errorf("move the ids of %s on: %w", t, err)
			}
		}
		bt.rows = nil
	}
	return nil
}
