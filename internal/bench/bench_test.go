package bench

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/harmoniq/dsr/internal/store/storetest"
)

func TestMain(m *testing.M) {
	RunWorkerIfAsked()
	os.Exit(m.Run())
}

func testEnv(t testing.TB) *Env {
	u := os.Getenv("TEST_DATABASE_URL")
	if u == "" {
		u = storetest.DefaultURL
	}
	storetest.PostgresURL(t) // fails, never skips, without PostgreSQL
	return &Env{DatabaseURL: u, Size: Smoke, Logf: t.Logf, WorkerCommand: func() *exec.Cmd { return exec.Command(os.Args[0], "-test.run=^$") }}
}

// TestEveryBenchmarkRuns runs each figure small, as CI does, to know that
// `dsr bench` still runs; the figures themselves come from `dsr bench`.
func TestEveryBenchmarkRuns(t *testing.T) {
	env := testEnv(t)
	defer env.Close()
	for _, b := range All() {
		t.Run(b.Name, func(t *testing.T) {
			f, err := b.Run(context.Background(), env)
			if err != nil {
				t.Fatal(err)
			}
			if f.Name != b.Name || f.Value <= 0 {
				t.Errorf("figure %+v", f)
			}
			t.Log(f)
		})
	}
}

func benchmark(b *testing.B, name string) {
	env := testEnv(b)
	env.Size = Full
	defer env.Close()
	bm, ok := Get(name)
	if !ok {
		b.Fatalf("no benchmark %s", name)
	}
	for range b.N {
		f, err := bm.Run(context.Background(), env)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(f.Value, strings.ReplaceAll(f.Name, "-", "_"))
		b.Log(f)
	}
}

func BenchmarkAuditAppendRatio(b *testing.B)  { benchmark(b, "audit-append-ratio") }
func BenchmarkAuditAppendRatio8(b *testing.B) { benchmark(b, "audit-append-ratio-8") }
func BenchmarkAuditVerify1M(b *testing.B)     { benchmark(b, "audit-verify-1m-s") }
func BenchmarkSeed100k(b *testing.B)          { benchmark(b, "seed-100k-s") }
func BenchmarkWorkerRSS10kOpen(b *testing.B)  { benchmark(b, "worker-rss-10k-open-mb") }
func BenchmarkCaseList10k(b *testing.B)       { benchmark(b, "case-list-10k-s") }
func BenchmarkCaseVsBare(b *testing.B)        { benchmark(b, "case-vs-bare-ratio") }
func BenchmarkIntake(b *testing.B)            { benchmark(b, "intake-msgs-per-s") }
func BenchmarkLetterAck(b *testing.B)         { benchmark(b, "letter-ack-ms") }
func BenchmarkLetterExtract20p(b *testing.B)  { benchmark(b, "letter-extract-20p-ms") }
