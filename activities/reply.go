package activities

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/emersion/go-message/mail"
	"github.com/harmoniq/dsr/internal/clean"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/outmail"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/store"
	"go.temporal.io/sdk/temporal"
)

// Mailer answers e-mail requests by e-mail, from the kundservice address.
type Mailer struct {
	Relay outmail.Relay
	From  *mail.Address
	// Sent, when set, files a copy of every mail sent in the kundservice
	// mailbox's Sent folder.
	Sent *outmail.SentFolder
	// GiveUpAfter is how long a mail the relay will not take is retried
	// before the letter counts as undelivered and the case shows it.
	GiveUpAfter time.Duration
	// Accepted, when set, is called once the relay's acceptance of a mail
	// is recorded and before anything else: the kill test stops the
	// worker there.
	Accepted func()
}

// AddressSource gives the postal address a person is registered at: where
// letters by post go. The default is Harmoniq's register; a lookup in the
// population register (SPAR) would be another source, behind the same
// method.
type AddressSource interface {
	RegisteredAddress(ctx context.Context, subj register.Subject) (name string, lines []string, err error)
}

// registerAddresses is the register as the address source.
type registerAddresses struct{ a *Activities }

func (r registerAddresses) RegisteredAddress(ctx context.Context, subj register.Subject) (string, []string, error) {
	return r.a.reg().Address(ctx, nil, subj)
}

func (a *Activities) addresses() AddressSource {
	if a.Addresses != nil {
		return a.Addresses
	}
	return registerAddresses{a}
}

// route is where one letter goes.
type route struct {
	Route string   // store.RoutePost or store.RouteEmail
	Name  string   // the recipient's name
	To    []string // the postal address lines, or the e-mail address
}

// errNoAddress is a letter with nowhere it may go.
type errNoAddress struct{ why string }

func (e errNoAddress) Error() string { return e.why }

// holdsData says whether a letter carries the person's data beyond their
// name and the case: a register extract with anything in it, the
// portability file, the values corrected. Such a letter never goes by
// e-mail, and by post only to an address shown to be the person's. An
// extract that finds nothing tells nothing about anyone.
func holdsData(c letter.Content) bool {
	for _, s := range c.Report {
		if len(s.Rows) > 0 && !s.AboutThisRequest {
			return true
		}
	}
	return c.Portability != nil || len(c.Rectified) > 0
}

// routeFor decides how a letter of the case goes.
//   - A request that came by e-mail is answered by e-mail, to the address
//     it came from, unless the letter holds the person's data.
//   - Anything else goes by post: to the address staff confirmed, else to
//     the subject's registered address (the address source), else, for a
//     letter that holds no data about the person, to the address the
//     request itself gave (a scanned letter's sender).
func (a *Activities) routeFor(ctx context.Context, c *store.Case, content letter.Content) (route, error) {
	sensitive := holdsData(content)
	if a.mailsTo(c) && !sensitive {
		return route{Route: store.RouteEmail, Name: c.RequesterName, To: []string{c.RequesterEmail}}, nil
	}
	if c.AddressConfirmed && len(c.AddressLines()) > 0 {
		return route{Route: store.RoutePost, Name: c.RequesterName, To: c.AddressLines()}, nil
	}
	if err := a.registered(ctx, c, false); err != nil {
		return route{}, err
	}
	if lines := c.RegisteredLines(); len(lines) > 0 {
		name := c.RegisteredName
		if name == "" {
			name = c.RequesterName
		}
		return route{Route: store.RoutePost, Name: name, To: lines}, nil
	}
	if !sensitive && len(c.AddressLines()) > 0 {
		return route{Route: store.RoutePost, Name: c.RequesterName, To: c.AddressLines()}, nil
	}
	why := "no postal address: the register holds none for the person and staff confirmed none; give the address with `requester`"
	switch {
	case c.Channel == "email" && sensitive:
		why = "the answer holds the person's data, so it goes by post, not e-mail, and " + why
	case c.Channel == "email" && a.Mail == nil:
		why = "e-mail replies are not configured (SMTP_ADDR), and " + why
	case c.Channel == "email" && !outmail.Deliverable(c.RequesterEmail):
		why = "the address the request came from cannot take mail, and " + why
	}
	return route{}, errNoAddress{why}
}

