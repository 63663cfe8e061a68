// Package worker registers the case workflow and its activities with a
// Temporal worker. It is the only place that does.
package worker

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/workflows"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	sdkworker "go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

// SetCacheSize sets how many cases' workflow state the process keeps in
// memory between their tasks (the SDK's sticky cache, 10,000 by default,
// kept every idle case resident). It is shared by the process's workers
// and takes effect for those created after it.
func SetCacheSize(n int) { sdkworker.SetStickyWorkflowCacheSize(n) }

// New returns a worker on the case task queue with the case workflow, the
// recurring jobs' workflow and acts's activities registered. The caller
// starts and stops it.
func New(c client.Client, acts *activities.Activities) sdkworker.Worker {
	return NewWithOptions(c, acts, Options{})
}

// Options are what a production worker sets beyond the defaults.
type Options struct {
	// StopTimeout is how long Stop lets running activities finish before
	// cancelling them; zero cancels them at once.
	StopTimeout time.Duration
	// Identity names the worker in Temporal; empty for the client's.
	Identity string
}

// NewWithOptions is New with o.
func NewWithOptions(c client.Client, acts *activities.Activities, o Options) sdkworker.Worker {
	w := sdkworker.New(c, workflows.TaskQueue, sdkworker.Options{WorkerStopTimeout: o.StopTimeout, Identity: o.Identity})
	w.RegisterWorkflowWithOptions(workflows.CaseWorkflow, workflow.RegisterOptions{Name: "CaseWorkflow"})
	w.RegisterWorkflowWithOptions(workflows.MaintenanceWorkflow, workflow.RegisterOptions{Name: "MaintenanceWorkflow"})
	w.RegisterActivity(acts)
	return w
}

// EnsureSchedules makes a Temporal Schedule for each recurring job, or
// leaves the one there: every replica may call it, and each job still runs
// once per interval.
func EnsureSchedules(ctx context.Context, c client.Client) error {
	for _, j := range workflows.Jobs {
		_, err := c.ScheduleClient().Create(ctx, client.ScheduleOptions{
			ID:   j.ID,
			Spec: client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: j.Every}}},
			Action: &client.ScheduleWorkflowAction{
				ID: j.ID, Workflow: "MaintenanceWorkflow", Args: []any{j.Activity}, TaskQueue: workflows.TaskQueue,
				WorkflowExecutionTimeout: 2 * time.Hour, StaticSummary: j.Why,
			},
			// A run still going when the next is due makes that one wait
			// its turn; a worker down for a day catches up with one run.
			Overlap:            enumspb.SCHEDULE_OVERLAP_POLICY_SKIP,
			CatchupWindow:      j.Every,
			TriggerImmediately: true,
			Note:               j.Why,
		})
		if err != nil && !errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
			return fmt.Errorf("schedule %s: %w", j.ID, err)
		}
	}
	return nil
}

// MissingSearchAttributes names the case search attributes namespace
// lacks.
func MissingSearchAttributes(ctx context.Context, c client.Client, namespace string) ([]string, error) {
	have, err := c.OperatorService().ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: namespace})
	if err != nil {
		return nil, fmt.Errorf("list search attributes of %s: %w", namespace, err)
	}
	var missing []string
	for name := range workflows.SearchAttributes {
		if _, ok := have.GetCustomAttributes()[name]; !ok {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	return missing, nil
}

// EnsureSearchAttributes registers the case search attributes in namespace
// when any is missing. It needs operator rights on the cluster.
func EnsureSearchAttributes(ctx context.Context, c client.Client, namespace string) error {
	names, err := MissingSearchAttributes(ctx, c, namespace)
	if err != nil || len(names) == 0 {
		return err
	}
	missing := map[string]enumspb.IndexedValueType{}
	for _, name := range names {
		missing[name] = workflows.SearchAttributes[name]
	}
	_, err = c.OperatorService().AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{Namespace: namespace, SearchAttributes: missing})
	if err != nil {
		return fmt.Errorf("register search attributes in %s: %w", namespace, err)
	}
	return nil
}
