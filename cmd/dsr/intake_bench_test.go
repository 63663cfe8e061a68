package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/devstack"
	"github.com/harmoniq/dsr/internal/mailbox"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"go.temporal.io/sdk/client"
)

// BenchmarkIntakeToWorkflowStart measures messages per second from a local
// IMAP server through fetch, parse, classify, store in PostgreSQL and the
// start of each case's workflow on the in-process Temporal server.
func BenchmarkIntakeToWorkflowStart(b *testing.B) {
	tmp := startTemporal(b)
	c, err := client.Dial(client.Options{HostPort: tmp.FrontendAddr})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	srv, err := devstack.StartIMAP("127.0.0.1:0", "kundservice@harmoniq.se", "pw", "", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Stop()
	p := &mailbox.Poller{
		Config: mailbox.Config{Addr: srv.Addr, User: "kundservice@harmoniq.se", Password: "pw", Security: mailbox.SecurityPlain,
			Mailbox: "INBOX", ProcessedFolder: "Behandlad"},
		Processor: &mailbox.Processor{Store: storetest.Postgres(b), Starter: mailbox.TemporalStarter{Client: c}, Policy: deadline.DefaultPolicy},
		Log:       slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	for i := range b.N {
		msg := strings.Replace(erasureRequest, "<e2e-erasure@example.se>", fmt.Sprintf("<bench-%d@example.se>", i), 1)
		if err := srv.Deliver([]byte(msg), time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	if n, err := p.PollOnce(context.Background()); err != nil || n != b.N {
		b.Fatalf("read %d, %v; want %d", n, err, b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "messages/s")
}
