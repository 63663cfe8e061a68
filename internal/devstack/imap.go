package devstack

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// IMAP is an in-memory IMAP server with one user's mailbox. It keeps no mail
// on disk: the engine's own database remembers what it has read. Its
// mailboxes get a UIDVALIDITY no earlier start gave them, so a reader that
// kept a checkpoint from before a restart reads the new mailbox from its
// first message instead of waiting for UIDs past the old ones.
type IMAP struct {
	server *imapserver.Server
	ln     net.Listener
	mem    *imapmemserver.Server
	user   *imapmemserver.User
	// customers are the mailboxes the local SMTP server delivers the
	// engine's answers to, one user per address, made on first delivery.
	mu        sync.Mutex
	customers map[string]*imapmemserver.User
	// CustomerPassword logs in to every customer's mailbox.
	CustomerPassword string
	// Addr is where the server listens.
	Addr string
}

// StartIMAP serves the mailbox of user on addr (such as 127.0.0.1:1143), with
// an INBOX, over plain IMAP: it is for loopback only. stateFile (under the
// data directory) counts the starts, so that each start's UIDVALIDITY is
// new; empty, every start begins at 1.
func StartIMAP(addr, user, password, stateFile string, log *slog.Logger) (*IMAP, error) {
	mem := imapmemserver.New()
	u := imapmemserver.NewUser(user, password)
	base, err := nextEpoch(stateFile)
	if err != nil {
		return nil, err
	}
	// The in-memory server numbers a user's mailboxes 1, 2, 3… as they are
	// created; creating and deleting a placeholder moves the count on.
	for range base {
		if err := u.Create(".epoch", nil); err != nil {
			return nil, err
		}
		if err := u.Delete(".epoch"); err != nil {
			return nil, err
		}
	}
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
	return &IMAP{server: srv, ln: ln, mem: mem, user: u, Addr: ln.Addr().String(), customers: map[string]*imapmemserver.User{}, CustomerPassword: password}, nil
}

// mailboxesPerStart is the room each start leaves for the mailboxes created
// while it runs (INBOX, the processed and quarantine folders, a few more).
const mailboxesPerStart = 64

// nextEpoch reads how many starts stateFile has counted, counts this one and
// returns the number of mailbox numbers earlier starts may have used.
func nextEpoch(stateFile string) (uint32, error) {
	if stateFile == "" {
		return 0, nil
	}
	var starts uint32
	b, err := os.ReadFile(stateFile)
	switch {
	case err == nil:
		n, perr := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 32)
		if perr != nil || n >= 1<<16 {
			return 0, fmt.Errorf("%s: not a count of starts; delete it to begin again", stateFile)
		}
		starts = uint32(n)
	case !errors.Is(err, os.ErrNotExist):
		return 0, err
	}
	tmp := stateFile + ".tmp"
	if err := os.WriteFile(tmp, []byte(strconv.FormatUint(uint64(starts+1), 10)+"\n"), 0o600); err != nil {
		return 0, err
	}
	if err := os.Rename(tmp, stateFile); err != nil {
		return 0, err
	}
	return starts * mailboxesPerStart, nil
}

// Deliver puts a message in the INBOX as a mail server would, with at as its
// INTERNALDATE.
func (s *IMAP) Deliver(raw []byte, at time.Time) error {
	_, err := s.user.Append("INBOX", bytes.NewReader(raw), &imap.AppendOptions{Time: at})
	return err
}

// DeliverTo puts a message in the INBOX of the mailbox of address: the
// kundservice mailbox's own, or a customer's, which is made on its first
// mail (log in as the address, with CustomerPassword).
func (s *IMAP) DeliverTo(address string, raw []byte, at time.Time) error {
	address = strings.ToLower(strings.TrimSpace(address))
	s.mu.Lock()
	u, ok := s.customers[address]
	if !ok {
		u = imapmemserver.NewUser(address, s.CustomerPassword)
		if err := u.Create("INBOX", nil); err != nil {
			s.mu.Unlock()
			return err
		}
		s.mem.AddUser(u)
		s.customers[address] = u
	}
	s.mu.Unlock()
	_, err := u.Append("INBOX", bytes.NewReader(raw), &imap.AppendOptions{Time: at})
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
