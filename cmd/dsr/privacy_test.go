package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/devstack"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/harmoniq/dsr/worker"
	"github.com/harmoniq/dsr/workflows"
	"go.temporal.io/api/workflowservice/v1"
	"google.golang.org/protobuf/proto"
)

// The person of the privacy test: a published test personnummer, a made-up
// name, address and e-mail, and words that only appear in what staff write.
var privacyPerson = struct {
	pnr, pnrDash, name, email, street, staffText string
}{"191212121212", "19121212-1212", "Ingrid Fjällström", "ingrid.fjallstrom@example.se", "Fjällvägen 7", "Fjällströms dotter"}

// privacyScenarios add, to the main paths, the places personal data goes
// in a signal: notes, reasons, corrections, and wrong values echoed back.
var privacyScenarios = []scenario{
	{"rectification-with-personal-data", []rights.Right{rights.Rectification}, false, []step{
		{workflows.SignalNote, `{"actor":"anna.k","text":"` + privacyPerson.staffText + ` ringde, ` + privacyPerson.pnrDash + `"}`},
		{workflows.SignalIdentity, `{"actor":"anna.k","result":"` + privacyPerson.name + ` ` + privacyPerson.pnrDash + `","method":"id_document"}`},
		{workflows.SignalIdentity, `{"actor":"anna.k","result":"verified","method":"` + privacyPerson.email + `"}`},
		{workflows.SignalIdentity, `{"actor":"anna.k","result":"verified","method":"id_document"}`},
		{workflows.SignalExtend, `{"actor":"anna.k","reason":"` + privacyPerson.staffText + ` har flera konton"}`},
		{workflows.SignalDecision, `{"actor":"anna.k","outcome":"approved","corrections":[{"field":"` + privacyPerson.street + `","value":"x"}]}`},
		{workflows.SignalDecision, `{"actor":"anna.k","outcome":"approved","corrections":[{"field":"street","value":"` + privacyPerson.street + `"}]}`},
	}},
}

// TestNoPersonalDataInTemporalOrTheLogs runs every path of a case (the main
// paths and the ones above) for a person in Harmoniq's register, on the
// real server, through the production client (payload codec, failure
// converter) and worker, and then searches everything that is not
// encrypted: each event of each history as stored (workflow ids, search
// attributes, memos, markers, failure messages and activity errors), the
// visibility listing, and the log output of the worker, the SDK and the
// server. The person's name, personnummer, e-mail, street and what staff
// wrote about them are in none of it.
func TestNoPersonalDataInTemporalOrTheLogs(t *testing.T) {
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	tmp := startTemporal(t, func(o *devstack.TemporalOptions) { o.Log = log.With("component", "temporal-server") })
	c, _ := dialLikeTheWorker(t, tmp.FrontendAddr, nil, log)

	ctx := context.Background()
	st := storetest.Postgres(t)
	reg := st.Register()
	if err := reg.SeedPeople(ctx, []register.Customer{{Personnummer: privacyPerson.pnr, Name: privacyPerson.name, Email: privacyPerson.email}}, 1, time.Now()); err != nil {
		t.Fatal(err)
	}
	acts := &activities.Activities{Store: st, Trail: audit.New(st), Sender: letter.DefaultSender, OutboxDir: t.TempDir(), Temporal: c}
	withRelay(t, acts)
	w := worker.New(c, acts)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	defer w.Stop()

	person := store.Case{RequesterName: privacyPerson.name, RequesterEmail: privacyPerson.email, Personnummer: privacyPerson.pnr,
		RequesterAddress: privacyPerson.street + "\n722 10 Västerås", EmailOnRecord: true, PersonnummerOnRecord: true}
	needles := []string{privacyPerson.pnr, privacyPerson.pnrDash, privacyPerson.name, "Fjällström", "Fjällstr", privacyPerson.email, privacyPerson.street, privacyPerson.staffText}
	search := func(t *testing.T, where string, text []byte) {
		t.Helper()
		for _, n := range needles {
			if bytes.Contains(text, []byte(n)) {
				i := bytes.Index(text, []byte(n))
				t.Errorf("%s contains %q: …%s…", where, n, text[max(0, i-120):min(len(text), i+len(n)+40)])
			}
		}
	}
	for i, sc := range append(append([]scenario{}, historyScenarios...), privacyScenarios...) {
		if i == len(historyScenarios) {
			// The main paths erased the person (an anonymised row keeps no
			// personnummer): the person becomes a customer again, whose
			// corrected street then passes through the rectification.
			if err := reg.SeedPeople(ctx, []register.Customer{{Personnummer: privacyPerson.pnr, Name: privacyPerson.name, Email: privacyPerson.email}}, 2, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		t.Run(sc.name, func(t *testing.T) {
			hist := playScenario(t, c, st, sc, person)
			for _, e := range hist.Events {
				// The wire form holds every string and every payload's
				// bytes as they are; JSON would hide payloads in base64.
				b, err := proto.Marshal(e)
				if err != nil {
					t.Fatal(err)
				}
				search(t, "history event "+e.GetEventType().String(), b)
			}
		})
	}
	// Every case's workflow did its work: the register now holds the
	// corrected street, so the personal data did pass through.
	if held, err := reg.Holds(ctx, nil, register.Subject{Personnummer: privacyPerson.pnr}); err != nil || !held {
		t.Fatalf("the person is not in the register (%v)", err)
	}
	resp, err := c.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{Namespace: "default", PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Executions) < len(historyScenarios)+len(privacyScenarios) {
		t.Fatalf("the listing has %d cases", len(resp.Executions))
	}
	listing, _ := proto.Marshal(resp)
	search(t, "the visibility listing", listing)
	w.Stop()
	search(t, "the logs", []byte(logs.String()))
	if !strings.Contains(logs.String(), "temporal-server") || !strings.Contains(logs.String(), "ExecuteActivity") {
		t.Errorf("the logs searched do not hold the server's and the SDK's lines:\n%.2000s", logs.String())
	}
}
