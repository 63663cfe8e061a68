package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/intake"
	"github.com/harmoniq/dsr/internal/store"
)

// runIntakeReview is `dsr intake review`: the triage cases where staff
// decided otherwise than intake guessed, so that the rules grow from real
// mail. With --show CASE --actor NAME it prints the case's message for
// reading, and records the read in the case's audit trail.
func runIntakeReview(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("intake review", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	show := fs.String("show", "", "a case whose message to print")
	actor := fs.String("actor", "", "the staff member reading it")
	all := fs.Bool("all", false, "list every classify decision, not only the disagreements")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || (*show != "") != (*actor != "") {
		return usageError{"intake review: expected `dsr intake review [--all]` or `dsr intake review --show CASE --actor NAME`"}
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	trail := audit.New(st)
	if *show != "" {
		return showMessage(ctx, st, trail, *show, *actor, stdout)
	}
	decided, err := trail.ByAction(ctx, event.ActCaseClassified, event.ActCaseNotARequest)
	if err != nil {
		return err
	}
	received, err := trail.ByAction(ctx, event.ActCaseReceived)
	if err != nil {
		return err
	}
	why := map[string][]string{}
	for _, e := range received {
		ev, err := event.Decode(e.Action, e.Details)
		if err != nil {
			return fmt.Errorf("read %s of %s: %w", e.Action, e.CaseNumber, err)
		}
		if d := ev.(*event.CaseReceived); d.Intake != nil {
			why[e.CaseNumber] = d.Intake.Reasons
		}
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CASE\tDECIDED\tBY\tINTAKE GUESSED\tCONFIDENCE\tSTAFF DECIDED\tINTAKE READ")
	n, differ := 0, 0
	for _, e := range decided {
		ev, err := event.Decode(e.Action, e.Details)
		if err != nil {
			return fmt.Errorf("read %s of %s: %w", e.Action, e.CaseNumber, err)
		}
		var d event.CaseClassified // what staff decided, beside what intake guessed
		switch x := ev.(type) {
		case *event.CaseClassified:
			d = *x
		case *event.CaseNotARequest:
			d.IntakeGuess, d.IntakeConfidence = x.IntakeGuess, x.IntakeConfidence
		}
		n++
		same := sameRights(d.IntakeGuess, d.Rights)
		if !same {
			differ++
		}
		if same && !*all {
			continue
		}
		staff := strings.Join(d.Rights, ",")
		if e.Action == event.ActCaseNotARequest {
			staff = "not a request"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.2f\t%s\t%s\n", e.CaseNumber, e.OccurredAt.In(time.Local).Format("2006-01-02"), e.Actor,
			orDash(strings.Join(d.IntakeGuess, ",")), d.IntakeConfidence, staff, orDash(strings.Join(why[e.CaseNumber], "; ")))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\n%d triage cases classified by staff, %d otherwise than intake guessed.\n", n, differ)
	fmt.Fprintln(stdout, "Read a case's message with `dsr intake review --show CASE --actor NAME` (the read is recorded in the case's audit trail).")
	return nil
}

func sameRights(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, r := range a {
		if !slices.Contains(b, r) {
			return false
		}
	}
	return true
}

// showMessage prints the text of the message that opened a case, as
// intake read it, and records the read as message.read.
func showMessage(ctx context.Context, st *store.Store, trail *audit.Trail, caseNumber, actor string, stdout io.Writer) error {
	c, err := st.Case(ctx, caseNumber)
	if err != nil {
		return err
	}
	if c.InboundID == nil {
		return fmt.Errorf("%s has no stored message", caseNumber)
	}
	r, err := st.RawMessage(ctx, *c.InboundID)
	if err != nil {
		return err
	}
	m, err := intake.ParseEmail(r)
	if err != nil {
		return fmt.Errorf("the message of %s cannot be read: %w", caseNumber, err)
	}
	if _, err := trail.Append(ctx, audit.Entry{CaseNumber: caseNumber, Time: time.Now(), Actor: actor,
		Event: event.MessageRead{Message: *c.InboundID, Purpose: "intake review"}, IdemKey: fmt.Sprintf("message-read/%d/%d", *c.InboundID, time.Now().UnixNano())}); err != nil {
		return errors.Join(errors.New("the read could not be recorded, so the message is not shown"), err)
	}
	fmt.Fprintf(stdout, "Subject: %s\n\n%s\n", m.Subject, m.Text)
	return nil
}
