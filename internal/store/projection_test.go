package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

// TestCasesAreCountedByStageAndOpenOnesByDueDate: what the worker's
// metrics read, on both databases.
func TestCasesAreCountedByStageAndOpenOnesByDueDate(t *testing.T) {
	storetest.Both(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for i, st := range []store.CaseState{
			{Seq: 1, Stage: "identity", Due: "2026-12-20"},
			{Seq: 1, Stage: "identity", Due: "2026-12-20"},
			{Seq: 1, Stage: "assessment", Due: "2026-12-24"},
			{Seq: 1, Stage: "closed", Due: "2026-12-01"},
		} {
			m, c := inbound(fmt.Sprintf("mid:<count-%d@example.se>", i))
			rec, err := s.RecordIntake(ctx, m, c, nil)
			if err != nil {
				t.Fatal(err)
			}
			st.Number, st.At = rec.CaseNumber, time.Now()
			if err := s.ProjectCase(ctx, nil, st); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.CountCases(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got.ByStage["identity"] != 2 || got.ByStage["assessment"] != 1 || got.ByStage["closed"] != 1 ||
			got.OpenDue["2026-12-20"] != 2 || got.OpenDue["2026-12-24"] != 1 || len(got.OpenDue) != 2 {
			t.Errorf("counted %+v", got)
		}
	})
}
