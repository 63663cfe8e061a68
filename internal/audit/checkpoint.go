package audit

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"
)

// ScopeGlobal is the scope of a checkpoint of the global chain; any other
// scope is a case number.
const ScopeGlobal = "global"

// Checkpoint is a signed statement that a chain's head was (Seq, Hash) at
// SignedAt. Kept off the database host (dsr audit checkpoints --export), it
// exposes a rewrite even by someone able to re-hash the chains.
type Checkpoint struct {
	bun.BaseModel `bun:"table:audit_checkpoints"`

	ID        int64     `bun:"id,pk,autoincrement" json:"-"`
	Scope     string    `bun:"scope,notnull" json:"scope"`
	Seq       int64     `bun:"seq,notnull" json:"seq"`
	Hash      string    `bun:"hash,notnull" json:"hash"`
	SignedAt  time.Time `bun:"signed_at,notnull" json:"signed_at"`
	KeyID     string    `bun:"key_id,notnull" json:"key_id"`
	Signature string    `bun:"signature,notnull" json:"signature"`
}

func (c *Checkpoint) message() []byte {
	return []byte("dsr-audit-checkpoint\n" + c.Scope + "\n" + strconv.FormatInt(c.Seq, 10) + "\n" + c.Hash + "\n" +
		c.SignedAt.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano))
}

// Signer holds the Ed25519 key that signs checkpoints.
type Signer struct {
	key ed25519.PrivateKey
}

// NewSigner returns a Signer for a 32-byte Ed25519 seed.
func NewSigner(seed []byte) (*Signer, error) {
	if len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("the audit signing key must be a %d-byte Ed25519 seed, got %d bytes", ed25519.SeedSize, len(seed))
	}
	return &Signer{key: ed25519.NewKeyFromSeed(seed)}, nil
}

// Public returns the key that verifies this Signer's checkpoints.
func (s *Signer) Public() ed25519.PublicKey { return s.key.Public().(ed25519.PublicKey) }

// KeyID names a public key: the first 8 bytes of its SHA-256, in hex.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

func (s *Signer) sign(c *Checkpoint) {
	c.KeyID = KeyID(s.Public())
	c.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(s.key, c.message()))
}

// CheckpointCase signs the head of a case's chain.
func (t *Trail) CheckpointCase(ctx context.Context, caseNumber string) error {
	var last Event
	err := t.db.NewSelect().Model(&last).Column("seq", "hash").Where("case_number = ?", caseNumber).Order("seq DESC").Limit(1).Scan(ctx)
	if err != nil {
		return fmt.Errorf("read head of %s: %w", caseNumber, err)
	}
	return t.saveCheckpoint(ctx, caseNumber, int64(last.Seq), last.Hash)
}

// CheckpointGlobal signs the head of the global chain, unless a checkpoint
// of that head exists.
func (t *Trail) CheckpointGlobal(ctx context.Context) error {
	var last Event
	err := t.db.NewSelect().Model(&last).Column("gseq", "ghash").Order("gseq DESC").Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read head of the global chain: %w", err)
	}
	return t.saveCheckpoint(ctx, ScopeGlobal, last.GSeq, last.GHash)
}

func (t *Trail) saveCheckpoint(ctx context.Context, scope string, seq int64, hash string) error {
	if t.Signer == nil {
		return errors.New("no audit signing key configured")
	}
	c := &Checkpoint{Scope: scope, Seq: seq, Hash: hash, SignedAt: time.Now().UTC().Truncate(time.Microsecond)}
	t.Signer.sign(c)
	if _, err := t.db.NewInsert().Model(c).ExcludeColumn("id").On("CONFLICT (scope, seq) DO NOTHING").Exec(ctx); err != nil {
		return fmt.Errorf("store checkpoint of %s: %w", scope, err)
	}
	return nil
}

// Checkpoints returns every stored checkpoint, oldest first.
func (t *Trail) Checkpoints(ctx context.Context) ([]Checkpoint, error) {
	var cs []Checkpoint
	err := t.db.NewSelect().Model(&cs).Order("id").Scan(ctx)
	return cs, err
}

// VerifySignature checks c's signature with pub.
func (c *Checkpoint) VerifySignature(pub ed25519.PublicKey) error {
	if c.KeyID != KeyID(pub) {
		return fmt.Errorf("checkpoint of %s at %d was signed with key %s, not the configured key %s", c.Scope, c.Seq, c.KeyID, KeyID(pub))
	}
	sig, err := base64.StdEncoding.DecodeString(c.Signature)
	if err != nil || !ed25519.Verify(pub, c.message(), sig) {
		return fmt.Errorf("checkpoint of %s at %d signed %s: the signature does not match its content",
			c.Scope, c.Seq, c.SignedAt.UTC().Format(time.RFC3339))
	}
	return nil
}
