package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/store"
)

func runMigrate(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	demo := fs.Bool("demo-systems", false, "also create Harmoniq's demo systems where missing")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return usageError{"migrate: expected `dsr migrate [--demo-systems]`"}
	}
	st, err := store.Open(ctx, cfg.DatabaseURL, cfg.SQLitePath())
	if err != nil {
		return err
	}
	defer st.Close()
	applied, err := st.Migrate(ctx)
	for _, name := range applied {
		fmt.Fprintln(stdout, "applied", name)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "database at schema version %d\n", st.LatestVersion())
	if *demo {
		// Not the engine's: the demo's web shop, stores, clinics,
		// kundservice and marketing, which a controller's own systems
		// replace (DATASETS_DIR).
		if err := st.Register().CreateDemoSystems(ctx); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "Harmoniq's demo systems are in place")
	}
	return nil
}
