package activities

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/register"
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
	// Scope is what a partly approved decision covers.
	Scope Scope `json:",omitzero"`
	// Justification is why a request is manifestly unfounded or excessive
	// (Art. 12(5)): the letter gives it with the ground.
	Justification string `json:",omitempty"`
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
	Reason    string // why the time limit is extended (extension); why a fee is asked (fee)
	// Fee is the amount a fee letter asks, in whole kronor.
	Fee int    `json:",omitempty"`
	Due string // the due date, YYYY-MM-DD
	// To addresses the letter to someone other than the person: a recipient
	// of the data, for an Art. 19 notice about Change: its name, then its
	// postal address lines, or, with ToEmail, its e-mail address.
	To      []string
	ToEmail string `json:",omitempty"`
	Change  string
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
	// Route is how the letter went; MessageID and Relay are, for an
	// e-mail, its Message-ID and the relay's answer.
	Route     string `json:",omitempty"`
	MessageID string `json:",omitempty"`
	Relay     string `json:",omitempty"`
}

// SendLetter renders a case's letter from the case record, stores it with
// its SHA-256 and writes it to the outbox. A retry returns the letter stored
// the first time instead of making a second one.
func (a *Activities) SendLetter(ctx context.Context, in LetterInput) (LetterResult, error) {
	// A letter may wait on a slow relay: the heartbeat says the worker
	// is alive meanwhile, and its silence that the worker died, so that
	// the letter is taken up again within the heartbeat timeout.
	defer keepAlive(ctx)()
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
		Event: event.LetterSent{Kind: in.Kind, File: l.Filename, SHA256: l.SHA256, GlyphsReplaced: l.GlyphsReplaced, Route: l.Route}}
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
		return a.deliver(ctx, in, c, existing, nil, true)
	}
	content := letter.Content{
		Kind: in.Kind, CaseNumber: c.Number, Received: deadline.DateOf(c.ReceivedAt), Language: c.Language,
		Requested: in.Requested, Reason: in.Reason, Change: in.Change, Fee: in.Fee,
	}
	content.Systems = a.systemTitles(c.Language)
	if in.Due != "" {
		if content.Due, err = deadline.ParseDate(in.Due); err != nil {
			return LetterResult{}, temporal.NewNonRetryableApplicationError("letter due date", "BadInput", err)
		}
	}
	var records []register.Record
	for _, d := range in.Decisions {
		ld := letter.Decision{Right: d.Right, Outcome: d.Outcome, Ground: d.Ground, Justification: d.Justification}
		if !d.Scope.Empty() {
			if records == nil {
				if records, err = a.reg().Records(ctx); err != nil {
					return LetterResult{}, err
				}
			}
			ld.ScopeSystems, ld.ScopeCategories, ld.ScopeExcept = scopeIn(d.Scope, records, c.Language)
		}
		content.Decisions = append(content.Decisions, ld)
	}
	if in.Kind == letter.KindResponse {
		if err := a.addFulfilment(ctx, c, &content); err != nil {
			return LetterResult{}, fmt.Errorf("read what fulfilment did: %w", err)
		}
	}
	for _, name := range c.RightNames() {
		content.Rights = append(content.Rights, rights.Right(name))
	}
	var rt route
	if len(in.To) > 0 {
		// A named recipient of the data, by its channel: told what
		// changed, the corrected values of a rectification included.
		rt = route{Route: store.RoutePost, Name: in.To[0], To: in.To[1:]}
		if in.ToEmail != "" {
			rt = route{Route: store.RouteEmail, Name: in.To[0], To: []string{in.ToEmail}}
		}
		content.SubjectID = formatPersonnummer(c.Personnummer, c.RequesterEmail)
		if in.Change == string(rights.Rectification) {
			var done letter.Content
			if err := a.addFulfilment(ctx, c, &done); err != nil {
				return LetterResult{}, fmt.Errorf("read what fulfilment did: %w", err)
			}
			content.Rectified = done.Rectified
		}
	} else if rt, err = a.routeFor(ctx, c, content); err != nil {
		var none errNoAddress
		if errors.As(err, &none) {
			return LetterResult{}, temporal.NewNonRetryableApplicationError(none.why, "NoAddress", nil)
		}
		return LetterResult{}, err
	}
	content.Recipient = append([]string{rt.Name}, rt.To...)
	if len(rt.To) > 0 {
		content.Route, content.SentTo = rt.Route, strings.Join(rt.To, ", ")
	}
	l, row, err := a.render(content, c.Number, in.Key)
	if err != nil {
		return LetterResult{}, err
	}
	row.Route, row.SentTo, row.Recipient = rt.Route, strings.Join(rt.To, "\n"), rt.Name
	var m *store.OutgoingMail
	if rt.Route == store.RouteEmail {
		if m, err = a.mailFor(ctx, c, in.Key, rt.To[0], len(in.To) == 0, l, row.PDF, row.Filename, a.now()); err != nil {
			return LetterResult{}, err
		}
	}
	return a.deliver(ctx, in, c, row, m, false)
}

