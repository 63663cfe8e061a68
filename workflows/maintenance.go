package workflows

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// Job is one of the engine's recurring duties, run by a Temporal Schedule:
// once per interval whichever worker takes it, visible in the Web UI, and
// retried when it fails.
type Job struct {
	// ID names the schedule and the runs it starts.
	ID string
	// Activity is the activity that does the work and returns how many
	// things it did.
	Activity string
	// Every is how often the schedule starts it.
	Every time.Duration
	// Why says what it is for, in the schedule's memo.
	Why string
}

// Jobs are the recurring duties: the erasure follow-up purge that the
// retention rules schedule, the retention of the raw messages cases came
// from, and the retention rules of Harmoniq's own systems.
var Jobs = []Job{
	{ID: "dsr-retention-purge", Activity: "PurgeDue", Every: 6 * time.Hour,
		Why: "Erases what erasure cases kept until a retention date that has passed"},
	{ID: "dsr-message-purge", Activity: "PurgeMessages", Every: 6 * time.Hour,
		Why: "Erases the raw messages of cases closed longer ago than their retention"},
	{ID: "dsr-register-retention", Activity: "PurgeRegister", Every: 24 * time.Hour,
		Why: "Erases from Harmoniq's systems what the record of processing no longer allows: usage data after 24 months, bookkeeping after its seventh year"},
	{ID: "dsr-restriction-lifts", Activity: "LiftDue", Every: 6 * time.Hour,
		Why: "Lifts the restrictions whose announced day has come, once the notice telling the person has gone"},
	{ID: "dsr-case-retention", Activity: "PurgeCases", Every: 24 * time.Hour,
		Why: "Erases the letters, mails and the data about the person of cases closed longer ago than the record of processing keeps them; the audit trail stays"},
}

// MaintenanceWorkflow runs one Job's activity and returns how many things
// it did. A failed attempt is retried with backoff for up to an hour; the
// activity heartbeats, so a worker that stops mid-way hands the rest on.
func MaintenanceWorkflow(ctx workflow.Context, activity string) (int, error) {
	known := false
	for _, j := range Jobs {
		known = known || j.Activity == activity
	}
	if !known {
		return 0, temporal.NewNonRetryableApplicationError(fmt.Sprintf("no recurring job runs %q", activity), "UnknownJob", nil)
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 30 * time.Minute,
		HeartbeatTimeout:    2 * time.Minute,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:    30 * time.Second,
			BackoffCoefficient: 2,
			MaximumInterval:    10 * time.Minute,
			MaximumAttempts:    8,
		},
		Summary: activity,
	})
	var done int
	err := workflow.ExecuteActivity(ctx, activity).Get(ctx, &done)
	return done, err
}
