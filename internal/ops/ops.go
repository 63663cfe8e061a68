// Package ops is the worker's operational side: the Prometheus metrics (the
// Temporal SDK's and the engine's own) and the health and readiness
// endpoints that an orchestrator and an operator read.
package ops

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/harmoniq/dsr/internal/store"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	otelprom "go.opentelemetry.io/otel/exporters/prometheus"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.temporal.io/sdk/client"
	temporalotel "go.temporal.io/sdk/contrib/opentelemetry"
)

// CaseCounter counts cases by stage and open cases by due date.
type CaseCounter interface {
	CountCases(ctx context.Context) (store.CaseCounts, error)
}

// Metrics is the registry the worker serves at /metrics.
type Metrics struct {
	Registry *prometheus.Registry
	messages *prometheus.CounterVec
	events   *prometheus.CounterVec
	mail     *prometheus.CounterVec
	sdk      client.MetricsHandler
}

// NewMetrics registers the engine's metrics, the Go runtime's, and a
// handler for the Temporal SDK's. cases is read at each scrape; now is the
// clock the due dates are counted from.
func NewMetrics(cases CaseCounter, now func() time.Time) (*Metrics, error) {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		Registry: reg,
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dsr_messages_total",
			Help: "Messages read from the mailbox, by what became of them: request, reply, other, set_aside, too_large.",
		}, []string{"outcome"}),
		events: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dsr_audit_events_total",
			Help: "Audit events written by this worker, by action (letter.sent: letters; signal.rejected: rejected staff inputs).",
		}, []string{"action"}),
		mail: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dsr_mail_sent_total",
			Help: "Mail handed to the SMTP server, by kind.",
		}, []string{"kind"}),
	}
	for _, c := range []prometheus.Collector{
		m.messages, m.events, m.mail,
		&caseCollector{cases: cases, now: now},
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	exp, err := otelprom.New(otelprom.WithRegisterer(reg), otelprom.WithoutScopeInfo())
	if err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	meter := sdkmetric.NewMeterProvider(sdkmetric.WithReader(exp)).Meter("temporal-sdk-go")
	m.sdk = temporalotel.NewMetricsHandler(temporalotel.MetricsHandlerOptions{
		Meter:                meter,
		UseMonotonicCounters: true,
		// A metric the SDK cannot record is not worth stopping a worker.
		OnError: func(error) {},
	})
	return m, nil
}

// SDK is the handler the Temporal client reports its metrics to.
func (m *Metrics) SDK() client.MetricsHandler { return m.sdk }

// Message counts a message read from the mailbox.
func (m *Metrics) Message(outcome string) { m.messages.WithLabelValues(outcome).Inc() }

// Recorded counts an audit event written.
func (m *Metrics) Recorded(action string) { m.events.WithLabelValues(action).Inc() }

// MailSent counts a mail sent.
func (m *Metrics) MailSent(kind string) { m.mail.WithLabelValues(kind).Inc() }

// caseCollector reports the cases at each scrape from the database, so that
// every replica reports the same figures whichever ran the cases.
type caseCollector struct {
	cases CaseCounter
	now   func() time.Time
}

var (
	casesDesc = prometheus.NewDesc("dsr_cases", "Cases by stage (closed ones included).", []string{"stage"}, nil)
	dueDesc   = prometheus.NewDesc("dsr_open_cases_due", "Open cases by the time left to their due date: overdue, 0-3d, 4-7d, 8-14d, 15d+.", []string{"within"}, nil)
	upDesc    = prometheus.NewDesc("dsr_cases_counted", "1 when the cases could be counted at this scrape, else 0.", nil, nil)
)

func (c *caseCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- casesDesc
	ch <- dueDesc
	ch <- upDesc
}

func (c *caseCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.cases.CountCases(ctx)
	if err != nil {
		ch <- prometheus.MustNewConstMetric(upDesc, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(upDesc, prometheus.GaugeValue, 1)
	for stage, n := range counts.ByStage {
		ch <- prometheus.MustNewConstMetric(casesDesc, prometheus.GaugeValue, float64(n), stage)
	}
	buckets := map[string]int{"overdue": 0, "0-3d": 0, "4-7d": 0, "8-14d": 0, "15d+": 0}
	today := c.now().Format(time.DateOnly)
	todayT, _ := time.Parse(time.DateOnly, today)
	for due, n := range counts.OpenDue {
		d, err := time.Parse(time.DateOnly, due)
		if err != nil {
			continue
		}
		buckets[DueBucket(int(d.Sub(todayT).Hours()/24))] += n
	}
	for within, n := range buckets {
		ch <- prometheus.MustNewConstMetric(dueDesc, prometheus.GaugeValue, float64(n), within)
	}
}

// DueBucket names the range days (to the due date; negative when past) is
// reported in.
func DueBucket(days int) string {
	switch {
	case days < 0:
		return "overdue"
	case days <= 3:
		return "0-3d"
	case days <= 7:
		return "4-7d"
	case days <= 14:
		return "8-14d"
	}
	return "15d+"
}

// Check is one readiness condition: the database answers, Temporal answers,
// the worker is polling.
type Check struct {
	Name  string
	Check func(ctx context.Context) error
}

// Handler serves /healthz (the process runs), /readyz (every check passes
// within two seconds each) and /metrics.
func Handler(m *Metrics, checks []Check) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		failed := false
		var body []byte
		for _, c := range checks {
			ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
			err := c.Check(ctx)
			cancel()
			if err != nil {
				failed = true
				// The reason names the part that failed, never a case.
				body = fmt.Appendf(body, "%s: not ready: %v\n", c.Name, err)
			} else {
				body = fmt.Appendf(body, "%s: ok\n", c.Name)
			}
		}
		if failed {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		w.Write(body)
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{}))
	return mux
}

// Serve serves h on addr until ctx ends.
func Serve(ctx context.Context, addr string, h http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("OPS_ADDR %s: %w", addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	log.Info("health and metrics served", "addr", ln.Addr().String())
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("health and metrics server stopped", "error", err)
		}
	}()
	return nil
}
