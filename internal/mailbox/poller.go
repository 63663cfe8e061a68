package mailbox

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/harmoniq/dsr/internal/imapfolder"
	"github.com/harmoniq/dsr/internal/store"
)

// Security is how the IMAP connection is protected.
type Security string

// Connection security modes. Plain is allowed only to a loopback address.
const (
	SecurityTLS      Security = "tls"
	SecurityStartTLS Security = "starttls"
	SecurityPlain    Security = "plain"
)

// Config says which mailbox to read and how.
type Config struct {
	Addr     string
	User     string
	Password string
	Security Security
	// Mailbox is the folder new mail arrives in, usually INBOX.
	Mailbox string
	// ProcessedFolder receives messages that became cases or replies.
	ProcessedFolder string
	// QuarantineFolder receives messages that could not be parsed; each is
	// a triage case too.
	QuarantineFolder string
	// OtherFolder, when set, receives mail that is not a rights request;
	// empty leaves it in the mailbox for customer service.
	OtherFolder  string
	PollInterval time.Duration
	// MaxMessageBytes caps the size of a message taken in; larger ones
	// stay in the mailbox for staff. Messages are streamed, never held
	// whole in memory, so the cap is about storage, not memory.
	MaxMessageBytes int64
	TLSConfig       *tls.Config

	unilateral *imapclient.UnilateralDataHandler
}

// Poller reads new messages from the mailbox and hands them to a Processor.
type Poller struct {
	Config    Config
	Processor *Processor
	Log       *slog.Logger
	// Leases, when set, makes this poller read the mailbox only while it
	// holds the mailbox's lease, so that of several workers one reads and
	// the others stand by, taking over when the reader dies.
	Leases *store.Store
	// Counted, when set, is told what became of each message read:
	// "request", "reply", "other", "set_aside" or "too_large".
	Counted func(outcome string)

	// failures counts, per message, the polls in a row it failed in for a
	// reason not known to be permanent: past maxAttempts it is set aside,
	// so that no message holds the mail behind it for ever.
	failures map[failureKey]int
}

type failureKey struct {
	uidValidity uint32
	uid         imap.UID
}

// maxAttempts is how many polls in a row a message may fail in before it
// is set aside. A database or Temporal outage stops the poll before any
// message is read, or fails with a transient error, and never counts.
const maxAttempts = 3

