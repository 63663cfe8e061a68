package activities_test

import (
	"context"
	"io"
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

// mailSink is a real SMTP server on loopback that keeps what it receives.
type mailSink struct {
	mu   sync.Mutex
	msgs []string
	rcpt []string
}

type sinkSession struct{ s *mailSink }

func (s *sinkSession) Reset()        {}
func (s *sinkSession) Logout() error { return nil }
func (s *sinkSession) Mail(string, *smtp.MailOptions) error {
	return nil
}
func (s *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.s.mu.Lock()
	defer s.s.mu.Unlock()
	s.s.rcpt = append(s.s.rcpt, to)
	return nil
}
func (s *sinkSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.s.mu.Lock()
	defer s.s.mu.Unlock()
	s.s.msgs = append(s.s.msgs, string(b))
	return err
}

func startSink(t *testing.T) (*mailSink, string) {
	t.Helper()
	sink := &mailSink{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &sinkSession{sink}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return sink, ln.Addr().String()
}

func TestNotifySendsOneMailPerEventWithoutPersonalData(t *testing.T) {
	sink, addr := startSink(t)
	st := storetest.Postgres(t)
	a := &activities.Activities{Store: st, Notifier: activities.Notifier{SMTPAddr: addr, From: "dsr@harmoniq.se", To: "integritet@harmoniq.se"}}
	in := activities.NotifyInput{CaseNumber: "DSR-2026-000007", Kind: "deadline.legal_missed", Date: "2026-12-28", Due: "2026-12-24",
		Legal: "2026-12-28", Stage: "assessment", Key: "DSR-2026-000007/deadline.legal_missed/2026-12-28"}
	for range 2 { // the second is a retry
		if err := a.Notify(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	}
	sink.mu.Lock()
	defer sink.mu.Unlock()
	if len(sink.msgs) != 1 || sink.rcpt[0] != "integritet@harmoniq.se" {
		t.Fatalf("%d mails to %v, want one to integritet@harmoniq.se", len(sink.msgs), sink.rcpt)
	}
	if !strings.Contains(sink.msgs[0], "DSR-2026-000007") || !strings.Contains(sink.msgs[0], "LAGSTADGAD TIDSFRIST PASSERAD") || !strings.Contains(sink.msgs[0], "Date: ") {
		t.Errorf("mail:\n%s", sink.msgs[0])
	}
	ns, err := st.Notifications(context.Background(), "DSR-2026-000007")
	if err != nil || len(ns) != 1 || ns[0].DeliveredAt == nil {
		t.Errorf("notifications %+v, err %v; want one, delivered", ns, err)
	}
}

func TestNotifyWithoutSMTPOnlyRecords(t *testing.T) {
	st := storetest.SQLite(t)
	a := &activities.Activities{Store: st, Notifier: activities.Notifier{To: "integritet@harmoniq.se"}}
	err := a.Notify(context.Background(), activities.NotifyInput{CaseNumber: "DSR-2026-000008", Kind: "deadline.reminder", Key: "k"})
	if err != nil {
		t.Fatal(err)
	}
	ns, _ := st.Notifications(context.Background(), "DSR-2026-000008")
	if len(ns) != 1 || ns[0].DeliveredAt != nil {
		t.Errorf("notifications %+v, want one recorded and not delivered", ns)
	}
}