// mailsTo says whether the case's letters may go by e-mail: the request
// came by e-mail, a relay is configured, and the address is the subject's.
// When the address belongs to another person than the personnummer given,
// and staff verified the personnummer's owner, nothing more goes to that
// address.
func (a *Activities) mailsTo(c *store.Case) bool {
	return c.Channel == "email" && outmail.Deliverable(c.RequesterEmail) && a.Mail != nil &&
		!(c.SubjectConflict && c.VerifiedSubject == "personnummer")
}

// registered fills the case's registered address from the address source
// and keeps it on the case, where erasure cannot remove it; again is a
// fresh look-up over one kept. While the identifiers given name two people
// and staff have not said which one is the subject, nobody's address is
// taken.
func (a *Activities) registered(ctx context.Context, c *store.Case, again bool) error {
	if c.RegisteredAddress != "" && !again {
		return nil
	}
	subj := subjectOf(c)
	if subj.Empty() || (c.SubjectConflict && c.VerifiedSubject == "") {
		return nil
	}
	name, lines, err := a.addresses().RegisteredAddress(ctx, subj)
	if err != nil {
		return fmt.Errorf("look up the registered address: %w", err)
	}
	if len(lines) == 0 {
		return nil
	}
	if err := a.Store.SetRegistered(ctx, c.Number, name, lines); err != nil {
		return err
	}
	c.RegisteredName, c.RegisteredAddress = name, strings.Join(lines, "\n")
	return nil
}

// messageID is the Message-ID of the mail of a case's letter: the same on
// every attempt, so it is the mail's idempotency key.
func (m *Mailer) messageID(caseNumber, key string) string {
	domain := "dsr.invalid"
	if m.From != nil {
		if _, d, ok := strings.Cut(m.From.Address, "@"); ok && d != "" {
			domain = d
		}
	}
	return fmt.Sprintf("%s.%s.dsr@%s", strings.ToLower(caseNumber), safeKey.ReplaceAllString(key, "-"), domain)
}

var safeKey = regexp.MustCompile(`[^A-Za-z0-9-]`)

// mailFor writes the mail of a letter to the address to. A reply to the
// person is threaded under the request, its subject the request's with the
// case number; a notice to a recipient of the data is a mail of its own,
// its subject the letter's title with the case number.
func (a *Activities) mailFor(ctx context.Context, c *store.Case, key, to string, reply bool, l letter.Letter, pdf []byte, filename string, at time.Time) (*store.OutgoingMail, error) {
	if a.Mail == nil {
		return nil, temporal.NewNonRetryableApplicationError("the letter goes by e-mail, and e-mail is not configured (SMTP_ADDR)", "NoRelay", nil)
	}
	m := outmail.Message{
		From: a.Mail.From, To: to, MessageID: a.Mail.messageID(c.Number, key), Date: at,
		Subject: l.Title + " [" + c.Number + "]", Text: l.PlainText(), PDF: pdf, PDFFilename: filename,
	}
	if reply {
		m.Subject = replySubject(c.RequestSubject, l.Title, c.Number)
	}
	if reply && c.InboundID != nil {
		in, err := a.Store.InboundMessage(ctx, *c.InboundID)
		if err != nil {
			return nil, err
		}
		m.InReplyTo = strings.Trim(in.MessageID, "<> ")
	}
	raw, err := m.Bytes()
	if err != nil {
		return nil, temporal.NewNonRetryableApplicationError("write the mail", "BadMail", err)
	}
	sum := sha256.Sum256(raw)
	return &store.OutgoingMail{CaseNumber: c.Number, LetterKey: key, MessageID: m.MessageID, Recipient: to,
		SHA256: hex.EncodeToString(sum[:]), Raw: raw}, nil
}