// Run polls until ctx ends, reconnecting with backoff after any failure.
func (p *Poller) Run(ctx context.Context) error {
	backoff := time.Second
	var lease *store.Holder
	if p.Leases != nil {
		lease = &store.Holder{Store: p.Leases, Name: "mailbox " + p.Config.Addr + " " + p.Config.User + " " + p.Config.Mailbox}
		defer lease.Release()
	}
	said := "" // what this worker last said of its part: each change is said once
	for {
		if lease != nil {
			held, err := lease.Hold(ctx)
			if err != nil && ctx.Err() == nil {
				p.Log.Warn("mailbox lease lost or not asked for; reading stops until it is held", "mailbox", p.Config.Mailbox, "error", err)
			}
			part := "another worker reads the mailbox; this one stands by to take over"
			if held {
				part = "this worker reads the mailbox"
			}
			if part != said {
				p.Log.Info(part, "mailbox", p.Config.Mailbox)
				said = part
			}
			if !held {
				select {
				case <-ctx.Done():
					return nil
				case <-time.After(min(p.Config.PollInterval, 10*time.Second)):
				}
				continue
			}
		}
		n, err := p.PollOnce(ctx)
		if ctx.Err() != nil {
			return nil
		}
		wait := p.Config.PollInterval
		if err != nil {
			p.Log.Warn("mailbox poll failed; retrying", "mailbox", p.Config.Mailbox, "retry_in", backoff.String(), "error", err)
			wait = backoff
			backoff = min(backoff*2, 2*time.Minute)
		} else {
			backoff = time.Second
			if n > 0 {
				p.Log.Info("mailbox polled", "mailbox", p.Config.Mailbox, "messages", n)
			}
		}
		if err == nil {
			// Where the server offers IDLE, wait for new mail to be announced;
			// the poll interval stays the upper bound either way.
			p.idle(ctx, wait)
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
	}
}

func (p *Poller) count(outcome string) {
	if p.Counted != nil {
		p.Counted(outcome)
	}
}

// idle waits until the server announces new mail in the mailbox, max has
// passed, or ctx ends. Without IDLE, or on any error, it just waits max.
func (p *Poller) idle(ctx context.Context, max time.Duration) {
	newMail := make(chan struct{}, 1)
	cfg := p.Config
	cfg.unilateral = &imapclient.UnilateralDataHandler{Mailbox: func(d *imapclient.UnilateralDataMailbox) {
		if d.NumMessages != nil {
			select {
			case newMail <- struct{}{}:
			default:
			}
		}
	}}
	wait := func() {
		select {
		case <-ctx.Done():
		case <-time.After(max):
		}
	}
	cl, err := cfg.Dial()
	if err != nil {
		wait()
		return
	}
	defer cl.Close()
	if !cl.Caps().Has(imap.CapIdle) && !cl.Caps().Has(imap.CapIMAP4rev2) {
		wait()
		return
	}
	if _, err := cl.Select(cfg.Mailbox, nil).Wait(); err != nil {
		wait()
		return
	}
	cmd, err := cl.Idle()
	if err != nil {
		wait()
		return
	}
	select {
	case <-ctx.Done():
	case <-newMail:
	case <-time.After(max):
	case <-cl.Closed():
	}
	cmd.Close()
	cmd.Wait()
	cl.Logout().Wait()
}

// Dial connects and logs in. Plain connections are refused unless the
// address is on loopback, so a password never crosses a network in clear.
func (c Config) Dial() (*imapclient.Client, error) {
	opts := &imapclient.Options{TLSConfig: c.TLSConfig, UnilateralDataHandler: c.unilateral}
	var cl *imapclient.Client
	var err error
	switch c.Security {
	case SecurityTLS, "":
		cl, err = imapclient.DialTLS(c.Addr, opts)
	case SecurityStartTLS:
		cl, err = imapclient.DialStartTLS(c.Addr, opts)
	case SecurityPlain:
		if !Loopback(c.Addr) {
			return nil, fmt.Errorf("plain IMAP to %s refused: plain is allowed only on loopback; use tls or starttls", c.Addr)
		}
		cl, err = imapclient.DialInsecure(c.Addr, opts)
	default:
		return nil, fmt.Errorf("unknown IMAP security %q", c.Security)
	}
	if err != nil {
		return nil, fmt.Errorf("connect to IMAP server %s: %w", c.Addr, err)
	}
	if err := cl.Login(c.User, c.Password).Wait(); err != nil {
		cl.Close()
		return nil, fmt.Errorf("log in to IMAP server %s: %w", c.Addr, err)
	}
	return cl, nil
}

// Loopback says whether addr (host:port) is on this machine: the one place
// a password or token may travel without TLS.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// PollOnce reads every message that arrived since the checkpoint, processes
// each, and returns how many it read. The checkpoint advances past a message
// only after the message is fully handled, so a crash re-reads it, and the
// store's dedupe key makes the re-read harmless.
func (p *Poller) PollOnce(ctx context.Context) (int, error) {
	cl, err := p.Config.Dial()
	if err != nil {
		return 0, err
	}
	defer func() {
		_ = cl.Logout().Wait()
		cl.Close()
	}()

	sel, err := cl.Select(p.Config.Mailbox, nil).Wait()
	if err != nil {
		return 0, fmt.Errorf("select %s: %w", p.Config.Mailbox, err)
	}
	cp, err := p.Processor.Store.Checkpoint(ctx, p.Config.Mailbox)
	if err != nil {
		return 0, err
	}
	last := imap.UID(cp.LastUID)
	if cp.UIDValidity != int64(sel.UIDValidity) {
		// The server renumbered the mailbox: read it all again. Messages
		// stored before are found by their dedupe key, not opened twice.
		last = 0
	} else if sel.UIDNext != 0 && sel.UIDNext <= last {
		// The next UID is one already read: the server lost its mailbox
		// and began again without a new UIDVALIDITY (a restored backup, a
		// restarted test server). Read it all again; what was stored
		// before is found by its dedupe key.
		p.Log.Warn("the mailbox was renumbered without a new UIDVALIDITY; reading it again from the start", "mailbox", p.Config.Mailbox)
		last = 0
	}
	if sel.NumMessages == 0 || (sel.UIDNext != 0 && sel.UIDNext <= last+1) {
		return 0, p.Processor.Store.SaveCheckpoint(ctx, p.Config.Mailbox, int64(sel.UIDValidity), int64(last))
	}
	uids, err := p.newUIDs(cl, last)
	if err != nil {
		return 0, err
	}
	ready := map[string]bool{}
	// Each case's workflow is started while the next messages are read and
	// stored, up to startsInFlight at once; what follows a start (the move,
	// the checkpoint) is still done one message at a time, in UID order.
	var pending []*taken
	inflight := map[string]*startInFlight{} // by case number, this poll
	// A reply to a case whose start is still running waits for it.
	withStarts := context.WithValue(ctx, startWaiterKey{}, startWaiter(func(number string) error {
		if f := inflight[number]; f != nil {
			<-f.done
			return f.err
		}
		return nil
	}))
	finishOldest := func() error {
		t := pending[0]
		pending = pending[1:]
		return p.finish(ctx, cl, ready, sel.UIDValidity, t)
	}
	drain := func() error {
		for len(pending) > 0 {
			if err := finishOldest(); err != nil {
				return err
			}
		}
		return nil
	}
	for i, uid := range uids {
		if ctx.Err() != nil {
			return i, ctx.Err()
		}
		msg, sp, err := p.fetch(cl, uid)
		if err != nil {
			// The paths below move or record this message at once: what
			// was read before it is finished first.
			if err := drain(); err != nil {
				return i, err
			}
		}
		if errors.Is(err, errVanished) {
			// Deleted by someone else between the search and the fetch.
			if err := p.Processor.Store.SaveCheckpoint(ctx, p.Config.Mailbox, int64(sel.UIDValidity), int64(uid)); err != nil {
				return i, err
			}
			continue
		}
		if err != nil && !errors.Is(err, ErrTooLarge) {
			// The server cannot give this one message: the same answer
			// polls in a row (at once, when it answers with no body) sets
			// it aside unread, and the mail behind it goes on.
			if !errors.Is(err, errUnfetchable) && !p.failedAgain(sel.UIDValidity, uid, err) {
				return i, err
			}
			msg.UID, msg.Mailbox, msg.UIDValidity = uint32(uid), p.Config.Mailbox, sel.UIDValidity
			if err := p.setAside(ctx, cl, ready, msg, "", permanent("the IMAP server does not give the message", err)); err != nil {
				return i, err
			}
			if err := p.Processor.Store.SaveCheckpoint(ctx, p.Config.Mailbox, int64(sel.UIDValidity), int64(uid)); err != nil {
				return i, err
			}
			continue
		}
		if errors.Is(err, ErrTooLarge) {
			if err := p.leaveTooLarge(ctx, msg, sel.UIDValidity); err != nil {
				return i, err
			}
		} else {
			msg.Mailbox, msg.UIDValidity = p.Config.Mailbox, sel.UIDValidity
			t := &taken{msg: msg}
			var start func(context.Context) error
			t.out, start, t.err = p.process(withStarts, msg)
			sp.Close()
			if t.err == nil && start != nil {
				t.started = make(chan error, 1)
				if prev := inflight[t.out.CaseNumber]; prev != nil {
					// The same case again (the same mail delivered twice):
					// its start is running; this message waits for it
					// rather than starting the case a second time.
					go func() { <-prev.done; t.started <- prev.err }()
				} else {
					f := &startInFlight{done: make(chan struct{})}
					inflight[t.out.CaseNumber] = f
					go func() {
						f.err = p.startSafely(ctx, msg, start)
						close(f.done)
						t.started <- f.err
					}()
				}
			}
			pending = append(pending, t)
			if len(pending) >= startsInFlight {
				if err := finishOldest(); err != nil {
					return i, err
				}
			}
			continue
		}
		if err := p.Processor.Store.SaveCheckpoint(ctx, p.Config.Mailbox, int64(sel.UIDValidity), int64(uid)); err != nil {
			return i, err
		}
	}
	if err := drain(); err != nil {
		return len(uids), err
	}
	return len(uids), nil
}

// startsInFlight is how many cases' workflow starts a poll has running at
// once while it reads on.
const startsInFlight = 4

// startInFlight is a case's start running in this poll, which a second
// message of the same case waits for.
type startInFlight struct {
	done chan struct{}
	err  error
}

// taken is a message read and processed whose case's start may still be
// running.
type taken struct {
	msg     Inbound
	out     Outcome
	err     error
	started chan error // nil when there was no start to make
}

// startSafely runs a case's start, turning a panic into a permanent error
// as process does.
func (p *Poller) startSafely(ctx context.Context, msg Inbound, start func(context.Context) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = p.panicked(msg, r)
		}
	}()
	return classify("open its case", start(ctx))
}

