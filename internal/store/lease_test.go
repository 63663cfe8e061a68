package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

// TestOneProcessHoldsALeaseAndAnotherTakesItWhenItDies: two stores (two
// processes' pools) on one database; the second is refused while the first
// holds the lease, and takes it at once when the first's session dies
// without releasing it, as a killed process's would.
func TestOneProcessHoldsALeaseAndAnotherTakesItWhenItDies(t *testing.T) {
	ctx := context.Background()
	url := storetest.PostgresURL(t)
	a, err := store.Open(ctx, url, "")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := store.Open(ctx, url, "")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()

	held, err := a.TryLease(ctx, "mailbox INBOX")
	if err != nil {
		t.Fatal(err)
	}
	if err := held.Check(ctx); err != nil {
		t.Fatalf("a fresh lease checks as lost: %v", err)
	}
	if _, err := b.TryLease(ctx, "mailbox INBOX"); !errors.Is(err, store.ErrLeaseHeld) {
		t.Fatalf("a second holder: %v, want ErrLeaseHeld", err)
	}
	other, err := b.TryLease(ctx, "audit signer")
	if err != nil {
		t.Fatalf("another lease's name is free: %v", err)
	}
	other.Release()

	// The holder's session dies under it.
	if _, err := storetest.SQL(t, b).ExecContext(ctx, "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = (?::bigint & 4294967295)::oid AND classid = (?::bigint >> 32 & 4294967295)::oid",
		store.LeaseKey("mailbox INBOX"), store.LeaseKey("mailbox INBOX")); err != nil {
		t.Fatal(err)
	}
	// The server ends the session a moment after it is told to.
	var taken *store.Lease
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if taken, err = b.TryLease(ctx, "mailbox INBOX"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no takeover within 5 s of the holder's death: %v", err)
		}
	}
	if err := held.Check(ctx); err == nil {
		t.Fatal("the holder still believes it holds a lease whose session died")
	}
	taken.Release()
	again, err := a.TryLease(ctx, "mailbox INBOX")
	if err != nil {
		t.Fatalf("a released lease is not free: %v", err)
	}
	again.Release()
	held.Release() // releasing a lost lease does no harm
}

func TestTheEmbeddedDatabaseLeasesInProcess(t *testing.T) {
	s := storetest.SQLite(t)
	ctx := context.Background()
	l, err := s.TryLease(ctx, "mailbox INBOX")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.TryLease(ctx, "mailbox INBOX"); !errors.Is(err, store.ErrLeaseHeld) {
		t.Fatalf("held twice: %v", err)
	}
	l.Release()
	l2, err := s.TryLease(ctx, "mailbox INBOX")
	if err != nil {
		t.Fatal(err)
	}
	l2.Release()
}
