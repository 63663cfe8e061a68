package main

import (
	"context"
	"log/slog"

	"github.com/harmoniq/dsr/internal/config"
)

// runWorker is the production process: external Temporal, PostgreSQL and
// IMAP. It refuses to run on a schema it does not know.
func runWorker(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	if err := cfg.RequireWorker(); err != nil {
		return err
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	e, err := newEngine(ctx, cfg, log, st)
	if err != nil {
		return err
	}
	defer e.client.Close()
	log.Info("worker running", "namespace", cfg.TemporalNamespace, "mailbox", cfg.IMAP.Mailbox, "identity", cfg.Ops.Identity)
	return e.run(ctx)
}
