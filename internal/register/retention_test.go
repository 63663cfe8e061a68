package register_test

import (
	"context"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

// TestTheRetentionPurgeErasesWhatTheRecordOfProcessingNoLongerAllows: on
// 2026-12-06, an analysis of 2024-12-05 is past 24 months and one of
// 2024-12-07 is not; an order of 2018 with its lines and invoice is past
// bookkeeping's seventh year, one of 2019 is not, and an order of 2018 whose
// invoice is of 2019 stays with its lines. Customers are not touched.
func TestTheRetentionPurgeErasesWhatTheRecordOfProcessingNoLongerAllows(t *testing.T) {
	storetest.Both(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		insert := func(q string, args ...any) int64 {
			t.Helper()
			var id int64
			if err := storetest.SQL(t, st).QueryRowContext(ctx, q+" RETURNING id", args...).Scan(&id); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			return id
		}
		cust := insert("INSERT INTO webshop.customers (personnummer, name, email, created_at) VALUES ('205001012389', 'Rik Kund', 'rik@example.se', ?)", noon("2015-03-01"))
		insert("INSERT INTO webshop.analyses (customer_id, kind, result, created_at) VALUES (?, 'hud', 'torr', ?)", cust, noon("2024-12-05"))
		keptAnalysis := insert("INSERT INTO webshop.analyses (customer_id, kind, result, created_at) VALUES (?, 'hud', 'fet', ?)", cust, noon("2024-12-07"))
		order := func(placed, issued string) int64 {
			o := insert("INSERT INTO webshop.orders (customer_id, placed_at, total_sek) VALUES (?, ?, 100)", cust, noon(placed))
			insert("INSERT INTO webshop.order_lines (order_id, product, quantity, price_sek) VALUES (?, 'Schampo', 1, 100)", o)
			insert("INSERT INTO webshop.invoices (order_id, invoice_number, issued_at, amount_sek) VALUES (?, 'F1', ?, 100)", o, noon(issued))
			return o
		}
		old := order("2018-06-01", "2018-06-01")
		recent := order("2019-01-02", "2019-01-02")
		straddling := order("2018-12-30", "2019-01-03")

		reg := st.Register()
		records, err := reg.Records(ctx)
		if err != nil {
			t.Fatal(err)
		}
		today := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
		got, err := reg.PurgeExpired(ctx, nil, records, today, nil)
		if err != nil {
			t.Fatal(err)
		}
		figures := map[string]int64{}
		for _, e := range got {
			figures[e.Table] = e.Rows
		}
		want := map[string]int64{"analyses": 1, "invoices": 1, "order_lines": 1, "orders": 1}
		for table, n := range want {
			if figures[table] != n {
				t.Errorf("%s: %d rows erased, want %d (all: %+v)", table, figures[table], n, got)
			}
		}
		count := func(q string, args ...any) int {
			var n int
			if err := storetest.SQL(t, st).QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := count("SELECT count(*) FROM webshop.orders WHERE id IN (?, ?)", recent, straddling); n != 2 {
			t.Errorf("%d of the 2019 order and the order with a 2019 invoice kept", n)
		}
		if n := count("SELECT count(*) FROM webshop.order_lines WHERE order_id = ?", straddling); n != 1 {
			t.Errorf("the lines of an order kept for its 2019 invoice were erased")
		}
		if n := count("SELECT count(*) FROM webshop.orders WHERE id = ?", old); n != 0 {
			t.Errorf("the 2018 order was kept")
		}
		if n := count("SELECT count(*) FROM webshop.analyses WHERE id = ?", keptAnalysis); n != 1 {
			t.Errorf("an analysis within 24 months was erased")
		}
		if n := count("SELECT count(*) FROM webshop.customers"); n != 1 {
			t.Errorf("%d customers, want the one", n)
		}
		// A second run finds nothing more.
		if again, err := reg.PurgeExpired(ctx, nil, records, today, nil); err != nil || len(again) != 0 {
			t.Errorf("a second purge: %+v, %v", again, err)
		}
	})
}

// The policy's rule for customer data, "erased or anonymised at the latest
// 24 months after the contract ended", runs from the date the system
// records the relationship ended, never from inactivity. On 2026-12-06: a
// customer whose relationship ended on 2024-12-05 is erased as an erasure
// would (the analysis goes, the 2025 order stays as an accounting record
// and the customer row stays for it, anonymised); one that ended on
// 2024-12-07, and one still a customer, stay as they are; one that ended in
// 2020 with nothing kept goes entirely.
func TestCustomersGo24MonthsAfterTheirRelationshipEnded(t *testing.T) {
	storetest.Both(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		db := storetest.SQL(t, st)
		insert := func(q string, args ...any) int64 {
			t.Helper()
			var id int64
			if err := db.QueryRowContext(ctx, q+" RETURNING id", args...).Scan(&id); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			return id
		}
		customer := func(pnr string, ended any) int64 {
			return insert("INSERT INTO webshop.customers (personnummer, name, email, created_at, ended_at) VALUES (?, 'Kund', ?, ?, ?)",
				pnr, pnr+"@example.se", noon("2015-03-01"), ended)
		}
		gone := customer("205001012389", noon("2024-12-05"))
		insert("INSERT INTO webshop.analyses (customer_id, kind, result, created_at) VALUES (?, 'hud', 'torr', ?)", gone, noon("2026-01-05"))
		order := insert("INSERT INTO webshop.orders (customer_id, placed_at, total_sek) VALUES (?, ?, 100)", gone, noon("2025-06-01"))
		insert("INSERT INTO webshop.order_lines (order_id, product, quantity, price_sek) VALUES (?, 'Schampo', 1, 100)", order)
		notYet := customer("205001022388", noon("2024-12-07"))
		still := customer("205001032387", nil)
		old := customer("205001042386", noon("2020-01-01"))

		reg := st.Register()
		records, err := reg.Records(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got, err := reg.PurgeExpired(ctx, nil, records, time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC), nil)
		if err != nil {
			t.Fatal(err)
		}
		figures := map[string]int64{}
		for _, e := range got {
			if e.Rule == "while_customer" {
				figures[e.System+"/"+e.Category] = e.Rows
			}
		}
		want := map[string]int64{"webshop/Hud-, hår- och makeupanalyser": 1, "webshop/Kunduppgifter": 1, "webshop/Kunduppgifter (anonymised, kept for accounting records)": 1}
		if len(figures) != len(want) {
			t.Errorf("figures %v, want %v", figures, want)
		}
		for k, n := range want {
			if figures[k] != n {
				t.Errorf("figures %v, want %v", figures, want)
				break
			}
		}
		count := func(q string, args ...any) int {
			t.Helper()
			var n int
			if err := db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			return n
		}
		if n := count("SELECT count(*) FROM webshop.customers WHERE id = ? AND personnummer = '' AND email = '' AND anonymised_at IS NOT NULL", gone); n != 1 {
			t.Errorf("the customer kept for the order is not anonymised")
		}
		if n := count("SELECT count(*) FROM webshop.orders WHERE id = ?", order); n != 1 {
			t.Errorf("the 2025 order, an accounting record, was erased")
		}
		if n := count("SELECT count(*) FROM webshop.analyses WHERE customer_id = ?", gone); n != 0 {
			t.Errorf("the analysis of a customer who left 24 months ago is still there")
		}
		for _, id := range []int64{notYet, still} {
			if n := count("SELECT count(*) FROM webshop.customers WHERE id = ? AND personnummer <> '' AND anonymised_at IS NULL", id); n != 1 {
				t.Errorf("customer %d was touched", id)
			}
		}
		if n := count("SELECT count(*) FROM webshop.customers WHERE id = ?", old); n != 0 {
			t.Errorf("the customer who left in 2020 with nothing kept is still there")
		}
		// Done again, nothing more goes.
		again, err := reg.PurgeExpired(ctx, nil, records, time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC), nil)
		if err != nil || len(again) != 0 {
			t.Errorf("a second purge: %v, %v", again, err)
		}
	})
}

// noon is noon of a YYYY-MM-DD day, UTC.
func noon(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d.Add(12 * time.Hour) }
