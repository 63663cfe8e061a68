package bench

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/worker"
	"github.com/harmoniq/dsr/workflows"
	"go.temporal.io/sdk/client"
	sdkworker "go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

func init() {
	add(Benchmark{Name: "case-vs-bare-ratio", Run: caseVsBare})
}

// bareQueue is the task queue of the bare workflow.
const bareQueue = "bench-bare"

// bareWorkflow does a case's own work, and nothing else: it sends the
// acknowledgement, takes the signals a case takes from staff, in order,
// carries out the access right and sends the answer, through the same
// activities. What a full case costs beyond it is the engine's: its audit
// trail, its projection, its clocks, its markers and search attributes.
func bareWorkflow(ctx workflow.Context, number string) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 2 * time.Minute})
	if err := workflow.ExecuteActivity(ctx, a.SendLetter, activities.LetterInput{CaseNumber: number, Kind: "acknowledgement", Key: "acknowledgement"}).Get(ctx, nil); err != nil {
		return err
	}
	var identity workflows.IdentitySignal
	workflow.GetSignalChannel(ctx, workflows.SignalIdentity).Receive(ctx, &identity)
	var decision workflows.DecisionSignal
	workflow.GetSignalChannel(ctx, workflows.SignalDecision).Receive(ctx, &decision)
	if err := workflow.ExecuteActivity(ctx, a.Fulfil, activities.FulfilInput{CaseNumber: number, Right: rights.Access}).Get(ctx, nil); err != nil {
		return err
	}
	return workflow.ExecuteActivity(ctx, a.SendLetter, activities.LetterInput{CaseNumber: number, Kind: "response", Key: "response",
		Decisions: []activities.DecisionInput{{Right: rights.Access, Outcome: decision.Outcome}}}).Get(ctx, nil)
}

// a names the activities by method value.
var a *activities.Activities

var (
	identityVerified = workflows.IdentitySignal{Actor: "anna.k", Result: "verified", Method: "id_document"}
	decisionApproved = workflows.DecisionSignal{Actor: "anna.k", Outcome: "approved"}
)

// caseVsBare measures a whole access case (received, acknowledged,
// identity verified, decided, fulfilled, answered, closed) against the bare
// workflow doing the same work on the same two signals, on the same server
// and worker process, in alternating rounds: the ratio of throughputs.
func caseVsBare(ctx context.Context, env *Env) (Figure, error) {
	s, err := env.startStack(ctx, "casecost")
	if err != nil {
		return Figure{}, err
	}
	defer s.close()
	worker.SetCacheSize(500)
	w := worker.New(s.c, s.acts)
	if err := w.Start(); err != nil {
		return Figure{}, err
	}
	defer w.Stop()
	bw := sdkworker.New(s.c, bareQueue, sdkworker.Options{})
	bw.RegisterWorkflowWithOptions(bareWorkflow, workflow.RegisterOptions{Name: "BareWorkflow"})
	bw.RegisterActivity(s.acts)
	if err := bw.Start(); err != nil {
		return Figure{}, err
	}
	defer bw.Stop()
	per, rounds := 100, 3
	if env.Size == Smoke {
		per, rounds = 4, 1
	}
	seq := 0
	full := func(i int) error {
		number, run, err := s.openCase(ctx, i, rights.Access)
		if err != nil {
			return err
		}
		return drive(ctx, s.c, number, run, func() error {
			st, err := s.st.CaseStateOf(ctx, number)
			if err != nil {
				return err
			}
			if st.Stage != "identity" {
				return errNotYet
			}
			return nil
		})
	}
	bare := func(i int) error {
		// Another person than the full case of the same i: one person's
		// second request lists the first in its extract, which then goes
		// by post.
		number, err := s.recordCase(ctx, i+1_000_000, rights.Access)
		if err != nil {
			return err
		}
		run, err := s.c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: "BARE-" + number, TaskQueue: bareQueue}, "BareWorkflow", number)
		if err != nil {
			return err
		}
		// Its signals wait in their channels until it reads them.
		return drive(ctx, s.c, run.GetID(), run, func() error { return nil })
	}
	phase := func(op func(int) error) (time.Duration, error) {
		return timed(per, func(i int) error { return op(seq*per + i) })
	}
	var tf, tb time.Duration
	for r := range rounds {
		seq = r
		d, err := phase(full)
		if err != nil {
			return Figure{}, fmt.Errorf("full cases: %w", err)
		}
		tf += d
		if d, err = phase(bare); err != nil {
			return Figure{}, fmt.Errorf("bare workflows: %w", err)
		}
		tb += d
	}
	ratio := tb.Seconds() / tf.Seconds()
	n := per * rounds
	return Figure{Name: "case-vs-bare-ratio", Value: ratio, Unit: "x a bare workflow", Target: "≥ 0.5", Met: ratio >= 0.5,
		Note: fmt.Sprintf("%d access cases to closure and %d bare workflows doing the same letters and fulfilment on the same two signals, %d at once, %.1f and %.1f a second", n, n, per,
			float64(n)/tf.Seconds(), float64(n)/tb.Seconds())}, nil
}

var errNotYet = errors.New("not yet")

// drive waits until ready says the workflow waits for staff, sends the
// identity and decision signals as staff would, and waits for its end.
func drive(ctx context.Context, c client.Client, id string, run client.WorkflowRun, ready func() error) error {
	for {
		err := ready()
		if err == nil {
			break
		}
		if !errors.Is(err, errNotYet) {
			return err
		}
		time.Sleep(250 * time.Millisecond)
	}
	if err := c.SignalWorkflow(ctx, id, "", workflows.SignalIdentity, identityVerified); err != nil {
		return err
	}
	if err := c.SignalWorkflow(ctx, id, "", workflows.SignalDecision, decisionApproved); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	return run.Get(ctx, nil)
}
