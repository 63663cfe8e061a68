package bench

import (
	"context"
	"crypto/rand"
	"fmt"
	"github.com/emersion/go-message/mail"
	"github.com/harmoniq/dsr/internal/mailbox"
	"github.com/harmoniq/dsr/internal/outmail"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/codec"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/devstack"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/vault"
	"github.com/harmoniq/dsr/workflows"
	"go.temporal.io/sdk/client"
)

// stack is what the case benchmarks run on: the in-process Temporal server
// (SQLite, as dsr dev runs it), a scratch PostgreSQL database, and a client
// that seals payloads as every dsr client does.
type stack struct {
	tmp *devstack.Temporal
	c   client.Client
	st  *store.Store
	// dbURL is the scratch database's.
	dbURL string
	dir   string
	key   string // the payload key, "id:base64"
	acts  *activities.Activities
	mail  *benchMail
	done  []func()
}

func (e *Env) startStack(ctx context.Context, name string) (*stack, error) {
	s := &stack{}
	ok := false
	defer func() {
		if !ok {
			s.close()
		}
	}()
	dir, err := os.MkdirTemp("", "dsr-bench-")
	if err != nil {
		return nil, err
	}
	s.dir = dir
	s.done = append(s.done, func() { os.RemoveAll(dir) })
	st, dbURL, drop, err := e.scratchURL(ctx, name)
	if err != nil {
		return nil, err
	}
	s.st, s.dbURL = st, dbURL
	s.done = append(s.done, drop)
	ports, err := devstack.FreePorts(1)
	if err != nil {
		return nil, err
	}
	tmp, err := devstack.StartTemporal(devstack.TemporalOptions{IP: "127.0.0.1", FrontendPort: ports[0], DatabaseFile: filepath.Join(dir, "temporal.db"),
		Namespace: "default", SearchAttributes: workflows.SearchAttributes, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return nil, err
	}
	s.tmp = tmp
	s.done = append(s.done, tmp.Stop)
	if s.key, err = codec.NewKey("b1"); err != nil {
		return nil, err
	}
	if err := withVault(st, s.key); err != nil {
		return nil, err
	}
	if s.c, err = dial(tmp.FrontendAddr, s.key); err != nil {
		return nil, err
	}
	s.done = append(s.done, s.c.Close)
	// The answers to the e-mail requests go through a relay on loopback
	// into the local mailboxes, with copies in the Sent folder: the cost
	// of a case includes sending its mail.
	if s.mail, err = newMailer(); err != nil {
		return nil, err
	}
	s.done = append(s.done, s.mail.stop)
	s.acts = &activities.Activities{Store: st, Trail: audit.New(st), Sender: letter.DefaultSender, OutboxDir: filepath.Join(dir, "outbox"), Temporal: s.c,
		Mail: s.mail.mailer}
	ok = true
	return s, nil
}

// dial connects to Temporal with the payload codec, as dsr's clients do.
func dial(addr, key string) (client.Client, error) {
	keys, err := codec.ParseKeys(key)
	if err != nil {
		return nil, err
	}
	pc, err := codec.New(keys)
	if err != nil {
		return nil, err
	}
	return client.Dial(client.Options{HostPort: addr, DataConverter: pc.DataConverter(), FailureConverter: pc.FailureConverter(),
		Logger: quietLogger{}})
}

// withVault gives the store its vault under the payload key, as dsr's
// commands do.
func withVault(st *store.Store, key string) error {
	keys, err := codec.ParseKeys(key)
	if err != nil {
		return err
	}
	st.Vault, err = vault.New(keys)
	return err
}

func (s *stack) close() {
	for i := len(s.done) - 1; i >= 0; i-- {
		s.done[i]()
	}
}

// openCase records a request as intake does and starts its workflow.
func (s *stack) openCase(ctx context.Context, i int, rs ...rights.Right) (string, client.WorkflowRun, error) {
	number, err := s.recordCase(ctx, i, rs...)
	if err != nil {
		return "", nil, err
	}
	received := time.Now().Add(-time.Hour)
	in := workflows.CaseInput{CaseNumber: number, Channel: "email", ReceivedAt: received, Rights: rs, Policy: deadline.DefaultPolicy, RequireSealed: true}
	run, err := s.c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: number, TaskQueue: workflows.TaskQueue,
		TypedSearchAttributes: workflows.InitialSearchAttributes(in)}, workflows.CaseWorkflow, in)
	return number, run, err
}

// recordCase records a request as intake does and returns its number.
func (s *stack) recordCase(ctx context.Context, i int, rs ...rights.Right) (string, error) {
	received := time.Now().Add(-time.Hour)
	b := make([]byte, 8)
	rand.Read(b)
	person := store.Case{Channel: "email", ReceivedAt: received, Rights: strings.Join(rights.Names(rs), ","), Language: "sv",
		RequesterName: "Anna Svensson", RequesterEmail: fmt.Sprintf("kund%d@example.se", i)}
	rec, err := s.st.RecordIntake(ctx, &store.InboundMessage{DedupeKey: fmt.Sprintf("bench:%x", b), Channel: "email", SHA256: "x", ReceivedAt: received, Raw: []byte("x")},
		&person, nil)
	if err != nil {
		return "", err
	}
	return rec.CaseNumber, nil
}

// quietLogger keeps the SDK's lines out of the figures.
type quietLogger struct{}

func (quietLogger) Debug(string, ...any) {}
func (quietLogger) Info(string, ...any)  {}
func (quietLogger) Warn(string, ...any)  {}
func (quietLogger) Error(string, ...any) {}

// benchMail is a relay and a mailbox on loopback, as dsr dev runs them.
type benchMail struct {
	mailer *activities.Mailer
	imap   string // the mailbox's address
	stop   func()
}

func newMailer() (*benchMail, error) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	box, err := devstack.StartIMAP("127.0.0.1:0", "kundservice@harmoniq.se", "bench", "", quiet)
	if err != nil {
		return nil, err
	}
	relay, err := devstack.StartSMTP("127.0.0.1:0", box, quiet)
	if err != nil {
		box.Stop()
		return nil, err
	}
	cfg := mailbox.Config{Addr: box.Addr, User: "kundservice@harmoniq.se", Password: "bench", Security: mailbox.SecurityPlain}
	return &benchMail{
		mailer: &activities.Mailer{Relay: outmail.Relay{Addr: relay.Addr, Security: outmail.Plain}, From: &mail.Address{Address: "kundservice@harmoniq.se"},
			Sent: &outmail.SentFolder{Dial: cfg.Dial, Folder: "Sent"}},
		imap: box.Addr,
		stop: func() { relay.Stop(); box.Stop() },
	}, nil
}
