package audit

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"time"
)

// Break describes the first place the trail does not hold.
type Break struct {
	CaseNumber string // empty for a break in the global chain alone
	Seq        int
	GSeq       int64
	Reason     string
}

func (b *Break) Error() string {
	switch {
	case b.CaseNumber == "":
		return fmt.Sprintf("audit trail broken at global event %d: %s", b.GSeq, b.Reason)
	case b.GSeq == 0:
		return fmt.Sprintf("audit trail of %s broken at event %d: %s", b.CaseNumber, b.Seq, b.Reason)
	}
	return fmt.Sprintf("audit trail of %s broken at event %d (global %d): %s", b.CaseNumber, b.Seq, b.GSeq, b.Reason)
}

// Report is the outcome of a verification.
type Report struct {
	Events      int64
	Cases       int
	Checkpoints int
	// Covering is the latest checkpoint that covers what was verified.
	Covering *Checkpoint
}

// Verifier checks chains and checkpoints, event by event in order.
type Verifier struct {
	// Public verifies checkpoint signatures; without it, checkpoints are not
	// checked.
	Public ed25519.PublicKey
	// Global is set when the events come in global order and the global
	// chain is to be checked too.
	Global bool

	cases       map[string]*caseHead
	gap         int64 // the first missing global sequence number
	gseq        int64
	ghash       string
	checkpoints map[string]map[int64]*Checkpoint
	report      Report
}

type caseHead struct {
	seq  int
	hash string
}

// NewVerifier returns a verifier that also checks cps, the checkpoints from
// the database and any exported copy.
func NewVerifier(pub ed25519.PublicKey, global bool, cps []Checkpoint) (*Verifier, error) {
	v := &Verifier{Public: pub, Global: global, cases: map[string]*caseHead{}, ghash: Genesis,
		checkpoints: map[string]map[int64]*Checkpoint{}}
	for i := range cps {
		c := &cps[i]
		if pub != nil {
			if err := c.VerifySignature(pub); err != nil {
				return nil, &Break{CaseNumber: scopeCase(c.Scope), Seq: int(c.Seq), Reason: err.Error()}
			}
		}
		if v.checkpoints[c.Scope] == nil {
			v.checkpoints[c.Scope] = map[int64]*Checkpoint{}
		}
		if prior, ok := v.checkpoints[c.Scope][c.Seq]; ok && prior.Hash != c.Hash {
			return nil, &Break{CaseNumber: scopeCase(c.Scope), Seq: int(c.Seq), Reason: "two signed checkpoints disagree about this event"}
		}
		v.checkpoints[c.Scope][c.Seq] = c
	}
	return v, nil
}

func scopeCase(scope string) string {
	if scope == ScopeGlobal {
		return ""
	}
	return scope
}

// Next checks one event. Events of a case must come in sequence order, and
// all events in global order when Global is set.
func (v *Verifier) Next(e *Event) *Break {
	head := v.cases[e.CaseNumber]
	if head == nil {
		head = &caseHead{hash: Genesis}
		v.cases[e.CaseNumber] = head
	}
	brk := func(reason string) *Break {
		b := &Break{CaseNumber: e.CaseNumber, Seq: e.Seq, Reason: reason}
		if v.Global {
			b.GSeq = e.GSeq
		}
		return b
	}
	switch {
	case e.Seq > head.seq+1 && v.gap != 0:
		return &Break{CaseNumber: e.CaseNumber, Seq: head.seq + 1, GSeq: v.gap, Reason: "this event was deleted"}
	case e.Seq != head.seq+1:
		return brk(fmt.Sprintf("expected event %d of the case here, found %d: an event was deleted or the events were reordered", head.seq+1, e.Seq))
	case e.PrevHash != head.hash:
		return brk("its link to the event before it does not match: the events were reordered or the one before was replaced")
	case e.ComputeHash() != e.Hash:
		return brk("its content does not match its hash: the event was changed")
	}
	if v.Global {
		switch {
		case e.GSeq <= v.gseq:
			return brk(fmt.Sprintf("global event %d comes after %d: the global chain was reordered", e.GSeq, v.gseq))
		case e.GSeq > v.gseq+1:
			// An event is missing. Go on to learn which case lost it; the
			// link to the missing event cannot hold.
			if v.gap == 0 {
				v.gap = v.gseq + 1
			}
			if e.ComputeGlobalHash() != e.GHash {
				return brk("its link in the global chain does not match: the chain was rewritten")
			}
		case e.GPrevHash != v.ghash || e.ComputeGlobalHash() != e.GHash:
			return brk("its link in the global chain does not match: the chain was rewritten")
		}
		v.gseq, v.ghash = e.GSeq, e.GHash
		if b := v.checkpoint(ScopeGlobal, e.GSeq, e.GHash, e); b != nil {
			return b
		}
	}
	head.seq, head.hash = e.Seq, e.Hash
	v.report.Events++
	return v.checkpoint(e.CaseNumber, int64(e.Seq), e.Hash, e)
}

