package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

func inbound(key string) (*store.InboundMessage, *store.Case) {
	at := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	return &store.InboundMessage{DedupeKey: key, Channel: "email", Mailbox: "INBOX", SHA256: "abc", ReceivedAt: at, Raw: []byte("raw")},
		&store.Case{Channel: "email", ReceivedAt: at, Rights: "erasure", Language: "sv"}
}

func TestTheSameMessageTwiceIsOneCase(t *testing.T) {
	storetest.Both(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		m1, c1 := inbound("mid:<a@example.se>")
		first, err := s.RecordIntake(ctx, m1, c1, nil)
		if err != nil {
			t.Fatal(err)
		}
		m2, c2 := inbound("mid:<a@example.se>")
		second, err := s.RecordIntake(ctx, m2, c2, nil)
		if err != nil {
			t.Fatal(err)
		}
		if first.CaseNumber != second.CaseNumber || first.CaseNumber != "DSR-2026-000001" {
			t.Errorf("case numbers %s and %s, want DSR-2026-000001 twice", first.CaseNumber, second.CaseNumber)
		}
		if n, _ := s.CaseCount(ctx); n != 1 {
			t.Errorf("%d cases, want 1", n)
		}
	})
}

func TestConcurrentIntakeNumbersCasesWithoutGapsOrDuplicates(t *testing.T) {
	storetest.Both(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var wg sync.WaitGroup
		numbers := make([]string, 20)
		errs := make([]error, 20)
		for i := range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// Two deliveries of each of ten messages, all at once.
				m, c := inbound("mid:<" + string(rune('a'+i/2)) + "@example.se>")
				got, err := s.RecordIntake(ctx, m, c, nil)
				errs[i] = err
				if err == nil {
					numbers[i] = got.CaseNumber
				}
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("intake %d: %v", i, err)
			}
		}
		for i := 0; i < 20; i += 2 {
			if numbers[i] != numbers[i+1] {
				t.Errorf("one message became two cases: %s and %s", numbers[i], numbers[i+1])
			}
		}
		if n, _ := s.CaseCount(ctx); n != 10 {
			t.Errorf("%d cases, want 10", n)
		}
	})
}

func TestMigrateIsIdempotentAndCheckSchemaAgrees(t *testing.T) {
	storetest.Both(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		applied, err := s.Migrate(ctx)
		if err != nil || len(applied) != 0 {
			t.Fatalf("second migrate applied %v, err %v; want nothing", applied, err)
		}
		if err := s.CheckSchema(ctx); err != nil {
			t.Errorf("CheckSchema on a migrated database: %v", err)
		}
	})
}

