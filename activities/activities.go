// Package activities holds the work a case workflow hands out: everything
// that touches the database, the file system or the outside world. Each
// activity is idempotent, so Temporal may retry it freely.
package activities

import (
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/store"
	"go.temporal.io/sdk/client"
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
	// Now is the clock; tests set it.
	Now func() time.Time
}

func (a *Activities) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}
