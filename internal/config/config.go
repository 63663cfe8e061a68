// Package config reads the engine's configuration from the environment. Every
// variable is listed in the README with its default; a bad value stops the
// program with a message naming the variable.
package config

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/dataset"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/mailbox"
	"github.com/harmoniq/dsr/internal/outmail"
	"github.com/harmoniq/dsr/internal/register"
)

// Config is the whole configuration.
type Config struct {
	DataDir     string
	DatabaseURL string
	OutboxDir   string
	// LetterTemplatesDir holds sv.tmpl and en.tmpl overriding the built-in
	// wording of the letters; empty for the built-in.
	LetterTemplatesDir string
	// ScanDir is where the scanning station drops scanned letters with their
	// sidecars; empty turns scanned-post intake off.
	ScanDir string
	// Scan bounds what the scan inbox takes.
	Scan mailbox.ScanLimits

	TemporalAddress   string
	TemporalNamespace string
	// TemporalAPIKey, when set, is sent as a bearer token (a JWT from the
	// OIDC provider) to a cluster that authenticates its callers.
	TemporalAPIKey string
	// TemporalTLS is TLS to the frontend: the CAs its certificate is
	// checked against, its name, and the client certificate given to a
	// cluster that asks for one (mutual TLS); nil: no TLS.
	TemporalTLS *tls.Config
	// TemporalRetentionDays is how long a closed case's history stays in
	// the namespace `dsr temporal-setup` registers.
	TemporalRetentionDays int

	// Ops is the worker's health, readiness and metrics endpoint.
	Ops Ops

	IMAP mailbox.Config

	Policy deadline.Policy
	Sender letter.Sender
	// RepeatWindowDays is how far back a person's earlier requests are
	// counted as evidence (Art. 12(5)).
	RepeatWindowDays int
	// FinancialYear is when the controller's financial year ends, which
	// dates how long accounting records are kept.
	FinancialYear register.FinancialYear

	LogLevel string

	// WorkerCacheSize is how many cases' workflow state a worker process
	// keeps in memory between their tasks; a case not kept is replayed
	// from its history when it next has work.
	WorkerCacheSize int

	// Notify says where reminders and breaches are sent.
	Notify Notify

	// Reply is how the answers to e-mail requests go out.
	Reply Reply

	// Datasets are the controller's systems as its dataset files describe
	// them (DATASETS_DIR); nil: Harmoniq's, the repository's own files.
	Datasets dataset.Set
	// Recipients are the named recipients and processors Art. 19 notices
	// go to (RECIPIENTS_FILE); none: each notice is recorded unaddressed.
	Recipients register.Recipients

	Audit Audit

	Codec Codec

	// StaffPrincipals maps a caller the Temporal server verified (the
	// principal it stamps on each signal) to the actors it may sign as.
	// Empty: the actor named in an input is taken as given.
	StaffPrincipals map[string][]string
}

// Ops configures the worker's operational side.
type Ops struct {
	// Addr is where /healthz, /readyz and /metrics are served; empty: not
	// served.
	Addr string
	// StopTimeout is how long a stopping worker lets running activities
	// finish before it cancels them.
	StopTimeout time.Duration
	// Identity names this worker process in Temporal (the UI shows it
	// beside each task it ran).
	Identity string
}

// Codec configures payload encryption and the codec server.
type Codec struct {
	// Keys is "id:base64,id:base64", the current key first.
	Keys string
	// ServerAddr is where `dsr codec-server` listens.
	ServerAddr string
	// AllowOrigins are the Web UI origins the codec server answers.
	AllowOrigins []string
	// Token, when set, is required as a bearer token by the codec server.
	Token string
}

// Audit configures the signed checkpoints of the audit trail.
type Audit struct {
	// SigningKey is the Ed25519 seed (32 bytes) that signs checkpoints.
	SigningKey []byte
	// PublicKey verifies checkpoints where the signing key is not at hand.
	PublicKey []byte
	// CheckpointInterval is how often the worker signs the global head.
	CheckpointInterval time.Duration
}

