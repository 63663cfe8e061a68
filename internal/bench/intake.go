package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/devstack"
	"github.com/harmoniq/dsr/internal/mailbox"
)

func init() {
	add(Benchmark{Name: "intake-msgs-per-s", Run: intakeRate})
}

// intakeRate measures messages a second from the kundservice mailbox (the
// in-process IMAP server) through fetch, parse, classify, the identity
// evidence, store in PostgreSQL, the start of each case's workflow on the
// in-process Temporal server, and the move to the processed folder. The
// mail is the demo's six messages, each many times with its own
// Message-ID: requests, a triage case and ordinary mail, as a mailbox has.
func intakeRate(ctx context.Context, env *Env) (Figure, error) {
	s, err := env.startStack(ctx, "intake")
	if err != nil {
		return Figure{}, err
	}
	defer s.close()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := devstack.StartIMAP("127.0.0.1:0", "kundservice@harmoniq.se", "pw", "", quiet)
	if err != nil {
		return Figure{}, err
	}
	defer srv.Stop()
	demo, err := devstack.DemoMessages()
	if err != nil {
		return Figure{}, err
	}
	n := 1200
	if env.Size == Smoke {
		n = 24
	}
	for i := range n {
		msg := demo[i%len(demo)]
		msg = bytes.Replace(msg, []byte("Message-ID: <"), []byte(fmt.Sprintf("Message-ID: <bench-%d-", i)), 1)
		if err := srv.Deliver(msg, time.Now()); err != nil {
			return Figure{}, err
		}
	}
	p := &mailbox.Poller{
		Config: mailbox.Config{Addr: srv.Addr, User: "kundservice@harmoniq.se", Password: "pw", Security: mailbox.SecurityPlain,
			Mailbox: "INBOX", ProcessedFolder: "Behandlad"},
		Processor: &mailbox.Processor{Store: s.st, Starter: mailbox.TemporalStarter{Client: s.c}, Policy: deadline.DefaultPolicy},
		Log:       quiet,
	}
	start := time.Now()
	read := 0
	for read < n {
		k, err := p.PollOnce(ctx)
		if err != nil {
			return Figure{}, err
		}
		if k == 0 {
			return Figure{}, fmt.Errorf("read %d of %d messages", read, n)
		}
		read += k
	}
	d := time.Since(start)
	cases, err := s.st.CaseCount(ctx)
	if err != nil {
		return Figure{}, err
	}
	rate := float64(n) / d.Seconds()
	return Figure{Name: "intake-msgs-per-s", Value: rate, Unit: "messages/s", Target: "≥ 100", Met: rate >= 100,
		Note: fmt.Sprintf("%d messages, %d cases started, in %s", n, cases, d.Round(time.Millisecond))}, nil
}
