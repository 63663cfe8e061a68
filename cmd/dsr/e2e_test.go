package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message/mail"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/devstack"
	"github.com/harmoniq/dsr/internal/letter/lettertest"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/harmoniq/dsr/workflows"
	sdkpb "go.temporal.io/api/sdk/v1"
	"go.temporal.io/sdk/client"
)

// The request as a customer would write it. The personnummer is a published
// test number; the name and address are made up.
const (
	testPersonnummer = "19900704-2386"
	testName         = "Åsa Öberg"
	testEmail        = "asa.oberg@example.se"
	erasureRequest   = "From: =?UTF-8?Q?=C3=85sa_=C3=96berg?= <asa.oberg@example.se>\r\n" +
		"To: kundservice@harmoniq.se\r\n" +
		"Subject: =?UTF-8?Q?Radera_mina_personuppgifter?=\r\n" +
		"Message-ID: <e2e-erasure@example.se>\r\n" +
		"Date: Wed, 25 Nov 2026 08:00:00 +0100\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" +
		"--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n" +
		"Content-Transfer-Encoding: 8bit\r\n\r\n" +
		"Hej!\r\n\r\nJag vill att ni raderar alla mina personuppgifter.\r\n" +
		"Mitt personnummer är " + testPersonnummer + ".\r\n\r\n" +
		testName + "\r\nStorgatan 1\r\n722 10 Västerås\r\n" +
		"--b1\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"legitimation.jpg\"\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n" + idCopyBase64 + "\r\n--b1--\r\n"
	// idCopyBase64 is the attached "ID card": its text must not survive
	// the identity decision anywhere.
	idCopy        = "ID-KORT Åsa Öberg " + testPersonnummer
	idCopyBase64  = "SUQtS09SVCDDhXNhIMOWYmVyZyAxOTkwMDcwNC0yMzg2"
	orderQuestion = "From: Maria Lind <maria.lind@example.se>\r\n" +
		"To: kundservice@harmoniq.se\r\n" +
		"Subject: Var är min order?\r\n" +
		"Message-ID: <e2e-order@example.se>\r\n" +
		"Content-Type: text/plain; charset=UTF-8\r\n\r\n" +
		"Hej, mitt paket med order 100234 har inte kommit. Kan ni kolla?\r\n"
)

func TestEndToEndOnPostgreSQL(t *testing.T) {
	endToEnd(t, storetest.PostgresURL(t))
}

func TestEndToEndOnTheSQLiteDefault(t *testing.T) {
	endToEnd(t, "")
}

