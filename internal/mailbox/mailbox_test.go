package mailbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/devstack"
	"github.com/harmoniq/dsr/internal/intake"
	"github.com/harmoniq/dsr/internal/mailbox"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/harmoniq/dsr/workflows"
)

// recorder stands in for Temporal: it records the cases started and the
// replies delivered, so the test sees exactly what intake asked for.
type recorder struct {
	mu      sync.Mutex
	started map[string]int
	inputs  map[string]workflows.CaseInput
	replies map[string]int
	// down makes StartCase fail, as when the worker dies or Temporal is
	// unreachable between storing a message and starting its case.
	down bool
	// slow makes each start take this long, as a busy server's does.
	slow time.Duration
}

func (r *recorder) StartCase(_ context.Context, in workflows.CaseInput) error {
	time.Sleep(r.slow)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.down {
		return errors.New("temporal unreachable")
	}
	r.started[in.CaseNumber]++
	r.inputs[in.CaseNumber] = in
	return nil
}

func (r *recorder) ReplyReceived(_ context.Context, number string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.started[number] == 0 {
		// As Temporal answers for a workflow it does not have.
		return fmt.Errorf("%s: %w", number, mailbox.ErrCaseClosed)
	}
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

// TestAReplyReadWithItsRequestWaitsForTheCaseToStart: a request and a
// reply to it in the same poll, the request's start slow: the reply
// reaches the case (not "after closure"), and the request delivered twice
// starts its case once.
func TestAReplyReadWithItsRequestWaitsForTheCaseToStart(t *testing.T) {
	srv := inProcess(t)
	rec := newRecorder()
	rec.slow = 200 * time.Millisecond
	p, _ := newPoller(t, srv.addr, rec, time.Second)
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for _, m := range []string{request, reply(1), request} {
		if err := srv.deliver([]byte(m), at); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := p.PollOnce(context.Background()); err != nil || n != 3 {
		t.Fatalf("poll read %d, %v; want 3", n, err)
	}
	if len(rec.started) != 1 || len(rec.replies) != 1 {
		t.Fatalf("started %v, replies %v; want one case started once and its reply delivered", rec.started, rec.replies)
	}
	for number, times := range rec.started {
		if times != 1 || rec.replies[number] != 1 {
			t.Errorf("case %s started %d times, its reply delivered %d times; want once each", number, times, rec.replies[number])
		}
	}
}

// imapServer is a server intake reads from, and how to put mail in it.
var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

// inProcess starts the IMAP server of `dsr dev` for the test.
func inProcess(t testing.TB) imapServer {
	t.Helper()
	srv, err := devstack.StartIMAP("127.0.0.1:0", "kundservice@harmoniq.se", "pw", "", discard)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	return imapServer{addr: srv.Addr, deliver: srv.Deliver}
}

// dovecot starts Dovecot for the test.
func dovecot(t testing.TB) imapServer {
	t.Helper()
	addr := startDovecot(t)
	return imapServer{addr: addr, deliver: func(raw []byte, at time.Time) error { return appendMail(addr, raw, at) }}
}

// bothServers runs f against the in-process server and against Dovecot, a
// server nobody here wrote.
func bothServers(t *testing.T, f func(t *testing.T, srv imapServer)) {
	t.Run("in-process server", func(t *testing.T) { f(t, inProcess(t)) })
	t.Run("Dovecot", func(t *testing.T) { f(t, dovecot(t)) })
}

// newPoller reads addr into a fresh PostgreSQL store, starting cases on rec.
func newPoller(t testing.TB, addr string, rec *recorder, interval time.Duration) (*mailbox.Poller, *store.Store) {
	t.Helper()
	st := storetest.Postgres(t)
	return &mailbox.Poller{
		Config: mailbox.Config{Addr: addr, User: "kundservice@harmoniq.se", Password: "pw", Security: mailbox.SecurityPlain,
			Mailbox: "INBOX", ProcessedFolder: "Behandlad", QuarantineFolder: "Karantän", PollInterval: interval},
		Processor: &mailbox.Processor{Store: st, Starter: rec, Policy: deadline.DefaultPolicy},
		Log:       discard,
	}, st
}

func newRecorder() *recorder {
	return &recorder{started: map[string]int{}, inputs: map[string]workflows.CaseInput{}, replies: map[string]int{}}
}

// imapServer is a server intake reads from, and how to put mail in it.
type imapServer struct {
	addr    string
	deliver func(raw []byte, at time.Time) error
}

// TestIntakeFromRealIMAPServers runs the same intake against the in-process
// server of `dsr dev` and against Dovecot.
func TestIntakeFromRealIMAPServers(t *testing.T) { bothServers(t, intakeScenario) }

func intakeScenario(t *testing.T, srv imapServer) {
	rec := newRecorder()
	p, st := newPoller(t, srv.addr, rec, time.Second)
	ctx := context.Background()
	// Anna is a customer already: her address is on record.
	if _, err := storetest.SQL(t, st).ExecContext(ctx, "INSERT INTO webshop.customers (personnummer, name, email, created_at) VALUES ('', 'Anna Svensson', 'anna.svensson@example.se', now())"); err != nil {
		t.Fatal(err)
	}
	deliveredAt := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for _, m := range []string{request, order, request} { // the request delivered twice
		if err := srv.deliver([]byte(m), deliveredAt); err != nil {
			t.Fatal(err)
		}
	}
	// A crash after the message is stored and before its case starts: the
	// poll fails, nothing is moved, and the next poll finishes the job.
	rec.down = true
	if _, err := p.PollOnce(ctx); err == nil {
		t.Fatal("the poll did not report the failed start")
	}
	rec.down = false
	if n, err := p.PollOnce(ctx); err != nil || n != 3 {
		t.Fatalf("poll after the crash read %d, %v; want 3", n, err)
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
	if !c.EmailOnRecord || c.PersonnummerOnRecord {
		t.Errorf("identity evidence: e-mail on record %v, personnummer on record %v; want true, false", c.EmailOnRecord, c.PersonnummerOnRecord)
	}

	// A reply goes to the case, not to a new one; read twice, it is told once.
	for i := range 2 {
		if err := srv.deliver([]byte(reply(1)), deliveredAt.Add(time.Duration(i+1)*time.Hour)); err != nil {
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
	if err := srv.deliver([]byte("From: x@example.se\r\nContent-Type: multipart/mixed\r\n\r\nno boundary, no parts\r\n"), deliveredAt); err != nil {
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
	// The server renumbers the mailbox (a new UIDVALIDITY): intake reads it
	// all again and opens nothing twice.
	if _, err := storetest.SQL(t, st).ExecContext(ctx, "UPDATE mailbox_checkpoints SET uid_validity = uid_validity + 1"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.PollOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if len(rec.started) != 2 || rec.replies[number] != 1 {
		t.Errorf("after a UIDVALIDITY change: started %v, replies %v", rec.started, rec.replies)
	}
	if !strings.HasPrefix(number, "DSR-2026-") {
		t.Errorf("case number %q", number)
	}
}

// startDovecot runs Dovecot for this test only.
func startDovecot(t testing.TB) string { return devstack.StartDovecot(t, nil) }

// appendMail puts a message in the INBOX over IMAP, with its INTERNALDATE.
func appendMail(addr string, raw []byte, at time.Time) error {
	cl, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		return err
	}
	defer cl.Close()
	if err := cl.Login("kundservice@harmoniq.se", "pw").Wait(); err != nil {
		return err
	}
	cmd := cl.Append("INBOX", int64(len(raw)), &imap.AppendOptions{Time: at})
	if _, err := cmd.Write(raw); err != nil {
		return err
	}
	if err := cmd.Close(); err != nil {
		return err
	}
	_, err = cmd.Wait()
	return err
}

// BenchmarkIntake measures messages per second from the in-process IMAP
// server through fetch, parse, classify and store into PostgreSQL (the
// workflow start is recorded, not sent to a server).
func BenchmarkIntake(b *testing.B) {
	srv := inProcess(b)
	p, _ := newPoller(b, srv.addr, newRecorder(), time.Minute)
	for i := range b.N {
		msg := strings.Replace(request, "<req-1@example.se>", fmt.Sprintf("<bench-%d@example.se>", i), 1)
		if err := srv.deliver([]byte(msg), time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	n, err := p.PollOnce(context.Background())
	if err != nil || n != b.N {
		b.Fatalf("read %d, %v; want %d", n, err, b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "messages/s")
}

func TestScannedLettersOpenCasesFromTheirArrivalDay(t *testing.T) {
	st := storetest.Postgres(t)
	rec := newRecorder()
	dir := t.TempDir()
	inbox := &mailbox.ScanInbox{Dir: dir, Processor: &mailbox.Processor{Store: st, Starter: rec, Policy: deadline.DefaultPolicy}, Log: discard}
	write := func(name, body, side string) {
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
		if side != "" {
			os.WriteFile(filepath.Join(dir, name+".json"), []byte(side), 0o644)
		}
	}
	write("brev1.pdf", "%PDF-1.4 scanned letter one", `{"received":"2026-11-02","rights":["access"],"personnummer":"19900704-2386","name":"Anna Svensson","address":["Storgatan 12","722 10 Västerås"],"id_copy":"brev1-leg.jpg"}`)
	write("brev1-leg.jpg", "JPEG körkort Anna Svensson", "")
	write("brev2.pdf", "%PDF-1.4 scanned letter two", `{"received":"2026-11-03","rights":["teleportation"]}`)
	write("brev3.pdf", "%PDF-1.4 still being scanned", "")
	if n, err := inbox.PollOnce(context.Background()); err != nil || n != 2 {
		t.Fatalf("poll handled %d, %v; want 2 (the third has no sidecar yet)", n, err)
	}
	if len(rec.started) != 1 {
		t.Fatalf("cases started %v, want one", rec.started)
	}
	for number := range rec.started {
		c, err := st.Case(context.Background(), number)
		if err != nil {
			t.Fatal(err)
		}
		if got := deadline.DateOf(c.ReceivedAt).Format(time.DateOnly); got != "2026-11-02" || c.Channel != "post" || c.RequesterAddress != "Storgatan 12\n722 10 Västerås" {
			t.Errorf("case: received %s, channel %s, address %q", got, c.Channel, c.RequesterAddress)
		}
		if c.IDAttachments != 1 {
			t.Errorf("the enclosed ID copy was not counted: %d", c.IDAttachments)
		}
		raw, err := st.RawMessage(context.Background(), *c.InboundID)
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := io.ReadAll(raw); string(b) != "%PDF-1.4 scanned letter one" {
			t.Errorf("the stored scan reads %q", b)
		}
		atts, err := st.Attachments(context.Background(), number)
		if err != nil || len(atts) != 1 || !atts[0].IDDocument || atts[0].ContentType != "image/jpeg" {
			t.Fatalf("attachments %+v, %v; want the ID copy", atts, err)
		}
		_, r, err := st.OpenAttachment(context.Background(), number, atts[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := io.ReadAll(r); string(b) != "JPEG körkort Anna Svensson" {
			t.Errorf("the ID copy reads %q", b)
		}
	}
	// Nothing of the scans is left in plain text in the database.
	assertNotInDatabase(t, st, "scanned letter one", "körkort Anna")
	reason, err := os.ReadFile(filepath.Join(dir, "rejected", "brev2.pdf.reason.txt"))
	if err != nil || !strings.Contains(string(reason), "unknown right") {
		t.Errorf("the bad sidecar was not set aside with its reason: %q, %v", reason, err)
	}
	for _, f := range []string{"brev1.pdf", "brev1.pdf.json", "brev1-leg.jpg"} {
		if _, err := os.Stat(filepath.Join(dir, f)); !os.IsNotExist(err) {
			t.Errorf("%s is still in the scan directory after intake (%v)", f, err)
		}
	}
	if note, err := os.ReadFile(filepath.Join(dir, "processed", "brev1.pdf.txt")); err != nil || !strings.Contains(string(note), "DSR-2026-") {
		t.Errorf("no receipt for the handled scan: %q, %v", note, err)
	}
	// An ID copy named outside the directory, or missing, is refused.
	write("brev4.pdf", "%PDF-1.4 letter four", `{"received":"2026-11-02","rights":["access"],"id_copy":"../leg.jpg"}`)
	write("brev5.pdf", "%PDF-1.4 letter five", `{"received":"2026-11-02","rights":["access"],"id_copy":"saknas.jpg"}`)
	if _, err := inbox.PollOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"brev4.pdf": "another file in the same directory", "brev5.pdf": `"saknas.jpg" is not in the directory`} {
		if reason, err := os.ReadFile(filepath.Join(dir, "rejected", name+".reason.txt")); err != nil || !strings.Contains(string(reason), want) {
			t.Errorf("%s: reason %q, %v; want %q", name, reason, err, want)
		}
	}
	// The same scan dropped again is the same case.
	write("brev1-igen.pdf", "%PDF-1.4 scanned letter one", `{"received":"2026-11-02","rights":["access"]}`)
	if _, err := inbox.PollOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(rec.started) != 1 {
		t.Errorf("the same scan twice made %d cases", len(rec.started))
	}
}

// TestTheCorpusThroughIMAP delivers every corpus message to a real IMAP
// server, in-process and Dovecot, and checks that intake ends each where its
// expected reading says: a case with those rights, or no case.
func TestTheCorpusThroughIMAP(t *testing.T) {
	files, err := filepath.Glob("../intake/testdata/corpus/*.eml")
	if err != nil || len(files) < 40 {
		t.Fatalf("corpus: %d messages, %v; want at least 40", len(files), err)
	}
	bothServers(t, func(t *testing.T, srv imapServer) {
		rec := newRecorder()
		p, st := newPoller(t, srv.addr, rec, time.Minute)
		wants := map[string]struct {
			IsRequest bool     `json:"is_request"`
			Rights    []string `json:"rights"`
		}{}
		for _, f := range files {
			raw, _ := os.ReadFile(f)
			// Mail arrives with CRLF line ends.
			raw = []byte(strings.ReplaceAll(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\n", "\r\n"))
			if err := srv.deliver(raw, time.Now()); err != nil {
				t.Fatal(err)
			}
			var w struct {
				IsRequest bool     `json:"is_request"`
				Rights    []string `json:"rights"`
			}
			b, _ := os.ReadFile(strings.TrimSuffix(f, ".eml") + ".want.json")
			if err := json.Unmarshal(b, &w); err != nil {
				t.Fatal(err)
			}
			wants[filepath.Base(f)] = w
		}
		if n, err := p.PollOnce(context.Background()); err != nil || n != len(files) {
			t.Fatalf("read %d, %v; want %d", n, err, len(files))
		}
		requests := 0
		for name, w := range wants {
			if !w.IsRequest {
				continue
			}
			requests++
			raw, _ := os.ReadFile(filepath.Join("../intake/testdata/corpus", name))
			m, err := intake.ParseEmail(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			var c store.Case
			err = storetest.SQL(t, st).NewSelect().Model(&c).Where("number = (SELECT case_number FROM inbound_messages WHERE message_id = ?)", m.MessageID).Scan(context.Background())
			if err != nil {
				t.Errorf("%s: no case (%v)", name, err)
				continue
			}
			if got := strings.Join(w.Rights, ","); c.Rights != got {
				t.Errorf("%s: case rights %q, want %q", name, c.Rights, got)
			}
		}
		if len(rec.started) != requests {
			t.Errorf("%d cases started, want %d (one per request)", len(rec.started), requests)
		}
	})
}

// TestNewMailIsTakenInOnIDLE runs the poller with a poll interval far longer
// than the test: mail delivered while it idles is taken in at once because
// the server announces it.
func TestNewMailIsTakenInOnIDLE(t *testing.T) {
	bothServers(t, func(t *testing.T, srv imapServer) {
		rec := newRecorder()
		p, _ := newPoller(t, srv.addr, rec, time.Hour)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- p.Run(ctx) }()
		time.Sleep(time.Second) // the first poll finds nothing and idles
		if err := srv.deliver([]byte(request), time.Now()); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(20 * time.Second)
		for {
			rec.mu.Lock()
			n := len(rec.started)
			rec.mu.Unlock()
			if n == 1 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("mail delivered during IDLE was not taken in within 20 s (the poll interval is an hour)")
			}
			time.Sleep(100 * time.Millisecond)
		}
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
}

// dropOnce is a TCP proxy to the IMAP server that cuts its first connection
// after limit bytes from the server: a connection lost in the middle of a
// fetch.
func dropOnce(t testing.TB, target string, limit int64) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	first := true
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			cut := first
			first = false
			go func() { io.Copy(s, c); s.Close() }()
			go func() {
				if cut {
					io.CopyN(c, s, limit)
					c.Close()
					s.Close()
					return
				}
				io.Copy(c, s)
				c.Close()
			}()
		}
	}()
	return ln.Addr().String()
}

func TestAConnectionLostMidFetchStillMakesOneCase(t *testing.T) { bothServers(t, lostMidFetch) }

func lostMidFetch(t *testing.T, srv imapServer) {
	addr := srv.addr
	big := strings.Replace(request, "Jag vill att ni raderar mina personuppgifter.", "Jag vill att ni raderar mina personuppgifter.\r\n"+strings.Repeat("Bilaga i text. ", 20000), 1)
	if err := srv.deliver([]byte(big), time.Now()); err != nil {
		t.Fatal(err)
	}
	rec := newRecorder()
	p, st := newPoller(t, dropOnce(t, addr, 40_000), rec, time.Minute)
	if _, err := p.PollOnce(context.Background()); err == nil {
		t.Fatal("the cut connection went unnoticed")
	}
	if len(rec.started) != 0 {
		t.Fatalf("a case started from half a message: %v", rec.started)
	}
	if n, err := p.PollOnce(context.Background()); err != nil || n != 1 {
		t.Fatalf("the poll after the cut read %d, %v", n, err)
	}
	if len(rec.started) != 1 {
		t.Errorf("cases started %v, want one", rec.started)
	}
	for n := range rec.started {
		c, err := st.Case(context.Background(), n)
		if err != nil || c.Rights != "erasure" {
			t.Errorf("case %s: %+v, %v", n, c, err)
		}
	}
}
