package deadline

import (
	"fmt"
	"time"
)

// Policy is a controller's configuration of the clocks.
type Policy struct {
	// PromiseDays is the number of days the controller promises to answer
	// within (30 for Harmoniq); 0 turns the promised clock off.
	PromiseDays int
	// ReminderOfficeDays lists how many office days before the due date a
	// reminder goes out, e.g. 10 and 3.
	ReminderOfficeDays []int
	// ComplementWaitDays is how long a case waits for identity proof or a
	// clarification it asked for before it closes (or goes on) without.
	ComplementWaitDays int
	// ExtensionBothWays reads an extension both ways Art. 12(3) can be
	// read, three months from receipt and "two further months" from the end
	// of the first, and enforces the earlier. A case begun before it was
	// set (its policy, in its workflow input, lacks it) keeps three
	// months from receipt.
	ExtensionBothWays bool
}

// DefaultPolicy is Harmoniq's: a 30-day promise, reminders 10 and 3 office
// days before the due date, and 30 days to send what the case asks for.
var DefaultPolicy = Policy{PromiseDays: 30, ReminderOfficeDays: []int{10, 3}, ComplementWaitDays: 30, ExtensionBothWays: true}

// Case is what the clocks are computed from.
type Case struct {
	// Received is the civil date the request reached the controller.
	Received time.Time
	// PausedDays is the total number of days the clock was suspended while the
	// controller waited for identity proof or a clarification it asked for.
	PausedDays int
	// Extended is set once the controller extended the time limit (Art. 12(3)).
	Extended bool
}

// Dates are the computed deadlines of a case, all civil dates.
type Dates struct {
	Received time.Time
	// Legal is the date the law requires the answer by.
	Legal time.Time
	// Promised is the date the controller promised; zero when no promise.
	Promised time.Time
	// Due is the date the engine enforces: the earlier of Legal and Promised.
	Due time.Time
	// ExtensionLatest is the last day on which an extension may be notified:
	// the end of the first month, moved by pauses (not by weekends).
	ExtensionLatest time.Time
	// RefusalLatest is the last day a refusal may reach the person, extended
	// case or not: Art. 12(4) gives one month from receipt to say why
	// nothing will be done (moved by pauses, to a working day).
	RefusalLatest time.Time
	// FromReceipt and FromFirstMonth are an extended case's two readings of
	// Art. 12(3): three months from receipt, and two further months from
	// the end of the first month (zero unless extended). Legal is the
	// earlier, under a policy that reads both.
	FromReceipt, FromFirstMonth time.Time
	// Reminders are the dates reminders go out, earliest first; dates before
	// the day of receipt are left out.
	Reminders []time.Time
}

// Compute returns the deadlines of c under policy p.
func (p Policy) Compute(c Case) Dates {
	received := Date(c.Received.Year(), c.Received.Month(), c.Received.Day())
	months := 1
	if c.Extended {
		months = 3
	}
	firstMonth := AddMonths(received, 1).AddDate(0, 0, c.PausedDays)
	d := Dates{
		Received:        received,
		Legal:           nextWorkingDay(AddMonths(received, months).AddDate(0, 0, c.PausedDays)),
		ExtensionLatest: firstMonth,
		RefusalLatest:   nextWorkingDay(firstMonth),
	}
	if c.Extended {
		// Reg. 1182/71 counts the two further months from the end of the
		// first: 31 January + 1 month = 28 February, + 2 months = 28 April,
		// where three months from receipt is 30 April.
		d.FromReceipt = d.Legal
		d.FromFirstMonth = nextWorkingDay(AddMonths(AddMonths(received, 1), 2).AddDate(0, 0, c.PausedDays))
		if p.ExtensionBothWays && d.FromFirstMonth.Before(d.Legal) {
			d.Legal = d.FromFirstMonth
		}
	}
	d.Due = d.Legal
	if p.PromiseDays > 0 && !c.Extended {
		d.Promised = previousWorkingDay(received.AddDate(0, 0, p.PromiseDays+c.PausedDays))
		if d.Promised.Before(d.Due) {
			d.Due = d.Promised
		}
	}
	for _, n := range p.ReminderOfficeDays {
		r := officeDaysBefore(d.Due, n)
		if r.After(received) {
			d.Reminders = append(d.Reminders, r)
		}
	}
	sortDates(d.Reminders)
	return d
}

// AddMonths adds n months to civil date d by Reg. 1182/71 art. 3(2)(c): the
// same date n months later, or the last day of that month when the date does
// not exist there (31 August + 1 month = 30 September).
func AddMonths(d time.Time, n int) time.Time {
	first := Date(d.Year(), d.Month()+time.Month(n), 1)
	last := first.AddDate(0, 1, -1).Day()
	day := d.Day()
	if day > last {
		day = last
	}
	return Date(first.Year(), first.Month(), day)
}

func nextWorkingDay(d time.Time) time.Time {
	for !IsWorkingDay(d) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

func previousWorkingDay(d time.Time) time.Time {
	for !IsWorkingDay(d) {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

func officeDaysBefore(d time.Time, n int) time.Time {
	for n > 0 {
		d = d.AddDate(0, 0, -1)
		if IsOfficeDay(d) {
			n--
		}
	}
	return d
}

func sortDates(ds []time.Time) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j].Before(ds[j-1]); j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}

// ParseDate parses a civil date written as YYYY-MM-DD.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q is not in the form YYYY-MM-DD", s)
	}
	return t, nil
}
