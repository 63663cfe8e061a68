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

// ErrUnparseable is returned, wrapped, when a message cannot be read as MIME.
var ErrUnparseable = errors.New("message cannot be parsed")

// ParseEmail reads an RFC 5322 message as a stream: text parts are read up
// to MaxTextBytes, attachments are counted and measured, never held.
func ParseEmail(r io.Reader) (*Message, error) {
	mr, err := mail.CreateReader(r)
	if mr == nil || (err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err)) {
		return nil, fmt.Errorf("%w: %v", ErrUnparseable, err)
	}
	defer mr.Close()
	m := &Message{}
	h := mr.Header
	m.MessageID, _ = h.MessageID()
	m.InReplyTo, _ = h.MsgIDList("In-Reply-To")
	m.References, _ = h.MsgIDList("References")
	if s, err := h.Subject(); err == nil {
		m.Subject = s
	} else {
		m.Subject = h.Get("Subject")
	}
	if from, err := h.AddressList("From"); err == nil && len(from) > 0 {
		m.FromName, m.FromAddr = from[0].Name, strings.ToLower(from[0].Address)
	}
	m.Date, _ = h.Date()

	var plain, html strings.Builder
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
			if plain.Len() > 0 || html.Len() > 0 {
				break // keep what was readable before the damage
			}
			return nil, fmt.Errorf("%w: %v", ErrUnparseable, err)
		}
		if p == nil {
			break
		}
		switch ph := p.Header.(type) {
		case *mail.InlineHeader:
			ct, _, _ := ph.ContentType()
			switch {
			case ct == "text/plain" || ct == "":
				appendLimited(&plain, p.Body)
			case ct == "text/html":
				appendLimited(&html, p.Body)
			case ct == "message/rfc822":
				if inner, err := ParseEmail(io.LimitReader(p.Body, 4*MaxTextBytes)); err == nil {
					appendForwarded(&plain, inner)
					m.Attachments = append(m.Attachments, forwardedAttachments(inner)...)
				}
			default:
				m.Attachments = append(m.Attachments, newAttachment(attachmentName(ph.Header), ct, p.Body))
			}
		case *mail.AttachmentHeader:
			ct, _, _ := ph.ContentType()
			if ct == "message/rfc822" {
				if inner, err := ParseEmail(io.LimitReader(p.Body, 4*MaxTextBytes)); err == nil {
					appendForwarded(&plain, inner)
					m.Attachments = append(m.Attachments, forwardedAttachments(inner)...)
					continue
				}
			}
			m.Attachments = append(m.Attachments, newAttachment(attachmentName(ph.Header), ct, p.Body))
		}
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
	fmt.Fprintf(b, "\n---------- Vidarebefordrat meddelande ----------\nÄmne: %s\n%s", inner.Subject, inner.Text)
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

// looksLikeID flags images and PDFs whose name says they are an ID
// document; staff see the flag as evidence, and such copies are deleted
// after the identity decision.
func looksLikeID(name, ct string) bool {
	isImageOrPDF := strings.HasPrefix(ct, "image/") || ct == "application/pdf"
	return isImageOrPDF && idName.MatchString(strings.ToLower(name))
}
