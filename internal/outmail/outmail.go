// Package outmail sends the engine's answers to people by e-mail: it writes
// the message (threaded to the request, the letter's text with its PDF),
// hands it to the SMTP relay over TLS with authentication, and files a copy
// in the kundservice mailbox's Sent folder, as a mail client would.
package outmail

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	netmail "net/mail"
	"strings"
	"time"

	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Message is one e-mail to a person.
type Message struct {
	From      *mail.Address
	To        string
	Subject   string
	MessageID string // without angle brackets; the idempotency key
	// InReplyTo is the request's Message-ID (without angle brackets),
	// for the reply to be threaded under it; References repeats it.
	InReplyTo string
	Date      time.Time
	Text      string // the letter as plain text
	// PDF, when set, is the letter as its reader would print it.
	PDF         []byte
	PDFFilename string
}

// Bytes writes m as an RFC 5322 message: text/plain UTF-8 in
// quoted-printable, with the PDF as an attachment.
func (m Message) Bytes() ([]byte, error) {
	var h mail.Header
	h.SetAddressList("From", []*mail.Address{m.From})
	h.SetAddressList("To", []*mail.Address{{Address: m.To}})
	h.SetSubject(m.Subject)
	h.SetDate(m.Date)
	h.SetMessageID(m.MessageID)
	if m.InReplyTo != "" {
		h.SetMsgIDList("In-Reply-To", []string{m.InReplyTo})
		h.SetMsgIDList("References", []string{m.InReplyTo})
	}
	// Sent by the engine, not typed by a person: auto-responders do not
	// answer it (RFC 3834).
	h.Set("Auto-Submitted", "auto-generated")
	if m.InReplyTo != "" {
		h.Set("Auto-Submitted", "auto-replied")
	}
	var buf bytes.Buffer
	text := strings.ReplaceAll(m.Text, "\n", "\r\n")
	if len(m.PDF) == 0 {
		h.Set("Content-Type", "text/plain; charset=utf-8")
		h.Set("Content-Transfer-Encoding", "quoted-printable")
		w, err := mail.CreateSingleInlineWriter(&buf, h)
		if err != nil {
			return nil, err
		}
		if _, err := io.WriteString(w, text); err != nil {
			return nil, err
		}
		if err := w.Close(); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
	mw, err := mail.CreateWriter(&buf, h)
	if err != nil {
		return nil, err
	}
	var th mail.InlineHeader
	th.Set("Content-Type", "text/plain; charset=utf-8")
	th.Set("Content-Transfer-Encoding", "quoted-printable")
	tw, err := mw.CreateSingleInline(th)
	if err != nil {
		return nil, err
	}
	if _, err := io.WriteString(tw, text); err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	var ah mail.AttachmentHeader
	ah.Set("Content-Type", "application/pdf")
	ah.SetFilename(m.PDFFilename)
	aw, err := mw.CreateAttachment(ah)
	if err != nil {
		return nil, err
	}
	if _, err := aw.Write(m.PDF); err != nil {
		return nil, err
	}
	if err := aw.Close(); err != nil {
		return nil, err
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Security is how the relay is reached.
type Security string

// Relay security.
const (
	// StartTLS: plain SMTP upgraded with STARTTLS, required (port 587).
	StartTLS Security = "starttls"
	// TLS: implicit TLS from the first byte (port 465).
	TLS Security = "tls"
	// Plain: no TLS; allowed only on loopback.
	Plain Security = "plain"
)

// Relay is the SMTP server that takes the engine's mail to people.
type Relay struct {
	Addr     string // host:port
	Security Security
	// TLSConfig holds the CAs the relay's certificate is checked against
	// and its name; nil: the system's CAs and the host of Addr.
	TLSConfig *tls.Config
	// Username and Password authenticate (AUTH PLAIN) when Username is set;
	// never over a connection without TLS except on loopback.
	Username, Password string
	// Helo is the name the engine greets the relay with.
	Helo string
	// Timeout bounds each step of a conversation with the relay.
	Timeout time.Duration
}

// Reply is what the relay answered when it took a message.
type Reply struct {
	Text string // as the relay wrote it: "2.0.0 Ok: queued as 4Xyz"
}

// Refused is a relay's answer that no retry can change: the relay
// refused the message or its recipient for good (a 5xx reply).
type Refused struct {
	Code    int
	Message string
}

func (e *Refused) Error() string {
	return fmt.Sprintf("the relay refused the message: %d %s", e.Code, e.Message)
}

// Send hands raw, from from to the one recipient to, to the relay and
// returns its answer. A refusal for good is a *Refused; any other error may
// pass on a retry.
func (r Relay) Send(ctx context.Context, from, to string, raw []byte) (Reply, error) {
	c, err := r.dial(ctx)
	if err != nil {
		return Reply{}, err
	}
	defer c.Close()
	if r.Username != "" {
		if err := c.Auth(sasl.NewPlainClient("", r.Username, r.Password)); err != nil {
			return Reply{}, classify("authenticate to the relay", err)
		}
	}
	if err := c.Mail(from, &smtp.MailOptions{Body: smtp.Body8BitMIME}); err != nil {
		return Reply{}, classify("MAIL FROM", err)
	}
	if err := c.Rcpt(to, nil); err != nil {
		return Reply{}, classify("RCPT TO", err)
	}
	w, err := c.Data()
	if err != nil {
		return Reply{}, classify("DATA", err)
	}
	if _, err := w.Write(raw); err != nil {
		return Reply{}, classify("send the message", err)
	}
	resp, err := w.CloseWithResponse()
	if err != nil {
		return Reply{}, classify("end of message", err)
	}
	_ = c.Quit()
	return Reply{Text: resp.StatusText}, nil
}

func (r Relay) dial(ctx context.Context) (*smtp.Client, error) {
	host, _, err := net.SplitHostPort(r.Addr)
	if err != nil {
		return nil, fmt.Errorf("relay address %q: %w", r.Addr, err)
	}
	cfg := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	if r.TLSConfig != nil {
		cfg = r.TLSConfig.Clone()
		if cfg.ServerName == "" {
			cfg.ServerName = host
		}
	}
	timeout := r.Timeout
	if timeout == 0 {
		timeout = time.Minute
	}
	d := &net.Dialer{Timeout: timeout}
	var conn net.Conn
	switch r.Security {
	case TLS:
		conn, err = (&tls.Dialer{NetDialer: d, Config: cfg}).DialContext(ctx, "tcp", r.Addr)
	case StartTLS, "", Plain:
		if r.Security == Plain && !loopback(host) {
			return nil, fmt.Errorf("plain SMTP to %s refused: plain is allowed only on loopback; use starttls or tls", r.Addr)
		}
		conn, err = d.DialContext(ctx, "tcp", r.Addr)
	default:
		return nil, fmt.Errorf("unknown SMTP security %q", r.Security)
	}
	if err != nil {
		return nil, fmt.Errorf("connect to the relay %s: %w", r.Addr, err)
	}
	var c *smtp.Client
	if r.Security == StartTLS || r.Security == "" {
		if c, err = smtp.NewClientStartTLS(conn, cfg); err != nil {
			conn.Close()
			return nil, fmt.Errorf("STARTTLS with the relay %s: %w", r.Addr, err)
		}
	} else {
		c = smtp.NewClient(conn)
	}
	c.CommandTimeout, c.SubmissionTimeout = timeout, timeout
	helo := r.Helo
	if helo == "" {
		helo = "localhost"
	}
	if err := c.Hello(helo); err != nil {
		c.Close()
		return nil, classify("greet the relay", err)
	}
	return c, nil
}

// classify names the step that failed and makes a relay's 5xx answer a
// *Refused.
func classify(step string, err error) error {
	var se *smtp.SMTPError
	if errors.As(err, &se) && se.Code >= 500 {
		return &Refused{Code: se.Code, Message: strings.TrimSpace(se.Message)}
	}
	return fmt.Errorf("%s: %w", step, err)
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Deliverable says whether addr is an address a relay can take as a
// recipient: one bare address, as RFC 5322 writes it, without a name, no
// longer than the 254 characters SMTP allows. A request's sender that is
// not one is answered by post, if at all.
func Deliverable(addr string) bool {
	if addr == "" || len(addr) > 254 || strings.ContainsAny(addr, "\r\n\x00<>") {
		return false
	}
	a, err := netmail.ParseAddress(addr)
	return err == nil && a.Address == addr && a.Name == ""
}
