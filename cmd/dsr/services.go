package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/codec"
	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/mailbox"
	"github.com/harmoniq/dsr/internal/ops"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/vault"
	"github.com/harmoniq/dsr/worker"
	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"
)

// engine is the worker and the mailbox poller, the part of dsr that runs the
// same in dev and in production.
type engine struct {
	cfg    config.Config
	log    *slog.Logger
	store  *store.Store
	client client.Client
	// metrics are served at OPS_ADDR, with the SDK's; made by newEngine.
	metrics *ops.Metrics
}

// newEngine opens what the engine needs to run, the database and the
// metrics, and dials Temporal with them; close releases both.
func newEngine(ctx context.Context, cfg config.Config, log *slog.Logger, st *store.Store) (*engine, error) {
	m, err := ops.NewMetrics(st, time.Now)
	if err != nil {
		return nil, err
	}
	c, err := dialTemporalWith(cfg, log, func(o *client.Options) { o.MetricsHandler = m.SDK() })
	if err != nil {
		return nil, err
	}
	return &engine{cfg: cfg, log: log, store: st, client: c, metrics: m}, nil
}

// openStore opens the configured database and checks that its schema is the
// one this build knows.
func openStore(ctx context.Context, cfg config.Config) (*store.Store, error) {
	st, err := store.Open(ctx, cfg.DatabaseURL, cfg.SQLitePath())
	if err != nil {
		return nil, err
	}
	if err := st.CheckSchema(ctx); err != nil {
		st.Close()
		return nil, err
	}
	if err := attachVault(st, cfg); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// attachVault gives the store the key ring that encrypts the files kept
// for cases; it is the payload key ring, so one rotation covers both.
// Without keys the store has no vault: commands that never touch those
// files (seed, audit, letters, due) still run, and the rest say why not.
func attachVault(st *store.Store, cfg config.Config) error {
	keys, err := keyRing(cfg)
	if errors.Is(err, errNoKeys) {
		return nil
	}
	if err != nil {
		return err
	}
	st.Vault, err = vault.New(keys)
	if err != nil {
		return fmt.Errorf("PAYLOAD_KEYS: %w", err)
	}
	return nil
}

// payloadCodec is the codec every client of the cluster uses.
func payloadCodec(cfg config.Config) (*codec.Codec, error) {
	keys, err := keyRing(cfg)
	if err != nil {
		return nil, err
	}
	c, err := codec.New(keys)
	if err != nil {
		return nil, fmt.Errorf("PAYLOAD_KEYS: %w", err)
	}
	return c, nil
}

var errNoKeys = errors.New("PAYLOAD_KEYS (or PAYLOAD_KEYS_FILE) is not set: the cases' payloads and files are encrypted with it")

// keyRing reads PAYLOAD_KEYS, or the keys `dsr dev` made.
func keyRing(cfg config.Config) ([]codec.Key, error) {
	if cfg.Codec.Keys == "" {
		// The keys `dsr dev` made, so the CLI works beside it unconfigured.
		if b, err := os.ReadFile(filepath.Join(cfg.DataDir, "payload-keys")); err == nil {
			cfg.Codec.Keys = strings.TrimSpace(string(b))
		}
	}
	if cfg.Codec.Keys == "" {
		return nil, errNoKeys
	}
	keys, err := codec.ParseKeys(cfg.Codec.Keys)
	if err != nil {
		return nil, fmt.Errorf("PAYLOAD_KEYS: %w", err)
	}
	return keys, nil
}

// dialTemporal connects with the payload codec, so every input, result and
// failure message is encrypted before it leaves the process.
func dialTemporal(cfg config.Config, log *slog.Logger) (client.Client, error) {
	return dialTemporalWith(cfg, log, nil)
}

// dialTemporalWith is dialTemporal with options more set by also.
func dialTemporalWith(cfg config.Config, log *slog.Logger, also func(*client.Options)) (client.Client, error) {
	pc, err := payloadCodec(cfg)
	if err != nil {
		return nil, err
	}
	opts := client.Options{
		HostPort:         cfg.TemporalAddress,
		Namespace:        cfg.TemporalNamespace,
		Logger:           sdklog.NewStructuredLogger(log.With("component", "temporal-sdk")),
		DataConverter:    pc.DataConverter(),
		FailureConverter: pc.FailureConverter(),
	}
	if cfg.TemporalAPIKey != "" {
		// A token is sent over TLS, except to a server on loopback.
		opts.Credentials = client.NewAPIKeyStaticCredentials(cfg.TemporalAPIKey)
		opts.ConnectionOptions.TLSDisabled = mailbox.Loopback(cfg.TemporalAddress) && cfg.TemporalTLS == nil
	}
	opts.ConnectionOptions.TLS = cfg.TemporalTLS
	if also != nil {
		also(&opts)
	}
	c, err := client.Dial(opts)
	if err != nil {
		return nil, fmt.Errorf("connect to Temporal at %s (TEMPORAL_ADDRESS): %w", cfg.TemporalAddress, err)
	}
	return c, nil
}

// run starts the worker and polls the mailbox until ctx ends.
func (e *engine) run(ctx context.Context) error {
	trail := audit.New(e.store)
	if e.cfg.Audit.SigningKey != nil {
		// With the signing key here (dsr dev, or one process that may
		// also sign), this process signs the roots; in production `dsr
		// audit signer` does, under a role the worker's is not.
		if err := e.startSigner(ctx, trail); err != nil {
			return err
		}
	}
	templates, err := letter.LoadTemplates(e.cfg.LetterTemplatesDir)
	if err != nil {
		return fmt.Errorf("LETTER_TEMPLATES_DIR: %w", err)
	}
	// Harmoniq's systems, built once for intake and the activities.
	if err := configureRegister(ctx, e.store.Register(), e.cfg); err != nil {
		return err
	}
	acts := &activities.Activities{
		Store: e.store, Trail: trail, Sender: e.cfg.Sender, OutboxDir: e.cfg.OutboxDir, Templates: templates, Temporal: e.client,
		Notifier:        activities.Notifier{SMTPAddr: e.cfg.Notify.SMTPAddr, From: e.cfg.Notify.From, To: e.cfg.Notify.To, TLSConfig: e.cfg.Notify.TLS},
		StaffPrincipals: e.cfg.StaffPrincipals,
		Observer:        e.metrics,
		Mail:            worker.ReplyMailer(e.cfg),
		Recipients:      e.cfg.Recipients,
	}
	if err := e.sayUnnamedRecipients(ctx, e.store.Register()); err != nil {
		return err
	}
	// The follow-up of erasure cases and the retention of raw messages
	// run as Temporal Schedules: once per interval, whichever worker.
	if err := worker.EnsureSchedules(ctx, e.client); err != nil {
		return err
	}
	worker.SetCacheSize(e.cfg.WorkerCacheSize)
	w := worker.NewWithOptions(e.client, acts, worker.Options{StopTimeout: e.cfg.Ops.StopTimeout, Identity: e.cfg.Ops.Identity})
	if err := w.Start(); err != nil {
		return fmt.Errorf("start worker: %w", err)
	}
	// On a stop, running activities get WORKER_STOP_TIMEOUT to finish.
	defer w.Stop()
	if e.cfg.Ops.Addr != "" {
		checks := []ops.Check{
			{Name: "database", Check: func(ctx context.Context) error { return e.store.Ping(ctx) }},
			{Name: "temporal", Check: func(ctx context.Context) error {
				_, err := e.client.CheckHealth(ctx, &client.CheckHealthRequest{})
				return err
			}},
		}
		if err := ops.Serve(ctx, e.cfg.Ops.Addr, ops.Handler(e.metrics, checks), e.log.With("component", "ops")); err != nil {
			return err
		}
	}
	processor := &mailbox.Processor{Store: e.store, Starter: mailbox.TemporalStarter{Client: e.client}, Policy: e.cfg.Policy, Trail: trail,
		RepeatWindow: time.Duration(e.cfg.RepeatWindowDays) * 24 * time.Hour}
	if e.cfg.ScanDir != "" {
		inbox := &mailbox.ScanInbox{Dir: e.cfg.ScanDir, Processor: processor, Log: e.log.With("component", "scan"), Limits: e.cfg.Scan}
		// One worker reads the scan folder at a time, as the mailbox.
		go e.everyLeased(ctx, e.cfg.IMAP.PollInterval, "scan inbox", "scan inbox "+e.cfg.ScanDir, inbox.PollOnce)
	}
	poller := &mailbox.Poller{
		Config:    e.cfg.IMAP,
		Processor: processor,
		Log:       e.log.With("component", "mailbox"),
		Leases:    e.store,
		Counted:   e.metrics.Message,
	}
	return poller.Run(ctx)
}

// startSigner signs a root over the heads of every case each
// AUDIT_CHECKPOINT_INTERVAL in which a head moved.
func (e *engine) startSigner(ctx context.Context, trail *audit.Trail) error {
	signer, err := audit.NewSigner(e.cfg.Audit.SigningKey)
	if err != nil {
		return err
	}
	roots := audit.NewRootSigner(trail, signer)
	go e.everyLeased(ctx, e.cfg.Audit.CheckpointInterval, "audit root", signerLease, func(ctx context.Context) (int, error) {
		c, err := roots.Sign(ctx)
		if c == nil {
			return 0, err
		}
		return 1, err
	})
	return nil
}

// everyLeased runs job at once and then at each interval until ctx ends,
// logging what fails under the job's name, while this process holds the
// lease called lease: of several replicas, one does it at a time, and
// another takes over when it dies. The worker's background duties that
// are not Temporal Schedules (the signed roots, the scan inbox) run so.
func (e *engine) everyLeased(ctx context.Context, interval time.Duration, name, lease string, job func(context.Context) (int, error)) {
	h := &store.Holder{Store: e.store, Name: lease}
	defer h.Release()
	for {
		held, err := h.Hold(ctx)
		n := 0
		if held {
			n, err = job(ctx)
		}
		if err != nil && ctx.Err() == nil {
			e.log.Warn(name+" failed", "error", err)
		} else if n > 0 {
			e.log.Info(name, "done", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(interval):
		}
	}
}

// sayUnnamedRecipients warns of each category of recipients the record of
// processing names that RECIPIENTS_FILE names no one for: an Art. 19
// notice for it cannot be sent, and is recorded as such.
func (e *engine) sayUnnamedRecipients(ctx context.Context, reg *register.Register) error {
	records, err := reg.Records(ctx)
	if err != nil {
		return fmt.Errorf("read the record of processing: %w", err)
	}
	var unnamed []string
	for _, rec := range records {
		for _, cat := range strings.Split(rec.Recipients+";"+rec.Processors, ";") {
			if cat = strings.TrimSpace(cat); cat != "" && len(e.cfg.Recipients.Named(cat)) == 0 && !slices.Contains(unnamed, cat) {
				unnamed = append(unnamed, cat)
			}
		}
	}
	if len(unnamed) > 0 {
		e.log.Warn("Art. 19 notices cannot be sent to these categories of recipients: RECIPIENTS_FILE names no one for them", "categories", strings.Join(unnamed, ", "))
	}
	return nil
}
