// Package audit keeps the case's audit trail: append-only events, each
// hash-chained to the one before it in the same case, so that a changed,
// removed or reordered event is found by Verify; signed roots over the
// heads of every case, and the head each case's workflow keeps in its own
// history, catch what a re-hash would hide. The SQL is the store's.
package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/uptrace/bun"
)

// Event is one entry in a case's audit trail. Details carry no personal data
// beyond what the record needs: ids, names of rights, outcomes, hashes.
type Event = store.AuditEvent

// Head is the last event of a case's chain: its sequence number and hash.
type Head = store.AuditHead

// Entry is what a caller appends; the trail adds the sequence and hashes.
type Entry struct {
	CaseNumber string
	Time       time.Time
	Actor      string
	Event      event.Event
	// IdemKey identifies the entry across retries: appending the same key
	// twice writes one event.
	IdemKey string
}

// Genesis is the previous hash of a case's first event.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// Store is what the trail needs of the database.
type Store interface {
	AppendAudit(ctx context.Context, events []store.AuditEvent, expect *store.AuditHead, chain store.Chain, also func(ctx context.Context, tx bun.IDB) error) (store.AuditHead, error)
	AuditEvents(ctx context.Context, number string) ([]store.AuditEvent, error)
	AuditEventsByAction(ctx context.Context, actions ...string) ([]store.AuditEvent, error)
	AuditHeadOf(ctx context.Context, number string) (store.AuditHead, error)
	StreamAuditEvents(ctx context.Context, batch int, fn func([]store.AuditEvent) error) error
	AuditHeadsSince(ctx context.Context, afterID int64) ([]store.AuditHead, int64, error)
	AuditCheckpoints(ctx context.Context) ([]store.AuditCheckpoint, error)
	AuditCheckpointsOf(ctx context.Context, scope string) ([]store.AuditCheckpoint, error)
	LastAuditCheckpoint(ctx context.Context, scope string) (*store.AuditCheckpoint, error)
	SaveAuditCheckpoint(ctx context.Context, c *store.AuditCheckpoint) error
	CaseNumbersCreatedBefore(ctx context.Context, before time.Time) ([]string, error)
	// Seal encrypts text with the case's key; Unseal opens it.
	Seal(ctx context.Context, number, text string) (string, error)
	Unseal(ctx context.Context, number, text string) (string, error)
}

// Trail appends to and reads the audit trail.
type Trail struct {
	st Store
}

// New returns a Trail on st.
func New(st Store) *Trail { return &Trail{st: st} }

