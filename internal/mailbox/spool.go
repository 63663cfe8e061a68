package mailbox

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// spoolInMemory is the size up to which a fetched message is kept in
// memory; larger ones go to a temporary file.
const spoolInMemory = 1 << 20

// spool holds one fetched message while it is processed. A large message
// is written to a temporary file that is unlinked at once and encrypted with
// a key that lives only in this process's memory (AES-CTR, so it can be read
// at any offset), so no plaintext personal data is left on disk.
type spool struct {
	mem  []byte
	file *os.File
	ctr  cipher.Block
	iv   [aes.BlockSize]byte
	size int64
}

// fill reads r, up to max bytes, into a new spool; more than max is
// ErrTooLarge. expect is the size the server announced, a hint only.
func fill(r io.Reader, expect, max int64) (*spool, error) {
	s := &spool{}
	limited := io.LimitReader(r, max+1)
	if expect <= spoolInMemory {
		var buf bytes.Buffer
		n, err := io.Copy(&buf, io.LimitReader(limited, spoolInMemory+1))
		if err != nil {
			return nil, err
		}
		if n > max {
			return nil, ErrTooLarge
		}
		if n <= spoolInMemory {
			s.mem, s.size = buf.Bytes(), n
			return s, nil
		}
		// Larger than announced: carry on into a file.
		limited = io.MultiReader(bytes.NewReader(buf.Bytes()), limited)
	}
	if err := s.openFile(); err != nil {
		return nil, err
	}
	n, err := io.Copy(s.writer(), limited)
	if err != nil {
		s.Close()
		return nil, err
	}
	if n > max {
		s.Close()
		return nil, ErrTooLarge
	}
	s.size = n
	return s, nil
}

func (s *spool) openFile() error {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return err
	}
	if _, err := rand.Read(s.iv[:]); err != nil {
		return err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp("", "dsr-spool-*")
	if err != nil {
		return fmt.Errorf("spool a large message: %w", err)
	}
	// Unlinked now: the file vanishes with the process, whatever happens.
	_ = os.Remove(f.Name())
	s.file, s.ctr = f, block
	return nil
}

// stream returns the keystream positioned at offset.
func (s *spool) stream(offset int64) (cipher.Stream, int) {
	iv := s.iv
	ctr := binary.BigEndian.Uint64(iv[8:]) + uint64(offset/aes.BlockSize)
	binary.BigEndian.PutUint64(iv[8:], ctr)
	return cipher.NewCTR(s.ctr, iv[:]), int(offset % aes.BlockSize)
}

type spoolWriter struct {
	s   *spool
	off int64
}

func (s *spool) writer() io.Writer { return &spoolWriter{s: s} }

func (w *spoolWriter) Write(p []byte) (int, error) {
	enc := make([]byte, len(p))
	st, skip := w.s.stream(w.off)
	if skip > 0 {
		st.XORKeyStream(make([]byte, skip), make([]byte, skip))
	}
	st.XORKeyStream(enc, p)
	n, err := w.s.file.WriteAt(enc, w.off)
	w.off += int64(n)
	return n, err
}

// ReadAt reads the plaintext at off.
func (s *spool) ReadAt(p []byte, off int64) (int, error) {
	if s.file == nil {
		if off >= int64(len(s.mem)) {
			return 0, io.EOF
		}
		n := copy(p, s.mem[off:])
		if n < len(p) {
			return n, io.EOF
		}
		return n, nil
	}
	if off >= s.size {
		return 0, io.EOF
	}
	if rest := s.size - off; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := s.file.ReadAt(p, off)
	st, skip := s.stream(off)
	if skip > 0 {
		st.XORKeyStream(make([]byte, skip), make([]byte, skip))
	}
	st.XORKeyStream(p[:n], p[:n])
	if err == nil && off+int64(n) >= s.size {
		err = io.EOF
	}
	return n, err
}

// Close releases the spool.
func (s *spool) Close() error {
	if s.file == nil {
		return nil
	}
	err := s.file.Close()
	s.file = nil
	return err
}
