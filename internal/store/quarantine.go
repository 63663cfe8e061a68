package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Quarantined is a message intake set aside: it could not be stored or its
// case could not be opened, for a reason retrying cannot mend.
type Quarantined struct {
	bun.BaseModel `bun:"table:intake_quarantine"`

	ID          int64     `bun:"id,pk,autoincrement"`
	Mailbox     string    `bun:"mailbox,notnull"`
	UIDValidity int64     `bun:"uid_validity,notnull"`
	UID         int64     `bun:"uid,notnull"`
	SHA256      string    `bun:"sha256,notnull"`
	Size        int64     `bun:"size,notnull"`
	ReceivedAt  time.Time `bun:"received_at,notnull"`
	// Folder is the mail folder the message was moved to.
	Folder string `bun:"folder,notnull"`
	// CaseNumber is set when the message was stored and numbered before
	// its case could not be opened.
	CaseNumber    string    `bun:"case_number,notnull"`
	Reason        string    `bun:"reason,notnull"`
	QuarantinedAt time.Time `bun:"quarantined_at,nullzero,notnull,default:current_timestamp"`
}

// Quarantine records a message set aside; recording the same message twice
// keeps the first record.
func (s *Store) Quarantine(ctx context.Context, q *Quarantined) error {
	_, err := s.db.NewInsert().Model(q).ExcludeColumn("id", "quarantined_at").On("CONFLICT (mailbox, uid_validity, uid) DO NOTHING").Exec(ctx)
	return err
}

// QuarantinedMessages lists the messages set aside, newest first.
func (s *Store) QuarantinedMessages(ctx context.Context) ([]Quarantined, error) {
	var out []Quarantined
	err := s.db.NewSelect().Model(&out).Order("id DESC").Scan(ctx)
	return out, err
}
