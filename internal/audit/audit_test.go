package audit_test

import (
	"context"
	"crypto/sha256"
	"errors"
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
	return audit.Entry{CaseNumber: caseNumber, Time: t0.Add(time.Duration(n) * time.Minute), Actor: "anna.k",
		Event: event.CaseNote{Text: fmt.Sprintf("note %d", n)}, IdemKey: fmt.Sprintf("%s/k%d", caseNumber, n)}
}

func signer(t *testing.T) *audit.Signer {
	t.Helper()
	seed := sha256.Sum256([]byte("test signing key"))
	s, err := audit.NewSigner(seed[:])
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestAppendChainsEventsAndRetriesWriteOnce(t *testing.T) {
	storetest.Both(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		tr := audit.New(s.DB, s.Postgres)
		for _, n := range []int{1, 2, 2, 3} { // event 2 retried
			if _, err := tr.Append(ctx, entry("DSR-2026-000001", n)); err != nil {
				t.Fatal(err)
			}
		}
		es, err := tr.Events(ctx, "DSR-2026-000001")
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 3 {
			t.Fatalf("%d events, want 3", len(es))
		}
		if es[0].PrevHash != audit.Genesis || es[1].PrevHash != es[0].Hash || es[2].PrevHash != es[1].Hash {
			t.Error("events are not linked by their hashes")
		}
		if es[2].GSeq != 3 || es[2].GPrevHash != es[1].GHash {
			t.Error("events are not linked in the global chain")
		}
		if r, err := tr.VerifyAll(ctx, nil, nil); err != nil || r.Events != 3 {
			t.Errorf("VerifyAll = %+v, %v; want 3 events, intact", r, err)
		}
	})
}

func TestConcurrentAppendsLeaveWholeChains(t *testing.T) {
	storetest.Both(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		tr := audit.New(s.DB, s.Postgres)
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
		r, err := tr.VerifyAll(ctx, nil, nil)
		if err != nil || r.Events != 120 || r.Cases != 5 {
			t.Errorf("VerifyAll = %+v, %v; want 120 events in 5 cases, intact", r, err)
		}
	})
}

func TestTheDatabaseRefusesToChangeTheTrail(t *testing.T) {
	storetest.Both(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		tr := audit.New(s.DB, s.Postgres)
		tr.Signer = signer(t)
		if _, err := tr.Append(ctx, entry("DSR-2026-000001", 1)); err != nil {
			t.Fatal(err)
		}
		if err := tr.CheckpointGlobal(ctx); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			"UPDATE audit_events SET actor = 'mallory'", "DELETE FROM audit_events",
			"UPDATE audit_checkpoints SET hash = 'x'", "DELETE FROM audit_checkpoints",
		} {
			if _, err := s.DB.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: err = %v, want it refused as append-only", q, err)
			}
		}
		if s.Postgres {
			for _, q := range []string{"TRUNCATE audit_events", "TRUNCATE audit_checkpoints"} {
				if _, err := s.DB.ExecContext(ctx, q); err == nil {
					t.Errorf("%s was allowed", q)
				}
			}
		}
	})
}

