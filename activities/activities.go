// Package activities holds the work a case workflow hands out: everything
// that touches the database, the file system or the outside world. Each
// activity is idempotent, so Temporal may retry it freely.
package activities

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/store"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
)

// Activities carries the dependencies of the case activities.
type Activities struct {
	Store  *store.Store
	Trail  *audit.Trail
	Sender letter.Sender
	// OutboxDir is where letters are written as PDF files for the post room.
	OutboxDir string
	// Notifier sends reminders and escalations to the privacy team.
	Notifier Notifier
	// Systems are the systems fulfilment acts on; nil means Harmoniq's.
	Systems []System
	// Templates word the letters; nil means the built-in ones.
	Templates *letter.Templates
	// Temporal reads case histories, for the caller identities.
	Temporal client.Client
	// StaffPrincipals maps a caller the server verified to the actors it
	// may act as; empty trusts the actor an input names.
	StaffPrincipals map[string][]string
	// Now is the clock; tests set it.
	Now func() time.Time
	// Observer, when set, is told what was done, for the worker's metrics.
	Observer Observer
	// Mail answers e-mail requests by e-mail; nil: letters go by post only.
	Mail *Mailer
	// Addresses gives a person's registered postal address; nil: the
	// register.
	Addresses AddressSource
	// Recipients are the named recipients and processors Art. 19 notices
	// go to; a category none is named for is recorded unaddressed.
	Recipients register.Recipients
}

// Observer is told what the activities did, once it is done: the worker's
// metrics count it.
type Observer interface {
	// Recorded is an audit event written (letter.sent, signal.rejected…).
	Recorded(action string)
	// MailSent is a mail handed to the SMTP server.
	MailSent(kind string)
}

// heartbeat tells Temporal that a long activity is alive, with how far it
// got; run outside Temporal (`dsr purge`), it does nothing.
func heartbeat(ctx context.Context, done int) {
	if activity.IsActivity(ctx) {
		activity.RecordHeartbeat(ctx, done)
	}
}

// reg returns the register, built once.
// keepAlive heartbeats every few seconds until the returned stop is
// called; outside Temporal it does nothing.
func keepAlive(ctx context.Context) (stop func()) {
	if !activity.IsActivity(ctx) {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(3 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				activity.RecordHeartbeat(ctx)
			}
		}
	}()
	return func() { close(done) }
}

func (a *Activities) reg() *register.Register { return a.Store.Register() }

func (a *Activities) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

// caseRecord reads a case; a case that does not exist fails the activity
// for good, since retrying cannot make it appear.
func (a *Activities) caseRecord(ctx context.Context, number string) (*store.Case, error) {
	c, err := a.Store.Case(ctx, number)
	if errors.Is(err, store.ErrNotFound) {
		return nil, temporal.NewNonRetryableApplicationError(err.Error(), "NoSuchCase", err)
	}
	return c, err
}

// subjectOf is the person a case is about, by the keys the case holds.
func subjectOf(c *store.Case) register.Subject {
	switch c.VerifiedSubject {
	case "personnummer":
		return register.Subject{Personnummer: c.Personnummer}
	case "email":
		return register.Subject{Email: strings.ToLower(c.RequesterEmail)}
	}
	return register.Subject{Personnummer: c.Personnummer, Email: strings.ToLower(c.RequesterEmail)}
}