// finish does what follows a message's processing, once its case's start
// has returned: one bad message is set aside, a good one is moved to its
// folder, and the checkpoint passes it. An error stops the poll; the
// message stays for the next.
func (p *Poller) finish(ctx context.Context, cl *imapclient.Client, ready map[string]bool, uidValidity uint32, t *taken) error {
	msg, out, err := t.msg, t.out, t.err
	if err == nil && t.started != nil {
		err = <-t.started
	}
	uid := imap.UID(msg.UID)
	if err != nil && !errors.Is(err, ErrPermanent) && !isTransient(err) && p.failedAgain(uidValidity, uid, err) {
		err = permanent(fmt.Sprintf("failed %d polls in a row", maxAttempts), err)
	}
	if errors.Is(err, ErrPermanent) {
		// One bad message is set aside with its reason, and the mail
		// behind it goes on.
		if err := p.setAside(ctx, cl, ready, msg, out.CaseNumber, err); err != nil {
			return err
		}
		return p.Processor.Store.SaveCheckpoint(ctx, p.Config.Mailbox, int64(uidValidity), int64(uid))
	}
	if err != nil {
		return err
	}
	delete(p.failures, failureKey{uidValidity, uid})
	switch {
	case out.Reply:
		p.count("reply")
	case out.IsRequest:
		p.count("request")
	default:
		p.count("other")
	}
	dest := p.Config.OtherFolder
	switch {
	case out.Unparseable && p.Config.QuarantineFolder != "":
		dest = p.Config.QuarantineFolder
	case out.IsRequest:
		dest = p.Config.ProcessedFolder
	}
	if dest != "" {
		if !ready[dest] {
			if err := imapfolder.Ensure(cl, dest); err != nil {
				return err
			}
			ready[dest] = true
		}
		if _, err := cl.Move(imap.UIDSetNum(uid), dest).Wait(); err != nil {
			return fmt.Errorf("move uid %d to %s: %w", uid, dest, err)
		}
	}
	switch {
	case out.AfterClosure:
		p.Log.Info("reply to a closed case kept in its audit trail", "case", out.CaseNumber, "uid", uint32(uid))
	case out.Reply:
		p.Log.Info("reply delivered to its case", "case", out.CaseNumber, "uid", uint32(uid))
	case out.IsRequest:
		p.Log.Info("rights request taken in", "case", out.CaseNumber, "uid", uint32(uid), "quarantined", out.Unparseable)
	}
	return p.Processor.Store.SaveCheckpoint(ctx, p.Config.Mailbox, int64(uidValidity), int64(uid))
}

