package bench

import (
	"context"
	"fmt"
	"time"
)

func init() {
	add(Benchmark{Name: "seed-100k-s", Run: seed100k})
}

// seed100k times `dsr seed --customers 100000` into an empty register.
func seed100k(ctx context.Context, env *Env) (Figure, error) {
	st, done, err := env.scratch(ctx, "seed")
	if err != nil {
		return Figure{}, err
	}
	defer done()
	n := 100_000
	if env.Size == Smoke {
		n = 1000
	}
	reg := st.Register()
	start := time.Now()
	if _, err := reg.Seed(ctx, n, 42, time.Now()); err != nil {
		return Figure{}, err
	}
	d := time.Since(start)
	db, err := raw(st)
	if err != nil {
		return Figure{}, err
	}
	defer db.Close()
	var rows int64
	for _, t := range []string{"webshop.customers", "webshop.orders", "webshop.order_lines", "butik.purchases", "behandling.treatments", "marketing.consents"} {
		var c int64
		if err := db.NewRaw("SELECT count(*) FROM "+t).Scan(ctx, &c); err != nil {
			return Figure{}, err
		}
		rows += c
	}
	secs := d.Seconds() * 100_000 / float64(n)
	f := Figure{Name: "seed-100k-s", Value: secs, Unit: "s", Target: "< 60", Met: secs < 60,
		Note: fmt.Sprintf("%d customers, %d rows in the main tables, %.0f customers a second", n, rows, float64(n)/d.Seconds())}
	if n != 100_000 {
		f.Note += fmt.Sprintf(", measured on %d and scaled", n)
	}
	return f, nil
}
