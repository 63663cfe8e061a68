package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/devstack"
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

// TestMain lets the test binary act as a worker process that the kill test
// starts and kills, and as the dsr command the compose-path test runs.
func TestMain(m *testing.M) {
	switch os.Getenv("DSR_TEST_HELPER") {
	case "dying-worker":
		os.Exit(dyingWorker())
	case "mail-dying-worker":
		os.Exit(mailDyingWorker())
	case "dying-dataset-worker":
		os.Exit(dyingDatasetWorker())
	case "dsr":
		// The test binary as the dsr command, for the compose-path test.
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// stallingSystem lets the system it wraps begin its erasure and then stalls
// inside the transaction, after telling the test, which kills the process.
type stallingSystem struct {
	activities.System
	marker string
}

func (s stallingSystem) Erase(ctx context.Context, db bun.IDB, subj register.Subject, records []register.Record, scope register.Scope, today time.Time, caseNumber string) (register.Erasure, error) {
	e, err := s.System.Erase(ctx, db, subj, records, scope, today, caseNumber)
	if err != nil {
		return e, err
	}
	os.WriteFile(s.marker, []byte("erasing"), 0o644)
	select {} // the test kills the process here, mid-transaction
}

func dyingWorker() int {
	return helperWorker(func(a *activities.Activities) {
		reg := a.Store.Register()
		a.Systems = []activities.System{reg.Systems()[0], stallingSystem{System: reg.Systems()[1], marker: os.Getenv("DSR_TEST_MARKER")}, reg.Systems()[2], reg.Marketing()}
	})
}

// helperWorker runs, as a process the test can kill, a worker on the
// database and Temporal server the test names, with the activities as
// adjust leaves them.
func helperWorker(adjust func(*activities.Activities)) int {
	st, err := store.Open(context.Background(), os.Getenv("DATABASE_URL"), "")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	c, err := client.Dial(client.Options{HostPort: os.Getenv("TEMPORAL_ADDRESS"), Logger: nil})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	a := &activities.Activities{Store: st, Trail: audit.New(st), Sender: letter.DefaultSender, OutboxDir: os.TempDir(), Mail: helperMailer()}
	adjust(a)
	if err := worker.New(c, a).Run(nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// TestAWorkerKilledMidFulfilmentLeavesOneErasure kills the worker process
// with SIGKILL while it is erasing in the second system, inside the
// transaction; another worker takes over. The systems end erased once, with
// one record per system and one notice per recipient.
func TestAWorkerKilledMidFulfilmentLeavesOneErasure(t *testing.T) {
	tmp := startTemporal(t)
	dbURL := storetest.PostgresURL(t)
	st, err := store.Open(context.Background(), dbURL, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	reg := st.Register()
	subject := register.DemoCustomers[0]
	if err := reg.SeedPeople(ctx, []register.Customer{subject}, 3, time.Now()); err != nil {
		t.Fatal(err)
	}
	// Make sure the person is in every system, so the crash falls mid-way.
	for _, q := range []string{
		"INSERT INTO webshop.customers (personnummer, name, email, created_at) VALUES (?, 'Anna Svensson', ?, now())",
		"INSERT INTO butik.customers (personnummer, name, email, created_at) VALUES (?, 'Anna Svensson', ?, now())",
		"INSERT INTO behandling.clients (personnummer, name, email, created_at) VALUES (?, 'Anna Svensson', ?, now())",
	} {
		if _, err := storetest.SQL(t, st).ExecContext(ctx, q, subject.Personnummer, subject.Email); err != nil {
			t.Fatal(err)
		}
	}
	number := killMidErasure(t, tmp, st, dbURL, &store.Case{Channel: "email", ReceivedAt: time.Now(), Rights: "erasure", Language: "sv", RequesterName: subject.Name,
		RequesterEmail: subject.Email, Personnummer: subject.Personnummer}, "dying-worker", "the worker to reach the second system")

	count := func(q string, args ...any) int {
		var n int
		if err := storetest.SQL(t, st).NewRaw(q, args...).Scan(ctx, &n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	for _, table := range []string{"webshop.customers", "butik.customers", "behandling.clients", "kundservice.contacts"} {
		if n := count("SELECT count(*) FROM "+table+" WHERE personnummer = ? AND email <> ''", subject.Personnummer); n != 0 {
			t.Errorf("%s still holds %d contact records of the person", table, n)
		}
	}
	if n := count("SELECT count(*) FROM fulfilment_actions WHERE case_number = ?", number); n != 5 {
		t.Errorf("%d fulfilment records, want one per system (5)", n)
	}
	var notices []string
	if err := storetest.SQL(t, st).NewRaw("SELECT recipient FROM recipient_notices WHERE case_number = ? ORDER BY recipient", number).Scan(ctx, &notices); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, n := range notices {
		if seen[n] {
			t.Errorf("recipient %s notified twice", n)
		}
		seen[n] = true
	}
	events, _ := audit.New(st).Events(ctx, number)
	done := 0
	for _, e := range events {
		if e.Action == "fulfilment.done" {
			done++
			if !strings.Contains(e.Details, "butik") {
				t.Errorf("fulfilment.done does not cover the system the crash interrupted: %s", e.Details)
			}
		}
	}
	if done != 1 {
		t.Errorf("%d fulfilment.done events, want 1", done)
	}
}

// killMidErasure runs an erasure case on a helper worker process (the
// DSR_TEST_HELPER named helper, with env added), waits until the helper
// writes the marker it is given, kills it with SIGKILL, and lets a worker of
// this process take over the case, which it must complete. It returns the
// case's number.
func killMidErasure(t *testing.T, tmp *devstack.Temporal, st *store.Store, dbURL string, c *store.Case, helperName, waitingFor string, env ...string) string {
	t.Helper()
	ctx := context.Background()
	received := c.ReceivedAt
	rec, err := st.RecordIntake(ctx, &store.InboundMessage{DedupeKey: "mid:" + helperName, Channel: "email", SHA256: "x", ReceivedAt: received, Raw: []byte("x")}, c, nil)
	if err != nil {
		t.Fatal(err)
	}
	marker := filepath.Join(t.TempDir(), "marker")
	relay := mailtest.Start(t)
	helper := exec.Command(os.Args[0], "-test.run=^$")
	helper.Env = append(append(os.Environ(), "DSR_TEST_HELPER="+helperName, "DATABASE_URL="+dbURL, "TEMPORAL_ADDRESS="+tmp.FrontendAddr,
		"DSR_TEST_MARKER="+marker, "DSR_TEST_SMTP="+relay.Addr), env...)
	helper.Stderr = os.Stderr
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	defer helper.Process.Kill()
	cl, err := client.Dial(client.Options{HostPort: tmp.FrontendAddr})
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	run, err := cl.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: rec.CaseNumber, TaskQueue: workflows.TaskQueue}, workflows.CaseWorkflow,
		workflows.CaseInput{CaseNumber: rec.CaseNumber, Channel: "email", ReceivedAt: received, Rights: []rights.Right{rights.Erasure}, Policy: deadline.DefaultPolicy})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []step{
		{workflows.SignalIdentity, `{"actor":"anna.k","result":"verified","method":"bankid"}`},
		{workflows.SignalDecision, `{"actor":"anna.k","outcome":"approved"}`},
	} {
		if err := cl.SignalWorkflow(ctx, rec.CaseNumber, "", s.name, rawJSON(s.payload)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, 60*time.Second, waitingFor, func() bool { _, err := os.Stat(marker); return err == nil })
	if err := helper.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	helper.Wait()

	acts := &activities.Activities{Store: st, Trail: audit.New(st), Sender: letter.DefaultSender, OutboxDir: t.TempDir(), Mail: relayMailer(relay.Addr)}
	w := worker.New(cl, acts)
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
	return rec.CaseNumber
}
