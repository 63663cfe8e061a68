package audit_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

// BenchmarkAppend compares appending with both hash chains against plain
// inserts of the same rows, on PostgreSQL, one writer at a time.
func BenchmarkAppend(b *testing.B) {
	b.Run("chained", func(b *testing.B) {
		s := storetest.Postgres(b)
		tr := audit.New(s.DB, true)
		ctx := context.Background()
		b.ResetTimer()
		for i := range b.N {
			if _, err := tr.Append(ctx, entry(fmt.Sprintf("DSR-2026-%06d", i%50), i)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
	b.Run("plain insert", func(b *testing.B) {
		s := storetest.Postgres(b)
		ctx := context.Background()
		b.ResetTimer()
		for i := range b.N {
			e := entry(fmt.Sprintf("DSR-2026-%06d", i%50), i)
			ev := &audit.Event{CaseNumber: e.CaseNumber, Seq: i + 1, OccurredAt: e.Time, Actor: e.Actor, Action: e.Event.Action(),
				Details: `{"n":1}`, IdemKey: e.IdemKey, PrevHash: "p", Hash: "h", GSeq: int64(i + 1), GPrevHash: "p", GHash: "h"}
			if _, err := s.DB.NewInsert().Model(ev).ExcludeColumn("id").Exec(ctx); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
}

// chain builds n valid events over 100 cases, as Append would have.
func chain(n int) []audit.Event {
	es := make([]audit.Event, n)
	heads := map[string]*audit.Event{}
	gprev := audit.Genesis
	for i := range es {
		c := fmt.Sprintf("DSR-2026-%06d", i%100)
		e := &es[i]
		*e = audit.Event{CaseNumber: c, Seq: 1, OccurredAt: t0.Add(time.Duration(i) * time.Second), Actor: "anna.k",
			Action: "case.note", Details: `{"n":1}`, IdemKey: fmt.Sprintf("k%d", i), PrevHash: audit.Genesis, GSeq: int64(i + 1), GPrevHash: gprev}
		if h := heads[c]; h != nil {
			e.Seq, e.PrevHash = h.Seq+1, h.Hash
		}
		e.Hash = e.ComputeHash()
		e.GHash = e.ComputeGlobalHash()
		heads[c], gprev = e, e.GHash
	}
	return es
}

// BenchmarkVerify measures verification: in memory (the hashing alone), and
// VerifyAll reading the trail from PostgreSQL.
func BenchmarkVerify(b *testing.B) {
	b.Run("in memory", func(b *testing.B) {
		es := chain(100000)
		b.ResetTimer()
		for range b.N {
			v, _ := audit.NewVerifier(nil, true, nil)
			for i := range es {
				if brk := v.Next(&es[i]); brk != nil {
					b.Fatal(brk)
				}
			}
		}
		b.ReportMetric(float64(b.N*len(es))/b.Elapsed().Seconds(), "events/s")
	})
	b.Run("from PostgreSQL", func(b *testing.B) {
		s := storetest.Postgres(b)
		es := chain(100000)
		ctx := context.Background()
		for i := 0; i < len(es); i += 5000 {
			batch := es[i:min(i+5000, len(es))]
			if _, err := s.DB.NewInsert().Model(&batch).ExcludeColumn("id").Exec(ctx); err != nil {
				b.Fatal(err)
			}
		}
		tr := audit.New(s.DB, true)
		b.ResetTimer()
		for range b.N {
			if r, err := tr.VerifyAll(ctx, nil, nil); err != nil || r.Events != int64(len(es)) {
				b.Fatalf("VerifyAll = %+v, %v", r, err)
			}
		}
		b.ReportMetric(float64(b.N*len(es))/b.Elapsed().Seconds(), "events/s")
	})
}
