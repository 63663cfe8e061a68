// Package intake reads an inbound message, e-mail or scanned letter, and
// works out whether it is a data-subject rights request, which rights it asks
// for, who sent it and which case it answers. It never acts on the message.
package intake

import (
	"bytes"
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
}

// ErrUnparseable is returned, wrapped, when a message cannot be read as MIME.
var ErrUnparseable = errors.New("message cannot be parsed")

// ParseEmail reads a raw RFC 5322 message.
func ParseEmail(raw []byte) (*Message, error) {
	mr, err := mail.CreateReader(bytes.NewReader(raw))
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
			ct, params, _ := ph.ContentType()
			switch {
			case ct == "text/plain" || ct == "":
				appendLimited(&plain, p.Body)
			case ct == "text/html":
				appendLimited(&html, p.Body)
			case ct == "message/rfc822":
				if inner, err := ParseEmail(readLimited(p.Body)); err == nil {
					appendForwarded(&plain, inner)
				}
			default:
				name := params["name"]
				m.Attachments = append(m.Attachments, newAttachment(name, ct, p.Body))
			}
		case *mail.AttachmentHeader:
			name, _ := ph.Filename()
			ct, _, _ := ph.ContentType()
			if ct == "message/rfc822" {
				if inner, err := ParseEmail(readLimited(p.Body)); err == nil {
					appendForwarded(&plain, inner)
					continue
				}
			}
			m.Attachments = append(m.Attachments, newAttachment(name, ct, p.Body))
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

func readLimited(r io.Reader) []byte {
	data, _ := io.ReadAll(io.LimitReader(r, 4*MaxTextBytes))
	return data
}

func appendForwarded(b *strings.Builder, inner *Message) {
	fmt.Fprintf(b, "\n---------- Vidarebefordrat meddelande ----------\nÄmne: %s\n%s", inner.Subject, inner.Text)
}

var idName = regexp.MustCompile(`(?i)(^|[^a-zåäö])(id|legitimation|leg|pass|passport|körkort|korkort|id-kort|idkort|driving|licen[cs]e)([^a-zåäö]|$)`)

func newAttachment(name, ct string, body io.Reader) Attachment {
	n, _ := io.Copy(io.Discard, body)
	a := Attachment{Filename: name, ContentType: ct, Size: n}
	isImageOrPDF := strings.HasPrefix(ct, "image/") || ct == "application/pdf"
	a.IDDocument = isImageOrPDF && idName.MatchString(strings.ToLower(name))
	return a
}
