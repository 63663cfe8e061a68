// Package vault keeps the files of a case, raw messages, attachments and
// scans, encrypted at rest in the database. Each file is sealed in chunks
// with AES-256-GCM under a fresh key of its own; that key is sealed with the
// configured key ring (the same named keys as the payload codec, so a
// rotation works the same way). Files are written and read as streams, one
// chunk in memory at a time, so a large attachment never sits in memory
// whole. Deleting a file removes its chunks and its key.
package vault

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/harmoniq/dsr/internal/codec"
)

// ChunkSize is how much plaintext one stored chunk holds.
const ChunkSize = 256 << 10

// Vault seals and opens files with a key ring.
type Vault struct {
	current string
	kek     map[string]cipher.AEAD
}

// New returns a vault that seals file keys with the first key and opens
// them with any.
func New(keys []codec.Key) (*Vault, error) {
	if len(keys) == 0 {
		return nil, errors.New("vault: no encryption key")
	}
	v := &Vault{current: keys[0].ID, kek: map[string]cipher.AEAD{}}
	for _, k := range keys {
		aead, err := newAEAD(k.Bytes)
		if err != nil {
			return nil, fmt.Errorf("vault: key %s: %w", k.ID, err)
		}
		v.kek[k.ID] = aead
	}
	return v, nil
}

