package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/harmoniq/dsr/worker"
	"github.com/harmoniq/dsr/workflows"
)

// TestAnInputNoWorkerHasTakenIsSentNotRefused: against a cluster with no
// worker, `dsr case signal` waits a bounded time and says the input was
// sent and not yet confirmed, never that it was refused; once a worker runs,
// the case takes it, and the same command again is the same update: the
// note is recorded once.
func TestAnInputNoWorkerHasTakenIsSentNotRefused(t *testing.T) {
	tmp := startTemporal(t)
	c, key := dialLikeTheWorker(t, tmp.FrontendAddr, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	st := storetest.SQLite(t)
	rec, _ := openCase(t, c, st, scenario{name: "no-worker", rights: []rights.Right{rights.Access}}, store.Case{RequesterName: "Test Testsson", RequesterEmail: "test@example.se"})
	cli := map[string]string{"TEMPORAL_ADDRESS": tmp.FrontendAddr, "PAYLOAD_KEYS": key}
	was := signalWait
	signalWait = 2 * time.Second
	defer func() { signalWait = was }()

	note := `{"actor":"anna.k","text":"Kunden ringde"}`
	out := runCLI(t, cli, "case", "signal", rec.CaseNumber, workflows.SignalNote, note)
	if !strings.Contains(out, "not yet confirmed") || strings.Contains(out, "refused") {
		t.Fatalf("with no worker, dsr case signal said:\n%s", out)
	}
	acts := &activities.Activities{Store: st, Trail: audit.New(st), Sender: letter.DefaultSender, OutboxDir: t.TempDir(), Temporal: c}
	withRelay(t, acts)
	w := worker.New(c, acts)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	signalWait = 30 * time.Second
	if out := runCLI(t, cli, "case", "signal", rec.CaseNumber, workflows.SignalNote, note); !strings.Contains(out, "note accepted") {
		t.Errorf("the same command with a worker running:\n%s", out)
	}
	trail := audit.New(st)
	waitFor(t, 20*time.Second, "the note in the trail", func() bool {
		es, _ := trail.Events(context.Background(), rec.CaseNumber)
		notes := 0
		for _, e := range es {
			if e.Action == "case.note" {
				notes++
			}
		}
		if notes > 1 {
			t.Fatalf("the note was recorded %d times", notes)
		}
		return notes == 1
	})
}
