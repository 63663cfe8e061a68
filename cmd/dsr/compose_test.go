package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/devstack"
	"github.com/harmoniq/dsr/internal/outmail/mailtest"
	"github.com/harmoniq/dsr/workflows"
	_ "github.com/jackc/pgx/v5/stdlib"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"gopkg.in/yaml.v3"
)

// composeFile is what the test reads of docker-compose.yml.
type composeFile struct {
	Services map[string]struct {
		Image       string            `yaml:"image"`
		Entrypoint  []string          `yaml:"entrypoint"`
		Command     []string          `yaml:"command"`
		Environment map[string]string `yaml:"environment"`
		Secrets     []string          `yaml:"secrets"`
		Healthcheck struct {
			Test []string `yaml:"test"`
		} `yaml:"healthcheck"`
		Deploy struct {
			Replicas int `yaml:"replicas"`
		} `yaml:"deploy"`
	} `yaml:"services"`
	Secrets map[string]struct {
		File string `yaml:"file"`
	} `yaml:"secrets"`
}

// composePath is the production stack of docker-compose.yml brought up
// without Docker, from the same files: each service's environment is the
// compose file's, with container paths and host names mapped to this
// machine's.
type composePath struct {
	t        *testing.T
	root     string // the repository
	dir      string // everything this run makes
	bin      string // temporal-server, temporal-sql-tool and dsr
	secrets  string
	compose  composeFile
	dotenv   map[string]string
	pgPort   int
	frontend int
	procs    map[string]*exec.Cmd
	logs     map[string]*syncBuffer
	started  map[string]map[string]string // the environment each was started with
}

