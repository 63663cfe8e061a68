package worker

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/harmoniq/dsr/workflows"
	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"google.golang.org/protobuf/types/known/durationpb"
)

// Setup makes the namespace ready for cases, in order: the namespace with
// its retention, then the case search attributes, then a probe start that
// sets every attribute, repeated until the server takes it. Only then is
// the first case started, so that none fails on a mapping the server has
// not loaded yet. It needs operator rights; run it once per deployment
// (`dsr temporal-setup`), before the workers.
func Setup(ctx context.Context, c client.Client, namespace string, retention time.Duration, say func(string, ...any)) error {
	// A server just started may not answer yet: ask until it does.
	if err := retry(ctx, func() error { return ensureNamespace(ctx, c, namespace, retention, say) }); err != nil {
		return err
	}
	// A namespace just registered is unknown to the frontend until its
	// cache reloads: ask again until it answers.
	if err := retry(ctx, func() error { return EnsureSearchAttributes(ctx, c, namespace) }); err != nil {
		return err
	}
	say("search attributes registered")
	if err := retry(ctx, func() error { return probe(ctx, c, namespace) }); err != nil {
		return fmt.Errorf("a start with every search attribute is still refused: %w", err)
	}
	say("namespace %s takes cases", namespace)
	return nil
}

// ensureNamespace registers the namespace with retention, or sets the
// retention of the one there.
func ensureNamespace(ctx context.Context, c client.Client, namespace string, retention time.Duration, say func(string, ...any)) error {
	ns := c.WorkflowService()
	_, err := ns.RegisterNamespace(ctx, &workflowservice.RegisterNamespaceRequest{
		Namespace:                        namespace,
		Description:                      "dsr: one workflow per data-subject rights request",
		WorkflowExecutionRetentionPeriod: durationpb.New(retention),
	})
	var exists *serviceerror.NamespaceAlreadyExists
	switch {
	case err == nil:
		say("namespace %s registered, closed cases kept %s", namespace, retention)
	case errors.As(err, &exists):
		d, err := ns.DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: namespace})
		if err != nil {
			return fmt.Errorf("describe namespace %s: %w", namespace, err)
		}
		if have := d.GetConfig().GetWorkflowExecutionRetentionTtl().AsDuration(); have != retention {
			cfg := d.GetConfig()
			cfg.WorkflowExecutionRetentionTtl = durationpb.New(retention)
			if _, err := ns.UpdateNamespace(ctx, &workflowservice.UpdateNamespaceRequest{Namespace: namespace, Config: cfg}); err != nil {
				return fmt.Errorf("set the retention of namespace %s: %w", namespace, err)
			}
			say("namespace %s: closed cases kept %s (was %s)", namespace, retention, have)
		} else {
			say("namespace %s exists, closed cases kept %s", namespace, retention)
		}
	default:
		return fmt.Errorf("register namespace %s: %w", namespace, err)
	}
	return nil
}

// probe starts a workflow that sets every case search attribute, on a task
// queue no worker polls, and ends it at once.
func probe(ctx context.Context, c client.Client, namespace string) error {
	var sa []temporal.SearchAttributeUpdate
	for name, typ := range workflows.SearchAttributes {
		switch typ {
		case enumspb.INDEXED_VALUE_TYPE_KEYWORD:
			sa = append(sa, temporal.NewSearchAttributeKeyKeyword(name).ValueSet("probe"))
		case enumspb.INDEXED_VALUE_TYPE_KEYWORD_LIST:
			sa = append(sa, temporal.NewSearchAttributeKeyKeywordList(name).ValueSet([]string{"probe"}))
		case enumspb.INDEXED_VALUE_TYPE_DATETIME:
			sa = append(sa, temporal.NewSearchAttributeKeyTime(name).ValueSet(time.Now()))
		case enumspb.INDEXED_VALUE_TYPE_BOOL:
			sa = append(sa, temporal.NewSearchAttributeKeyBool(name).ValueSet(false))
		case enumspb.INDEXED_VALUE_TYPE_INT:
			sa = append(sa, temporal.NewSearchAttributeKeyInt64(name).ValueSet(0))
		default:
			return fmt.Errorf("search attribute %s has a type the probe does not set: %s", name, typ)
		}
	}
	id := "dsr-setup-probe"
	run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID: id, TaskQueue: "dsr-setup-probe", TypedSearchAttributes: temporal.NewSearchAttributes(sa...),
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING,
		StaticSummary:            "dsr temporal-setup: proves a case can start; ended at once",
	}, "DsrSetupProbe")
	if err != nil {
		return err
	}
	if err := c.TerminateWorkflow(ctx, id, run.GetRunID(), "setup probe: the namespace takes cases"); err != nil {
		return err
	}
	// Gone from the staff's workflow list too; a probe left there is
	// harmless, so a refusal is not an error.
	_, _ = c.WorkflowService().DeleteWorkflowExecution(ctx, &workflowservice.DeleteWorkflowExecutionRequest{
		Namespace: namespace, WorkflowExecution: &commonpb.WorkflowExecution{WorkflowId: id, RunId: run.GetRunID()},
	})
	return nil
}

// retry runs f until it succeeds, for up to a minute.
func retry(ctx context.Context, f func() error) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	for {
		err := f()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Second):
		}
	}
}
