package store

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"sync"

	"github.com/uptrace/bun"
)

// ErrLeaseHeld says another process holds the lease asked for.
var ErrLeaseHeld = errors.New("held by another process")

// Lease is the right of one process, among all that share the database, to
// do one job (read the mailbox, sign the audit roots). In PostgreSQL it is
// a session advisory lock on a connection of its own: it ends when Release
// is called, or when the process or its connection dies, and another
// process may take it at once.
type Lease struct {
	name    string
	conn    *bun.Conn // PostgreSQL; nil for SQLite
	release func()
}

// sqliteLeases holds the leases of the embedded database, which one process
// uses at a time.
var sqliteLeases sync.Map

// TryLease takes the lease called name, or returns ErrLeaseHeld at once
// when another process has it.
func (s *Store) TryLease(ctx context.Context, name string) (*Lease, error) {
	if !s.Postgres {
		if _, taken := sqliteLeases.LoadOrStore(name, true); taken {
			return nil, fmt.Errorf("lease %s: %w", name, ErrLeaseHeld)
		}
		return &Lease{name: name, release: func() { sqliteLeases.Delete(name) }}, nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("lease %s: %w", name, err)
	}
	var got bool
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock(?)", leaseKey(name)).Scan(&got); err != nil {
		conn.Close()
		return nil, fmt.Errorf("lease %s: %w", name, err)
	}
	if !got {
		conn.Close()
		return nil, fmt.Errorf("lease %s: %w", name, ErrLeaseHeld)
	}
	return &Lease{name: name, conn: &conn}, nil
}

// Check says whether the lease is still held: its connection answers. A
// holder checks before each piece of work and stops when it is lost, as
// the lock went with the connection.
func (l *Lease) Check(ctx context.Context) error {
	if l.conn == nil {
		return nil
	}
	var held bool
	err := l.conn.QueryRowContext(ctx,
		"SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND objid = (?::bigint & 4294967295)::oid AND classid = (?::bigint >> 32 & 4294967295)::oid)",
		leaseKey(l.name), leaseKey(l.name)).Scan(&held)
	if err != nil {
		return fmt.Errorf("lease %s lost: %w", l.name, err)
	}
	if !held {
		return fmt.Errorf("lease %s lost", l.name)
	}
	return nil
}

// Release gives the lease up.
func (l *Lease) Release() {
	if l.release != nil {
		l.release()
		return
	}
	if l.conn == nil {
		return
	}
	// Closing the session would free the lock too; unlocking first hands
	// it over without waiting for the pool to drop the connection.
	_, _ = l.conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock(?)", leaseKey(l.name))
	_ = l.conn.Close()
	l.conn = nil
}

// leaseKey is the advisory lock key of a lease: a hash of its name in a
// space of dsr's own (the case chains lock their own keys, see audit.go).
func leaseKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("dsr lease " + name))
	return int64(h.Sum64())
}

// Holder keeps one lease across the rounds of a job: before each round,
// Hold says whether this process may do it, taking the lease when it is
// free and dropping it when its session was lost.
type Holder struct {
	Store *Store
	Name  string
	lease *Lease
}

// Hold reports whether the lease is held now. An error says why a lease
// was lost or could not be asked for; a lease another process holds is no
// error.
func (h *Holder) Hold(ctx context.Context) (bool, error) {
	var lost error
	if h.lease != nil {
		if lost = h.lease.Check(ctx); lost == nil {
			return true, nil
		}
		h.lease.Release()
		h.lease = nil
	}
	l, err := h.Store.TryLease(ctx, h.Name)
	if errors.Is(err, ErrLeaseHeld) {
		return false, lost
	}
	if err != nil {
		return false, errors.Join(lost, err)
	}
	h.lease = l
	return true, nil
}

// Release gives the lease up, if held.
func (h *Holder) Release() {
	if h.lease != nil {
		h.lease.Release()
		h.lease = nil
	}
}
