package mailbox

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	mrand "math/rand/v2"
	"os"
	"testing"
)

// TestASpoolReadsBackWhatWasFetched fills spools below and above the
// in-memory limit and reads them back at odd offsets and lengths; the file
// behind a large one holds no plaintext and is gone from the directory.
func TestASpoolReadsBackWhatWasFetched(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	for _, size := range []int{0, 100, spoolInMemory, spoolInMemory + 1, 3<<20 + 7} {
		data := make([]byte, size)
		rand.Read(data)
		// The announced size may be wrong; the spool must not care.
		sp, err := fill(bytes.NewReader(data), 10, 64<<20)
		if err != nil {
			t.Fatal(err)
		}
		if sp.size != int64(size) {
			t.Fatalf("size %d, want %d", sp.size, size)
		}
		if all, _ := io.ReadAll(io.NewSectionReader(sp, 0, sp.size)); !bytes.Equal(all, data) {
			t.Errorf("%d bytes: the spool reads back differently", size)
		}
		r := mrand.New(mrand.NewPCG(1, 2))
		for range 200 {
			if size == 0 {
				break
			}
			off := r.IntN(size)
			n := r.IntN(size-off) + 1
			buf := make([]byte, n)
			got, err := sp.ReadAt(buf, int64(off))
			if got != n || (err != nil && !errors.Is(err, io.EOF)) || !bytes.Equal(buf, data[off:off+n]) {
				t.Fatalf("%d bytes: ReadAt(%d, %d) = %d, %v", size, off, n, got, err)
			}
		}
		if sp.file != nil {
			raw := make([]byte, 64<<10)
			k, _ := sp.file.ReadAt(raw, 0)
			if bytes.Contains(raw[:k], data[:64]) {
				t.Error("the spool file holds the message in plain text")
			}
		}
		sp.Close()
	}
	if left, _ := os.ReadDir(os.Getenv("TMPDIR")); len(left) != 0 {
		t.Errorf("spool files left behind: %v", left)
	}
	for _, c := range []struct{ size, max int }{{2 << 20, 1 << 20}, {5000, 4096}} {
		if _, err := fill(bytes.NewReader(make([]byte, c.size)), 0, int64(c.max)); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%d bytes over a cap of %d: %v", c.size, c.max, err)
		}
	}
}
