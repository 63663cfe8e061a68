package audit_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

var t0 = time.Date(2026, 11, 25, 9, 30, 0, 123456789, time.UTC)

func entry(n int) audit.Entry {
	return audit.Entry{CaseNumber: "DSR-2026-000001", Time: t0.Add(time.Duration(n) * time.Minute), Actor: "anna.k",
		Action: "case.note", Details: map[string]any{"n": n}, IdemKey: fmt.Sprintf("k%d", n)}
}

func TestAppendChainsEventsAndRetriesWriteOnce(t *testing.T) {
	storetest.Both(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		tr := audit.New(s.DB, s.Postgres)
		for _, n := range []int{1, 2, 2, 3} { // event 2 retried
			if _, err := tr.Append(ctx, entry(n)); err != nil {
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
		if n, err := tr.Verify(ctx, "DSR-2026-000001"); err != nil || n != 3 {
			t.Errorf("Verify = %d, %v; want 3 events, intact", n, err)
		}
	})
}

func TestConcurrentAppendsToOneCaseLeaveAWholeChain(t *testing.T) {
	storetest.Both(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		tr := audit.New(s.DB, s.Postgres)
		var wg sync.WaitGroup
		for i := range 40 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := tr.Append(ctx, entry(i)); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if n, err := tr.Verify(ctx, "DSR-2026-000001"); err != nil || n != 40 {
			t.Errorf("Verify = %d, %v; want 40 events, intact", n, err)
		}
	})
}

func TestTheDatabaseRefusesToChangeTheTrail(t *testing.T) {
	storetest.Both(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		tr := audit.New(s.DB, s.Postgres)
		if _, err := tr.Append(ctx, entry(1)); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"UPDATE audit_events SET actor = 'mallory'", "DELETE FROM audit_events"} {
			if _, err := s.DB.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: err = %v, want it refused as append-only", q, err)
			}
		}
		if s.Postgres {
			if _, err := s.DB.ExecContext(ctx, "TRUNCATE audit_events"); err == nil {
				t.Error("TRUNCATE of the audit trail was allowed")
			}
		}
	})
}

func TestVerifyNamesTheFirstTamperedEvent(t *testing.T) {
	s := storetest.Postgres(t)
	ctx := context.Background()
	tr := audit.New(s.DB, s.Postgres)
	for n := 1; n <= 5; n++ {
		if _, err := tr.Append(ctx, entry(n)); err != nil {
			t.Fatal(err)
		}
	}
	// A superuser switches the trigger off and edits event 3.
	for _, q := range []string{
		"ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change",
		"UPDATE audit_events SET actor = 'mallory' WHERE seq = 3",
	} {
		if _, err := s.DB.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	_, err := tr.Verify(ctx, "DSR-2026-000001")
	b, ok := err.(*audit.Break)
	if !ok || b.Seq != 3 || !strings.Contains(b.Reason, "changed") {
		t.Fatalf("Verify = %v, want a break at event 3 saying it was changed", err)
	}
	if _, err := s.DB.ExecContext(ctx, "DELETE FROM audit_events WHERE seq = 2"); err != nil {
		t.Fatal(err)
	}
	_, err = tr.Verify(ctx, "DSR-2026-000001")
	if b, ok := err.(*audit.Break); !ok || b.Seq != 2 || !strings.Contains(b.Reason, "missing") {
		t.Fatalf("Verify after a deletion = %v, want a break at event 2 saying one is missing", err)
	}
}