// endToEnd runs `dsr dev` as a newcomer would, mails it a request and an
// ordinary question, drives the case from the Web UI's HTTP API, restarts the
// stack half-way, and checks the letter, the audit trail and the logs.
func endToEnd(t *testing.T, databaseURL string) {
	dataDir := t.TempDir()
	ports := freePorts(t, 4)
	env := map[string]string{"DSR_DATA_DIR": dataDir, "DATABASE_URL": databaseURL, "IMAP_POLL_INTERVAL": "1s", "LOG_LEVEL": "info", "AUDIT_CHECKPOINT_INTERVAL": "1s"}
	logs := &syncBuffer{}
	// Harmoniq's systems hold the requester (the demo customers) among others.
	runCLI(t, env, "migrate")
	if out := runCLI(t, env, "seed", "--customers", "20", "--demo", "--seed", "7"); !strings.HasPrefix(out, "seeded 20 customers") {
		t.Fatalf("dsr seed: %s", out)
	}
	stack := startDev(t, env, ports, logs)

	deliver(t, ports[2], orderQuestion)
	deliver(t, ports[2], erasureRequest)

	ui := newUIClient(t, fmt.Sprintf("http://127.0.0.1:%d", ports[1]), ports[3])
	var number string
	waitFor(t, 60*time.Second, "the case to appear in the Web UI", func() bool {
		ids := ui.workflowIDs(t, "WorkflowType = 'CaseWorkflow'")
		if len(ids) == 1 {
			number = ids[0]
		}
		return len(ids) == 1
	})
	if !strings.HasPrefix(number, "DSR-2026-") {
		t.Fatalf("workflow id %q is not a case number", number)
	}

	c := dialWithCodec(t, ports[0], dataDir)
	defer c.Close()
	waitFor(t, 30*time.Second, "the case to wait for identity", func() bool { return caseStatus(t, c, number).Stage == workflows.StageIdentity })
	assertSignalsDeclared(t, c, number)

	// A wrong payload and a misplaced signal change nothing.
	ui.signal(t, number, workflows.SignalIdentity, `{"actor":"anna.k","result":"perhaps","method":"id_document"}`)
	ui.signal(t, number, workflows.SignalDecision, `{"actor":"anna.k","outcome":"approved"}`)
	waitFor(t, 30*time.Second, "both rejections to be recorded", func() bool {
		rejected := 0
		for _, e := range caseStatus(t, c, number).Timeline {
			if e.Action == "signal.rejected" {
				rejected++
			}
		}
		return rejected == 2
	})
	if s := caseStatus(t, c, number); s.Stage != workflows.StageIdentity || s.LastRejected == nil {
		t.Fatalf("after two wrong signals: stage %s, last rejected %+v", s.Stage, s.LastRejected)
	}
	// What staff see: the case card, decoded through the codec server as
	// the UI decodes it, says at its top what was refused and why, and
	// what to send instead; an update the case refuses shows its reason
	// in clear, not "Encoded failure".
	var card string
	cardShows := func() bool {
		card = ui.card(t, number)
		return strings.Contains(card, "> **Refused**") && strings.Contains(card, `signal "decision" is not allowed in stage identity`) &&
			strings.Contains(card, "Waiting for the identity check") && strings.Contains(card, `"method": "id_document"`)
	}
	deadline := time.Now().Add(15 * time.Second)
	for !cardShows() && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
	}
	if !cardShows() {
		t.Errorf("the case card in the Web UI:\n%s", card)
	}
	if reason := ui.update(t, number, workflows.SignalDecision, `{"actor":"anna.k","outcome":"approved"}`); !strings.Contains(reason, `not allowed in stage identity`) {
		t.Errorf("a refused update shows in the Web UI as %q, want its reason", reason)
	}
	ui.signal(t, number, workflows.SignalNote, `{"actor":"anna.k","text":"`+testName+` ringde, `+testPersonnummer+`"}`)
	waitFor(t, 30*time.Second, "the note to be recorded", func() bool {
		for _, e := range caseStatus(t, c, number).Timeline {
			if e.Action == "case.note" {
				return true
			}
		}
		return false
	})
	// Staff read the ID copy that came with the request, then decide.
	if out := runCLI(t, env, "case", "attachments", number); !strings.Contains(out, "legitimation.jpg") || !strings.Contains(out, "stored, encrypted") {
		t.Errorf("dsr case attachments before the identity decision:\n%s", out)
	}
	copyFile := filepath.Join(t.TempDir(), "leg.jpg")
	runCLI(t, env, "case", "attachment", number, attachmentID(t, env, number), "--actor", "anna.k", "--out", copyFile)
	if b, err := os.ReadFile(copyFile); err != nil || string(b) != idCopy {
		t.Errorf("the ID copy read back as %q (%v)", b, err)
	}
	ui.signal(t, number, workflows.SignalIdentity, `{"actor":"anna.k","result":"verified","method":"id_document"}`)
	waitFor(t, 30*time.Second, "the case to reach assessment", func() bool { return caseStatus(t, c, number).Stage == workflows.StageAssessment })
	if out := runCLI(t, env, "case", "attachments", number); strings.Contains(out, "legitimation.jpg") || !strings.Contains(out, "(identity decided)") {
		t.Errorf("dsr case attachments after the identity decision:\n%s", out)
	}
	err := run(context.Background(), []string{"case", "attachment", number, attachmentID(t, env, number), "--actor", "anna.k", "--out", copyFile + "2"}, mapEnv(env), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "deleted") {
		t.Errorf("reading the ID copy after the decision: %v", err)
	}

	// The acknowledgement went by e-mail: it is in Åsa's own mailbox on
	// the local stack, and its copy in kundservice's Sent folder.
	if acks := mailboxMessages(t, ports[2], testEmail, "INBOX"); len(acks) != 1 {
		t.Errorf("Åsa's mailbox holds %d mails, want the acknowledgement", len(acks))
	} else if subject, inReplyTo, _ := readAnswer(t, acks[0]); subject != "Re: Radera mina personuppgifter ["+number+"]" || inReplyTo != "e2e-erasure@example.se" {
		t.Errorf("the acknowledgement is %q in reply to %q, want a reply in the request's thread", subject, inReplyTo)
	}
	if sent := mailboxMessages(t, ports[2], "kundservice@harmoniq.se", "Sent"); len(sent) != 1 {
		t.Errorf("kundservice's Sent folder holds %d mails, want 1", len(sent))
	}

	// Stop everything and start again on the same data: the case goes on.
	c.Close()
	stack.stop(t)
	stack = startDev(t, env, ports, logs)
	defer stack.stop(t)
	c = dialWithCodec(t, ports[0], dataDir)
	ui = newUIClient(t, fmt.Sprintf("http://127.0.0.1:%d", ports[1]), ports[3])

	// Staff at a terminal: the list, and an update refused with its reason.
	cli := map[string]string{"TEMPORAL_ADDRESS": fmt.Sprintf("127.0.0.1:%d", ports[0]), "PAYLOAD_KEYS_FILE": filepath.Join(dataDir, "payload-keys"),
		"DSR_DATA_DIR": dataDir, "DATABASE_URL": databaseURL}
	out := runCLI(t, cli, "case", "list")
	if !strings.Contains(out, number) || !strings.Contains(out, "assessment") || !strings.Contains(out, "erasure") {
		t.Errorf("dsr case list:\n%s", out)
	}
	var refused bytes.Buffer
	err = run(context.Background(), []string{"case", "signal", number, "decision", `{"actor":"erik.s","outcome":"refused"}`}, mapEnv(cli), &refused, io.Discard)
	if err == nil || !strings.Contains(err.Error(), `"ground" is required`) {
		t.Errorf("dsr case signal with a refusal without ground: err = %v", err)
	}
	ui.signal(t, number, "approve-everything", `{"actor":"mallory"}`)
	waitFor(t, 30*time.Second, "the unknown signal to be rejected", func() bool {
		s := caseStatus(t, c, number)
		return s.LastRejected != nil && s.LastRejected.Signal == "approve-everything"
	})
	ui.signal(t, number, workflows.SignalDecision, `{"actor":"erik.s","outcome":"approved"}`)

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var res workflows.CaseResult
	if err := c.GetWorkflow(ctx, number, "").Get(ctx, &res); err != nil {
		t.Fatalf("case did not close: %v", err)
	}
	if res.Outcome != workflows.OutcomeCompleted {
		t.Errorf("outcome = %s, want completed", res.Outcome)
	}
	// Visibility is eventually consistent: the closed case shows up shortly.
	waitFor(t, 30*time.Second, "the closed case in a visibility query on its search attributes", func() bool {
		return len(ui.workflowIDs(t, "CaseNumber = '"+number+"' AND Stage = 'closed' AND RequestTypes = 'erasure'")) == 1
	})

	// The request came by e-mail, and the answer, which holds no data
	// about her beyond what was erased, went by e-mail: it is in Åsa's own
	// mailbox on the local stack (which, in memory, began empty at the
	// restart), a reply in her request's thread, and a copy is in
	// kundservice's Sent folder; nothing waits in the print queue.
	answers := mailboxMessages(t, ports[2], testEmail, "INBOX")
	if len(answers) != 1 {
		t.Fatalf("Åsa's mailbox holds %d mails since the restart, want the answer", len(answers))
	}
	// Beside it, the Sent folder holds the Art. 19 notices that went by
	// e-mail to the (made-up) recipients.
	toAsa, notices := 0, 0
	for _, raw := range mailboxMessages(t, ports[2], "kundservice@harmoniq.se", "Sent") {
		subject, _, _ := readAnswer(t, raw)
		switch {
		case strings.Contains(string(raw), "To: <"+testEmail+">"):
			toAsa++
		case strings.HasPrefix(subject, "Meddelande enligt artikel 19 i dataskyddsförordningen ["+number+"]"):
			notices++
		default:
			t.Errorf("kundservice's Sent folder holds a mail %q", subject)
		}
	}
	if toAsa != 1 || notices == 0 {
		t.Errorf("kundservice's Sent folder holds %d answers to Åsa and %d Art. 19 notices since the restart, want 1 and some", toAsa, notices)
	}
	if _, err := os.Stat(filepath.Join(dataDir, "outbox", number+"-response.pdf")); err == nil {
		t.Error("an answer sent by e-mail is in the print queue")
	}
	subject, inReplyTo, pdf := readAnswer(t, answers[0])
	if subject != "Re: Radera mina personuppgifter ["+number+"]" || inReplyTo != "e2e-erasure@example.se" {
		t.Errorf("the answer is %q in reply to %q, want a reply in the request's thread", subject, inReplyTo)
	}
	text := lettertest.Text(t, pdf)
	for _, want := range []string{"Svar på din begäran", number, testName, "radering av dina personuppgifter", "Integritetsskyddsmyndigheten",
		"skickats med e-post till " + testEmail} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q:\n%s", want, text)
		}
	}

	st, err := store.Open(context.Background(), databaseURL, filepath.Join(dataDir, "dsr.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	events, err := audit.New(st).Events(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
		if e.Action == "temporal.callers" && !strings.Contains(e.Details, `"name":"decision","identity":"webui-e2e"`) {
			t.Errorf("the callers Temporal recorded are not in the trail: %s", e.Details)
		}
		if e.Action == "fulfilment.done" && (!strings.Contains(e.Details, "rows erased") || !strings.Contains(e.Details, `"recipients_notified":["Exempel`)) {
			t.Errorf("fulfilment did not erase in the systems, or told no recipient: %s", e.Details)
		}
	}
	// Every letter of the case and the scanned one can reach its reader.
	assertDeliverable(t, st)
	reg := st.Register()
	if suppressed, err := reg.Suppressed(context.Background(), nil, register.Subject{Personnummer: "199007042386"}); err != nil || !suppressed {
		t.Errorf("after erasure the person is not on the marketing suppression list (%v)", err)
	}
	want := "case.received letter.sent signal.rejected signal.rejected case.note attachment.read identity.verified identity.copies_deleted signal.rejected decision.approved fulfilment.done letter.sent temporal.callers case.closed"
	if strings.Join(actions, " ") != want {
		t.Errorf("audit trail:\n got  %s\n want %s", strings.Join(actions, " "), want)
	}
	// The signer signs a root over the heads every second here (every
	// minute by default): the closure is soon covered.
	var shown string
	waitFor(t, 30*time.Second, "a signed root to cover the closed case", func() bool {
		shown = runCLI(t, env, "audit", "show", number)
		return strings.Contains(shown, "Signed checkpoint: event 14")
	})
	if !strings.Contains(shown, "Hash chain verified: 14 events") || !strings.Contains(shown, "on time: yes") {
		t.Errorf("dsr audit show did not verify the chain and its checkpoint:\n%s", shown)
	}
	// Verified with the heads the workflows keep, through Temporal.
	if out := runCLI(t, cli, "audit", "verify"); !strings.HasPrefix(out, "OK: 14 events in 1 cases;") || !strings.Contains(out, "1 heads known to the workflows found") {
		t.Errorf("dsr audit verify:\n%s", out)
	}
	exported := filepath.Join(dataDir, "checkpoints.jsonl")
	runCLI(t, env, "audit", "checkpoints", "--export", exported)
	if out := runCLI(t, cli, "audit", "verify", "--case", number, "--checkpoints", exported); !strings.HasPrefix(out, "OK: 14 events") || !strings.Contains(out, "1 heads known") {
		t.Errorf("dsr audit verify --case with exported checkpoints:\n%s", out)
	}
	report := filepath.Join(dataDir, "report.pdf")
	runCLI(t, env, "audit", "export", number, "--format", "pdf", "--out", report)
	if b, err := os.ReadFile(report); err != nil || !strings.Contains(lettertest.Text(t, b), "intact") {
		t.Errorf("the PDF export does not state the verification (err %v)", err)
	}
	if out := runCLI(t, env, "audit", "overview", "--from", "2026-01-01", "--to", "2030-12-31"); !strings.Contains(out, "Answered: 1 (on time 1, late 0)") {
		t.Errorf("dsr audit overview:\n%s", out)
	}
	if out := runCLI(t, cli, "case", "show", number); !strings.Contains(out, `"stage": "closed"`) || !strings.Contains(out, `"outcome": "completed"`) {
		t.Errorf("dsr case show:\n%s", out)
	}

	// A clerk enters a scanned letter; the clock starts on its arrival day.
	scan := filepath.Join(dataDir, "brev.pdf")
	os.WriteFile(scan, []byte("%PDF-1.4 a scanned letter"), 0o644)
	scanEnv := map[string]string{"DSR_DATA_DIR": dataDir, "DATABASE_URL": databaseURL, "TEMPORAL_ADDRESS": cli["TEMPORAL_ADDRESS"]}
	out = runCLI(t, scanEnv, "intake", "scan", scan, "--received", "2026-11-02", "--rights", "access", "--name", "Per Post", "--address", "Postvägen 1|722 10 Västerås")
	if !strings.HasPrefix(out, "scanned letter taken in as DSR-2026-") {
		t.Fatalf("dsr intake scan: %s", out)
	}
	scanned := strings.TrimSuffix(strings.Fields(out)[5], ",")
	waitFor(t, 30*time.Second, "the scanned letter's case to start", func() bool {
		s := caseStatus(t, c, scanned)
		return s.Stage == workflows.StageIdentity && s.Received == "2026-11-02" && s.Channel == "post" && len(s.Letters) == 1
	})

	// The post room prints the day's letters and confirms they went out.
	batch := filepath.Join(dataDir, "batch.pdf")
	// The print queue holds the letters by post alone: the scanned
	// letter's acknowledgement, to the address it came from, which names
	// its route, and the Art. 19 notices to the (made-up) recipients by
	// post; not the answers that went by e-mail.
	if out := runCLI(t, env, "letters", "batch", "--since", "2026-01-01", "--out", batch); !strings.Contains(out, "letters in") || strings.Contains(out, "left out") {
		t.Errorf("dsr letters batch: %s", out)
	}
	if b, err := os.ReadFile(batch); err != nil {
		t.Error(err)
	} else if text := lettertest.Text(t, b); !strings.Contains(text, "Vi har tagit emot din begäran") || !strings.Contains(text, "Postvägen 1") ||
		!strings.Contains(text, "skickats med post till Postvägen 1, 722 10 Västerås") || strings.Contains(text, "Svar på din begäran") ||
		!strings.Contains(text, "Meddelande enligt artikel 19") {
		t.Errorf("the batch PDF is not the letters by post:\n%s", text)
	}
	if out := runCLI(t, env, "letters", "posted", "batch.pdf"); !strings.Contains(out, "marked as posted") || strings.HasPrefix(out, "0 ") {
		t.Errorf("dsr letters posted: %s", out)
	}
	if out := runCLI(t, env, "letters", "batch", "--since", "2026-01-01", "--out", batch); !strings.Contains(out, "no letters to post") {
		t.Errorf("posted letters came back in the next batch: %s", out)
	}
	if out := runCLI(t, cli, "audit", "verify"); !strings.HasPrefix(out, "OK:") {
		t.Errorf("the trail does not verify after posting: %s", out)
	}

	listedBeforeStop := ui.rawList(t)
	stack.stop(t)
	secrets := []string{testPersonnummer, "199007042386", testName, "Öberg", testEmail, "Storgatan 1"}
	for _, secret := range secrets {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the logs contain personal data %q", secret)
		}
	}
	// Nor do workflow ids, search attributes or memos, which the UI shows raw.
	listing := listedBeforeStop
	if !strings.Contains(listing, `["erasure"]`) {
		t.Fatalf("the listing's search attributes were not decoded:\n%.500s", listing)
	}
	for _, secret := range secrets {
		if strings.Contains(listing, secret) {
			t.Errorf("the workflow listing (ids, search attributes, memos) contains %q", secret)
		}
	}
	// Temporal's own storage holds ciphertext only, though a note with the
	// name and personnummer went through it as a signal.
	files, _ := filepath.Glob(filepath.Join(dataDir, "temporal.db*"))
	if len(files) == 0 {
		t.Fatal("no Temporal database file to search")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range append(secrets, "ringde", "ID-KORT") {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("Temporal's database %s contains %q in clear", filepath.Base(f), secret)
			}
		}
	}
	// The engine's own database keeps the case record, but the message and
	// its ID copy only encrypted (and the copy not at all any more).
	if databaseURL == "" {
		files, _ := filepath.Glob(filepath.Join(dataDir, "dsr.db*"))
		for _, f := range files {
			b, _ := os.ReadFile(f)
			for _, secret := range []string{"ID-KORT", idCopyBase64[:20], "raderar alla mina"} {
				if bytes.Contains(b, []byte(secret)) {
					t.Errorf("the engine's database %s contains %q in clear", filepath.Base(f), secret)
				}
			}
		}
	}
}

