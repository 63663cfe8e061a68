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
		// Cross-checked against an independent implementation of the rules
		// (Gauss's Easter algorithm); the holidays named were checked by hand.
		{"31 January, leap year 2028", "2028-01-31", 0, false, "2028-02-29", "2028-03-01", "2028-02-29"},
		{"31 January, common year 2029", "2029-01-31", 0, false, "2029-02-28", "2029-03-02", "2029-02-28"},
		{"31 January, common year 2030", "2030-01-31", 0, false, "2030-02-28", "2030-03-01", "2030-02-28"},
		{"31 January, common year 2031", "2031-01-31", 0, false, "2031-02-28", "2031-02-28", "2031-02-28"},
		{"leap day across Easter 2024", "2024-02-29", 0, false, "2024-04-02", "2024-03-28", "2024-03-28"},
		{"leap day 2028: the legal clock wins", "2028-02-29", 0, false, "2028-03-29", "2028-03-30", "2028-03-29"},
		{"Easter 2025", "2025-03-20", 0, false, "2025-04-22", "2025-04-17", "2025-04-17"},
		{"Easter 2028", "2028-03-16", 0, false, "2028-04-18", "2028-04-13", "2028-04-13"},
		{"Easter 2029 (1 April)", "2029-03-01", 0, false, "2029-04-03", "2029-03-29", "2029-03-29"},
		{"Easter 2030", "2030-03-21", 0, false, "2030-04-23", "2030-04-18", "2030-04-18"},
		{"Easter 2031", "2031-03-13", 0, false, "2031-04-15", "2031-04-10", "2031-04-10"},
		{"Christmas 2024", "2024-11-25", 0, false, "2024-12-27", "2024-12-24", "2024-12-24"},
		{"Christmas 2025", "2025-11-26", 0, false, "2025-12-29", "2025-12-24", "2025-12-24"},
		{"julafton is a working day for both clocks", "2027-11-24", 0, false, "2027-12-24", "2027-12-24", "2027-12-24"},
		{"New Year 2029", "2028-12-01", 0, false, "2029-01-02", "2028-12-29", "2028-12-29"},
		{"New Year 2030", "2029-12-01", 0, false, "2030-01-02", "2029-12-31", "2029-12-31"},
		{"trettondedag jul 2031", "2030-12-06", 0, false, "2031-01-07", "2031-01-03", "2031-01-03"},
		{"midsommar 2025", "2025-05-24", 0, false, "2025-06-24", "2025-06-23", "2025-06-23"},
		{"midsommar 2027", "2027-05-26", 0, false, "2027-06-28", "2027-06-25", "2027-06-25"},
		{"midsommar 2029", "2029-05-23", 0, false, "2029-06-25", "2029-06-22", "2029-06-22"},
		{"midsommarafton 2031 counts for the legal date", "2031-05-20", 0, false, "2031-06-20", "2031-06-19", "2031-06-19"},
		{"första maj 2025", "2025-04-01", 0, false, "2025-05-02", "2025-04-30", "2025-04-30"},
		{"Kristi himmelsfärds dag 2030", "2030-04-30", 0, false, "2030-05-31", "2030-05-29", "2030-05-29"},
		{"alla helgons dag 2027", "2027-10-06", 0, false, "2027-11-08", "2027-11-05", "2027-11-05"},
		{"alla helgons dag 2028", "2028-10-06", 0, false, "2028-11-06", "2028-11-03", "2028-11-03"},
		{"received on nyårsafton", "2024-12-31", 0, false, "2025-01-31", "2025-01-30", "2025-01-30"},
		{"a 5-day pause across the end of August", "2025-07-31", 5, false, "2025-09-05", "2025-09-04", "2025-09-04"},
		{"a 20-day pause across the year end", "2027-12-20", 20, false, "2028-02-09", "2028-02-08", "2028-02-08"},
		{"a 3-day pause, both clocks agree", "2030-06-28", 3, false, "2030-07-31", "2030-07-31", "2030-07-31"},
		{"a 31-day pause across two month ends", "2031-09-30", 31, false, "2031-12-01", "2031-11-28", "2031-11-28"},
		{"extended across Christmas", "2026-09-25", 0, true, "2026-12-28", "", "2026-12-28"},
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