// Notify is the e-mail channel for reminders and escalations.
type Notify struct {
	SMTPAddr string // empty: notifications are only recorded in the database
	From     string
	To       string
	// TLS holds the CAs the relay is checked against (NOTIFY_SMTP_CA_FILE);
	// nil for the system's.
	TLS *tls.Config
}

// Reply is the relay the answers to e-mail requests go through, and where
// their copies are filed.
type Reply struct {
	// Relay is the SMTP server; an empty Addr: no e-mail replies (the
	// local stack and the tests set one).
	Relay outmail.Relay
	// From is the kundservice address the answers come from.
	From string
	// SentFolder is the kundservice mailbox's folder the copies are filed
	// in; empty: none filed.
	SentFolder string
	// GiveUpAfter is how long a mail the relay will not take is retried
	// before the case shows it undelivered.
	GiveUpAfter time.Duration
}

// SQLitePath is the embedded database file used when DatabaseURL is empty.
func (c Config) SQLitePath() string { return filepath.Join(c.DataDir, "dsr.db") }

// Load reads the configuration through getenv (os.Getenv in production; a map
// in tests).
func Load(getenv func(string) string) (Config, error) {
	e := &env{getenv: getenv}
	c := e.load()
	if e.err != nil {
		return Config{}, e.err
	}
	return c, nil
}

