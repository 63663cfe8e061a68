package main

import (
	"context"
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
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/outmail/mailtest"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/harmoniq/dsr/worker"
	"github.com/harmoniq/dsr/workflows"
	"go.temporal.io/sdk/client"
)

// mailDyingWorker is a worker that, once the relay has accepted a mail
// and the acceptance is stored, tells the test and waits to be killed:
// it dies between the send and the record.
func mailDyingWorker() int {
	return helperWorker(func(a *activities.Activities) {
		a.Mail.Accepted = func() {
			os.WriteFile(os.Getenv("DSR_TEST_MARKER"), []byte("accepted"), 0o644)
			select {} // the test kills the process here
		}
	})
}

// TestAnAnswerByEmailGoesOnceThroughAFailingRelayAndAKilledWorker: the
// relay refuses the acknowledgement once for now; the retry reaches it,
// and the worker is killed (SIGKILL) right after the relay took the mail,
// before anything recorded it. Another worker takes the letter up: the
// person gets the acknowledgement once, threaded under the request, and
// the trail records it once, with its Message-ID.
func TestAnAnswerByEmailGoesOnceThroughAFailingRelayAndAKilledWorker(t *testing.T) {
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
	received := time.Now()
	rec, err := st.RecordIntake(ctx, &store.InboundMessage{DedupeKey: "mid:<kill-mail@example.se>", Channel: "email", MessageID: "kill-mail@example.se",
		SHA256: "x", ReceivedAt: received, Raw: []byte("x")},
		&store.Case{Channel: "email", ReceivedAt: received, Rights: "access", Language: "sv", RequesterName: "Anna Svensson",
			RequesterEmail: "anna.svensson@example.se", RequestSubject: "Registerutdrag"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	relay := mailtest.Start(t)
	relay.FailNext(false)
	marker := filepath.Join(t.TempDir(), "accepted")
	helper := exec.Command(os.Args[0], "-test.run=^$")
	helper.Env = append(os.Environ(), "DSR_TEST_HELPER=mail-dying-worker", "DATABASE_URL="+dbURL, "TEMPORAL_ADDRESS="+tmp.FrontendAddr,
		"DSR_TEST_MARKER="+marker, "DSR_TEST_SMTP="+relay.Addr)
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
	if _, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: rec.CaseNumber, TaskQueue: workflows.TaskQueue}, workflows.CaseWorkflow,
		workflows.CaseInput{CaseNumber: rec.CaseNumber, Channel: "email", ReceivedAt: received, Rights: []rights.Right{rights.Access}, Policy: deadline.DefaultPolicy}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 60*time.Second, "the relay to take the acknowledgement", func() bool { _, err := os.Stat(marker); return err == nil })
	if err := helper.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	helper.Wait()
	if n := len(relay.Mails()); n != 1 {
		t.Fatalf("the relay holds %d mails when the worker dies, want 1", n)
	}

	acts := &activities.Activities{Store: st, Trail: audit.New(st), Sender: letter.DefaultSender, OutboxDir: t.TempDir(), Mail: relayMailer(relay.Addr)}
	w := worker.New(c, acts)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	trail := audit.New(st)
	var sent []event.LetterSent
	waitFor(t, 60*time.Second, "the acknowledgement to be recorded", func() bool {
		es, err := trail.Events(ctx, rec.CaseNumber)
		if err != nil {
			return false
		}
		sent = sent[:0]
		for _, e := range es {
			if e.Action == event.ActLetterSent {
				ev, err := event.Decode(e.Action, e.Details)
				if err == nil {
					sent = append(sent, *ev.(*event.LetterSent))
				}
			}
		}
		return len(sent) > 0
	})
	mails := relay.Mails()
	if len(mails) != 1 {
		t.Fatalf("the person got %d mails, want the acknowledgement once", len(mails))
	}
	if raw := string(mails[0].Raw); !strings.Contains(raw, "In-Reply-To: <kill-mail@example.se>") || !strings.Contains(raw, "["+rec.CaseNumber+"]") {
		t.Errorf("the acknowledgement is not a reply in the request's thread:\n%.600s", raw)
	}
	if len(sent) != 1 || sent[0].Route != "email" || sent[0].MessageID == "" || !strings.Contains(string(mails[0].Raw), sent[0].MessageID) {
		t.Errorf("letter.sent %+v, want one, naming the mail that went", sent)
	}
	m, err := st.OutgoingMail(ctx, rec.CaseNumber, "acknowledgement")
	if err != nil || m.State != store.MailAccepted || m.Attempts != 2 || m.RelayReply == "" {
		t.Errorf("outgoing mail %+v (%v), want accepted on the second of two attempts, with the relay's answer", m, err)
	}
}