// TestTheComposePathRunsOnAFreshCluster does what `docker compose up` does,
// on a fresh PostgreSQL cluster, with a Temporal server built from the
// module go.mod pins: the init script makes the roles, the server's schema
// tool its schemas, dsr temporal-setup the namespace, migrate the schema as
// the owner; then two workers (as dsr_worker), the codec server and the
// signer run. Mail arrives at Dovecot over TLS, a case is taken in once and
// closed through TLS to Temporal; the mailbox reader is killed and the
// other worker takes over; the last worker stops gracefully.
func TestTheComposePathRunsOnAFreshCluster(t *testing.T) {
	p := newComposePath(t)
	p.checkPinnedImages()
	p.makeSecrets()
	p.startPostgreSQL()
	p.run("temporal-schema", nil)
	p.run("temporal-schema", nil) // a second start finds the schemas current
	p.startTemporal()
	p.run("temporal-setup", nil)
	p.run("dsr-migrate", nil)
	p.checkWorkerRole()

	imapAddr := p.startDovecot()
	p.dotenv["IMAP_ADDR"] = imapAddr
	p.dotenv["IMAP_CA_FILE"] = "/run/secrets/tls_ca"
	// The relay the answers go through: STARTTLS with a certificate from
	// the private CA, and the relay's login from the smtp_password secret.
	relay := p.startRelay()
	p.dotenv["SMTP_ADDR"] = relay.Addr
	p.dotenv["SMTP_CA_FILE"] = "/run/secrets/tls_ca"
	p.start("dsr-codec", "dsr-codec", nil)
	opsPorts := freePorts(t, 2)
	workers := []string{"dsr-worker-1", "dsr-worker-2"}
	if n := p.compose.Services["dsr-worker"].Deploy.Replicas; n != len(workers) {
		t.Fatalf("compose runs %d workers; this test runs %d", n, len(workers))
	}
	for i, name := range workers {
		p.start("dsr-worker", name, map[string]string{"OPS_ADDR": fmt.Sprintf("127.0.0.1:%d", opsPorts[i]), "IMAP_POLL_INTERVAL": "2s"})
	}
	p.start("dsr-signer", "dsr-signer", map[string]string{"AUDIT_CHECKPOINT_INTERVAL": "2s"})
	for i := range workers {
		url := fmt.Sprintf("http://127.0.0.1:%d/readyz", opsPorts[i])
		waitFor(t, 60*time.Second, workers[i]+" to be ready", func() bool { return httpStatus(url) == http.StatusOK })
	}

	// The healthchecks compose runs in the dsr containers pass.
	p.health("dsr-codec")
	p.health("dsr-signer")
	for i, name := range workers {
		p.healthOf("dsr-worker", name, map[string]string{"OPS_ADDR": fmt.Sprintf("127.0.0.1:%d", opsPorts[i])})
	}

	cfg := p.config("dsr-worker", nil)
	c, err := dialTemporal(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("dial Temporal over mutual TLS as compose's clients do: %v", err)
	}
	defer c.Close()

	// A request over IMAPS, taken in by whichever worker reads the mailbox.
	p.deliver(imapAddr, accessRequest("compose-1"))
	db := p.db("dsr_owner_password", "dsr")
	first := waitForCase(t, db, "compose-1@example.se")
	waitFor(t, 60*time.Second, "the case to wait for identity", func() bool { return caseStatus(t, c, first).Stage == workflows.StageIdentity })
	reader, standby := p.mailboxReader(workers)

	// The person answers: the reply reaches its case once.
	p.deliver(imapAddr, "From: Anna Svensson <anna.svensson@example.se>\r\nTo: kundservice@harmoniq.se\r\n"+
		"Subject: Re: Begäran om registerutdrag\r\nMessage-ID: <compose-1-re@example.se>\r\nIn-Reply-To: <compose-1@example.se>\r\n"+
		"Date: "+time.Now().Format(time.RFC1123Z)+"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHär är min ID-handling.\r\n")
	waitFor(t, 30*time.Second, "the reply to reach its case", func() bool { return complementSignals(t, c, first) > 0 })

	// Staff act through the CLI, over the same TLS.
	p.dsr("dsr-worker", "case", "signal", first, workflows.SignalIdentity, `{"actor":"anna.k","result":"verified","method":"id_document"}`)
	p.dsr("dsr-worker", "case", "signal", first, workflows.SignalDecision, `{"actor":"anna.k","outcome":"approved"}`)
	waitFor(t, 90*time.Second, "the case to close", func() bool { return caseStatus(t, c, first).Stage == workflows.StageClosed })
	// The e-mail request was answered by e-mail through the relay, over
	// STARTTLS with the login: the acknowledgement and the answer, each
	// once, each threaded under the request.
	answers := map[string]int{}
	for _, m := range relay.Mails() {
		raw := string(m.Raw)
		if len(m.To) != 1 || m.To[0] != "anna.svensson@example.se" || !strings.Contains(raw, "In-Reply-To: <compose-1@example.se>") {
			t.Errorf("a mail to %v that is no reply to the request:\n%.400s", m.To, raw)
		}
		answers[messageID(raw)]++
	}
	if len(answers) != 2 {
		t.Errorf("%d distinct answers by e-mail (%v), want the acknowledgement and the answer", len(answers), answers)
	}
	for id, n := range answers {
		if n != 1 {
			t.Errorf("answer %s went %d times", id, n)
		}
	}

	// The closed case's workflow, its witness, completes: its last steps
	// (the callers, its row) run before a worker is killed below, which
	// would hold a step it had taken until the step's timeout.
	wctx, wcancel := context.WithTimeout(context.Background(), 60*time.Second)
	err = c.GetWorkflow(wctx, first, "").Get(wctx, nil)
	wcancel()
	if err != nil {
		t.Fatalf("the closed case's workflow: %v", err)
	}

	// The reader dies; the other takes over the mailbox, and a second
	// request is taken in once.
	p.procs[reader].Process.Signal(syscall.SIGKILL)
	p.procs[reader].Wait()
	p.deliver(imapAddr, accessRequest("compose-2"))
	second := waitForCase(t, db, "compose-2@example.se")
	waitFor(t, 30*time.Second, standby+" to say it reads the mailbox", func() bool {
		return strings.Contains(p.logs[standby].String(), "this worker reads the mailbox")
	})
	if n := complementSignals(t, c, first); n != 1 {
		t.Errorf("the reply reached its case %d times, want once", n)
	}
	var messages, cases int
	db.QueryRow("SELECT count(*) FROM inbound_messages").Scan(&messages)
	db.QueryRow("SELECT count(*) FROM cases").Scan(&cases)
	if messages != 3 || cases != 2 || first == second {
		t.Errorf("%d messages and %d cases (%s, %s), want 3 (two requests, a reply) and 2", messages, cases, first, second)
	}

	// The recurring jobs are Temporal Schedules, each run once.
	for _, j := range workflows.Jobs {
		d, err := c.ScheduleClient().GetHandle(context.Background(), j.ID).Describe(context.Background())
		if err != nil {
			t.Fatalf("schedule %s: %v", j.ID, err)
		}
		if len(d.Info.RecentActions) == 0 {
			t.Errorf("schedule %s has not run", j.ID)
			continue
		}
		// Its first run did its work on one of the workers.
		started := d.Info.RecentActions[0].StartWorkflowResult
		var done int
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		err = c.GetWorkflow(ctx, started.WorkflowID, started.FirstExecutionRunID).Get(ctx, &done)
		cancel()
		if err != nil {
			t.Errorf("schedule %s's run %s: %v", j.ID, started.WorkflowID, err)
		}
	}

	// The signer signed a root over the closed case; verify, as
	// compliance would, passes.
	waitFor(t, 30*time.Second, "a signed root", func() bool {
		var n int
		db.QueryRow("SELECT count(*) FROM audit_checkpoints").Scan(&n)
		return n > 0
	})
	verifyEnv := map[string]string{"AUDIT_SIGNING_KEY_FILE": p.secretPath("/run/secrets/audit_signing_key")}
	if out := p.dsrWith("dsr-worker", verifyEnv, "audit", "verify", "--case", first); !strings.HasPrefix(out, "OK: ") || !strings.Contains(out, "1 heads known to the workflows found") {
		t.Errorf("audit verify:\n%s", out)
	}

	// Metrics of the engine and of the SDK, from the surviving worker.
	survivor := opsPorts[0]
	if standby == workers[1] {
		survivor = opsPorts[1]
	}
	// (The closed case's row is written by its last step, just after its
	// status says closed.)
	wants := []string{`dsr_messages_total{outcome="request"} 1`, `dsr_cases{stage="closed"} 1`, `dsr_open_cases_due{within=`, `temporal_`}
	var metrics string
	waitFor(t, 30*time.Second, "the metrics", func() bool {
		metrics = httpBody(t, fmt.Sprintf("http://127.0.0.1:%d/metrics", survivor))
		for _, want := range wants {
			if !strings.Contains(metrics, want) {
				return false
			}
		}
		return true
	})

	// A graceful stop: the worker ends by itself on SIGTERM.
	w := p.procs[standby]
	w.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- w.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("the worker stopped with %v on SIGTERM\n%s", err, p.logs[standby])
		}
	case <-time.After(45 * time.Second):
		t.Errorf("the worker did not stop within 45 s of SIGTERM")
	}
}

