package activities

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/register"
)

// PurgeMessages erases the stored messages, their attachments and scans, of
// cases closed longer ago than the record of processing allows for inbound
// messages, and records it in each case's audit trail. It returns how many
// messages it erased.
func (a *Activities) PurgeMessages(ctx context.Context) (int, error) {
	records, err := register.New(a.Store.DB, a.Store.Postgres).Records(ctx)
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
	var due []struct {
		ID         int64  `bun:"id"`
		CaseNumber string `bun:"case_number"`
		SHA256     string `bun:"sha256"`
	}
	err = a.Store.DB.NewRaw(`SELECT m.id, m.case_number, m.sha256 FROM inbound_messages m
		WHERE m.raw_erased_at IS NULL AND EXISTS (SELECT 1 FROM audit_events e
			WHERE e.case_number = m.case_number AND e.action = ? AND e.occurred_at < ?)
		ORDER BY m.id`, event.ActCaseClosed, cutoff).Scan(ctx, &due)
	if err != nil {
		return 0, err
	}
	for _, m := range due {
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