// setAside moves a message intake cannot take in to the quarantine folder,
// where it stays whole, and records why.
func (p *Poller) setAside(ctx context.Context, cl *imapclient.Client, ready map[string]bool, msg Inbound, caseNumber string, cause error) error {
	folder := p.Config.QuarantineFolder
	if folder == "" {
		folder = DefaultQuarantineFolder
	}
	if !ready[folder] {
		if err := imapfolder.Ensure(cl, folder); err != nil {
			return err
		}
		ready[folder] = true
	}
	hash := "" // unknown when the server would not give the message
	if msg.Body != nil {
		hash, _ = hashOf(msg.reader())
	}
	if _, err := cl.Move(imap.UIDSetNum(imap.UID(msg.UID)), folder).Wait(); err != nil {
		return fmt.Errorf("move uid %d to %s: %w", msg.UID, folder, err)
	}
	reason := reasonText(cause)
	p.count("set_aside")
	p.Log.Warn("message set aside: it cannot be taken in; the mail behind it goes on", "mailbox", p.Config.Mailbox, "uid", msg.UID, "folder", folder, "reason", reason)
	q := &store.Quarantined{Mailbox: msg.Mailbox, UIDValidity: int64(msg.UIDValidity), UID: int64(msg.UID), SHA256: hash, Size: msg.Size,
		ReceivedAt: msg.ReceivedAt.UTC(), Folder: folder, CaseNumber: caseNumber, Reason: reason}
	if err := p.Processor.Store.Quarantine(ctx, q); err != nil {
		// The message is safe in the folder; only the note of why is lost.
		p.Log.Error("the reason a message was set aside could not be recorded", "uid", msg.UID, "error", err)
	}
	delete(p.failures, failureKey{msg.UIDValidity, imap.UID(msg.UID)})
	return nil
}

