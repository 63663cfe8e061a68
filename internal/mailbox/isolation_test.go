package mailbox_test

import (
	"context"
	"database/sql"
	"encoding/base64"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/devstack"
	"github.com/harmoniq/dsr/internal/mailbox"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/harmoniq/dsr/workflows"
	_ "github.com/jackc/pgx/v5/stdlib"
)

// closedStarter is a recorder whose cases have all closed: a reply to one
// is refused as Temporal refuses a signal to a completed workflow.
type closedStarter struct{ *recorder }

func (c closedStarter) ReplyReceived(_ context.Context, number string) error {
	return fmt.Errorf("%s: %w", number, mailbox.ErrCaseClosed)
}

// TestOneBadMessageNeverStopsTheMailBehindIt delivers, on both servers, the
// messages that used to stop all intake, then a good request: every one is
// accounted for in one poll, and the request becomes a case.
func TestOneBadMessageNeverStopsTheMailBehindIt(t *testing.T) {
	bothServers(t, func(t *testing.T, srv imapServer) {
		ctx := context.Background()
		rec := newRecorder()
		p, st := newPoller(t, srv.addr, rec, time.Second)
		p.Processor.Trail = audit.New(st)
		at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
		deliver := func(raw string) {
			t.Helper()
			if err := srv.deliver([]byte(raw), at); err != nil {
				t.Fatal(err)
			}
		}
		// A case that has closed, and the "tack!" that follows its letter.
		deliver(request)
		if _, err := p.PollOnce(ctx); err != nil {
			t.Fatal(err)
		}
		p.Processor.Starter = closedStarter{rec}
		deliver("From: Anna Svensson <anna.svensson@example.se>\r\nSubject: Re: Din begäran\r\nMessage-ID: <tack@example.se>\r\nIn-Reply-To: <req-1@example.se>\r\n\r\nTack!\r\n")
		// A multipart with no closing boundary.
		deliver("From: a@example.se\r\nSubject: Radera mitt konto\r\nMessage-ID: <open@example.se>\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nRadera mitt konto, tack.\r\n--b\r\nContent-Type: image/jpeg; name=\"pass.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSkZJRgABAQAAAQABAAD")
		// A NUL in an RFC 2047 From name, and in an attachment's file name.
		deliver("From: =?utf-8?B?" + b64("Anna\x00Svensson") + "?= <nul@example.se>\r\nSubject: Radera mina uppgifter\r\nMessage-ID: <nul@example.se>\r\n\r\nRadera mina personuppgifter.\r\n")
		deliver("From: b@example.se\r\nSubject: Registerutdrag\r\nMessage-ID: <nulfile@example.se>\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nJag vill ha ett registerutdrag.\r\n--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"=?utf-8?B?" + b64("leg\x00.pdf") + "?=\"\r\n\r\nPDF\r\n--b--\r\n")
		// A Message-ID of 6,000 characters.
		deliver("From: c@example.se\r\nSubject: Registerutdrag\r\nMessage-ID: <" + strings.Repeat("x", 6000) + "@example.se>\r\n\r\nJag begär ett registerutdrag.\r\n")
		// And a good request behind them all.
		deliver("From: Nils Ahl <nils.ahl@example.se>\r\nSubject: Radera mig\r\nMessage-ID: <good@example.se>\r\n\r\nRadera alla mina uppgifter.\r\n")

		n, err := p.PollOnce(ctx)
		if err != nil {
			t.Fatalf("a poll over the hostile mail failed: %v", err)
		}
		if n != 6 {
			t.Errorf("the poll read %d messages, want 6", n)
		}
		// The request, the unclosed multipart, the two NUL messages, the
		// long Message-ID and the good request: six cases.
		if len(rec.started) != 6 {
			t.Errorf("%d cases started, want 6: %v", len(rec.started), rec.started)
		}
		var good string
		for number := range rec.started {
			c, err := st.Case(ctx, number)
			if err != nil {
				t.Fatal(err)
			}
			if c.RequesterEmail == "nils.ahl@example.se" {
				good = number
			}
			if strings.ContainsRune(c.RequesterName, 0) {
				t.Errorf("%s: a NUL reached the case record", number)
			}
		}
		if good == "" {
			t.Error("the good request behind the hostile mail is not a case")
		}
		// The reply to the closed case is kept with it, in its audit trail.
		first := ""
		for number := range rec.started {
			c, _ := st.Case(ctx, number)
			if c.RequesterEmail == "anna.svensson@example.se" {
				first = number
			}
		}
		es, err := p.Processor.Trail.(*audit.Trail).Events(ctx, first)
		if err != nil {
			t.Fatal(err)
		}
		if len(es) == 0 || es[len(es)-1].Action != "reply.after_closure" {
			t.Errorf("the reply to closed %s is not in its audit trail: %v", first, es)
		}
		atts, err := st.Attachments(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range atts {
			if strings.ContainsRune(a.Filename, 0) {
				t.Errorf("a NUL reached an attachment's file name")
			}
		}
		// Nothing is left in the INBOX but what is not a case, and the
		// checkpoint moved past all of it.
		cl, err := p.Config.Dial()
		if err != nil {
			t.Fatal(err)
		}
		defer cl.Close()
		sd, err := cl.Status("INBOX", &imap.StatusOptions{NumMessages: true}).Wait()
		if err != nil || *sd.NumMessages != 0 {
			t.Errorf("INBOX: %v messages (%v), want 0", sd.NumMessages, err)
		}
		if n, err := p.PollOnce(ctx); err != nil || n != 0 {
			t.Errorf("the next poll read %d, %v; want nothing left", n, err)
		}
	})
}

// TestAMessageThatCannotBeStoredIsSetAside makes storing one message fail
// for good (the case counter's table gone for one insert is not possible
// to stage, so a trigger refuses this sender), then checks that it is set
// aside with its reason, moved to the quarantine folder, and that the
// mail behind it becomes a case.
func TestAMessageThatCannotBeStoredIsSetAside(t *testing.T) {
	bothServers(t, func(t *testing.T, srv imapServer) {
		ctx := context.Background()
		rec := newRecorder()
		p, st := newPoller(t, srv.addr, rec, time.Second)
		if _, err := storetest.SQL(t, st).ExecContext(ctx, `CREATE FUNCTION refuse_bad() RETURNS trigger AS $$ BEGIN
			IF NEW.requester_email = 'bad@example.se' THEN RAISE EXCEPTION 'refused' USING ERRCODE = '22023'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
			CREATE TRIGGER refuse_bad BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION refuse_bad();`); err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
		for _, raw := range []string{
			"From: bad@example.se\r\nSubject: Radera mig\r\nMessage-ID: <bad@example.se>\r\n\r\nRadera mina uppgifter.\r\n",
			"From: Nils Ahl <nils.ahl@example.se>\r\nSubject: Radera mig\r\nMessage-ID: <good@example.se>\r\n\r\nRadera alla mina uppgifter.\r\n",
		} {
			if err := srv.deliver([]byte(raw), at); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := p.PollOnce(ctx); err != nil {
			t.Fatalf("poll: %v", err)
		}
		if len(rec.started) != 1 {
			t.Errorf("cases started: %v, want the good one", rec.started)
		}
		qs, err := st.QuarantinedMessages(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(qs) != 1 || !strings.Contains(qs[0].Reason, "SQLSTATE 22023") || qs[0].Folder != "Karantän" || qs[0].SHA256 == "" {
			t.Errorf("quarantine records: %+v", qs)
		}
		cl, err := p.Config.Dial()
		if err != nil {
			t.Fatal(err)
		}
		defer cl.Close()
		sd, err := cl.Status("Karantän", &imap.StatusOptions{NumMessages: true}).Wait()
		if err != nil || *sd.NumMessages != 1 {
			t.Errorf("the message is not in the quarantine folder: %v, %v", sd, err)
		}
	})
}

// TestFailuresAreToldApart checks the two kinds on real errors: a refused
// connection passes, a value PostgreSQL cannot take does not.
func TestFailuresAreToldApart(t *testing.T) {
	db, err := sql.Open("pgx", "postgres://postgres@127.0.0.1:1/x?sslmode=disable&connect_timeout=2")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	refused := db.PingContext(context.Background())
	if refused == nil {
		t.Fatal("a connection to port 1 succeeded")
	}
	if mailbox.IsPermanent(refused) {
		t.Errorf("a refused connection is read as permanent: %v", refused)
	}
	st := storetestPostgres(t)
	_, nul := storetest.SQL(t, st).ExecContext(context.Background(), "SELECT ?::text", "a\x00b")
	if nul == nil || !mailbox.IsPermanent(nul) {
		t.Errorf("a NUL PostgreSQL refuses is not read as permanent: %v", nul)
	}
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func storetestPostgres(t *testing.T) *store.Store { return storetest.Postgres(t) }

// TestTheDevMailboxRestartsWithoutLoss stops and starts the in-process
// server of `dsr dev` between deliveries, as a developer does: mail
// delivered before and after every restart becomes a case, however many
// messages each start held.
func TestTheDevMailboxRestartsWithoutLoss(t *testing.T) {
	state := filepath.Join(t.TempDir(), "dev-imap-starts")
	rec := newRecorder()
	var p *mailbox.Poller
	n := 0
	for round, count := range []int{3, 1, 5} {
		srv, err := devstack.StartIMAP("127.0.0.1:0", "kundservice@harmoniq.se", "pw", state, discard)
		if err != nil {
			t.Fatal(err)
		}
		if p == nil {
			p, _ = newPoller(t, srv.Addr, rec, time.Minute)
		}
		p.Config.Addr = srv.Addr
		for range count {
			n++
			msg := strings.Replace(request, "<req-1@example.se>", fmt.Sprintf("<restart-%d@example.se>", n), 1)
			if err := srv.Deliver([]byte(msg), time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := p.PollOnce(context.Background()); err != nil || got != count {
			t.Fatalf("start %d: read %d, %v; want %d", round+1, got, err, count)
		}
		srv.Stop()
	}
	if len(rec.started) != n {
		t.Errorf("%d cases for %d requests", len(rec.started), n)
	}
}

// TestAServerThatForgetsItsMailboxIsReadAgain: a server that loses its
// mailbox and begins its UIDs again under the same UIDVALIDITY (the
// in-process server without its state file) is noticed by its next UID and
// read from the start, so the fewer messages it holds are not skipped.
func TestAServerThatForgetsItsMailboxIsReadAgain(t *testing.T) {
	rec := newRecorder()
	var p *mailbox.Poller
	n := 0
	for round, count := range []int{3, 2} {
		srv, err := devstack.StartIMAP("127.0.0.1:0", "kundservice@harmoniq.se", "pw", "", discard)
		if err != nil {
			t.Fatal(err)
		}
		if p == nil {
			p, _ = newPoller(t, srv.Addr, rec, time.Minute)
		}
		p.Config.Addr = srv.Addr
		for range count {
			n++
			msg := strings.Replace(request, "<req-1@example.se>", fmt.Sprintf("<forgot-%d@example.se>", n), 1)
			if err := srv.Deliver([]byte(msg), time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := p.PollOnce(context.Background()); err != nil || got != count {
			t.Fatalf("start %d: read %d, %v; want %d", round+1, got, err, count)
		}
		srv.Stop()
	}
	if len(rec.started) != n {
		t.Errorf("%d cases for %d requests", len(rec.started), n)
	}
}

// TestACaseNumberInTheSubjectIsAReplyOnlyFromTheRequester: the case number
// is on every letter and easy to guess. The requester who writes it in the
// subject reaches her case; anyone else who does opens a message of his
// own, and nothing of his is stored with her case.
func TestACaseNumberInTheSubjectIsAReplyOnlyFromTheRequester(t *testing.T) {
	srv := inProcess(t)
	ctx := context.Background()
	rec := newRecorder()
	p, st := newPoller(t, srv.addr, rec, time.Second)
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	if err := srv.deliver([]byte(request), at); err != nil {
		t.Fatal(err)
	}
	if _, err := p.PollOnce(ctx); err != nil {
		t.Fatal(err)
	}
	var number string
	for n := range rec.started {
		number = n
	}
	for _, raw := range []string{
		"From: Anna Svensson <Anna.Svensson@example.se>\r\nSubject: Ang. " + number + "\r\nMessage-ID: <own@example.se>\r\n\r\nHär är kopian ni bad om.\r\n",
		"From: Okänd <stranger@example.net>\r\nSubject: Re: " + number + "\r\nMessage-ID: <stranger@example.net>\r\n\r\nHär är min legitimation, radera allt om mig.\r\n",
	} {
		if err := srv.deliver([]byte(raw), at.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := p.PollOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if rec.replies[number] != 1 {
		t.Errorf("the case was told of %d replies, want the requester's one", rec.replies[number])
	}
	if len(rec.started) != 2 {
		t.Errorf("%d cases, want the stranger's message to be a case of its own", len(rec.started))
	}
	for n := range rec.started {
		if c, err := st.Case(ctx, n); err != nil {
			t.Fatal(err)
		} else if n != number && c.RequesterEmail != "stranger@example.net" {
			t.Errorf("the second case is %s's", c.RequesterEmail)
		}
	}
}

// panicky panics on one sender's case, as a bug that one message reaches.
type panicky struct{ *recorder }

func (p panicky) StartCase(ctx context.Context, in workflows.CaseInput) error {
	if strings.HasSuffix(in.CaseNumber, "-000001") {
		var m map[string]int
		m["boom"]++ // a nil map: a runtime error, as a real bug would be
	}
	return p.recorder.StartCase(ctx, in)
}

// TestABugOneMessageReachesSetsItAside: a panic while taking in one
// message sets that message aside and the worker goes on.
func TestABugOneMessageReachesSetsItAside(t *testing.T) {
	srv := inProcess(t)
	ctx := context.Background()
	rec := newRecorder()
	p, st := newPoller(t, srv.addr, rec, time.Second)
	p.Processor.Starter = panicky{rec}
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for _, raw := range []string{request, "From: Nils Ahl <nils.ahl@example.se>\r\nSubject: Radera mig\r\nMessage-ID: <good@example.se>\r\n\r\nRadera alla mina uppgifter.\r\n"} {
		if err := srv.deliver([]byte(raw), at); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := p.PollOnce(ctx); err != nil || n != 2 {
		t.Fatalf("poll: %d, %v; want both read", n, err)
	}
	if len(rec.started) != 1 {
		t.Errorf("cases started %v, want the second message's", rec.started)
	}
	qs, err := st.QuarantinedMessages(ctx)
	if err != nil || len(qs) != 1 || !strings.Contains(qs[0].Reason, "a bug") {
		t.Errorf("quarantine records %+v, %v; want the first message, saying a bug stopped it", qs, err)
	}
}
