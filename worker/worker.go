// Package worker registers the case workflow and its activities with a
// Temporal worker. It is the only place that does.
package worker

import (
	"context"
	"fmt"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/workflows"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/sdk/client"
	sdkworker "go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

// SetCacheSize sets how many cases' workflow state the process keeps in
// memory between their tasks (the SDK's sticky cache, 10,000 by default,
// kept every idle case resident). It is shared by the process's workers
// and takes effect for those created after it.
func SetCacheSize(n int) { sdkworker.SetStickyWorkflowCacheSize(n) }

// New returns a worker on the case task queue with the case workflow and
// acts's activities registered. The caller starts and stops it.
func New(c client.Client, acts *activities.Activities) sdkworker.Worker {
	w := sdkworker.New(c, workflows.TaskQueue, sdkworker.Options{})
	w.RegisterWorkflowWithOptions(workflows.CaseWorkflow, workflow.RegisterOptions{Name: "CaseWorkflow"})
	w.RegisterActivity(acts)
	return w
}

// EnsureSearchAttributes registers the case search attributes in namespace
// when any is missing. It needs operator rights on the cluster.
func EnsureSearchAttributes(ctx context.Context, c client.Client, namespace string) error {
	op := c.OperatorService()
	have, err := op.ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: namespace})
	if err != nil {
		return fmt.Errorf("list search attributes of %s: %w", namespace, err)
	}
	missing := map[string]enumspb.IndexedValueType{}
	for name, typ := range workflows.SearchAttributes {
		if _, ok := have.GetCustomAttributes()[name]; !ok {
			missing[name] = typ
		}
	}
	if len(missing) == 0 {
		return nil
	}
	_, err = op.AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{Namespace: namespace, SearchAttributes: missing})
	if err != nil {
		return fmt.Errorf("register search attributes in %s: %w", namespace, err)
	}
	return nil
}
