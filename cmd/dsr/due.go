package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/deadline"
)

// runDue prints the dates of a request received on a given day, so staff can
// check the engine by hand. The first line is the due date alone.
func runDue(cfg config.Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("due", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	paused := fs.Int("paused", 0, "days the clock was paused")
	extended := fs.Bool("extended", false, "the time limit was extended")
	var date string
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		date, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return usageError{"due: " + err.Error()}
	}
	if date == "" && fs.NArg() == 1 {
		date = fs.Arg(0)
	} else if date == "" || fs.NArg() > 0 {
		return usageError{"due: expected `dsr due YYYY-MM-DD [--paused DAYS] [--extended]`"}
	}
	if *paused < 0 || *paused > 366 {
		return usageError{"due: --paused must be from 0 to 366 days"}
	}
	received, err := deadline.ParseDate(date)
	if err != nil {
		return usageError{"due: " + err.Error()}
	}
	d := cfg.Policy.Compute(deadline.Case{Received: received, PausedDays: *paused, Extended: *extended})
	fmt.Fprintln(stdout, d.Due.Format(time.DateOnly))
	fmt.Fprintf(stdout, "received  %s\n", d.Received.Format(time.DateOnly))
	if *extended {
		fmt.Fprintf(stdout, "legal     %s (extended, Art. 12(3): the earlier of the two readings, next working day)\n", d.Legal.Format(time.DateOnly))
		fmt.Fprintf(stdout, "          %s three months from receipt\n", d.FromReceipt.Format(time.DateOnly))
		fmt.Fprintf(stdout, "          %s two further months from the end of the first month\n", d.FromFirstMonth.Format(time.DateOnly))
	} else {
		fmt.Fprintf(stdout, "legal     %s (one month, Art. 12(3), next working day)\n", d.Legal.Format(time.DateOnly))
	}
	fmt.Fprintf(stdout, "extend by %s (an extension must be notified within the first month)\n", d.ExtensionLatest.Format(time.DateOnly))
	fmt.Fprintf(stdout, "refuse by %s (a refusal must reach the person within the first month, extended or not, Art. 12(4))\n", d.RefusalLatest.Format(time.DateOnly))
	if !d.Promised.IsZero() {
		fmt.Fprintf(stdout, "promised  %s (%d days, last working day on or before)\n", d.Promised.Format(time.DateOnly), cfg.Policy.PromiseDays)
	}
	for _, r := range d.Reminders {
		fmt.Fprintf(stdout, "reminder  %s\n", r.Format(time.DateOnly))
	}
	return nil
}
