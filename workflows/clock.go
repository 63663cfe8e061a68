package workflows

import (
	"time"

	"github.com/harmoniq/dsr/internal/deadline"
	"go.temporal.io/sdk/workflow"
)

// Clock events.
const (
	clockReminder      = "deadline.reminder"
	clockPromiseMissed = "deadline.promise_missed"
	clockLegalMissed   = "deadline.legal_missed"
)

type clockTimer struct {
	kind   string
	date   time.Time
	future workflow.Future
	done   bool
}

// armClock sets timers for the case's reminders and breaches, replacing any
// set before (the dates move when the clock is paused or extended). Reminders
// go out at 08:00 Stockholm time on their date; a breach is the first instant
// after the end of the due date.
func (c *caseRun) armClock(ctx workflow.Context) {
	if c.clockCancel != nil {
		c.clockCancel()
	}
	tctx, cancel := workflow.WithCancel(ctx)
	c.clockCancel = cancel
	c.clockTimers = nil
	now := workflow.Now(ctx)
	add := func(kind string, date, at time.Time) {
		d := at.Sub(now)
		if d <= 0 {
			if kind == clockReminder {
				return // a reminder for a day gone by helps nobody
			}
			d = time.Second
		}
		c.clockTimers = append(c.clockTimers, clockTimer{kind: kind, date: date, future: workflow.NewTimer(tctx, d)})
	}
	for _, r := range c.dates.Reminders {
		add(clockReminder, r, time.Date(r.Year(), r.Month(), r.Day(), 8, 0, 0, 0, deadline.Stockholm))
	}
	breach := func(d time.Time) time.Time { return deadline.EndOf(d).Add(time.Nanosecond) }
	if !c.dates.Promised.IsZero() && c.dates.Promised.Before(c.dates.Legal) {
		add(clockPromiseMissed, c.dates.Promised, breach(c.dates.Promised))
	}
	add(clockLegalMissed, c.dates.Legal, breach(c.dates.Legal))
}

// clockEvent records a reminder or a breach. A missed promise and a missed
// legal date are different events; the second is the graver.
func (c *caseRun) clockEvent(ctx workflow.Context, t clockTimer) {
	details := map[string]any{"date": day(t.date), "due": day(c.dates.Due), "stage": string(c.stage)}
	if t.kind == clockLegalMissed {
		details["severity"] = "breach of GDPR Art. 12(3)"
	}
	c.record(ctx, "system", t.kind, details)
	if t.kind != clockReminder && !c.overdue {
		c.overdue = true
		c.upsertSearch(ctx)
	}
}
