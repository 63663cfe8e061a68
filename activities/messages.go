package activities

import (
	"context"
	"fmt"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/clean"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/intake"
)

// ReadMessagesInput asks for a case's messages to be shown to a staff
// member.
type ReadMessagesInput struct {
	CaseNumber string
	Actor      string
	// Key makes the read's record unique in the case (the input's ordinal).
	Key  string
	Step *Step `json:",omitempty"`
}

// MessageText is one message as staff read it: its subject and text,
// bounded, or why it cannot be shown as text.
type MessageText struct {
	ID       int64     `json:"id"`
	Received time.Time `json:"received"`
	Subject  string    `json:"subject,omitempty"`
	Text     string    `json:"text,omitempty"`
	Note     string    `json:"note,omitempty"`
}

// ReadMessagesResult is the messages read, and the audit head after the
// reads were recorded.
type ReadMessagesResult struct {
	Messages []MessageText
	Head     *AuditHead `json:",omitempty"`
}

// Bounds of what a read shows: the newest messages, each cut short.
const (
	maxShownMessages = 5
	maxShownText     = 4000
)

// ReadMessages decrypts a case's request and the replies after it (the
// newest five) for a staff member, and records each read in the audit
// trail, with the step the input carried, before it returns any text: a
// read that cannot be recorded shows nothing.
func (a *Activities) ReadMessages(ctx context.Context, in ReadMessagesInput) (ReadMessagesResult, error) {
	ms, err := a.Store.CaseMessages(ctx, in.CaseNumber)
	if err != nil {
		return ReadMessagesResult{}, err
	}
	if len(ms) > maxShownMessages {
		ms = ms[len(ms)-maxShownMessages:]
	}
	var out []MessageText
	var reads []audit.Entry
	for _, m := range ms {
		t := MessageText{ID: m.ID, Received: m.ReceivedAt}
		r, err := a.Store.RawMessage(ctx, m.ID)
		if err == nil {
			var p *intake.Message
			if p, err = intake.ParseEmail(r); err == nil {
				t.Subject, t.Text = clean.Line(p.Subject, 300), clean.Text(p.Text, maxShownText)
			}
		}
		switch {
		case err != nil && m.Channel == "post":
			t.Note = "a scanned letter: read it with `dsr case attachments`"
		case err != nil:
			t.Note = "cannot be shown as text: " + clean.Line(err.Error(), 200)
		}
		out = append(out, t)
		reads = append(reads, audit.Entry{CaseNumber: in.CaseNumber, Time: a.now(), Actor: in.Actor,
			Event: event.MessageRead{Message: m.ID, Purpose: "shown on the case card"}, IdemKey: fmt.Sprintf("%s/message-read/%s/%d", in.CaseNumber, in.Key, m.ID)})
	}
	head, err := a.writeStep(ctx, in.Step, reads)
	if err != nil {
		return ReadMessagesResult{}, err
	}
	return ReadMessagesResult{Messages: out, Head: head}, nil
}
