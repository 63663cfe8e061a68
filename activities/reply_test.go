package activities_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-message/mail"
	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/devstack"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/letter/lettertest"
	"github.com/harmoniq/dsr/internal/mailbox"
	"github.com/harmoniq/dsr/internal/outmail"
	"github.com/harmoniq/dsr/internal/outmail/mailtest"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"go.temporal.io/sdk/temporal"
)

// replies is the fixture with a relay and a kundservice mailbox, both real
// servers on loopback, and an e-mail request from Åsa with a Message-ID and
// a subject.
type replies struct {
	a      *activities.Activities
	st     *store.Store
	relay  *mailtest.Server
	box    mailbox.Config
	number string
}

func newReplies(t *testing.T) *replies {
	t.Helper()
	a, st, _ := fixture(t)
	a.Trail = audit.New(st)
	relay := mailtest.Start(t)
	imapSrv, err := devstack.StartIMAP("127.0.0.1:0", "kundservice@harmoniq.se", "pw", "", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(imapSrv.Stop)
	box := mailbox.Config{Addr: imapSrv.Addr, User: "kundservice@harmoniq.se", Password: "pw", Security: mailbox.SecurityPlain}
	a.Mail = &activities.Mailer{
		Relay: outmail.Relay{Addr: relay.Addr, Security: outmail.Plain},
		From:  &mail.Address{Name: "Harmoniq Kundservice", Address: "kundservice@harmoniq.se"},
		Sent:  &outmail.SentFolder{Dial: box.Dial, Folder: "Sent"},
	}
	rec, err := st.RecordIntake(context.Background(), &store.InboundMessage{DedupeKey: "mid:<req-1@example.se>", Channel: "email", MessageID: "<req-1@example.se>",
		SHA256: "y", ReceivedAt: today, Raw: []byte("y")},
		&store.Case{Channel: "email", ReceivedAt: today, Rights: "access,erasure", Language: "sv", RequesterName: "Åsa Öberg", RequesterEmail: email,
			Personnummer: pnr, RequestSubject: "SV: Radera mina uppgifter"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &replies{a: a, st: st, relay: relay, box: box, number: rec.CaseNumber}
}

func (r *replies) letter(kind string, seq int) activities.LetterInput {
	return activities.LetterInput{CaseNumber: r.number, Kind: kind, Key: kind, Due: "2026-12-24",
		Sent: &activities.AuditInput{CaseNumber: r.number, Time: today, Actor: "system", IdemKey: "sent/" + kind},
		Step: &activities.Step{CaseNumber: r.number}, Decisions: []activities.DecisionInput{{Right: rights.Access, Outcome: "approved"}}}
}

// sentFolder counts the messages in the kundservice mailbox's Sent folder.
func (r *replies) sentFolder(t *testing.T) uint32 {
	t.Helper()
	cl, err := r.box.Dial()
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	data, err := cl.Select("Sent", &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return 0
	}
	return data.NumMessages
}

func (r *replies) sentEvents(t *testing.T) []event.LetterSent {
	t.Helper()
	es, err := r.a.Trail.Events(context.Background(), r.number)
	if err != nil {
		t.Fatal(err)
	}
	var out []event.LetterSent
	for _, e := range es {
		if e.Action == event.ActLetterSent {
			ev, err := event.Decode(e.Action, string(e.Details))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, *ev.(*event.LetterSent))
		}
	}
	return out
}

// TestAnEmailRequestIsAnsweredByEmailThreadedOnce: the acknowledgement of
// an e-mail request goes by e-mail to the address it came from, as a reply
// in the request's thread with the case number in the subject, through a
// relay that fails once; the letter says it went by e-mail; it is filed
// once in the Sent folder, never in the print queue, and recorded with its
// Message-ID and the relay's answer; a retry sends nothing again.
func TestAnEmailRequestIsAnsweredByEmailThreadedOnce(t *testing.T) {
	r := newReplies(t)
	ctx := context.Background()
	r.relay.FailNext(false)
	_, err := r.a.SendLetter(ctx, r.letter("acknowledgement", 1))
	var app *temporal.ApplicationError
	if err == nil {
		t.Fatal("the relay failed the mail and the letter counts as sent")
	} else if errors.As(err, &app) && app.NonRetryable() {
		t.Fatalf("a relay's temporary failure failed the letter for good: %v", err)
	}
	if len(r.relay.Mails()) != 0 || len(r.sentEvents(t)) != 0 {
		t.Fatal("a mail the relay did not take was recorded")
	}
	for range 2 { // the retry, then a retry of a retry
		res, err := r.a.SendLetter(ctx, r.letter("acknowledgement", 1))
		if err != nil {
			t.Fatal(err)
		}
		if res.Route != "email" || !res.Recorded || res.MessageID == "" {
			t.Fatalf("result %+v, want recorded as sent by e-mail", res)
		}
	}
	mails := r.relay.Mails()
	if len(mails) != 1 {
		t.Fatalf("the relay took %d mails, want 1", len(mails))
	}
	m := mails[0]
	if len(m.To) != 1 || m.To[0] != email || m.From != "kundservice@harmoniq.se" {
		t.Errorf("envelope from %s to %v, want kundservice to the requester", m.From, m.To)
	}
	mr, err := mail.CreateReader(bytes.NewReader(m.Raw))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := mr.Header.Subject()
	if want := "Re: Radera mina uppgifter [" + r.number + "]"; subject != want {
		t.Errorf("subject %q, want %q", subject, want)
	}
	if ids, _ := mr.Header.MsgIDList("In-Reply-To"); len(ids) != 1 || ids[0] != "req-1@example.se" {
		t.Errorf("In-Reply-To %v, want the request's Message-ID", ids)
	}
	if ids, _ := mr.Header.MsgIDList("References"); len(ids) != 1 || ids[0] != "req-1@example.se" {
		t.Errorf("References %v, want the request's Message-ID", ids)
	}
	var text string
	var pdf bool
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p.Body)
		switch h := p.Header.(type) {
		case *mail.InlineHeader:
			text = string(b)
		case *mail.AttachmentHeader:
			name, _ := h.Filename()
			pdf = strings.HasSuffix(name, ".pdf") && bytes.HasPrefix(b, []byte("%PDF"))
		}
	}
	if !strings.Contains(text, "Vi har tagit emot din begäran") || !strings.Contains(text, "skickats med e-post till "+email) {
		t.Errorf("the mail's text does not hold the letter and its route:\n%s", text)
	}
	if !pdf {
		t.Error("the mail does not carry the letter's PDF")
	}
	if n := r.sentFolder(t); n != 1 {
		t.Errorf("the Sent folder holds %d copies, want 1", n)
	}
	if _, err := os.Stat(filepath.Join(r.a.OutboxDir, r.number+"-acknowledgement.pdf")); err == nil {
		t.Error("a letter sent by e-mail is in the print queue")
	}
	l, err := r.st.Letter(ctx, r.number, "acknowledgement")
	if err != nil || l.Route != store.RouteEmail || l.SentTo != email {
		t.Fatalf("letter %+v (%v), want stored as sent by e-mail to the requester", l, err)
	}
	sent := r.sentEvents(t)
	if len(sent) != 1 || sent[0].Route != "email" || sent[0].MessageID == "" || sent[0].Relay == "" {
		t.Fatalf("letter.sent %+v, want one, with route, Message-ID and the relay's answer", sent)
	}
}

