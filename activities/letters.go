package activities

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/uptrace/bun"
	"go.temporal.io/sdk/temporal"
)

// DecisionInput is a staff decision on one right, as the letter needs it.
type DecisionInput struct {
	Right   rights.Right
	Outcome string
	Ground  string
}

// LetterInput asks for one letter of a case. It carries no personal data:
// the activity reads the recipient from the case record.
type LetterInput struct {
	CaseNumber string
	Kind       string // letter.KindResponse, KindUnverified, KindComplement, KindExtension
	// Key is unique within the case (e.g. "complement-2"): a letter is
	// rendered and filed once per key, whatever retries happen.
	Key       string
	Decisions []DecisionInput
	Requested string // what the person must send (complement)
	Reason    string // why the time limit is extended (extension)
	Due       string // the due date, YYYY-MM-DD
	// To addresses the letter to someone other than the person: a recipient
	// of the data, for an Art. 19 notice about Change.
	To     []string
	Change string
	// Step is written first (nil: the case wrote it itself).
	Step *Step `json:",omitempty"`
	// Sent, when set, is the letter.sent record the case reserved (its
	// time, actor and key): the activity writes it, with the step, in the
	// transaction that stores the letter, so the trail says a letter was
	// sent exactly when one was stored. Nil: the case records it.
	Sent *AuditInput `json:",omitempty"`
}

// LetterResult says which letter went out.
type LetterResult struct {
	Kind     string
	Filename string
	SHA256   string
	// GlyphsReplaced counts the characters (an emoji in a name) the
	// letter's fonts could not draw and replaced.
	GlyphsReplaced int `json:",omitempty"`
	// Head is the case's audit head after the step the input carried.
	Head *AuditHead `json:",omitempty"`
	// Recorded: the letter.sent event was written with the letter.
	Recorded bool `json:",omitempty"`
}

// SendLetter renders a case's letter from the case record, stores it with
// its SHA-256 and writes it to the outbox. A retry returns the letter stored
// the first time instead of making a second one.
func (a *Activities) SendLetter(ctx context.Context, in LetterInput) (LetterResult, error) {
	if in.Sent != nil {
		return a.sendLetter(ctx, in)
	}
	head, err := a.writeStep(ctx, in.Step, nil)
	if err != nil {
		return LetterResult{}, err
	}
	res, err := a.sendLetter(ctx, in)
	res.Head = head
	return res, err
}

// storeRecorded stores the letter with its step and its letter.sent record
// in one transaction (the letter already stored by an earlier attempt is
// not stored again, its record not written twice), then files it.
func (a *Activities) storeRecorded(ctx context.Context, in LetterInput, l *store.Letter, stored bool) (LetterResult, error) {
	sent := audit.Entry{CaseNumber: in.CaseNumber, Time: in.Sent.Time, Actor: in.Sent.Actor, IdemKey: in.Sent.IdemKey,
		Event: event.LetterSent{Kind: in.Kind, File: l.Filename, SHA256: l.SHA256, GlyphsReplaced: l.GlyphsReplaced}}
	var save []func(ctx context.Context, tx bun.IDB) error
	if !stored {
		save = append(save, func(ctx context.Context, tx bun.IDB) error { return a.Store.SaveLetterIn(ctx, tx, l) })
	}
	head, err := a.writeStep(ctx, in.Step, []audit.Entry{sent}, save...)
	if err != nil {
		return LetterResult{}, err
	}
	if l, err = a.Store.Letter(ctx, l.CaseNumber, l.Kind); err != nil {
		return LetterResult{}, err
	}
	res, err := a.writeOutbox(l)
	res.Head, res.Recorded = head, true
	return res, err
}

