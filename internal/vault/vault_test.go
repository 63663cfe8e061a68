package vault_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/codec"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/harmoniq/dsr/internal/vault"
)

func key(id string) codec.Key {
	b := make([]byte, 32)
	rand.Read(b)
	return codec.Key{ID: id, Bytes: b}
}

func put(t *testing.T, st *store.Store, v *vault.Vault, data []byte) int64 {
	t.Helper()
	id, err := v.Put(context.Background(), st.Files(nil), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func read(st *store.Store, v *vault.Vault, id int64) ([]byte, error) {
	r, err := v.Open(context.Background(), st.Files(nil), id)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

func TestFilesReadBackAndSurviveAKeyRotation(t *testing.T) {
	storetest.Both(t, func(t *testing.T, st *store.Store) {
		old, next := key("k1"), key("k2")
		v1, _ := vault.New([]codec.Key{old})
		sizes := []int{0, 1, vault.ChunkSize - 1, vault.ChunkSize, vault.ChunkSize + 1, 3*vault.ChunkSize + 17}
		ids := map[int]int64{}
		data := map[int][]byte{}
		for _, n := range sizes {
			data[n] = make([]byte, n)
			rand.Read(data[n])
			ids[n] = put(t, st, v1, data[n])
		}
		// Each file's row records its size and SHA-256, one chunk or many.
		for _, n := range sizes {
			var row struct {
				Size   int64  `bun:"size"`
				SHA256 string `bun:"sha256"`
			}
			if err := storetest.SQL(t, st).NewRaw("SELECT size, sha256 FROM blobs WHERE id = ?", ids[n]).Scan(context.Background(), &row); err != nil {
				t.Fatal(err)
			}
			if sum := sha256.Sum256(data[n]); row.Size != int64(n) || row.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("file of %d bytes recorded as %d bytes, %s", n, row.Size, row.SHA256)
			}
		}
		// After a rotation the new key seals, the old one still opens.
		v2, _ := vault.New([]codec.Key{next, old})
		for _, n := range sizes {
			got, err := read(st, v2, ids[n])
			if err != nil || !bytes.Equal(got, data[n]) {
				t.Errorf("file of %d bytes: read %d bytes, %v", n, len(got), err)
			}
		}
		id := put(t, st, v2, []byte("ny"))
		if _, err := read(st, v1, id); err == nil || !strings.Contains(err.Error(), `"k2"`) {
			t.Errorf("a file sealed with a key not configured opened, or said nothing useful: %v", err)
		}
	})
}

// TestATamperedFileDoesNotOpen changes, reorders and drops chunks in the
// database: each is caught when the file is read.
func TestATamperedFileDoesNotOpen(t *testing.T) {
	st := storetest.Postgres(t)
	ctx := context.Background()
	v, _ := vault.New([]codec.Key{key("k1")})
	data := make([]byte, 3*vault.ChunkSize+5)
	rand.Read(data)
	tamper := map[string]string{
		"a changed byte":        "UPDATE blob_chunks SET data = set_byte(data, 40, get_byte(data, 40) # 1) WHERE blob_id = ? AND seq = 1",
		"two chunks swapped":    "UPDATE blob_chunks a SET data = b.data FROM blob_chunks b WHERE a.blob_id = ? AND b.blob_id = a.blob_id AND a.seq IN (0, 1) AND b.seq = 1 - a.seq",
		"the last chunk gone":   "DELETE FROM blob_chunks WHERE blob_id = ? AND seq = 3",
		"a middle chunk gone":   "DELETE FROM blob_chunks WHERE blob_id = ? AND seq = 2",
		"the file's key erased": "UPDATE blobs SET wrapped_key = NULL WHERE id = ?",
	}
	for name, q := range tamper {
		t.Run(name, func(t *testing.T) {
			id := put(t, st, v, data)
			if _, err := storetest.SQL(t, st).ExecContext(ctx, q, id); err != nil {
				t.Fatal(err)
			}
			if got, err := read(st, v, id); err == nil {
				t.Errorf("a tampered file read back (%d bytes)", len(got))
			}
		})
	}
	t.Run("the last chunk dropped after a full one", func(t *testing.T) {
		id := put(t, st, v, data[:2*vault.ChunkSize])
		if _, err := storetest.SQL(t, st).ExecContext(ctx, "DELETE FROM blob_chunks WHERE blob_id = ? AND seq = 2", id); err != nil {
			t.Fatal(err)
		}
		if _, err := read(st, v, id); err == nil {
			t.Error("a file cut at a chunk boundary read back")
		}
	})
	t.Run("a deleted file", func(t *testing.T) {
		id := put(t, st, v, data)
		if err := vault.Delete(ctx, st.Files(nil), id, time.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := read(st, v, id); !errors.Is(err, vault.ErrDeleted) {
			t.Errorf("reading a deleted file: %v", err)
		}
	})
}
