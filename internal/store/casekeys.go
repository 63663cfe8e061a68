package store

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// CaseKey is a case's key for the personal data its audit trail records,
// wrapped with the payload key ring; erased with the case's records.
type CaseKey struct {
	bun.BaseModel `bun:"table:case_keys"`

	CaseNumber string     `bun:"case_number,pk"`
	KeyID      string     `bun:"key_id,notnull"`
	Wrapped    []byte     `bun:"wrapped"`
	CreatedAt  time.Time  `bun:"created_at,notnull"`
	ErasedAt   *time.Time `bun:"erased_at"`
}

// sealedPrefix marks text sealed with a case key.
const sealedPrefix = "sealed:v1:"

const caseKeyPurpose = "dsr-case-key"

// ErrCaseKeyErased is returned by Unseal for text whose case key was
// erased with the case's records.
var ErrCaseKeyErased = errors.New("the case's records were erased, and with them the key to this text")

// Seal encrypts text for the audit trail of case number with the case's
// key, made on first use. Without a vault (no key ring configured) the
// text is returned as it is.
func (s *Store) Seal(ctx context.Context, number, text string) (string, error) {
	if s.Vault == nil || text == "" {
		return text, nil
	}
	aead, err := s.caseKey(ctx, number, true)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	return sealedPrefix + base64.RawStdEncoding.EncodeToString(aead.Seal(nonce, nonce, []byte(text), []byte(number))), nil
}

// Sealed reports whether text was sealed with a case key.
func Sealed(text string) bool { return strings.HasPrefix(text, sealedPrefix) }

// Unseal opens text Seal sealed for case number; other text is returned
// as it is. ErrCaseKeyErased: the key went with the case's records.
func (s *Store) Unseal(ctx context.Context, number, text string) (string, error) {
	if !Sealed(text) {
		return text, nil
	}
	if s.Vault == nil {
		return "", errors.New("no key ring (PAYLOAD_KEYS) to open sealed audit text with")
	}
	aead, err := s.caseKey(ctx, number, false)
	if err != nil {
		return "", err
	}
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimPrefix(text, sealedPrefix))
	if err != nil || len(raw) < aead.NonceSize() {
		return "", errors.New("damaged sealed text")
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], []byte(number))
	if err != nil {
		return "", errors.New("sealed text does not open with the case's key")
	}
	return string(plain), nil
}

// caseKey returns the case's key, made and stored when create is set and
// the case has none.
func (s *Store) caseKey(ctx context.Context, number string, create bool) (cipher.AEAD, error) {
	var k CaseKey
	err := s.db.NewSelect().Model(&k).Where("case_number = ?", number).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) && create {
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, err
		}
		id, wrapped, err := s.Vault.WrapKey(caseKeyPurpose+":"+number, key)
		if err != nil {
			return nil, err
		}
		k = CaseKey{CaseNumber: number, KeyID: id, Wrapped: wrapped, CreatedAt: time.Now().UTC()}
		// Two writers at once: the first key stands, and both use it.
		if _, err := s.db.NewInsert().Model(&k).On("CONFLICT (case_number) DO NOTHING").Exec(ctx); err != nil {
			return nil, fmt.Errorf("store the case key: %w", err)
		}
		return s.caseKey(ctx, number, false)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("case %s has no audit key", number)
	}
	if err != nil {
		return nil, err
	}
	if k.ErasedAt != nil || len(k.Wrapped) == 0 {
		return nil, ErrCaseKeyErased
	}
	key, err := s.Vault.UnwrapKey(caseKeyPurpose+":"+number, k.KeyID, k.Wrapped)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// eraseCaseKey erases the case's key: what was sealed with it stays in the
// audit trail, and no longer opens.
func eraseCaseKey(ctx context.Context, tx bun.IDB, number string, at time.Time) (bool, error) {
	res, err := tx.NewUpdate().Model((*CaseKey)(nil)).Set("wrapped = NULL, erased_at = ?", at.UTC()).
		Where("case_number = ? AND erased_at IS NULL", number).Exec(ctx)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}
