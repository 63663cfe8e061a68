package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/dataset"
	"github.com/harmoniq/dsr/internal/dataset/datasettest"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/uptrace/bun"
)

// stallingOnce is stallingSystem for a system in a database of its own: it
// makes its change once through the system's own ledger, and stalls inside
// that database's transaction.
type stallingOnce struct{ stallingSystem }

func (s stallingOnce) Once(ctx context.Context, tx bun.IDB, key string, now time.Time, work func(ctx context.Context, db bun.IDB) (string, error)) (string, error) {
	return s.System.(*register.System).Once(ctx, tx, key, now, work)
}

func (s stallingOnce) SystemDecides() bool { return s.System.(*register.System).SystemDecides() }

// dyingDatasetWorker is dyingWorker on the systems DATASETS_DIR describes,
// stalling in the one DSR_TEST_STALL_SYSTEM names (a system in a database
// of its own, or behind an HTTP API).
func dyingDatasetWorker() int {
	return helperWorker(func(a *activities.Activities) {
		set, err := dataset.Load(os.Getenv("DATASETS_DIR"))
		if err != nil {
			panic(err)
		}
		reg := a.Store.Register()
		if err := reg.UseDatasets(context.Background(), set); err != nil {
			panic(err)
		}
		var systems []activities.System
		for _, s := range reg.Systems() {
			if s.SystemName() == os.Getenv("DSR_TEST_STALL_SYSTEM") {
				systems = append(systems, stallingOnce{stallingSystem{System: s, marker: os.Getenv("DSR_TEST_MARKER")}})
				continue
			}
			systems = append(systems, s)
		}
		a.Systems = append(systems, reg.Marketing())
	})
}