// render words and draws a letter, and returns it with the row that keeps
// it.
func (a *Activities) render(content letter.Content, caseNumber, key string) (letter.Letter, *store.Letter, error) {
	compose := letter.Compose
	if a.Templates != nil {
		compose = a.Templates.Compose
	}
	l, err := compose(content, deadline.DateOf(a.now()))
	if err != nil {
		return l, nil, temporal.NewNonRetryableApplicationError("compose letter", "BadInput", err)
	}
	l, replaced := letter.Printable(l)
	pdf, err := letter.Render(a.Sender, l)
	if err != nil {
		return l, nil, temporal.NewNonRetryableApplicationError("render letter", "RenderFailed", err)
	}
	sum := sha256.Sum256(pdf)
	return l, &store.Letter{
		CaseNumber: caseNumber, Kind: key, Filename: fmt.Sprintf("%s-%s.pdf", caseNumber, key),
		SHA256: hex.EncodeToString(sum[:]), PDF: pdf, GlyphsReplaced: replaced,
	}, nil
}

// deliver sends a rendered letter by its route. By post: it is stored and
// its PDF goes to the outbox, the print queue; when the person asked by
// e-mail, a short mail then tells them the answer went by post. By e-mail:
// the letter and its mail are stored, the relay takes the mail once, and
// only then is the letter recorded as sent.
func (a *Activities) deliver(ctx context.Context, in LetterInput, c *store.Case, l *store.Letter, m *store.OutgoingMail, stored bool) (LetterResult, error) {
	if l.Route != store.RouteEmail {
		var res LetterResult
		var err error
		switch {
		case in.Sent != nil:
			res, err = a.storeRecorded(ctx, in, l, stored)
		case stored:
			res, err = a.writeOutbox(l)
		default:
			if l, err = a.Store.SaveLetter(ctx, l); err != nil {
				return LetterResult{}, err
			}
			res, err = a.writeOutbox(l)
		}
		if err != nil || len(in.To) > 0 || !a.mailsTo(c) {
			return res, err
		}
		head, err := a.noticePosted(ctx, in, c, l)
		if head != nil {
			res.Head = head
		}
		return res, err
	}
	if a.Mail == nil {
		return LetterResult{}, temporal.NewNonRetryableApplicationError("the letter goes by e-mail, and e-mail replies are not configured (SMTP_ADDR)", "NoRelay", nil)
	}
	var head *AuditHead
	var err error
	if in.Sent != nil {
		// What the case recorded before the letter is in the trail before
		// the mail leaves.
		if head, err = a.writeStep(ctx, in.Step, nil); err != nil {
			return LetterResult{}, err
		}
	}
	if !stored {
		if err := a.Store.SaveMailed(ctx, l, m); err != nil {
			return LetterResult{}, err
		}
	}
	sent, err := a.deliverMail(ctx, c.Number, l.Kind)
	if err != nil {
		return LetterResult{}, err
	}
	res := LetterResult{Kind: l.Kind, Filename: l.Filename, SHA256: l.SHA256, GlyphsReplaced: l.GlyphsReplaced,
		Route: store.RouteEmail, MessageID: sent.MessageID, Relay: sent.Reply, Head: head}
	if in.Sent == nil {
		return res, nil
	}
	rec := audit.Entry{CaseNumber: in.CaseNumber, Time: in.Sent.Time, Actor: in.Sent.Actor, IdemKey: in.Sent.IdemKey,
		Event: event.LetterSent{Kind: in.Kind, File: l.Filename, SHA256: l.SHA256, GlyphsReplaced: l.GlyphsReplaced,
			Route: store.RouteEmail, MessageID: sent.MessageID, Relay: sent.Reply}}
	if res.Head, err = a.writeStep(ctx, nil, []audit.Entry{rec}); err != nil {
		return LetterResult{}, err
	}
	res.Recorded = true
	return res, nil
}

