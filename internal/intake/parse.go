// Package intake reads an inbound message, e-mail or scanned letter, and
// works out whether it is a data-subject rights request, which rights it asks
// for, who sent it and which case it answers. It never acts on the message.
package intake

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // ISO-8859-1, Windows-1252 and friends.
	"github.com/emersion/go-message/mail"
	"github.com/harmoniq/dsr/internal/clean"
)

// MaxTextBytes bounds how much decoded body text is read from one message;
// the rest of a very long body adds nothing to classification.
const MaxTextBytes = 1 << 20

// Message is what was read from one e-mail.
type Message struct {
	MessageID   string
	InReplyTo   []string
	References  []string
	Subject     string
	FromName    string
	FromAddr    string
	Date        time.Time // the sender's Date header; never the receipt time
	Text        string
	Attachments []Attachment
	// Automatic says why the message is machine-made, not a person's
	// words: "auto-reply", "bounce" or "bulk"; empty for a person's mail.
	Automatic string

	tooDeep bool
}

// walk calls leaf for every part that is not a multipart, in order, and
// stops at the first part it cannot read or past maxDepth.
func walk(e *message.Entity, depth int, leaf func(*message.Entity, int)) error {
	mr := e.MultipartReader()
	if mr == nil {
		leaf(e, depth)
		return nil
	}
	if depth >= maxDepth {
		return errTooDeep
	}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
			return err
		}
		if p == nil {
			return nil
		}
		if err := walk(p, depth+1, leaf); err != nil {
			return err
		}
	}
}

// Attachment describes one attached file without holding its bytes.
type Attachment struct {
	Filename    string
	ContentType string
	Size        int64
	// IDDocument is set when the file looks like a copy of an ID document.
	IDDocument bool
	// Forwarded is set for a file inside a forwarded message: it stays in
	// the stored message rather than being split off.
	Forwarded bool
}

// Bounds of what is read from headers.
const (
	// MaxIDBytes bounds a Message-ID: real ones are under 100 bytes, and a
	// longer one cannot be an index key.
	MaxIDBytes = 250
	// MaxHeaderBytes bounds a subject or a file name's header.
	MaxHeaderBytes = 998
	// maxRefs bounds the Message-IDs of References read.
	maxRefs = 50
)

// cleanIDs keeps the first Message-IDs of a list, each cleaned, dropping
// those too long to be real.
func cleanIDs(ids []string, _ error) []string {
	var out []string
	for _, id := range ids {
		if len(out) == maxRefs {
			break
		}
		if c := clean.Line(id, MaxIDBytes+1); c != "" && len(c) <= MaxIDBytes {
			out = append(out, c)
		}
	}
	return out
}

// ErrUnparseable is returned, wrapped, when a message cannot be read as MIME.
var ErrUnparseable = errors.New("message cannot be parsed")

// ParseEmail reads an RFC 5322 message as a stream: text parts are read up
// to MaxTextBytes, attachments are counted and measured, never held.
func ParseEmail(r io.Reader) (*Message, error) { return parseEmail(r, 0) }

// maxDepth bounds how deeply multiparts and forwarded messages may nest.
// Real mail nests a few levels; reading a crafted message that nests
// thousands costs time in the square of its depth (each level reads through
// all the levels above it), so deeper parts are not read: the message is
// unparseable, and becomes a triage case stored whole.
const maxDepth = 32

var errTooDeep = fmt.Errorf("parts nested more than %d deep", maxDepth)

func parseEmail(r io.Reader, depth int) (*Message, error) {
	if depth >= maxDepth {
		return nil, fmt.Errorf("%w: %w", ErrUnparseable, errTooDeep)
	}
	e, err := message.Read(r)
	if e == nil || (err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err)) {
		return nil, fmt.Errorf("%w: %v", ErrUnparseable, err)
	}
	m := &Message{}
	h := mail.Header{Header: e.Header}
	// Every header is a sender's text: bounded and cleaned here, before it
	// reaches an index, a query or a letter (a NUL in a name, a Message-ID
	// of 6,000 characters). The raw message keeps the original.
	// A Message-ID too long to be real is no identifier: the message is
	// then known by its hash.
	if id, _ := h.MessageID(); len(id) <= 4*MaxIDBytes {
		if c := clean.Line(id, MaxIDBytes+1); len(c) <= MaxIDBytes {
			m.MessageID = c
		}
	}
	m.InReplyTo = cleanIDs(h.MsgIDList("In-Reply-To"))
	m.References = cleanIDs(h.MsgIDList("References"))
	if s, err := h.Subject(); err == nil {
		m.Subject = clean.Line(s, MaxHeaderBytes)
	} else {
		m.Subject = clean.Line(h.Get("Subject"), MaxHeaderBytes)
	}
	if from, err := h.AddressList("From"); err == nil && len(from) > 0 {
		m.FromName, m.FromAddr = clean.Line(from[0].Name, 200), clean.Line(strings.ToLower(from[0].Address), 320)
	}
	m.Date, _ = h.Date()
	m.Automatic = automatic(h, m.FromAddr, m.Subject)

	var plain, html strings.Builder
	leaf := func(p *message.Entity, depth int) {
		ct, _, _ := p.Header.ContentType()
		if ct == "message/rfc822" {
			if inner, err := parseEmail(io.LimitReader(p.Body, 4*MaxTextBytes), depth+1); err == nil {
				appendForwarded(&plain, inner)
				m.Attachments = append(m.Attachments, forwardedAttachments(inner)...)
				return
			} else if errors.Is(err, errTooDeep) {
				m.tooDeep = true
			}
			return // unreadable: it stays in the stored message, unread
		}
		if isAttachment(p.Header) {
			m.Attachments = append(m.Attachments, newAttachment(attachmentName(p.Header), ct, p.Body))
			return
		}
		if ct == "text/html" {
			appendLimited(&html, p.Body)
		} else {
			appendLimited(&plain, p.Body)
		}
	}
	if err := walk(e, depth, leaf); err != nil || m.tooDeep {
		if errors.Is(err, errTooDeep) || m.tooDeep {
			return nil, fmt.Errorf("%w: %w", ErrUnparseable, errTooDeep)
		}
		if plain.Len() == 0 && html.Len() == 0 {
			return nil, fmt.Errorf("%w: %v", ErrUnparseable, err)
		}
		// Keep what was readable before the damage.
	}
	m.Text = plain.String()
	if strings.TrimSpace(m.Text) == "" && html.Len() > 0 {
		m.Text = HTMLToText(html.String())
	}
	return m, nil
}