func (e *env) load() Config {
	c := Config{
		DataDir:           e.str("DSR_DATA_DIR", "data"),
		DatabaseURL:       e.secret("DATABASE_URL"),
		TemporalAddress:   e.str("TEMPORAL_ADDRESS", "127.0.0.1:7233"),
		TemporalNamespace: e.str("TEMPORAL_NAMESPACE", "default"),
		TemporalAPIKey:    e.secret("TEMPORAL_API_KEY"),
		WorkerCacheSize:   e.intRange("WORKER_CACHE_SIZE", 500, 10, 100000),
		LogLevel:          e.oneOf("LOG_LEVEL", "info", "debug", "info", "warn", "error"),
		Sender: letter.Sender{
			Name:   e.str("LETTER_SENDER_NAME", letter.DefaultSender.Name),
			Street: e.str("LETTER_SENDER_STREET", letter.DefaultSender.Street),
			Postal: e.str("LETTER_SENDER_POSTAL", letter.DefaultSender.Postal),
			Email:  e.str("LETTER_SENDER_EMAIL", letter.DefaultSender.Email),
		},
	}
	c.DatabaseURL = e.withPassword("DATABASE_URL", c.DatabaseURL, e.secret("DATABASE_PASSWORD"))
	c.TemporalTLS = e.temporalTLS()
	c.TemporalRetentionDays = e.intRange("TEMPORAL_RETENTION_DAYS", 400, 1, 36500)
	c.Ops = Ops{
		Addr:        e.str("OPS_ADDR", ""),
		StopTimeout: e.duration("WORKER_STOP_TIMEOUT", 30*time.Second),
		Identity:    e.str("WORKER_IDENTITY", defaultIdentity()),
	}
	c.OutboxDir = e.str("OUTBOX_DIR", filepath.Join(c.DataDir, "outbox"))
	c.LetterTemplatesDir = e.str("LETTER_TEMPLATES_DIR", "")
	c.ScanDir = e.str("SCAN_DIR", "")
	c.Scan = mailbox.ScanLimits{
		MaxBytes:   int64(e.intRange("SCAN_MAX_BYTES", 50<<20, 1024, 1<<30)),
		MaxAgeDays: e.intRange("SCAN_MAX_AGE_DAYS", 365, 1, 3650),
	}
	c.RepeatWindowDays = e.intRange("DSR_REPEAT_WINDOW_DAYS", 365, 1, 3650)
	if fy, err := register.ParseFinancialYearEnd(e.str("DSR_FINANCIAL_YEAR_END", "12-31")); err != nil {
		e.fail("DSR_FINANCIAL_YEAR_END", "%v", err)
	} else {
		c.FinancialYear = fy
	}
	c.Policy = deadline.Policy{
		PromiseDays:        e.intRange("DSR_PROMISE_DAYS", 30, 0, 90),
		ReminderOfficeDays: e.intList("DSR_REMINDER_DAYS", []int{10, 3}),
		ComplementWaitDays: e.intRange("DSR_COMPLEMENT_WAIT_DAYS", 30, 1, 180),
		ExtensionBothWays:  true,
	}
	c.Notify = Notify{
		SMTPAddr: e.str("NOTIFY_SMTP_ADDR", ""),
		From:     e.str("NOTIFY_FROM", "dsr@harmoniq.se"),
		To:       e.str("NOTIFY_TO", "integritet@harmoniq.se"),
		TLS:      e.tlsRoots("NOTIFY_SMTP_CA_FILE", ""),
	}
	c.Reply = Reply{
		Relay: outmail.Relay{
			Addr:      e.str("SMTP_ADDR", ""),
			Security:  outmail.Security(e.oneOf("SMTP_SECURITY", "starttls", "starttls", "tls", "plain")),
			TLSConfig: e.tlsRoots("SMTP_CA_FILE", e.str("SMTP_TLS_SERVER_NAME", "")),
			Username:  e.str("SMTP_USERNAME", ""),
			Password:  e.secret("SMTP_PASSWORD"),
			Helo:      e.str("SMTP_HELO", "localhost"),
		},
		From:        e.str("REPLY_FROM", "Harmoniq Kundservice <kundservice@harmoniq.se>"),
		SentFolder:  e.str("IMAP_SENT_FOLDER", "Sent"),
		GiveUpAfter: e.duration("SMTP_GIVE_UP_AFTER", 24*time.Hour),
	}
	if c.Reply.From != "" {
		if _, err := mail.ParseAddress(c.Reply.From); err != nil {
			e.fail("REPLY_FROM", "not an address (e.g. Harmoniq Kundservice <kundservice@harmoniq.se>): %v", err)
		}
	}
	if dir := e.str("DATASETS_DIR", ""); dir != "" {
		set, err := dataset.Load(dir)
		if err != nil {
			e.fail("DATASETS_DIR", "%v", err)
		}
		c.Datasets = set
	}
	if path := e.str("RECIPIENTS_FILE", ""); path != "" {
		rs, err := register.LoadRecipients(path)
		if err != nil {
			e.fail("RECIPIENTS_FILE", "%v", err)
		}
		c.Recipients = rs
	}
	c.Audit = Audit{
		SigningKey:         e.base64Key("AUDIT_SIGNING_KEY", 32, e.secret("AUDIT_SIGNING_KEY")),
		PublicKey:          e.base64Key("AUDIT_PUBLIC_KEY", 32, e.str("AUDIT_PUBLIC_KEY", "")),
		CheckpointInterval: e.duration("AUDIT_CHECKPOINT_INTERVAL", time.Minute),
	}
	c.Codec = Codec{
		Keys:         e.secret("PAYLOAD_KEYS"),
		ServerAddr:   e.str("CODEC_SERVER_ADDR", "127.0.0.1:8234"),
		AllowOrigins: strings.Split(e.str("CODEC_ALLOW_ORIGINS", "http://127.0.0.1:8233,http://localhost:8233"), ","),
		Token:        e.secret("CODEC_AUTH_TOKEN"),
	}
	c.IMAP = mailbox.Config{
		Addr:             e.str("IMAP_ADDR", ""),
		User:             e.str("IMAP_USER", "kundservice@harmoniq.se"),
		Password:         e.secret("IMAP_PASSWORD"),
		Security:         mailbox.Security(e.oneOf("IMAP_SECURITY", "tls", "tls", "starttls", "plain")),
		Mailbox:          e.str("IMAP_MAILBOX", "INBOX"),
		ProcessedFolder:  e.str("IMAP_PROCESSED_FOLDER", "Behandlad"),
		QuarantineFolder: e.str("IMAP_QUARANTINE_FOLDER", "Karantän"),
		OtherFolder:      e.str("IMAP_OTHER_FOLDER", ""),
		PollInterval:     e.duration("IMAP_POLL_INTERVAL", 30*time.Second),
		MaxMessageBytes:  int64(e.intRange("IMAP_MAX_MESSAGE_BYTES", 25<<20, 1024, 1<<30)),
		TLSConfig:        e.tlsRoots("IMAP_CA_FILE", e.str("IMAP_TLS_SERVER_NAME", "")),
	}
	c.StaffPrincipals = e.principals("STAFF_PRINCIPALS")
	return c
}