// TestAWorkerKilledMidErasureInASystemOfItsOwn kills the worker with
// SIGKILL inside the transaction of a system reached through the
// PostgreSQL connector, its ledger row not yet written; another worker
// takes over. The system ends erased once, with one row in its ledger and
// one record per system in the engine's.
func TestAWorkerKilledMidErasureInASystemOfItsOwn(t *testing.T) {
	tmp := startTemporal(t)
	ctx := context.Background()
	dbURL, extURL := storetest.PostgresURL(t), storetest.PostgresURL(t)
	st, err := store.Open(ctx, dbURL, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	ext, err := store.Open(ctx, extURL, "") // the stores' own database, Harmoniq's tables in it
	if err != nil {
		t.Fatal(err)
	}
	defer ext.Close()
	if err := ext.Register().CreateDemoSystems(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := storetest.SQL(t, ext).ExecContext(ctx, register.LedgerDDL("butik")); err != nil {
		t.Fatal(err)
	}
	dir := datasettest.Dir(t, datasettest.Edit{File: "02-butik.yaml", From: "connection:\n  kind: engine\n",
		To: "connection:\n  kind: postgres\n  url_env: DSR_TEST_BUTIK_URL\n  schema: butik\n"})
	t.Setenv("DSR_TEST_BUTIK_URL", extURL)
	set, err := dataset.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Register().UseDatasets(context.Background(), set); err != nil {
		t.Fatal(err)
	}
	if err := st.Register().CreateDemoSystems(ctx); err != nil {
		t.Fatal(err)
	}
	subject := register.DemoCustomers[0]
	for _, q := range []struct {
		st  *store.Store
		sql string
	}{
		{st, "INSERT INTO webshop.customers (personnummer, name, email, created_at) VALUES (?, 'Anna Svensson', ?, now())"},
		{ext, "INSERT INTO butik.customers (personnummer, name, email, created_at) VALUES (?, 'Anna Svensson', ?, now())"},
		{st, "INSERT INTO behandling.clients (personnummer, name, email, created_at) VALUES (?, 'Anna Svensson', ?, now())"},
	} {
		if _, err := storetest.SQL(t, q.st).ExecContext(ctx, q.sql, subject.Personnummer, subject.Email); err != nil {
			t.Fatal(err)
		}
	}
	number := killMidErasure(t, tmp, st, dbURL, &store.Case{Channel: "email", ReceivedAt: time.Now(), Rights: "erasure", Language: "sv", RequesterName: subject.Name,
		RequesterEmail: subject.Email, Personnummer: subject.Personnummer}, "dying-dataset-worker", "the worker to be inside the stores' own transaction", "DATASETS_DIR="+dir, "DSR_TEST_STALL_SYSTEM=butik")
	count := func(s *store.Store, q string, args ...any) int {
		t.Helper()
		var n int
		if err := storetest.SQL(t, s).NewRaw(q, args...).Scan(ctx, &n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	if n := count(ext, "SELECT count(*) FROM butik.customers WHERE personnummer = ? OR email = ?", subject.Personnummer, subject.Email); n != 0 {
		t.Errorf("the stores' own database still holds %d rows of the person", n)
	}
	if n := count(ext, "SELECT count(*) FROM butik.dsr_fulfilment WHERE key = ?", number+"/erasure/butik"); n != 1 {
		t.Errorf("the stores' ledger holds %d rows of the erasure, want 1", n)
	}
	if n := count(st, "SELECT count(*) FROM fulfilment_actions WHERE case_number = ? AND system = 'butik'", number); n != 1 {
		t.Errorf("the engine's ledger holds %d records of the stores' erasure, want 1", n)
	}
	// The record is of the erasure that committed: the killed attempt's
	// change was rolled back with its transaction, so the takeover erased
	// the row, and says so (a change that had escaped the transaction
	// would leave the takeover nothing to erase, and the letter a zero).
	if n := count(st, "SELECT count(*) FROM fulfilment_actions WHERE case_number = ? AND system = 'butik' AND result LIKE '%1 rows erased%'", number); n != 1 {
		t.Errorf("the engine's record of the stores' erasure is not of one row erased")
	}
}

// salongAPI is a system behind an HTTP API as the contract says, for the
// kill test: it carries out an erasure once per idempotency key and
// answers a repeat with its first answer.
type salongAPI struct {
	sync.Mutex
	answers  map[string][]byte
	erasures int
	calls    int
}

func (s *salongAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.Lock()
	defer s.Unlock()
	if r.URL.Path != "/dsr/erase" {
		w.Write([]byte(`{"holds":false}`))
		return
	}
	s.calls++
	key := r.Header.Get("Idempotency-Key")
	if a, ok := s.answers[key]; ok {
		w.Write(a)
		return
	}
	s.erasures++
	a := []byte(`{"erased":{"guests":1,"visits":2},"kept":[],"anonymised":false}`)
	s.answers[key] = a
	w.Write(a)
}

const killSalong = `system: salong
title: {sv: Salongsbokningen, en: The salon booking}
model: customer
connection: {kind: http, url_env: DSR_TEST_SALONG_URL, secret_env: DSR_TEST_SALONG_KEY}
tables:
  - name: guests
    person: true
    fields:
      - {name: id, format: hidden}
      - {name: personnummer, label: {sv: Personnummer}, identifies: personnummer}
  - name: visits
    parent: guests
    link: guest_id
    fields:
      - {name: id, format: hidden}
      - {name: guest_id, format: hidden}
records:
  - category: {sv: Gästuppgifter}
    tables: [guests, visits]
    purposes: {sv: Bokning}
    basis: [contract]
    legal_basis: {sv: Avtal}
    retention: {rule: while_customer, sv: Så länge du är kund}
    source: {sv: Du själv}
`

// TestAWorkerKilledAfterAnHTTPSystemAnsweredErasesOnce kills the worker by
// SIGKILL after a system behind an HTTP API carried out the erasure and
// answered, before the engine recorded it; the takeover sends the same
// idempotency key, gets the same answer, and records it: one erasure.
func TestAWorkerKilledAfterAnHTTPSystemAnsweredErasesOnce(t *testing.T) {
	tmp := startTemporal(t)
	ctx := context.Background()
	dbURL := storetest.PostgresURL(t)
	st, err := store.Open(ctx, dbURL, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := st.Register().CreateDemoSystems(ctx); err != nil {
		t.Fatal(err)
	}
	api := &salongAPI{answers: map[string][]byte{}}
	srv := httptest.NewServer(api)
	defer srv.Close()
	t.Setenv("DSR_TEST_SALONG_URL", srv.URL)
	t.Setenv("DSR_TEST_SALONG_KEY", "delad-hemlighet")
	dir := datasettest.Dir(t)
	if err := os.WriteFile(filepath.Join(dir, "07-salong.yaml"), []byte(killSalong), 0o600); err != nil {
		t.Fatal(err)
	}
	set, err := dataset.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Register().UseDatasets(context.Background(), set); err != nil {
		t.Fatal(err)
	}
	subject := register.DemoCustomers[0]
	number := killMidErasure(t, tmp, st, dbURL, &store.Case{Channel: "email", ReceivedAt: time.Now(), Rights: "erasure", Language: "sv", RequesterName: subject.Name,
		RequesterEmail: subject.Email, Personnummer: subject.Personnummer, RequesterAddress: "Storgatan 1\n722 10 Västerås", AddressConfirmed: true},
		"dying-dataset-worker", "the salon to have answered the erasure", "DATASETS_DIR="+dir, "DSR_TEST_STALL_SYSTEM=salong")
	api.Lock()
	defer api.Unlock()
	if api.erasures != 1 || api.calls != 2 {
		t.Errorf("the salon carried out %d erasures in %d calls; want 1 in 2 (the repeat answered from its ledger)", api.erasures, api.calls)
	}
	var n int
	if err := storetest.SQL(t, st).NewRaw("SELECT count(*) FROM fulfilment_actions WHERE case_number = ? AND system = 'salong' AND result LIKE '%3 rows erased%'", number).Scan(ctx, &n); err != nil || n != 1 {
		t.Errorf("the engine's record of the salon's erasure: %d rows of 3 erased (%v), want 1", n, err)
	}
}
