package main

import (
	"context"
	"fmt"
	"io"

	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/store"
)

func runMigrate(ctx context.Context, cfg config.Config, stdout io.Writer) error {
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
	return nil
}
