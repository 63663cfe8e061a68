package main

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/codec"
	"github.com/harmoniq/dsr/internal/devstack"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/harmoniq/dsr/worker"
	"github.com/harmoniq/dsr/workflows"
	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"
	tconfig "go.temporal.io/server/common/config"
)

// issuer stands in for the OIDC provider: it signs RS256 JWTs with the key
// whose public half it publishes as a JWKS file.
type issuer struct {
	key  *rsa.PrivateKey
	jwks string
}

func newIssuer(t *testing.T) *issuer {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	b64 := base64.RawURLEncoding.EncodeToString
	jwks, _ := json.Marshal(map[string]any{"keys": []map[string]string{{
		"kty": "RSA", "kid": "k1", "alg": "RS256", "use": "sig",
		"n": b64(key.N.Bytes()), "e": b64(big.NewInt(int64(key.E)).Bytes()),
	}}})
	path := filepath.Join(t.TempDir(), "jwks.json")
	if err := os.WriteFile(path, jwks, 0o644); err != nil {
		t.Fatal(err)
	}
	return &issuer{key: key, jwks: "file://" + path}
}

// token is a JWT for subject with Temporal permissions ("default:write").
func (is *issuer) token(t *testing.T, subject string, permissions ...string) string {
	t.Helper()
	b64 := func(v any) string { b, _ := json.Marshal(v); return base64.RawURLEncoding.EncodeToString(b) }
	signed := b64(map[string]string{"alg": "RS256", "typ": "JWT", "kid": "k1"}) + "." +
		b64(map[string]any{"sub": subject, "permissions": permissions, "exp": time.Now().Add(time.Hour).Unix()})
	sum := sha256.Sum256([]byte(signed))
	sig, err := rsa.SignPKCS1v15(rand.Reader, is.key, crypto.SHA256, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	return signed + "." + base64.RawURLEncoding.EncodeToString(sig)
}

type bearer string

func (b bearer) GetHeaders(context.Context) (map[string]string, error) {
	if b == "" {
		return nil, nil
	}
	return map[string]string{"authorization": "Bearer " + string(b)}, nil
}

// dialAs connects with the payload codec of key, sending token and
// claiming identity, as any client could.
func dialAs(t *testing.T, addr, key, token, identity string) client.Client {
	t.Helper()
	keys, _ := codec.ParseKeys(key)
	pc, err := codec.New(keys)
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.Dial(client.Options{HostPort: addr, HeadersProvider: bearer(token), Identity: identity,
		DataConverter: pc.DataConverter(), FailureConverter: pc.FailureConverter(),
		Logger: sdklog.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// TestOnlyVerifiedStaffMayActAsTheActorTheyName runs the Temporal server
// with JWT authentication and the default authorizer, as production does
// behind an OIDC provider, with principal propagation on, and a worker with
// STAFF_PRINCIPALS. A caller without a token cannot signal at all; a caller
// with a token acts only as the actors STAFF_PRINCIPALS gives its subject,
// whatever identity its client claims and whatever actor it names; updates,
// which carry no verified caller, are refused; Anna, as herself, moves the
// case on.
func TestOnlyVerifiedStaffMayActAsTheActorTheyName(t *testing.T) {
	is := newIssuer(t)
	tmp := startTemporal(t, func(o *devstack.TemporalOptions) {
		o.Authorization = &tconfig.Authorization{
			JWTKeyProvider:       tconfig.JWTKeyProvider{KeySourceURIs: []string{is.jwks}, RefreshInterval: time.Minute},
			PermissionsClaimName: "permissions", Authorizer: "default", ClaimMapper: "default",
		}
	})
	addr := tmp.FrontendAddr

	// The worker connects as production does: payload codec, and the token
	// its service account got from the OIDC provider in TEMPORAL_API_KEY.
	workerClient, key := dialLikeTheWorker(t, addr, map[string]string{"TEMPORAL_API_KEY": is.token(t, "dsr-worker", "temporal-system:admin", "default:admin")},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	st := storetest.SQLite(t)
	acts := &activities.Activities{Store: st, Trail: audit.New(st), Sender: letter.DefaultSender,
		OutboxDir: t.TempDir(), Temporal: workerClient, StaffPrincipals: map[string][]string{"anna.k@harmoniq.se": {"anna.k"}}}
	withRelay(t, acts)
	w := worker.New(workerClient, acts)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	defer w.Stop()

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	rec, _ := openCase(t, workerClient, st, scenario{name: "access", rights: []rights.Right{rights.Access}},
		store.Case{RequesterName: "Test Testsson", RequesterEmail: "test.testsson@example.se"})
	number := rec.CaseNumber
	// The acknowledgement is sent and recorded first: the trail's next
	// event is then the case's answer to the signal.
	waitFor(t, 30*time.Second, "the case to wait for identity, acknowledged", func() bool {
		s := caseStatus(t, workerClient, number)
		return s.Stage == workflows.StageIdentity && len(s.Letters) == 1
	})

	verified := func(actor string) rawJSON {
		return rawJSON(`{"actor":"` + actor + `","result":"verified","method":"id_document"}`)
	}
	if err := dialAs(t, addr, key, "", "anna.k@harmoniq.se").SignalWorkflow(ctx, number, "", workflows.SignalIdentity, verified("anna.k")); err == nil ||
		!strings.Contains(err.Error(), "Request unauthorized") {
		t.Errorf("a signal without a token: %v", err)
	}

	trail := audit.New(st)
	rejection := func(c client.Client, actor, want string) {
		t.Helper()
		before, _ := trail.Events(ctx, number)
		if err := c.SignalWorkflow(ctx, number, "", workflows.SignalIdentity, verified(actor)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, 20*time.Second, "the signal to be handled", func() bool { es, _ := trail.Events(ctx, number); return len(es) > len(before) })
		s := caseStatus(t, workerClient, number)
		if s.Stage != workflows.StageIdentity || s.LastRejected == nil || !strings.Contains(s.LastRejected.Reason, want) {
			t.Errorf("acting as %s: stage %s, last rejected %+v; want a rejection saying %q", actor, s.Stage, s.LastRejected, want)
		}
	}
	// Mallory has a token and claims Anna's identity in her client.
	mallory := dialAs(t, addr, key, is.token(t, "mallory@harmoniq.se", "default:write"), "anna.k@harmoniq.se")
	rejection(mallory, "anna.k", "caller mallory@harmoniq.se is not staff")
	anna := dialAs(t, addr, key, is.token(t, "anna.k@harmoniq.se", "default:write"), "anna.k@harmoniq.se")
	rejection(anna, "erik.s", "caller anna.k@harmoniq.se may act as anna.k, not as erik.s")

	h, err := anna.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: number, UpdateName: workflows.SignalIdentity,
		Args: []any{verified("anna.k")}, WaitForStage: client.WorkflowUpdateStageCompleted})
	if err == nil {
		err = h.Get(ctx, nil)
	}
	if err == nil || !strings.Contains(err.Error(), "updates carry no caller the server verified") {
		t.Errorf("an update: %v", err)
	}

	// Anna at a terminal, with her token: the CLI sends signals and reports
	// what the case made of them.
	annaCLI := map[string]string{"TEMPORAL_ADDRESS": addr, "PAYLOAD_KEYS": key, "TEMPORAL_API_KEY": is.token(t, "anna.k@harmoniq.se", "default:write")}
	err = run(ctx, []string{"case", "signal", number, workflows.SignalIdentity, string(verified("erik.s"))}, mapEnv(annaCLI), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "may act as anna.k, not as erik.s") {
		t.Errorf("dsr case signal as erik.s: %v", err)
	}
	if out := runCLI(t, annaCLI, "case", "signal", number, workflows.SignalIdentity, string(verified("anna.k"))); !strings.Contains(out, "identity accepted (as a signal)") || !strings.Contains(out, "stage assessment") {
		t.Errorf("dsr case signal as anna.k: %s", out)
	}
	es, err := trail.Events(ctx, number)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		got = append(got, e.Actor+":"+e.Action)
	}
	want := "system:case.received system:letter.sent anna.k:signal.rejected erik.s:signal.rejected anna.k:signal.rejected erik.s:signal.rejected anna.k:identity.verified"
	if strings.Join(got, " ") != want {
		t.Errorf("audit:\n got  %s\n want %s", strings.Join(got, " "), want)
	}
}
