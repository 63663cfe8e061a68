package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/letter/lettertest"
	"github.com/harmoniq/dsr/internal/store"
)

// TestThePrintQueueHoldsOnlyLettersThatCanBePosted: `dsr letters batch`
// merges the letters by post that have a postal address; a letter by post
// without one is listed apart and left out, a letter by e-mail is not in
// the queue at all, and the post room is told which answer a portability
// file goes with.
func TestThePrintQueueHoldsOnlyLettersThatCanBePosted(t *testing.T) {
	dataDir := t.TempDir()
	env := map[string]string{"DSR_DATA_DIR": dataDir}
	runCLI(t, env, "migrate")
	ctx := context.Background()
	st, err := store.Open(ctx, "", filepath.Join(dataDir, "dsr.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	received := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	for i, who := range []string{"anna.svensson@example.se", "erik.johansson@example.se"} {
		if _, err := st.RecordIntake(ctx, &store.InboundMessage{DedupeKey: "mid:" + who, Channel: "email", SHA256: "x", ReceivedAt: received, Raw: []byte("x")},
			&store.Case{Channel: "email", ReceivedAt: received.Add(time.Duration(i) * time.Minute), Rights: "access", Language: "sv", RequesterEmail: who}, nil); err != nil {
			t.Fatal(err)
		}
	}
	save := func(number, kind, route, name string, lines ...string) {
		t.Helper()
		l, err := letter.Compose(letter.Content{Kind: letter.KindAcknowledgement, CaseNumber: number, Received: time.Now(), Language: "sv",
			Recipient: append([]string{name}, lines...)}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		pdf, err := letter.Render(letter.DefaultSender, l)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(pdf)
		if _, err := st.SaveLetter(ctx, &store.Letter{CaseNumber: number, Kind: kind, Filename: number + "-" + kind + ".pdf", SHA256: hex.EncodeToString(sum[:]),
			PDF: pdf, Route: route, SentTo: strings.Join(lines, "\n"), Recipient: name}); err != nil {
			t.Fatal(err)
		}
	}
	save("DSR-2026-000001", "response", store.RoutePost, "Anna Svensson", "Skolgatan 55", "411 05 Göteborg")
	save("DSR-2026-000001", "art19-erasure-1", store.RoutePost, "Distributionspartner")
	save("DSR-2026-000002", "acknowledgement", store.RouteEmail, "Erik Johansson", "erik.johansson@example.se")
	os.MkdirAll(filepath.Join(dataDir, "outbox"), 0o750)
	zip := filepath.Join(dataDir, "outbox", "DSR-2026-000001-portability.zip")
	os.WriteFile(zip, []byte("PK"), 0o640)

	batch := filepath.Join(dataDir, "batch.pdf")
	out := runCLI(t, env, "letters", "batch", "--since", "2026-01-01", "--out", batch)
	for _, want := range []string{"1 letters left out of the batch", "DSR-2026-000001 art19-erasure-1: no postal address", "1 letters in " + batch,
		"enclose " + zip + " on a USB stick with the answer of DSR-2026-000001"} {
		if !strings.Contains(out, want) {
			t.Errorf("dsr letters batch does not say %q:\n%s", want, out)
		}
	}
	b, err := os.ReadFile(batch)
	if err != nil {
		t.Fatal(err)
	}
	if text := lettertest.Text(t, b); !strings.Contains(text, "Skolgatan 55") || strings.Contains(text, "Erik") || strings.Contains(text, "Distributionspartner") {
		t.Errorf("the batch is not Anna's letter alone:\n%s", text)
	}
}
