package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/harmoniq/dsr/workflows"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
)

// TestGatesAreRetiredOnlyWhenNoCaseNeedsTheOldWay starts, on a real server,
// a case that began before code generations were recorded (no
// DsrGeneration, as every run of older code) and one of this generation.
// While the old one runs, every gate is kept; once it has ended, `dsr
// gates` says each can go.
func TestGatesAreRetiredOnlyWhenNoCaseNeedsTheOldWay(t *testing.T) {
	tmp := startTemporal(t)
	c, err := client.Dial(client.Options{HostPort: tmp.FrontendAddr})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	// No worker polls this queue: the cases stay as they were started.
	start := func(id string, sa temporal.SearchAttributes) {
		t.Helper()
		if _, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: "nobody-polls", TypedSearchAttributes: sa}, workflows.CaseWorkflow, workflows.CaseInput{}); err != nil {
			t.Fatal(err)
		}
	}
	start("DSR-2025-000001", temporal.NewSearchAttributes(workflows.SAStage.ValueSet("assessment")))
	start("DSR-2026-000002", temporal.NewSearchAttributes(workflows.SAGeneration.ValueSet(workflows.Generation)))
	gates := func() string {
		var out bytes.Buffer
		if err := listGates(ctx, c, "default", &out); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	needs := func(want int64) bool {
		n, err := gateNeeds(ctx, c, "default")
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range n {
			if x != want {
				return false
			}
		}
		return true
	}
	waitFor(t, 30*time.Second, "visibility to show the case of older code", func() bool { return needs(1) })
	if out := gates(); strings.Contains(out, "yes:") || strings.Count(out, "keep") != len(workflows.Gates) {
		t.Fatalf("a gate is retired while a case of older code runs:\n%s", out)
	}
	if err := c.TerminateWorkflow(ctx, "DSR-2025-000001", "", "test"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "every gate to be retirable", func() bool { return strings.Count(gates(), "yes: remove") == len(workflows.Gates) })
}

// TestTheCaseListReadsTheCasesRows: `dsr case list` reads the rows the
// workflows write, by due date, and adds the cases of older code from
// visibility; a closed case shows only with --all.
func TestTheCaseListReadsTheCasesRows(t *testing.T) {
	tmp := startTemporal(t)
	c, err := client.Dial(client.Options{HostPort: tmp.FrontendAddr})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	st := storetest.SQLite(t)
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for i, s := range []store.CaseState{
		{Seq: 3, Stage: "assessment", Rights: []string{"erasure"}, Due: "2026-12-20", Assignee: "anna.k"},
		{Seq: 9, Stage: "closed", Outcome: "completed", Rights: []string{"access"}, Due: "2026-12-01", ClosedOn: "2026-11-28"},
		{Seq: 2, Stage: "identity", Rights: []string{"access"}, Due: "2026-12-10", Overdue: true},
	} {
		rec, err := st.RecordIntake(ctx, &store.InboundMessage{DedupeKey: fmt.Sprintf("list-%d", i), Channel: "email", SHA256: "x", ReceivedAt: now, Raw: []byte("x")},
			&store.Case{Channel: "email", ReceivedAt: now, Language: "sv"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		s.Number, s.At = rec.CaseNumber, now
		if err := st.ProjectCase(ctx, nil, s); err != nil {
			t.Fatal(err)
		}
	}
	// A case of older code, running, known to visibility only.
	if _, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: "DSR-2025-000077", TaskQueue: "nobody-polls",
		TypedSearchAttributes: temporal.NewSearchAttributes(workflows.SACaseNumber.ValueSet("DSR-2025-000077"), workflows.SAStage.ValueSet("triage"),
			workflows.SADueDate.ValueSet(time.Date(2026, 12, 15, 22, 59, 59, 0, time.UTC)))}, workflows.CaseWorkflow, workflows.CaseInput{}); err != nil {
		t.Fatal(err)
	}
	list := func(args ...string) string {
		var out bytes.Buffer
		if err := listCases(ctx, st, c, "default", args, &out); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	waitFor(t, 30*time.Second, "the case of older code in visibility", func() bool { return strings.Contains(list(), "DSR-2025-000077") })
	out := list()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[1], "2026-12-10 OVERDUE  DSR-2026-000003  identity") ||
		!strings.HasPrefix(lines[2], "2026-12-15") || !strings.Contains(lines[2], "DSR-2025-000077  triage") ||
		!strings.Contains(lines[3], "DSR-2026-000001  assessment  erasure  anna.k") {
		t.Errorf("dsr case list:\n%s", out)
	}
	if !strings.Contains(list("--all"), "DSR-2026-000002") || strings.Contains(out, "DSR-2026-000002") {
		t.Errorf("the closed case: listed %v with --all, %v without", strings.Contains(list("--all"), "DSR-2026-000002"), strings.Contains(out, "DSR-2026-000002"))
	}
	if got := list("--overdue"); !strings.Contains(got, "DSR-2026-000003") || strings.Contains(got, "DSR-2026-000001") {
		t.Errorf("dsr case list --overdue:\n%s", got)
	}
}
