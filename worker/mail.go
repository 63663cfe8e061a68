package worker

import (
	"github.com/emersion/go-message/mail"
	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/outmail"
)

// ReplyMailer is how the answers to e-mail requests go out, as the
// configuration says: through the relay, from the kundservice address, a
// copy filed in its Sent folder; nil when no relay is configured.
func ReplyMailer(cfg config.Config) *activities.Mailer {
	if cfg.Reply.Relay.Addr == "" {
		return nil
	}
	from, err := mail.ParseAddress(cfg.Reply.From)
	if err != nil {
		return nil // not reached: config.Load checked REPLY_FROM
	}
	m := &activities.Mailer{Relay: cfg.Reply.Relay, From: from, GiveUpAfter: cfg.Reply.GiveUpAfter}
	if cfg.Reply.SentFolder != "" && cfg.IMAP.Addr != "" {
		m.Sent = &outmail.SentFolder{Dial: cfg.IMAP.Dial, Folder: cfg.Reply.SentFolder}
	}
	return m
}