func newComposePath(t *testing.T) *composePath {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(root, "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	p := &composePath{t: t, root: root, procs: map[string]*exec.Cmd{}, logs: map[string]*syncBuffer{}, dotenv: map[string]string{}, started: map[string]map[string]string{}}
	if err := yaml.Unmarshal(raw, &p.compose); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	// The cluster runs as the postgres user, which must reach its files.
	p.dir, err = os.MkdirTemp("", "dsr-compose-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(p.dir, 0o755)
	t.Cleanup(func() {
		for name, cmd := range p.procs {
			if cmd.ProcessState == nil {
				cmd.Process.Signal(syscall.SIGKILL)
				cmd.Wait()
			}
			if t.Failed() {
				t.Logf("--- %s ---\n%s", name, tail(p.logs[name].String(), 4000))
			}
		}
		os.RemoveAll(p.dir)
	})
	p.bin = filepath.Join(p.dir, "bin")
	p.secrets = filepath.Join(p.dir, "secrets")
	os.MkdirAll(p.bin, 0o755)
	// The Temporal server and its schema tool, built from the module
	// go.mod pins, as the images compose names are.
	for name, pkg := range map[string]string{"temporal-server": "go.temporal.io/server/cmd/server", "temporal-sql-tool": "go.temporal.io/server/cmd/tools/sql"} {
		out, err := exec.Command("go", "build", "-o", filepath.Join(p.bin, name), pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("build %s: %v\n%s", name, err, out)
		}
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(p.bin, "dsr"), []byte("#!/bin/sh\nDSR_TEST_HELPER=dsr exec "+self+" \"$@\"\n"), 0o755)
	return p
}

// checkPinnedImages: the Temporal images compose runs are the version of
// the server module the code is built and tested against.
func (p *composePath) checkPinnedImages() {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		p.t.Fatal("no build info")
	}
	version := ""
	for _, m := range info.Deps {
		if m.Path == "go.temporal.io/server" {
			version = strings.TrimPrefix(m.Version, "v")
		}
	}
	for svc, image := range map[string]string{"temporal": "temporalio/server:", "temporal-schema": "temporalio/admin-tools:"} {
		if got := p.compose.Services[svc].Image; got != image+version {
			p.t.Errorf("compose's %s runs %s, want %s%s (go.mod)", svc, got, image, version)
		}
	}
}

func (p *composePath) makeSecrets() {
	p.script(filepath.Join(p.root, "docker", "make-secrets.sh"), map[string]string{
		"SECRETS_DIR": p.secrets, "IMAP_PASSWORD": "pw", "SMTP_PASSWORD": "smtp-pw", "DSR": filepath.Join(p.bin, "dsr"),
	}, 60*time.Second)
}

// startPostgreSQL makes a fresh cluster as the postgres image does: the
// superuser's password from its secret, password logins over TCP, and the
// init script run once over the local socket.
func (p *composePath) startPostgreSQL() {
	t := p.t
	p.pgPort = freePorts(t, 1)[0]
	data := filepath.Join(p.dir, "pgdata")
	sock := filepath.Join(p.dir, "pgsock")
	pw := filepath.Join(p.dir, "pgpass")
	os.MkdirAll(sock, 0o755)
	copyFile(t, filepath.Join(p.secrets, "postgres_password"), pw)
	chownPostgres(t, p.dir, sock, pw)
	svc := p.compose.Services["postgresql"]
	asPostgres(t, "initdb", "-D", data, "-U", svc.Environment["POSTGRES_USER"], "--pwfile="+pw, "--auth-local=trust", "--auth-host=scram-sha-256")
	asPostgres(t, "pg_ctl", "-D", data, "-l", filepath.Join(p.dir, "postgresql.log"), "-w", "-o",
		fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", p.pgPort, sock), "start")
	t.Cleanup(func() {
		exec.Command("runuser", "-u", "postgres", "--", "pg_ctl", "-D", data, "-m", "immediate", "stop").Run()
	})
	env := p.env("postgresql", nil)
	env["PGHOST"], env["PGPORT"] = sock, strconv.Itoa(p.pgPort)
	p.script(filepath.Join(p.root, "docker", "postgres-init.sh"), env, 30*time.Second)
}

func (p *composePath) startTemporal() {
	// Temporal keeps membership ports as smallint: below 32768.
	ports := lowFreePorts(p.t, 12)
	p.frontend = ports[0]
	extra := map[string]string{"BIND_ON_IP": "127.0.0.1"}
	for i, name := range []string{"FRONTEND_GRPC_PORT", "FRONTEND_MEMBERSHIP_PORT", "FRONTEND_HTTP_PORT",
		"INTERNAL_FRONTEND_GRPC_PORT", "INTERNAL_FRONTEND_MEMBERSHIP_PORT", "INTERNAL_FRONTEND_HTTP_PORT",
		"MATCHING_GRPC_PORT", "MATCHING_MEMBERSHIP_PORT", "HISTORY_GRPC_PORT", "HISTORY_MEMBERSHIP_PORT",
		"WORKER_GRPC_PORT", "WORKER_MEMBERSHIP_PORT"} {
		extra[name] = strconv.Itoa(ports[i])
	}
	p.start("temporal", "temporal", extra)
	waitFor(p.t, 60*time.Second, "the Temporal frontend to listen", func() bool {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", p.frontend))
		if err == nil {
			c.Close()
		}
		return err == nil
	})
}

// checkWorkerRole: the workers' login may not alter the audit trail's
// table, nor write a checkpoint, nor create a table.
func (p *composePath) checkWorkerRole() {
	db := p.db("dsr_worker_password", "dsr_worker")
	for _, q := range []string{
		"ALTER TABLE audit_events DISABLE TRIGGER ALL",
		"INSERT INTO audit_checkpoints (seq) VALUES (1)",
		"CREATE TABLE mine (x int)",
		"UPDATE audit_events SET actor = 'x'",
	} {
		if _, err := db.Exec(q); err == nil || !strings.Contains(err.Error(), "permission denied") && !strings.Contains(err.Error(), "must be owner") {
			p.t.Errorf("the worker's role: %s: %v, want permission denied", q, err)
		}
	}
}

// startDovecot serves the mailbox over TLS with a certificate from the
// private CA make-secrets.sh made, which the worker trusts through
// IMAP_CA_FILE.
func (p *composePath) startDovecot() string {
	cert, key := p.issue("imap", net.ParseIP("127.0.0.1"))
	return devstack.StartDovecot(p.t, &devstack.DovecotTLS{CertFile: cert, KeyFile: key})
}

// startRelay serves SMTP with STARTTLS, a certificate from the private
// CA, and the login make-secrets.sh was given.
func (p *composePath) startRelay() *mailtest.Server {
	certFile, keyFile := p.issue("smtp", net.ParseIP("127.0.0.1"))
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		p.t.Fatal(err)
	}
	return mailtest.StartTLS(p.t, &tls.Config{Certificates: []tls.Certificate{cert}}, "kundservice@harmoniq.se", "smtp-pw")
}

// messageID is the Message-ID header of a raw message.
func messageID(raw string) string {
	for _, line := range strings.Split(raw, "\r\n") {
		if v, ok := strings.CutPrefix(line, "Message-Id: "); ok {
			return v
		}
		if v, ok := strings.CutPrefix(line, "Message-ID: "); ok {
			return v
		}
	}
	return ""
}

// issue signs a server certificate for ip with the private CA.
func (p *composePath) issue(name string, ip net.IP) (certFile, keyFile string) {
	caPEM, _ := os.ReadFile(filepath.Join(p.secrets, "tls_ca.pem"))
	caKeyPEM, _ := os.ReadFile(filepath.Join(p.secrets, "tls_ca-key.pem"))
	cert, key, err := devstack.IssueServerCert(caPEM, caKeyPEM, ip)
	if err != nil {
		p.t.Fatalf("a certificate from make-secrets.sh's CA: %v", err)
	}
	certFile, keyFile = filepath.Join(p.dir, name+".pem"), filepath.Join(p.dir, name+"-key.pem")
	os.WriteFile(certFile, cert, 0o644)
	os.WriteFile(keyFile, key, 0o644)
	return certFile, keyFile
}

// deliver appends a message to the INBOX over IMAPS, checking the server
// against the private CA.
func (p *composePath) deliver(addr, raw string) {
	pool := x509.NewCertPool()
	caPEM, _ := os.ReadFile(filepath.Join(p.secrets, "tls_ca.pem"))
	pool.AppendCertsFromPEM(caPEM)
	cl, err := imapclient.DialTLS(addr, &imapclient.Options{TLSConfig: &tls.Config{RootCAs: pool}})
	if err != nil {
		p.t.Fatal(err)
	}
	defer cl.Close()
	if err := cl.Login("kundservice@harmoniq.se", "pw").Wait(); err != nil {
		p.t.Fatal(err)
	}
	cmd := cl.Append("INBOX", int64(len(raw)), &imap.AppendOptions{Time: time.Now()})
	cmd.Write([]byte(raw))
	cmd.Close()
	if _, err := cmd.Wait(); err != nil {
		p.t.Fatal(err)
	}
}

// mailboxReader names the worker that reads the mailbox and the one that
// stands by; exactly one may read.
func (p *composePath) mailboxReader(workers []string) (reader, standby string) {
	var readers []string
	for _, w := range workers {
		if strings.Contains(p.logs[w].String(), "this worker reads the mailbox") {
			readers = append(readers, w)
		} else {
			standby = w
		}
	}
	if len(readers) != 1 || standby == "" {
		p.t.Fatalf("workers reading the mailbox: %v, want exactly one of %v", readers, workers)
	}
	if !strings.Contains(p.logs[standby].String(), "stands by") {
		p.t.Errorf("%s does not say it stands by", standby)
	}
	return readers[0], standby
}

// env is service's environment as compose would give it, with the test's
// overrides: ${VAR} from the .env map, secrets and mounted files at their
// places here, and the services' host names on loopback.
func (p *composePath) env(service string, extra map[string]string) map[string]string {
	svc, ok := p.compose.Services[service]
	if !ok {
		p.t.Fatalf("compose has no service %s", service)
	}
	out := map[string]string{}
	for k, v := range svc.Environment {
		out[k] = p.mapValue(p.interpolate(v))
	}
	if strings.HasPrefix(service, "dsr-") || service == "temporal-setup" {
		// The image's own environment (Dockerfile ENV).
		data := filepath.Join(p.dir, "data-"+service)
		out["DSR_DATA_DIR"] = data
		if _, ok := out["OUTBOX_DIR"]; ok {
			out["OUTBOX_DIR"] = filepath.Join(data, "outbox")
		}
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

var composeVar = regexp.MustCompile(`\$\{([A-Z_]+)(?:(:-|:\?)([^}]*))?\}`)

func (p *composePath) interpolate(v string) string {
	return composeVar.ReplaceAllStringFunc(v, func(m string) string {
		g := composeVar.FindStringSubmatch(m)
		if val := p.dotenv[g[1]]; val != "" {
			return val
		}
		if g[2] == ":?" {
			p.t.Fatalf("compose needs %s: %s", g[1], g[3])
		}
		return g[3]
	})
}

// mapValue moves a container's path or address to this machine's.
func (p *composePath) mapValue(v string) string {
	switch {
	case v == "/run/secrets":
		return p.secrets
	case strings.HasPrefix(v, "/run/secrets/"):
		return p.secretPath(v)
	case strings.HasPrefix(v, "/etc/dsr/"):
		return filepath.Join(p.root, "docker", "dsr", strings.TrimPrefix(v, "/etc/dsr/"))
	case strings.HasPrefix(v, "/etc/temporal/dsr/"):
		return filepath.Join(p.root, "docker", "temporal", strings.TrimPrefix(v, "/etc/temporal/dsr/"))
	case v == "/etc/temporal/schema":
		return filepath.Join(moduleDir(p.t, "go.temporal.io/server"), "schema")
	case v == "postgresql":
		return "127.0.0.1"
	case v == "5432":
		return strconv.Itoa(p.pgPort)
	}
	v = strings.ReplaceAll(v, "@postgresql:5432/", fmt.Sprintf("@127.0.0.1:%d/", p.pgPort))
	v = strings.ReplaceAll(v, "temporal:7233", fmt.Sprintf("127.0.0.1:%d", p.frontend))
	if strings.HasPrefix(v, "0.0.0.0:") {
		v = fmt.Sprintf("127.0.0.1:%d", freePorts(p.t, 1)[0])
	}
	return v
}

// secretPath is where compose's secret at /run/secrets/NAME is here.
func (p *composePath) secretPath(v string) string {
	name := strings.TrimPrefix(v, "/run/secrets/")
	s, ok := p.compose.Secrets[name]
	if !ok {
		p.t.Fatalf("compose declares no secret %s", name)
	}
	return filepath.Join(p.secrets, filepath.Base(s.File))
}

// command is what compose runs for service: its entrypoint or command, with
// dsr from the image.
func (p *composePath) command(service string) []string {
	svc := p.compose.Services[service]
	if len(svc.Entrypoint) > 0 {
		out := append([]string{}, svc.Entrypoint...)
		for i := range out {
			out[i] = p.mapValue(out[i])
		}
		return out
	}
	return append([]string{filepath.Join(p.bin, "dsr")}, svc.Command...)
}

func (p *composePath) cmd(argv []string, env map[string]string) *exec.Cmd {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = []string{"PATH=" + p.bin + ":" + os.Getenv("PATH"), "HOME=" + p.dir}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	return cmd
}

// run runs a one-shot service to completion, as compose's
// service_completed_successfully waits for.
func (p *composePath) run(service string, extra map[string]string) string {
	cmd := p.cmd(p.command(service), p.env(service, extra))
	out, err := runWithin(cmd, 3*time.Minute)
	if err != nil {
		p.t.Fatalf("%s: %v\n%s", service, err, out)
	}
	return out
}

func (p *composePath) script(path string, env map[string]string, limit time.Duration) {
	out, err := runWithin(p.cmd([]string{"sh", path}, env), limit)
	if err != nil {
		p.t.Fatalf("%s: %v\n%s", filepath.Base(path), err, out)
	}
}

// start starts a long-running service as name.
func (p *composePath) start(service, name string, extra map[string]string) {
	env := p.env(service, extra)
	p.started[name] = env
	cmd := p.cmd(p.command(service), env)
	buf := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = buf, buf
	if err := cmd.Start(); err != nil {
		p.t.Fatalf("start %s: %v", name, err)
	}
	p.procs[name], p.logs[name] = cmd, buf
}

// dsr runs a dsr command with service's environment.
func (p *composePath) dsr(service string, args ...string) string {
	return p.dsrWith(service, nil, args...)
}

func (p *composePath) dsrWith(service string, extra map[string]string, args ...string) string {
	out, err := runWithin(p.cmd(append([]string{filepath.Join(p.bin, "dsr")}, args...), p.env(service, extra)), time.Minute)
	if err != nil {
		p.t.Fatalf("dsr %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// health runs service's compose healthcheck (a dsr command) with the
// environment service was started with.
func (p *composePath) health(service string) { p.healthOf(service, service, nil) }

func (p *composePath) healthOf(service, name string, extra map[string]string) {
	check := p.compose.Services[service].Healthcheck.Test
	if len(check) < 3 || check[0] != "CMD" || check[1] != "dsr" {
		p.t.Fatalf("%s's healthcheck is %v, want a dsr command", service, check)
	}
	env := p.started[name]
	for k, v := range extra {
		env[k] = v
	}
	args := check[2:]
	for i, a := range args {
		args[i] = p.mapURL(service, a, env)
	}
	waitFor(p.t, 30*time.Second, name+"'s healthcheck to pass", func() bool {
		_, err := runWithin(p.cmd(append([]string{filepath.Join(p.bin, "dsr")}, args...), env), 15*time.Second)
		return err == nil
	})
}

// mapURL points a healthcheck's URL at the port the service listens on here.
func (p *composePath) mapURL(service, arg string, env map[string]string) string {
	if !strings.HasPrefix(arg, "http://127.0.0.1:") {
		return arg
	}
	port := strings.SplitN(strings.TrimPrefix(arg, "http://127.0.0.1:"), "/", 2)
	addr := env["CODEC_SERVER_ADDR"]
	if addr == "" {
		p.t.Fatalf("%s's healthcheck URL %s: no address of its own to map it to", service, arg)
	}
	return "http://" + addr + "/" + port[1]
}

// config is the configuration a service's dsr reads.
func (p *composePath) config(service string, extra map[string]string) config.Config {
	env := p.env(service, extra)
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		p.t.Fatal(err)
	}
	return cfg
}

// db logs in to dsr's database as role, with the password in secret.
func (p *composePath) db(secret, role string) *sql.DB {
	pw, err := os.ReadFile(filepath.Join(p.secrets, secret))
	if err != nil {
		p.t.Fatal(err)
	}
	db, err := sql.Open("pgx", fmt.Sprintf("postgres://%s:%s@127.0.0.1:%d/dsr?sslmode=disable", role, strings.TrimSpace(string(pw)), p.pgPort))
	if err != nil {
		p.t.Fatal(err)
	}
	p.t.Cleanup(func() { db.Close() })
	return db
}

func accessRequest(id string) string {
	return "From: Anna Svensson <anna.svensson@example.se>\r\nTo: kundservice@harmoniq.se\r\n" +
		"Subject: Begäran om registerutdrag\r\nMessage-ID: <" + id + "@example.se>\r\nDate: " + time.Now().Format(time.RFC1123Z) +
		"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
		"Hej! Jag vill ha ett registerutdrag enligt artikel 15 i dataskyddsförordningen, alla uppgifter ni har om mig.\r\n" +
		"Personnummer 19900704-2386.\r\nAnna Svensson\r\n"
}

// complementSignals counts the complement signals in the case's history:
// each reply taken in sends one.
func complementSignals(t *testing.T, c client.Client, number string) int {
	n := 0
	it := c.GetWorkflowHistory(context.Background(), number, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for it.HasNext() {
		e, err := it.Next()
		if err != nil {
			t.Fatal(err)
		}
		if a := e.GetWorkflowExecutionSignaledEventAttributes(); a != nil && a.GetSignalName() == workflows.SignalComplement {
			n++
		}
	}
	return n
}

// waitForCase waits for the message with messageID to open a case, and
// returns its number.
func waitForCase(t *testing.T, db *sql.DB, messageID string) string {
	var number string
	waitFor(t, 60*time.Second, "the message "+messageID+" to open a case", func() bool {
		return db.QueryRow("SELECT case_number FROM inbound_messages WHERE dedupe_key LIKE $1", "mid:"+messageID+" %").Scan(&number) == nil && number != ""
	})
	return number
}

// lowFreePorts finds n free loopback ports below 32768, where the kernel
// hands out none of its ephemeral ones.
func lowFreePorts(t *testing.T, n int) []int {
	var out []int
	for port := 20000 + int(time.Now().UnixNano()%5000); len(out) < n && port < 32768; port++ {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err != nil {
			continue
		}
		ln.Close()
		out = append(out, port)
	}
	if len(out) < n {
		t.Fatalf("only %d free ports below 32768", len(out))
	}
	return out
}

func runWithin(cmd *exec.Cmd, limit time.Duration) (string, error) {
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return out.String(), err
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		return out.String(), fmt.Errorf("still running after %s", limit)
	}
}

func asPostgres(t *testing.T, args ...string) {
	cmd := exec.Command(args[0], args[1:]...)
	if os.Geteuid() == 0 {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--"}, args...)...)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func chownPostgres(t *testing.T, paths ...string) {
	if os.Geteuid() != 0 {
		return
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		t.Fatalf("the postgres user (from Debian's postgresql package): %v", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	for _, p := range paths {
		if err := os.Chown(p, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func moduleDir(t *testing.T, module string) string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", module).Output()
	if err != nil || len(bytes.TrimSpace(out)) == 0 {
		t.Fatalf("go list -m %s: %v", module, err)
	}
	return string(bytes.TrimSpace(out))
}

func httpStatus(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func httpBody(t *testing.T, url string) string {
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
