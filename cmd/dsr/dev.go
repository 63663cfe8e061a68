package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"flag"
	"fmt"
	"github.com/harmoniq/dsr/internal/codec"
	"github.com/harmoniq/dsr/internal/outmail"
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
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/worker"
	"github.com/harmoniq/dsr/workflows"
)

const devIMAPPassword = "dev"

// runDev starts the whole local stack and runs until ctx ends.
func runDev(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("dev", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	demo := fs.Bool("demo", false, "seed the INBOX with demo mail")
	temporalPort := fs.Int("temporal-port", 7233, "Temporal frontend port")
	uiPort := fs.Int("ui-port", 8233, "Temporal Web UI port")
	imapPort := fs.Int("imap-port", 1143, "IMAP port")
	smtpPort := fs.Int("smtp-port", 1025, "SMTP port of the local relay the answers go through")
	codecPort := fs.Int("codec-port", 8234, "payload codec endpoint port, for the Web UI")
	if err := fs.Parse(args); err != nil {
		return usageError{"dev: " + err.Error()}
	}
	const ip = "127.0.0.1"

	if cfg.IMAP.Password == "" {
		cfg.IMAP.Password = devIMAPPassword
	}
	if cfg.Audit.SigningKey == nil {
		seed, err := devKey(filepath.Join(cfg.DataDir, "audit-signing.key"), newSigningSeed)
		if err != nil {
			return err
		}
		if cfg.Audit.SigningKey, err = base64.StdEncoding.DecodeString(seed); err != nil || len(cfg.Audit.SigningKey) != ed25519.SeedSize {
			return fmt.Errorf("%s is not a base64 Ed25519 seed; delete it to make a new one", filepath.Join(cfg.DataDir, "audit-signing.key"))
		}
	}
	if cfg.Codec.Keys == "" {
		keys, err := devKey(filepath.Join(cfg.DataDir, "payload-keys"), func() (string, error) { return codec.NewKey("dev1") })
		if err != nil {
			return err
		}
		cfg.Codec.Keys = keys
	}
	pc, err := payloadCodec(cfg)
	if err != nil {
		return err
	}
	codecAddr := net.JoinHostPort(ip, strconv.Itoa(*codecPort))
	uiOrigins := []string{fmt.Sprintf("http://%s:%d", ip, *uiPort), fmt.Sprintf("http://localhost:%d", *uiPort)}
	codecSrv, err := serveCodec(pc, codecAddr, codec.ServerOptions{AllowOrigins: uiOrigins, Token: cfg.Codec.Token})
	if err != nil {
		return err
	}
	defer codecSrv.Close()

	temporalLog := log.With("component", "temporal-server")
	if !log.Enabled(ctx, slog.LevelDebug) {
		// The server is chatty at info; its warnings and errors still show.
		temporalLog = slog.New(&minLevel{h: log.Handler(), min: slog.LevelWarn}).With("component", "temporal-server")
	}
	tmp, err := devstack.StartTemporal(devstack.TemporalOptions{
		IP: ip, FrontendPort: *temporalPort, UIPort: *uiPort,
		DatabaseFile: filepath.Join(cfg.DataDir, "temporal.db"), Namespace: cfg.TemporalNamespace,
		SearchAttributes: workflows.SearchAttributes, Log: temporalLog, CodecEndpoint: "http://" + codecAddr,
	})
	if err != nil {
		return err
	}
	defer tmp.Stop()

	mail, err := devstack.StartIMAP(net.JoinHostPort(ip, strconv.Itoa(*imapPort)), cfg.IMAP.User, cfg.IMAP.Password, filepath.Join(cfg.DataDir, "dev-imap-starts"), log)
	if err != nil {
		return err
	}
	defer mail.Stop()
	cfg.IMAP.Addr, cfg.IMAP.Security = mail.Addr, mailbox.SecurityPlain
	// The answers to e-mail requests go through a local relay that puts
	// each in the customer's own mailbox on the local IMAP server; the
	// engine files its copy in the kundservice mailbox's Sent folder.
	relay, err := devstack.StartSMTP(net.JoinHostPort(ip, strconv.Itoa(*smtpPort)), mail, log)
	if err != nil {
		return err
	}
	defer relay.Stop()
	if cfg.Reply.Relay.Addr == "" {
		cfg.Reply.Relay = outmail.Relay{Addr: relay.Addr, Security: outmail.Plain, Helo: "localhost"}
	}
	// Art. 19 notices go to made-up recipients, by post into the print
	// queue and by e-mail into their mailboxes here, unless
	// RECIPIENTS_FILE names real ones.
	if cfg.Recipients == nil {
		if cfg.Recipients, err = register.ParseRecipients(register.ExampleRecipients); err != nil {
			return err
		}
	}
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
	if err := attachVault(st, cfg); err != nil {
		return err
	}
	if cfg.Datasets == nil || *demo {
		// Harmoniq's demo systems live beside the engine's tables; its
		// migrations leave them alone, so the local stack creates them
		// (and the demo needs them whatever else DATASETS_DIR names).
		if err := st.Register().CreateDemoSystems(ctx); err != nil {
			return err
		}
	}
	e, err := newEngine(ctx, cfg, log, st)
	if err != nil {
		return err
	}
	c := e.client
	defer c.Close()
	if err := worker.Setup(ctx, c, cfg.TemporalNamespace, time.Duration(cfg.TemporalRetentionDays)*24*time.Hour, func(string, ...any) {}); err != nil {
		return err
	}
	if *demo {
		// The register gets the demo senders once, with a few synthetic
		// customers around them.
		reg := st.Register()
		if held, err := reg.Holds(ctx, nil, register.Subject{Email: register.DemoCustomers[0].Email}); err != nil {
			return err
		} else if !held {
			if err := reg.SeedPeople(ctx, register.DemoCustomers, 1, time.Now()); err != nil {
				return err
			}
			if _, err := reg.Seed(ctx, 50, 1, time.Now()); err != nil {
				return err
			}
		}
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
  Temporal server  %s (namespace %s; payloads encrypted, the UI decodes them through %s)
  IMAP mailbox     %s  user %s  password %s  (plain IMAP, loopback only)
  Answers (e-mail) %s relays them; each customer's mailbox: user = their address, password %s; copies in %s's %s folder
  Database         %s
  Letters to post  %s (the print queue: letters by post only)
Press Ctrl-C to stop; run again to continue where it stopped.
`, tmp.UIURL, cfg.TemporalNamespace, tmp.FrontendAddr, cfg.TemporalNamespace, "http://"+codecAddr, mail.Addr, cfg.IMAP.User, cfg.IMAP.Password,
		cfg.Reply.Relay.Addr, mail.CustomerPassword, cfg.IMAP.User, cfg.Reply.SentFolder, db, cfg.OutboxDir)
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

// devKey reads a key file of the local stack, creating it with create on
// first use. Production passes its keys in the environment, from files kept
// off the database host.
func devKey(path string, create func() (string, error)) (string, error) {
	if b, err := os.ReadFile(path); err == nil {
		return strings.TrimSpace(string(b)), nil
	}
	v, err := create()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", err
	}
	if err := os.WriteFile(path, []byte(v+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return v, nil
}

func newSigningSeed() (string, error) {
	seed := make([]byte, ed25519.SeedSize)
	if _, err := rand.Read(seed); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(seed), nil
}