// Append writes e as the next event of its case and returns it.
func (t *Trail) Append(ctx context.Context, e Entry) (*Event, error) {
	rows, err := t.encode(ctx, []Entry{e})
	if err != nil {
		return nil, err
	}
	var out Event
	_, err = t.st.AppendAudit(ctx, rows, nil, chainer(&out), nil)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// AppendBatch writes the entries of one case, in order, after expect (the
// head the caller knows; nil when it does not), and runs also in the same
// transaction, so that events and the state they lead to are written
// together or not at all. It returns the case's new head. An entry whose
// IdemKey was written before is not written again.
func (t *Trail) AppendBatch(ctx context.Context, entries []Entry, expect *Head, also func(ctx context.Context, tx bun.IDB) error) (Head, error) {
	rows, err := t.encode(ctx, entries)
	if err != nil {
		return Head{}, err
	}
	return t.st.AppendAudit(ctx, rows, expect, chainer(nil), also)
}

// encode turns entries into rows, the personal text of each event sealed
// with its case's key: the chain hashes what is stored, so erasing the key
// later leaves every hash as it was.
func (t *Trail) encode(ctx context.Context, entries []Entry) ([]Event, error) {
	if len(entries) == 0 {
		return nil, errors.New("no audit entries")
	}
	rows := make([]Event, len(entries))
	for i, e := range entries {
		if e.CaseNumber == "" || e.Event == nil || e.IdemKey == "" {
			return nil, errors.New("audit entry needs a case number, an event and an idempotency key")
		}
		sealed, err := event.Personal(e.Event, func(s string) (string, error) { return t.st.Seal(ctx, e.CaseNumber, s) })
		if err != nil {
			return nil, fmt.Errorf("seal the personal text of %s: %w", e.Event.Action(), err)
		}
		details, err := event.Encode(sealed)
		if err != nil {
			return nil, err
		}
		rows[i] = Event{CaseNumber: e.CaseNumber, OccurredAt: e.Time.UTC().Truncate(time.Microsecond), Actor: e.Actor,
			Action: e.Event.Action(), Details: string(details), IdemKey: e.IdemKey, Format: 2}
	}
	return rows, nil
}

// chainer links events after a head, and copies the last into out.
func chainer(out *Event) store.Chain {
	return func(prevSeq int, prevHash string, events []store.AuditEvent) {
		if prevHash == "" {
			prevHash = Genesis
		}
		var buf []byte
		for i := range events {
			e := &events[i]
			e.Seq, e.PrevHash = prevSeq+1, prevHash
			buf = AppendHashInput(buf[:0], e)
			sum := sha256.Sum256(buf)
			e.Hash = hex.EncodeToString(sum[:])
			prevSeq, prevHash = e.Seq, e.Hash
		}
		if out != nil {
			*out = events[len(events)-1]
		}
	}
}

// AppendHashInput appends to buf what an event's hash covers: its content
// and the previous hash, each field length-prefixed ("len:field;"), so no
// two different events encode alike. It allocates nothing when buf has
// room.
func AppendHashInput(buf []byte, e *Event) []byte {
	field := func(s string) {
		buf = strconv.AppendInt(buf, int64(len(s)), 10)
		buf = append(buf, ':')
		buf = append(buf, s...)
		buf = append(buf, ';')
	}
	field(e.PrevHash)
	field(e.CaseNumber)
	var n [20]byte
	field(string(strconv.AppendInt(n[:0], int64(e.Seq), 10)))
	var ts [40]byte
	field(string(e.OccurredAt.UTC().Truncate(time.Microsecond).AppendFormat(ts[:0], time.RFC3339Nano)))
	field(e.Actor)
	field(e.Action)
	field(e.Details)
	return buf
}

// ComputeHash returns the SHA-256 of the event's hash input, in hex.
func ComputeHash(e *Event) string {
	sum := sha256.Sum256(AppendHashInput(make([]byte, 0, 256+len(e.Details)), e))
	return hex.EncodeToString(sum[:])
}

// ComputeGlobalHash returns the SHA-256 linking a format 1 event into the
// global chain: the previous global hash, the global sequence number and
// the event's own hash, which covers its content.
func ComputeGlobalHash(e *Event) string {
	buf := make([]byte, 0, 160)
	for _, f := range []string{e.GPrevHash, strconv.FormatInt(e.GSeq, 10), e.Hash} {
		buf = strconv.AppendInt(buf, int64(len(f)), 10)
		buf = append(buf, ':')
		buf = append(buf, f...)
		buf = append(buf, ';')
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

// Readable returns an event's details with its sealed personal text
// opened, while the case's key lasts; after the case's records were erased
// such text reads "[erased with the case's records]".
func (t *Trail) Readable(ctx context.Context, e Event) (string, error) {
	if !strings.Contains(e.Details, "sealed:") {
		return e.Details, nil
	}
	ev, err := event.Decode(e.Action, e.Details)
	if err != nil {
		return "", err
	}
	open, err := event.Personal(ev, func(s string) (string, error) {
		plain, err := t.st.Unseal(ctx, e.CaseNumber, s)
		if errors.Is(err, store.ErrCaseKeyErased) {
			return "[erased with the case's records]", nil
		}
		return plain, err
	})
	if err != nil {
		return "", err
	}
	b, err := event.Encode(open)
	return string(b), err
}

// Events returns the case's events in sequence order.
func (t *Trail) Events(ctx context.Context, caseNumber string) ([]Event, error) {
	return t.st.AuditEvents(ctx, caseNumber)
}

// ByAction returns the events with one of the actions, oldest first.
func (t *Trail) ByAction(ctx context.Context, actions ...string) ([]Event, error) {
	return t.st.AuditEventsByAction(ctx, actions...)
}

// CaseNumbers lists every case opened so far.
func (t *Trail) CaseNumbers(ctx context.Context) ([]string, error) {
	return t.st.CaseNumbersCreatedBefore(ctx, time.Now().Add(time.Hour))
}

// Head returns a case's head; Seq 0 when it has no events.
func (t *Trail) Head(ctx context.Context, caseNumber string) (Head, error) {
	return t.st.AuditHeadOf(ctx, caseNumber)
}