func TestCheckSchemaTellsWhatToRun(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, storetest.PostgresURL(t), "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.CheckSchema(ctx)
	if !errors.Is(err, store.ErrSchema) || !contains(err.Error(), "dsr migrate") {
		t.Errorf("CheckSchema on an empty database = %v, want ErrSchema saying `dsr migrate`", err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := storetest.SQL(t, s).ExecContext(ctx, "INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')"); err != nil {
		t.Fatal(err)
	}
	err = s.CheckSchema(ctx)
	if !errors.Is(err, store.ErrSchema) || !contains(err.Error(), "newer") {
		t.Errorf("CheckSchema on a newer database = %v, want ErrSchema saying it is newer", err)
	}
}

func TestLettersAreStoredOncePerKind(t *testing.T) {
	storetest.Both(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		m, c := inbound("sha256:x")
		got, err := s.RecordIntake(ctx, m, c, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i, sum := range []string{"first", "second"} {
			l, err := s.SaveLetter(ctx, &store.Letter{CaseNumber: got.CaseNumber, Kind: "response", Filename: "f.pdf", SHA256: sum, PDF: []byte{byte(i)}})
			if err != nil {
				t.Fatal(err)
			}
			if l.SHA256 != "first" {
				t.Errorf("save %d returned letter %s, want the first one kept", i, l.SHA256)
			}
		}
	})
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// The engine's migrations create its own tables only: Harmoniq's demo
// systems are created beside them, when asked, and asking again changes
// nothing.
func TestTheEngineMigrationsHoldOnlyItsOwnTables(t *testing.T) {
	ctx := context.Background()
	for _, pg := range []bool{true, false} {
		s := migratedOnly(t, pg)
		systems := func() int {
			t.Helper()
			q := "SELECT count(*) FROM information_schema.tables WHERE table_schema IN ('webshop', 'butik', 'behandling', 'kundservice', 'marketing')"
			if !pg {
				// Files of their own beside dsr.db, attached by name;
				// each holds the engine's ledger of what it did there.
				var parts []string
				for _, sys := range []string{"webshop", "butik", "behandling", "kundservice", "marketing"} {
					parts = append(parts, "(SELECT count(*) FROM "+sys+".sqlite_master WHERE type = 'table' AND name <> 'dsr_fulfilment' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\')")
				}
				q = "SELECT " + strings.Join(parts, " + ")
			}
			var n int
			if err := storetest.SQL(t, s).QueryRowContext(ctx, q).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := systems(); n != 0 {
			t.Fatalf("postgres %v: the migrations created %d tables of the demo systems", pg, n)
		}
		for range 2 {
			if err := s.Register().CreateDemoSystems(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if n := systems(); n != 20 {
			t.Errorf("postgres %v: %d tables of the demo systems, want 20", pg, n)
		}
		if !pg {
			var mine int
			if err := storetest.SQL(t, s).QueryRowContext(ctx, "SELECT count(*) FROM main.sqlite_master WHERE type = 'table' AND name LIKE 'webshop%'").Scan(&mine); err != nil || mine != 0 {
				t.Errorf("dsr.db holds %d of the web shop's tables (%v): they belong in webshop.db", mine, err)
			}
			_, path := s.Location()
			for _, sys := range []string{"webshop", "butik", "behandling", "kundservice", "marketing"} {
				if _, err := os.Stat(filepath.Join(filepath.Dir(path), sys+".db")); err != nil {
					t.Errorf("%s.db is not beside dsr.db: %v", sys, err)
				}
			}
		}
	}
}

// A database whose demo systems an older engine's migrations made keeps
// them: creating the demo systems adds what they lack (the date a customer
// relationship ended) and the tables added since. On SQLite, where an older
// engine kept them as prefixed tables in dsr.db, their rows move into the
// systems' own files, children with their parents, and the old tables go.
func TestTheDemoSystemsAnOlderEngineMadeAreBroughtUpToDate(t *testing.T) {
	ctx := context.Background()
	for _, pg := range []bool{true, false} {
		customers, orders, old := "main.webshop_customers", "main.webshop_orders", []string{}
		if pg {
			customers, orders, old = "webshop.customers", "webshop.orders", []string{"CREATE SCHEMA webshop"}
		}
		s := migratedOnly(t, pg)
		db := storetest.SQL(t, s)
		old = append(old, "CREATE TABLE "+customers+" (id INTEGER PRIMARY KEY, personnummer TEXT NOT NULL DEFAULT '', name TEXT NOT NULL DEFAULT '', "+
			"street TEXT NOT NULL DEFAULT '', postal_code TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', "+
			"phone TEXT NOT NULL DEFAULT '', created_at TIMESTAMP NOT NULL, restricted_at TIMESTAMP, anonymised_at TIMESTAMP, erased_case TEXT NOT NULL DEFAULT '')",
			"CREATE TABLE "+orders+" (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES "+strings.TrimPrefix(customers, "main.")+" (id), placed_at TIMESTAMP NOT NULL, total_sek NUMERIC(12,2) NOT NULL)",
			"INSERT INTO "+customers+" (id, personnummer, created_at) VALUES (7, '205001012389', CURRENT_TIMESTAMP)",
			"INSERT INTO "+orders+" (id, customer_id, placed_at, total_sek) VALUES (3, 7, CURRENT_TIMESTAMP, 299)")
		for _, q := range old {
			if _, err := db.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		for range 2 { // a second time changes nothing
			if err := s.Register().CreateDemoSystems(ctx); err != nil {
				t.Fatalf("postgres %v: %v", pg, err)
			}
		}
		var n int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM webshop.customers c JOIN webshop.orders o ON o.customer_id = c.id "+
			"WHERE c.id = 7 AND o.id = 3 AND ended_at IS NULL AND personnummer = '205001012389'").Scan(&n); err != nil || n != 1 {
			t.Errorf("postgres %v: the older tables after the upgrade: %d rows, %v", pg, n, err)
		}
		if !pg {
			if err := db.QueryRowContext(ctx, "SELECT count(*) FROM main.sqlite_master WHERE name IN ('webshop_customers', 'webshop_orders')").Scan(&n); err != nil || n != 0 {
				t.Errorf("dsr.db still holds %d of the older tables (%v)", n, err)
			}
		}
	}
}

// migratedOnly is a store on a fresh database, PostgreSQL or SQLite, with
// the engine's migrations and nothing else: storetest also makes the demo
// systems.
func migratedOnly(t *testing.T, pg bool) *store.Store {
	t.Helper()
	url, path := "", filepath.Join(t.TempDir(), "dsr.db")
	if pg {
		url, path = storetest.PostgresURL(t), ""
	}
	s, err := store.Open(context.Background(), url, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}