func appendLimited(b *strings.Builder, r io.Reader) {
	room := MaxTextBytes - b.Len()
	if room <= 0 {
		return
	}
	data, _ := io.ReadAll(io.LimitReader(r, int64(room)))
	if b.Len() > 0 {
		b.WriteString("\n")
	}
	b.Write(data)
}

func appendForwarded(b *strings.Builder, inner *Message) {
	fmt.Fprintf(b, "\n---------- Vidarebefordrat meddelande ----------\nFrån: %s\nÄmne: %s\n\n%s", inner.FromAddr, inner.Subject, inner.Text)
}

// forwardedAttachments lists the files of a forwarded message, marked so.
func forwardedAttachments(inner *Message) []Attachment {
	out := make([]Attachment, 0, len(inner.Attachments))
	for _, a := range inner.Attachments {
		a.Forwarded = true
		out = append(out, a)
	}
	return out
}

var idName = regexp.MustCompile(`(?i)(^|[^a-zåäö])(id|legitimation|leg|pass|passport|körkort|korkort|id-kort|idkort|driving|licen[cs]e)([^a-zåäö]|$)`)

func newAttachment(name, ct string, body io.Reader) Attachment {
	n, _ := io.Copy(io.Discard, body)
	return Attachment{Filename: name, ContentType: ct, Size: n, IDDocument: looksLikeID(name, ct)}
}

// attachmentName reads the file name from Content-Disposition or, failing
// that, Content-Type, decoding RFC 2047 and RFC 2231 names, and cleans it:
// never a path, no control characters, at most 255 bytes.
func attachmentName(h message.Header) string {
	name, _ := (&mail.AttachmentHeader{Header: h}).Filename()
	return clean.Filename(name)
}

// looksLikeID flags images and PDFs whose name says they are an ID
// document; staff see the flag as evidence, and such copies are deleted
// after the identity decision.
func looksLikeID(name, ct string) bool {
	isImageOrPDF := strings.HasPrefix(ct, "image/") || ct == "application/pdf"
	return isImageOrPDF && idName.MatchString(strings.ToLower(name))
}

var (
	autoSubject   = regexp.MustCompile(`(?i)^\s*(automatiskt svar|autosvar|automatisk svar|automatic reply|auto(matic)?[ -]?reply|out of (the )?office|frånvaro|frånvarande|abwesenheit|automatische antwort|automaattinen vastaus|poissa toimistolta|fraværende|ikke på kontoret)\b`)
	bounceSubject = regexp.MustCompile(`(?i)^\s*(undeliver(ed|able)|delivery status notification|delivery (has )?failed|mail delivery (failed|subsystem)|returned mail|failure notice|olevererbart|kunde inte levereras|unzustellbar|nicht zustellbar|ikke leveret|kunne ikke leveres|toimitus epäonnistui|viestiä ei voitu toimittaa)`)
)

// automatic reads the headers that mark a message as machine-made: an
// auto-reply (RFC 3834), a bounce (RFC 3464), or bulk mail from a mailing
// list (RFC 2369). A reply to such a message, "Re: …", is a person's.
func automatic(h mail.Header, from, subject string) string {
	ct, _, _ := h.ContentType()
	local, _, _ := strings.Cut(from, "@")
	reply := subjectPrefix.MatchString(subject)
	switch {
	case ct == "multipart/report" || local == "mailer-daemon" || local == "postmaster" || !reply && bounceSubject.MatchString(subject):
		return "bounce"
	case autoSubmitted(h.Get("Auto-Submitted")) || h.Get("X-Autoreply") != "" || h.Get("X-Autorespond") != "" ||
		strings.EqualFold(h.Get("Precedence"), "auto_reply") || !reply && autoSubject.MatchString(subject):
		return "auto-reply"
	case h.Get("List-Unsubscribe") != "" || h.Get("List-Id") != "" || strings.EqualFold(h.Get("Precedence"), "bulk") || strings.EqualFold(h.Get("Precedence"), "list"):
		return "bulk"
	}
	return ""
}

func autoSubmitted(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	return v != "" && v != "no"
}