// replySubject is "Re: <the request's subject> [DSR-2026-000123]", or the
// letter's title when the request had no subject.
func replySubject(request, title, caseNumber string) string {
	s := clean.Line(request, 150)
	for {
		rest, ok := cutFold(s, "re:")
		if !ok {
			rest, ok = cutFold(s, "sv:")
		}
		if !ok {
			break
		}
		s = strings.TrimSpace(rest)
	}
	tag := "[" + caseNumber + "]"
	if s == "" {
		return title + " " + tag
	}
	s = strings.TrimSpace(strings.ReplaceAll(s, tag, ""))
	return "Re: " + s + " " + tag
}

func cutFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// mailSent is what the relay did with a letter's mail.
type mailSent struct {
	MessageID, Reply string
}

// deliverMail hands a letter's recorded mail to the relay once, records the
// relay's answer before anything else, and files a copy in the Sent
// folder. A mail the relay accepted is never handed to it again; a refusal
// for good, or a mail the relay would not take for GiveUpAfter, fails the
// letter for good, and the case shows it undelivered.
func (a *Activities) deliverMail(ctx context.Context, caseNumber, key string) (mailSent, error) {
	m, err := a.Store.BeginMail(ctx, caseNumber, key)
	if err != nil {
		return mailSent{}, err
	}
	// A mail the relay accepted before this attempt may have been filed by
	// it too.
	filedBefore := m.State == store.MailAccepted
	switch m.State {
	case store.MailFailed:
		return mailSent{}, temporal.NewNonRetryableApplicationError("the e-mail was not delivered: "+m.Error, "Undelivered", nil)
	case store.MailSending:
		reply, err := a.Mail.Relay.Send(ctx, a.Mail.From.Address, m.Recipient, m.Raw)
		if err != nil {
			return mailSent{}, a.mailFailed(ctx, m, err)
		}
		if err := a.Store.MailAccepted(ctx, m.ID, clean.Line(reply.Text, 300), a.now()); err != nil {
			return mailSent{}, fmt.Errorf("record the relay's acceptance: %w", err)
		}
		m.RelayReply = clean.Line(reply.Text, 300)
		if a.Observer != nil {
			a.Observer.MailSent("letter")
		}
		if a.Mail.Accepted != nil {
			a.Mail.Accepted()
		}
	}
	if a.Mail.Sent != nil && m.FiledAt == nil {
		if err := a.Mail.Sent.File(m.Raw, m.MessageID, a.now(), filedBefore); err != nil {
			return mailSent{}, fmt.Errorf("file the sent mail: %w", err)
		}
		if err := a.Store.MailFiled(ctx, m.ID, a.now()); err != nil {
			return mailSent{}, err
		}
	}
	return mailSent{MessageID: m.MessageID, Reply: m.RelayReply}, nil
}

// mailFailed records why the relay did not take a mail. The relay's
// refusal, or a mail it would not take for GiveUpAfter, is final.
func (a *Activities) mailFailed(ctx context.Context, m *store.OutgoingMail, err error) error {
	reason := clean.Line(err.Error(), 300)
	var refused *outmail.Refused
	final := errors.As(err, &refused)
	if !final && a.Mail.GiveUpAfter > 0 && a.now().Sub(m.CreatedAt) > a.Mail.GiveUpAfter {
		final, reason = true, fmt.Sprintf("not delivered in %s: %s", a.Mail.GiveUpAfter, reason)
	}
	if rerr := a.Store.MailError(ctx, m.ID, reason, final); rerr != nil {
		return rerr
	}
	if final {
		return temporal.NewNonRetryableApplicationError("the e-mail was not delivered: "+reason, "Undelivered", nil)
	}
	return fmt.Errorf("send the e-mail: %w", err)
}

// postalArea is the postcode and town of an address: its last line.
func postalArea(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return strings.TrimSpace(lines[len(lines)-1])
}
