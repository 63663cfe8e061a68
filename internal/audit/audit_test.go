package audit_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

var t0 = time.Date(2026, 11, 25, 9, 30, 0, 123456789, time.UTC)

func entry(caseNumber string, n int) audit.Entry {
	return audit.Entry{CaseNumber: caseNumber, Time: t0.Add(time.Duration(n) * time.Second), Actor: "anna.k",
		Event: event.CaseNote{Text: fmt.Sprintf("note %d", n)}, IdemKey: fmt.Sprintf("%s/k%d", caseNumber, n)}
}

func signer(t testing.TB) *audit.Signer {
	t.Helper()
	seed := sha256.Sum256([]byte("test signing key"))
	s, err := audit.NewSigner(seed[:])
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// chainsOnly verifies without signatures, as a test of the chains alone.
var chainsOnly = audit.Options{NoSignatures: true}

func TestAppendChainsEventsAndRetriesWriteOnce(t *testing.T) {
	storetest.Both(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		tr := audit.New(s)
		for _, n := range []int{1, 2, 2, 3} { // event 2 retried
			if _, err := tr.Append(ctx, entry("DSR-2026-000001", n)); err != nil {
				t.Fatal(err)
			}
		}
		es, err := tr.Events(ctx, "DSR-2026-000001")
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 3 || es[0].PrevHash != audit.Genesis || es[1].PrevHash != es[0].Hash || es[2].PrevHash != es[1].Hash {
			t.Fatalf("%d events, not linked by their hashes", len(es))
		}
		// A writer that knows the head appends in one statement; a head
		// that moved meanwhile is found and the events chained after it.
		head, err := tr.AppendBatch(ctx, []audit.Entry{entry("DSR-2026-000001", 4), entry("DSR-2026-000001", 5)}, &audit.Head{Seq: 3, Hash: es[2].Hash}, nil)
		if err != nil || head.Seq != 5 {
			t.Fatalf("append with the head: %+v, %v", head, err)
		}
		if _, err := tr.Append(ctx, entry("DSR-2026-000001", 6)); err != nil {
			t.Fatal(err)
		}
		stale, err := tr.AppendBatch(ctx, []audit.Entry{entry("DSR-2026-000001", 7)}, &head, nil)
		if err != nil || stale.Seq != 7 {
			t.Fatalf("append after a stale head: %+v, %v", stale, err)
		}
		// The same batch again writes nothing and says where the head is.
		again, err := tr.AppendBatch(ctx, []audit.Entry{entry("DSR-2026-000001", 7)}, &head, nil)
		if err != nil || again != stale {
			t.Fatalf("a retried batch: %+v, %v; want the head %+v", again, err, stale)
		}
		if r, err := tr.VerifyAll(ctx, chainsOnly); err != nil || r.Events != 7 {
			t.Errorf("VerifyAll = %+v, %v; want 7 events, intact", r, err)
		}
	})
}

func TestConcurrentAppendsLeaveWholeChains(t *testing.T) {
	storetest.Both(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		tr := audit.New(s)
		var wg sync.WaitGroup
		for w := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 15 {
					// Half the writers share one case; the others write their own.
					c := "DSR-2026-000001"
					if w%2 == 1 {
						c = fmt.Sprintf("DSR-2026-%06d", 100+w)
					}
					if _, err := tr.Append(ctx, entry(c, w*100+i)); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		r, err := tr.VerifyAll(ctx, chainsOnly)
		if err != nil || r.Events != 120 || r.Cases != 5 {
			t.Errorf("VerifyAll = %+v, %v; want 120 events in 5 cases, intact", r, err)
		}
	})
}

func TestTheDatabaseRefusesToChangeTheTrail(t *testing.T) {
	storetest.Both(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		tr := audit.New(s)
		if _, err := tr.Append(ctx, entry("DSR-2026-000001", 1)); err != nil {
			t.Fatal(err)
		}
		if _, err := audit.NewRootSigner(tr, signer(t)).Sign(ctx); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			"UPDATE audit_events SET actor = 'mallory'", "DELETE FROM audit_events",
			"UPDATE audit_checkpoints SET hash = 'x'", "DELETE FROM audit_checkpoints",
		} {
			if _, err := storetest.SQL(t, s).ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: err = %v, want it refused as append-only", q, err)
			}
		}
		if s.Postgres {
			for _, q := range []string{"TRUNCATE audit_events", "TRUNCATE audit_checkpoints"} {
				if _, err := storetest.SQL(t, s).ExecContext(ctx, q); err == nil {
					t.Errorf("%s was allowed", q)
				}
			}
		}
	})
}

// asRole runs the statements as a role, and reports each one's error.
func asRole(t *testing.T, s *store.Store, role string, queries ...string) []error {
	t.Helper()
	ctx := context.Background()
	conn, err := storetest.SQL(t, s).Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET ROLE "+role); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, "RESET ROLE")
	out := make([]error, len(queries))
	for i, q := range queries {
		_, out[i] = conn.ExecContext(ctx, q)
	}
	return out
}

// TestTheApplicationRoleMayOnlyReadAndAppend: the worker's role reads and
// appends events, and may not change them, nor write a checkpoint it could
// forge; only the signer's role writes checkpoints.
func TestTheApplicationRoleMayOnlyReadAndAppend(t *testing.T) {
	s := storetest.Postgres(t)
	ctx := context.Background()
	tr := audit.New(s)
	if _, err := tr.Append(ctx, entry("DSR-2026-000001", 1)); err != nil {
		t.Fatal(err)
	}
	checkpoint := `INSERT INTO audit_checkpoints (scope, seq, hash, signed_at, key_id, signature) VALUES ('root', %d, 'forged', now(), 'k', 's')`
	errs := asRole(t, s, "dsr_app",
		"SELECT count(*) FROM audit_events",
		`INSERT INTO audit_events (case_number, seq, occurred_at, actor, action, details, idem_key, prev_hash, hash, gprev_hash, ghash, format)
			VALUES ('DSR-2026-000002', 1, now(), 'a', 'b', '{}', 'role-test', 'x', 'y', '', '', 2)`,
		fmt.Sprintf(checkpoint, 1),
		"UPDATE audit_events SET actor = 'x'", "DELETE FROM audit_events", "TRUNCATE audit_events")
	if errs[0] != nil || errs[1] != nil {
		t.Errorf("dsr_app cannot read (%v) or append (%v)", errs[0], errs[1])
	}
	for i, q := range []string{"a checkpoint", "an update", "a delete", "a truncate"} {
		if err := errs[i+2]; err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("dsr_app wrote %s: err = %v, want permission denied", q, err)
		}
	}
	if errs := asRole(t, s, "dsr_signer", fmt.Sprintf(checkpoint, 2), "DELETE FROM audit_checkpoints"); errs[0] != nil || errs[1] == nil {
		t.Errorf("dsr_signer: insert %v (want allowed), delete %v (want refused)", errs[0], errs[1])
	}
}