// TestAMailTheRelayTookIsNeverHandedToItAgain: the worker dies right after
// the relay accepted a mail (the acceptance is stored, nothing else is):
// the retry files it and records it without a second mail.
func TestAMailTheRelayTookIsNeverHandedToItAgain(t *testing.T) {
	r := newReplies(t)
	ctx := context.Background()
	died := false
	r.a.Mail.Accepted = func() {
		if !died {
			died = true
			panic("the worker dies here")
		}
	}
	func() {
		defer func() { recover() }()
		r.a.SendLetter(ctx, r.letter("acknowledgement", 1))
	}()
	if !died || len(r.relay.Mails()) != 1 || len(r.sentEvents(t)) != 0 {
		t.Fatalf("died %v, %d mails, %d records: want the relay's acceptance and nothing after it", died, len(r.relay.Mails()), len(r.sentEvents(t)))
	}
	if _, err := r.a.SendLetter(ctx, r.letter("acknowledgement", 1)); err != nil {
		t.Fatal(err)
	}
	if n := len(r.relay.Mails()); n != 1 {
		t.Errorf("the relay got %d mails, want 1", n)
	}
	if n := len(r.sentEvents(t)); n != 1 {
		t.Errorf("%d letter.sent records, want 1", n)
	}
	if n := r.sentFolder(t); n != 1 {
		t.Errorf("the Sent folder holds %d copies, want 1", n)
	}
}

