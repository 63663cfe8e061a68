package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/devstack"
	"github.com/harmoniq/dsr/internal/mailbox"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/worker"
	"github.com/harmoniq/dsr/workflows"
)

// devStack is what `dsr dev` started, for tests that drive it.
type devStack struct {
	Temporal *devstack.Temporal
	IMAP     *devstack.IMAP
	Store    *store.Store
	Config   config.Config
}

const devIMAPPassword = "dev"

// runDev starts the whole local stack and runs until ctx ends. ready, when
// not nil, is called once everything is serving.
func runDev(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer, ready func(*devStack)) error {
	fs := flag.NewFlagSet("dev", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	demo := fs.Bool("demo", false, "seed the INBOX with demo mail")
	temporalPort := fs.Int("temporal-port", 7233, "Temporal frontend port")
	uiPort := fs.Int("ui-port", 8233, "Temporal Web UI port")
	imapPort := fs.Int("imap-port", 1143, "IMAP port")
	if err := fs.Parse(args); err != nil {
		return usageError{"dev: " + err.Error()}
	}
	const ip = "127.0.0.1"

	temporalLog := log.With("component", "temporal-server")
	if !log.Enabled(ctx, slog.LevelDebug) {
		// The server is chatty at info; its warnings and errors still show.
		temporalLog = slog.New(&minLevel{h: log.Handler(), min: slog.LevelWarn}).With("component", "temporal-server")
	}
	tmp, err := devstack.StartTemporal(devstack.TemporalOptions{
		IP: ip, FrontendPort: *temporalPort, UIPort: *uiPort,
		DatabaseFile: filepath.Join(cfg.DataDir, "temporal.db"), Namespace: cfg.TemporalNamespace,
		SearchAttributes: workflows.SearchAttributes, Log: temporalLog,
	})
	if err != nil {
		return err
	}
	defer tmp.Stop()

	if cfg.IMAP.Password == "" {
		cfg.IMAP.Password = devIMAPPassword
	}
	if cfg.Audit.SigningKey == nil {
		if cfg.Audit.SigningKey, err = devSigningKey(filepath.Join(cfg.DataDir, "audit-signing.key")); err != nil {
			return err
		}
	}
	mail, err := devstack.StartIMAP(net.JoinHostPort(ip, strconv.Itoa(*imapPort)), cfg.IMAP.User, cfg.IMAP.Password, log)
	if err != nil {
		return err
	}
	defer mail.Stop()
	cfg.IMAP.Addr, cfg.IMAP.Security = mail.Addr, mailbox.SecurityPlain
	cfg.TemporalAddress = tmp.FrontendAddr
	if cfg.IMAP.PollInterval == 30*time.Second {
		cfg.IMAP.PollInterval = 2 * time.Second // a newcomer should see cases appear at once
	}

	st, err := store.Open(ctx, cfg.DatabaseURL, cfg.SQLitePath())
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	c, err := dialTemporal(cfg, log)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := worker.EnsureSearchAttributes(ctx, c, cfg.TemporalNamespace); err != nil {
		return err
	}
	if *demo {
		msgs, err := devstack.DemoMessages()
		if err != nil {
			return err
		}
		for _, m := range msgs {
			if err := mail.Deliver(m, time.Now()); err != nil {
				return fmt.Errorf("seed demo mail: %w", err)
			}
		}
	}

	db := cfg.SQLitePath() + " (SQLite)"
	if st.Postgres {
		db = "PostgreSQL (DATABASE_URL)"
	}
	fmt.Fprintf(stdout, `dsr dev is running.
  Temporal Web UI  %s/namespaces/%s/workflows
  Temporal server  %s (namespace %s)
  IMAP mailbox     %s  user %s  password %s  (plain IMAP, loopback only)
  Database         %s
  Letters (PDF)    %s
Press Ctrl-C to stop; run again to continue where it stopped.
`, tmp.UIURL, cfg.TemporalNamespace, tmp.FrontendAddr, cfg.TemporalNamespace, mail.Addr, cfg.IMAP.User, cfg.IMAP.Password, db, cfg.OutboxDir)
	if ready != nil {
		ready(&devStack{Temporal: tmp, IMAP: mail, Store: st, Config: cfg})
	}
	e := &engine{cfg: cfg, log: log, store: st, client: c}
	err = e.run(ctx)
	fmt.Fprintln(stdout, "dsr dev stopped.")
	return err
}

// minLevel drops records below min.
type minLevel struct {
	h   slog.Handler
	min slog.Level
}

func (m *minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= m.min && m.h.Enabled(ctx, l)
}
func (m *minLevel) Handle(ctx context.Context, r slog.Record) error { return m.h.Handle(ctx, r) }
func (m *minLevel) WithAttrs(as []slog.Attr) slog.Handler {
	return &minLevel{h: m.h.WithAttrs(as), min: m.min}
}
func (m *minLevel) WithGroup(name string) slog.Handler {
	return &minLevel{h: m.h.WithGroup(name), min: m.min}
}

// devSigningKey reads the local audit signing key, creating it on first use.
// Production keeps its key off the database host (AUDIT_SIGNING_KEY_FILE).
func devSigningKey(path string) ([]byte, error) {
	if b, err := os.ReadFile(path); err == nil {
		seed, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
		if err != nil || len(seed) != ed25519.SeedSize {
			return nil, fmt.Errorf("%s is not a base64 Ed25519 seed; delete it to make a new one", path)
		}
		return seed, nil
	}
	seed := make([]byte, ed25519.SeedSize)
	if _, err := rand.Read(seed); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, []byte(base64.StdEncoding.EncodeToString(seed)+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("write the audit signing key: %w", err)
	}
	return seed, nil
}
