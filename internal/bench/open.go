package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/caselist"
	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/worker"
)

func init() {
	add(Benchmark{Name: "worker-rss-10k-open-mb", Run: workerRSS})
	add(Benchmark{Name: "case-list-10k-s", Run: caseList})
}

// workerEnv makes a process the benchmarks' worker (RunWorkerIfAsked): a
// worker of its own, so that its memory is measured apart from the
// Temporal server's.
const workerEnv = "DSR_BENCH_WORKER"

// RunWorkerIfAsked runs the case worker, as `dsr worker` configures it,
// when the process was started as the benchmarks' worker, until its
// standard input closes; it reports whether it was. `dsr bench` and the
// package's tests call it first thing.
func RunWorkerIfAsked() bool {
	if os.Getenv(workerEnv) == "" {
		return false
	}
	if err := runWorker(); err != nil {
		fmt.Fprintln(os.Stderr, "bench worker:", err)
		os.Exit(1)
	}
	os.Exit(0)
	return true
}

func runWorker() error {
	ctx := context.Background()
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, os.Getenv(workerEnv+"_DB"), "")
	if err != nil {
		return err
	}
	defer st.Close()
	if err := withVault(st, os.Getenv(workerEnv+"_KEY")); err != nil {
		return err
	}
	c, err := dial(os.Getenv(workerEnv+"_TEMPORAL"), os.Getenv(workerEnv+"_KEY"))
	if err != nil {
		return err
	}
	defer c.Close()
	worker.SetCacheSize(cfg.WorkerCacheSize)
	w := worker.New(c, &activities.Activities{Store: st, Trail: audit.New(st), Sender: letter.DefaultSender, OutboxDir: os.Getenv(workerEnv + "_OUTBOX"), Temporal: c,
		Mail: worker.ReplyMailer(cfg)})
	if err := w.Start(); err != nil {
		return err
	}
	defer w.Stop()
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin) // until the benchmark closes it, or dies
	return nil
}

// openCases is a stack with n open cases, waiting for their identity
// check, and the worker process that ran them.
type openCases struct {
	s      *stack
	n      int
	worker *exec.Cmd
	stdin  io.Closer
	took   time.Duration
}

func (o *openCases) close() {
	if o.stdin != nil {
		o.stdin.Close()
	}
	if o.worker != nil {
		o.worker.Wait()
	}
	o.s.close()
}

// openMany opens n access requests on a fresh stack with the worker in a
// process of its own, and waits until every case waits for its identity
// check, its acknowledgement sent.
func (e *Env) openMany(ctx context.Context, name string, n int) (*openCases, error) {
	if e.WorkerCommand == nil {
		return nil, errors.New("no worker command: the case figures run the worker in a process of its own")
	}
	s, err := e.startStack(ctx, name)
	if err != nil {
		return nil, err
	}
	o := &openCases{s: s, n: n}
	ok := false
	defer func() {
		if !ok {
			o.close()
		}
	}()
	cmd := e.WorkerCommand()
	cmd.Env = append(os.Environ(), workerEnv+"=1", workerEnv+"_DB="+s.dbURL, workerEnv+"_TEMPORAL="+s.tmp.FrontendAddr,
		workerEnv+"_KEY="+s.key, workerEnv+"_OUTBOX="+s.acts.OutboxDir,
		"SMTP_ADDR="+s.mail.mailer.Relay.Addr, "SMTP_SECURITY=plain", "IMAP_ADDR="+s.mail.imap, "IMAP_SECURITY=plain", "IMAP_PASSWORD=bench")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	o.worker, o.stdin = cmd, stdin
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "ready\n" {
		return nil, fmt.Errorf("the worker did not start: %q, %v", line, err)
	}
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	next := make(chan int)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if _, _, err := s.openCase(ctx, i, rights.Access); err != nil {
					select {
					case errs <- err:
					default:
					}
					return
				}
			}
		}()
	}
	for i := range n {
		select {
		case next <- i:
		case err := <-errs:
			close(next)
			wg.Wait()
			return nil, err
		}
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return nil, err
	default:
	}
	e.logf("%s: %d cases started in %s", name, n, time.Since(start).Round(time.Second))
	deadline := time.Now().Add(time.Duration(n)*50*time.Millisecond + time.Minute)
	for {
		waiting, err := s.st.CaseStates(ctx, store.CaseFilter{Stage: "identity"})
		if err != nil {
			return nil, err
		}
		if len(waiting) == n {
			break
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%d of %d cases wait for their identity check", len(waiting), n)
		}
		time.Sleep(time.Second)
	}
	o.took = time.Since(start)
	e.logf("%s: %d cases waiting after %s", name, n, o.took.Round(time.Second))
	ok = true
	return o, nil
}

// opened returns n open cases, opened once for the figures that read them
// (Close ends them).
func (e *Env) opened(ctx context.Context, n int) (*openCases, error) {
	if e.open != nil && e.open.n == n {
		return e.open, nil
	}
	e.Close()
	o, err := e.openMany(ctx, "open", n)
	if err != nil {
		return nil, err
	}
	e.open = o
	return o, nil
}

// Close ends what the benchmarks keep between figures.
func (e *Env) Close() {
	if e.open != nil {
		e.open.close()
		e.open = nil
	}
}

// rss reads a process's resident memory, in MB.
func rss(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024, err
		}
	}
	return 0, errors.New("no VmRSS")
}

func openSize(env *Env) int {
	if env.Size == Smoke {
		return 40
	}
	return 10_000
}

// workerRSS measures the worker's resident memory with 10,000 open cases,
// each waiting for staff.
func workerRSS(ctx context.Context, env *Env) (Figure, error) {
	o, err := env.opened(ctx, openSize(env))
	if err != nil {
		return Figure{}, err
	}
	// Idle a while, as open cases do, so that what the worker keeps is
	// what it holds for waiting cases.
	time.Sleep(5 * time.Second)
	mb, err := rss(o.worker.Process.Pid)
	if err != nil {
		return Figure{}, err
	}
	f := Figure{Name: "worker-rss-10k-open-mb", Value: mb, Unit: "MB", Target: "< 300", Met: mb < 300,
		Note: fmt.Sprintf("%d open cases, each acknowledged and waiting for its identity check (opened in %s); the worker in a process of its own", o.n, o.took.Round(time.Second))}
	return f, nil
}

// caseList times `dsr case list` over 10,000 open cases.
func caseList(ctx context.Context, env *Env) (Figure, error) {
	o, err := env.opened(ctx, openSize(env))
	if err != nil {
		return Figure{}, err
	}
	var best time.Duration
	for range 5 {
		start := time.Now()
		rows, err := caselist.List(ctx, o.s.st, o.s.c, "default", caselist.Filter{})
		if err != nil {
			return Figure{}, err
		}
		d := time.Since(start)
		if len(rows) != o.n {
			return Figure{}, fmt.Errorf("listed %d cases, want %d", len(rows), o.n)
		}
		if best == 0 || d < best {
			best = d
		}
	}
	secs := best.Seconds()
	return Figure{Name: "case-list-10k-s", Value: secs, Unit: "s", Target: "< 1", Met: secs < 1,
		Note: fmt.Sprintf("%d open cases, the best of 5 listings", o.n)}, nil
}
