package activities

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/event"
)

// PurgeMessages erases the stored messages, their attachments and scans, of
// cases closed longer ago than the record of processing allows for inbound
// messages, and records it in each case's audit trail. It returns how many
// messages it erased.
func (a *Activities) PurgeMessages(ctx context.Context) (int, error) {
	records, err := a.reg().Records(ctx)
	if err != nil {
		return 0, err
	}
	months := -1
	for _, r := range records {
		if r.System == "dsr" && r.Tables == "inbound_messages" {
			n, err := strconv.Atoi(strings.TrimPrefix(r.RetentionRule, "case_closed_months:"))
			if err != nil {
				return 0, fmt.Errorf("the retention rule of inbound messages %q is not case_closed_months:N", r.RetentionRule)
			}
			months = n
		}
	}
	if months < 0 {
		return 0, fmt.Errorf("the record of processing has no entry for the inbound messages")
	}
	cutoff := a.now().UTC().AddDate(0, -months, 0)
	due, err := a.Store.MessagesClosedBefore(ctx, cutoff)
	if err != nil {
		return 0, err
	}
	for i, m := range due {
		heartbeat(ctx, i)
		if err := a.Store.EraseMessage(ctx, m.ID, "retention", a.now()); err != nil {
			return 0, err
		}
		if a.Trail != nil {
			if _, err := a.Trail.Append(ctx, audit.Entry{CaseNumber: m.CaseNumber, Time: a.now(), Actor: "system",
				Event:   event.MessageErased{SHA256: m.SHA256, Rule: fmt.Sprintf("%d months after closure", months)},
				IdemKey: fmt.Sprintf("raw-purge/%d", m.ID)}); err != nil {
				return 0, err
			}
		}
	}
	return len(due), nil
}
