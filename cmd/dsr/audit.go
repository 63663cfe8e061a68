package main

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/ops"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/workflows"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
)

const auditUsage = "audit: expected show CASE, verify [--case CASE] [--checkpoints FILE] [--no-signatures] [--no-witness], export CASE --format json|csv|pdf [--out FILE], checkpoints --export FILE, overview --from DATE --to DATE, signer, or keygen"

func runAudit(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{auditUsage}
	}
	if args[0] == "keygen" {
		return auditKeygen(stdout)
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	trail := audit.New(st)
	switch args[0] {
	case "show":
		if len(args) != 2 {
			return usageError{"audit show: expected `dsr audit show CASE`"}
		}
		return auditShow(ctx, cfg, trail, args[1], stdout)
	case "verify":
		return auditVerify(ctx, cfg, trail, args[1:], stdout)
	case "export":
		return auditExport(ctx, cfg, trail, args[1:], stdout)
	case "checkpoints":
		return auditCheckpoints(ctx, trail, args[1:], stdout)
	case "overview":
		return auditOverview(ctx, trail, args[1:], stdout)
	case "signer":
		return runAuditSigner(ctx, cfg, st, trail, stdout)
	}
	return usageError{auditUsage}
}

func auditKeygen(stdout io.Writer) error {
	seed := make([]byte, ed25519.SeedSize)
	if _, err := rand.Read(seed); err != nil {
		return err
	}
	pub := ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)
	fmt.Fprintf(stdout, "AUDIT_SIGNING_KEY=%s\nAUDIT_PUBLIC_KEY=%s\n", base64.StdEncoding.EncodeToString(seed), base64.StdEncoding.EncodeToString(pub))
	return nil
}

// publicKey is the key that verifies checkpoints: AUDIT_PUBLIC_KEY, or the
// one derived from the signing key; nil when neither is configured.
func publicKey(cfg config.Config) (ed25519.PublicKey, error) {
	if cfg.Audit.PublicKey != nil {
		return ed25519.PublicKey(cfg.Audit.PublicKey), nil
	}
	seed := cfg.Audit.SigningKey
	if seed == nil {
		// The key `dsr dev` made, when there is one.
		if b, err := os.ReadFile(filepath.Join(cfg.DataDir, "audit-signing.key")); err == nil {
			seed, _ = base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
		}
	}
	if seed != nil {
		s, err := audit.NewSigner(seed)
		if err != nil {
			return nil, err
		}
		return s.Public(), nil
	}
	return nil, nil
}

