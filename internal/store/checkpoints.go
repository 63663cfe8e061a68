package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"
)

// Checkpoint is how far intake has read one mailbox.
type Checkpoint struct {
	bun.BaseModel `bun:"table:mailbox_checkpoints"`

	Mailbox     string    `bun:"mailbox,pk"`
	UIDValidity int64     `bun:"uid_validity,notnull"`
	LastUID     int64     `bun:"last_uid,notnull"`
	UpdatedAt   time.Time `bun:"updated_at,notnull"`
}

// Checkpoint returns the mailbox's checkpoint, zero when it was never read.
func (s *Store) Checkpoint(ctx context.Context, mailbox string) (Checkpoint, error) {
	cp := Checkpoint{Mailbox: mailbox}
	err := s.db.NewSelect().Model(&cp).WherePK().Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return Checkpoint{Mailbox: mailbox}, nil
	}
	return cp, err
}

// SaveCheckpoint records that every message of mailbox up to lastUID under
// uidValidity has been handled.
func (s *Store) SaveCheckpoint(ctx context.Context, mailbox string, uidValidity, lastUID int64) error {
	cp := Checkpoint{Mailbox: mailbox, UIDValidity: uidValidity, LastUID: lastUID, UpdatedAt: time.Now().UTC()}
	_, err := s.db.NewInsert().Model(&cp).
		On("CONFLICT (mailbox) DO UPDATE").
		Set("uid_validity = EXCLUDED.uid_validity, last_uid = EXCLUDED.last_uid, updated_at = EXCLUDED.updated_at").
		Exec(ctx)
	return err
}
