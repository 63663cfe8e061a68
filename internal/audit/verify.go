package audit

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// Break describes the first place the trail does not hold.
type Break struct {
	CaseNumber string // empty for a break in the global chain, or the roots
	Seq        int
	GSeq       int64
	Reason     string
}

func (b *Break) Error() string {
	switch {
	case b.CaseNumber == "" && b.GSeq != 0:
		return fmt.Sprintf("audit trail broken at global event %d: %s", b.GSeq, b.Reason)
	case b.CaseNumber == "":
		return "audit trail broken: " + b.Reason
	case b.Seq == 0:
		return fmt.Sprintf("audit trail of %s broken: %s", b.CaseNumber, b.Reason)
	case b.GSeq == 0:
		return fmt.Sprintf("audit trail of %s broken at event %d: %s", b.CaseNumber, b.Seq, b.Reason)
	}
	return fmt.Sprintf("audit trail of %s broken at event %d (global %d): %s", b.CaseNumber, b.Seq, b.GSeq, b.Reason)
}

// Report is the outcome of a verification.
type Report struct {
	Events      int64
	Cases       int
	Checkpoints int // signed checkpoints matched by the trail
	Roots       int // roots in an unbroken chain
	Witnessed   int // cases whose workflow's head the trail holds
	// Covering is the latest checkpoint that covers what was verified, and
	// for one case, Covered the last of its events a checkpoint covers.
	Covering *Checkpoint
	Covered  int
}

// Options say what a verification checks besides the chains.
type Options struct {
	// Public verifies the signatures; without it a verification fails,
	// unless NoSignatures says the caller knowingly checks the chains only.
	Public       ed25519.PublicKey
	NoSignatures bool
	// Extra are checkpoints from an exported copy, checked as well.
	Extra []Checkpoint
	// Grace is how long an event may wait for a signed checkpoint: an older
	// one that none covers means checkpoints were deleted, or the signer
	// stopped. Zero is DefaultGrace.
	Grace time.Duration
	// Witness are the heads the cases' workflows keep in their histories,
	// which the database cannot change: the trail must hold each.
	Witness map[string]Head
	// Now is when the verification runs; zero is the time now.
	Now time.Time
}

// byWorkflow names the witness in a break.
const byWorkflow = "the case's workflow (its Temporal history)"

// DefaultGrace is how long an event may wait for its checkpoint: the signer
// signs every minute, so ten minutes leave room for an outage.
const DefaultGrace = 10 * time.Minute

// expected is a (seq, hash) the trail must hold, and who says so.
type expected struct {
	hash string
	by   string
}

type caseState struct {
	seq     int
	hash    string
	covered int
	expect  map[int]expected
	events  int
	// witness is the head the case's workflow keeps; zero once found.
	witness Head
}

// verifier checks events one by one, in global order.
type verifier struct {
	opts   Options
	cases  map[string]*caseState
	report Report

	gseq          int64 // format 1: the global chain
	ghash         string
	gap           int64
	globalExpect  map[int64]*Checkpoint
	globalCovered int64
	uncovered     *Break
	cutoff        time.Time
	// global is set when the events come in global order, and the global
	// chain of the first format is checked too.
	global bool
}

func (v *verifier) caseOf(number string) *caseState {
	c := v.cases[number]
	if c == nil {
		c = &caseState{hash: Genesis, expect: map[int]expected{}}
		v.cases[number] = c
	}
	return c
}

func (v *verifier) expect(number string, seq int, hash, by string) *Break {
	c := v.caseOf(number)
	if prior, ok := c.expect[seq]; ok {
		if prior.hash != hash {
			return &Break{CaseNumber: number, Seq: seq, Reason: fmt.Sprintf("%s and %s disagree about this event", prior.by, by)}
		}
	} else {
		c.expect[seq] = expected{hash: hash, by: by}
	}
	if seq > c.covered {
		c.covered = seq
	}
	return nil
}

