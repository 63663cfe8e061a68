package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"

	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/workflows"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
)

// runGates is `dsr gates`: each version gate of the case workflow, and
// whether its retirement condition holds on the cluster (no running case
// began before the code generation that always takes its new way).
func runGates(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	if len(args) > 0 {
		return usageError{"gates: expected `dsr gates`"}
	}
	c, err := dialTemporal(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return err
	}
	defer c.Close()
	return listGates(ctx, c, cfg.TemporalNamespace, stdout)
}

// gateNeeds counts, for each gate, the running cases that still take its
// old way.
func gateNeeds(ctx context.Context, c client.Client, namespace string) ([]int64, error) {
	out := make([]int64, len(workflows.Gates))
	for i, g := range workflows.Gates {
		n, err := c.CountWorkflow(ctx, &workflowservice.CountWorkflowExecutionsRequest{Namespace: namespace, Query: g.Retirement()})
		if err != nil {
			return nil, fmt.Errorf("count the cases gate %s still needs: %w", g.ID, err)
		}
		out[i] = n.GetCount()
	}
	return out, nil
}

func listGates(ctx context.Context, c client.Client, namespace string, stdout io.Writer) error {
	needs, err := gateNeeds(ctx, c, namespace)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "GATE\tADDED\tCASES ON THE OLD WAY\tRETIRE\tCHANGE")
	for i, g := range workflows.Gates {
		verdict := "keep"
		if needs[i] == 0 {
			verdict = fmt.Sprintf("yes: remove the gate, its old branch and the histories %v", g.OldHistories)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", g.ID, g.Added, needs[i], verdict, g.Change)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nA gate can go once no running case began before code generation %d: `%s`.\n", workflows.Generation, workflows.Gates[0].Retirement())
	return nil
}
