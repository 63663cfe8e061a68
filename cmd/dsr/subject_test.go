package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/devstack"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/letter/lettertest"
	"github.com/harmoniq/dsr/internal/mailbox"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/harmoniq/dsr/worker"
	"github.com/harmoniq/dsr/workflows"
	"go.temporal.io/sdk/client"
)

// TestAnAddressAndAPersonnummerOfTwoPeopleReachOnlyOne: a mail from Anna
// Svensson's address names Erik Johansson's personnummer. Intake shows the
// conflict; staff cannot verify "by the address on record" for Erik, nor
// verify without saying whom; verified as Erik (by ID document), the case
// acts on Erik alone: the register extract holds his rows and none of
// Anna's.
func TestAnAddressAndAPersonnummerOfTwoPeopleReachOnlyOne(t *testing.T) {
	ctx := context.Background()
	tmp := startTemporal(t)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	c, _ := dialLikeTheWorker(t, tmp.FrontendAddr, nil, quiet)
	st := storetest.Postgres(t)
	reg := st.Register()
	anna := register.Customer{Personnummer: "199007042386", Name: "Anna Svensson", Email: "anna.svensson@example.se"}
	erik := register.Customer{Personnummer: "201311122384", Name: "Erik Johansson", Email: "erik.johansson@example.se"}
	if err := reg.SeedPeople(ctx, []register.Customer{anna, erik}, 7, time.Now()); err != nil {
		t.Fatal(err)
	}
	outbox := t.TempDir()
	acts := &activities.Activities{Store: st, Trail: audit.New(st), Sender: letter.DefaultSender, OutboxDir: outbox, Temporal: c}
	relay := withRelay(t, acts)
	w := worker.New(c, acts)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	defer w.Stop()

	srv, err := devstack.StartIMAP("127.0.0.1:0", "kundservice@harmoniq.se", "pw", "", quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	mail := "From: Anna Svensson <anna.svensson@example.se>\r\nTo: kundservice@harmoniq.se\r\nSubject: Registerutdrag\r\n" +
		"Message-ID: <two-people@example.se>\r\nDate: Mon, 30 Nov 2026 09:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
		"Hej, jag vill ha ett registerutdrag över alla uppgifter ni har om mig. Mitt personnummer är 20131112-2384.\r\n"
	if err := srv.Deliver([]byte(mail), time.Now()); err != nil {
		t.Fatal(err)
	}
	p := &mailbox.Poller{
		Config:    mailbox.Config{Addr: srv.Addr, User: "kundservice@harmoniq.se", Password: "pw", Security: mailbox.SecurityPlain, Mailbox: "INBOX", ProcessedFolder: "Behandlad"},
		Processor: &mailbox.Processor{Store: st, Starter: mailbox.TemporalStarter{Client: c}, Policy: deadline.DefaultPolicy},
		Log:       quiet,
	}
	if n, err := p.PollOnce(ctx); err != nil || n != 1 {
		t.Fatalf("intake read %d, %v", n, err)
	}
	number := "DSR-" + time.Now().Format("2006") + "-000001"
	waitFor(t, 30*time.Second, "the case to wait for its identity check", func() bool {
		s, err := queryStatus(ctx, c, number)
		return err == nil && s.Stage == workflows.StageIdentity
	})
	s, _ := queryStatus(ctx, c, number)
	if !s.Evidence.SubjectConflict || !s.Evidence.EmailOnRecord || !s.Evidence.PersonnummerOnRecord {
		t.Fatalf("the evidence shows no conflict: %+v", s.Evidence)
	}
	cli := func(payload string) error { return updateCase(ctx, c, number, workflows.SignalIdentity, payload) }
	for _, bad := range []string{
		`{"actor":"anna.k","result":"verified","method":"email_on_record"}`,
		`{"actor":"anna.k","result":"verified","method":"email_on_record","subject":"personnummer"}`,
		`{"actor":"anna.k","result":"verified","method":"id_document"}`,
	} {
		if err := cli(bad); err == nil {
			t.Errorf("identity %s was taken for a case whose identifiers name two people", bad)
		}
	}
	if err := cli(`{"actor":"anna.k","result":"verified","method":"id_document","subject":"personnummer"}`); err != nil {
		t.Fatalf("identity verified as the personnummer's owner: %v", err)
	}
	if err := updateCase(ctx, c, number, workflows.SignalDecision, `{"actor":"anna.k","outcome":"approved"}`); err != nil {
		t.Fatal(err)
	}
	var res workflows.CaseResult
	wctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := c.GetWorkflow(wctx, number, "").Get(wctx, &res); err != nil {
		t.Fatalf("the case did not close: %v", err)
	}
	pdf, err := os.ReadFile(filepath.Join(outbox, number+"-response.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	text := lettertest.Text(t, pdf)
	if !strings.Contains(text, "201311122384") && !strings.Contains(text, "Erik Johansson") {
		t.Errorf("the extract does not hold the verified person's rows:\n%s", text)
	}
	for _, other := range []string{"Anna Svensson", "199007042386", "anna.svensson@example.se"} {
		if strings.Contains(text, other) {
			t.Errorf("the extract sent for Erik holds Anna's %q:\n%s", other, text)
		}
	}
	// Anna's address got the acknowledgement, sent before anyone was
	// verified, and nothing after Erik was: nothing of his reached it.
	mails := relay.Mails()
	if len(mails) != 1 {
		t.Errorf("%d mails to the sender's address, want the acknowledgement alone", len(mails))
	}
	for _, m := range mails {
		for _, his := range []string{"Erik", "Johansson", "201311122384", "20131112-2384"} {
			if strings.Contains(string(m.Raw), his) {
				t.Errorf("a mail to Anna's address holds Erik's %q", his)
			}
		}
	}
}

// updateCase sends an input as an update and waits for the case's answer.
func updateCase(ctx context.Context, c client.Client, number, name, payload string) error {
	h, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: number, UpdateName: name,
		Args: []any{json.RawMessage(payload)}, WaitForStage: client.WorkflowUpdateStageCompleted})
	if err != nil {
		return err
	}
	return h.Get(ctx, nil)
}
