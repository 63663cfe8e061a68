package main

import (
	"context"
	"log/slog"

	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/worker"
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
	c, err := dialTemporal(cfg, log)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := worker.EnsureSearchAttributes(ctx, c, cfg.TemporalNamespace); err != nil {
		// Registering needs operator rights; a cluster set up by its admins
		// may already have them, so go on and say so.
		log.Warn("search attributes could not be checked; register them as the README says", "error", err)
	}
	log.Info("worker running", "namespace", cfg.TemporalNamespace, "mailbox", cfg.IMAP.Mailbox)
	e := &engine{cfg: cfg, log: log, store: st, client: c}
	return e.run(ctx)
}
