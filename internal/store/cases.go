package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/uptrace/bun"
)

// InboundMessage is one message as it arrived, kept with its raw bytes so that
// nothing is lost and a case can always be traced to its source.
type InboundMessage struct {
	bun.BaseModel `bun:"table:inbound_messages"`

	ID int64 `bun:"id,pk,autoincrement"`
	// DedupeKey makes intake exactly-once: "mid:<Message-ID> from:<sender>"
	// or "sha256:<hash>" when the message has no Message-ID.
	DedupeKey   string    `bun:"dedupe_key,notnull"`
	Channel     string    `bun:"channel,notnull"`
	Mailbox     string    `bun:"mailbox,notnull"`
	UIDValidity int64     `bun:"uid_validity,notnull"`
	UID         int64     `bun:"uid,notnull"`
	MessageID   string    `bun:"message_id,notnull"`
	SHA256      string    `bun:"sha256,notnull"`
	ReceivedAt  time.Time `bun:"received_at,notnull"`
	// Raw holds the bytes of messages stored before the vault; newer
	// messages are in the vault under RawBlobID, their attachments apart.
	Raw             []byte    `bun:"raw,notnull"`
	RawBlobID       *int64    `bun:"raw_blob_id"`
	CaseNumber      string    `bun:"case_number,notnull"`
	WorkflowStarted bool      `bun:"workflow_started,notnull"`
	CreatedAt       time.Time `bun:"created_at,nullzero,notnull,default:current_timestamp"`
}

// Case is the engine's record of one rights request. It holds the personal
// data the letters need; the workflow holds only the case number.
type Case struct {
	bun.BaseModel `bun:"table:cases"`

	Number           string    `bun:"number,pk"`
	Channel          string    `bun:"channel,notnull"`
	ReceivedAt       time.Time `bun:"received_at,notnull"`
	Rights           string    `bun:"rights,notnull"` // comma-separated rights.Right names
	Uncertain        bool      `bun:"uncertain,notnull"`
	Language         string    `bun:"language,notnull"`
	RequesterName    string    `bun:"requester_name,notnull"`
	RequesterEmail   string    `bun:"requester_email,notnull"`
	RequesterAddress string    `bun:"requester_address,notnull"` // lines joined by "\n"
	Personnummer     string    `bun:"personnummer,notnull"`      // 12 digits or empty
	InboundID        *int64    `bun:"inbound_id"`
	// Identity evidence found at intake.
	EmailOnRecord        bool `bun:"email_on_record,notnull"`
	PersonnummerOnRecord bool `bun:"personnummer_on_record,notnull"`
	IDAttachments        int  `bun:"id_attachments,notnull"`
	// SubjectConflict: the sender's address is on another person's rows
	// than the personnummer given names.
	SubjectConflict bool `bun:"subject_conflict,notnull"`
	// AddressDiffers: the postal address in the request is not the
	// registered one.
	AddressDiffers bool `bun:"address_differs,notnull"`
	// EarlierRequests counts the same person's requests within the
	// repeat window before this one (Art. 12(5) evidence).
	EarlierRequests int `bun:"earlier_requests,notnull"`
	// VerifiedSubject is the identifier staff verified the requester by
	// ("personnummer" or "email"; empty: both name one person), as the
	// workflow writes it with the projection. Fulfilment acts on it alone.
	VerifiedSubject string `bun:"verified_subject,notnull"`
	// Classification is intake's reading of the message, as JSON: why it
	// became a case, and what a triage case was guessed to ask.
	Classification string `bun:"classification,notnull"`
	// RequestSubject is the request's Subject line, cleaned: the e-mail
	// replies are threaded under it.
	RequestSubject string `bun:"request_subject,notnull"`
	// RegisteredName and RegisteredAddress are the subject's name and
	// postal address (lines joined by "\n") as the address source gave
	// them, taken before erasure could remove them: where post goes.
	RegisteredName    string `bun:"registered_name,notnull"`
	RegisteredAddress string `bun:"registered_address,notnull"`
	// AddressConfirmed: staff confirmed RequesterAddress as where letters
	// go (a `requester` input), over the registered one.
	AddressConfirmed bool      `bun:"address_confirmed,notnull"`
	CreatedAt        time.Time `bun:"created_at,nullzero,notnull,default:current_timestamp"`
}

// RightNames returns the case's rights as a slice.
func (c *Case) RightNames() []string {
	if c.Rights == "" {
		return nil
	}
	return strings.Split(c.Rights, ",")
}

// AddressLines returns the requester's postal address lines, as the
// request gave them or staff corrected them.
func (c *Case) AddressLines() []string { return lines(c.RequesterAddress) }

// RegisteredLines returns the subject's registered postal address lines.
func (c *Case) RegisteredLines() []string { return lines(c.RegisteredAddress) }

func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// ErrNotFound is returned, wrapped, when a record does not exist.
var ErrNotFound = errors.New("not found")

