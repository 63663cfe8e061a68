package register_test

import (
	"context"
	"flag"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/uptrace/bun"
)

var benchCustomers = flag.Int("customers", 10000, "customers in the register for the fulfilment benchmarks")

// BenchmarkRegister seeds the register once, then measures an access export
// and an erasure for a customer with a rich history among the others.
func BenchmarkRegister(b *testing.B) {
	st := storetest.Postgres(b)
	ctx := context.Background()
	if _, err := st.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	reg := st.Register()
	start := time.Now()
	if _, err := reg.Seed(ctx, *benchCustomers, 42, time.Now()); err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d customers in %s (%.0f customers/s)", *benchCustomers, time.Since(start).Round(time.Millisecond),
		float64(*benchCustomers)/time.Since(start).Seconds())
	rich := func(i int) register.Subject {
		c := register.Customer{Personnummer: register.TestPersonnummerFor(i), Name: "Rik Kund", Email: "rik@example.se"}
		if err := reg.SeedPeople(ctx, []register.Customer{c}, uint64(i), time.Now()); err != nil {
			b.Fatal(err)
		}
		return register.Subject{Personnummer: c.Personnummer}
	}
	records, err := reg.Records(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("access export", func(b *testing.B) {
		subj := rich(1)
		b.ResetTimer()
		for range b.N {
			for _, s := range reg.Systems() {
				if _, err := s.Export(ctx, nil, subj, records, register.Scope{}); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("erasure", func(b *testing.B) {
		for i := range b.N {
			b.StopTimer()
			subj := rich(1000 + i)
			b.StartTimer()
			err := storetest.SQL(b, st).RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
				for _, s := range reg.Systems() {
					if _, err := s.Erase(ctx, tx, subj, records, register.Scope{}, time.Now(), "DSR-BENCH"); err != nil {
						return err
					}
				}
				_, err := reg.Marketing().Erase(ctx, tx, subj, records, register.Scope{}, time.Now(), "DSR-BENCH")
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