// TestAMailTheRelayRefusesFailsTheLetter: a 550 is final: the letter fails
// for good, the mail is marked failed with the relay's words, and asking
// again does not ask the relay again.
func TestAMailTheRelayRefusesFailsTheLetter(t *testing.T) {
	r := newReplies(t)
	ctx := context.Background()
	r.relay.FailNext(true)
	for range 2 {
		_, err := r.a.SendLetter(ctx, r.letter("complement", 1))
		var app *temporal.ApplicationError
		if !errors.As(err, &app) || !app.NonRetryable() || app.Type() != "Undelivered" || !strings.Contains(app.Message(), "550") {
			t.Fatalf("error %v, want a final Undelivered naming the relay's 550", err)
		}
	}
	m, err := r.st.OutgoingMail(ctx, r.number, "complement")
	if err != nil || m.State != store.MailFailed || m.Attempts != 1 {
		t.Fatalf("mail %+v (%v), want failed after one attempt", m, err)
	}
	if len(r.relay.Mails()) != 0 || len(r.sentEvents(t)) != 0 {
		t.Error("a refused mail was recorded as sent")
	}
}

// TestAnAnswerWithThePersonsDataGoesByPostToTheRegisteredAddress: an
// e-mail request for access is answered by post, to the registered
// address, not the one the request gave; a mail tells the person, naming
// only the town; the print queue holds the letter, which names its route.
func TestAnAnswerWithThePersonsDataGoesByPostToTheRegisteredAddress(t *testing.T) {
	r := newReplies(t)
	ctx := context.Background()
	if _, err := storetest.SQL(t, r.st).NewUpdate().Model((*store.Case)(nil)).Set("requester_address = ?", "Falskgatan 9\n111 11 Stockholm").
		Where("number = ?", r.number).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := r.a.Fulfil(ctx, activities.FulfilInput{CaseNumber: r.number, Right: rights.Access}); err != nil {
		t.Fatal(err)
	}
	res, err := r.a.SendLetter(ctx, r.letter("response", 1))
	if err != nil {
		t.Fatal(err)
	}
	if res.Route != "post" {
		t.Fatalf("the register extract went by %q", res.Route)
	}
	l, err := r.st.Letter(ctx, r.number, "response")
	if err != nil || l.Route != store.RoutePost || l.SentTo != "Storgatan 1\n722 10 Västerås" || !l.Deliverable() {
		t.Fatalf("letter %+v (%v), want by post to the registered address", l, err)
	}
	if _, err := os.Stat(filepath.Join(r.a.OutboxDir, r.number+"-response.pdf")); err != nil {
		t.Errorf("the letter is not in the print queue: %v", err)
	}
	mails := r.relay.Mails()
	if len(mails) != 1 {
		t.Fatalf("%d mails, want the one notice", len(mails))
	}
	raw := string(mails[0].Raw)
	if !strings.Contains(raw, "722 10 V") || strings.Contains(raw, "Storgatan") || strings.Contains(raw, "Falskgatan") || strings.Contains(raw, "Ansiktsbehandling") {
		t.Errorf("the notice names more than the town, or carries the data:\n%s", raw)
	}
	sent := r.sentEvents(t)
	if len(sent) != 2 || sent[0].Route != "post" || sent[1].Kind != "posted" || sent[1].Route != "email" {
		t.Errorf("letter.sent %+v, want the letter by post and the notice by e-mail", sent)
	}
}

