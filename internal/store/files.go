package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/harmoniq/dsr/internal/vault"
	"github.com/uptrace/bun"
)

type blobRow struct {
	bun.BaseModel `bun:"table:blobs"`

	ID         int64      `bun:"id,pk,autoincrement"`
	KeyID      string     `bun:"key_id,notnull"`
	WrappedKey []byte     `bun:"wrapped_key"`
	Size       int64      `bun:"size,notnull"`
	SHA256     string     `bun:"sha256,notnull"`
	DeletedAt  *time.Time `bun:"deleted_at"`
}

type chunkRow struct {
	bun.BaseModel `bun:"table:blob_chunks"`

	BlobID int64  `bun:"blob_id,pk"`
	Seq    int    `bun:"seq,pk"`
	Data   []byte `bun:"data,notnull"`
}

// files keeps the vault's sealed files in the blobs and blob_chunks tables.
type files struct{ db bun.IDB }

// Files is where the vault keeps its files: db, a transaction of the
// store's, or the store itself when db is nil.
func (s *Store) Files(db bun.IDB) vault.Files {
	if db == nil {
		db = s.db
	}
	return files{db}
}

func (f files) CreateFile(ctx context.Context, v vault.File) (int64, error) {
	row := &blobRow{KeyID: v.KeyID, WrappedKey: v.WrappedKey, Size: v.Size, SHA256: v.SHA256}
	if _, err := f.db.NewInsert().Model(row).ExcludeColumn("id", "deleted_at").Returning("id").Exec(ctx); err != nil {
		return 0, err
	}
	return row.ID, nil
}

func (f files) PutChunk(ctx context.Context, id int64, seq int, data []byte) error {
	_, err := f.db.NewInsert().Model(&chunkRow{BlobID: id, Seq: seq, Data: data}).Exec(ctx)
	return err
}

func (f files) FinishFile(ctx context.Context, id, size int64, sha256 string) error {
	_, err := f.db.NewUpdate().Model((*blobRow)(nil)).Set("size = ?, sha256 = ?", size, sha256).Where("id = ?", id).Exec(ctx)
	return err
}

func (f files) File(ctx context.Context, id int64) (vault.File, error) {
	var row blobRow
	if err := f.db.NewSelect().Model(&row).Where("id = ?", id).Scan(ctx); errors.Is(err, sql.ErrNoRows) {
		return vault.File{}, fmt.Errorf("file %d: %w", id, vault.ErrNoFile)
	} else if err != nil {
		return vault.File{}, err
	}
	return vault.File{ID: row.ID, KeyID: row.KeyID, WrappedKey: row.WrappedKey, Size: row.Size, SHA256: row.SHA256, DeletedAt: row.DeletedAt}, nil
}

func (f files) Chunk(ctx context.Context, id int64, seq int) ([]byte, error) {
	var c chunkRow
	if err := f.db.NewSelect().Model(&c).Where("blob_id = ? AND seq = ?", id, seq).Scan(ctx); errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("file %d chunk %d: %w", id, seq, vault.ErrNoFile)
	} else if err != nil {
		return nil, err
	}
	return c.Data, nil
}

func (f files) DeleteFile(ctx context.Context, id int64, at time.Time) error {
	if _, err := f.db.NewDelete().Model((*chunkRow)(nil)).Where("blob_id = ?", id).Exec(ctx); err != nil {
		return err
	}
	_, err := f.db.NewUpdate().Model((*blobRow)(nil)).Set("wrapped_key = NULL, deleted_at = ?", at.UTC()).Where("id = ?", id).Exec(ctx)
	return err
}