// failedAgain counts one more failure of a message and says whether it has
// now failed maxAttempts polls in a row. A failure that may pass (the
// connection, the database) is not counted.
func (p *Poller) failedAgain(uidValidity uint32, uid imap.UID, err error) bool {
	if isTransient(err) {
		return false
	}
	key := failureKey{uidValidity, uid}
	if p.failures == nil {
		p.failures = map[failureKey]int{}
	}
	p.failures[key]++
	return p.failures[key] >= maxAttempts
}

// errUnfetchable is a message the server lists and will not give.
var errUnfetchable = errors.New("the server gives no body for it")

// process takes in one message. A panic on it (a bug that this message
// reaches) is a permanent failure of this message: it is set aside and the
// engine goes on with the mail behind it.
func (p *Poller) process(ctx context.Context, msg Inbound) (out Outcome, start func(context.Context) error, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, start, err = Outcome{}, nil, p.panicked(msg, r)
		}
	}()
	return p.Processor.ProcessDeferred(ctx, msg)
}

// panicked logs a panic recovered while taking msg in and returns the
// permanent failure that sets the message aside.
func (p *Poller) panicked(msg Inbound, r any) error {
	// A runtime error names no data; any other value might.
	what := fmt.Sprintf("%T", r)
	if re, ok := r.(runtime.Error); ok {
		what = re.Error()
	}
	p.Log.Error("intake failed on a message (a bug); it is set aside", "uid", msg.UID, "panic", what, "stack", string(debug.Stack()))
	return permanent("intake failed on this message (a bug; the worker log has the details)", fmt.Errorf("panic"))
}

// leaveTooLarge leaves a message over the size cap where it is, for staff,
// and records it with the messages set aside so that it is on the list
// staff read, not only in a log line.
func (p *Poller) leaveTooLarge(ctx context.Context, msg Inbound, uidValidity uint32) error {
	reason := fmt.Sprintf("%d bytes, over IMAP_MAX_MESSAGE_BYTES (%d); left in %s for staff to handle by hand", msg.Size, p.Config.MaxMessageBytes, p.Config.Mailbox)
	p.Log.Warn("message over the size cap left in the mailbox for staff", "mailbox", p.Config.Mailbox, "uid", msg.UID, "size", msg.Size)
	p.count("too_large")
	q := &store.Quarantined{Mailbox: p.Config.Mailbox, UIDValidity: int64(uidValidity), UID: int64(msg.UID), Size: msg.Size,
		ReceivedAt: msg.ReceivedAt.UTC(), Folder: p.Config.Mailbox, Reason: reason}
	if err := p.Processor.Store.Quarantine(ctx, q); err != nil {
		if isTransient(err) {
			return err
		}
		p.Log.Error("a message over the size cap could not be recorded", "uid", msg.UID, "error", err)
	}
	return nil
}

