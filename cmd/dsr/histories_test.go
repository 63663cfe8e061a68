package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/codec"
	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/devstack"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/outmail"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/harmoniq/dsr/worker"
	"github.com/harmoniq/dsr/workflows"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/api/temporalproto"
	"go.temporal.io/sdk/client"
	sdkworker "go.temporal.io/sdk/worker"
)

var updateHistories = flag.Bool("update-histories", false, "write the recorded histories to workflows/testdata/histories")

type step struct {
	name    string
	payload string
}

// scenario is one path of a case: what it asks for and what staff send.
type scenario struct {
	name   string
	rights []rights.Right
	triage bool
	steps  []step
}

// The main paths of a case, recorded on the real server. Replaying them
// (here, and from workflows/testdata in the workflows package) catches a
// change to the workflow that would break cases already running.
var historyScenarios = []scenario{
	{"approved-erasure", []rights.Right{rights.Erasure}, false, []step{
		{workflows.SignalDecision, `{"actor":"anna.k","outcome":"approved"}`},
		{workflows.SignalIdentity, `{"actor":"anna.k","result":"perhaps","method":"bankid"}`},
		{"approve-everything", `{"actor":"mallory"}`},
		{workflows.SignalAssign, `{"actor":"anna.k","assignee":"erik.s"}`},
		{workflows.SignalIdentity, `{"actor":"anna.k","result":"verified","method":"id_document"}`},
		{workflows.SignalDecision, `{"actor":"erik.s","outcome":"approved"}`},
	}},
	{"pause-extend-partly", []rights.Right{rights.Access, rights.MarketingOptOut}, false, []step{
		{workflows.SignalIdentity, `{"actor":"anna.k","result":"complement_requested","requested":"En kopia av giltig ID-handling"}`},
		{workflows.SignalComplement, `{"actor":"anna.k"}`},
		{workflows.SignalIdentity, `{"actor":"anna.k","result":"verified","method":"id_document"}`},
		{workflows.SignalExtend, `{"actor":"anna.k","reason":"Uppgifterna finns i många system"}`},
		{workflows.SignalNote, `{"actor":"anna.k","text":"Ringde kunden"}`},
		{workflows.SignalDecision, `{"actor":"anna.k","right":"access","outcome":"refused","ground":"Manifestly unfounded, Art. 12(5)","justification":"Femte likadana begäran denna månad"}`},
		{workflows.SignalDecision, `{"actor":"anna.k","right":"marketing_optout","outcome":"partly_approved","ground":"SMS behålls"}`},
		{workflows.SignalDecision, `{"actor":"anna.k","right":"marketing_optout","outcome":"approved"}`},
	}},
	{"triage-unverified", nil, true, []step{
		{workflows.SignalClassify, `{"actor":"anna.k","rights":["objection"]}`},
		{workflows.SignalIdentity, `{"actor":"anna.k","result":"unverified","method":"other"}`},
	}},
	{"triage-not-a-request", nil, true, []step{
		{workflows.SignalClassify, `{"actor":"anna.k","not_a_request":true}`},
	}},
	{"withdrawn-in-assessment", []rights.Right{rights.Portability}, false, []step{
		{workflows.SignalIdentity, `{"actor":"anna.k","result":"verified","method":"bankid"}`},
		{workflows.SignalDecision, `{"actor":"anna.k","outcome":"clarification_requested","requested":"Vilket format?"}`},
		{workflows.SignalComplement, `{"actor":"anna.k"}`},
		{workflows.SignalWithdraw, `{"actor":"anna.k","reason":"Kunden ångrade sig"}`},
	}},
}

