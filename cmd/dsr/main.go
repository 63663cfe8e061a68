// Command dsr runs Harmoniq's data-subject rights engine: the local stack
// (dev), the production worker, migrations, and the staff and compliance
// commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/harmoniq/dsr/internal/bench"
	"github.com/harmoniq/dsr/internal/config"
)

const usage = `dsr: the data-subject rights engine

Usage:
  dsr dev [--demo]             run everything locally: Temporal + Web UI, IMAP mailbox, worker, database
  dsr worker                   run the worker against external Temporal, PostgreSQL and IMAP
  dsr migrate [--demo-systems] apply the database migrations (as the database owner); with --demo-systems,
                               also create Harmoniq's demo systems where missing
  dsr temporal-setup           make the namespace ready for cases: retention, search attributes, schedules
  dsr health [URL]             exit 0 when the process at OPS_ADDR (or URL) is ready (a container healthcheck)
  dsr seed [--customers N] [--demo]
                               add synthetic customers to Harmoniq's systems (test personnummer only)
  dsr codec-server             serve the payload codec endpoint for the Temporal Web UI
  dsr codec-keygen [ID]        print a new payload encryption key (for PAYLOAD_KEYS)
  dsr audit show CASE          print a case's audit trail and check its hash chain
  dsr case list [--all] [--stage S] [--overdue]
                               list cases by due date
  dsr case show CASE           print a case's status
  dsr case signal CASE NAME 'JSON'
                               act on a case (identity, decision, extend, ...) and see the result
  dsr case attachments CASE    list the files that came with a case (ID copies go after the identity decision)
  dsr case attachment CASE ID --actor NAME --out FILE
                               decrypt one of them for reading; the read is recorded in the audit trail
  dsr case lift-restriction CASE --actor NAME --reason TEXT
                               tell the person, then lift the restriction the case made
  dsr purge                    erase what erasure kept once its retention has ended
  dsr letters batch --since DATE [--out FILE]
                               merge the letters not yet posted into one PDF to print
  dsr letters posted BATCH     mark a printed batch as posted
  dsr intake inspect FILE.eml|DIR|MBOX ...
                               what the engine understands of a message, or a line per message and totals (acts on nothing)
  dsr intake evaluate DIR      the classifier's precision and recall on a labelled corpus
  dsr intake review [--all] | --show CASE --actor NAME
                               triage cases where staff decided otherwise than intake guessed; read one's message (audited)
  dsr intake quarantined       the messages intake set aside, and why
  dsr intake train DIR [--out FILE]
                               learn the classifier's model from a labelled corpus
  dsr intake scan FILE --received DATE [--rights R,...] [--personnummer N] [--name N] [--address "A|B"] [--id-copy FILE]
                               take in a scanned letter; the arrival date starts the clock
  dsr datasets check [DIR]     check the dataset files (DIR, DATASETS_DIR or Harmoniq's) against the live systems,
                               and print what each right does to each field
  dsr gates                    the case workflow's version gates, and which can be retired now
  dsr bench [--smoke] [NAME ...]
                               measure the figures the engine is held to (DATABASE_URL: PostgreSQL)
  dsr due DATE [--paused DAYS] [--extended]
                               print the due date for a request received on DATE (YYYY-MM-DD)

Configuration comes from the environment; see the README.
`

func main() {
	if bench.RunWorkerIfAsked() { // dsr bench's worker, in a process of its own
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "dsr:", err)
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg + "\n\n" + usage }

// run dispatches a command line. Tests call it as the binary would run.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{"no command given"}
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	log := newLogger(stderr, cfg.LogLevel)
	switch args[0] {
	case "dev":
		return runDev(ctx, cfg, log, args[1:], stdout)
	case "worker":
		return runWorker(ctx, cfg, log)
	case "migrate":
		return runMigrate(ctx, cfg, args[1:], stdout)
	case "temporal-setup":
		return runTemporalSetup(ctx, cfg, log, stdout)
	case "health":
		return runHealth(ctx, cfg, args[1:], stdout)
	case "audit":
		return runAudit(ctx, cfg, args[1:], stdout)
	case "due":
		return runDue(cfg, args[1:], stdout)
	case "intake":
		return runIntake(ctx, cfg, args[1:], stdout)
	case "letters":
		return runLetters(ctx, cfg, args[1:], stdout)
	case "purge":
		return runPurge(ctx, cfg, stdout)
	case "seed":
		return runSeed(ctx, cfg, args[1:], stdout)
	case "codec-server":
		return runCodecServer(ctx, cfg, log, stdout)
	case "codec-keygen":
		return runCodecKeygen(args[1:], stdout)
	case "case":
		return runCase(ctx, cfg, args[1:], stdout)
	case "datasets":
		return runDatasets(ctx, cfg, args[1:], stdout)
	case "gates":
		return runGates(ctx, cfg, args[1:], stdout)
	case "bench":
		return runBench(ctx, cfg, args[1:], stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return usageError{fmt.Sprintf("unknown command %q", args[0])}
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}