// attachmentID is the id `dsr case attachments` shows for the case's one
// attachment.
func attachmentID(t *testing.T, env map[string]string, number string) string {
	t.Helper()
	for _, line := range strings.Split(runCLI(t, env, "case", "attachments", number), "\n")[1:] {
		if f := strings.Fields(line); len(f) > 0 {
			return f[0]
		}
	}
	t.Fatalf("%s has no attachment", number)
	return ""
}

// assertSignalsDeclared reads the metadata the Web UI reads to list a
// workflow's signals, and checks each is there with its description.
func assertSignalsDeclared(t *testing.T, c client.Client, number string) {
	t.Helper()
	v, err := c.QueryWorkflow(context.Background(), number, "", "__temporal_workflow_metadata")
	if err != nil {
		t.Fatal(err)
	}
	var md sdkpb.WorkflowMetadata
	if err := v.Get(&md); err != nil {
		t.Fatal(err)
	}
	declared := map[string]string{}
	for _, d := range md.GetDefinition().GetSignalDefinitions() {
		declared[d.GetName()] = d.GetDescription()
	}
	for _, name := range []string{workflows.SignalClassify, workflows.SignalIdentity, workflows.SignalDecision,
		workflows.SignalAssign, workflows.SignalNote, workflows.SignalWithdraw} {
		if !strings.Contains(declared[name], `"actor"`) {
			t.Errorf("signal %s is not declared with a description showing its payload (got %q)", name, declared[name])
		}
	}
}