// newVerifier checks the checkpoints (signatures in parallel, the chain of
// roots) and takes up what each says the trail holds. scope, when set,
// limits case checkpoints to one case.
func newVerifier(opts Options, cps []Checkpoint, scope string) (*verifier, *Break, error) {
	if opts.Public == nil && !opts.NoSignatures {
		return nil, nil, errors.New("no key to verify the signed checkpoints with (AUDIT_PUBLIC_KEY): without it a rewritten trail passes; say --no-signatures to check only the chains")
	}
	if opts.Grace <= 0 {
		opts.Grace = DefaultGrace
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	v := &verifier{opts: opts, cases: map[string]*caseState{}, ghash: Genesis, globalExpect: map[int64]*Checkpoint{}, cutoff: opts.Now.Add(-opts.Grace)}
	var roots, signed []*Checkpoint
	for i := range cps {
		c := &cps[i]
		switch c.Scope {
		case ScopeRoot:
			roots = append(roots, c)
		default:
			if scope == "" || c.Scope == scope || c.Scope == ScopeGlobal {
				signed = append(signed, c)
			}
		}
	}
	roots = dedupeRoots(roots)
	if b := v.chainRoots(roots, scope); b != nil {
		return v, b, nil
	}
	if len(roots) > 0 {
		// The chain makes the last root vouch for every root before it.
		signed = append(signed, roots[len(roots)-1])
	}
	if !opts.NoSignatures {
		if b := verifyAll(signed, opts.Public); b != nil {
			return v, b, nil
		}
	}
	for _, c := range signed {
		switch c.Scope {
		case ScopeRoot:
		case ScopeGlobal:
			if prior, ok := v.globalExpect[c.Seq]; ok && prior.Hash != c.Hash {
				return v, &Break{GSeq: c.Seq, Reason: "two signed checkpoints disagree about this global event"}, nil
			}
			v.globalExpect[c.Seq] = c
			if c.Seq > v.globalCovered {
				v.globalCovered = c.Seq
			}
		default:
			if b := v.expect(c.Scope, int(c.Seq), c.Hash, "the checkpoint signed "+c.SignedAt.UTC().Format(time.RFC3339)); b != nil {
				return v, b, nil
			}
			v.cover(c)
		}
	}
	for number, h := range opts.Witness {
		if scope != "" && number != scope {
			continue
		}
		if h.Seq > 0 {
			v.caseOf(number).witness = h
		}
	}
	return v, nil, nil
}

func (v *verifier) cover(c *Checkpoint) {
	if v.report.Covering == nil || c.SignedAt.After(v.report.Covering.SignedAt) {
		v.report.Covering = c
	}
}

// dedupeRoots orders roots by number, keeping one of each (the database's
// and an exported copy's are the same root).
func dedupeRoots(roots []*Checkpoint) []*Checkpoint {
	sort.SliceStable(roots, func(i, j int) bool { return roots[i].Seq < roots[j].Seq })
	out := roots[:0]
	for _, r := range roots {
		if n := len(out); n > 0 && out[n-1].Seq == r.Seq && out[n-1].Hash == r.Hash && out[n-1].Heads == r.Heads {
			continue
		}
		out = append(out, r)
	}
	return out
}

// chainRoots checks that the roots are numbered 1, 2, 3… with each one's
// hash following from the one before and its heads, and takes up the heads
// (of the case scope only, when set).
func (v *verifier) chainRoots(roots []*Checkpoint, scope string) *Break {
	prev := Genesis
	for i, r := range roots {
		switch {
		case r.Seq < int64(i+1):
			return &Break{Reason: fmt.Sprintf("two roots are numbered %d: a root was forged", r.Seq)}
		case r.Seq > int64(i+1):
			return &Break{Reason: fmt.Sprintf("root %d is missing: signed checkpoints were deleted", i+1)}
		case RootHash(prev, r.Heads) != r.Hash:
			return &Break{Reason: fmt.Sprintf("root %d does not follow from the one before and its heads: the roots were changed", r.Seq)}
		}
		prev = r.Hash
		v.report.Roots++
		if scope != "" && !strings.Contains(r.Heads, scope+"\t") {
			continue
		}
		heads, err := DecodeHeads(r.Heads)
		if err != nil {
			return &Break{Reason: fmt.Sprintf("root %d: %v", r.Seq, err)}
		}
		for _, h := range heads {
			if scope != "" && h.CaseNumber != scope {
				continue
			}
			if b := v.expect(h.CaseNumber, h.Seq, h.Hash, fmt.Sprintf("root %d signed %s", r.Seq, r.SignedAt.UTC().Format(time.RFC3339))); b != nil {
				return b
			}
		}
		v.cover(r)
	}
	return nil
}

// verifyAll checks the signatures on all cores.
func verifyAll(cps []*Checkpoint, pub ed25519.PublicKey) *Break {
	workers := runtime.GOMAXPROCS(0)
	var mu sync.Mutex
	var first *Break
	var wg sync.WaitGroup
	next := make(chan *Checkpoint)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				if err := VerifySignature(c, pub); err != nil {
					mu.Lock()
					if first == nil {
						first = &Break{CaseNumber: scopeCase(c.Scope), Seq: int(c.Seq), Reason: err.Error()}
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, c := range cps {
		next <- c
	}
	close(next)
	wg.Wait()
	return first
}

func scopeCase(scope string) string {
	if scope == ScopeGlobal || scope == ScopeRoot {
		return ""
	}
	return scope
}

// batch checks a batch of events in global order, their hashes computed on
// all cores first.
func (v *verifier) batch(es []Event) *Break {
	hashes := make([]string, len(es))
	workers := runtime.GOMAXPROCS(0)
	if len(es) < 256 {
		workers = 1
	}
	var wg sync.WaitGroup
	per := (len(es) + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*per, min((w+1)*per, len(es))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for i := lo; i < hi; i++ {
				buf = AppendHashInput(buf[:0], &es[i])
				hashes[i] = hexSum(buf)
			}
		}()
	}
	wg.Wait()
	for i := range es {
		if b := v.next(&es[i], hashes[i]); b != nil {
			return b
		}
	}
	return nil
}

// next checks one event, given the hash of its content.
func (v *verifier) next(e *Event, computed string) *Break {
	c := v.caseOf(e.CaseNumber)
	brk := func(reason string) *Break {
		b := &Break{CaseNumber: e.CaseNumber, Seq: e.Seq, Reason: reason}
		if e.Format == 1 && v.global {
			b.GSeq = e.GSeq
		}
		return b
	}
	switch {
	case e.Seq > c.seq+1 && e.Format == 1 && v.global && e.GSeq > v.gseq+1:
		// A hole in both chains at once: the event was deleted.
		return &Break{CaseNumber: e.CaseNumber, Seq: c.seq + 1, GSeq: v.gseq + 1, Reason: "this event was deleted"}
	case e.Seq > c.seq+1 && v.gap != 0:
		return &Break{CaseNumber: e.CaseNumber, Seq: c.seq + 1, GSeq: v.gap, Reason: "this event was deleted"}
	case e.Seq != c.seq+1:
		return brk(fmt.Sprintf("expected event %d of the case here, found %d: an event was deleted or the events were reordered", c.seq+1, e.Seq))
	case e.PrevHash != c.hash:
		return brk("its link to the event before it does not match: the events were reordered or the one before was replaced")
	case computed != e.Hash:
		return brk("its content does not match its hash: the event was changed")
	}
	if e.Format == 1 && v.global {
		switch {
		case e.GSeq <= v.gseq:
			return brk(fmt.Sprintf("global event %d comes after %d: the global chain was reordered", e.GSeq, v.gseq))
		case e.GSeq > v.gseq+1:
			// An event is missing. Go on to learn which case lost it; the
			// link to the missing event cannot hold.
			if v.gap == 0 {
				v.gap = v.gseq + 1
			}
			if ComputeGlobalHash(e) != e.GHash {
				return brk("its link in the global chain does not match: the chain was rewritten")
			}
		case e.GPrevHash != v.ghash || ComputeGlobalHash(e) != e.GHash:
			return brk("its link in the global chain does not match: the chain was rewritten")
		}
		v.gseq, v.ghash = e.GSeq, e.GHash
		if cp, ok := v.globalExpect[e.GSeq]; ok {
			delete(v.globalExpect, e.GSeq)
			if cp.Hash != e.GHash {
				return brk(fmt.Sprintf("the global chain here differs from the checkpoint signed %s: the history up to this event was rewritten after it was signed",
					cp.SignedAt.UTC().Format(time.RFC3339)))
			}
			v.report.Checkpoints++
			v.cover(cp)
		}
	}
	c.seq, c.hash = e.Seq, e.Hash
	c.events++
	v.report.Events++
	if x, ok := c.expect[e.Seq]; ok {
		delete(c.expect, e.Seq)
		if x.hash != e.Hash {
			return brk(fmt.Sprintf("the chain here differs from what %s recorded: the history up to this event was rewritten after that", x.by))
		}
		v.report.Checkpoints++
	}
	if c.witness.Seq == e.Seq {
		if c.witness.Hash != e.Hash {
			return brk(fmt.Sprintf("the chain here differs from what %s recorded: the history up to this event was rewritten after that", byWorkflow))
		}
		c.witness = Head{}
		v.report.Witnessed++
	}
	if !v.opts.NoSignatures && v.uncovered == nil && e.OccurredAt.Before(v.cutoff) && e.Seq > c.covered &&
		!(e.Format == 1 && e.GSeq <= v.globalCovered) {
		v.uncovered = brk(fmt.Sprintf("written %s, and no signed checkpoint covers it: checkpoints were deleted, or the signer has not run since",
			e.OccurredAt.UTC().Format(time.RFC3339)))
	}
	return nil
}

// finish checks what only the end can tell: events that checkpoints or
// workflows recorded and the trail no longer holds, events no checkpoint
// covers, and cases without a trail.
func (v *verifier) finish(cases []string) (Report, *Break) {
	if v.gap != 0 {
		return v.report, &Break{GSeq: v.gap, Reason: "this global event was deleted"}
	}
	var missing *Break
	for number, c := range v.cases {
		for seq, x := range c.expect {
			if missing == nil || number < missing.CaseNumber || number == missing.CaseNumber && seq < missing.Seq {
				missing = &Break{CaseNumber: number, Seq: seq, Reason: fmt.Sprintf("%s holds this event, which is no longer in the trail: events were deleted", x.by)}
			}
		}
	}
	if missing != nil {
		return v.report, missing
	}
	for number, c := range v.cases {
		if c.witness.Seq == 0 {
			continue
		}
		if missing == nil || number < missing.CaseNumber {
			missing = &Break{CaseNumber: number, Seq: c.witness.Seq, Reason: byWorkflow + " holds this event, which is no longer in the trail: events were deleted"}
		}
	}
	if missing != nil {
		return v.report, missing
	}
	for gseq, cp := range v.globalExpect {
		return v.report, &Break{GSeq: gseq, Reason: fmt.Sprintf("the checkpoint signed %s covers this global event, which is no longer in the trail: events were deleted",
			cp.SignedAt.UTC().Format(time.RFC3339))}
	}
	if v.uncovered != nil {
		return v.report, v.uncovered
	}
	for _, number := range cases {
		if c := v.cases[number]; c == nil || c.events == 0 {
			return v.report, &Break{CaseNumber: number, Reason: "the case has no audit trail: its events were deleted"}
		}
	}
	for _, c := range v.cases {
		if c.events > 0 {
			v.report.Cases++
		}
	}
	return v.report, nil
}

// Verify reads one case's trail and checks it, with the checkpoints and
// roots that cover it and its workflow's head, when given.
func (t *Trail) Verify(ctx context.Context, caseNumber string, opts Options) (Report, error) {
	es, err := t.Events(ctx, caseNumber)
	if err != nil {
		return Report{}, err
	}
	cps, err := t.st.AuditCheckpointsOf(ctx, caseNumber)
	if err != nil {
		return Report{}, err
	}
	roots, err := t.st.AuditCheckpointsOf(ctx, ScopeRoot)
	if err != nil {
		return Report{}, err
	}
	cps = append(append(cps, roots...), opts.Extra...)
	v, b, err := newVerifier(opts, cps, caseNumber)
	if err != nil {
		return Report{}, err
	}
	if b != nil {
		return Report{}, b
	}
	if b := v.batch(es); b != nil {
		return Report{}, b
	}
	r, b := v.finish(nil)
	if c := v.cases[caseNumber]; c != nil {
		r.Covered = c.covered
	}
	if b != nil {
		return r, b
	}
	return r, nil
}

// verifyBatch is how many events VerifyAll hands the hashers at a time.
const verifyBatch = 20000

// VerifyAll checks every case chain, the global chain of the first format,
// every checkpoint and root, the heads the workflows know, and that every
// case has a trail: one pass over the trail in global order, read while
// the events before are being checked.
func (t *Trail) VerifyAll(ctx context.Context, opts Options) (Report, error) {
	cps, err := t.Checkpoints(ctx)
	if err != nil {
		return Report{}, err
	}
	v, b, err := newVerifier(opts, append(cps, opts.Extra...), "")
	if err != nil {
		return Report{}, err
	}
	if b != nil {
		return Report{}, b
	}
	v.global = true
	var brk *Break
	err = t.st.StreamAuditEvents(ctx, verifyBatch, func(es []Event) error {
		if b := v.batch(es); b != nil {
			brk = b
			return errStop
		}
		return nil
	})
	if brk != nil {
		return Report{}, brk
	}
	if err != nil {
		return Report{}, err
	}
	cases, err := t.st.CaseNumbersCreatedBefore(ctx, v.cutoff)
	if err != nil {
		return Report{}, err
	}
	r, b := v.finish(cases)
	if b != nil {
		return r, b
	}
	return r, nil
}

var errStop = errors.New("stop")

func hexSum(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
