package register_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/personnummer"
	"github.com/harmoniq/dsr/internal/register"
)

func TestSeededPersonnummerAreValidAndBelongToNobody(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for range 1000 {
		s := register.TestPersonnummer(rng)
		n, err := personnummer.Parse(s, now)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if n.Digits()[:4] < "2050" {
			t.Fatalf("%s could be a living person's number", s)
		}
	}
}

func TestBookkeepingRecordsAreKeptSevenYearsAfterTheirYear(t *testing.T) {
	d := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	if got := register.KeepUntil(register.RuleBookkeeping, d); !got.Equal(time.Date(2032, 12, 31, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("KeepUntil = %s, want 2032-12-31", got.Format(time.DateOnly))
	}
	if got := register.KeepUntil("while_customer", d); !got.IsZero() {
		t.Errorf("a non-bookkeeping rule keeps until %s", got)
	}
}
