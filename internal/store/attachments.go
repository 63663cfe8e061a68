package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/harmoniq/dsr/internal/vault"
	"github.com/uptrace/bun"
)

// Attachment is one file that came with an inbound message, stored apart
// from it in the vault. A deleted attachment keeps its row, without file
// name or content, so the case can still say what there was and when it went.
type Attachment struct {
	bun.BaseModel `bun:"table:attachments"`

	ID            int64      `bun:"id,pk,autoincrement"`
	InboundID     int64      `bun:"inbound_id,notnull"`
	CaseNumber    string     `bun:"case_number,notnull"`
	Part          int        `bun:"part,notnull"`
	Filename      string     `bun:"filename,notnull"`
	ContentType   string     `bun:"content_type,notnull"`
	Size          int64      `bun:"size,notnull"`
	IDDocument    bool       `bun:"id_document,notnull"`
	BlobID        *int64     `bun:"blob_id"`
	DeletedAt     *time.Time `bun:"deleted_at"`
	DeletedReason string     `bun:"deleted_reason,notnull"`
}

// ErrNoVault is returned when files must be stored or read and the store
// was opened without encryption keys.
var ErrNoVault = errors.New("no vault: the store was opened without encryption keys (PAYLOAD_KEYS)")

// Attachments lists a case's attachments in the order they arrived.
func (s *Store) Attachments(ctx context.Context, caseNumber string) ([]Attachment, error) {
	var out []Attachment
	err := s.db.NewSelect().Model(&out).Where("case_number = ?", caseNumber).Order("inbound_id", "part").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("list attachments of %s: %w", caseNumber, err)
	}
	return out, nil
}

// OpenAttachment streams the decrypted content of a case's attachment.
func (s *Store) OpenAttachment(ctx context.Context, caseNumber string, id int64) (*Attachment, io.Reader, error) {
	if s.Vault == nil {
		return nil, nil, ErrNoVault
	}
	var a Attachment
	err := s.db.NewSelect().Model(&a).Where("id = ? AND case_number = ?", id, caseNumber).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, fmt.Errorf("attachment %d of %s: %w", id, caseNumber, ErrNotFound)
	} else if err != nil {
		return nil, nil, err
	}
	if a.DeletedAt != nil {
		return &a, nil, fmt.Errorf("attachment %d of %s: %w on %s (%s)", id, caseNumber, vault.ErrDeleted, a.DeletedAt.Format("2006-01-02"), a.DeletedReason)
	}
	if a.BlobID == nil {
		return &a, nil, fmt.Errorf("attachment %d of %s has no stored content", id, caseNumber)
	}
	r, err := s.Vault.Open(ctx, s.Files(nil), *a.BlobID)
	return &a, r, err
}

// RawMessage streams the stored bytes of an inbound message: from the vault,
// or from the row for messages stored before it. Attachments stored apart
// are not in it; their parts carry their headers only.
func (s *Store) RawMessage(ctx context.Context, inboundID int64) (io.Reader, error) {
	var m InboundMessage
	if err := s.db.NewSelect().Model(&m).Where("id = ?", inboundID).Scan(ctx); errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("inbound message %d: %w", inboundID, ErrNotFound)
	} else if err != nil {
		return nil, err
	}
	if m.RawBlobID == nil {
		return bytes.NewReader(m.Raw), nil
	}
	if s.Vault == nil {
		return nil, ErrNoVault
	}
	return s.Vault.Open(ctx, s.Files(nil), *m.RawBlobID)
}

