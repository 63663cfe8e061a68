package activities

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/uptrace/bun"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
)

// Correction is one change staff approved for rectification. An empty
// System applies it in every system that holds the person.
type Correction struct {
	System string `json:"system,omitempty"`
	Field  string `json:"field"`
	Value  string `json:"value"`
}

// FulfilInput asks for one approved right to be carried out everywhere.
type FulfilInput struct {
	CaseNumber  string
	Right       rights.Right
	Corrections []Correction
}

// FulfilResult says where the right was carried out, in counts, and for a
// rectification the fields changed, before and after, which the audit trail
// must show. Other details stay in the database.
type FulfilResult struct {
	Right   rights.Right
	Systems map[string]string // system -> what was done
	Changes []register.Change `json:",omitempty"`
	// Notified are the recipients and processors sent an Art. 19 notice.
	Notified []string `json:",omitempty"`
}

// systemAction is one right carried out in one system, inside the
// transaction that records it.
type systemAction func(ctx context.Context, tx bun.Tx) (result any, summary string, changed bool, err error)

// Fulfil carries out an approved right in every system that holds the
// person, each system in one transaction with its record in
// fulfilment_actions: after a crash or a retry, a system already done is not
// done again, and recipients are notified once (Art. 19).
func (a *Activities) Fulfil(ctx context.Context, in FulfilInput) (FulfilResult, error) {
	c, err := a.caseRecord(ctx, in.CaseNumber)
	if err != nil {
		return FulfilResult{}, err
	}
	subj := subjectOf(c)
	if subj.Empty() {
		return FulfilResult{}, temporal.NewNonRetryableApplicationError("the case names no personnummer or e-mail address to find the person by", "NoSubject", nil)
	}
	reg := register.New(a.Store.DB, a.Store.Postgres)
	if c.RequesterAddress == "" {
		// Letters go to the registered address: take it before erasure
		// removes it.
		name, lines, err := reg.Address(ctx, a.Store.DB, subj)
		if err != nil {
			return FulfilResult{}, err
		}
		if len(lines) > 0 {
			if err := a.Store.SetRequesterAddress(ctx, c.Number, name, lines); err != nil {
				return FulfilResult{}, err
			}
		}
	}
	records, err := reg.Records(ctx)
	if err != nil {
		return FulfilResult{}, err
	}
	systems := a.systems(reg)
	actions, err := a.actionsFor(systems, records, subj, in)
	if err != nil {
		return FulfilResult{}, temporal.NewNonRetryableApplicationError(err.Error(), "BadFulfilment", err)
	}
	res := FulfilResult{Right: in.Right, Systems: map[string]string{}}
	for _, s := range systems {
		sys := s.SystemName()
		act, ok := actions[sys]
		if !ok {
			continue
		}
		summary, result, err := a.runOnce(ctx, in, sys, records, act)
		if err != nil {
			return res, fmt.Errorf("%s in %s: %w", in.Right, sys, err)
		}
		res.Systems[sys] = summary
		if in.Right == rights.Rectification {
			var changes []register.Change
			_ = json.Unmarshal(result, &changes)
			res.Changes = append(res.Changes, changes...)
		}
		// A worker that dies mid-way stops heartbeating; Temporal then gives
		// the activity to another worker, which skips the systems done.
		if activity.IsActivity(ctx) {
			activity.RecordHeartbeat(ctx, sys)
		}
	}
	if notifiesRecipients(in.Right) {
		if res.Notified, err = a.sendRecipientNotices(ctx, in); err != nil {
			return res, err
		}
	}
	return res, nil
}

// sendRecipientNotices writes one Art. 19 notice per recipient recorded for
// the case and right, once each, and returns whom.
func (a *Activities) sendRecipientNotices(ctx context.Context, in FulfilInput) ([]string, error) {
	var who []string
	if err := a.Store.DB.NewRaw("SELECT recipient FROM recipient_notices WHERE case_number = ? AND change = ? ORDER BY id",
		in.CaseNumber, string(in.Right)).Scan(ctx, &who); err != nil {
		return nil, err
	}
	for i, w := range who {
		_, err := a.SendLetter(ctx, LetterInput{CaseNumber: in.CaseNumber, Kind: letter.KindRecipientNotice,
			Key: fmt.Sprintf("art19-%s-%d", in.Right, i+1), To: []string{w}, Change: string(in.Right)})
		if err != nil {
			return nil, fmt.Errorf("notice to %s: %w", w, err)
		}
	}
	return who, nil
}

// FulfilmentAction is a right carried out in one system.
type FulfilmentAction struct {
	bun.BaseModel `bun:"table:fulfilment_actions"`

	ID         int64     `bun:"id,pk,autoincrement"`
	CaseNumber string    `bun:"case_number"`
	Right      string    `bun:"right_name"`
	System     string    `bun:"system"`
	Result     string    `bun:"result"`
	DoneAt     time.Time `bun:"done_at"`
}

type recorded struct {
	Summary string          `json:"summary"`
	Result  json.RawMessage `json:"result"`
}

func (a *Activities) runOnce(ctx context.Context, in FulfilInput, sys string, records []register.Record, act systemAction) (string, json.RawMessage, error) {
	var summary string
	var body json.RawMessage
	err := a.Store.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var done FulfilmentAction
		err := tx.NewSelect().Model(&done).Where("case_number = ? AND right_name = ? AND system = ?", in.CaseNumber, string(in.Right), sys).Scan(ctx)
		if err == nil {
			var r recorded
			_ = json.Unmarshal([]byte(done.Result), &r)
			summary, body = r.Summary, r.Result
			return nil // done before a crash or by an earlier attempt
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		result, s, changed, err := act(ctx, tx)
		if err != nil {
			return err
		}
		summary = s
		if body, err = json.Marshal(result); err != nil {
			return err
		}
		rec, _ := json.Marshal(recorded{Summary: s, Result: body})
		_, err = tx.NewInsert().Model(&FulfilmentAction{CaseNumber: in.CaseNumber, Right: string(in.Right), System: sys, Result: string(rec), DoneAt: a.now().UTC()}).
			ExcludeColumn("id").Exec(ctx)
		if err != nil {
			return err
		}
		if changed && notifiesRecipients(in.Right) {
			return noticeRecipients(ctx, tx, in, sys, records, a.now())
		}
		return nil
	})
	return summary, body, err
}

func notifiesRecipients(r rights.Right) bool {
	return r == rights.Rectification || r == rights.Erasure || r == rights.Restriction
}

// noticeRecipients records, once per recipient, that it must be told of the
// change (Art. 19): every recipient and processor the record of processing
// names for the system.
func noticeRecipients(ctx context.Context, tx bun.Tx, in FulfilInput, sys string, records []register.Record, now time.Time) error {
	seen := map[string]bool{}
	for _, rec := range records {
		if rec.System != sys {
			continue
		}
		for _, who := range strings.Split(rec.Recipients+";"+rec.Processors, ";") {
			who = strings.TrimSpace(who)
			if who == "" || seen[who] {
				continue
			}
			seen[who] = true
			_, err := tx.ExecContext(ctx, "INSERT INTO recipient_notices (case_number, recipient, change, created_at) VALUES (?, ?, ?, ?) "+
				"ON CONFLICT (case_number, recipient, change) DO NOTHING", in.CaseNumber, who, string(in.Right), now.UTC())
			if err != nil {
				return fmt.Errorf("record the notice to %s: %w", who, err)
			}
		}
	}
	return nil
}
