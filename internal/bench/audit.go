package bench

import (
	"context"
	"crypto/sha256"
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

func init() {
	add(Benchmark{Name: "audit-append-ratio", Run: func(ctx context.Context, env *Env) (Figure, error) { return appendRatio(ctx, env, 1) }})
	add(Benchmark{Name: "audit-append-ratio-8", Run: func(ctx context.Context, env *Env) (Figure, error) { return appendRatio(ctx, env, 8) }})
	add(Benchmark{Name: "audit-verify-1m-s", Run: verify1M})
}

// appendRatio measures chained appends against plain INSERTs of the same
// rows, alternating A and B rounds in one run, with workers appending at
// once, each to its own cases, as the workers of many cases do. An append
// is what a case's step writes: the event encoded, hashed after the head
// the workflow knows, inserted in one statement.
func appendRatio(ctx context.Context, env *Env, workers int) (Figure, error) {
	st, done, err := env.scratch(ctx, fmt.Sprintf("append%d", workers))
	if err != nil {
		return Figure{}, err
	}
	defer done()
	tr := audit.New(st)
	db, err := raw(st)
	if err != nil {
		return Figure{}, err
	}
	defer db.Close()
	// The plain rows go to a table like the trail's, its indexes and its
	// default included, so each INSERT does the same work but the chain.
	if _, err := db.ExecContext(ctx, "CREATE TABLE audit_events_plain (LIKE audit_events INCLUDING ALL)"); err != nil {
		return Figure{}, err
	}
	per, rounds := 2000, 5
	if env.Size == Smoke {
		per, rounds = 40, 2
	}
	per /= workers
	heads := make([]map[string]*audit.Head, workers)
	for w := range heads {
		heads[w] = map[string]*audit.Head{}
	}
	seq := 0
	chained := func(w, i int) error {
		c := fmt.Sprintf("DSR-2026-%03d%03d", w, i%20)
		h := heads[w][c]
		if h == nil {
			h = &audit.Head{CaseNumber: c}
			heads[w][c] = h
		}
		n, err := tr.AppendBatch(ctx, []audit.Entry{{CaseNumber: c, Time: time.Now(), Actor: "anna.k",
			Event: event.CaseNote{Text: "Ringde kunden om ärendet"}, IdemKey: fmt.Sprintf("a/%d/%d/%d", w, seq, i)}}, h, nil)
		*h = n
		return err
	}
	plain := func(w, i int) error {
		details, _ := event.Encode(event.CaseNote{Text: "Ringde kunden om ärendet"})
		sum := sha256.Sum256([]byte(fmt.Sprint(w, i, seq)))
		_, err := db.ExecContext(ctx, `INSERT INTO audit_events_plain (case_number, seq, occurred_at, actor, action, details, idem_key, prev_hash, hash, gprev_hash, ghash, format)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', 2)`, fmt.Sprintf("PLAIN-%03d-%06d", w, seq), i+1, time.Now().UTC(), "anna.k", event.ActCaseNote,
			string(details), fmt.Sprintf("p/%d/%d/%d", w, seq, i), audit.Genesis, fmt.Sprintf("%x", sum))
		return err
	}
	phase := func(op func(w, i int) error) (time.Duration, error) {
		return timed(workers, func(w int) error {
			for i := range per {
				if err := op(w, i); err != nil {
					return err
				}
			}
			return nil
		})
	}
	var a, b time.Duration
	for r := range rounds {
		seq = r
		da, err := phase(chained)
		if err != nil {
			return Figure{}, fmt.Errorf("chained append: %w", err)
		}
		db, err := phase(plain)
		if err != nil {
			return Figure{}, fmt.Errorf("plain insert: %w", err)
		}
		a, b = a+da, b+db
	}
	if _, err := tr.VerifyAll(ctx, audit.Options{NoSignatures: true}); err != nil {
		return Figure{}, fmt.Errorf("the appended trail does not verify: %w", err)
	}
	ratio := b.Seconds() / a.Seconds()
	name := "audit-append-ratio"
	if workers > 1 {
		name = fmt.Sprintf("audit-append-ratio-%d", workers)
	}
	n := per * workers * rounds
	return Figure{Name: name, Value: ratio, Unit: "x a plain INSERT", Target: "≥ 0.8", Met: ratio >= 0.8,
		Note: fmt.Sprintf("%d appends and %d inserts by %d writers, %.0f and %.0f a second", n, n, workers, float64(n)/a.Seconds(), float64(n)/b.Seconds())}, nil
}

// verify1M times `dsr audit verify` over a trail of a million events in
// 10,000 cases, with a signed root every 2,000 events as the signer leaves
// them.
func verify1M(ctx context.Context, env *Env) (Figure, error) {
	st, done, err := env.scratch(ctx, "verify")
	if err != nil {
		return Figure{}, err
	}
	defer done()
	total, cases := 1_000_000, 10_000
	if env.Size == Smoke {
		total, cases = 4000, 40
	}
	seed := sha256.Sum256([]byte("bench signing key"))
	signer, err := audit.NewSigner(seed[:])
	if err != nil {
		return Figure{}, err
	}
	tr := audit.New(st)
	roots := audit.NewRootSigner(tr, signer)
	start := time.Now()
	if err := writeTrail(ctx, st, total, cases, 2000, func() error { _, err := roots.Sign(ctx); return err }); err != nil {
		return Figure{}, err
	}
	env.logf("audit-verify-1m-s: %d events written in %s", total, time.Since(start).Round(time.Second))
	t0 := time.Now()
	r, err := tr.VerifyAll(ctx, audit.Options{Public: signer.Public(), Now: time.Now()})
	if err != nil {
		return Figure{}, err
	}
	d := time.Since(t0)
	if r.Events != int64(total) {
		return Figure{}, fmt.Errorf("verified %d events, want %d", r.Events, total)
	}
	secs := d.Seconds() * 1_000_000 / float64(total)
	f := Figure{Name: "audit-verify-1m-s", Value: secs, Unit: "s", Target: "< 5", Met: secs < 5,
		Note: fmt.Sprintf("%d events in %d cases, %d roots", total, cases, r.Roots)}
	if total != 1_000_000 {
		f.Note += fmt.Sprintf(", measured on %d and scaled", total)
	}
	return f, nil
}

// writeTrail writes total events round-robin over cases, chained as the
// trail chains them, with COPY, calling between every `every` events (to
// sign a root).
func writeTrail(ctx context.Context, st *store.Store, total, cases, every int, between func() error) error {
	heads := make([]audit.Head, cases)
	for i := range heads {
		heads[i] = audit.Head{CaseNumber: fmt.Sprintf("DSR-2026-%06d", i+1), Hash: audit.Genesis}
	}
	details, _ := event.Encode(event.CaseNote{Text: "Ringde kunden om ärendet och bad om en kopia av passet"})
	base := time.Now().UTC().Add(-24 * time.Hour).Truncate(time.Microsecond)
	db, err := raw(st)
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for written := 0; written < total; {
		n := min(every, total-written)
		rows := make([][]any, n)
		for j := range n {
			h := &heads[(written+j)%cases]
			e := audit.Event{CaseNumber: h.CaseNumber, Seq: h.Seq + 1, OccurredAt: base.Add(time.Duration(written+j) * time.Millisecond), Actor: "anna.k",
				Action: event.ActCaseNote, Details: string(details), PrevHash: h.Hash}
			e.Hash = audit.ComputeHash(&e)
			h.Seq, h.Hash = e.Seq, e.Hash
			rows[j] = []any{e.CaseNumber, e.Seq, e.OccurredAt, e.Actor, e.Action, e.Details, fmt.Sprintf("bench/%d", written+j), e.PrevHash, e.Hash, "", "", 2}
		}
		err := conn.Raw(func(dc any) error {
			pc := dc.(driver.Conn).(*stdlib.Conn).Conn()
			_, err := pc.CopyFrom(ctx, pgx.Identifier{"audit_events"},
				[]string{"case_number", "seq", "occurred_at", "actor", "action", "details", "idem_key", "prev_hash", "hash", "gprev_hash", "ghash", "format"},
				pgx.CopyFromRows(rows))
			return err
		})
		if err != nil {
			return fmt.Errorf("write the trail: %w", err)
		}
		written += n
		if err := between(); err != nil {
			return err
		}
	}
	return nil
}
