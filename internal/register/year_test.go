package register

import (
	"testing"
	"time"
)

// TestAccountingRecordsFollowTheFinancialYear: an accounting record is kept
// through the seventh calendar year after the one in which its financial
// year ended (bokföringslagen 7 kap. 2 §), and the retention purge erases
// it on exactly the first day after that, for a calendar year and a
// financial year ending in June or February.
func TestAccountingRecordsFollowTheFinancialYear(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct{ end, dated, until string }{
		{"12-31", "2025-06-01", "2032-12-31"},
		{"12-31", "2025-12-31", "2032-12-31"},
		{"06-30", "2025-06-30", "2032-12-31"}, // the year ending 30 June 2025
		{"06-30", "2025-07-01", "2033-12-31"}, // the year ending 30 June 2026
		{"02-28", "2024-02-29", "2031-12-31"},
		{"02-29", "2024-03-01", "2032-12-31"},
	} {
		fy, err := ParseFinancialYearEnd(c.end)
		if err != nil {
			t.Fatal(err)
		}
		if got := fy.KeepUntil(RuleBookkeeping, day(c.dated)); !got.Equal(day(c.until)) {
			t.Errorf("financial year ending %s, record of %s: kept until %s, want %s", c.end, c.dated, got.Format(time.DateOnly), c.until)
		}
	}
	// The purge's cut-off agrees with KeepUntil on every day of ten years.
	for _, end := range []string{"12-31", "06-30", "04-30", "02-28"} {
		fy, _ := ParseFinancialYearEnd(end)
		for today := day("2030-01-01"); today.Before(day("2031-01-01")); today = today.AddDate(0, 0, 7) {
			cutoff, _ := fy.expiredBefore(RuleBookkeeping, today)
			for d := day("2020-01-01"); d.Before(day("2026-01-01")); d = d.AddDate(0, 0, 1) {
				expired := d.Before(cutoff)
				if want := fy.KeepUntil(RuleBookkeeping, d).Before(today); expired != want {
					t.Fatalf("year ending %s, on %s a record of %s: expired %v, want %v", end, today.Format(time.DateOnly), d.Format(time.DateOnly), expired, want)
				}
			}
		}
	}
	for _, bad := range []string{"06-15", "13-31", "2026-12-31", "04-31", ""} {
		if _, err := ParseFinancialYearEnd(bad); err == nil {
			t.Errorf("%q accepted as a financial year's end", bad)
		}
	}
}
