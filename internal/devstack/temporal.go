// Package devstack runs, in one process, what the local default needs besides
// the worker: a Temporal server persisting to a SQLite file, its Web UI, and
// an IMAP server holding the kundservice mailbox.
package devstack

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"

	uiserver "github.com/temporalio/ui-server/v2/server"
	uiconfig "github.com/temporalio/ui-server/v2/server/config"
	uioptions "github.com/temporalio/ui-server/v2/server/server_options"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/cluster"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/log/tag"
	"go.temporal.io/server/common/membership/static"
	sqliteplugin "go.temporal.io/server/common/persistence/sql/sqlplugin/sqlite"
	"go.temporal.io/server/common/primitives"
	sqliteschema "go.temporal.io/server/schema/sqlite"
	"go.temporal.io/server/temporal"
)

// TemporalOptions configures the in-process Temporal server.
type TemporalOptions struct {
	// IP to bind on; 127.0.0.1 keeps everything on loopback.
	IP           string
	FrontendPort int
	// UIPort serves the Web UI; 0 means no UI.
	UIPort int
	// DatabaseFile is the SQLite file that keeps workflows across restarts.
	DatabaseFile     string
	Namespace        string
	SearchAttributes map[string]enumspb.IndexedValueType
	// CodecEndpoint, when set, points the Web UI at a payload codec server.
	CodecEndpoint string
	Log           *slog.Logger
	// Authorization, when set, turns on the server's authentication and
	// authorization as production configures it (JWTs checked against a
	// JWKS, the default claim mapper and authorizer), with principal
	// propagation: each signal's event carries the caller the server
	// verified.
	Authorization *config.Authorization
}

// Temporal is a running in-process Temporal server.
type Temporal struct {
	server temporal.Server
	ui     *uiserver.Server
	// FrontendAddr is the gRPC address clients dial.
	FrontendAddr string
	// UIURL is the Web UI's address, empty without a UI.
	UIURL string
}

const clusterName = "active"

// StartTemporal creates the schema and namespace in the SQLite file when they
// are missing, then starts the server and, if asked, the UI.
func StartTemporal(opts TemporalOptions) (*Temporal, error) {
	sqlConf := &config.SQL{
		PluginName:        sqliteplugin.PluginName,
		DatabaseName:      opts.DatabaseFile,
		ConnectAttributes: map[string]string{"mode": "rwc", "journal_mode": "wal", "busy_timeout": "10000"},
	}
	if err := ensureSchema(sqlConf, opts); err != nil {
		return nil, err
	}
	// The HTTP API and the three internal services get ports of their own.
	ports, err := freePorts(opts.IP, 4)
	if err != nil {
		return nil, err
	}
	httpPort := ports[0]
	frontend := net.JoinHostPort(opts.IP, strconv.Itoa(opts.FrontendPort))
	conf := &config.Config{}
	conf.Global.Membership.MaxJoinDuration = 30 * time.Second
	conf.Global.Membership.BroadcastAddress = opts.IP
	conf.Persistence.DefaultStore = "sqlite"
	conf.Persistence.VisibilityStore = "sqlite"
	conf.Persistence.NumHistoryShards = 1
	conf.Persistence.DataStores = map[string]config.DataStore{"sqlite": {SQL: sqlConf}}
	conf.ClusterMetadata = &cluster.Config{
		FailoverVersionIncrement: 10,
		MasterClusterName:        clusterName,
		CurrentClusterName:       clusterName,
		ClusterInformation: map[string]cluster.ClusterInformation{clusterName: {
			Enabled: true, InitialFailoverVersion: 1, RPCAddress: frontend,
			HTTPAddress: net.JoinHostPort(opts.IP, strconv.Itoa(httpPort)), ClusterID: "dsr-dev",
		}},
	}
	conf.DCRedirectionPolicy.Policy = "noop"
	conf.Services = map[string]config.Service{}
	hosts := map[primitives.ServiceName]static.Hosts{}
	for i, svc := range []primitives.ServiceName{primitives.FrontendService, primitives.HistoryService, primitives.MatchingService, primitives.WorkerService} {
		var s config.Service
		s.RPC.BindOnIP = opts.IP
		if svc == primitives.FrontendService {
			s.RPC.GRPCPort, s.RPC.HTTPPort = opts.FrontendPort, httpPort
		} else {
			s.RPC.GRPCPort = ports[i]
		}
		conf.Services[string(svc)] = s
		hosts[svc] = static.SingleLocalHost(net.JoinHostPort(opts.IP, strconv.Itoa(s.RPC.GRPCPort)))
	}
	conf.Archival.History.State = "disabled"
	conf.Archival.Visibility.State = "disabled"
	conf.NamespaceDefaults.Archival.History.State = "disabled"
	conf.NamespaceDefaults.Archival.Visibility.State = "disabled"
	conf.PublicClient.HostPort = frontend

	logger := serverLogger{log: opts.Log}
	if opts.Authorization != nil {
		conf.Global.Authorization = *opts.Authorization
	}
	authorizer, err := authorization.GetAuthorizerFromConfig(&conf.Global.Authorization)
	if err != nil {
		return nil, fmt.Errorf("temporal authorizer: %w", err)
	}
	claimMapper, err := authorization.GetClaimMapperFromConfig(&conf.Global.Authorization, logger)
	if err != nil {
		return nil, fmt.Errorf("temporal claim mapper: %w", err)
	}
	dyn := dynamicconfig.StaticClient{
		dynamicconfig.ForceSearchAttributesCacheRefreshOnRead.Key():      true,
		dynamicconfig.FrontendMaxNamespaceVisibilityRPSPerInstance.Key(): 100,
	}
	if opts.Authorization != nil {
		dyn[dynamicconfig.EnablePrincipalPropagation.Key()] = true
	}
	server, err := temporal.NewServer(
		temporal.WithConfig(conf),
		temporal.ForServices(temporal.DefaultServices),
		temporal.WithStaticHosts(hosts),
		temporal.WithLogger(logger),
		temporal.WithAuthorizer(authorizer),
		temporal.WithClaimMapper(func(*config.Config) authorization.ClaimMapper { return claimMapper }),
		temporal.WithDynamicConfigClient(dyn),
	)
	if err != nil {
		return nil, fmt.Errorf("create temporal server: %w", err)
	}
	if err := server.Start(); err != nil {
		return nil, fmt.Errorf("start temporal server: %w", err)
	}
	t := &Temporal{server: server, FrontendAddr: frontend}
	if opts.UIPort != 0 {
		t.ui = uiserver.NewServer(uioptions.WithConfigProvider(&uiconfig.Config{
			Host: opts.IP, Port: opts.UIPort, TemporalGRPCAddress: frontend, EnableUI: true,
			Codec:    uiconfig.Codec{Endpoint: opts.CodecEndpoint},
			CORS:     uiconfig.CORS{CookieInsecure: true},
			HideLogs: true, DisableNewsFetch: true,
		}))
		uiErr := make(chan error, 1)
		go func() { uiErr <- t.ui.Start() }()
		t.UIURL = fmt.Sprintf("http://%s", net.JoinHostPort(opts.IP, strconv.Itoa(opts.UIPort)))
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		select {
		case err := <-uiErr:
			server.Stop()
			return nil, fmt.Errorf("start temporal web ui on port %d: %w", opts.UIPort, err)
		case <-waitListening(ctx, net.JoinHostPort(opts.IP, strconv.Itoa(opts.UIPort))):
			if ctx.Err() != nil {
				t.Stop()
				return nil, fmt.Errorf("temporal web ui did not listen on port %d within 30s", opts.UIPort)
			}
		}
	}
	return t, nil
}