// errVanished is a message gone between the search and the fetch.
var errVanished = errors.New("message vanished")

// DefaultQuarantineFolder takes messages set aside when no
// IMAP_QUARANTINE_FOLDER is configured.
const DefaultQuarantineFolder = "Quarantine"

func reasonText(err error) string {
	s := strings.TrimPrefix(err.Error(), ErrPermanent.Error()+": ")
	if len(s) > 500 {
		s = s[:500] + "…"
	}
	return strings.ToValidUTF8(s, "")
}

// newUIDs lists the UIDs above last, in order. "last+1:*" also matches the
// highest UID when it is below last+1, so the list is filtered.
func (p *Poller) newUIDs(cl *imapclient.Client, last imap.UID) ([]imap.UID, error) {
	var set imap.UIDSet
	set.AddRange(last+1, 0)
	data, err := cl.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{set}}, nil).Wait()
	if err != nil {
		return nil, fmt.Errorf("search new messages: %w", err)
	}
	var out []imap.UID
	for _, uid := range data.AllUIDs() {
		if uid > last {
			out = append(out, uid)
		}
	}
	slices.Sort(out)
	return out, nil
}

// fetch streams one message into a spool, never more than the size cap.
// The caller closes the spool.
func (p *Poller) fetch(cl *imapclient.Client, uid imap.UID) (Inbound, *spool, error) {
	set := imap.UIDSetNum(uid)
	meta, err := cl.Fetch(set, &imap.FetchOptions{UID: true, RFC822Size: true, InternalDate: true}).Collect()
	if err != nil {
		return Inbound{}, nil, fmt.Errorf("fetch uid %d: %w", uid, err)
	}
	if len(meta) == 0 {
		return Inbound{}, nil, fmt.Errorf("fetch uid %d: %w", uid, errVanished)
	}
	max := p.Config.MaxMessageBytes
	if max <= 0 {
		max = 1 << 30
	}
	if meta[0].RFC822Size > max {
		return Inbound{UID: uint32(uid), ReceivedAt: meta[0].InternalDate, Size: meta[0].RFC822Size}, nil, fmt.Errorf("uid %d: %w", uid, ErrTooLarge)
	}
	section := &imap.FetchItemBodySection{Peek: true}
	// Close is called once on every path: a second call would wait for an
	// answer that never comes.
	cmd := cl.Fetch(set, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}})
	var sp *spool
	for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
		for item := msg.Next(); item != nil; item = msg.Next() {
			body, ok := item.(imapclient.FetchItemDataBodySection)
			if !ok || body.Literal == nil || sp != nil {
				continue
			}
			if sp, err = fill(body.Literal, meta[0].RFC822Size, max); err != nil {
				if errors.Is(err, ErrTooLarge) {
					err = fmt.Errorf("uid %d: %w", uid, err)
				} else {
					err = fmt.Errorf("fetch uid %d: %w", uid, err)
				}
				cmd.Close()
				return Inbound{}, nil, err
			}
		}
	}
	if err := cmd.Close(); err != nil {
		if sp != nil {
			sp.Close()
		}
		return Inbound{}, nil, fmt.Errorf("fetch uid %d: %w", uid, err)
	}
	if sp == nil {
		return Inbound{}, nil, fmt.Errorf("fetch uid %d: %w", uid, errVanished)
	}
	if sp.size == 0 && meta[0].RFC822Size > 0 {
		sp.Close()
		return Inbound{UID: uint32(uid), ReceivedAt: meta[0].InternalDate, Size: meta[0].RFC822Size}, nil, fmt.Errorf("fetch uid %d of %d bytes: %w", uid, meta[0].RFC822Size, errUnfetchable)
	}
	return Inbound{UID: uint32(uid), ReceivedAt: meta[0].InternalDate, Body: sp, Size: sp.size}, sp, nil
}
