// Package caselist lists cases for staff: the open ones by due date, from
// the cases' rows their workflows write, with those whose workflows began
// before the rows existed read from Temporal's visibility.
package caselist

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/store"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
)

// Row is one case in the list.
type Row struct {
	Number, Stage, Rights, Assigned string
	// Due is the day the case is due, "YYYY-MM-DD".
	Due     string
	Overdue bool
}

// Filter selects the cases listed.
type Filter struct {
	// All includes closed cases.
	All     bool
	Stage   string
	Overdue bool
}

// Rows reads the cases' rows.
type Rows interface {
	CaseStates(ctx context.Context, f store.CaseFilter) ([]store.CaseState, error)
}

// List returns the cases f selects, by due date, then number. The rows
// come from the database in one indexed query; only cases of older code,
// which have no row, are read from visibility (a query that finds none
// when there are none).
func List(ctx context.Context, st Rows, c client.Client, namespace string, f Filter) ([]Row, error) {
	states, err := st.CaseStates(ctx, store.CaseFilter{All: f.All, Stage: f.Stage, Overdue: f.Overdue})
	if err != nil {
		return nil, err
	}
	rows := make([]Row, 0, len(states))
	for _, s := range states {
		rows = append(rows, Row{Number: s.Number, Stage: s.Stage, Rights: strings.Join(s.Rights, ","), Assigned: s.Assignee, Due: s.Due, Overdue: s.Overdue})
	}
	q := []string{"WorkflowType = 'CaseWorkflow'", "DsrGeneration IS NULL"}
	if !f.All {
		q = append(q, "ExecutionStatus = 'Running'")
	}
	if f.Stage != "" {
		q = append(q, fmt.Sprintf("Stage = '%s'", strings.ReplaceAll(f.Stage, "'", "")))
	}
	if f.Overdue {
		q = append(q, "Overdue = true")
	}
	var token []byte
	for {
		resp, err := c.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
			Namespace: namespace, Query: strings.Join(q, " AND "), NextPageToken: token,
		})
		if err != nil {
			return nil, fmt.Errorf("list cases: %w", err)
		}
		for _, e := range resp.GetExecutions() {
			fields := e.GetSearchAttributes().GetIndexedFields()
			var r Row
			decode := func(name string, v any) { _ = converter.GetDefaultDataConverter().FromPayload(fields[name], v) }
			var rs []string
			var due time.Time
			decode("CaseNumber", &r.Number)
			decode("Stage", &r.Stage)
			decode("RequestTypes", &rs)
			decode("AssignedTo", &r.Assigned)
			decode("DueDate", &due)
			decode("Overdue", &r.Overdue)
			r.Rights = strings.Join(rs, ",")
			if !due.IsZero() {
				r.Due = due.In(deadline.Stockholm).Format(time.DateOnly)
			}
			rows = append(rows, r)
		}
		if token = resp.GetNextPageToken(); len(token) == 0 {
			break
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Due != rows[j].Due {
			return rows[i].Due < rows[j].Due
		}
		return rows[i].Number < rows[j].Number
	})
	return rows, nil
}
