package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/harmoniq/dsr/internal/bench"
	"github.com/harmoniq/dsr/internal/config"
)

const benchUsage = "bench: expected `dsr bench [--smoke] [--verbose] [NAME ...]` with DATABASE_URL naming a PostgreSQL server whose role may create databases"

// runBench is `dsr bench`: it measures the figures the engine is held to,
// each against real services in scratch databases it drops afterwards, and
// prints one line per figure.
func runBench(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	smoke := fs.Bool("smoke", false, "run each figure small, to know it runs (the figure is then not the one measured)")
	verbose := fs.Bool("verbose", false, "report progress on stderr")
	if err := fs.Parse(args); err != nil {
		return usageError{benchUsage}
	}
	if !strings.HasPrefix(cfg.DatabaseURL, "postgres") {
		return usageError{benchUsage}
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	env := &bench.Env{DatabaseURL: cfg.DatabaseURL, Size: bench.Full, WorkerCommand: func() *exec.Cmd { return exec.Command(self) }}
	if *smoke {
		env.Size = bench.Smoke
	}
	if *verbose {
		env.Logf = func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }
	}
	var run []bench.Benchmark
	if fs.NArg() == 0 {
		run = bench.All()
	}
	for _, name := range fs.Args() {
		b, ok := bench.Get(name)
		if !ok {
			return usageError{fmt.Sprintf("bench: no figure %q; the figures are %s", name, strings.Join(bench.Names, ", "))}
		}
		run = append(run, b)
	}
	defer env.Close()
	missed := 0
	for _, b := range run {
		f, err := b.Run(ctx, env)
		if err != nil {
			return fmt.Errorf("%s: %w", b.Name, err)
		}
		if !f.Met {
			missed++
		}
		fmt.Fprintln(stdout, f)
	}
	if missed > 0 && !*smoke {
		return fmt.Errorf("%d of %d figures missed their target", missed, len(run))
	}
	return nil
}