// TestAnExtensionIsReadBothWays: Art. 12(3)'s "two further months" counted
// from the end of the first month (Reg. 1182/71) ends earlier than three
// months from receipt when the first month ends short (February, June,
// November); the engine enforces the earlier. The dates were worked out by
// hand from the calendar, independently of the code; a policy that reads
// only three months from receipt (cases begun before) keeps those.
func TestAnExtensionIsReadBothWays(t *testing.T) {
	for _, tc := range []struct{ received, both, threeMonths string }{
		{"2026-01-31", "2026-04-28", "2026-04-30"}, // 28 Feb + 2 months; 30 Apr
		{"2027-01-29", "2027-04-28", "2027-04-29"},
		{"2027-01-30", "2027-04-28", "2027-04-30"},
		{"2028-01-31", "2028-05-02", "2028-05-02"}, // 29 Apr is a Saturday, 30 Apr a Sunday, 1 May a holiday
		{"2027-05-31", "2027-08-30", "2027-08-31"}, // 30 Jun + 2 months
		{"2028-10-31", "2029-01-30", "2029-01-31"}, // 30 Nov + 2 months
		{"2026-03-31", "2026-06-30", "2026-06-30"}, // 30 Apr + 2 months: the same day
		{"2026-08-31", "2026-11-30", "2026-11-30"},
		{"2026-11-25", "2027-02-25", "2027-02-25"},
	} {
		received, err := ParseDate(tc.received)
		if err != nil {
			t.Fatal(err)
		}
		c := Case{Received: received, Extended: true}
		d := DefaultPolicy.Compute(c)
		if got := d.Legal.Format(time.DateOnly); got != tc.both || d.Due != d.Legal {
			t.Errorf("received %s, extended: legal %s, due %s; want %s", tc.received, got, d.Due.Format(time.DateOnly), tc.both)
		}
		if got := d.FromReceipt.Format(time.DateOnly); got != tc.threeMonths {
			t.Errorf("received %s: three months from receipt %s, want %s", tc.received, got, tc.threeMonths)
		}
		old := DefaultPolicy
		old.ExtensionBothWays = false
		if got := old.Compute(c).Legal.Format(time.DateOnly); got != tc.threeMonths {
			t.Errorf("received %s under the policy of older cases: %s, want %s", tc.received, got, tc.threeMonths)
		}
	}
}

// TestARefusalIsDueWithinTheFirstMonth: Art. 12(4) gives one month from
// receipt to say why nothing will be done, whether the case is extended or
// not; a pause moves it, and it falls on a working day.
func TestARefusalIsDueWithinTheFirstMonth(t *testing.T) {
	for _, tc := range []struct {
		received string
		paused   int
		want     string
	}{
		{"2026-01-31", 0, "2026-03-02"}, // 28 February is a Saturday
		{"2026-11-02", 0, "2026-12-02"},
		{"2026-12-05", 0, "2027-01-05"},
		{"2026-11-02", 10, "2026-12-14"}, // 12 December, a Saturday, plus two days
		{"2027-03-26", 0, "2027-04-26"},
	} {
		for _, extended := range []bool{false, true} {
			received, _ := ParseDate(tc.received)
			d := DefaultPolicy.Compute(Case{Received: received, Extended: extended, PausedDays: tc.paused})
			if got := d.RefusalLatest.Format(time.DateOnly); got != tc.want {
				t.Errorf("received %s, paused %d, extended %v: refuse by %s, want %s", tc.received, tc.paused, extended, got, tc.want)
			}
		}
	}
}