// dialWithCodec connects as the worker and the CLI do, with the local
// stack's payload keys.
func dialWithCodec(t *testing.T, port int, dataDir string) client.Client {
	t.Helper()
	cfg, err := config.Load(mapEnv(map[string]string{"PAYLOAD_KEYS_FILE": filepath.Join(dataDir, "payload-keys"),
		"TEMPORAL_ADDRESS": fmt.Sprintf("127.0.0.1:%d", port)}))
	if err != nil {
		t.Fatal(err)
	}
	c, err := dialTemporal(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type devProcess struct {
	cancel context.CancelFunc
	done   chan error
}

func startDev(t *testing.T, env map[string]string, ports []int, logs io.Writer) *devProcess {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout := &syncBuffer{}
	p := &devProcess{cancel: cancel, done: make(chan error, 1)}
	args := []string{"dev", "--temporal-port", strconv.Itoa(ports[0]), "--ui-port", strconv.Itoa(ports[1]), "--imap-port", strconv.Itoa(ports[2]), "--codec-port", strconv.Itoa(ports[3]),
		"--smtp-port", "0"}
	go func() { p.done <- run(ctx, args, mapEnv(env), stdout, logs) }()
	waitFor(t, 60*time.Second, "dsr dev to start", func() bool {
		select {
		case err := <-p.done:
			t.Fatalf("dsr dev exited: %v", err)
		default:
		}
		return strings.Contains(stdout.String(), "dsr dev is running")
	})
	return p
}

func (p *devProcess) stop(t *testing.T) {
	t.Helper()
	if p.cancel == nil {
		return
	}
	p.cancel()
	p.cancel = nil
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("dsr dev stopped with an error: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("dsr dev did not stop within 60s of Ctrl-C")
	}
}

func runCLI(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	var out bytes.Buffer
	if err := run(context.Background(), args, mapEnv(env), &out, io.Discard); err != nil {
		t.Fatalf("dsr %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	return out.String()
}

func mapEnv(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func freePorts(t testing.TB, n int) []int {
	t.Helper()
	ports, err := devstack.FreePorts(n)
	if err != nil {
		t.Fatal(err)
	}
	return ports
}

// deliver appends a message to the INBOX over IMAP, as a mail server would.
func deliver(t *testing.T, port int, msg string) {
	t.Helper()
	if err := appendMessage(port, []byte(msg)); err != nil {
		t.Fatal(err)
	}
}

// mailboxMessages returns the messages in a folder of user's mailbox on
// dsr dev's IMAP server (a customer's password is the dev one).
func mailboxMessages(t *testing.T, port int, user, folder string) [][]byte {
	t.Helper()
	cl, err := imapclient.DialInsecure(fmt.Sprintf("127.0.0.1:%d", port), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	if err := cl.Login(user, devIMAPPassword).Wait(); err != nil {
		t.Fatalf("log in as %s: %v", user, err)
	}
	data, err := cl.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatalf("%s of %s: %v", folder, user, err)
	}
	if data.NumMessages == 0 {
		return nil
	}
	var all imap.SeqSet
	all.AddRange(1, data.NumMessages)
	msgs, err := cl.Fetch(all, &imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{{Peek: true}}}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, m := range msgs {
		for _, b := range m.BodySection {
			out = append(out, b.Bytes)
		}
	}
	return out
}

// readAnswer returns a mail's subject, the Message-ID it replies to and
// the PDF it carries.
func readAnswer(t *testing.T, raw []byte) (subject, inReplyTo string, pdf []byte) {
	t.Helper()
	mr, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ = mr.Header.Subject()
	if ids, _ := mr.Header.MsgIDList("In-Reply-To"); len(ids) == 1 {
		inReplyTo = ids[0]
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if _, ok := p.Header.(*mail.AttachmentHeader); ok {
			pdf, _ = io.ReadAll(p.Body)
		}
	}
	return subject, inReplyTo, pdf
}

// appendMessage appends raw to the INBOX of dsr dev's IMAP server.
func appendMessage(port int, raw []byte) error {
	cl, err := imapclient.DialInsecure(fmt.Sprintf("127.0.0.1:%d", port), nil)
	if err != nil {
		return err
	}
	defer cl.Close()
	if err := cl.Login("kundservice@harmoniq.se", devIMAPPassword).Wait(); err != nil {
		return err
	}
	cmd := cl.Append("INBOX", int64(len(raw)), &imap.AppendOptions{Time: time.Now()})
	if _, err := cmd.Write(raw); err != nil {
		return err
	}
	if err := cmd.Close(); err != nil {
		return err
	}
	if _, err := cmd.Wait(); err != nil {
		return err
	}
	return cl.Logout().Wait()
}

func caseStatus(t *testing.T, c client.Client, number string) workflows.Status {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	v, err := c.QueryWorkflow(ctx, number, "", workflows.QueryStatus)
	if err != nil {
		return workflows.Status{}
	}
	var s workflows.Status
	if err := v.Get(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// uiClient talks to the Temporal Web UI's HTTP API the way the UI's own
// pages do, CSRF token included.
type uiClient struct {
	base  string
	codec string
	http  *http.Client
	csrf  string
}

func newUIClient(t *testing.T, base string, codecPort int) *uiClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	u := &uiClient{base: base, codec: fmt.Sprintf("http://127.0.0.1:%d", codecPort), http: &http.Client{Jar: jar, Timeout: 10 * time.Second}}
	resp, err := u.http.Get(base + "/api/v1/settings")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	parsed, _ := url.Parse(base)
	for _, ck := range jar.Cookies(parsed) {
		if ck.Name == "_csrf" {
			u.csrf = ck.Value
		}
	}
	if u.csrf == "" {
		t.Fatal("the Web UI set no CSRF cookie")
	}
	return u
}

// rawList returns the Web UI API's workflow listing as JSON text, with the
// search attributes and memos decoded from base64 as the UI shows them.
func (u *uiClient) rawList(t *testing.T) string {
	t.Helper()
	resp, err := u.http.Get(u.base + "/api/v1/namespaces/default/workflows")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var decoded strings.Builder
	decoded.Write(body)
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	var walk func(any)
	walk = func(x any) {
		switch y := x.(type) {
		case map[string]any:
			for _, z := range y {
				walk(z)
			}
		case []any:
			for _, z := range y {
				walk(z)
			}
		case string:
			if b, err := base64.StdEncoding.DecodeString(y); err == nil {
				decoded.WriteString("\n")
				decoded.Write(b)
			}
		}
	}
	walk(v)
	return decoded.String()
}

func (u *uiClient) workflowIDs(t *testing.T, query string) []string {
	t.Helper()
	resp, err := u.http.Get(u.base + "/api/v1/namespaces/default/workflows?query=" + url.QueryEscape(query))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Executions []struct {
			Execution struct {
				WorkflowID string `json:"workflowId"`
			} `json:"execution"`
		} `json:"executions"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("list workflows through the UI: %v", err)
	}
	var ids []string
	for _, e := range body.Executions {
		ids = append(ids, e.Execution.WorkflowID)
	}
	return ids
}

// signal sends a signal as the UI's signal form does with a codec endpoint
// configured: the JSON becomes a json/plain payload, the codec server
// encrypts it, and the encrypted payload goes to the HTTP API.
func (u *uiClient) signal(t *testing.T, workflowID, name, jsonPayload string) {
	t.Helper()
	if err := u.trySignal(workflowID, name, []byte(jsonPayload)); err != nil {
		t.Fatal(err)
	}
}

// trySignal sends a signal as the Web UI does, through the codec server's
// /encode, and returns what went wrong, if anything. While the workflow is
// busy closing a run to continue as new, Temporal answers 429; a person
// clicks again, and so does this.
func (u *uiClient) trySignal(workflowID, name string, jsonPayload []byte) error {
	var err error
	for range 40 {
		if err = u.signalOnce(workflowID, name, jsonPayload); err == nil || !strings.Contains(err.Error(), "429 Too Many Requests") {
			return err
		}
		time.Sleep(250 * time.Millisecond)
	}
	return err
}

// encode seals an input as the Web UI does with a codec endpoint: the JSON
// becomes a json/plain payload, which the codec server's /encode encrypts.
func (u *uiClient) encode(jsonPayload []byte) (map[string]any, error) {
	b64 := base64.StdEncoding.EncodeToString
	plain, _ := json.Marshal(map[string]any{"payloads": []any{map[string]any{
		"metadata": map[string]string{"encoding": b64([]byte("json/plain"))},
		"data":     b64(jsonPayload),
	}}})
	req, _ := http.NewRequest(http.MethodPost, u.codec+"/encode", bytes.NewReader(plain))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", u.base)
	req.Header.Set("X-Namespace", "default")
	resp, err := u.http.Do(req)
	if err != nil {
		return nil, err
	}
	var encoded map[string]any
	err = json.NewDecoder(resp.Body).Decode(&encoded)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || resp.Header.Get("Access-Control-Allow-Origin") != u.base {
		return nil, fmt.Errorf("codec server /encode: %s, %v, CORS %q", resp.Status, err, resp.Header.Get("Access-Control-Allow-Origin"))
	}
	return encoded, nil
}

func (u *uiClient) signalOnce(workflowID, name string, jsonPayload []byte) error {
	encoded, err := u.encode(jsonPayload)
	if err != nil {
		return err
	}
	body, _ := json.Marshal(map[string]any{
		"signalName":        name,
		"workflowExecution": map[string]string{"workflowId": workflowID},
		"input":             encoded,
		"identity":          "webui-e2e",
	})
	req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/v1/namespaces/default/workflows/%s/signal/%s", u.base, url.PathEscape(workflowID), name), bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", u.csrf)
	resp, err := u.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 2000))
		return fmt.Errorf("signal %s through the UI: %s: %s", name, resp.Status, msg)
	}
	return nil
}

// card reads the case card as the Web UI does: the workflow's current
// details by the metadata query, through the HTTP API, opened by the codec
// server's /decode.
func (u *uiClient) card(t *testing.T, workflowID string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"execution": map[string]string{"workflowId": workflowID}, "query": map[string]string{"queryType": "__temporal_workflow_metadata"}})
	var res struct {
		QueryResult json.RawMessage `json:"queryResult"`
	}
	u.post(t, fmt.Sprintf("/api/v1/namespaces/default/workflows/%s/query/__temporal_workflow_metadata", url.PathEscape(workflowID)), body, &res)
	req, _ := http.NewRequest(http.MethodPost, u.codec+"/decode", bytes.NewReader(res.QueryResult))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", u.base)
	req.Header.Set("X-Namespace", "default")
	resp, err := u.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var decoded struct {
		Payloads []struct {
			Data []byte `json:"data"`
		} `json:"payloads"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&decoded); err != nil || len(decoded.Payloads) != 1 {
		t.Fatalf("decode the card: %v (%d payloads)", err, len(decoded.Payloads))
	}
	var md struct {
		CurrentDetails string `json:"currentDetails"`
	}
	if err := json.Unmarshal(decoded.Payloads[0].Data, &md); err != nil {
		t.Fatalf("the metadata query's answer: %v", err)
	}
	return md.CurrentDetails
}

// update sends an update as the UI's update form does and returns the
// reason the case refused it ("" when it took it).
func (u *uiClient) update(t *testing.T, workflowID, name, jsonPayload string) string {
	t.Helper()
	encoded, err := u.encode([]byte(jsonPayload))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(map[string]any{
		"workflowExecution": map[string]string{"workflowId": workflowID},
		"request": map[string]any{"meta": map[string]string{"updateId": fmt.Sprintf("e2e-%d", time.Now().UnixNano()), "identity": "webui-e2e"},
			"input": map[string]any{"name": name, "args": encoded}},
		"waitPolicy": map[string]string{"lifecycleStage": "UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED"},
	})
	var res struct {
		Outcome struct {
			Failure *struct {
				Message           string          `json:"message"`
				EncodedAttributes json.RawMessage `json:"encodedAttributes"`
			} `json:"failure"`
		} `json:"outcome"`
	}
	u.post(t, fmt.Sprintf("/api/v1/namespaces/default/workflows/%s/update/%s", url.PathEscape(workflowID), name), body, &res)
	if f := res.Outcome.Failure; f != nil {
		if len(f.EncodedAttributes) > 0 && f.Message == "Encoded failure" {
			return "Encoded failure"
		}
		return f.Message
	}
	return ""
}

func (u *uiClient) post(t *testing.T, path string, body []byte, out any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, u.base+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", u.csrf)
	resp, err := u.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST %s: %s: %s", path, resp.Status, raw)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("POST %s: %v: %s", path, err, raw)
	}
}

func waitFor(t *testing.T, limit time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", limit, what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
