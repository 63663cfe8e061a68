package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// OutgoingMail is one e-mail the engine sends to a person. The row is made
// before the relay is asked, so a retry knows an earlier attempt asked; its
// Message-ID is the idempotency key.
type OutgoingMail struct {
	bun.BaseModel `bun:"table:outgoing_mail"`

	ID         int64  `bun:"id,pk,autoincrement"`
	CaseNumber string `bun:"case_number,notnull"`
	LetterKey  string `bun:"letter_key,notnull"`
	MessageID  string `bun:"message_id,notnull"`
	Recipient  string `bun:"recipient,notnull"`
	SHA256     string `bun:"sha256,notnull"`
	// Raw is the message as first written: every attempt sends these
	// bytes.
	Raw        []byte     `bun:"raw,notnull"`
	State      string     `bun:"state,notnull"`
	Attempts   int        `bun:"attempts,notnull"`
	RelayReply string     `bun:"relay_reply,notnull"`
	Error      string     `bun:"error,notnull"`
	CreatedAt  time.Time  `bun:"created_at,nullzero,notnull,default:current_timestamp"`
	AcceptedAt *time.Time `bun:"accepted_at"`
	FiledAt    *time.Time `bun:"filed_at"`
}

// States of an outgoing mail.
const (
	MailSending  = "sending"  // the relay was or is being asked; its answer is not recorded
	MailAccepted = "accepted" // the relay accepted it
	MailFailed   = "failed"   // the relay refused it for good, or it stayed undelivered
)

// SaveMailIn records m in db (the transaction that stores its letter),
// unless the case has a mail of that key: a retry keeps the first.
func (s *Store) SaveMailIn(ctx context.Context, db bun.IDB, m *OutgoingMail) error {
	db = s.on(db)
	m.State = MailSending
	_, err := db.NewInsert().Model(m).ExcludeColumn("id", "created_at", "accepted_at", "filed_at").
		On("CONFLICT (case_number, letter_key) DO NOTHING").Exec(ctx)
	if err != nil {
		return fmt.Errorf("record outgoing mail: %w", err)
	}
	return nil
}

// SaveMailed stores a letter that goes by e-mail and its mail in one
// transaction: neither is stored without the other.
func (s *Store) SaveMailed(ctx context.Context, l *Letter, m *OutgoingMail) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.SaveLetterIn(ctx, tx, l); err != nil {
			return err
		}
		return s.SaveMailIn(ctx, tx, m)
	})
}

// BeginMail counts one more attempt at the case's mail of the key, while
// it is still to be sent, and returns the mail as it now is. Attempts > 1
// in MailSending means an earlier attempt asked the relay and its answer
// was never recorded.
func (s *Store) BeginMail(ctx context.Context, caseNumber, key string) (*OutgoingMail, error) {
	if _, err := s.db.NewUpdate().Model((*OutgoingMail)(nil)).Set("attempts = attempts + 1").
		Where("case_number = ? AND letter_key = ? AND state = ?", caseNumber, key, MailSending).Exec(ctx); err != nil {
		return nil, fmt.Errorf("count the attempt: %w", err)
	}
	return s.OutgoingMail(ctx, caseNumber, key)
}

// OutgoingMail returns the case's mail of the key.
func (s *Store) OutgoingMail(ctx context.Context, caseNumber, key string) (*OutgoingMail, error) {
	var m OutgoingMail
	err := s.db.NewSelect().Model(&m).Where("case_number = ? AND letter_key = ?", caseNumber, key).Scan(ctx)
	if err != nil {
		return nil, notFound(err, fmt.Sprintf("mail %s of case %s", key, caseNumber))
	}
	return &m, nil
}

// MailAccepted records the relay's answer to a mail it accepted.
func (s *Store) MailAccepted(ctx context.Context, id int64, reply string, at time.Time) error {
	_, err := s.db.NewUpdate().Model((*OutgoingMail)(nil)).Set("state = ?", MailAccepted).Set("relay_reply = ?", reply).
		Set("accepted_at = ?", at.UTC()).Set("error = ''").Where("id = ?", id).Exec(ctx)
	return err
}

// MailError records why an attempt failed; final marks the mail failed for
// good.
func (s *Store) MailError(ctx context.Context, id int64, reason string, final bool) error {
	q := s.db.NewUpdate().Model((*OutgoingMail)(nil)).Set("error = ?", reason).Where("id = ? AND state = ?", id, MailSending)
	if final {
		q = q.Set("state = ?", MailFailed)
	}
	_, err := q.Exec(ctx)
	return err
}

// MailFiled records that the mail's copy is in the mailbox's Sent folder.
func (s *Store) MailFiled(ctx context.Context, id int64, at time.Time) error {
	_, err := s.db.NewUpdate().Model((*OutgoingMail)(nil)).Set("filed_at = ?", at.UTC()).Where("id = ?", id).Exec(ctx)
	return err
}

// InboundMessage returns a stored message, without its content.
func (s *Store) InboundMessage(ctx context.Context, id int64) (*InboundMessage, error) {
	var m InboundMessage
	if err := s.db.NewSelect().Model(&m).ExcludeColumn("raw").Where("id = ?", id).Scan(ctx); err != nil {
		return nil, notFound(err, fmt.Sprintf("inbound message %d", id))
	}
	return &m, nil
}