func auditShow(ctx context.Context, cfg config.Config, trail *audit.Trail, number string, stdout io.Writer) error {
	x, err := caseExport(ctx, cfg, trail, number, nil)
	if err != nil {
		return err
	}
	s := x.Summary
	fmt.Fprintf(stdout, "Audit trail of %s\n", number)
	fmt.Fprintf(stdout, "Received %s via %s, rights %v; due %s (legal limit %s)", s.Received, s.Channel, s.Rights, s.Due, s.LegalDue)
	if s.Closed {
		fmt.Fprintf(stdout, "; closed %s, outcome %s, on time: %s", s.ClosedOn, s.Outcome, boolText(s.OnTime))
	}
	fmt.Fprint(stdout, "\n\n")
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SEQ\tTIME (UTC)\tACTOR\tACTION\tDETAILS")
	for _, e := range x.Events {
		// Personal text sealed with the case's key reads in clear here,
		// while the key lasts.
		details, err := trail.Readable(ctx, e)
		if err != nil {
			details = e.Details + " (sealed text does not open: " + err.Error() + ")"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", e.Seq, e.OccurredAt.UTC().Format(time.DateTime), e.Actor, e.Action, details)
	}
	tw.Flush()
	for _, l := range s.Letters {
		fmt.Fprintf(stdout, "\nLetter %s: %s sha256 %s", l.Kind, l.File, l.SHA256)
	}
	if !x.Verified {
		fmt.Fprintf(stdout, "\n\nVERIFICATION FAILED: %s\n", x.Problem)
		return errors.New(x.Problem)
	}
	fmt.Fprintf(stdout, "\n\nHash chain verified: %d events, head %s\n", len(x.Events), x.Events[len(x.Events)-1].Hash)
	if x.Covering != nil {
		fmt.Fprintf(stdout, "Signed checkpoint: event %d (%s %d), signed %s with key %s\n", x.CoveredSeq, x.Covering.Scope, x.Covering.Seq, x.Covering.SignedAt.UTC().Format(time.RFC3339), x.Covering.KeyID)
	}
	return nil
}

func boolText(b *bool) string {
	if b == nil {
		return "unknown"
	}
	if *b {
		return "yes"
	}
	return "NO"
}

func caseExport(ctx context.Context, cfg config.Config, trail *audit.Trail, number string, extra []audit.Checkpoint) (audit.Export, error) {
	events, err := trail.Events(ctx, number)
	if err != nil {
		return audit.Export{}, err
	}
	if len(events) == 0 {
		return audit.Export{}, fmt.Errorf("case %s has no audit events (is the case number right?)", number)
	}
	pub, err := publicKey(cfg)
	if err != nil {
		return audit.Export{}, err
	}
	summary, err := audit.Summarize(number, events)
	if err != nil {
		return audit.Export{}, err
	}
	x := audit.Export{Summary: summary, Events: events, GeneratedAt: time.Now().UTC(), Verified: true}
	r, err := trail.Verify(ctx, number, audit.Options{Public: pub, NoSignatures: pub == nil, Extra: extra})
	if err != nil {
		x.Verified, x.Problem = false, err.Error()
	}
	x.Covering, x.CoveredSeq = r.Covering, r.Covered
	return x, nil
}

func readCheckpoints(path string) ([]audit.Checkpoint, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []audit.Checkpoint
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var c audit.Checkpoint
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, n, err)
		}
		out = append(out, c)
	}
	return out, sc.Err()
}

func auditVerify(ctx context.Context, cfg config.Config, trail *audit.Trail, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	number := fs.String("case", "", "verify one case")
	file := fs.String("checkpoints", "", "exported checkpoints (JSON lines) to check as well")
	noSignatures := fs.Bool("no-signatures", false, "check the chains without the signed checkpoints (no public key at hand)")
	noWitness := fs.Bool("no-witness", false, "do not compare the heads with those the cases' workflows keep in Temporal")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return usageError{"audit verify: expected `dsr audit verify [--case CASE] [--checkpoints FILE] [--no-signatures] [--no-witness]`"}
	}
	extra, err := readCheckpoints(*file)
	if err != nil {
		return err
	}
	pub, err := publicKey(cfg)
	if err != nil {
		return err
	}
	opts := audit.Options{Public: pub, NoSignatures: *noSignatures, Extra: extra}
	if *noSignatures {
		fmt.Fprintln(stdout, "warning: --no-signatures: the signed checkpoints are not checked, so a trail re-hashed throughout would pass")
	}
	start := time.Now()
	if !*noWitness {
		w, missing, err := witnesses(ctx, cfg, trail, *number)
		if err != nil {
			fmt.Fprintf(stdout, "warning: the cases' workflows could not be asked for their heads (%v); verifying without them\n", err)
		} else {
			opts.Witness = w
			if missing > 0 {
				fmt.Fprintf(stdout, "note: %d cases have no head in Temporal (begun by older code, or gone from Temporal's retention)\n", missing)
			}
		}
	}
	var r audit.Report
	if *number != "" {
		r, err = trail.Verify(ctx, *number, opts)
	} else {
		r, err = trail.VerifyAll(ctx, opts)
	}
	if err != nil {
		fmt.Fprintf(stdout, "FAILED: %s\n", err)
		return err
	}
	fmt.Fprintf(stdout, "OK: %d events in %d cases; %d signed checkpoints and %d roots matched; %d heads known to the workflows found; in %s\n",
		r.Events, r.Cases, r.Checkpoints, r.Roots, r.Witnessed, time.Since(start).Round(time.Millisecond))
	return nil
}

