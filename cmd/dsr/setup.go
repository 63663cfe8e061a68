package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/worker"
	"go.temporal.io/sdk/client"
)

// runTemporalSetup is `dsr temporal-setup`: the namespace with its
// retention, the search attributes and the recurring jobs' schedules, in
// the order that lets the first case start. Compose runs it once, after the
// Temporal server and before the workers.
func runTemporalSetup(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer) error {
	// The server may still be starting: dial until it answers.
	var c client.Client
	var err error
	for deadline := time.Now().Add(2 * time.Minute); ; {
		if c, err = dialTemporal(cfg, log); err == nil {
			break
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return err
		}
		time.Sleep(2 * time.Second)
	}
	defer c.Close()
	say := func(format string, args ...any) { fmt.Fprintf(stdout, format+"\n", args...) }
	retention := time.Duration(cfg.TemporalRetentionDays) * 24 * time.Hour
	if err := worker.Setup(ctx, c, cfg.TemporalNamespace, retention, say); err != nil {
		return err
	}
	if err := worker.EnsureSchedules(ctx, c); err != nil {
		return err
	}
	say("schedules in place: the retention purges")
	return nil
}

// runHealth is `dsr health [URL]`: it asks the /readyz at OPS_ADDR (on
// this machine), or URL, and fails unless the answer is 200, for a
// container healthcheck.
func runHealth(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	var url string
	switch {
	case len(args) == 1 && (strings.HasPrefix(args[0], "http://") || strings.HasPrefix(args[0], "https://")):
		url = args[0]
	case len(args) > 0:
		return usageError{"health: expected `dsr health` or `dsr health http://HOST:PORT/PATH`"}
	case cfg.Ops.Addr == "":
		return fmt.Errorf("OPS_ADDR is not set: this process serves no health endpoint")
	default:
		_, port, err := net.SplitHostPort(cfg.Ops.Addr)
		if err != nil {
			return fmt.Errorf("OPS_ADDR: %w", err)
		}
		url = "http://" + net.JoinHostPort("127.0.0.1", port) + "/readyz"
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("not ready: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	stdout.Write(body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("not ready (%s)", resp.Status)
	}
	return nil
}
