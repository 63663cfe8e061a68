package devstack

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net"
	"time"

	"github.com/emersion/go-smtp"
)

// SMTP is the local stack's mail server: what the engine sends to a person
// it delivers into that person's mailbox on the local IMAP server, so a
// newcomer reads the answers in any mail client. It listens on loopback
// and takes mail without TLS or a password; it is for loopback only.
type SMTP struct {
	server *smtp.Server
	// Addr is where it listens.
	Addr string
}

// StartSMTP serves on addr (such as 127.0.0.1:1025), delivering into box.
func StartSMTP(addr string, box *IMAP, log *slog.Logger) (*SMTP, error) {
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &devSession{box: box, log: log}, nil
	}))
	srv.Domain = "localhost"
	srv.MaxMessageBytes = 30 << 20
	srv.MaxRecipients = 10
	srv.ReadTimeout, srv.WriteTimeout = time.Minute, time.Minute
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen for SMTP on %s: %w", addr, err)
	}
	go srv.Serve(ln)
	return &SMTP{server: srv, Addr: ln.Addr().String()}, nil
}

// Stop closes the server.
func (s *SMTP) Stop() { s.server.Close() }

type devSession struct {
	box *IMAP
	log *slog.Logger
	to  []string
}

func (s *devSession) Mail(string, *smtp.MailOptions) error      { return nil }
func (s *devSession) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = append(s.to, to); return nil }
func (s *devSession) Reset()                                    { s.to = nil }
func (s *devSession) Logout() error                             { return nil }

func (s *devSession) Data(r io.Reader) error {
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, r); err != nil {
		return err
	}
	for _, to := range s.to {
		if err := s.box.DeliverTo(to, buf.Bytes(), time.Now()); err != nil {
			return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "cannot deliver now"}
		}
	}
	// Only a count: the log holds no address.
	s.log.Info("local mail delivered", "recipients", len(s.to))
	return nil
}