// witnesses asks each case's workflow for the head of its audit chain: a
// running case's status query, a closed case's result. It returns them by
// case, and how many cases have none.
func witnesses(ctx context.Context, cfg config.Config, trail *audit.Trail, only string) (map[string]audit.Head, int, error) {
	c, err := dialTemporal(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return nil, 0, err
	}
	defer c.Close()
	var numbers []string
	if only != "" {
		numbers = []string{only}
	} else if numbers, err = trail.CaseNumbers(ctx); err != nil {
		return nil, 0, err
	}
	out := map[string]audit.Head{}
	var mu sync.Mutex
	missing := 0
	var wg sync.WaitGroup
	next := make(chan string)
	var firstErr error
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range next {
				h, err := workflowHead(ctx, c, n)
				mu.Lock()
				switch {
				case err != nil && firstErr == nil && isUnavailable(err):
					firstErr = err
				case err != nil || h == nil:
					missing++
				default:
					out[n] = audit.Head{CaseNumber: n, Seq: h.Seq, Hash: h.Hash}
				}
				mu.Unlock()
			}
		}()
	}
	for _, n := range numbers {
		next <- n
	}
	close(next)
	wg.Wait()
	if firstErr != nil && len(out) == 0 {
		return nil, 0, firstErr
	}
	return out, missing, nil
}

// workflowHead reads the audit head a case's workflow keeps.
func workflowHead(ctx context.Context, c client.Client, number string) (*activities.AuditHead, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	d, err := c.DescribeWorkflowExecution(ctx, number, "")
	if err != nil {
		return nil, err
	}
	if d.GetWorkflowExecutionInfo().GetStatus() == enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
		s, err := queryStatus(ctx, c, number)
		if err != nil {
			return nil, err
		}
		return s.AuditHead, nil
	}
	var res workflows.CaseResult
	if err := c.GetWorkflow(ctx, number, "").Get(ctx, &res); err != nil {
		return nil, err
	}
	return res.AuditHead, nil
}

func isUnavailable(err error) bool {
	var u *serviceerror.Unavailable
	return errors.As(err, &u) || errors.Is(err, context.DeadlineExceeded)
}

// signerLease keeps the signing of roots to one process at a time.
const signerLease = "audit signer"

// runAuditSigner is `dsr audit signer`: it signs a root over the heads of
// every case each AUDIT_CHECKPOINT_INTERVAL in which one moved, until
// stopped. Run it under a database role that may insert checkpoints (in
// dsr_signer), which the worker's may not.
func runAuditSigner(ctx context.Context, cfg config.Config, st *store.Store, trail *audit.Trail, stdout io.Writer) error {
	if err := cfg.RequireSigner(); err != nil {
		return err
	}
	signer, err := audit.NewSigner(cfg.Audit.SigningKey)
	if err != nil {
		return err
	}
	roots := audit.NewRootSigner(trail, signer)
	fmt.Fprintf(stdout, "signing audit roots every %s with key %s\n", cfg.Audit.CheckpointInterval, audit.KeyID(signer.Public()))
	if cfg.Ops.Addr != "" {
		m, err := ops.NewMetrics(st, time.Now)
		if err != nil {
			return err
		}
		checks := []ops.Check{{Name: "database", Check: func(ctx context.Context) error { return st.Ping(ctx) }}}
		if err := ops.Serve(ctx, cfg.Ops.Addr, ops.Handler(m, checks), slog.New(slog.NewTextHandler(stdout, nil))); err != nil {
			return err
		}
	}
	// One signer signs at a time; a second replica stands by.
	lease := &store.Holder{Store: st, Name: signerLease}
	defer lease.Release()
	for {
		if held, err := lease.Hold(ctx); !held {
			if err != nil && ctx.Err() == nil {
				fmt.Fprintf(stdout, "signer lease lost or not asked for: %v\n", err)
			}
		} else if c, err := roots.Sign(ctx); err != nil && ctx.Err() == nil {
			fmt.Fprintf(stdout, "audit root not signed: %v\n", err)
		} else if c != nil {
			fmt.Fprintf(stdout, "root %d signed over %d heads\n", c.Seq, strings.Count(c.Heads, "\n"))
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(cfg.Audit.CheckpointInterval):
		}
	}
}

