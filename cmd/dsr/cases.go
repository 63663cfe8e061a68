package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"
	"time"

	"github.com/harmoniq/dsr/internal/caselist"
	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/payload"
	"github.com/harmoniq/dsr/workflows"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
)

// runCase is `dsr case list|show|signal|attachments|attachment|lift-restriction`,
// for staff who prefer a terminal.
func runCase(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"case: expected list, show, signal, attachments, attachment or lift-restriction"}
	}
	switch args[0] {
	case "lift-restriction":
		return runLiftRestriction(ctx, cfg, args[1:], stdout)
	case "attachments":
		return runAttachments(ctx, cfg, args[1:], stdout)
	case "attachment":
		return runAttachment(ctx, cfg, args[1:], stdout)
	}
	c, err := dialTemporal(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return err
	}
	defer c.Close()
	switch args[0] {
	case "list":
		st, err := openStore(ctx, cfg)
		if err != nil {
			return err
		}
		defer st.Close()
		return listCases(ctx, st, c, cfg.TemporalNamespace, args[1:], stdout)
	case "show":
		if len(args) != 2 {
			return usageError{"case show: expected `dsr case show CASE`"}
		}
		return showCase(ctx, c, args[1], stdout)
	case "signal":
		if len(args) != 4 {
			return usageError{"case signal: expected `dsr case signal CASE NAME 'JSON'`"}
		}
		if !json.Valid([]byte(args[3])) {
			return usageError{"case signal: the payload is not valid JSON"}
		}
		if cfg.TemporalAPIKey != "" {
			// On a cluster that authenticates callers, a signal carries
			// the caller the server verified (its principal); an update
			// does not, and a worker with STAFF_PRINCIPALS refuses it.
			return signalAndWatch(ctx, c, args[1], args[2], args[3], stdout)
		}
		return signalCase(ctx, c, args[1], args[2], args[3], stdout)
	}
	return usageError{fmt.Sprintf("case: unknown subcommand %q", args[0])}
}

// listCases is `dsr case list`: open cases by due date, from the cases'
// rows their workflows write, with those whose workflows began before the
// rows existed read from Temporal's visibility.
func listCases(ctx context.Context, st caselist.Rows, c client.Client, namespace string, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("case list", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	all := fs.Bool("all", false, "include closed cases")
	stage := fs.String("stage", "", "only cases in this stage")
	overdue := fs.Bool("overdue", false, "only overdue cases")
	if err := fs.Parse(args); err != nil {
		return usageError{"case list: " + err.Error()}
	}
	rows, err := caselist.List(ctx, st, c, namespace, caselist.Filter{All: *all, Stage: *stage, Overdue: *overdue})
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DUE\tCASE\tSTAGE\tRIGHTS\tASSIGNED")
	for _, r := range rows {
		due := r.Due
		if r.Overdue {
			due += " OVERDUE"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", due, r.Number, r.Stage, r.Rights, r.Assigned)
	}
	return tw.Flush()
}

func showCase(ctx context.Context, c client.Client, number string, stdout io.Writer) error {
	s, err := queryStatus(ctx, c, number)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// signalWait bounds how long `dsr case signal` waits for the case to take
// an input: a cluster with no worker takes it only when one runs.
var signalWait = 20 * time.Second

// signalCase sends the input as an update, so a wrong payload or a
// misplaced action is refused with its reason instead of silently recorded.
// The update's id comes from the case, the name and the payload, so sending
// the same command again is the same update, never a second one. It waits
// a bounded time: an update no worker has taken yet is reported as sent,
// not as refused.
func signalCase(ctx context.Context, c client.Client, number, name, input string, stdout io.Writer) error {
	sum := sha256.Sum256([]byte(number + "\x00" + name + "\x00" + input))
	id := "cli-" + hex.EncodeToString(sum[:8])
	wctx, cancel := context.WithTimeout(ctx, signalWait)
	defer cancel()
	h, err := c.UpdateWorkflow(wctx, client.UpdateWorkflowOptions{
		WorkflowID: number, UpdateID: id, UpdateName: name, Args: []any{json.RawMessage(input)},
		WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	var s workflows.Status
	if err == nil {
		err = h.Get(wctx, &s)
	}
	var timedOut *client.WorkflowUpdateServiceTimeoutOrCanceledError
	if err != nil && ctx.Err() == nil && (wctx.Err() != nil || errors.As(err, &timedOut)) {
		fmt.Fprintf(stdout, "%s sent to %s (update %s), not yet confirmed: no worker took it within %s.\n"+
			"It is applied when a worker runs the case. Check with `dsr case show %s`; running this command again is the same update, never a second one.\n",
			name, number, id, signalWait, number)
		return nil
	}
	if err != nil {
		var app *temporal.ApplicationError
		if errors.As(err, &app) && app.Type() == payload.RefusalType {
			return fmt.Errorf("%s refused: %s", name, app.Message())
		}
		return fmt.Errorf("%s not sent: %w", name, err)
	}
	fmt.Fprintf(stdout, "%s accepted; %s is now in stage %s, due %s\n", name, number, s.Stage, s.Due)
	return nil
}

// signalAndWatch sends the input as a signal and waits, through the status
// query, until the case has taken it: accepted, or rejected with a reason.
func signalAndWatch(ctx context.Context, c client.Client, number, name, payload string, stdout io.Writer) error {
	before, err := queryStatus(ctx, c, number)
	if err != nil {
		return err
	}
	if err := c.SignalWorkflow(ctx, number, "", name, json.RawMessage(payload)); err != nil {
		return fmt.Errorf("%s refused: %w", name, err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
		s, err := queryStatus(ctx, c, number)
		if err != nil {
			return err
		}
		if r := s.LastRejected; r != nil && (before.LastRejected == nil || r.Time.After(before.LastRejected.Time)) && r.Signal == name {
			return fmt.Errorf("%s refused: %s", name, r.Reason)
		}
		if len(s.Timeline) > 0 && (len(before.Timeline) == 0 || s.Timeline[len(s.Timeline)-1].Time.After(before.Timeline[len(before.Timeline)-1].Time) || s.Stage != before.Stage) {
			fmt.Fprintf(stdout, "%s accepted (as a signal); %s is now in stage %s, due %s\n", name, number, s.Stage, s.Due)
			return nil
		}
	}
	return fmt.Errorf("%s sent as a signal, but the case has not taken it within 30 s: check `dsr case show %s`", name, number)
}

// queryStatus reads a case's status query.
func queryStatus(ctx context.Context, c client.Client, number string) (workflows.Status, error) {
	var s workflows.Status
	v, err := c.QueryWorkflow(ctx, number, "", workflows.QueryStatus)
	if err != nil {
		return s, fmt.Errorf("read the status of %s: %w", number, err)
	}
	return s, v.Get(&s)
}