func newAEAD(key []byte) (cipher.AEAD, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("must be 32 bytes (AES-256), got %d", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// ErrDeleted is returned, wrapped, when a deleted file is opened.
var ErrDeleted = errors.New("the file was deleted")

// File is a stored file's row: the key it is sealed with, wrapped, and its
// plaintext size and SHA-256. A deleted file keeps its row, without its key.
type File struct {
	ID         int64
	KeyID      string
	WrappedKey []byte
	Size       int64
	SHA256     string
	DeletedAt  *time.Time
}

// ErrNoFile is returned, wrapped, by Files for a file or chunk that does not
// exist.
var ErrNoFile = errors.New("no such file")

// Files is where the vault keeps its sealed files: the store's handle or one
// of its transactions, so that a file exists only if that transaction
// commits. The store implements it; the vault holds no SQL.
type Files interface {
	// CreateFile stores a new file's row and returns its id.
	CreateFile(ctx context.Context, f File) (int64, error)
	// PutChunk stores chunk seq of file id.
	PutChunk(ctx context.Context, id int64, seq int, data []byte) error
	// FinishFile records the file's size and SHA-256.
	FinishFile(ctx context.Context, id, size int64, sha256 string) error
	// File reads a file's row.
	File(ctx context.Context, id int64) (File, error)
	// Chunk reads chunk seq of file id.
	Chunk(ctx context.Context, id int64, seq int) ([]byte, error)
	// DeleteFile removes a file's chunks and key and marks its row deleted.
	DeleteFile(ctx context.Context, id int64, at time.Time) error
}

// Writer streams one file into the vault. Close must be called to finish
// it; a file whose writer was not closed cannot be opened. It keeps the
// context it was created with because io.Writer has no place for one.
type Writer struct {
	ctx   context.Context
	files Files
	// id is 0 until the file's row is stored with its first chunk; a file
	// of one chunk is stored in two statements.
	id      int64
	keyID   string
	wrapped []byte
	// recorded is set when the row was stored with the final size and hash.
	recorded bool
	aead     cipher.AEAD
	buf      []byte
	seq      int
	size     int64
	hash     [32]byte
	hasher   interface {
		io.Writer
		Sum([]byte) []byte
	}
	closed bool
}

// Create starts a new file in files, which may be a transaction's: the file
// then exists only if the transaction commits.
func (v *Vault) Create(ctx context.Context, files Files) (*Writer, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	aead, err := newAEAD(key)
	if err != nil {
		return nil, err
	}
	kek := v.kek[v.current]
	nonce := make([]byte, kek.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return &Writer{ctx: ctx, files: files, keyID: v.current, wrapped: kek.Seal(nonce, nonce, key, []byte("vault-file-key:"+v.current)),
		aead: aead, buf: make([]byte, 0, ChunkSize), hasher: sha256.New()}, nil
}

// ID is the file's id, for a reference to it, once Close has returned.
func (w *Writer) ID() int64 { return w.id }

// Write buffers p and stores every full chunk.
func (w *Writer) Write(p []byte) (int, error) {
	if w.closed {
		return 0, errors.New("vault: write after close")
	}
	n := len(p)
	for len(p) > 0 {
		room := ChunkSize - len(w.buf)
		take := min(room, len(p))
		w.buf = append(w.buf, p[:take]...)
		p = p[take:]
		if len(w.buf) == ChunkSize {
			if err := w.flush(false); err != nil {
				return n - len(p), err
			}
		}
	}
	return n, nil
}

// flush seals the buffered chunk. The chunk's number and whether it is the
// last are bound into the seal, so chunks cannot be reordered, dropped or
// the file cut short without opening failing.
func (w *Writer) flush(last bool) error {
	w.hasher.Write(w.buf)
	w.size += int64(len(w.buf))
	if w.id == 0 {
		row := File{KeyID: w.keyID, WrappedKey: w.wrapped}
		if last {
			copy(w.hash[:], w.hasher.Sum(nil))
			row.Size, row.SHA256, w.recorded = w.size, hex.EncodeToString(w.hash[:]), true
		}
		id, err := w.files.CreateFile(w.ctx, row)
		if err != nil {
			return fmt.Errorf("vault: create file: %w", err)
		}
		w.id = id
	}
	data := w.aead.Seal(nil, chunkNonce(w.aead, w.seq), w.buf, chunkAAD(w.id, w.seq, last))
	if err := w.files.PutChunk(w.ctx, w.id, w.seq, data); err != nil {
		return fmt.Errorf("vault: store chunk: %w", err)
	}
	w.seq++
	w.buf = w.buf[:0]
	return nil
}

// Close stores the last chunk and records the file's size and SHA-256.
func (w *Writer) Close() error {
	if w.closed {
		return nil
	}
	if err := w.flush(true); err != nil {
		return err
	}
	w.closed = true
	if w.recorded {
		return nil
	}
	copy(w.hash[:], w.hasher.Sum(nil))
	return w.files.FinishFile(w.ctx, w.id, w.size, hex.EncodeToString(w.hash[:]))
}

// Size is how many plaintext bytes were written.
func (w *Writer) Size() int64 { return w.size }

// Put stores everything r yields as a new file and returns its id.
func (v *Vault) Put(ctx context.Context, files Files, r io.Reader) (int64, error) {
	w, err := v.Create(ctx, files)
	if err != nil {
		return 0, err
	}
	if _, err := io.Copy(w, r); err != nil {
		return 0, err
	}
	return w.id, w.Close()
}

// Open streams the file's plaintext, reading one chunk at a time.
func (v *Vault) Open(ctx context.Context, files Files, id int64) (io.Reader, error) {
	row, err := files.File(ctx, id)
	if errors.Is(err, ErrNoFile) {
		return nil, fmt.Errorf("vault: file %d does not exist", id)
	} else if err != nil {
		return nil, fmt.Errorf("vault: read file %d: %w", id, err)
	}
	if row.DeletedAt != nil || row.WrappedKey == nil {
		return nil, fmt.Errorf("vault: file %d: %w", id, ErrDeleted)
	}
	kek, ok := v.kek[row.KeyID]
	if !ok {
		return nil, fmt.Errorf("vault: file %d is sealed with key %q, which is not configured", id, row.KeyID)
	}
	ns := kek.NonceSize()
	if len(row.WrappedKey) < ns {
		return nil, fmt.Errorf("vault: file %d has a damaged key", id)
	}
	key, err := kek.Open(nil, row.WrappedKey[:ns], row.WrappedKey[ns:], []byte("vault-file-key:"+row.KeyID))
	if err != nil {
		return nil, fmt.Errorf("vault: file %d key does not open with key %q", id, row.KeyID)
	}
	aead, err := newAEAD(key)
	if err != nil {
		return nil, err
	}
	return &reader{ctx: ctx, files: files, id: id, aead: aead}, nil
}

type reader struct {
	ctx   context.Context
	files Files
	id    int64
	aead  cipher.AEAD
	seq   int
	buf   []byte
	done  bool
}

func (r *reader) Read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		if r.done {
			return 0, io.EOF
		}
		data, err := r.files.Chunk(r.ctx, r.id, r.seq)
		if errors.Is(err, ErrNoFile) {
			return 0, fmt.Errorf("vault: file %d is missing chunk %d", r.id, r.seq)
		} else if err != nil {
			return 0, fmt.Errorf("vault: read file %d: %w", r.id, err)
		}
		// The last chunk opens only with the "last" flag: try that first
		// when the chunk is short, else as a middle chunk.
		nonce := chunkNonce(r.aead, r.seq)
		plain, err := r.aead.Open(nil, nonce, data, chunkAAD(r.id, r.seq, false))
		if err != nil {
			plain, err = r.aead.Open(nil, nonce, data, chunkAAD(r.id, r.seq, true))
			if err != nil {
				return 0, fmt.Errorf("vault: file %d chunk %d does not open: it was changed", r.id, r.seq)
			}
			r.done = true
		}
		r.buf = plain
		r.seq++
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

func chunkNonce(aead cipher.AEAD, seq int) []byte {
	nonce := make([]byte, aead.NonceSize())
	binary.BigEndian.PutUint64(nonce[len(nonce)-8:], uint64(seq))
	return nonce
}

func chunkAAD(id int64, seq int, last bool) []byte {
	return fmt.Appendf(nil, "vault-chunk:%d:%d:%t", id, seq, last)
}

// Delete removes a file's chunks and key; the row stays, marked deleted,
// so that what referred to it can say when it went.
func Delete(ctx context.Context, files Files, id int64, at time.Time) error {
	if err := files.DeleteFile(ctx, id, at); err != nil {
		return fmt.Errorf("vault: delete file %d: %w", id, err)
	}
	return nil
}

// Abort deletes a file whose writing failed.
func (w *Writer) Abort() error {
	w.closed = true
	if w.id == 0 {
		return nil // nothing stored yet
	}
	return Delete(w.ctx, w.files, w.id, time.Now())
}

// WrapKey seals a key of the engine's own (a case's audit key) with the
// current key-encryption key, for purpose; it returns that key's id and
// the wrapped key, nonce first.
func (v *Vault) WrapKey(purpose string, key []byte) (string, []byte, error) {
	kek := v.kek[v.current]
	nonce := make([]byte, kek.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", nil, err
	}
	return v.current, kek.Seal(nonce, nonce, key, []byte(purpose+":"+v.current)), nil
}

// UnwrapKey opens a key WrapKey sealed.
func (v *Vault) UnwrapKey(purpose, keyID string, wrapped []byte) ([]byte, error) {
	kek, ok := v.kek[keyID]
	if !ok {
		return nil, fmt.Errorf("vault: a key is sealed with key %q, which is not configured", keyID)
	}
	ns := kek.NonceSize()
	if len(wrapped) < ns {
		return nil, errors.New("vault: a damaged key")
	}
	return kek.Open(nil, wrapped[:ns], wrapped[ns:], []byte(purpose+":"+keyID))
}
