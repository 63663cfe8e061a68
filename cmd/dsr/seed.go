package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/register"
)

// runSeed is `dsr seed`: synthetic customers for trying the engine and for
// benchmarks. Every personnummer it writes is formally valid and belongs to
// nobody (see register.TestPersonnummer).
func runSeed(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	n := fs.Int("customers", 100, "how many synthetic customers")
	demo := fs.Bool("demo", false, "also the senders of the demo mail")
	seed := fs.Uint64("seed", uint64(time.Now().UnixNano()), "random seed, to repeat a run")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || *n < 0 {
		return usageError{"seed: expected `dsr seed [--customers N] [--demo] [--seed S]`"}
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	reg := st.Register()
	start := time.Now()
	if *demo {
		if err := reg.SeedPeople(ctx, register.DemoCustomers, *seed, time.Now()); err != nil {
			return err
		}
	}
	if _, err := reg.Seed(ctx, *n, *seed, time.Now()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "seeded %d customers in %s\n", *n, time.Since(start).Round(time.Millisecond))
	return nil
}