// noticePosted tells a person who asked by e-mail, by e-mail, that the
// answer went by post and to which town (never the street), once, and
// records it. It returns the case's audit head after the record.
func (a *Activities) noticePosted(ctx context.Context, in LetterInput, c *store.Case, posted *store.Letter) (*AuditHead, error) {
	key := posted.Kind + "-" + letter.KindPosted
	notice, err := a.Store.Letter(ctx, c.Number, key)
	if err != nil {
		content := letter.Content{Kind: letter.KindPosted, CaseNumber: c.Number, Received: deadline.DateOf(c.ReceivedAt), Language: c.Language,
			Recipient: []string{c.RequesterName, c.RequesterEmail}, Route: store.RouteEmail, SentTo: c.RequesterEmail,
			Posted: postalArea(posted.PostalLines())}
		l, row, err := a.render(content, c.Number, key)
		if err != nil {
			return nil, err
		}
		row.Route, row.SentTo, row.Recipient = store.RouteEmail, c.RequesterEmail, c.RequesterName
		m, err := a.mailFor(ctx, c, key, c.RequesterEmail, true, l, nil, "", a.now())
		if err != nil {
			return nil, err
		}
		if err := a.Store.SaveMailed(ctx, row, m); err != nil {
			return nil, err
		}
		if notice, err = a.Store.Letter(ctx, c.Number, key); err != nil {
			return nil, err
		}
	}
	sent, err := a.deliverMail(ctx, c.Number, key)
	if err != nil {
		return nil, err
	}
	idem := "letter/" + c.Number + "/" + key
	if in.Sent != nil {
		idem = in.Sent.IdemKey + "/" + letter.KindPosted
	}
	return a.writeStep(ctx, nil, []audit.Entry{{CaseNumber: c.Number, Time: a.now(), Actor: "system", IdemKey: idem,
		Event: event.LetterSent{Kind: letter.KindPosted, File: notice.Filename, SHA256: notice.SHA256, Route: store.RouteEmail,
			MessageID: sent.MessageID, Relay: sent.Reply}}})
}

// writeOutbox writes the stored letter to the outbox atomically, so the post
// room never picks up half a file.
func (a *Activities) writeOutbox(l *store.Letter) (LetterResult, error) {
	res := LetterResult{Kind: l.Kind, Filename: l.Filename, SHA256: l.SHA256, GlyphsReplaced: l.GlyphsReplaced, Route: store.RoutePost}
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

// scopeIn names a decision's scope as the letter reads it: the systems by
// their key (the letter names them), and each category, covered or
// excepted, once, as the record of processing names it in lang.
func scopeIn(s register.Scope, records []register.Record, lang string) (systems, categories, except []string) {
	for _, x := range s.Systems {
		systems = append(systems, strings.ToLower(strings.TrimSpace(x)))
	}
	name := func(c string) string {
		for _, rec := range records {
			if (register.Scope{Systems: s.Systems, Categories: []string{c}}).Covers(rec) {
				return rec.In(lang).Category
			}
		}
		return strings.TrimSpace(c)
	}
	add := func(list []string, c string) []string {
		if n := name(c); !slices.Contains(list, n) {
			return append(list, n)
		}
		return list
	}
	for _, c := range s.Categories {
		categories = add(categories, c)
	}
	for _, c := range s.Except {
		except = add(except, c)
	}
	return systems, categories, except
}

// systemTitles names each system as the person knows it, in lang, as the
// dataset files title them.
func (a *Activities) systemTitles(lang string) map[string]string {
	out := map[string]string{}
	for _, d := range a.reg().Datasets() {
		out[d.System] = d.Title.In(lang)
	}
	return out
}
