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
		// holdsID says whether the stored message itself still holds an ID
		// copy: one split off does not count.
		holdsID := func(stillInside func(intake.Attachment) bool) bool {
			return parsed != nil && slices.ContainsFunc(parsed.Attachments, func(a intake.Attachment) bool { return a.IDDocument && stillInside(a) })
		}
		var id int64
		if parsed != nil {
			var err error
			var size int64
			id, size, err = p.storeSplit(ctx, tx, msg, in)
			if err == nil {
				if !holdsID(func(a intake.Attachment) bool { return a.Forwarded }) {
					return nil
				}
				return p.listAsIDCopy(ctx, tx, in, id, size)
			}
			if !errors.Is(err, intake.ErrUnparseable) {
				return err
			}
		}
		id, err := p.Store.Vault.Put(ctx, p.Store.Files(tx), msg.reader())
		if err != nil {
			return fmt.Errorf("store message: %w", err)
		}
		if err := p.Store.SetRawBlob(ctx, tx, in.ID, id); err != nil {
			return err
		}
		if !holdsID(func(intake.Attachment) bool { return true }) {
			return nil
		}
		return p.listAsIDCopy(ctx, tx, in, id, msg.Size)
	}
}

// listAsIDCopy lists a stored message that itself holds an ID copy (in a
// forwarded message, or an attachment that could not be split off) as one,
// so that it is deleted with the others after the identity decision.
func (p *Processor) listAsIDCopy(ctx context.Context, tx bun.IDB, in *store.InboundMessage, blob, size int64) error {
	return p.listAttachment(ctx, tx, in, -1, intake.Attachment{Filename: "(the message itself)", ContentType: "message/rfc822", IDDocument: true}, blob, size)
}

// listAttachment lists a file stored in the vault as attachment part of
// the inbound message.
func (p *Processor) listAttachment(ctx context.Context, tx bun.IDB, in *store.InboundMessage, part int, a intake.Attachment, blob, size int64) error {
	return p.Store.ListAttachment(ctx, tx, &store.Attachment{InboundID: in.ID, CaseNumber: in.CaseNumber, Part: part, Filename: a.Filename,
		ContentType: a.ContentType, Size: size, IDDocument: a.IDDocument, BlobID: &blob})
}

// storeSplit stores the message split and returns the id and size of the
// stored message (the skeleton).
func (p *Processor) storeSplit(ctx context.Context, tx bun.IDB, msg Inbound, in *store.InboundMessage) (_, _ int64, err error) {
	skeleton, err := p.Store.Vault.Create(ctx, p.Store.Files(tx))
	if err != nil {
		return 0, 0, err
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
			if derr := p.Store.UnlistAttachments(ctx, tx, in.ID); derr != nil {
				err = derr
			}
		}
	}()
	_, err = intake.Split(msg.reader(), skeleton, func(part int, a intake.Attachment, body io.Reader) error {
		w, err := p.Store.Vault.Create(ctx, p.Store.Files(tx))
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
		return p.listAttachment(ctx, tx, in, part, a, w.ID(), w.Size())
	})
	if err != nil {
		return 0, 0, err
	}
	if err := skeleton.Close(); err != nil {
		return 0, 0, err
	}
	return skeleton.ID(), skeleton.Size(), p.Store.SetRawBlob(ctx, tx, in.ID, skeleton.ID())
}