func auditExport(ctx context.Context, cfg config.Config, trail *audit.Trail, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] == "" || args[0][0] == '-' {
		return usageError{"audit export: expected `dsr audit export CASE --format json|csv|pdf [--out FILE]`"}
	}
	number := args[0]
	fs := flag.NewFlagSet("audit export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "json", "json, csv or pdf")
	out := fs.String("out", "", "file to write (default: standard output)")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 {
		return usageError{"audit export: expected `dsr audit export CASE --format json|csv|pdf [--out FILE]`"}
	}
	x, err := caseExport(ctx, cfg, trail, number, nil)
	if err != nil {
		return err
	}
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	switch *format {
	case "json":
		err = x.WriteJSON(w)
	case "csv":
		err = x.WriteCSV(w)
	case "pdf":
		err = x.WritePDF(w)
	default:
		return usageError{fmt.Sprintf("audit export: unknown format %q (json, csv or pdf)", *format)}
	}
	if err == nil && !x.Verified {
		return fmt.Errorf("exported, but the trail does not verify: %s", x.Problem)
	}
	return err
}

func auditCheckpoints(ctx context.Context, trail *audit.Trail, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("audit checkpoints", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	file := fs.String("export", "", "write the checkpoints as JSON lines to FILE (- for standard output)")
	if err := fs.Parse(args); err != nil || *file == "" {
		return usageError{"audit checkpoints: expected `dsr audit checkpoints --export FILE`"}
	}
	cps, err := trail.Checkpoints(ctx)
	if err != nil {
		return err
	}
	w := stdout
	if *file != "-" {
		if err := os.MkdirAll(filepath.Dir(*file), 0o755); err != nil {
			return err
		}
		f, err := os.Create(*file)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	enc := json.NewEncoder(w)
	for _, c := range cps {
		if err := enc.Encode(c); err != nil {
			return err
		}
	}
	if *file != "-" {
		fmt.Fprintf(stdout, "%d checkpoints written to %s\n", len(cps), *file)
	}
	return nil
}

func auditOverview(ctx context.Context, trail *audit.Trail, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("audit overview", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	year := time.Now().Year()
	from := fs.String("from", fmt.Sprintf("%d-01-01", year), "first day of receipt, YYYY-MM-DD")
	to := fs.String("to", fmt.Sprintf("%d-12-31", year), "last day of receipt, YYYY-MM-DD")
	format := fs.String("format", "text", "text or json")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return usageError{"audit overview: expected `dsr audit overview [--from DATE] [--to DATE] [--format text|json]`"}
	}
	for _, d := range []string{*from, *to} {
		if _, err := deadline.ParseDate(d); err != nil {
			return usageError{"audit overview: " + err.Error()}
		}
	}
	today := deadline.DateOf(time.Now()).Format(time.DateOnly)
	o, err := trail.Overview(ctx, *from, *to, today)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(o)
	case "text":
	default:
		return usageError{"audit overview: --format is text or json"}
	}
	fmt.Fprintf(stdout, "Requests received %s to %s: %d\n", o.From, o.To, o.Received)
	printCounts(stdout, "By channel", o.ByChannel)
	printCounts(stdout, "By right", o.ByRight)
	fmt.Fprintf(stdout, "Answered: %d (on time %d, late %d); extended: %d\n", o.Answered, o.OnTime, o.Late, o.Extended)
	fmt.Fprintf(stdout, "Open: %d (overdue %d); withdrawn or not a request: %d\n", o.Open, o.OverdueOpen, o.Withdrawn)
	fmt.Fprintf(stdout, "Median days from receipt to answer: %.1f\n", o.MedianDays)
	return nil
}

func printCounts(w io.Writer, title string, m map[string]int) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(w, "%s:", title)
	for _, k := range keys {
		fmt.Fprintf(w, " %s %d", k, m[k])
	}
	fmt.Fprintln(w)
}