// TestALetterWithTheDataAndNoAddressIsNotSent: with no registered address
// and no confirmed one, an answer holding the person's data goes nowhere:
// not by e-mail, not to the address the request gave.
func TestALetterWithTheDataAndNoAddressIsNotSent(t *testing.T) {
	r := newReplies(t)
	ctx := context.Background()
	if _, err := r.a.Fulfil(ctx, activities.FulfilInput{CaseNumber: r.number, Right: rights.Access}); err != nil {
		t.Fatal(err)
	}
	if _, err := storetest.SQL(t, r.st).NewUpdate().Model((*store.Case)(nil)).Set("registered_address = ''").Set("requester_address = ?", "Falskgatan 9\n111 11 Stockholm").
		Where("number = ?", r.number).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	r.a.Addresses = noAddresses{}
	_, err := r.a.SendLetter(ctx, r.letter("response", 1))
	var app *temporal.ApplicationError
	if !errors.As(err, &app) || app.Type() != "NoAddress" || !app.NonRetryable() {
		t.Fatalf("error %v, want a final NoAddress", err)
	}
	if len(r.relay.Mails()) != 0 {
		t.Error("the answer went by e-mail")
	}
	// Staff confirm an address: the letter goes there.
	if err := r.a.CorrectRequester(ctx, activities.RequesterInput{CaseNumber: r.number, Address: []string{"Nygatan 2", "722 11 Västerås"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.a.SendLetter(ctx, r.letter("response", 1)); err != nil {
		t.Fatal(err)
	}
	if l, err := r.st.Letter(ctx, r.number, "response"); err != nil || l.SentTo != "Nygatan 2\n722 11 Västerås" {
		t.Fatalf("letter %+v (%v), want it at the confirmed address", l, err)
	}
}

type noAddresses struct{}

func (noAddresses) RegisteredAddress(context.Context, register.Subject) (string, []string, error) {
	return "", nil, nil
}

// TestArticle19NoticesGoToTheNamedRecipientsByTheirChannel: an erasure is
// told to each named recipient of the categories it erased, by post or by
// e-mail as the recipients file says, with what changed; a category no
// recipient is named for is reported, not silently dropped; the answer to
// the person names who was told.
func TestArticle19NoticesGoToTheNamedRecipientsByTheirChannel(t *testing.T) {
	r := newReplies(t)
	ctx := context.Background()
	all, err := register.ParseRecipients(register.ExampleRecipients)
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range all {
		if rec.StandsFor != "Fakturafinansieringspartner" {
			r.a.Recipients = append(r.a.Recipients, rec)
		}
	}
	res, err := r.a.Fulfil(ctx, activities.FulfilInput{CaseNumber: r.number, Right: rights.Erasure})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Exempelfrakt AB (exempel)", "Exempelfaktura AB (exempel)", "Exempelutskick AB (exempel)"}
	if strings.Join(res.Notified, "|") != strings.Join(want, "|") {
		t.Errorf("notified %v, want %v", res.Notified, want)
	}
	if len(res.Unnotified) != 1 || !strings.HasPrefix(res.Unnotified[0], "Fakturafinansieringspartner: no recipient is named") {
		t.Errorf("not notified %v, want the invoice financing partner, which no recipient is named for", res.Unnotified)
	}
	// By e-mail: a mail of its own to the partner's address, not a reply.
	byMail := map[string]string{}
	for _, m := range r.relay.Mails() {
		byMail[m.To[0]] = string(m.Raw)
	}
	for _, to := range []string{"dataskydd@exempelfaktura.invalid", "integritet@exempelutskick.invalid"} {
		raw, ok := byMail[to]
		if !ok {
			t.Errorf("no notice went to %s", to)
			continue
		}
		mr, err := mail.CreateReader(strings.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		subject, _ := mr.Header.Subject()
		p, err := mr.NextPart()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(p.Body)
		if mr.Header.Get("In-Reply-To") != "" || !strings.HasSuffix(subject, "["+r.number+"]") || !strings.Contains(string(body), "19900704-2386") ||
			!strings.Contains(string(body), "raderat") {
			t.Errorf("the notice to %s is not a notice of its own about the case, the person and the change: %q\n%s", to, subject, body)
		}
	}
	// By post: to the named recipient's address, in the print queue.
	var post *store.Letter
	ls, _ := r.st.Letters(ctx, r.number)
	for i := range ls {
		if ls[i].Recipient == "Exempelfrakt AB (exempel)" {
			post = &ls[i]
		}
	}
	if post == nil || post.Route != store.RoutePost || !post.Deliverable() || !strings.Contains(post.SentTo, "Box 100") {
		t.Fatalf("the notice to the distribution partner: %+v, want by post to its address", post)
	}
	// The answer tells the person who was told.
	if _, err := r.a.SendLetter(ctx, activities.LetterInput{CaseNumber: r.number, Kind: "response", Key: "response",
		Decisions: []activities.DecisionInput{{Right: rights.Erasure, Outcome: "approved"}}}); err != nil {
		t.Fatal(err)
	}
	l, err := r.st.Letter(ctx, r.number, "response")
	if err != nil {
		t.Fatal(err)
	}
	if text := lettertest.Text(t, l.PDF); !strings.Contains(text, "artikel 19") || !strings.Contains(text, "Exempelfrakt AB (exempel)") ||
		strings.Contains(text, "Exempelfinans") {
		t.Errorf("the answer does not name exactly who was told:\n%s", text)
	}
}

// TestAnExtractOfNothingButTheRequestGoesByEmail: a person the systems hold
// nothing about gets the answer to their access request by e-mail, saying
// so, with the engine's record of this request; once they have asked
// before, the extract lists the earlier case too, and goes by post.
func TestAnExtractOfNothingButTheRequestGoesByEmail(t *testing.T) {
	r := newReplies(t)
	ctx := context.Background()
	open := func(id string) string {
		rec, err := r.st.RecordIntake(ctx, &store.InboundMessage{DedupeKey: "mid:<" + id + "@example.se>", Channel: "email", MessageID: id + "@example.se",
			SHA256: id, ReceivedAt: today, Raw: []byte(id)},
			&store.Case{Channel: "email", ReceivedAt: today, Rights: "access", Language: "sv", RequesterName: "Nils Ingen", RequesterEmail: "nils.ingen@example.se",
				RequesterAddress: "Vägen 1\n111 11 Stockholm"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.a.Fulfil(ctx, activities.FulfilInput{CaseNumber: rec.CaseNumber, Right: rights.Access}); err != nil {
			t.Fatal(err)
		}
		return rec.CaseNumber
	}
	answer := func(number string) activities.LetterResult {
		t.Helper()
		res, err := r.a.SendLetter(ctx, activities.LetterInput{CaseNumber: number, Kind: "response", Key: "response",
			Decisions: []activities.DecisionInput{{Right: rights.Access, Outcome: "approved"}}})
		if err != nil {
			t.Fatalf("%s: %v", number, err)
		}
		return res
	}
	first := open("nils-1")
	if res := answer(first); res.Route != "email" {
		t.Fatalf("the answer that finds nothing went by %q", res.Route)
	}
	l, _ := r.st.Letter(ctx, first, "response")
	text := strings.Join(strings.Fields(lettertest.Text(t, l.PDF)), " ")
	for _, want := range []string{"Vi har inga uppgifter om dig i våra system", "Ärendenummer: " + first} {
		if !strings.Contains(text, want) {
			t.Errorf("the answer lacks %q:\n%s", want, text)
		}
	}
	second := open("nils-2")
	_, err := r.a.SendLetter(ctx, activities.LetterInput{CaseNumber: second, Kind: "response", Key: "response",
		Decisions: []activities.DecisionInput{{Right: rights.Access, Outcome: "approved"}}})
	var app *temporal.ApplicationError
	if !errors.As(err, &app) || app.Type() != "NoAddress" {
		t.Fatalf("the answer that lists an earlier case: %v, want it held for a postal address, never e-mailed", err)
	}
}