// Stop stops the UI and the server.
func (t *Temporal) Stop() {
	if t.ui != nil {
		t.ui.Stop()
	}
	t.server.Stop()
}

func ensureSchema(sqlConf *config.SQL, opts TemporalOptions) error {
	if _, err := os.Stat(opts.DatabaseFile); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(opts.DatabaseFile), 0o700); err != nil {
			return fmt.Errorf("create temporal data directory: %w", err)
		}
		if err := sqliteschema.SetupSchema(sqlConf); err != nil {
			return fmt.Errorf("create temporal schema in %s: %w", opts.DatabaseFile, err)
		}
	} else if err != nil {
		return fmt.Errorf("temporal database %s: %w", opts.DatabaseFile, err)
	}
	ns, err := sqliteschema.NewNamespaceConfig(clusterName, opts.Namespace, false, opts.SearchAttributes)
	if err != nil {
		return fmt.Errorf("namespace %s: %w", opts.Namespace, err)
	}
	if err := sqliteschema.CreateNamespaces(sqlConf, ns); err != nil {
		return fmt.Errorf("create namespace %s: %w", opts.Namespace, err)
	}
	return nil
}

// serverLogger hands the Temporal server's log lines to slog.
type serverLogger struct{ log *slog.Logger }

func (l serverLogger) Debug(msg string, tags ...tag.Tag) { l.emit(slog.LevelDebug, msg, tags) }
func (l serverLogger) Info(msg string, tags ...tag.Tag)  { l.emit(slog.LevelInfo, msg, tags) }
func (l serverLogger) Warn(msg string, tags ...tag.Tag)  { l.emit(slog.LevelWarn, msg, tags) }
func (l serverLogger) Error(msg string, tags ...tag.Tag) { l.emit(slog.LevelError, msg, tags) }
func (l serverLogger) DPanic(msg string, tags ...tag.Tag) {
	l.emit(slog.LevelError, msg, tags)
}
func (l serverLogger) Panic(msg string, tags ...tag.Tag) { l.emit(slog.LevelError, msg, tags) }
func (l serverLogger) Fatal(msg string, tags ...tag.Tag) { l.emit(slog.LevelError, msg, tags) }

func (l serverLogger) emit(level slog.Level, msg string, tags []tag.Tag) {
	if !l.log.Enabled(context.Background(), level) {
		return
	}
	attrs := make([]slog.Attr, len(tags))
	for i, t := range tags {
		attrs[i] = slog.Any(t.Key(), t.Value())
	}
	l.log.LogAttrs(context.Background(), level, msg, attrs...)
}

var _ log.Logger = serverLogger{}
