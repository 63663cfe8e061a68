package mailbox_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/devstack"
	"github.com/harmoniq/dsr/internal/mailbox"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/harmoniq/dsr/workflows"
)

// recorder stands in for Temporal: it records the cases started and the
// replies delivered, so the test sees exactly what intake asked for.
type recorder struct {
	mu      sync.Mutex
	started map[string]int
	replies map[string]int
}

func (r *recorder) StartCase(_ context.Context, in workflows.CaseInput) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.started[in.CaseNumber]++
	return nil
}

func (r *recorder) ReplyReceived(_ context.Context, number string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.replies[number]++
	return nil
}

const request = "From: Anna Svensson <anna.svensson@example.se>\r\nTo: kundservice@harmoniq.se\r\nSubject: Radera mina uppgifter\r\n" +
	"Message-ID: <req-1@example.se>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nJag vill att ni raderar mina personuppgifter. 19900704-2386\r\n"

const order = "From: Maria <maria@example.se>\r\nSubject: Min order\r\nMessage-ID: <order-1@example.se>\r\n\r\nVar är mitt paket?\r\n"

func reply(n int) string {
	return "From: Anna Svensson <anna.svensson@example.se>\r\nSubject: Re: Din begäran\r\nMessage-ID: <reply-" + string(rune('0'+n)) + "@example.se>\r\n" +
		"In-Reply-To: <req-1@example.se>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHär är min ID-handling.\r\n"
}

func TestIntakeFromARealIMAPServer(t *testing.T) {
	srv, err := devstack.StartIMAP("127.0.0.1:0", "kundservice@harmoniq.se", "pw", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	st := storetest.Postgres(t)
	rec := &recorder{started: map[string]int{}, replies: map[string]int{}}
	p := &mailbox.Poller{
		Config: mailbox.Config{Addr: srv.Addr, User: "kundservice@harmoniq.se", Password: "pw", Security: mailbox.SecurityPlain,
			Mailbox: "INBOX", ProcessedFolder: "Behandlad", QuarantineFolder: "Karantän", PollInterval: time.Second},
		Processor: &mailbox.Processor{Store: st, Starter: rec, Policy: deadline.DefaultPolicy},
		Log:       slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	ctx := context.Background()
	deliveredAt := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for _, m := range []string{request, order, request} { // the request delivered twice
		if err := srv.Deliver([]byte(m), deliveredAt); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := p.PollOnce(ctx); err != nil || n != 3 {
		t.Fatalf("first poll read %d, %v; want 3", n, err)
	}
	if len(rec.started) != 1 {
		t.Fatalf("cases started: %v, want exactly one", rec.started)
	}
	var number string
	for n, times := range rec.started {
		number = n
		if times != 1 {
			t.Errorf("case %s started %d times", n, times)
		}
	}
	c, err := st.Case(ctx, number)
	if err != nil {
		t.Fatal(err)
	}
	if !c.ReceivedAt.Equal(deliveredAt) || c.Personnummer != "199007042386" || c.Rights != "erasure" {
		t.Errorf("case record: received %s, pnr %q, rights %q", c.ReceivedAt, c.Personnummer, c.Rights)
	}

	// A reply goes to the case, not to a new one; read twice, it is told once.
	for i := range 2 {
		if err := srv.Deliver([]byte(reply(1)), deliveredAt.Add(time.Duration(i+1)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := p.PollOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if len(rec.started) != 1 || rec.replies[number] != 1 {
		t.Errorf("after the reply: started %v, replies %v; want one case told once", rec.started, rec.replies)
	}
	// Nothing new: a poll reads nothing, and the order question is still in
	// the INBOX for customer service, the rest filed in Behandlad.
	if n, err := p.PollOnce(ctx); err != nil || n != 0 {
		t.Errorf("idle poll read %d, %v", n, err)
	}
	cl, err := p.Config.Dial()
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	for box, want := range map[string]uint32{"INBOX": 1, "Behandlad": 4} {
		sd, err := cl.Status(box, &imap.StatusOptions{NumMessages: true}).Wait()
		if err != nil {
			t.Fatal(err)
		}
		if *sd.NumMessages != want {
			t.Errorf("%s holds %d messages, want %d", box, *sd.NumMessages, want)
		}
	}
	// Mail that cannot be parsed becomes a triage case and is quarantined.
	if err := srv.Deliver([]byte("From: x@example.se\r\nContent-Type: multipart/mixed\r\n\r\nno boundary, no parts\r\n"), deliveredAt); err != nil {
		t.Fatal(err)
	}
	if n, err := p.PollOnce(ctx); err != nil || n != 1 {
		t.Fatalf("poll for the unparseable message read %d, %v", n, err)
	}
	if len(rec.started) != 2 {
		t.Errorf("the unparseable message did not become a case: %v", rec.started)
	}
	sd, err := cl.Status("Karantän", &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil || *sd.NumMessages != 1 {
		t.Errorf("quarantine: %v, %v", sd, err)
	}
	if !strings.HasPrefix(number, "DSR-2026-") {
		t.Errorf("case number %q", number)
	}
}