// Content stores a message's bytes (in the vault) inside the transaction
// that records the message, once msg has its id and case number.
type Content func(ctx context.Context, tx bun.IDB, msg *InboundMessage) error

// RecordIntake stores msg and opens its case in one transaction, numbering
// the case DSR-YYYY-NNNNNN by the year of receipt; content, when given,
// stores the message's bytes in the same transaction. When a message with the
// same DedupeKey was stored before, nothing is written and the earlier record
// is returned: the same message delivered twice is one case.
func (s *Store) RecordIntake(ctx context.Context, msg *InboundMessage, c *Case, content Content) (*InboundMessage, error) {
	for attempt := 0; attempt < 3; attempt++ {
		if existing, err := s.inboundByKey(ctx, msg.DedupeKey); err == nil {
			return existing, nil
		} else if !errors.Is(err, ErrNotFound) {
			return nil, err
		}
		inserted := false
		err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			var n int
			year := deadline.DateOf(c.ReceivedAt).Year()
			if err := tx.NewRaw(`INSERT INTO case_counters (year, last) VALUES (?, 1)
				ON CONFLICT (year) DO UPDATE SET last = case_counters.last + 1 RETURNING last`, year).Scan(ctx, &n); err != nil {
				return fmt.Errorf("number the case: %w", err)
			}
			msg.CaseNumber = fmt.Sprintf("DSR-%04d-%06d", year, n)
			res, err := tx.NewInsert().Model(msg).ExcludeColumn("id", "created_at").
				On("CONFLICT (dedupe_key) DO NOTHING").Returning("id").Exec(ctx)
			if err != nil {
				return fmt.Errorf("store inbound message: %w", err)
			}
			if rows, _ := res.RowsAffected(); rows == 0 {
				return errConflict
			}
			c.Number, c.InboundID = msg.CaseNumber, &msg.ID
			if _, err := tx.NewInsert().Model(c).ExcludeColumn("created_at").Exec(ctx); err != nil {
				return fmt.Errorf("store case: %w", err)
			}
			if content != nil {
				if err := content(ctx, tx, msg); err != nil {
					return err
				}
			}
			inserted = true
			return nil
		})
		if errors.Is(err, errConflict) {
			continue // another worker stored it first; read theirs
		}
		if err != nil {
			return nil, err
		}
		if inserted {
			return msg, nil
		}
	}
	return s.inboundByKey(ctx, msg.DedupeKey)
}

var errConflict = errors.New("stored concurrently")

func (s *Store) inboundByKey(ctx context.Context, key string) (*InboundMessage, error) {
	var m InboundMessage
	err := s.db.NewSelect().Model(&m).ExcludeColumn("raw").Where("dedupe_key = ?", key).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("inbound message: %w", ErrNotFound)
	}
	return &m, err
}

// MarkWorkflowStarted records that the case's workflow exists.
func (s *Store) MarkWorkflowStarted(ctx context.Context, inboundID int64) error {
	_, err := s.db.NewUpdate().Model((*InboundMessage)(nil)).Set("workflow_started = ?", true).
		Where("id = ?", inboundID).Exec(ctx)
	return err
}

// Case returns the case numbered number.
func (s *Store) Case(ctx context.Context, number string) (*Case, error) {
	var c Case
	err := s.db.NewSelect().Model(&c).Where("number = ?", number).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("case %s: %w", number, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read case %s: %w", number, err)
	}
	return &c, nil
}

// CaseCount returns how many cases exist.
func (s *Store) CaseCount(ctx context.Context) (int64, error) {
	return s.db.NewSelect().Model((*Case)(nil)).Count(ctx)
}

// SetRegistered records the subject's registered name and postal address
// as the address source gave them; letters by post go there.
func (s *Store) SetRegistered(ctx context.Context, number, name string, lines []string) error {
	_, err := s.db.NewUpdate().Model((*Case)(nil)).Set("registered_name = ?", name).
		Set("registered_address = ?", strings.Join(lines, "\n")).Where("number = ?", number).Exec(ctx)
	return err
}

// CaseOfMessage returns the case whose stored message, or whose answer by
// e-mail, has one of the Message-IDs, or "".
func (s *Store) CaseOfMessage(ctx context.Context, messageIDs []string) (string, error) {
	if len(messageIDs) == 0 {
		return "", nil
	}
	var m InboundMessage
	err := s.db.NewSelect().Model(&m).Column("case_number").Where("message_id IN (?)", bun.List(messageIDs)).Order("id").Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		var out OutgoingMail
		err = s.db.NewSelect().Model(&out).Column("case_number").Where("message_id IN (?)", bun.List(messageIDs)).Order("id").Limit(1).Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return "", nil
		}
		return out.CaseNumber, err
	}
	return m.CaseNumber, err
}

