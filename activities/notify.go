package activities

import (
	"context"
	"crypto/tls"
	"fmt"
	"mime"
	"net"
	"net/smtp"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/store"
)

// Notifier sends notifications to the privacy team by e-mail. With no SMTP
// address, notifications are recorded in the database only.
type Notifier struct {
	SMTPAddr string
	From     string
	To       string
	// TLSConfig, when set, holds the CAs the relay's certificate is
	// checked against (NOTIFY_SMTP_CA_FILE), and the relay must then offer
	// STARTTLS; unset, STARTTLS is used whenever the relay offers it,
	// checked against the system's CAs.
	TLSConfig *tls.Config
}

// send hands msg to the relay, over STARTTLS as TLSConfig says.
func (n Notifier) send(msg []byte) error {
	c, err := smtp.Dial(n.SMTPAddr)
	if err != nil {
		return err
	}
	defer c.Close()
	host, _, _ := net.SplitHostPort(n.SMTPAddr)
	if err := c.Hello("localhost"); err != nil {
		return err
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		cfg := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
		if n.TLSConfig != nil {
			cfg = n.TLSConfig.Clone()
			if cfg.ServerName == "" {
				cfg.ServerName = host
			}
		}
		if err := c.StartTLS(cfg); err != nil {
			return err
		}
	} else if n.TLSConfig != nil {
		return fmt.Errorf("the relay offers no STARTTLS, and NOTIFY_SMTP_CA_FILE asks for TLS")
	}
	if err := c.Mail(n.From); err != nil {
		return err
	}
	if err := c.Rcpt(n.To); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// NotifyInput is a reminder or an escalation. It names the case and dates
// only: no personal data travels in a notification.
type NotifyInput struct {
	CaseNumber string
	Kind       string // deadline.reminder, deadline.promise_missed, deadline.legal_missed
	Date       string
	Due        string
	Legal      string
	Stage      string
	// Tasks are what staff must still do by hand, which the case waits for.
	Tasks []string `json:",omitempty"`
	// Key makes the notification unique: a retry sends nothing twice.
	Key string
}

var notifySubjects = map[string]string{
	"deadline.reminder":       "påminnelse: svar senast %s",
	"deadline.promise_missed": "LOVAT SVARSDATUM PASSERAT (%s)",
	"deadline.legal_missed":   "LAGSTADGAD TIDSFRIST PASSERAD (%s), brott mot art. 12.3 GDPR",
}

// Notify tells the privacy team about a reminder or a breach, once.
func (a *Activities) Notify(ctx context.Context, in NotifyInput) error {
	n, err := a.Store.RecordNotification(ctx, &store.Notification{
		IdemKey: in.Key, CaseNumber: in.CaseNumber, Kind: in.Kind, Recipient: a.Notifier.To,
	})
	if err != nil {
		return fmt.Errorf("record notification: %w", err)
	}
	if n.DeliveredAt != nil || a.Notifier.SMTPAddr == "" {
		return nil
	}
	format, ok := notifySubjects[in.Kind]
	if !ok {
		format = in.Kind + " %s"
	}
	date := in.Due
	if in.Kind != "deadline.reminder" {
		date = in.Date
	}
	subject := fmt.Sprintf("[%s] %s", in.CaseNumber, fmt.Sprintf(format, date))
	body := fmt.Sprintf("Ärende: %s\r\nHändelse: %s\r\nSteg: %s\r\nSvar senast: %s\r\nLagstadgad frist: %s\r\n\r\nÖppna ärendet i Temporal Web UI eller med `dsr case show %s`.\r\n",
		in.CaseNumber, in.Kind, in.Stage, in.Due, in.Legal, in.CaseNumber)
	if len(in.Tasks) > 0 {
		body += "\r\nÄrendet väntar på att personalen gör och bekräftar (task-done):\r\n"
		for _, t := range in.Tasks {
			body += "- " + t + "\r\n"
		}
	}
	msg := strings.Join([]string{
		"From: " + a.Notifier.From, "To: " + a.Notifier.To, "Date: " + a.now().Format(time.RFC1123Z), "Subject: " + mime.BEncoding.Encode("UTF-8", subject),
		"MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit",
		"Message-ID: <" + strings.ReplaceAll(in.Key, "/", ".") + "@dsr.harmoniq.se>", "", body,
	}, "\r\n")
	if err := a.Notifier.send([]byte(msg)); err != nil {
		return fmt.Errorf("send notification through %s: %w", a.Notifier.SMTPAddr, err)
	}
	if a.Observer != nil {
		a.Observer.MailSent("notification")
	}
	return a.Store.MarkNotificationDelivered(ctx, n.ID, a.now())
}
