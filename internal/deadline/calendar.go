// Package deadline computes the dates a rights request must be answered by:
// the legal date of GDPR Art. 12(3) counted by Regulation 1182/71, the date a
// controller promised (30 days for Harmoniq), pauses, the extension, and the
// reminder dates. It is pure Go with no dependency on Temporal, so the
// workflow, the CLI and the tests share one definition.
//
// Dates are civil dates in Europe/Stockholm, represented as time.Time values
// at midnight UTC so that they compare and print without a zone.
package deadline

import (
	"time"
	_ "time/tzdata" // Europe/Stockholm must resolve on hosts without zoneinfo.
)

// Stockholm is the zone in which a request's day of receipt and its deadlines
// are counted.
var Stockholm = mustLoad("Europe/Stockholm")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Date returns the civil date of y-m-d.
func Date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DateOf returns the Stockholm calendar date on which instant t falls.
func DateOf(t time.Time) time.Time {
	l := t.In(Stockholm)
	return Date(l.Year(), l.Month(), l.Day())
}

// EndOf returns the last instant of civil date d in Stockholm: a deadline on d
// is met by anything done before it.
func EndOf(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, Stockholm).Add(-time.Nanosecond)
}

// easter returns Easter Sunday of year y (anonymous Gregorian computus).
func easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return Date(y, time.Month(month), day)
}

// saturdayBetween returns the Saturday in the seven days starting at first.
func saturdayBetween(first time.Time) time.Time {
	return first.AddDate(0, 0, (int(time.Saturday)-int(first.Weekday())+7)%7)
}

// PublicHolidays returns the Swedish public holidays of year y under lag
// (1989:253), each with its name. Sundays are holidays too but not listed.
func PublicHolidays(y int) map[time.Time]string {
	e := easter(y)
	return map[time.Time]string{
		Date(y, 1, 1):                    "nyårsdagen",
		Date(y, 1, 6):                    "trettondedag jul",
		e.AddDate(0, 0, -2):              "långfredagen",
		e:                                "påskdagen",
		e.AddDate(0, 0, 1):               "annandag påsk",
		Date(y, 5, 1):                    "första maj",
		e.AddDate(0, 0, 39):              "Kristi himmelsfärds dag",
		e.AddDate(0, 0, 49):              "pingstdagen",
		Date(y, 6, 6):                    "Sveriges nationaldag",
		saturdayBetween(Date(y, 6, 20)):  "midsommardagen",
		saturdayBetween(Date(y, 10, 31)): "alla helgons dag",
		Date(y, 12, 25):                  "juldagen",
		Date(y, 12, 26):                  "annandag jul",
	}
}

// IsPublicHoliday reports whether d is a Sunday or a Swedish public holiday.
func IsPublicHoliday(d time.Time) bool {
	if d.Weekday() == time.Sunday {
		return true
	}
	_, ok := PublicHolidays(d.Year())[d]
	return ok
}

// IsWorkingDay reports whether d counts as a working day for a legal time
// limit: not a Saturday, Sunday or public holiday (Reg. 1182/71 art. 3(4)).
func IsWorkingDay(d time.Time) bool {
	return d.Weekday() != time.Saturday && !IsPublicHoliday(d)
}

// IsOfficeDay reports whether the office is open on d: a working day that is
// not midsommarafton, julafton or nyårsafton. Reminders count office days;
// the legal date does not, because those eves are not public holidays.
func IsOfficeDay(d time.Time) bool {
	if !IsWorkingDay(d) {
		return false
	}
	midsommarafton := saturdayBetween(Date(d.Year(), 6, 20)).AddDate(0, 0, -1)
	return d != midsommarafton && d != Date(d.Year(), 12, 24) && d != Date(d.Year(), 12, 31)
}
