// Package mailtest runs a real SMTP server on loopback for tests: it keeps
// every message it accepts, and can be told to answer the next messages
// with a temporary or a permanent failure.
package mailtest

import (
	"bytes"
	"crypto/tls"
	"io"
	"net"
	"sync"
	"testing"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Mail is one message the server accepted.
type Mail struct {
	From string
	To   []string
	Raw  []byte
}

// Server is an SMTP server on loopback.
type Server struct {
	Addr string

	mu    sync.Mutex
	mails []Mail
	fail  []*smtp.SMTPError
}

// Start serves plain SMTP until the test ends.
func Start(t testing.TB) *Server { return StartTLS(t, nil, "", "") }

// StartTLS serves SMTP that offers STARTTLS with cfg and, when user is set,
// takes mail only after AUTH PLAIN as user with password, inside TLS.
func StartTLS(t testing.TB, cfg *tls.Config, user, password string) *Server {
	t.Helper()
	s := &Server{}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		if user == "" {
			return &session{s: s}, nil
		}
		return &authSession{session: session{s: s}, user: user, password: password}, nil
	}))
	srv.Domain = "relay.test"
	srv.TLSConfig = cfg
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	s.Addr = ln.Addr().String()
	return s
}

// FailNext answers the next message's end of data with a 421 (temporary)
// or, when permanent, a 550.
func (s *Server) FailNext(permanent bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 2}, Message: "try again later"}
	if permanent {
		e = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	}
	s.fail = append(s.fail, e)
}

// Mails returns the messages accepted so far.
func (s *Server) Mails() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.mails...)
}

type session struct {
	s    *Server
	from string
	to   []string
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error { x.from = from; return nil }
func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error   { x.to = append(x.to, to); return nil }
func (x *session) Reset()                                      { x.from, x.to = "", nil }
func (x *session) Logout() error                               { return nil }

// authSession asks for AUTH PLAIN before it takes mail.
type authSession struct {
	session
	user, password string
	authed         bool
}

func (x *authSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (x *authSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, password string) error {
		if user != x.user || password != x.password {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
		}
		x.authed = true
		return nil
	}), nil
}

func (x *authSession) Mail(from string, opts *smtp.MailOptions) error {
	if !x.authed {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "authentication required"}
	}
	return x.session.Mail(from, opts)
}

func (x *session) Data(r io.Reader) error {
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, r); err != nil {
		return err
	}
	x.s.mu.Lock()
	defer x.s.mu.Unlock()
	if len(x.s.fail) > 0 {
		e := x.s.fail[0]
		x.s.fail = x.s.fail[1:]
		return e
	}
	x.s.mails = append(x.s.mails, Mail{From: x.from, To: x.to, Raw: buf.Bytes()})
	return nil
}