// principals reads "principal=actor" pairs separated by commas or new
// lines; a principal may be given several actors, "*" for any.
func (e *env) principals(name string) map[string][]string {
	v := e.secret(name)
	if strings.TrimSpace(v) == "" {
		return nil
	}
	out := map[string][]string{}
	for _, pair := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '\n' }) {
		pair = strings.TrimSpace(pair)
		if pair == "" || strings.HasPrefix(pair, "#") {
			continue
		}
		principal, actor, ok := strings.Cut(pair, "=")
		principal, actor = strings.TrimSpace(principal), strings.TrimSpace(actor)
		if !ok || principal == "" || actor == "" {
			e.fail(name, "%q is not principal=actor (e.g. anna.k@harmoniq.se=anna.k)", pair)
			return nil
		}
		out[principal] = append(out[principal], actor)
	}
	return out
}

// RequireWorker checks what `dsr worker` needs beyond the defaults.
func (c Config) RequireWorker() error {
	if c.IMAP.Addr == "" {
		return fmt.Errorf("IMAP_ADDR is not set: give the kundservice mailbox's IMAP server as host:port")
	}
	if c.IMAP.Password == "" {
		return fmt.Errorf("IMAP_PASSWORD (or IMAP_PASSWORD_FILE) is not set")
	}
	if c.Reply.Relay.Addr == "" {
		return fmt.Errorf("SMTP_ADDR is not set: requests that come by e-mail are answered by e-mail; give the SMTP relay as host:port")
	}
	if c.Codec.Keys == "" {
		return fmt.Errorf("PAYLOAD_KEYS (or PAYLOAD_KEYS_FILE) is not set: workflow payloads must be encrypted; create a key with `dsr codec-keygen`")
	}
	return nil
}

// RequireSigner checks what `dsr audit signer` needs.
func (c Config) RequireSigner() error {
	if c.Audit.SigningKey == nil {
		return fmt.Errorf("AUDIT_SIGNING_KEY (or AUDIT_SIGNING_KEY_FILE) is not set: create one with `dsr audit keygen`")
	}
	return nil
}

type env struct {
	getenv func(string) string
	err    error
	names  []string
}

// Variables lists every environment variable Load reads, in the order it
// reads them; secrets appear with their _FILE twin.
func Variables() []string {
	e := &env{getenv: func(string) string { return "" }}
	e.load()
	return e.names
}

func (e *env) get(name string) string {
	e.names = append(e.names, name)
	return e.getenv(name)
}

func (e *env) fail(name, format string, args ...any) {
	if e.err == nil {
		e.err = fmt.Errorf("%s: %s", name, fmt.Sprintf(format, args...))
	}
}

func (e *env) str(name, def string) string {
	if v := strings.TrimSpace(e.get(name)); v != "" {
		return v
	}
	return def
}

// secret reads NAME, or the file named by NAME_FILE, not both.
func (e *env) secret(name string) string {
	v, file := e.get(name), e.get(name+"_FILE")
	if v != "" && file != "" {
		e.fail(name, "set either %s or %s_FILE, not both", name, name)
		return ""
	}
	if file == "" {
		return v
	}
	b, err := os.ReadFile(file)
	if err != nil {
		e.fail(name+"_FILE", "cannot read the file: %v", err)
		return ""
	}
	return strings.TrimRight(string(b), "\r\n")
}

// file reads NAME, the path of a file that must exist.
func (e *env) file(name string) string {
	p := e.str(name, "")
	if p == "" {
		return ""
	}
	if _, err := os.Stat(p); err != nil {
		e.fail(name, "cannot read the file: %v", err)
		return ""
	}
	return p
}

