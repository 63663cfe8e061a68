package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/dataset"
	"github.com/harmoniq/dsr/internal/dataset/datasettest"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/outmail/mailtest"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/harmoniq/dsr/worker"
	"github.com/harmoniq/dsr/workflows"
	"github.com/uptrace/bun"
	"go.temporal.io/sdk/client"
)

// stallingOnce is stallingSystem for a system in a database of its own: it
// makes its change once through the system's own ledger, and stalls inside
// that database's transaction.
type stallingOnce struct{ stallingSystem }

func (s stallingOnce) Once(ctx context.Context, tx bun.IDB, key string, now time.Time, work func(ctx context.Context, db bun.IDB) (string, error)) (string, error) {
	return s.System.(*register.System).Once(ctx, tx, key, now, work)
}

// dyingExternalWorker is dyingWorker with the stores' system (butik) in a
// PostgreSQL database of its own, as DATASETS_DIR describes it.
func dyingExternalWorker() int {
	return helperWorker(func(a *activities.Activities) {
		set, err := dataset.Load(os.Getenv("DATASETS_DIR"))
		if err != nil {
			panic(err)
		}
		reg := a.Store.Register()
		if err := reg.UseDatasets(set); err != nil {
			panic(err)
		}
		var systems []activities.System
		for _, s := range reg.Systems() {
			if s.SystemName() == "butik" {
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
	if err := st.Register().UseDatasets(set); err != nil {
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
	received := time.Now()
	rec, err := st.RecordIntake(ctx, &store.InboundMessage{DedupeKey: "mid:kill-ext", Channel: "email", SHA256: "x", ReceivedAt: received, Raw: []byte("x")},
		&store.Case{Channel: "email", ReceivedAt: received, Rights: "erasure", Language: "sv", RequesterName: subject.Name, RequesterEmail: subject.Email, Personnummer: subject.Personnummer}, nil)
	if err != nil {
		t.Fatal(err)
	}

	marker := filepath.Join(t.TempDir(), "marker")
	relay := mailtest.Start(t)
	helper := exec.Command(os.Args[0], "-test.run=^$")
	helper.Env = append(os.Environ(), "DSR_TEST_HELPER=dying-external-worker", "DATABASE_URL="+dbURL, "TEMPORAL_ADDRESS="+tmp.FrontendAddr,
		"DSR_TEST_MARKER="+marker, "DSR_TEST_SMTP="+relay.Addr, "DATASETS_DIR="+dir)
	helper.Stderr = os.Stderr
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	defer helper.Process.Kill()
	c, err := client.Dial(client.Options{HostPort: tmp.FrontendAddr})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: rec.CaseNumber, TaskQueue: workflows.TaskQueue}, workflows.CaseWorkflow,
		workflows.CaseInput{CaseNumber: rec.CaseNumber, Channel: "email", ReceivedAt: received, Rights: []rights.Right{rights.Erasure}, Policy: deadline.DefaultPolicy})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []step{
		{workflows.SignalIdentity, `{"actor":"anna.k","result":"verified","method":"bankid"}`},
		{workflows.SignalDecision, `{"actor":"anna.k","outcome":"approved"}`},
	} {
		if err := c.SignalWorkflow(ctx, rec.CaseNumber, "", s.name, rawJSON(s.payload)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, 60*time.Second, "the worker to be inside the stores' own transaction", func() bool { _, err := os.Stat(marker); return err == nil })
	if err := helper.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	helper.Wait()

	acts := &activities.Activities{Store: st, Trail: audit.New(st), Sender: letter.DefaultSender, OutboxDir: t.TempDir(), Mail: relayMailer(relay.Addr)}
	w := worker.New(c, acts)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	wctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	var res workflows.CaseResult
	if err := run.Get(wctx, &res); err != nil || res.Outcome != workflows.OutcomeCompleted {
		t.Fatalf("case after the crash: %+v, %v", res, err)
	}
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
	if n := count(ext, "SELECT count(*) FROM butik.dsr_fulfilment WHERE key = ?", rec.CaseNumber+"/erasure/butik"); n != 1 {
		t.Errorf("the stores' ledger holds %d rows of the erasure, want 1", n)
	}
	if n := count(st, "SELECT count(*) FROM fulfilment_actions WHERE case_number = ? AND system = 'butik'", rec.CaseNumber); n != 1 {
		t.Errorf("the engine's ledger holds %d records of the stores' erasure, want 1", n)
	}
	// The record is of the erasure that committed: the killed attempt's
	// change was rolled back with its transaction, so the takeover erased
	// the row, and says so (a change that had escaped the transaction
	// would leave the takeover nothing to erase, and the letter a zero).
	if n := count(st, "SELECT count(*) FROM fulfilment_actions WHERE case_number = ? AND system = 'butik' AND result LIKE '%1 rows erased%'", rec.CaseNumber); n != 1 {
		t.Errorf("the engine's record of the stores' erasure is not of one row erased")
	}
}