// RecordReply stores a reply under msg.CaseNumber, with its content in the
// same transaction, unless a message with the same DedupeKey was stored, and
// returns the stored record.
func (s *Store) RecordReply(ctx context.Context, msg *InboundMessage, content Content) (*InboundMessage, error) {
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewInsert().Model(msg).ExcludeColumn("id", "created_at").On("CONFLICT (dedupe_key) DO NOTHING").Returning("id").Exec(ctx)
		if err != nil {
			return err
		}
		if rows, _ := res.RowsAffected(); rows == 0 || content == nil {
			return nil
		}
		return content(ctx, tx, msg)
	})
	if err != nil {
		return nil, err
	}
	return s.inboundByKey(ctx, msg.DedupeKey)
}

// CorrectRequester sets the name and the postal address of a case's
// requester, as staff corrected them; an empty name or no address lines
// leaves that part as it was.
func (s *Store) CorrectRequester(ctx context.Context, number, name string, lines []string) error {
	q := s.db.NewUpdate().Model((*Case)(nil)).Where("number = ?", number)
	set := false
	if name != "" {
		q, set = q.Set("requester_name = ?", name), true
	}
	if len(lines) > 0 {
		// Staff wrote the address: it is confirmed as where letters go.
		q, set = q.Set("requester_address = ?", strings.Join(lines, "\n")).Set("address_confirmed = ?", true), true
	}
	if !set {
		return nil
	}
	_, err := q.Exec(ctx)
	return err
}

// CaseMessages lists a case's inbound messages, the request and the replies
// after it, oldest first, without their content.
func (s *Store) CaseMessages(ctx context.Context, number string) ([]InboundMessage, error) {
	var ms []InboundMessage
	err := s.db.NewSelect().Model(&ms).ExcludeColumn("raw").Where("case_number = ?", number).Order("received_at", "id").Scan(ctx)
	return ms, err
}

// CasesOf returns the cases of the person the identifiers name (a
// personnummer, an e-mail address; empty ones name no one), oldest first.
func (s *Store) CasesOf(ctx context.Context, personnummer, email string) ([]Case, error) {
	if personnummer == "" && email == "" {
		return nil, nil
	}
	var cs []Case
	err := s.db.NewSelect().Model(&cs).WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Where("FALSE")
		if personnummer != "" {
			q = q.WhereOr("personnummer = ?", personnummer)
		}
		if email != "" {
			q = q.WhereOr("lower(requester_email) = ?", strings.ToLower(email))
		}
		return q
	}).Order("received_at", "number").Scan(ctx)
	return cs, err
}

// CasesClosedBefore returns the cases closed before cutoff whose records
// are not yet erased.
func (s *Store) CasesClosedBefore(ctx context.Context, cutoff time.Time) ([]string, error) {
	var numbers []string
	err := s.db.NewSelect().Model((*Case)(nil)).Column("number").
		Where("stage = 'closed' AND closed_on <> '' AND closed_on < ? AND records_erased_at IS NULL", cutoff.Format(time.DateOnly)).
		Order("number").Scan(ctx, &numbers)
	return numbers, err
}

// ErasedRecords counts what EraseCaseRecords erased.
type ErasedRecords struct {
	Letters, Mails, Fulfilment int
	// KeyErased: the case's audit key was erased, and with it what the
	// trail sealed about the person.
	KeyErased bool
}

// EraseCaseRecords erases, in one transaction, what a closed case holds
// about the person: its letters and their PDFs, its mails, the fulfilment
// ledger's results (an extract's rows among them), and the case record's
// name, addresses, e-mail address, personnummer and subject line. The case
// number, its dates and its projection stay, and the audit trail.
func (s *Store) EraseCaseRecords(ctx context.Context, number string, at time.Time) (ErasedRecords, error) {
	var n ErasedRecords
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		count := func(res sql.Result, err error) (int, error) {
			if err != nil {
				return 0, err
			}
			k, _ := res.RowsAffected()
			return int(k), nil
		}
		var err error
		if n.Letters, err = count(tx.NewDelete().Model((*Letter)(nil)).Where("case_number = ?", number).Exec(ctx)); err != nil {
			return fmt.Errorf("erase the letters: %w", err)
		}
		if n.Mails, err = count(tx.NewDelete().Model((*OutgoingMail)(nil)).Where("case_number = ?", number).Exec(ctx)); err != nil {
			return fmt.Errorf("erase the mails: %w", err)
		}
		if n.Fulfilment, err = count(tx.NewDelete().Model((*FulfilmentAction)(nil)).Where("case_number = ?", number).Exec(ctx)); err != nil {
			return fmt.Errorf("erase the fulfilment results: %w", err)
		}
		if n.KeyErased, err = eraseCaseKey(ctx, tx, number, at); err != nil {
			return fmt.Errorf("erase the case's audit key: %w", err)
		}
		_, err = tx.NewUpdate().Model((*Case)(nil)).
			Set("requester_name = '', requester_email = '', requester_address = '', personnummer = ''").
			Set("registered_name = '', registered_address = '', request_subject = ''").
			Set("records_erased_at = ?", at.UTC()).Where("number = ?", number).Exec(ctx)
		return err
	})
	return n, err
}
