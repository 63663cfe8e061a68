package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/dataset"
)

// runDatasets is `dsr datasets check [DIR]`: the dataset files (DIR,
// DATASETS_DIR, or Harmoniq's) read and checked, then checked against the
// live systems they describe, and what each right would do to each field.
// A controller runs it before going live; it fails on any error.
func runDatasets(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	if len(args) < 1 || args[0] != "check" || len(args) > 2 {
		return usageError{"datasets: expected `dsr datasets check [DIR]`"}
	}
	set, where := cfg.Datasets, "DATASETS_DIR"
	if len(args) == 2 {
		var err error
		if set, err = dataset.Load(args[1]); err != nil {
			return err
		}
		where = args[1]
	} else if set == nil {
		var err error
		if set, err = dataset.Harmoniq(); err != nil {
			return err
		}
		where = "Harmoniq's (internal/dataset/harmoniq)"
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	reg := st.Register()
	if err := reg.UseDatasets(ctx, set); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "datasets: %s, %d systems\n", where, len(set))
	findings, err := reg.Inspect(ctx)
	if err != nil {
		return err
	}
	errs := 0
	for _, f := range findings {
		fmt.Fprintln(stdout, f)
		if f.Error {
			errs++
		}
	}
	fmt.Fprintf(stdout, "\nWhat each right does, field by field:\n\n")
	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "FIELD\tACCESS\tPORTABILITY\tERASURE\tRECTIFICATION\tRESTRICTION\tOBJECTION\tCONSENT WITHDRAWN")
	for _, e := range reg.Effects() {
		fmt.Fprintf(tw, "%s.%s.%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.System, e.Table, e.Field,
			e.Access, e.Portability, e.Erasure, e.Rectification, e.Restriction, e.Objection, e.Consent)
	}
	tw.Flush()
	if errs > 0 {
		return errors.New(plural(errs, "error", "errors") + " in the datasets against the live systems; fix them before going live")
	}
	fmt.Fprintf(stdout, "\nno errors: the datasets match the live systems (%s)\n", plural(len(findings), "warning", "warnings"))
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
