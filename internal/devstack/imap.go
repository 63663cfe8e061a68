package devstack

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"sort"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// IMAP is an in-memory IMAP server with one user's mailbox. It keeps nothing
// on disk: the engine's own database remembers what it has read.
type IMAP struct {
	server *imapserver.Server
	ln     net.Listener
	user   *imapmemserver.User
	// Addr is where the server listens.
	Addr string
}

// StartIMAP serves the mailbox of user on addr (such as 127.0.0.1:1143), with
// an INBOX, over plain IMAP: it is for loopback only.
func StartIMAP(addr, user, password string, log *slog.Logger) (*IMAP, error) {
	mem := imapmemserver.New()
	u := imapmemserver.NewUser(user, password)
	if err := u.Create("INBOX", nil); err != nil {
		return nil, err
	}
	mem.AddUser(u)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true,
		Logger:       printfLogger{log},
	})
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen for IMAP on %s: %w", addr, err)
	}
	go srv.Serve(ln)
	return &IMAP{server: srv, ln: ln, user: u, Addr: ln.Addr().String()}, nil
}

// Deliver puts a message in the INBOX as a mail server would, with at as its
// INTERNALDATE.
func (s *IMAP) Deliver(raw []byte, at time.Time) error {
	_, err := s.user.Append("INBOX", bytes.NewReader(raw), &imap.AppendOptions{Time: at})
	return err
}

// Stop closes the server.
func (s *IMAP) Stop() { s.server.Close() }

//go:embed demo/*.eml
var demoFS embed.FS

// DemoMessages returns the demo mail: rights requests of several kinds and
// ordinary customer-service mail, in file-name order. Every personnummer in
// them is a published test number.
func DemoMessages() ([][]byte, error) {
	names, err := fs.Glob(demoFS, "demo/*.eml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out [][]byte
	for _, n := range names {
		b, err := demoFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")))
	}
	return out, nil
}

type printfLogger struct{ log *slog.Logger }

func (l printfLogger) Printf(format string, args ...any) {
	l.log.Warn("imap server: " + fmt.Sprintf(format, args...))
}
