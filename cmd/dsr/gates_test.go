package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

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
