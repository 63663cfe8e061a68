package mailbox

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/harmoniq/dsr/internal/intake"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/vault"
	"github.com/uptrace/bun"
)

// content stores a message in the vault inside the intake transaction: its
// attachments apart, each its own encrypted file, and the rest (headers,
// text, the attachments' part headers) as the stored message. A message the
// splitter cannot walk, or that could not be parsed at all, is stored whole;
// if it holds ID-document copies (parsed says how many), the whole message
// is listed as one, so that it goes with them after the identity decision.
func (p *Processor) content(msg Inbound, parsed *intake.Message) store.Content {
	return func(ctx context.Context, tx bun.IDB, in *store.InboundMessage) error {
		if parsed != nil {
			err := p.storeSplit(ctx, tx, msg, in)
			if err == nil {
				return nil
			}
			if !errors.Is(err, intake.ErrUnparseable) {
				return err
			}
		}
		id, err := p.Store.Vault.Put(ctx, tx, msg.reader())
		if err != nil {
			return fmt.Errorf("store message: %w", err)
		}
		if err := setRawBlob(ctx, tx, in.ID, id); err != nil {
			return err
		}
		if parsed == nil || !slices.ContainsFunc(parsed.Attachments, func(a intake.Attachment) bool { return a.IDDocument }) {
			return nil
		}
		_, err = tx.NewInsert().Model(&store.Attachment{InboundID: in.ID, CaseNumber: in.CaseNumber, Part: -1, Filename: "(the whole message)",
			ContentType: "message/rfc822", Size: msg.Size, IDDocument: true, BlobID: &id}).ExcludeColumn("id").Exec(ctx)
		return err
	}
}

func (p *Processor) storeSplit(ctx context.Context, tx bun.IDB, msg Inbound, in *store.InboundMessage) (err error) {
	skeleton, err := p.Store.Vault.Create(ctx, tx)
	if err != nil {
		return err
	}
	var written []*vault.Writer
	defer func() {
		if errors.Is(err, intake.ErrUnparseable) {
			// Undo this attempt inside the transaction; the caller stores
			// the message whole instead.
			for _, w := range append(written, skeleton) {
				if aerr := w.Abort(); aerr != nil {
					err = aerr
				}
			}
			_, derr := tx.NewDelete().Model((*store.Attachment)(nil)).Where("inbound_id = ?", in.ID).Exec(ctx)
			if derr != nil {
				err = derr
			}
		}
	}()
	_, err = intake.Split(msg.reader(), skeleton, func(part int, a intake.Attachment, body io.Reader) error {
		w, err := p.Store.Vault.Create(ctx, tx)
		if err != nil {
			return err
		}
		written = append(written, w)
		if _, err := io.Copy(w, body); err != nil {
			return fmt.Errorf("%w: attachment %d: %v", intake.ErrUnparseable, part, err)
		}
		if err := w.Close(); err != nil {
			return err
		}
		blob := w.ID()
		_, err = tx.NewInsert().Model(&store.Attachment{
			InboundID: in.ID, CaseNumber: in.CaseNumber, Part: part, Filename: a.Filename, ContentType: a.ContentType,
			Size: w.Size(), IDDocument: a.IDDocument, BlobID: &blob,
		}).ExcludeColumn("id").Exec(ctx)
		return err
	})
	if err != nil {
		return err
	}
	if err := skeleton.Close(); err != nil {
		return err
	}
	return setRawBlob(ctx, tx, in.ID, skeleton.ID())
}

func setRawBlob(ctx context.Context, tx bun.IDB, inboundID, blobID int64) error {
	_, err := tx.NewUpdate().Model((*store.InboundMessage)(nil)).Set("raw_blob_id = ?", blobID).Where("id = ?", inboundID).Exec(ctx)
	return err
}