// startTemporal runs an in-process Temporal server, without UI, for the
// test; each option function may change the options first.
func startTemporal(t testing.TB, options ...func(*devstack.TemporalOptions)) *devstack.Temporal {
	t.Helper()
	opts := devstack.TemporalOptions{
		IP: "127.0.0.1", FrontendPort: freePorts(t, 1)[0], DatabaseFile: filepath.Join(t.TempDir(), "temporal.db"),
		Namespace: "default", SearchAttributes: workflows.SearchAttributes, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	for _, o := range options {
		o(&opts)
	}
	tmp, err := devstack.StartTemporal(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tmp.Stop)
	return tmp
}

func TestMainPathsRecordedOnTheServerReplay(t *testing.T) {
	tmp := startTemporal(t)
	c, err := client.Dial(client.Options{HostPort: tmp.FrontendAddr})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	st := storetest.SQLite(t)
	acts := &activities.Activities{Store: st, Trail: audit.New(st), Sender: letter.DefaultSender, OutboxDir: t.TempDir(), Temporal: c}
	withRelay(t, acts)
	w := worker.New(c, acts)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	defer w.Stop()

	outDir := t.TempDir()
	if *updateHistories {
		outDir = filepath.Join("..", "..", "workflows", "testdata", "histories")
	}
	for _, sc := range historyScenarios {
		t.Run(sc.name, func(t *testing.T) {
			path := filepath.Join(outDir, sc.name+".json")
			hist := playScenario(t, c, st, sc, store.Case{RequesterName: "Test Testsson", RequesterEmail: "test.testsson@example.se"})
			writeHistory(t, hist, path)
			replayer := sdkworker.NewWorkflowReplayer()
			replayer.RegisterWorkflow(workflows.CaseWorkflow)
			if err := replayer.ReplayWorkflowHistoryFromJSONFile(nil, path); err != nil {
				t.Errorf("the recorded history does not replay: %v", err)
			}
		})
	}
	assertDeliverable(t, st)
}

// assertDeliverable checks that every letter in st has an address its
// route can deliver to: an e-mail address the relay takes, or a postal
// address.
func assertDeliverable(t *testing.T, st *store.Store) {
	t.Helper()
	var letters []store.Letter
	if err := storetest.SQL(t, st).NewSelect().Model(&letters).ExcludeColumn("pdf").Scan(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(letters) == 0 {
		t.Fatal("no letters were sent")
	}
	for _, l := range letters {
		if ok := (l.Route == store.RouteEmail && outmail.Deliverable(l.SentTo)) || (l.Route == store.RoutePost && l.Deliverable()); !ok {
			t.Errorf("%s %s went by %q to %q, which its route cannot deliver to", l.CaseNumber, l.Kind, l.Route, l.SentTo)
		}
	}
}

// playScenario opens a case for the person (the requester fields of
// person), plays the scenario's steps on the server as staff would, one at a
// time, waits for the case to end and returns its history as stored.
func playScenario(t *testing.T, c client.Client, st *store.Store, sc scenario, person store.Case) *historypb.History {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	rec, run := openCase(t, c, st, sc, person)
	steps := sc.steps
	trail := audit.New(st)
	count := func() int {
		es, err := trail.Events(ctx, rec.CaseNumber)
		if err != nil {
			t.Fatal(err)
		}
		return len(es)
	}
	for i, s := range steps {
		before := count()
		if err := c.SignalWorkflow(ctx, rec.CaseNumber, "", s.name, rawJSON(s.payload)); err != nil {
			t.Fatalf("step %d (%s): %v", i, s.name, err)
		}
		// Let the workflow take each signal, and finish what it sets off
		// (letters, the clock), before the next, as staff would.
		waitFor(t, 20*time.Second, fmt.Sprintf("step %d (%s) to be recorded", i, s.name), func() bool { return count() > before })
		waitIdle(t, c, rec.CaseNumber)
	}
	var res workflows.CaseResult
	if err := run.Get(ctx, &res); err != nil {
		s, _ := queryStatus(context.Background(), c, rec.CaseNumber)
		t.Fatalf("case did not finish: %v; it is in %s, pending %v", err, s.Stage, s.Pending)
	}
	var hist historypb.History
	iter := c.GetWorkflowHistory(ctx, rec.CaseNumber, run.GetRunID(), false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for iter.HasNext() {
		e, err := iter.Next()
		if err != nil {
			t.Fatal(err)
		}
		hist.Events = append(hist.Events, e)
	}
	return &hist
}

// openCase records an e-mail case for the person (the requester fields of
// person) asking for the scenario's rights, received an hour ago, and
// starts its workflow.
func openCase(t *testing.T, c client.Client, st *store.Store, sc scenario, person store.Case) (*store.InboundMessage, client.WorkflowRun) {
	t.Helper()
	ctx := context.Background()
	received := time.Now().Add(-time.Hour)
	person.Channel, person.ReceivedAt, person.Rights, person.Uncertain, person.Language = "email", received, strings.Join(rights.Names(sc.rights), ","), sc.triage, "sv"
	rec, err := st.RecordIntake(ctx,
		&store.InboundMessage{DedupeKey: "mid:" + sc.name + "/" + person.RequesterEmail, Channel: "email", SHA256: "x", ReceivedAt: received, Raw: []byte("x")},
		&person, nil)
	if err != nil {
		t.Fatal(err)
	}
	run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: rec.CaseNumber, TaskQueue: workflows.TaskQueue}, workflows.CaseWorkflow,
		workflows.CaseInput{CaseNumber: rec.CaseNumber, Channel: "email", ReceivedAt: received, Rights: sc.rights, Uncertain: sc.triage, Policy: deadline.DefaultPolicy})
	if err != nil {
		t.Fatal(err)
	}
	return rec, run
}

// dialLikeTheWorker connects to addr as `dsr worker` does, through
// dialTemporal, with a fresh payload key and the settings in env, and
// returns the client and the key.
func dialLikeTheWorker(t *testing.T, addr string, env map[string]string, log *slog.Logger) (client.Client, string) {
	t.Helper()
	key, err := codec.NewKey("t1")
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]string{"TEMPORAL_ADDRESS": addr, "PAYLOAD_KEYS": key}
	maps.Copy(all, env)
	cfg, err := config.Load(mapEnv(all))
	if err != nil {
		t.Fatal(err)
	}
	c, err := dialTemporal(cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c, key
}

func writeHistory(t *testing.T, hist *historypb.History, path string) {
	t.Helper()
	b, err := temporalproto.CustomJSONMarshalOptions{Indent: "  "}.Marshal(hist)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// waitIdle waits until the case has nothing in progress: no workflow task
// or activity pending and its history unchanged between two looks.
func waitIdle(t *testing.T, c client.Client, id string) {
	t.Helper()
	last := int64(-1)
	waitFor(t, 20*time.Second, id+" to be idle", func() bool {
		d, err := c.DescribeWorkflowExecution(context.Background(), id, "")
		if err != nil {
			t.Fatal(err)
		}
		info := d.GetWorkflowExecutionInfo()
		if info.GetStatus() != enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
			return true
		}
		n := info.GetHistoryLength()
		idle := len(d.GetPendingActivities()) == 0 && d.GetPendingWorkflowTask() == nil && n == last
		last = n
		return idle
	})
}

// rawJSON sends a JSON text as the payload itself, as the Web UI does.
type rawJSON string

func (r rawJSON) MarshalJSON() ([]byte, error) { return []byte(r), nil }

// TestALongCaseContinuesAsNewOnTheServer runs a case whose history passes
// a low threshold on the real server: it continues as new, its next run
// takes the decision and answers, and both runs' histories replay. With
// -update-histories they are kept in workflows/testdata/histories.
func TestALongCaseContinuesAsNewOnTheServer(t *testing.T) {
	tmp := startTemporal(t)
	c, err := client.Dial(client.Options{HostPort: tmp.FrontendAddr})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	st := storetest.SQLite(t)
	acts := &activities.Activities{Store: st, Trail: audit.New(st), Sender: letter.DefaultSender, OutboxDir: t.TempDir(), Temporal: c}
	withRelay(t, acts)
	w := worker.New(c, acts)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	sc := scenario{name: "continued-as-new", rights: []rights.Right{rights.Access}}
	received := time.Now().Add(-time.Hour)
	rec, err := st.RecordIntake(ctx, &store.InboundMessage{DedupeKey: "mid:can", Channel: "email", SHA256: "x", ReceivedAt: received, Raw: []byte("x")},
		&store.Case{Channel: "email", ReceivedAt: received, Rights: "access", Language: "sv", RequesterName: "Test Testsson", RequesterEmail: "t@example.se"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	first, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: rec.CaseNumber, TaskQueue: workflows.TaskQueue}, workflows.CaseWorkflow,
		workflows.CaseInput{CaseNumber: rec.CaseNumber, Channel: "email", ReceivedAt: received, Rights: sc.rights, Policy: deadline.DefaultPolicy, ContinueAfter: 60})
	if err != nil {
		t.Fatal(err)
	}
	trail := audit.New(st)
	count := func() int {
		es, err := trail.Events(ctx, rec.CaseNumber)
		if err != nil {
			t.Fatal(err)
		}
		return len(es)
	}
	send := func(name, payload string) {
		t.Helper()
		before := count()
		if err := c.SignalWorkflow(ctx, rec.CaseNumber, "", name, rawJSON(payload)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, 20*time.Second, name+" to be recorded", func() bool { return count() > before })
		waitIdle(t, c, rec.CaseNumber)
	}
	for range 12 {
		send(workflows.SignalNote, `{"actor":"anna.k","text":"Ringde kunden"}`)
	}
	send(workflows.SignalIdentity, `{"actor":"anna.k","result":"verified","method":"id_document"}`)
	send(workflows.SignalDecision, `{"actor":"anna.k","outcome":"approved"}`)
	var res workflows.CaseResult
	if err := c.GetWorkflow(ctx, rec.CaseNumber, "").Get(ctx, &res); err != nil || res.Outcome != workflows.OutcomeCompleted {
		t.Fatalf("the case ended %q, %v; want completed", res.Outcome, err)
	}
	history := func(runID string) *historypb.History {
		var h historypb.History
		iter := c.GetWorkflowHistory(ctx, rec.CaseNumber, runID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
		for iter.HasNext() {
			e, err := iter.Next()
			if err != nil {
				t.Fatal(err)
			}
			h.Events = append(h.Events, e)
		}
		return &h
	}
	h1 := history(first.GetRunID())
	last := h1.Events[len(h1.Events)-1]
	if last.GetEventType() != enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW {
		t.Fatalf("the first run ended with %s, not by continuing as new", last.GetEventType())
	}
	runs := []*historypb.History{h1}
	for next := last.GetWorkflowExecutionContinuedAsNewEventAttributes().GetNewExecutionRunId(); next != ""; {
		h := history(next)
		runs = append(runs, h)
		end := h.Events[len(h.Events)-1]
		next = end.GetWorkflowExecutionContinuedAsNewEventAttributes().GetNewExecutionRunId()
	}
	if len(runs) < 2 {
		t.Fatalf("%d runs", len(runs))
	}
	actions := map[string]int{}
	es, _ := trail.Events(ctx, rec.CaseNumber)
	for _, e := range es {
		actions[e.Action]++
	}
	if actions["case.received"] != 1 || actions["case.continued"] != len(runs)-1 || actions["case.note"] != 12 || actions["case.closed"] != 1 {
		t.Errorf("audit trail over %d runs: %v", len(runs), actions)
	}
	if _, err := trail.Verify(ctx, rec.CaseNumber, audit.Options{NoSignatures: true}); err != nil {
		t.Errorf("the audit chain over the runs: %v", err)
	}
	outDir := t.TempDir()
	if *updateHistories {
		outDir = filepath.Join("..", "..", "workflows", "testdata", "histories")
	}
	for i, h := range runs[:2] {
		path := filepath.Join(outDir, fmt.Sprintf("continued-as-new-run%d.json", i+1))
		writeHistory(t, h, path)
		replayer := sdkworker.NewWorkflowReplayer()
		replayer.RegisterWorkflow(workflows.CaseWorkflow)
		if err := replayer.ReplayWorkflowHistoryFromJSONFile(nil, path); err != nil {
			t.Errorf("run %d does not replay: %v", i+1, err)
		}
	}
}
