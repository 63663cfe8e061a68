package audit

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/harmoniq/dsr/internal/store"
)

// Scopes of checkpoints: a case number (format 1, at closure), the global
// chain (format 1), or a root over the heads of every case (format 2).
const (
	ScopeGlobal = "global"
	ScopeRoot   = "root"
)

// Checkpoint is a signed statement about chain heads at SignedAt. Kept off
// the database host (dsr audit checkpoints --export), it exposes a rewrite
// even by someone able to re-hash the chains.
type Checkpoint = store.AuditCheckpoint

func message(c *Checkpoint) []byte {
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

// Sign signs c with the key.
func (s *Signer) Sign(c *Checkpoint) {
	c.KeyID = KeyID(s.Public())
	c.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(s.key, message(c)))
}

// VerifySignature checks c's signature with pub.
func VerifySignature(c *Checkpoint, pub ed25519.PublicKey) error {
	if c.KeyID != KeyID(pub) {
		return fmt.Errorf("checkpoint of %s at %d was signed with key %s, not the configured key %s", c.Scope, c.Seq, c.KeyID, KeyID(pub))
	}
	sig, err := base64.StdEncoding.DecodeString(c.Signature)
	if err != nil || !ed25519.Verify(pub, message(c), sig) {
		return fmt.Errorf("checkpoint of %s at %d signed %s: the signature does not match its content",
			c.Scope, c.Seq, c.SignedAt.UTC().Format(time.RFC3339))
	}
	return nil
}

// RootHash is the hash a root checkpoint signs: the root before it and the
// heads that changed since, so that each root commits to the head of every
// case through the ones before it.
func RootHash(prev, heads string) string {
	sum := sha256.Sum256([]byte("dsr-audit-root\n" + prev + "\n" + heads))
	return hex.EncodeToString(sum[:])
}

// encodeHeads writes heads as lines "case\tseq\thash", sorted by case.
func encodeHeads(heads []Head) string {
	sort.Slice(heads, func(i, j int) bool { return heads[i].CaseNumber < heads[j].CaseNumber })
	var b strings.Builder
	for _, h := range heads {
		b.WriteString(h.CaseNumber)
		b.WriteByte('\t')
		b.WriteString(strconv.Itoa(h.Seq))
		b.WriteByte('\t')
		b.WriteString(h.Hash)
		b.WriteByte('\n')
	}
	return b.String()
}

// DecodeHeads reads a root checkpoint's heads.
func DecodeHeads(s string) ([]Head, error) {
	var out []Head
	for n, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("heads line %d is not case, seq and hash", n+1)
		}
		seq, err := strconv.Atoi(f[1])
		if err != nil {
			return nil, fmt.Errorf("heads line %d: %w", n+1, err)
		}
		out = append(out, Head{CaseNumber: f[0], Seq: seq, Hash: f[2]})
	}
	return out, nil
}

// inFlight is how far below the highest event id the signer looks again
// each time: a transaction that took an id may commit after later ones.
const inFlight = 10000

// RootSigner signs roots over the heads of every case. It keeps the heads
// it signed, so each root lists only the heads that moved.
type RootSigner struct {
	trail  *Trail
	signer *Signer
	// Now is the clock; tests set it.
	Now func() time.Time

	mu     sync.Mutex
	loaded bool
	known  map[string]int
	last   *Checkpoint
	upto   int64
}

// NewRootSigner returns a signer of roots over t's heads.
func NewRootSigner(t *Trail, s *Signer) *RootSigner {
	return &RootSigner{trail: t, signer: s, known: map[string]int{}}
}

// Sign signs a root when any case's head moved since the last one, and
// returns it (nil when nothing moved).
func (r *RootSigner) Sign(ctx context.Context) (*Checkpoint, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.loaded {
		if err := r.load(ctx); err != nil {
			return nil, err
		}
	}
	after := r.upto - inFlight
	if after < 0 || r.last == nil {
		after = 0
	}
	heads, upto, err := r.trail.st.AuditHeadsSince(ctx, after)
	if err != nil {
		return nil, err
	}
	var moved []Head
	for _, h := range heads {
		if h.Seq > r.known[h.CaseNumber] {
			moved = append(moved, h)
		}
	}
	r.upto = upto
	if len(moved) == 0 {
		return nil, nil
	}
	now := time.Now
	if r.Now != nil {
		now = r.Now
	}
	prev, seq := Genesis, int64(1)
	if r.last != nil {
		prev, seq = r.last.Hash, r.last.Seq+1
	}
	text := encodeHeads(moved)
	c := &Checkpoint{Scope: ScopeRoot, Seq: seq, Hash: RootHash(prev, text), Heads: text, SignedAt: now().UTC().Truncate(time.Microsecond)}
	r.signer.Sign(c)
	if err := r.trail.st.SaveAuditCheckpoint(ctx, c); err != nil {
		return nil, fmt.Errorf("store the audit root: %w", err)
	}
	for _, h := range moved {
		r.known[h.CaseNumber] = h.Seq
	}
	r.last = c
	return c, nil
}

// load takes up the heads signed so far.
func (r *RootSigner) load(ctx context.Context) error {
	roots, err := r.trail.st.AuditCheckpointsOf(ctx, ScopeRoot)
	if err != nil {
		return err
	}
	sort.Slice(roots, func(i, j int) bool { return roots[i].Seq < roots[j].Seq })
	for i := range roots {
		heads, err := DecodeHeads(roots[i].Heads)
		if err != nil {
			return fmt.Errorf("root %d: %w", roots[i].Seq, err)
		}
		for _, h := range heads {
			if h.Seq > r.known[h.CaseNumber] {
				r.known[h.CaseNumber] = h.Seq
			}
		}
		r.last = &roots[i]
	}
	r.loaded = true
	return nil
}

// Checkpoints returns every stored checkpoint, oldest first.
func (t *Trail) Checkpoints(ctx context.Context) ([]Checkpoint, error) {
	return t.st.AuditCheckpoints(ctx)
}

// errNoSigner is returned by what needs the signing key without one.
var errNoSigner = errors.New("no audit signing key configured")
