package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Notification is a reminder or escalation to the privacy team.
type Notification struct {
	bun.BaseModel `bun:"table:notifications"`

	ID          int64      `bun:"id,pk,autoincrement"`
	IdemKey     string     `bun:"idem_key,notnull"`
	CaseNumber  string     `bun:"case_number,notnull"`
	Kind        string     `bun:"kind,notnull"`
	Recipient   string     `bun:"recipient,notnull"`
	DeliveredAt *time.Time `bun:"delivered_at"`
	CreatedAt   time.Time  `bun:"created_at,nullzero,notnull,default:current_timestamp"`
}

// RecordNotification stores n unless one with its key exists, and returns
// the stored one.
func (s *Store) RecordNotification(ctx context.Context, n *Notification) (*Notification, error) {
	if _, err := s.db.NewInsert().Model(n).ExcludeColumn("id", "created_at").On("CONFLICT (idem_key) DO NOTHING").Exec(ctx); err != nil {
		return nil, err
	}
	var out Notification
	err := s.db.NewSelect().Model(&out).Where("idem_key = ?", n.IdemKey).Scan(ctx)
	return &out, err
}

// MarkNotificationDelivered records when the notification left.
func (s *Store) MarkNotificationDelivered(ctx context.Context, id int64, at time.Time) error {
	_, err := s.db.NewUpdate().Model((*Notification)(nil)).Set("delivered_at = ?", at.UTC()).Where("id = ?", id).Exec(ctx)
	return err
}

// Notifications returns the case's notifications, oldest first.
func (s *Store) Notifications(ctx context.Context, caseNumber string) ([]Notification, error) {
	var ns []Notification
	err := s.db.NewSelect().Model(&ns).Where("case_number = ?", caseNumber).Order("id").Scan(ctx)
	return ns, err
}
