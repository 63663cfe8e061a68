package activities

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
	months, err := a.monthsAfterClosure(ctx, "inbound_messages")
	if err != nil {
		return 0, err
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

// monthsAfterClosure reads, from the record of processing, how many months
// after closure the engine keeps its records in tables (its rule
// case_closed_months:N).
func (a *Activities) monthsAfterClosure(ctx context.Context, tables string) (int, error) {
	records, err := a.reg().Records(ctx)
	if err != nil {
		return 0, err
	}
	for _, r := range records {
		if r.System == "dsr" && r.Tables == tables {
			n, err := strconv.Atoi(strings.TrimPrefix(r.RetentionRule, "case_closed_months:"))
			if err != nil || n < 1 {
				return 0, fmt.Errorf("the retention rule of %s %q is not case_closed_months:N", tables, r.RetentionRule)
			}
			return n, nil
		}
	}
	return 0, fmt.Errorf("the record of processing has no entry for %s", tables)
}

// PurgeCases erases, for each case closed longer ago than the record of
// processing keeps cases and their letters, what the engine holds about
// the person: the letters (and their files in the outbox), the mails, the
// fulfilment results (an extract's rows among them) and the case record's
// name, addresses, e-mail address and personnummer. The audit trail, which
// shows what was done, stays; the erasure is recorded in it. It returns how
// many cases it erased.
func (a *Activities) PurgeCases(ctx context.Context) (int, error) {
	months, err := a.monthsAfterClosure(ctx, "cases,letters")
	if err != nil {
		return 0, err
	}
	due, err := a.Store.CasesClosedBefore(ctx, a.now().UTC().AddDate(0, -months, 0))
	if err != nil {
		return 0, err
	}
	for i, number := range due {
		heartbeat(ctx, i)
		// The files first: a crash after them leaves the rows, and the
		// next run finds the case again.
		files, err := a.removeOutboxFiles(number)
		if err != nil {
			return i, err
		}
		n, err := a.Store.EraseCaseRecords(ctx, number, a.now())
		if err != nil {
			return i, err
		}
		if a.Trail != nil {
			if _, err := a.Trail.Append(ctx, audit.Entry{CaseNumber: number, Time: a.now(), Actor: "system",
				Event: event.CaseRecordsErased{Letters: n.Letters, Mails: n.Mails, Fulfilment: n.Fulfilment, Files: files, Rule: fmt.Sprintf("%d months after closure", months),
					AuditKeyErased: n.KeyErased},
				IdemKey: "case-purge/" + number}); err != nil {
				return i, err
			}
		}
	}
	return len(due), nil
}

// removeOutboxFiles removes a case's letters and portability file from the
// outbox, and returns how many there were.
func (a *Activities) removeOutboxFiles(number string) (int, error) {
	if a.OutboxDir == "" {
		return 0, nil
	}
	files, err := filepath.Glob(filepath.Join(a.OutboxDir, number+"-*"))
	if err != nil {
		return 0, err
	}
	for _, f := range files {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return 0, fmt.Errorf("remove %s from the outbox: %w", filepath.Base(f), err)
		}
	}
	return len(files), nil
}
