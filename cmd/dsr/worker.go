package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

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
	e, err := newEngine(ctx, cfg, log, st)
	if err != nil {
		return err
	}
	defer e.client.Close()
	// The namespace is made ready by `dsr temporal-setup`, once, before
	// the workers: a worker that started cases without the attributes
	// would see them fail.
	if missing, err := worker.MissingSearchAttributes(ctx, e.client, cfg.TemporalNamespace); err != nil {
		log.Warn("the case search attributes could not be checked; run dsr temporal-setup once if they are missing", "error", err)
	} else if len(missing) > 0 {
		return fmt.Errorf("namespace %s lacks the search attributes %s: run `dsr temporal-setup` once (it needs operator rights)", cfg.TemporalNamespace, strings.Join(missing, ", "))
	}
	log.Info("worker running", "namespace", cfg.TemporalNamespace, "mailbox", cfg.IMAP.Mailbox, "identity", cfg.Ops.Identity)
	return e.run(ctx)
}
