package ops_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/ops"
	"github.com/harmoniq/dsr/internal/store"
)

type counts struct {
	c   store.CaseCounts
	err error
}

func (c counts) CountCases(context.Context) (store.CaseCounts, error) { return c.c, c.err }

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	b, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(b)
}

func TestMetricsReportCasesByStageAndTimeToDue(t *testing.T) {
	today := time.Date(2026, 12, 6, 15, 0, 0, 0, time.UTC)
	m, err := ops.NewMetrics(counts{c: store.CaseCounts{
		ByStage: map[string]int{"identity": 2, "closed": 5},
		OpenDue: map[string]int{"2026-12-05": 1, "2026-12-06": 1, "2026-12-09": 1, "2026-12-10": 3, "2026-12-20": 1, "2027-01-06": 2},
	}}, func() time.Time { return today })
	if err != nil {
		t.Fatal(err)
	}
	m.Message("request")
	m.Message("request")
	m.Recorded("letter.sent")
	code, body := get(t, ops.Handler(m, nil), "/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics: %d", code)
	}
	for _, want := range []string{
		`dsr_cases{stage="closed"} 5`, `dsr_cases{stage="identity"} 2`,
		`dsr_open_cases_due{within="overdue"} 1`, `dsr_open_cases_due{within="0-3d"} 2`, `dsr_open_cases_due{within="4-7d"} 3`,
		`dsr_open_cases_due{within="8-14d"} 1`, `dsr_open_cases_due{within="15d+"} 2`,
		`dsr_messages_total{outcome="request"} 2`, `dsr_audit_events_total{action="letter.sent"} 1`, `dsr_cases_counted 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func TestReadinessNamesWhatIsNotReady(t *testing.T) {
	m, err := ops.NewMetrics(counts{err: errors.New("down")}, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	h := ops.Handler(m, []ops.Check{
		{Name: "database", Check: func(context.Context) error { return nil }},
		{Name: "temporal", Check: func(context.Context) error { return errors.New("connection refused") }},
	})
	if code, _ := get(t, h, "/healthz"); code != http.StatusOK {
		t.Errorf("/healthz: %d", code)
	}
	code, body := get(t, h, "/readyz")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "temporal: not ready: connection refused") || !strings.Contains(body, "database: ok") {
		t.Errorf("/readyz: %d %q", code, body)
	}
	if _, body := get(t, h, "/metrics"); !strings.Contains(body, "dsr_cases_counted 0") {
		t.Errorf("a failed count is not reported: %s", body)
	}
}
