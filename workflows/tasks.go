package workflows

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/rights"
	"go.temporal.io/sdk/workflow"
)

// manualTasksVersion marks the change that waits in fulfilment for the
// tasks staff carry out by hand in systems the engine does not reach
// (connection kind manual), confirmed by the task-done signal.
const manualTasksVersion = "manual-tasks"

// SignalTaskDone confirms a task in a manual system.
const SignalTaskDone = "task-done"

// TaskDoneSignal is the payload of the task-done signal: staff's word that
// they did a task, and what they did.
type TaskDoneSignal struct {
	Actor  string `json:"actor"`
	System string `json:"system"`
	Right  string `json:"right"`
	Done   string `json:"done"`
}

func (s *TaskDoneSignal) who() string     { return s.Actor }
func (s *TaskDoneSignal) stages() []Stage { return []Stage{StageFulfilment} }
func (s *TaskDoneSignal) check(c *caseRun, _ time.Time) error {
	if len(c.tasks) == 0 {
		return fmt.Errorf("no task is waiting for staff in this case")
	}
	if !slices.ContainsFunc(c.tasks, func(t activities.Task) bool { return t.System == s.System && string(t.Right) == s.Right }) {
		var open []string
		for _, t := range c.tasks {
			open = append(open, fmt.Sprintf(`{"system":%q,"right":%q}`, t.System, t.Right))
		}
		return fmt.Errorf("no open task is for %q in %q; the open ones: %s", s.Right, s.System, strings.Join(open, ", "))
	}
	return requireText("done", s.Done, 500)
}

// apply records what staff did; once a right's tasks are all done, the
// case carries the right out again, recording them.
func (s *TaskDoneSignal) apply(ctx workflow.Context, c *caseRun) {
	c.tasks = slices.DeleteFunc(c.tasks, func(t activities.Task) bool { return t.System == s.System && string(t.Right) == s.Right })
	c.confirmed = append(c.confirmed, activities.Confirmation{System: s.System, Right: rights.Right(s.Right), By: s.Actor,
		Done: strings.TrimSpace(s.Done), On: day(deadline.DateOf(workflow.Now(ctx)))})
	c.record(ctx, s.Actor, event.TaskDone{Right: s.Right, System: s.System, Done: strings.TrimSpace(s.Done)})
	c.changed(ctx)
}

// confirmedFor are the confirmations of a right's tasks.
func (c *caseRun) confirmedFor(r rights.Right) []activities.Confirmation {
	var out []activities.Confirmation
	for _, cf := range c.confirmed {
		if cf.Right == r {
			out = append(out, cf)
		}
	}
	return out
}

// openTasks records the tasks a right left for staff and keeps the case
// waiting for them.
func (c *caseRun) openTasks(ctx workflow.Context, r rights.Right, pending []activities.Task) {
	var opened []event.Task
	for _, t := range pending {
		if slices.ContainsFunc(c.tasks, func(o activities.Task) bool { return o.System == t.System && o.Right == t.Right }) {
			continue
		}
		c.tasks = append(c.tasks, t)
		opened = append(opened, event.Task{System: t.System, What: t.What})
	}
	if len(opened) > 0 {
		c.record(ctx, "system", event.TasksOpened{Right: string(r), Tasks: opened})
		c.changed(ctx)
	}
}

// waitsForTasks says whether fulfilment waits for staff.
func (c *caseRun) waitsForTasks() bool { return c.stage == StageFulfilment && len(c.tasks) > 0 }
