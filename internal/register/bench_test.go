package register_test

import (
	"context"
	"flag"
	"fmt"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/dataset"
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

// BenchmarkRegisterExternal is BenchmarkRegister with the customer systems
// in a PostgreSQL database of their own, reached through the PostgreSQL
// connector (a pool of its own, each erasure in one transaction of that
// database with its ledger row), as a controller's own systems are.
func BenchmarkRegisterExternal(b *testing.B) {
	ctx := context.Background()
	st := storetest.Postgres(b)
	systems := storetest.Postgres(b) // the controller's database, with Harmoniq's tables
	seeder := systems.Register()
	start := time.Now()
	if _, err := seeder.Seed(ctx, *benchCustomers, 42, time.Now()); err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d customers in the systems' own database in %s", *benchCustomers, time.Since(start).Round(time.Millisecond))
	url, _ := systems.Location()
	b.Setenv("DSR_BENCH_SYSTEMS_URL", url)
	set, err := dataset.Harmoniq()
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range set.Model(dataset.ModelCustomer) {
		d.Connection = dataset.Connection{Kind: dataset.ConnPostgres, URLEnv: "DSR_BENCH_SYSTEMS_URL", Schema: d.System}
		if _, err := storetest.SQL(b, systems).ExecContext(ctx, register.LedgerDDL(d.System)); err != nil {
			b.Fatal(err)
		}
	}
	reg := st.Register()
	if err := reg.UseDatasets(context.Background(), set); err != nil {
		b.Fatal(err)
	}
	records, err := reg.Records(ctx)
	if err != nil {
		b.Fatal(err)
	}
	rich := func(i int) register.Subject {
		c := register.Customer{Personnummer: register.TestPersonnummerFor(i), Name: "Rik Kund", Email: "rik@example.se"}
		if err := seeder.SeedPeople(ctx, []register.Customer{c}, uint64(i), time.Now()); err != nil {
			b.Fatal(err)
		}
		return register.Subject{Personnummer: c.Personnummer}
	}
	b.Run("access export", func(b *testing.B) {
		subj := rich(1)
		b.ResetTimer()
		for range b.N {
			n := 0
			for _, s := range reg.Systems() {
				ts, err := s.Export(ctx, nil, subj, records, register.Scope{})
				if err != nil {
					b.Fatal(err)
				}
				n += len(ts)
			}
			if n == 0 {
				b.Fatal("the export through the connector found nothing")
			}
		}
	})
	runs := 0 // a key once carried out is not carried out again: each erasure has its own
	b.Run("erasure", func(b *testing.B) {
		for i := range b.N {
			b.StopTimer()
			subj := rich(1000 + i)
			runs++
			b.StartTimer()
			erased := 0
			for _, s := range reg.Systems() {
				_, err := s.Once(ctx, nil, fmt.Sprintf("DSR-BENCH-%d/erasure/%s", runs, s.SystemName()), time.Now(), func(ctx context.Context, db bun.IDB) (string, error) {
					e, err := s.Erase(ctx, db, subj, records, register.Scope{}, time.Now(), "DSR-BENCH")
					for _, n := range e.Erased {
						erased += n
					}
					for _, k := range e.Kept {
						erased += k.Rows
					}

					return "{}", err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			if erased == 0 {
				b.Fatal("the erasure through the connector found nothing to erase or keep")
			}
		}
	})
}