// DeleteIDCopies deletes the content and file names of a case's attachments
// that are ID-document copies and still stored, and returns how many it
// deleted. also names attachments of the case to treat as ID copies though
// intake did not flag them; those that are not the case's are returned as
// unknown, and the rest still go. Calling it again deletes nothing more.
func (s *Store) DeleteIDCopies(ctx context.Context, caseNumber, reason string, at time.Time, also ...int64) (deleted int, unknown []int64, err error) {
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		unknown = nil
		if len(also) > 0 {
			var known []int64
			if err := tx.NewSelect().Model((*Attachment)(nil)).Column("id").Where("case_number = ? AND id IN (?)", caseNumber, bun.List(also)).
				Scan(ctx, &known); err != nil {
				return err
			}
			for _, id := range slices.Compact(slices.Sorted(slices.Values(also))) {
				if !slices.Contains(known, id) {
					unknown = append(unknown, id)
				}
			}
			if len(known) > 0 {
				if _, err := tx.NewUpdate().Model((*Attachment)(nil)).Set("id_document = ?", true).Where("id IN (?)", bun.List(known)).Exec(ctx); err != nil {
					return err
				}
			}
		}
		var due []Attachment
		if err := tx.NewSelect().Model(&due).Where("case_number = ? AND id_document AND deleted_at IS NULL", caseNumber).Scan(ctx); err != nil {
			return err
		}
		for _, a := range due {
			if err := s.deleteAttachment(ctx, tx, a, reason, at); err != nil {
				return err
			}
		}
		deleted = len(due)
		return nil
	})
	if err != nil {
		return 0, nil, fmt.Errorf("delete ID copies of %s: %w", caseNumber, err)
	}
	return deleted, unknown, nil
}

// EraseMessage deletes an inbound message's stored bytes and all its
// attachments, for the retention rule.
func (s *Store) EraseMessage(ctx context.Context, inboundID int64, reason string, at time.Time) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var m InboundMessage
		if err := tx.NewSelect().Model(&m).Column("id", "raw_blob_id").Where("id = ?", inboundID).Scan(ctx); err != nil {
			return err
		}
		if m.RawBlobID != nil {
			if err := vault.Delete(ctx, s.Files(tx), *m.RawBlobID, at); err != nil {
				return err
			}
		}
		var atts []Attachment
		if err := tx.NewSelect().Model(&atts).Where("inbound_id = ? AND deleted_at IS NULL", inboundID).Scan(ctx); err != nil {
			return err
		}
		for _, a := range atts {
			if err := s.deleteAttachment(ctx, tx, a, reason, at); err != nil {
				return err
			}
		}
		_, err := tx.NewUpdate().Model((*InboundMessage)(nil)).Set("raw = ?, raw_erased_at = ?", []byte{}, at.UTC()).
			Where("id = ? AND raw_erased_at IS NULL", inboundID).Exec(ctx)
		return err
	})
}

func (s *Store) deleteAttachment(ctx context.Context, tx bun.IDB, a Attachment, reason string, at time.Time) error {
	if a.BlobID != nil {
		if err := vault.Delete(ctx, s.Files(tx), *a.BlobID, at); err != nil {
			return err
		}
	}
	_, err := tx.NewUpdate().Model((*Attachment)(nil)).Set("filename = '', deleted_at = ?, deleted_reason = ?", at.UTC(), reason).
		Where("id = ?", a.ID).Exec(ctx)
	return err
}

// ListAttachment lists, in tx, a file stored in the vault as an attachment
// of an inbound message (part -1: the stored message itself).
func (s *Store) ListAttachment(ctx context.Context, tx bun.IDB, a *Attachment) error {
	_, err := tx.NewInsert().Model(a).ExcludeColumn("id").Exec(ctx)
	return err
}

// UnlistAttachments removes, in tx, the attachment rows of an inbound
// message: an attempt to store it split, undone.
func (s *Store) UnlistAttachments(ctx context.Context, tx bun.IDB, inboundID int64) error {
	_, err := tx.NewDelete().Model((*Attachment)(nil)).Where("inbound_id = ?", inboundID).Exec(ctx)
	return err
}

// SetRawBlob names, in tx, the vault file holding an inbound message.
func (s *Store) SetRawBlob(ctx context.Context, tx bun.IDB, inboundID, blobID int64) error {
	_, err := tx.NewUpdate().Model((*InboundMessage)(nil)).Set("raw_blob_id = ?", blobID).Where("id = ?", inboundID).Exec(ctx)
	return err
}