func (v *Verifier) checkpoint(scope string, seq int64, hash string, e *Event) *Break {
	c, ok := v.checkpoints[scope][seq]
	if !ok {
		return nil
	}
	delete(v.checkpoints[scope], seq)
	if c.Hash != hash {
		b := &Break{CaseNumber: e.CaseNumber, Seq: e.Seq, Reason: fmt.Sprintf(
			"the chain here differs from the checkpoint signed %s: the history up to this event was rewritten after it was signed",
			c.SignedAt.UTC().Format(time.RFC3339))}
		if v.Global {
			b.GSeq = e.GSeq
		}
		return b
	}
	v.report.Checkpoints++
	if v.report.Covering == nil || c.SignedAt.After(v.report.Covering.SignedAt) {
		v.report.Covering = c
	}
	return nil
}

// Finish checks what only the end can tell: checkpoints of events that are
// no longer there.
func (v *Verifier) Finish() (Report, *Break) {
	if v.gap != 0 {
		return v.report, &Break{GSeq: v.gap, Reason: "this global event was deleted"}
	}
	var missing *Checkpoint
	for _, byseq := range v.checkpoints {
		for _, c := range byseq {
			if missing == nil || c.Scope < missing.Scope || (c.Scope == missing.Scope && c.Seq < missing.Seq) {
				missing = c
			}
		}
	}
	if missing != nil {
		return v.report, &Break{CaseNumber: scopeCase(missing.Scope), Seq: int(missing.Seq), GSeq: globalSeq(missing.Scope, missing.Seq),
			Reason: fmt.Sprintf("a checkpoint signed %s covers this event, which is no longer in the trail: events were deleted",
				missing.SignedAt.UTC().Format(time.RFC3339))}
	}
	v.report.Cases = len(v.cases)
	return v.report, nil
}

func globalSeq(scope string, seq int64) int64 {
	if scope == ScopeGlobal {
		return seq
	}
	return 0
}

// Verify reads the case's trail and checks it, with its checkpoints.
func (t *Trail) Verify(ctx context.Context, caseNumber string, pub ed25519.PublicKey, extra []Checkpoint) (Report, error) {
	es, err := t.Events(ctx, caseNumber)
	if err != nil {
		return Report{}, err
	}
	cps, err := t.checkpointsOf(ctx, caseNumber)
	if err != nil {
		return Report{}, err
	}
	for _, c := range extra {
		if c.Scope == caseNumber {
			cps = append(cps, c)
		}
	}
	v, err := NewVerifier(pub, false, cps)
	if err != nil {
		return Report{}, err
	}
	for i := range es {
		if b := v.Next(&es[i]); b != nil {
			return Report{}, b
		}
	}
	r, b := v.Finish()
	if b != nil {
		return r, b
	}
	return r, nil
}

func (t *Trail) checkpointsOf(ctx context.Context, scope string) ([]Checkpoint, error) {
	var cs []Checkpoint
	err := t.db.NewSelect().Model(&cs).Where("scope = ?", scope).Order("id").Scan(ctx)
	return cs, err
}

// verifyBatch is how many events VerifyAll reads at a time.
const verifyBatch = 10000

// VerifyAll checks every case chain, the global chain and every checkpoint
// in one pass over the trail in global order.
func (t *Trail) VerifyAll(ctx context.Context, pub ed25519.PublicKey, extra []Checkpoint) (Report, error) {
	cps, err := t.Checkpoints(ctx)
	if err != nil {
		return Report{}, err
	}
	v, err := NewVerifier(pub, true, append(cps, extra...))
	if err != nil {
		return Report{}, err
	}
	var after int64
	for {
		var batch []Event
		if err := t.db.NewSelect().Model(&batch).Where("gseq > ?", after).Order("gseq").Limit(verifyBatch).Scan(ctx); err != nil {
			return Report{}, err
		}
		for i := range batch {
			if b := v.Next(&batch[i]); b != nil {
				return Report{}, b
			}
		}
		if len(batch) < verifyBatch {
			break
		}
		after = batch[len(batch)-1].GSeq
	}
	r, b := v.Finish()
	if b != nil {
		return r, b
	}
	return r, nil
}
