package main

import (
	"context"
	"encoding/json"
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
	"github.com/harmoniq/dsr/internal/intake"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
)

// classifiedDetails are the details of the case.classified and
// case.not_a_request events: what staff decided, beside what intake guessed.
type classifiedDetails struct {
	Rights           []rights.Right `json:"rights"`
	IntakeGuess      []rights.Right `json:"intake_guess"`
	IntakeConfidence float64        `json:"intake_confidence"`
}

// receivedDetails is the part of case.received that review reads.
type receivedDetails struct {
	Intake struct {
		Reasons []string `json:"reasons"`
	} `json:"intake"`
}

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
	trail := audit.New(st.DB, st.Postgres)
	if *show != "" {
		return showMessage(ctx, st, trail, *show, *actor, stdout)
	}
	decided, err := trail.ByAction(ctx, "case.classified", "case.not_a_request")
	if err != nil {
		return err
	}
	received, err := trail.ByAction(ctx, "case.received")
	if err != nil {
		return err
	}
	why := map[string][]string{}
	for _, e := range received {
		var d receivedDetails
		if json.Unmarshal([]byte(e.Details), &d) == nil {
			why[e.CaseNumber] = d.Intake.Reasons
		}
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CASE\tDECIDED\tBY\tINTAKE GUESSED\tCONFIDENCE\tSTAFF DECIDED\tINTAKE READ")
	n, differ := 0, 0
	for _, e := range decided {
		var d classifiedDetails
		if err := json.Unmarshal([]byte(e.Details), &d); err != nil {
			return fmt.Errorf("read %s of %s: %w", e.Action, e.CaseNumber, err)
		}
		n++
		same := sameRights(d.IntakeGuess, d.Rights)
		if !same {
			differ++
		}
		if same && !*all {
			continue
		}
		staff := strings.Join(rights.Names(d.Rights), ",")
		if e.Action == "case.not_a_request" {
			staff = "not a request"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.2f\t%s\t%s\n", e.CaseNumber, e.OccurredAt.In(time.Local).Format("2006-01-02"), e.Actor,
			orDash(strings.Join(rights.Names(d.IntakeGuess), ",")), d.IntakeConfidence, staff, orDash(strings.Join(why[e.CaseNumber], "; ")))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\n%d triage cases classified by staff, %d otherwise than intake guessed.\n", n, differ)
	fmt.Fprintln(stdout, "Read a case's message with `dsr intake review --show CASE --actor NAME` (the read is recorded in the case's audit trail).")
	return nil
}

func sameRights(a, b []rights.Right) bool {
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
	if _, err := trail.Append(ctx, audit.Entry{CaseNumber: caseNumber, Time: time.Now(), Actor: actor, Action: "message.read",
		Details: map[string]any{"message": *c.InboundID, "purpose": "intake review"}, IdemKey: fmt.Sprintf("message-read/%d/%d", *c.InboundID, time.Now().UnixNano())}); err != nil {
		return errors.Join(errors.New("the read could not be recorded, so the message is not shown"), err)
	}
	fmt.Fprintf(stdout, "Subject: %s\n\n%s\n", m.Subject, m.Text)
	return nil
}
