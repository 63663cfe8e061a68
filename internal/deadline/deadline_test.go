package deadline

import (
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

// Expected dates were worked out by hand from the rules in
// shared/design/gdpr-rules.md; the comments give the reasoning.
func TestComputeFollowsBothClocks(t *testing.T) {
	cases := []struct {
		name                 string
		received             string
		paused               int
		extended             bool
		legal, promised, due string
	}{
		{"design example: Easter moves the legal date, långfredagen the promise", "2026-03-05", 0, false, "2026-04-07", "2026-04-02", "2026-04-02"},
		{"design example: 31 January in a leap year", "2024-01-31", 0, false, "2024-02-29", "2024-03-01", "2024-02-29"},
		{"31 January in a common year, day 30 is a Sunday", "2025-01-31", 0, false, "2025-02-28", "2025-02-28", "2025-02-28"},
		{"EDPB: 5 March gives 5 April", "2024-03-05", 0, false, "2024-04-05", "2024-04-04", "2024-04-04"},
		{"EDPB: 31 August gives 30 September", "2027-08-31", 0, false, "2027-09-30", "2027-09-30", "2027-09-30"},
		{"received on a Saturday", "2024-08-31", 0, false, "2024-09-30", "2024-09-30", "2024-09-30"},
		{"Christmas: legal rolls past annandag jul, promise kept on julafton", "2026-11-25", 0, false, "2026-12-28", "2026-12-24", "2026-12-24"},
		{"New Year: legal rolls past nyårsdagen and the weekend", "2026-12-01", 0, false, "2027-01-04", "2026-12-31", "2026-12-31"},
		{"midsommardagen: legal rolls to Monday, midsommarafton counts", "2026-05-20", 0, false, "2026-06-22", "2026-06-19", "2026-06-19"},
		{"nationaldagen on a Saturday", "2026-05-06", 0, false, "2026-06-08", "2026-06-05", "2026-06-05"},
		{"February: the legal clock wins", "2026-02-01", 0, false, "2026-03-02", "2026-03-03", "2026-03-02"},
		{"Kristi himmelsfärds dag moves both ways", "2026-04-14", 0, false, "2026-05-15", "2026-05-13", "2026-05-13"},
		{"Easter 2027 weekend", "2027-03-25", 0, false, "2027-04-26", "2027-04-23", "2027-04-23"},
		{"alla helgons dag", "2026-10-01", 0, false, "2026-11-02", "2026-10-30", "2026-10-30"},
		{"a pause of 14 days across the end of February", "2026-01-20", 14, false, "2026-03-06", "2026-03-05", "2026-03-05"},
		{"extended: three months, no promise", "2026-03-05", 0, true, "2026-06-05", "", "2026-06-05"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := DefaultPolicy.Compute(Case{Received: d(c.received), PausedDays: c.paused, Extended: c.extended})
			if !got.Legal.Equal(d(c.legal)) {
				t.Errorf("legal = %s, want %s", got.Legal.Format(time.DateOnly), c.legal)
			}
			if c.promised == "" {
				if !got.Promised.IsZero() {
					t.Errorf("promised = %s, want none", got.Promised.Format(time.DateOnly))
				}
			} else if !got.Promised.Equal(d(c.promised)) {
				t.Errorf("promised = %s, want %s", got.Promised.Format(time.DateOnly), c.promised)
			}
			if !got.Due.Equal(d(c.due)) {
				t.Errorf("due = %s, want %s", got.Due.Format(time.DateOnly), c.due)
			}
		})
	}
}

func TestEasterIsComputedForAnyYear(t *testing.T) {
	want := map[int]string{2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28",
		2028: "2028-04-16", 2029: "2029-04-01", 2030: "2030-04-21", 2031: "2031-04-13"}
	for y, s := range want {
		if got := easter(y); !got.Equal(d(s)) {
			t.Errorf("easter(%d) = %s, want %s", y, got.Format(time.DateOnly), s)
		}
	}
}

func TestPromiseOffLeavesOnlyTheLegalDate(t *testing.T) {
	got := Policy{}.Compute(Case{Received: d("2026-03-05")})
	if !got.Promised.IsZero() || !got.Due.Equal(d("2026-04-07")) {
		t.Errorf("got promised %v due %v, want none and 2026-04-07", got.Promised, got.Due)
	}
}

func TestRemindersCountOfficeDaysBeforeTheDueDate(t *testing.T) {
	// Due 2026-12-24 (julafton). Office days before it, backwards: 23, 22, 21,
	// 18, 17, 16, 15, 14, 11, 10: the 10th is 10 December; the 3rd is 21 December.
	got := DefaultPolicy.Compute(Case{Received: d("2026-11-25")})
	want := []string{"2026-12-10", "2026-12-21"}
	if len(got.Reminders) != len(want) {
		t.Fatalf("reminders = %v, want %v", got.Reminders, want)
	}
	for i := range want {
		if !got.Reminders[i].Equal(d(want[i])) {
			t.Errorf("reminder %d = %s, want %s", i, got.Reminders[i].Format(time.DateOnly), want[i])
		}
	}
}

func TestDateOfUsesStockholmTime(t *testing.T) {
	// 23:30 UTC on 31 January is 00:30 on 1 February in Stockholm.
	got := DateOf(time.Date(2026, 1, 31, 23, 30, 0, 0, time.UTC))
	if !got.Equal(d("2026-02-01")) {
		t.Errorf("DateOf = %s, want 2026-02-01", got.Format(time.DateOnly))
	}
}