func TestTheApplicationRoleMayOnlyReadAndAppend(t *testing.T) {
	s := storetest.Postgres(t)
	ctx := context.Background()
	tr := audit.New(s.DB, true)
	if _, err := tr.Append(ctx, entry("DSR-2026-000001", 1)); err != nil {
		t.Fatal(err)
	}
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET ROLE dsr_app"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, "RESET ROLE")
	if _, err := conn.ExecContext(ctx, "SELECT count(*) FROM audit_events"); err != nil {
		t.Errorf("dsr_app cannot read the trail: %v", err)
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO audit_events (case_number, seq, occurred_at, actor, action, details, idem_key, prev_hash, hash, gseq, gprev_hash, ghash)
		VALUES ('DSR-2026-000002', 1, now(), 'a', 'b', '{}', 'role-test', 'x', 'y', 99, 'x', 'y')`); err != nil {
		t.Errorf("dsr_app cannot append: %v", err)
	}
	for _, q := range []string{"UPDATE audit_events SET actor = 'x'", "DELETE FROM audit_events", "TRUNCATE audit_events"} {
		if _, err := conn.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("dsr_app: %s: err = %v, want permission denied", q, err)
		}
	}
}

// tamperFixture builds two cases of five events; the first is closed, so its
// head and the global head are signed. It returns the trail and the store,
// with the append-only triggers switched off as a superuser would.
func tamperFixture(t *testing.T) (*audit.Trail, *store.Store) {
	t.Helper()
	s := storetest.Postgres(t)
	ctx := context.Background()
	tr := audit.New(s.DB, true)
	tr.Signer = signer(t)
	for n := 1; n <= 5; n++ {
		for _, c := range []string{"DSR-2026-000001", "DSR-2026-000002"} {
			e := entry(c, n)
			if c == "DSR-2026-000001" && n == 5 {
				e.Event = event.CaseClosed{Outcome: "completed"}
			}
			if _, err := tr.Append(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := tr.VerifyAll(ctx, tr.Signer.Public(), nil); err != nil {
		t.Fatalf("untouched trail does not verify: %v", err)
	}
	for _, q := range []string{"ALTER TABLE audit_events DISABLE TRIGGER USER", "ALTER TABLE audit_checkpoints DISABLE TRIGGER USER"} {
		if _, err := s.DB.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	return tr, s
}

func exec(t *testing.T, s *store.Store, q string, args ...any) {
	t.Helper()
	if _, err := s.DB.ExecContext(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func wantBreak(t *testing.T, tr *audit.Trail, caseNumber string, seq int, reason string) {
	t.Helper()
	_, err := tr.VerifyAll(context.Background(), tr.Signer.Public(), nil)
	var b *audit.Break
	if !errors.As(err, &b) {
		t.Fatalf("VerifyAll = %v, want a break", err)
	}
	if b.CaseNumber != caseNumber || b.Seq != seq || !strings.Contains(b.Reason, reason) {
		t.Errorf("break = %q, want %s event %d: %q", b.Error(), caseNumber, seq, reason)
	}
}

func TestVerifyNamesEachTampering(t *testing.T) {
	t.Run("a changed field", func(t *testing.T) {
		tr, s := tamperFixture(t)
		exec(t, s, "UPDATE audit_events SET actor = 'mallory' WHERE case_number = 'DSR-2026-000002' AND seq = 3")
		wantBreak(t, tr, "DSR-2026-000002", 3, "was changed")
	})
	t.Run("a deleted event", func(t *testing.T) {
		tr, s := tamperFixture(t)
		exec(t, s, "DELETE FROM audit_events WHERE case_number = 'DSR-2026-000002' AND seq = 2")
		wantBreak(t, tr, "DSR-2026-000002", 2, "deleted")
	})
	t.Run("two events swapped", func(t *testing.T) {
		tr, s := tamperFixture(t)
		exec(t, s, "UPDATE audit_events SET seq = -seq WHERE case_number = 'DSR-2026-000002' AND seq IN (2, 3)")
		exec(t, s, "UPDATE audit_events SET seq = 5 + seq WHERE case_number = 'DSR-2026-000002' AND seq IN (-2, -3)")
		wantBreak(t, tr, "DSR-2026-000002", 3, "reordered")
	})
	t.Run("the last event deleted", func(t *testing.T) {
		tr, s := tamperFixture(t)
		exec(t, s, "DELETE FROM audit_events WHERE case_number = 'DSR-2026-000001' AND seq = 5")
		exec(t, s, "DELETE FROM audit_events WHERE gseq > 9")
		wantBreak(t, tr, "DSR-2026-000001", 5, "no longer in the trail")
	})
	t.Run("an edit with both chains re-hashed", func(t *testing.T) {
		tr, s := tamperFixture(t)
		ctx := context.Background()
		exec(t, s, "UPDATE audit_events SET actor = 'mallory' WHERE case_number = 'DSR-2026-000001' AND seq = 3")
		// Recompute every hash from the edit on, in global order.
		var all []audit.Event
		if err := s.DB.NewSelect().Model(&all).Order("gseq").Scan(ctx); err != nil {
			t.Fatal(err)
		}
		prev := map[string]string{}
		gprev := audit.Genesis
		for _, e := range all {
			if p, ok := prev[e.CaseNumber]; ok {
				e.PrevHash = p
			} else {
				e.PrevHash = audit.Genesis
			}
			e.Hash = e.ComputeHash()
			e.GPrevHash = gprev
			e.GHash = e.ComputeGlobalHash()
			exec(t, s, "UPDATE audit_events SET prev_hash = ?, hash = ?, gprev_hash = ?, ghash = ? WHERE id = ?", e.PrevHash, e.Hash, e.GPrevHash, e.GHash, e.ID)
			prev[e.CaseNumber], gprev = e.Hash, e.GHash
		}
		wantBreak(t, tr, "DSR-2026-000001", 5, "rewritten after it was signed")
	})
	t.Run("a checkpoint forged without the key", func(t *testing.T) {
		tr, s := tamperFixture(t)
		exec(t, s, "UPDATE audit_checkpoints SET hash = 'forged' WHERE scope = 'DSR-2026-000001'")
		wantBreak(t, tr, "DSR-2026-000001", 5, "signature does not match")
	})
}

func TestExportedCheckpointsCatchDeletedCheckpoints(t *testing.T) {
	tr, s := tamperFixture(t)
	ctx := context.Background()
	exported, err := tr.Checkpoints(ctx)
	if err != nil || len(exported) != 2 {
		t.Fatalf("checkpoints %v, %v; want the case's and the global one", exported, err)
	}
	// The superuser rewrites case 1 and removes the checkpoints from the
	// database; the copy kept elsewhere still catches it.
	exec(t, s, "DELETE FROM audit_checkpoints")
	exec(t, s, "DELETE FROM audit_events WHERE case_number = 'DSR-2026-000001' AND seq = 5")
	exec(t, s, "DELETE FROM audit_events WHERE gseq > 9")
	_, err = tr.VerifyAll(ctx, tr.Signer.Public(), exported)
	var b *audit.Break
	if !errors.As(err, &b) || !strings.Contains(b.Reason, "no longer in the trail") {
		t.Errorf("VerifyAll with the exported checkpoints = %v, want the deletion found", err)
	}
}
