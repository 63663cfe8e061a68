package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/config"
)

func runAudit(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	if len(args) != 2 || args[0] != "show" {
		return usageError{"audit: expected `dsr audit show CASE`"}
	}
	number := args[1]
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	trail := audit.New(st.DB, st.Postgres)
	events, err := trail.Events(ctx, number)
	if err != nil {
		return err
	}
	if len(events) == 0 {
		return fmt.Errorf("case %s has no audit events (is the case number right?)", number)
	}
	fmt.Fprintf(stdout, "Audit trail of %s\n\n", number)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SEQ\tTIME (UTC)\tACTOR\tACTION\tDETAILS")
	for _, e := range events {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", e.Seq, e.OccurredAt.UTC().Format(time.DateTime), e.Actor, e.Action, e.Details)
	}
	tw.Flush()
	letters, err := st.Letters(ctx, number)
	if err != nil {
		return err
	}
	for _, l := range letters {
		fmt.Fprintf(stdout, "\nLetter %s: %s sha256 %s", l.Kind, l.Filename, l.SHA256)
	}
	if b := audit.VerifyEvents(number, events); b != nil {
		fmt.Fprintf(stdout, "\n\nVERIFICATION FAILED: %s\n", b)
		return b
	}
	fmt.Fprintf(stdout, "\n\nHash chain verified: %d events, head %s\n", len(events), events[len(events)-1].Hash)
	return nil
}
