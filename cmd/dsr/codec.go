package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/harmoniq/dsr/internal/codec"
	"github.com/harmoniq/dsr/internal/config"
)

// serveCodec starts the codec endpoint the Web UI calls to show and send
// payloads in plain JSON while Temporal stores ciphertext.
func serveCodec(pc *codec.Codec, addr string, opts codec.ServerOptions) (*http.Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("codec server on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: pc.Handler(opts), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return srv, nil
}

// runCodecServer is `dsr codec-server`, for a Web UI in front of a cluster.
func runCodecServer(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer) error {
	pc, err := payloadCodec(cfg)
	if err != nil {
		return err
	}
	srv, err := serveCodec(pc, cfg.Codec.ServerAddr, codec.ServerOptions{AllowOrigins: cfg.Codec.AllowOrigins, Token: cfg.Codec.Token})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "codec server on http://%s for %v (bearer token required: %v)\n", cfg.Codec.ServerAddr, cfg.Codec.AllowOrigins, cfg.Codec.Token != "")
	log.Info("codec server running", "addr", cfg.Codec.ServerAddr)
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func runCodecKeygen(args []string, stdout io.Writer) error {
	id := "k1"
	if len(args) == 1 {
		id = args[0]
	} else if len(args) > 1 {
		return usageError{"codec-keygen: expected `dsr codec-keygen [ID]`"}
	}
	k, err := codec.NewKey(id)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\n", k)
	return nil
}
