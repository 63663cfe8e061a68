package workflows

import (
	"fmt"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/event"
	"go.temporal.io/sdk/workflow"
)

// clockFiredOnceVersion marks the change that sets no timer again for a
// clock event already recorded, when the clock is set anew (after a pause,
// an extension, or in a case's next run).
const clockFiredOnceVersion = "clock-fired-once"

// Clock events.
const (
	clockReminder          = "deadline.reminder"
	clockPromiseMissed     = "deadline.promise_missed"
	clockLegalMissed       = "deadline.legal_missed"
	clockComplementTimeout = "complement.timed_out"
)

type clockTimer struct {
	kind   string
	date   time.Time
	future workflow.Future
	done   bool
}

// recompute derives the case's dates from the receipt date, the paused days
// and the extension.
func (c *caseRun) recompute() {
	c.dates = c.in.Policy.Compute(deadline.Case{
		Received: deadline.DateOf(c.in.ReceivedAt), PausedDays: c.pausedDays, Extended: c.extended,
	})
}

// armClock sets the timers of the case's current state, replacing any set
// before: while running, the reminders and breaches; while paused, only the
// limit on waiting for the person. Reminders go out at 08:00 Stockholm time;
// a breach is the first instant after the end of its date.
func (c *caseRun) armClock(ctx workflow.Context) {
	if c.clockCancel != nil {
		c.clockCancel()
	}
	firedOnce := c.gate(ctx, clockFiredOnceVersion)
	tctx, cancel := workflow.WithCancel(ctx)
	c.clockCancel = cancel
	c.clockTimers = nil
	now := workflow.Now(ctx)
	add := func(kind string, date, at time.Time) {
		if c.fired[kind+"/"+day(date)] && firedOnce {
			return // recorded before this clock was set
		}
		d := at.Sub(now)
		if d <= 0 {
			if kind == clockReminder {
				return // a reminder for a day gone by helps nobody
			}
			d = time.Second
		}
		c.clockTimers = append(c.clockTimers, clockTimer{kind: kind, date: date, future: workflow.NewTimerWithOptions(tctx, d, workflow.TimerOptions{Summary: kind + " " + day(date)})})
	}
	breach := func(d time.Time) time.Time { return deadline.EndOf(d).Add(time.Nanosecond) }
	if c.stage == StageComplement && c.paused != nil {
		limit := c.paused.Since.AddDate(0, 0, c.in.Policy.ComplementWaitDays)
		add(clockComplementTimeout, limit, breach(limit))
		return
	}
	for _, r := range c.dates.Reminders {
		add(clockReminder, r, time.Date(r.Year(), r.Month(), r.Day(), 8, 0, 0, 0, deadline.Stockholm))
	}
	if !c.dates.Promised.IsZero() && c.dates.Promised.Before(c.dates.Legal) {
		add(clockPromiseMissed, c.dates.Promised, breach(c.dates.Promised))
	}
	add(clockLegalMissed, c.dates.Legal, breach(c.dates.Legal))
}

// clockEvent records a reminder, a breach or the end of a wait, and tells
// the privacy team. A missed promise and a missed legal date are different
// events; the second is the graver.
func (c *caseRun) clockEvent(ctx workflow.Context, t clockTimer) {
	if c.rejections.Suppressed > 0 && c.gate(ctx, boundedRejectionsVersion) {
		c.flushSuppressed(ctx, workflow.Now(ctx))
	}
	if t.kind == clockComplementTimeout {
		c.record(ctx, "system", event.ComplementTimedOut{WaitedUntil: day(t.date)})
		from := c.paused.From
		c.resume(ctx, "system", nil)
		if from == StageIdentity {
			c.outcome = OutcomeUnverified
			c.setStage(ctx, StageResponse)
		}
		return
	}
	c.fired[t.kind+"/"+day(t.date)] = true
	d := event.Deadline{Date: day(t.date), Due: day(c.dates.Due), Stage: string(c.stage)}
	switch t.kind {
	case clockReminder:
		c.record(ctx, "system", event.Reminder{Deadline: d})
	case clockPromiseMissed:
		c.record(ctx, "system", event.PromiseMissed{Deadline: d})
	case clockLegalMissed:
		d.Severity = "breach of GDPR Art. 12(3)"
		c.record(ctx, "system", event.LegalMissed{Deadline: d})
	}
	c.notify(ctx, t.kind, t.date)
	if t.kind != clockReminder && !c.overdue {
		c.overdue = true
		c.changed(ctx)
	}
}

func (c *caseRun) notify(ctx workflow.Context, kind string, date time.Time) {
	in := activities.NotifyInput{
		CaseNumber: c.in.CaseNumber, Kind: kind, Date: day(date), Due: day(c.dates.Due), Legal: day(c.dates.Legal),
		Stage: string(c.stage), Key: fmt.Sprintf("%s/%s/%s", c.in.CaseNumber, kind, day(date)),
	}
	for _, t := range c.tasks {
		in.Tasks = append(in.Tasks, fmt.Sprintf("%s (%s, %s)", t.What, t.System, t.Right))
	}
	if err := c.activity(summary(ctx, "notify staff: "+kind), a.Notify, in).Get(ctx, nil); err != nil {
		c.record(ctx, "system", event.NotificationFailed{Kind: kind, Error: err.Error()})
		return
	}
	c.record(ctx, "system", event.NotificationSent{Kind: kind})
}

// pause stops the clock while the case waits for what it asked the person
// for (identity proof or a clarification), and sends the request letter.
func (c *caseRun) pause(ctx workflow.Context, from Stage, requested string) {
	c.pauseFor(ctx, from, letterComplement, activities.LetterInput{Requested: requested})
}

// pauseFor stops the clock as pause does, with a letter of kind saying
// what the case waits for: a complement, or a fee accepted.
func (c *caseRun) pauseFor(ctx workflow.Context, from Stage, kind string, say activities.LetterInput) {
	c.pauses++
	c.paused = &Pause{Since: deadline.DateOf(workflow.Now(ctx)), From: from, Fee: say.Fee}
	c.transition(StageComplement)
	c.record(ctx, "system", event.ClockPaused{Since: day(c.paused.Since), FromStage: string(from)})
	c.sendLetterWith(ctx, kind, fmt.Sprintf("%s-%d", kind, c.pauses), say)
	c.armClock(ctx)
	c.changed(ctx)
}

// resume starts the clock again: both dates move by the whole days paused.
func (c *caseRun) resume(ctx workflow.Context, actor string, why event.Event) {
	today := deadline.DateOf(workflow.Now(ctx))
	from := c.paused.From
	days := int(today.Sub(c.paused.Since).Hours() / 24)
	c.pausedDays += days
	c.paused = nil
	c.recompute()
	if why != nil {
		c.record(ctx, actor, why)
	}
	c.record(ctx, "system", event.ClockResumed{PausedDays: days, TotalPausedDays: c.pausedDays, Due: day(c.dates.Due)})
	c.transition(from)
	c.armClock(ctx)
	c.changed(ctx)
}