func (a *Activities) sendLetter(ctx context.Context, in LetterInput) (LetterResult, error) {
	c, err := a.caseRecord(ctx, in.CaseNumber)
	if err != nil {
		return LetterResult{}, err
	}
	if in.Key == "" {
		in.Key = in.Kind
	}
	if existing, err := a.Store.Letter(ctx, c.Number, in.Key); err == nil {
		if in.Sent != nil {
			return a.storeRecorded(ctx, in, existing, true)
		}
		return a.writeOutbox(existing)
	}
	content := letter.Content{
		Kind: in.Kind, CaseNumber: c.Number, Received: deadline.DateOf(c.ReceivedAt), Language: c.Language,
		Recipient: recipient(c), Requested: in.Requested, Reason: in.Reason, Change: in.Change,
	}
	if len(in.To) > 0 {
		content.Recipient = in.To
		content.SubjectID = formatPersonnummer(c.Personnummer, c.RequesterEmail)
	}
	if in.Due != "" {
		if content.Due, err = deadline.ParseDate(in.Due); err != nil {
			return LetterResult{}, temporal.NewNonRetryableApplicationError("letter due date", "BadInput", err)
		}
	}
	for _, d := range in.Decisions {
		content.Decisions = append(content.Decisions, letter.Decision{Right: d.Right, Outcome: d.Outcome, Ground: d.Ground})
	}
	if in.Kind == letter.KindResponse {
		if err := a.addFulfilment(ctx, c, &content); err != nil {
			return LetterResult{}, fmt.Errorf("read what fulfilment did: %w", err)
		}
	}
	for _, name := range c.RightNames() {
		content.Rights = append(content.Rights, rights.Right(name))
	}
	compose := letter.Compose
	if a.Templates != nil {
		compose = a.Templates.Compose
	}
	l, err := compose(content, deadline.DateOf(a.now()))
	if err != nil {
		return LetterResult{}, temporal.NewNonRetryableApplicationError("compose letter", "BadInput", err)
	}
	l, replaced := letter.Printable(l)
	pdf, err := letter.Render(a.Sender, l)
	if err != nil {
		return LetterResult{}, temporal.NewNonRetryableApplicationError("render letter", "RenderFailed", err)
	}
	sum := sha256.Sum256(pdf)
	row := &store.Letter{
		CaseNumber: c.Number, Kind: in.Key, Filename: fmt.Sprintf("%s-%s.pdf", c.Number, in.Key),
		SHA256: hex.EncodeToString(sum[:]), PDF: pdf, GlyphsReplaced: replaced,
	}
	if in.Sent != nil {
		return a.storeRecorded(ctx, in, row, false)
	}
	stored, err := a.Store.SaveLetter(ctx, row)
	if err != nil {
		return LetterResult{}, err
	}
	return a.writeOutbox(stored)
}

func recipient(c *store.Case) []string {
	lines := []string{c.RequesterName}
	if addr := c.AddressLines(); len(addr) > 0 {
		return append(lines, addr...)
	}
	if c.RequesterEmail != "" {
		lines = append(lines, c.RequesterEmail)
	}
	return lines
}

// writeOutbox writes the stored letter to the outbox atomically, so the post
// room never picks up half a file.
func (a *Activities) writeOutbox(l *store.Letter) (LetterResult, error) {
	res := LetterResult{Kind: l.Kind, Filename: l.Filename, SHA256: l.SHA256, GlyphsReplaced: l.GlyphsReplaced}
	if err := os.MkdirAll(a.OutboxDir, 0o750); err != nil {
		return res, fmt.Errorf("create outbox: %w", err)
	}
	path := filepath.Join(a.OutboxDir, l.Filename)
	tmp := fmt.Sprintf("%s.%d.tmp", path, time.Now().UnixNano())
	if err := os.WriteFile(tmp, l.PDF, 0o640); err != nil {
		return res, fmt.Errorf("write letter to outbox: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return res, fmt.Errorf("write letter to outbox: %w", err)
	}
	return res, nil
}

func formatPersonnummer(digits, email string) string {
	if len(digits) == 12 {
		return digits[:8] + "-" + digits[8:]
	}
	return "(utan personnummer, e-post " + email + ")"
}
