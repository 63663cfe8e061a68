// Package bench measures the figures the engine is held to: each one runs
// against real services (a scratch PostgreSQL database beside the one in
// DATABASE_URL, the in-process Temporal server) and yields one line, "NAME:
// VALUE UNIT (target TARGET)". `dsr bench` prints them; the package's tests
// run each at a small size so that CI knows they run.
package bench

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/uptrace/bun"
	"net/url"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/harmoniq/dsr/internal/store"
	_ "github.com/jackc/pgx/v5/stdlib"
)

// Figure is one measured figure.
type Figure struct {
	Name   string
	Value  float64
	Unit   string
	Target string
	// Met says whether the value meets the target.
	Met bool
	// Note says how it was measured when that matters to read it: a
	// smaller N, extrapolated.
	Note string
}

func (f Figure) String() string {
	s := fmt.Sprintf("%s: %s %s (target %s)", f.Name, format(f.Value), f.Unit, f.Target)
	if !f.Met {
		s += " MISSED"
	}
	if f.Note != "" {
		s += "; " + f.Note
	}
	return s
}

func format(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

// Size scales a benchmark: Full is what `dsr bench` runs, a smaller one
// what CI runs to know it still runs.
type Size int

const (
	Smoke Size = iota
	Full
)

// Env is where benchmarks run.
type Env struct {
	// DatabaseURL is the PostgreSQL server to make scratch databases on.
	DatabaseURL string
	Size        Size
	// Logf reports progress; nil is quiet.
	Logf func(format string, args ...any)
	// WorkerCommand makes the command that runs the benchmarks' worker in
	// a process of its own: one whose first act is RunWorkerIfAsked.
	WorkerCommand func() *exec.Cmd

	open *openCases
}

func (e *Env) logf(format string, args ...any) {
	if e.Logf != nil {
		e.Logf(format, args...)
	}
}

// Benchmark is one named figure.
type Benchmark struct {
	Name string
	Run  func(ctx context.Context, env *Env) (Figure, error)
}

var registry = map[string]Benchmark{}

func add(b Benchmark) { registry[b.Name] = b }

// All lists the benchmarks by name.
func All() []Benchmark {
	out := make([]Benchmark, 0, len(registry))
	for _, b := range registry {
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool { return order(out[i].Name) < order(out[j].Name) })
	return out
}

// Names is the order `dsr bench` prints the figures in.
var Names = []string{"audit-append-ratio", "audit-append-ratio-8", "audit-verify-1m-s", "case-vs-bare-ratio", "intake-msgs-per-s",
	"letter-ack-ms", "letter-extract-20p-ms", "worker-rss-10k-open-mb", "case-list-10k-s", "seed-100k-s"}

func order(name string) int {
	for i, n := range Names {
		if n == name {
			return i
		}
	}
	return len(Names)
}

// Get returns the benchmark of a name.
func Get(name string) (Benchmark, bool) {
	b, ok := registry[name]
	return b, ok
}

// scratch creates an empty, migrated database of its own on the server and
// returns it with a function that drops it.
func (e *Env) scratch(ctx context.Context, name string) (*store.Store, func(), error) {
	st, _, done, err := e.scratchURL(ctx, name)
	return st, done, err
}

// raw opens a connection of the bench's own to st's database, for what the
// bench builds beside the engine: a baseline table, rows loaded in bulk, a
// count. The caller closes it.
func raw(st *store.Store) (*bun.DB, error) {
	url, path := st.Location()
	db, _, err := store.Connect(url, path, st.Attached()...)
	return db, err
}

// scratchURL is scratch, with the scratch database's URL.
func (e *Env) scratchURL(ctx context.Context, name string) (*store.Store, string, func(), error) {
	u, err := url.Parse(e.DatabaseURL)
	if err != nil || e.DatabaseURL == "" {
		return nil, "", nil, fmt.Errorf("the benchmarks need PostgreSQL: set DATABASE_URL (%v)", err)
	}
	admin, err := sql.Open("pgx", e.DatabaseURL)
	if err != nil {
		return nil, "", nil, err
	}
	b := make([]byte, 4)
	rand.Read(b)
	db := "dsr_bench_" + strings.ReplaceAll(name, "-", "_") + "_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE "`+db+`"`); err != nil {
		admin.Close()
		return nil, "", nil, fmt.Errorf("create a scratch database (the role needs CREATEDB): %w", err)
	}
	drop := func() {
		admin.Exec(`DROP DATABASE "` + db + `" WITH (FORCE)`)
		admin.Close()
	}
	u.Path = "/" + db
	st, err := store.Open(ctx, u.String(), "")
	if err != nil {
		drop()
		return nil, "", nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		drop()
		return nil, "", nil, err
	}
	// The benchmarks run Harmoniq's demo, its systems beside the engine.
	if err := st.Register().CreateDemoSystems(ctx); err != nil {
		st.Close()
		drop()
		return nil, "", nil, err
	}
	return st, u.String(), func() { st.Close(); drop() }, nil
}

// timed runs op(0) … op(n-1) at once and returns how long they took
// together, and their errors.
func timed(n int, op func(i int) error) (time.Duration, error) {
	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = op(i) }()
	}
	wg.Wait()
	return time.Since(start), errors.Join(errs...)
}
