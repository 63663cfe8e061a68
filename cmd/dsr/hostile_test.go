package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/hostile"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/harmoniq/dsr/workflows"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"
)

// TestHostileInputNeverStopsTheEngine runs `dsr dev` and sends it the
// hostile mail corpus, then hostile staff input against the case the good
// request behind it became: every signal with wrong types, control
// characters, megabyte fields and names, JSON nested thousands deep,
// invalid UTF-8, a payload over Temporal's limit, input in clear past the
// codec, and a flood. Every message is accounted for, every case has its
// workflow, the engine never dies, the case still takes a good input, no
// workflow task ever fails, and the log carries no sender's address or
// control character.
func TestHostileInputNeverStopsTheEngine(t *testing.T) {
	ctx := context.Background()
	started := time.Now()
	dataDir := t.TempDir()
	ports := freePorts(t, 4)
	dbURL := storetest.PostgresURL(t)
	env := map[string]string{"DSR_DATA_DIR": dataDir, "DATABASE_URL": dbURL, "IMAP_POLL_INTERVAL": "1s",
		"IMAP_MAX_MESSAGE_BYTES": strconv.Itoa(hostile.CapBytes), "LOG_LEVEL": "info"}
	logs := &syncBuffer{}
	stack := startDev(t, env, ports, logs)
	defer stack.stop(t)
	alive := func(when string) {
		t.Helper()
		select {
		case err := <-stack.done:
			stack.cancel = nil
			t.Fatalf("dsr dev died %s: %v", when, err)
		default:
		}
	}

	// The mail.
	mails := hostile.Mails()
	delivered, refused := 0, 0
	for _, m := range mails {
		if err := appendMessage(ports[2], m.Raw); err != nil {
			if !m.MayBeRefused {
				t.Fatalf("%s: the IMAP server refused it: %v", m.Name, err)
			}
			refused++
			continue
		}
		delivered++
	}
	deliver(t, ports[2], string(hostile.Good("behind-the-hostile-mail")))
	delivered++
	st, err := store.Open(ctx, dbURL, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// The key ring dsr dev made, to read the notes sealed in the trail.
	if err := attachVault(st, config.Config{DataDir: dataDir}); err != nil {
		t.Fatal(err)
	}
	var number string
	waitFor(t, 180*time.Second, "the request behind the hostile mail to be a case", func() bool {
		alive("reading the hostile mail")
		_ = storetest.SQL(t, st).NewRaw("SELECT number FROM cases WHERE requester_email = ?", "behind-the-hostile-mail@example.se").Scan(ctx, &number)
		return number != ""
	})
	// Intake reads in order and moves the checkpoint past a message once
	// it is where it belongs: past the last, each is in exactly one folder.
	waitFor(t, 60*time.Second, "intake to move past the last message", func() bool {
		cp, err := st.Checkpoint(ctx, "INBOX")
		return err == nil && cp.LastUID >= int64(delivered)
	})
	folders := map[string]int{}
	cl, err := imapclient.DialInsecure(fmt.Sprintf("127.0.0.1:%d", ports[2]), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := cl.Login("kundservice@harmoniq.se", devIMAPPassword).Wait(); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, f := range []string{"INBOX", "Behandlad", "Karantän"} {
		sd, err := cl.Status(f, &imap.StatusOptions{NumMessages: true}).Wait()
		if err != nil {
			continue
		}
		folders[f] = int(*sd.NumMessages)
		total += int(*sd.NumMessages)
	}
	cl.Close()
	if total != delivered {
		t.Errorf("%d messages delivered, %d in the folders (%v)", delivered, total, folders)
	}
	var numbers []string
	if err := storetest.SQL(t, st).NewRaw("SELECT number FROM cases ORDER BY number").Scan(ctx, &numbers); err != nil {
		t.Fatal(err)
	}
	qs, err := st.QuarantinedMessages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c := dialWithCodec(t, ports[0], dataDir)
	defer c.Close()
	for _, n := range numbers {
		if _, err := c.DescribeWorkflowExecution(ctx, n, ""); err != nil {
			t.Errorf("case %s has no workflow: %v", n, err)
		}
	}
	t.Logf("hostile mail: %d messages delivered (%d refused by the server), %d cases opened, %d recorded as set aside or left; folders %v",
		delivered, refused, len(numbers), len(qs), folders)

	// The staff inputs.
	waitFor(t, 30*time.Second, "the case to wait for identity", func() bool { return caseStatus(t, c, number).Stage == workflows.StageIdentity })
	ui := newUIClient(t, fmt.Sprintf("http://127.0.0.1:%d", ports[1]), ports[3])
	deep := strings.Repeat("[", 5000) + strings.Repeat("]", 5000)
	payloads := []string{
		`null`, `[]`, `"identity"`, `42`, `{}`, `{"actor":1}`, `{"actor":["anna.k"]}`,
		`{"actor":"anna\u0000k"}`, `{"actor":"anna.k\u001b[2J"}`, `{"actor":"anna.k\u202e"}`,
		`{"actor":"` + strings.Repeat("A", 1<<20) + `"}`,
		`{"actor":"anna.k","` + strings.Repeat("x", 700<<10) + `":1}`,
		`{"actor":"anna.k","nested":` + deep + `}`,
		`{"actor":"anna.k","result":1e400}`,
		"{\"actor\":\"anna.k\xff\xfe\"}",
		`{"actor":"anna.k","result":"verified","method":"id_document","id_copies":[` + strings.Repeat("1,", 100000) + `1]}`,
	}
	signals := []string{workflows.SignalClassify, workflows.SignalIdentity, workflows.SignalComplement, workflows.SignalDecision, workflows.SignalExtend,
		workflows.SignalAssign, workflows.SignalNote, workflows.SignalWithdraw, workflows.SignalRequester}
	sent, refusedByTemporal := 0, 0
	for _, name := range signals {
		for _, p := range payloads {
			alive("taking staff input")
			if err := ui.trySignal(number, name, []byte(p)); err != nil {
				t.Fatalf("signal %s with a hostile payload of %d bytes was not sent: %v", name, len(p), err)
			}
			sent++
		}
	}
	// Over Temporal's payload limit: the server refuses it; the case never sees it.
	if err := ui.trySignal(number, workflows.SignalNote, []byte(`{"actor":"anna.k","text":"`+strings.Repeat("B", 3<<20)+`"}`)); err != nil {
		refusedByTemporal++
	} else {
		sent++
	}
	// In clear, past the codec, as the Temporal CLI without --codec-endpoint.
	plain, err := client.Dial(client.Options{HostPort: fmt.Sprintf("127.0.0.1:%d", ports[0]), Namespace: "default",
		Logger: sdklog.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))})
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	inClear := 0
	for _, name := range signals {
		if err := plain.SignalWorkflow(ctx, number, "", name, map[string]any{"actor": "anna.k", "text": "i klartext", "reason": "klar", "assignee": "eve"}); err != nil {
			t.Fatal(err)
		}
		inClear++
	}
	// A flood: 300 misplaced decisions, as fast as they go.
	flood := 0
	for range 300 {
		if err := c.SignalWorkflow(ctx, number, "", workflows.SignalDecision, map[string]any{"actor": "anna.k", "outcome": "approved"}); err != nil {
			t.Fatal(err)
		}
		flood++
	}
	// And then a good input: the case takes it.
	ui.signal(t, number, workflows.SignalNote, `{"actor":"anna.k","text":"Efter allt detta: kunden ringde."}`)
	trail := audit.New(st)
	var events []audit.Event
	noted := func() bool {
		alive("after the hostile input")
		events, err = trail.Events(ctx, number)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events {
			if e.Action != "case.note" {
				continue
			}
			// The note's text is sealed with the case's key.
			if d, err := trail.Readable(ctx, e); err == nil && strings.Contains(d, "Efter allt detta") {
				return true
			}
		}
		return false
	}
	for deadline := time.Now().Add(120 * time.Second); !noted(); time.Sleep(200 * time.Millisecond) {
		if time.Now().After(deadline) {
			// What the case was doing, to tell a stuck step from a slow one.
			var doing []string
			if d, err := c.DescribeWorkflowExecution(ctx, number, ""); err == nil {
				for _, pa := range d.PendingActivities {
					doing = append(doing, fmt.Sprintf("%s attempt %d: %s", pa.ActivityType.GetName(), pa.Attempt, pa.LastFailure.GetMessage()))
				}
			}
			t.Fatalf("the good note after the hostile input was not recorded in 2 minutes; the case's pending steps: %v; %d events", doing, len(events))
		}
	}
	counts := map[string]int{}
	for _, e := range events {
		counts[e.Action]++
		if len(e.Details) > 2000 {
			t.Errorf("a %s event of %d bytes", e.Action, len(e.Details))
		}
	}
	s := caseStatus(t, c, number)
	if s.Stage != workflows.StageIdentity || s.Due == "" || len(s.Pending) == 0 {
		t.Errorf("after the hostile input the case is at %q, due %q, waiting for %v", s.Stage, s.Due, s.Pending)
	}
	// At most 20 a clock hour are recorded one by one; the input may
	// have spanned the turn of an hour.
	if hours := int(time.Now().Truncate(time.Hour).Sub(started.Truncate(time.Hour))/time.Hour) + 1; counts["signal.rejected"] > 20*hours {
		t.Errorf("%d rejections recorded one by one in %d clock hours; at most 20 an hour", counts["signal.rejected"], hours)
	}
	desc, err := c.DescribeWorkflowExecution(ctx, number, "")
	if err != nil {
		t.Fatal(err)
	}
	if status := desc.GetWorkflowExecutionInfo().GetStatus(); status != enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
		t.Errorf("the case's workflow is %s, want running", status)
	}
	failed := 0
	it := c.GetWorkflowHistory(ctx, number, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for it.HasNext() {
		e, err := it.Next()
		if err != nil {
			t.Fatal(err)
		}
		if e.GetEventType() == enumspb.EVENT_TYPE_WORKFLOW_TASK_FAILED {
			failed++
		}
	}
	if failed > 0 {
		t.Errorf("%d workflow tasks failed on the hostile input", failed)
	}
	info := desc.GetWorkflowExecutionInfo()
	t.Logf("staff input: %d hostile signals through the Web UI, %d refused by Temporal (over its payload limit), %d in clear past the codec, %d in a flood, then one good note; "+
		"audit: %d rejected and recorded, %d notes, continued as new %d times; the last run's history %d events, %d bytes",
		sent, refusedByTemporal, inClear, flood, counts["signal.rejected"], counts["case.note"], counts["case.continued"], info.GetHistoryLength(), info.GetHistorySizeBytes())

	alive("at the end")
	out := logs.String()
	for _, bad := range []string{"@hostile.example", "\x1b", "\x00", "Robert'); DROP"} {
		if strings.Contains(out, bad) {
			t.Errorf("the log holds %q", bad)
		}
	}
}
