package activities_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/devstack"
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

func startSink(t *testing.T) (*mailSink, string) { return startSinkWith(t, nil) }

// startSinkWith is startSink offering STARTTLS with tlsConfig, when set.
func startSinkWith(t *testing.T, tlsConfig *tls.Config) (*mailSink, string) {
	t.Helper()
	sink := &mailSink{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &sinkSession{sink}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.TLSConfig = tlsConfig
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

// TestNotificationsGoOverSTARTTLSCheckedAgainstAPrivateCA: a relay whose
// certificate a private CA signed is reached when NOTIFY_SMTP_CA_FILE names
// that CA, and refused with the system's CAs; a relay without STARTTLS is
// refused when a CA is set.
func TestNotificationsGoOverSTARTTLSCheckedAgainstAPrivateCA(t *testing.T) {
	caPEM, caKey, err := devstack.NewCA("test relay CA")
	if err != nil {
		t.Fatal(err)
	}
	certPEM, keyPEM, err := devstack.IssueServerCert(caPEM, caKey, net.ParseIP("127.0.0.1"))
	if err != nil {
		t.Fatal(err)
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(caPEM)
	private := &tls.Config{RootCAs: pool}

	sink, addr := startSinkWith(t, &tls.Config{Certificates: []tls.Certificate{cert}})
	_, plainAddr := startSink(t)
	st := storetest.Postgres(t)
	send := func(addr string, cfg *tls.Config, key string) error {
		a := &activities.Activities{Store: st, Notifier: activities.Notifier{SMTPAddr: addr, From: "dsr@harmoniq.se", To: "integritet@harmoniq.se", TLSConfig: cfg}}
		return a.Notify(context.Background(), activities.NotifyInput{CaseNumber: "DSR-2026-000008", Kind: "deadline.reminder", Due: "2026-12-24", Key: key})
	}
	if err := send(addr, nil, "system-cas"); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("the system's CAs accepted the private relay: %v", err)
	}
	if err := send(addr, private, "private-ca"); err != nil {
		t.Fatalf("through the private CA: %v", err)
	}
	if err := send(plainAddr, private, "no-starttls"); err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Errorf("a relay without STARTTLS was used though a CA is set: %v", err)
	}
	sink.mu.Lock()
	defer sink.mu.Unlock()
	if len(sink.msgs) != 1 {
		t.Errorf("%d mails through the TLS relay, want the one sent with its CA", len(sink.msgs))
	}
}
