package audit_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

// fixture is a trail as a real one looks, written an hour and more ago:
// case 3 from before the second format (three events in the global chain,
// with a signed global checkpoint), cases 1 and 2 of the second format
// (five events each) under a signed root, then two more events of case 2,
// which a second root covers when signBoth is set. The workflows' heads
// are the witness. The append-only triggers are off, as a superuser can
// switch them.
type fixture struct {
	t       *testing.T
	s       *store.Store
	tr      *audit.Trail
	signer  *audit.Signer
	witness map[string]audit.Head
	base    time.Time
}

const (
	case1 = "DSR-2026-000001"
	case2 = "DSR-2026-000002"
	case3 = "DSR-2026-000003"
)

func newFixture(t *testing.T, signBoth bool) *fixture {
	t.Helper()
	s := storetest.Postgres(t)
	ctx := context.Background()
	base := time.Now().UTC().Add(-3 * time.Hour).Truncate(time.Second)
	f := &fixture{t: t, s: s, tr: audit.New(s), signer: signer(t), witness: map[string]audit.Head{}, base: base}
	for i := range 3 {
		if _, err := s.RecordIntake(ctx, &store.InboundMessage{DedupeKey: fmt.Sprintf("f%d", i), Channel: "email", SHA256: "x", ReceivedAt: base, Raw: []byte("x")},
			&store.Case{Channel: "email", ReceivedAt: base, Language: "sv"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	f.legacy(case3, 3, base)
	at := func(c string, n int) audit.Entry {
		e := entry(c, n)
		e.Time = base.Add(time.Duration(n) * time.Minute)
		return e
	}
	for n := 1; n <= 5; n++ {
		for _, c := range []string{case1, case2} {
			e := at(c, n)
			if c == case1 && n == 5 {
				e.Event = event.CaseClosed{Outcome: "completed", Due: "2026-12-24", ClosedOn: "2026-11-26"}
			}
			if _, err := f.tr.Append(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
	}
	roots := audit.NewRootSigner(f.tr, f.signer)
	if c, err := roots.Sign(ctx); err != nil || c == nil {
		t.Fatalf("root 1: %v, %v", c, err)
	}
	for n := 6; n <= 7; n++ {
		if _, err := f.tr.Append(ctx, at(case2, n)); err != nil {
			t.Fatal(err)
		}
	}
	if signBoth {
		if c, err := roots.Sign(ctx); err != nil || c == nil || !strings.HasPrefix(c.Heads, case2+"\t7\t") {
			t.Fatalf("root 2: %+v, %v", c, err)
		}
	}
	for _, c := range []string{case1, case2} {
		h, err := f.tr.Head(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		f.witness[c] = h
	}
	if _, err := f.verify(signBoth, true); err != nil {
		t.Fatalf("the untouched trail does not verify: %v", err)
	}
	for _, q := range []string{"ALTER TABLE audit_events DISABLE TRIGGER USER", "ALTER TABLE audit_checkpoints DISABLE TRIGGER USER"} {
		f.exec(q)
	}
	return f
}

// legacy writes n events of the first format for a case, chained in the
// global chain, and signs the global head, as the first version did.
func (f *fixture) legacy(c string, n int, base time.Time) {
	f.t.Helper()
	prev, gprev := audit.Genesis, audit.Genesis
	for i := 1; i <= n; i++ {
		details, _ := event.Encode(event.CaseNote{Text: fmt.Sprintf("old %d", i)})
		e := audit.Event{CaseNumber: c, Seq: i, OccurredAt: base.Add(time.Duration(i) * time.Second), Actor: "anna.k", Action: event.ActCaseNote,
			Details: string(details), IdemKey: fmt.Sprintf("legacy/%s/%d", c, i), PrevHash: prev, GSeq: int64(i), GPrevHash: gprev, Format: 1}
		e.Hash = audit.ComputeHash(&e)
		e.GHash = audit.ComputeGlobalHash(&e)
		if _, err := storetest.SQL(f.t, f.s).NewInsert().Model(&e).ExcludeColumn("id").Exec(context.Background()); err != nil {
			f.t.Fatal(err)
		}
		prev, gprev = e.Hash, e.GHash
	}
	f.exec("SELECT setval('audit_events_gseq', (SELECT max(gseq) FROM audit_events) + 1, false)")
	cp := &audit.Checkpoint{Scope: audit.ScopeGlobal, Seq: int64(n), Hash: gprev, SignedAt: base.Add(time.Minute)}
	f.signer.Sign(cp)
	if err := f.s.SaveAuditCheckpoint(context.Background(), cp); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) exec(q string, args ...any) {
	f.t.Helper()
	if _, err := storetest.SQL(f.t, f.s).ExecContext(context.Background(), q, args...); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
}

// verify checks the whole trail as compliance would: with the key, the
// workflows' heads when witness is set, and, when late is set, an hour
// after the last event, so every event must be covered by a checkpoint.
func (f *fixture) verify(late, witness bool) (audit.Report, error) {
	// Just after the last event, within the grace before it must be signed.
	opts := audit.Options{Public: f.signer.Public(), Now: f.base.Add(12 * time.Minute)}
	if late {
		opts.Now = time.Now().Add(time.Hour)
	}
	if witness {
		opts.Witness = f.witness
	}
	return f.tr.VerifyAll(context.Background(), opts)
}

// rehash recomputes the hashes of a case's events from the first, as
// someone who can write the database and knows the format would.
func (f *fixture) rehash(c string) {
	f.t.Helper()
	es, err := f.tr.Events(context.Background(), c)
	if err != nil {
		f.t.Fatal(err)
	}
	prev := audit.Genesis
	for _, e := range es {
		e.PrevHash = prev
		e.Hash = audit.ComputeHash(&e)
		f.exec("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?", e.PrevHash, e.Hash, e.ID)
		prev = e.Hash
	}
}

// TestVerifyNamesEveryTampering runs every tampering measured against the
// trail, as the PostgreSQL superuser with the triggers off, and checks that
// verify finds each and names the case, the event and what was done.
func TestVerifyNamesEveryTampering(t *testing.T) {
	for _, tc := range []struct {
		name          string
		signBoth      bool
		tamper        func(f *fixture)
		late, witness bool
		wantCase      string
		wantSeq       int
		want          string
	}{
		{name: "a changed field", tamper: func(f *fixture) {
			f.exec("UPDATE audit_events SET actor = 'mallory' WHERE case_number = ? AND seq = 3", case1)
		}, witness: true, wantCase: case1, wantSeq: 3, want: "the event was changed"},
		{name: "a deleted event in the middle", tamper: func(f *fixture) {
			f.exec("DELETE FROM audit_events WHERE case_number = ? AND seq = 2", case1)
		}, witness: true, wantCase: case1, wantSeq: 3, want: "expected event 2 of the case here, found 3"},
		{name: "two events swapped", tamper: func(f *fixture) {
			f.exec("UPDATE audit_events SET seq = -seq WHERE case_number = ? AND seq IN (2, 3)", case1)
			f.exec("UPDATE audit_events SET seq = 5 + seq WHERE case_number = ? AND seq IN (-2, -3)", case1)
		}, witness: true, wantCase: case1, wantSeq: 3, want: "reordered"},
		{name: "a changed event of the first format", tamper: func(f *fixture) {
			f.exec("UPDATE audit_events SET actor = 'mallory' WHERE case_number = ? AND seq = 2", case3)
		}, witness: true, wantCase: case3, wantSeq: 2, want: "the event was changed"},
		{name: "a deleted event of the first format", tamper: func(f *fixture) {
			f.exec("DELETE FROM audit_events WHERE case_number = ? AND seq = 2", case3)
		}, witness: true, wantCase: case3, wantSeq: 2, want: "this event was deleted"},
		{name: "the last event deleted, a root covering it", tamper: func(f *fixture) {
			f.exec("DELETE FROM audit_events WHERE case_number = ? AND seq = 5", case1)
		}, witness: true, wantCase: case1, wantSeq: 5, want: "root 1 signed"},
		{name: "the last event deleted after the last root", tamper: func(f *fixture) {
			f.exec("DELETE FROM audit_events WHERE case_number = ? AND seq = 7", case2)
		}, witness: true, wantCase: case2, wantSeq: 7, want: "the case's workflow (its Temporal history) holds this event, which is no longer in the trail"},
		{name: "the last five events deleted", tamper: func(f *fixture) {
			f.exec("DELETE FROM audit_events WHERE case_number = ? AND seq >= 3", case2)
		}, witness: true, wantCase: case2, wantSeq: 5, want: "which is no longer in the trail: events were deleted"},
		{name: "an edit re-hashed, the roots kept", tamper: func(f *fixture) {
			f.exec("UPDATE audit_events SET actor = 'mallory' WHERE case_number = ? AND seq = 3", case1)
			f.rehash(case1)
		}, wantCase: case1, wantSeq: 5, want: "differs from what root 1 signed"},
		{name: "an edit re-hashed with every checkpoint deleted, seen by the workflow", signBoth: true, tamper: func(f *fixture) {
			f.exec("UPDATE audit_events SET actor = 'mallory' WHERE case_number = ? AND seq = 3", case1)
			f.rehash(case1)
			f.exec("DELETE FROM audit_checkpoints")
		}, late: true, witness: true, wantCase: case1, wantSeq: 5, want: "differs from what the case's workflow"},
		{name: "an edit re-hashed with every checkpoint deleted, no workflow to ask", signBoth: true, tamper: func(f *fixture) {
			f.exec("UPDATE audit_events SET actor = 'mallory' WHERE case_number = ? AND seq = 3", case1)
			f.rehash(case1)
			f.exec("DELETE FROM audit_checkpoints")
		}, late: true, wantCase: case3, wantSeq: 1, want: "no signed checkpoint covers it"},
		{name: "the checkpoints deleted", signBoth: true, tamper: func(f *fixture) {
			f.exec("DELETE FROM audit_checkpoints")
		}, late: true, wantCase: case3, wantSeq: 1, want: "no signed checkpoint covers it"},
		{name: "the latest root deleted", signBoth: true, tamper: func(f *fixture) {
			f.exec("DELETE FROM audit_checkpoints WHERE scope = 'root' AND seq = 2")
		}, late: true, wantCase: case2, wantSeq: 6, want: "no signed checkpoint covers it"},
		{name: "a root in the middle deleted", signBoth: true, tamper: func(f *fixture) {
			f.exec("DELETE FROM audit_checkpoints WHERE scope = 'root' AND seq = 1")
		}, late: true, want: "root 1 is missing"},
		{name: "a root's heads changed", signBoth: true, tamper: func(f *fixture) {
			f.exec("UPDATE audit_checkpoints SET heads = replace(heads, ?, ?) WHERE scope = 'root' AND seq = 1", case1+"\t5\t", case1+"\t4\t")
		}, late: true, want: "root 1 does not follow from the one before"},
		{name: "a root forged without the key", signBoth: true, tamper: func(f *fixture) {
			f.exec("INSERT INTO audit_checkpoints (scope, seq, hash, signed_at, key_id, signature, heads) SELECT 'root', 3, hash, now(), key_id, signature, '' FROM audit_checkpoints WHERE scope = 'root' AND seq = 2")
		}, late: true, want: "root 3 does not follow"},
		{name: "a legacy checkpoint forged", tamper: func(f *fixture) {
			f.exec("UPDATE audit_checkpoints SET hash = 'forged' WHERE scope = 'global'")
		}, witness: true, wantSeq: 3, want: "signature does not match"},
		{name: "the whole trail deleted", tamper: func(f *fixture) {
			f.exec("DELETE FROM audit_events")
		}, late: true, wantCase: case1, wantSeq: 5, want: "no longer in the trail"},
		{name: "the whole trail and every checkpoint deleted", tamper: func(f *fixture) {
			f.exec("DELETE FROM audit_events")
			f.exec("DELETE FROM audit_checkpoints")
		}, late: true, wantCase: case1, want: "the case has no audit trail"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, tc.signBoth)
			tc.tamper(f)
			_, err := f.verify(tc.late, tc.witness)
			var b *audit.Break
			if !errors.As(err, &b) {
				t.Fatalf("verify = %v, want the tampering found", err)
			}
			if b.CaseNumber != tc.wantCase || b.Seq != tc.wantSeq || !strings.Contains(b.Reason, tc.want) {
				t.Errorf("verify says %q\nwant case %q, event %d: %q", b.Error(), tc.wantCase, tc.wantSeq, tc.want)
			}
		})
	}
}

// TestVerifyWithoutTheKeyFails: without the public key a re-hashed trail
// would pass, so verify refuses unless told the chains alone will do.
func TestVerifyWithoutTheKeyFails(t *testing.T) {
	f := newFixture(t, true)
	if _, err := f.tr.VerifyAll(context.Background(), audit.Options{}); err == nil || !strings.Contains(err.Error(), "no key") {
		t.Errorf("verify without a key: %v, want it refused", err)
	}
	if _, err := f.tr.VerifyAll(context.Background(), audit.Options{NoSignatures: true}); err != nil {
		t.Errorf("verify --no-signatures: %v", err)
	}
}

// TestExportedCheckpointsCatchDeletedCheckpoints: the copy of the
// checkpoints kept elsewhere catches a deletion whose checkpoints were
// deleted from the database too.
func TestExportedCheckpointsCatchDeletedCheckpoints(t *testing.T) {
	f := newFixture(t, true)
	ctx := context.Background()
	exported, err := f.tr.Checkpoints(ctx)
	if err != nil || len(exported) != 3 {
		t.Fatalf("checkpoints %d, %v; want the global one and two roots", len(exported), err)
	}
	f.exec("DELETE FROM audit_checkpoints")
	f.exec("DELETE FROM audit_events WHERE case_number = ? AND seq = 5", case1)
	_, err = f.tr.VerifyAll(ctx, audit.Options{Public: f.signer.Public(), Extra: exported})
	var b *audit.Break
	if !errors.As(err, &b) || b.CaseNumber != case1 || b.Seq != 5 || !strings.Contains(b.Reason, "no longer in the trail") {
		t.Errorf("verify with the exported checkpoints = %v, want event 5 of %s found deleted", err, case1)
	}
}

// TestOneCaseVerifies: the one-case verification (an export) checks the
// case's chain with the roots that cover it.
func TestOneCaseVerifies(t *testing.T) {
	f := newFixture(t, true)
	ctx := context.Background()
	r, err := f.tr.Verify(ctx, case2, audit.Options{Public: f.signer.Public(), Witness: f.witness})
	if err != nil || r.Events != 7 || r.Covering == nil || r.Covering.Seq != 2 {
		t.Fatalf("verify %s: %+v, %v", case2, r, err)
	}
	f.exec("DELETE FROM audit_events WHERE case_number = ? AND seq = 7", case2)
	if _, err := f.tr.Verify(ctx, case2, audit.Options{Public: f.signer.Public()}); err == nil {
		t.Error("a case with its signed last event deleted verifies")
	}
}