// tlsRoots is the TLS configuration that trusts the CAs in the PEM file
// NAME (nil, the system's CAs, when NAME is unset) and checks serverName
// when one is given.
func (e *env) tlsRoots(name, serverName string) *tls.Config {
	p := e.file(name)
	if p == "" && serverName == "" {
		return nil
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: serverName}
	if p != "" {
		pem, err := os.ReadFile(p)
		if err != nil {
			e.fail(name, "cannot read the file: %v", err)
			return nil
		}
		cfg.RootCAs = x509.NewCertPool()
		if !cfg.RootCAs.AppendCertsFromPEM(pem) {
			e.fail(name, "holds no PEM certificate")
			return nil
		}
	}
	return cfg
}

// temporalTLS reads the TEMPORAL_TLS variables: TLS is on when
// TEMPORAL_TLS is on, or (auto) when any of the others is set.
func (e *env) temporalTLS() *tls.Config {
	mode := e.oneOf("TEMPORAL_TLS", "auto", "auto", "on", "off")
	cfg := e.tlsRoots("TEMPORAL_TLS_CA_FILE", e.str("TEMPORAL_TLS_SERVER_NAME", ""))
	certFile, keyFile := e.file("TEMPORAL_TLS_CERT_FILE"), e.file("TEMPORAL_TLS_KEY_FILE")
	if (certFile == "") != (keyFile == "") {
		e.fail("TEMPORAL_TLS_CERT_FILE", "set both TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE, or neither")
		return nil
	}
	if certFile != "" || mode == "on" {
		if cfg == nil {
			cfg = &tls.Config{MinVersion: tls.VersionTLS12}
		}
	}
	if certFile != "" {
		cert, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			e.fail("TEMPORAL_TLS_CERT_FILE", "with TEMPORAL_TLS_KEY_FILE: %v", err)
			return nil
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	if mode == "off" {
		return nil
	}
	return cfg
}

// withPassword puts password into the URL held by name (DATABASE_URL), so
// that the URL can sit in the environment and its password in a secret.
func (e *env) withPassword(name, raw, password string) string {
	if password == "" || raw == "" {
		return raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		e.fail(name, "DATABASE_PASSWORD needs a URL with a user name, postgres://USER@HOST:PORT/DB")
		return raw
	}
	if _, set := u.User.Password(); set {
		e.fail(name, "has a password and DATABASE_PASSWORD gives one too; give it once")
		return raw
	}
	u.User = url.UserPassword(u.User.Username(), password)
	return u.String()
}

// defaultIdentity names a worker by its host (a container's name in
// compose) and process.
func defaultIdentity() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "unknown-host"
	}
	return fmt.Sprintf("dsr-worker@%s:%d", host, os.Getpid())
}

func (e *env) oneOf(name, def string, allowed ...string) string {
	v := e.str(name, def)
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	e.fail(name, "%q is not one of %s", v, strings.Join(allowed, ", "))
	return def
}

func (e *env) intRange(name string, def, lo, hi int) int {
	s := e.str(name, "")
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		e.fail(name, "%q is not a whole number from %d to %d", s, lo, hi)
		return def
	}
	return n
}

func (e *env) intList(name string, def []int) []int {
	s := e.str(name, "")
	if s == "" {
		return def
	}
	var out []int
	for _, part := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n < 1 || n > 60 {
			e.fail(name, "%q is not a comma-separated list of days from 1 to 60", s)
			return def
		}
		out = append(out, n)
	}
	return out
}

func (e *env) base64Key(name string, size int, v string) []byte {
	if v == "" {
		return nil
	}
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(v))
	if err != nil || len(b) != size {
		e.fail(name, "must be %d bytes in base64 (e.g. from `dsr audit keygen`)", size)
		return nil
	}
	return b
}

func (e *env) duration(name string, def time.Duration) time.Duration {
	s := e.str(name, "")
	if s == "" {
		return def
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < time.Second {
		e.fail(name, "%q is not a duration of at least 1s, such as 30s or 2m", s)
		return def
	}
	return d
}
