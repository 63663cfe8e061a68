package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

func TestIntakeInspectReadsADirectoryAndAnMbox(t *testing.T) {
	dir := t.TempDir()
	var mbox bytes.Buffer
	for _, name := range []string{"02-radera-och-reklam.eml", "04-order-question.eml", "06-gdpr-fraga.eml"} {
		raw, err := os.ReadFile(filepath.Join("../../internal/intake/testdata/corpus", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), raw, 0o600); err != nil {
			t.Fatal(err)
		}
		mbox.WriteString("From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n")
		mbox.Write(bytes.ReplaceAll(raw, []byte("\nFrom "), []byte("\n>From ")))
		mbox.WriteString("\n\n")
	}
	mboxPath := filepath.Join(t.TempDir(), "archive.mbox")
	if err := os.WriteFile(mboxPath, mbox.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{dir, mboxPath} {
		var out bytes.Buffer
		if err := run(context.Background(), []string{"intake", "inspect", path}, func(string) string { return "" }, &out, io.Discard); err != nil {
			t.Fatal(err)
		}
		got := out.String()
		for _, want := range []string{"3 messages: 1 requests with known rights, 1 triage, 1 ordinary", "erasure", "marketing_optout", "triage"} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: output lacks %q:\n%s", path, want, got)
			}
		}
		if strings.Contains(got, "2384") {
			t.Errorf("%s: a personnummer was printed:\n%s", path, got)
		}
	}
}

func TestIntakeReviewListsWhereStaffDisagreedAndAuditsARead(t *testing.T) {
	ctx := context.Background()
	url := storetest.PostgresURL(t)
	st, err := store.Open(ctx, url, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("../../internal/intake/testdata/corpus/06-gdpr-fraga.eml")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	var numbers []string
	for i := 0; i < 2; i++ {
		in := &store.InboundMessage{DedupeKey: "review-" + string(rune('a'+i)), Channel: "email", Mailbox: "INBOX", MessageID: "m", SHA256: "h", ReceivedAt: now, Raw: raw}
		stored, err := st.RecordIntake(ctx, in, &store.Case{Channel: "email", ReceivedAt: now, Uncertain: true, Language: "sv"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, stored.CaseNumber)
	}
	trail := audit.New(st)
	appendEvent := func(caseNumber, actor string, e event.Event) {
		t.Helper()
		if _, err := trail.Append(ctx, audit.Entry{CaseNumber: caseNumber, Time: now, Actor: actor, Event: e, IdemKey: caseNumber + e.Action()}); err != nil {
			t.Fatal(err)
		}
	}
	appendEvent(numbers[0], "system", event.CaseReceived{Channel: "email", Uncertain: true, Intake: &event.Reading{Confidence: 0.6, Reasons: []string{"about data protection (gdpr)"}}})
	appendEvent(numbers[0], "anna.k", event.CaseClassified{Rights: []string{"access"}, IntakeGuess: []string{}, IntakeConfidence: 0.6})
	appendEvent(numbers[1], "anna.k", event.CaseClassified{Rights: []string{"erasure"}, IntakeGuess: []string{"erasure"}, IntakeConfidence: 0.45})

	env := func(k string) string {
		if k == "DATABASE_URL" {
			return url
		}
		return ""
	}
	var out bytes.Buffer
	if err := run(ctx, []string{"intake", "review"}, env, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !strings.Contains(got, numbers[0]) || strings.Contains(got, numbers[1]) {
		t.Errorf("review should list %s (staff said access, intake guessed nothing) and not %s (they agreed):\n%s", numbers[0], numbers[1], got)
	}
	if !strings.Contains(got, "2 triage cases classified by staff, 1 otherwise than intake guessed") || !strings.Contains(got, "about data protection") {
		t.Errorf("review output:\n%s", got)
	}

	out.Reset()
	if err := run(ctx, []string{"intake", "review", "--show", numbers[0], "--actor", "anna.k"}, env, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "GDPR") {
		t.Errorf("the message text is not shown:\n%s", out.String())
	}
	events, err := trail.Events(ctx, numbers[0])
	if err != nil {
		t.Fatal(err)
	}
	if last := events[len(events)-1]; last.Action != "message.read" || last.Actor != "anna.k" {
		t.Errorf("the read was not audited: last event %s by %s", last.Action, last.Actor)
	}
}
