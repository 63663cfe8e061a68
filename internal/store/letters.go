package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Letter is a letter sent in a case, kept with its PDF and the PDF's SHA-256.
type Letter struct {
	bun.BaseModel `bun:"table:letters"`

	ID         int64      `bun:"id,pk,autoincrement"`
	CaseNumber string     `bun:"case_number,notnull"`
	Kind       string     `bun:"kind,notnull"`
	Filename   string     `bun:"filename,notnull"`
	SHA256     string     `bun:"sha256,notnull"`
	PDF        []byte     `bun:"pdf,notnull"`
	CreatedAt  time.Time  `bun:"created_at,nullzero,notnull,default:current_timestamp"`
	Batch      string     `bun:"batch,notnull"`
	PostedAt   *time.Time `bun:"posted_at"`
	// GlyphsReplaced counts the characters the letter's fonts could not
	// draw, replaced so that the letter could go out.
	GlyphsReplaced int `bun:"glyphs_replaced,notnull"`
	// Route is how the letter goes: RoutePost (the outbox, the print
	// queue) or RouteEmail. SentTo is the postal address lines (joined by
	// "\n") or the e-mail address it goes to.
	Route  string `bun:"route,notnull"`
	SentTo string `bun:"sent_to,notnull"`
	// Recipient names whom the letter was addressed to.
	Recipient string `bun:"recipient,notnull"`
}

// Routes of a letter.
const (
	RoutePost  = "post"
	RouteEmail = "email"
)

// PostalLines returns the address a posted letter goes to.
func (l *Letter) PostalLines() []string {
	if l.Route != RoutePost {
		return nil
	}
	return lines(l.SentTo)
}

// Deliverable says whether a posted letter has a postal address: a street
// (or box) line and a postcode and town line at least.
func (l *Letter) Deliverable() bool {
	n := 0
	for _, line := range l.PostalLines() {
		if strings.TrimSpace(line) != "" {
			n++
		}
	}
	return n >= 2
}

// SaveLetter stores l unless the case already has a letter of that kind, and
// returns the stored one: a retried activity never makes a second letter.
func (s *Store) SaveLetter(ctx context.Context, l *Letter) (*Letter, error) {
	if err := s.SaveLetterIn(ctx, s.db, l); err != nil {
		return nil, err
	}
	return s.Letter(ctx, l.CaseNumber, l.Kind)
}

// SaveLetterIn stores a letter in db (a transaction that also records it in
// the audit trail); one of the same case and kind is not stored twice.
func (s *Store) SaveLetterIn(ctx context.Context, db bun.IDB, l *Letter) error {
	_, err := db.NewInsert().Model(l).ExcludeColumn("id", "created_at", "posted_at").
		On("CONFLICT (case_number, kind) DO NOTHING").Exec(ctx)
	if err != nil {
		return fmt.Errorf("store letter: %w", err)
	}
	return nil
}

// Letter returns the case's letter of the given kind.
func (s *Store) Letter(ctx context.Context, caseNumber, kind string) (*Letter, error) {
	var l Letter
	err := s.db.NewSelect().Model(&l).Where("case_number = ? AND kind = ?", caseNumber, kind).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("letter %s of case %s: %w", kind, caseNumber, ErrNotFound)
	}
	return &l, err
}

// Letters returns the case's letters, oldest first, without their PDFs.
func (s *Store) Letters(ctx context.Context, caseNumber string) ([]Letter, error) {
	var ls []Letter
	err := s.db.NewSelect().Model(&ls).ExcludeColumn("pdf").Where("case_number = ?", caseNumber).Order("id").Scan(ctx)
	return ls, err
}

// Unposted returns the letters to post (route post) made since since and
// not yet posted, oldest first, with their PDFs.
func (s *Store) Unposted(ctx context.Context, since time.Time) ([]Letter, error) {
	var ls []Letter
	err := s.db.NewSelect().Model(&ls).Where("created_at >= ? AND posted_at IS NULL AND route = ?", since.UTC(), RoutePost).Order("id").Scan(ctx)
	return ls, err
}

// AssignBatch records that the letters were put in the named print batch.
func (s *Store) AssignBatch(ctx context.Context, ids []int64, batch string) error {
	_, err := s.db.NewUpdate().Model((*Letter)(nil)).Set("batch = ?", batch).Where("id IN (?)", bun.List(ids)).Exec(ctx)
	return err
}

// MarkPosted records that the batch's letters were posted, and returns them.
func (s *Store) MarkPosted(ctx context.Context, batch string, at time.Time) ([]Letter, error) {
	var ls []Letter
	if err := s.db.NewSelect().Model(&ls).ExcludeColumn("pdf").Where("batch = ? AND posted_at IS NULL", batch).Order("id").Scan(ctx); err != nil {
		return nil, err
	}
	_, err := s.db.NewUpdate().Model((*Letter)(nil)).Set("posted_at = ?", at.UTC()).Where("batch = ? AND posted_at IS NULL", batch).Exec(ctx)
	return ls, err
}
