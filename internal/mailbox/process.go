// Package mailbox turns mail in the kundservice mailbox into cases: it reads
// new messages over IMAP, stores each with its hash, opens exactly one case
// per rights request and starts its workflow, then files the message away.
package mailbox

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/clean"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/intake"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/workflows"
)

// CaseStarter starts a case's workflow, and tells a case of a reply.
// Starting a case that already has a workflow must succeed without starting
// a second one.
type CaseStarter interface {
	StartCase(ctx context.Context, in workflows.CaseInput) error
	// ReplyReceived delivers complement-received to the case; it returns
	// ErrCaseClosed when the case's workflow has ended.
	ReplyReceived(ctx context.Context, caseNumber string) error
}

// ErrCaseClosed is returned, wrapped, by ReplyReceived for a case whose
// workflow has ended.
var ErrCaseClosed = errors.New("the case is closed")

// Trail records what intake learns of a case that has closed: a reply to
// it. The audit trail satisfies it.
type Trail interface {
	Append(ctx context.Context, e audit.Entry) (*audit.Event, error)
}

// Processor handles one inbound message: understand, store, start.
type Processor struct {
	Store   *store.Store
	Starter CaseStarter
	Policy  deadline.Policy
	Now     func() time.Time
	// Trail, when set, records replies to closed cases in their audit
	// trail, where staff and compliance see them.
	Trail Trail
	// RepeatWindow is how far back the same person's earlier requests are
	// counted (Art. 12(5) evidence); zero: a year.
	RepeatWindow time.Duration
}

// reg returns the register, built once.
func (p *Processor) reg() *register.Register { return p.Store.Register() }

// Inbound is one message as fetched from the mailbox.
type Inbound struct {
	Mailbox     string
	UIDValidity uint32
	UID         uint32
	// ReceivedAt is the server's INTERNALDATE: when the message reached the
	// mailbox, which starts the clock. The sender's Date header never does.
	ReceivedAt time.Time
	// Body is the message as it came, Size bytes long. It is read as a
	// stream, several times, never whole into memory.
	Body io.ReaderAt
	Size int64
}

func (m Inbound) reader() io.Reader { return io.NewSectionReader(m.Body, 0, m.Size) }

// Outcome says what became of a message.
type Outcome struct {
	// CaseNumber is set when the message is (or was already) a case.
	CaseNumber string
	// IsRequest is false for ordinary customer-service mail.
	IsRequest bool
	// Reply is set when the message answers an open case.
	Reply bool
	// Unparseable is set when the message could not be read as MIME; it
	// became a triage case with its raw bytes kept.
	Unparseable bool
	// AfterClosure is set for a reply to a case that had closed.
	AfterClosure bool
}

// Process understands msg and, when it is a rights request, stores it and
// opens its case and workflow. Calling it again for the same message, after
// a crash at any point, ends with the same single case.
func (p *Processor) Process(ctx context.Context, msg Inbound) (Outcome, error) {
	out, start, err := p.ProcessDeferred(ctx, msg)
	if err != nil || start == nil {
		return out, err
	}
	return out, classify("open its case", start(ctx))
}

// ProcessDeferred is Process with the start of the case's workflow handed
// back, not made (nil when there is none to make): the poller reads the
// next messages while it runs. Until start has returned nil, the message
// must not leave the mailbox: read again, it finds its stored case and
// starts it.
func (p *Processor) ProcessDeferred(ctx context.Context, msg Inbound) (Outcome, func(context.Context) error, error) {
	if p.Store.Vault == nil {
		return Outcome{}, nil, store.ErrNoVault
	}
	hash, err := hashOf(msg.reader())
	if err != nil {
		return Outcome{}, nil, fmt.Errorf("read message uid %d: %w", msg.UID, err)
	}
	now := p.now()
	parsed, perr := intake.ParseEmail(msg.reader())
	var res intake.Result
	var who intake.Requester
	if perr != nil {
		// Unreadable mail is kept and goes to staff; nothing is dropped.
		res = intake.Result{IsRequest: true, Uncertain: true, Language: "sv",
			Reading: intake.Reading{Confidence: 1, Reasons: []intake.Reason{{Frame: "unparseable", Where: "message", Confidence: 1}}}}
		parsed = &intake.Message{}
	} else {
		res = intake.Classify(parsed, now)
		who = intake.FindRequester(parsed)
	}
	key := dedupeKey(parsed, hash)
	if ref, err := p.repliesTo(ctx, parsed, res); err != nil {
		return Outcome{}, nil, err
	} else if ref != "" {
		out, err := p.reply(ctx, msg, key, hash, parsed, ref)
		return out, nil, err
	}
	if !res.IsRequest {
		return Outcome{}, nil, nil
	}
	pnr := ""
	if len(res.Personnummer) > 0 {
		pnr = res.Personnummer[0].Digits()
	}
	in := &store.InboundMessage{
		DedupeKey: key, Channel: "email", Mailbox: msg.Mailbox, UIDValidity: int64(msg.UIDValidity), UID: int64(msg.UID),
		MessageID: parsed.MessageID, SHA256: hash, ReceivedAt: msg.ReceivedAt.UTC(), Raw: []byte{},
	}
	c := &store.Case{
		Channel: "email", ReceivedAt: msg.ReceivedAt.UTC(), Rights: strings.Join(rights.Names(res.Rights), ","),
		Uncertain: res.Uncertain, Language: res.Language, RequesterName: who.Name, RequesterEmail: who.Email,
		RequesterAddress: strings.Join(who.Address, "\n"), Personnummer: pnr, Classification: readingJSON(res.Reading),
		RequestSubject: clean.Line(parsed.Subject, 200),
	}
	if err := p.findEvidence(ctx, c, parsed); err != nil {
		return Outcome{}, nil, err
	}
	var readable *intake.Message
	if perr == nil {
		readable = parsed
	}
	stored, err := p.Store.RecordIntake(ctx, in, c, p.content(msg, readable))
	if err != nil {
		return Outcome{}, nil, classify("store the message", fmt.Errorf("record message uid %d: %w", msg.UID, err))
	}
	out := Outcome{CaseNumber: stored.CaseNumber, IsRequest: true, Unparseable: perr != nil}
	return out, func(ctx context.Context) error { return p.start(ctx, stored) }, nil
}

// start starts the workflow of a stored case, unless it was started
// before, and marks it started. It reads the case back: after a crash, the
// stored record, not this attempt's reading, is the truth.
func (p *Processor) start(ctx context.Context, stored *store.InboundMessage) error {
	if stored.WorkflowStarted {
		return nil
	}
	sc, err := p.Store.Case(ctx, stored.CaseNumber)
	if err != nil {
		return err
	}
	var rs []rights.Right
	for _, name := range sc.RightNames() {
		if r, err := rights.Parse(name); err == nil {
			rs = append(rs, r)
		}
	}
	err = p.Starter.StartCase(ctx, workflows.CaseInput{
		CaseNumber: sc.Number, Channel: sc.Channel, ReceivedAt: sc.ReceivedAt, Rights: rs, Uncertain: sc.Uncertain, Policy: p.Policy,
		Evidence: workflows.Evidence{EmailOnRecord: sc.EmailOnRecord, PersonnummerOnRecord: sc.PersonnummerOnRecord, IDAttachments: sc.IDAttachments,
			SubjectConflict: sc.SubjectConflict, AddressDiffers: sc.AddressDiffers, EarlierRequests: sc.EarlierRequests},
		Intake: intakeReading(sc.Classification),
	})
	if err != nil {
		return fmt.Errorf("start workflow of %s: %w", sc.Number, err)
	}
	if err := p.Store.MarkWorkflowStarted(ctx, stored.ID); err != nil {
		return fmt.Errorf("mark %s started: %w", sc.Number, err)
	}
	return nil
}

// hashOf returns the hex SHA-256 of what r yields.
func hashOf(r io.Reader) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ErrTooLarge is returned, wrapped, for a message over the size cap.
var ErrTooLarge = errors.New("message exceeds the size cap")

// repliesTo finds the case a message answers: by In-Reply-To or References
// naming a message of the case, or by the case number in the subject.
func (p *Processor) repliesTo(ctx context.Context, m *intake.Message, res intake.Result) (string, error) {
	ids := append(append([]string{}, m.InReplyTo...), m.References...)
	if number, err := p.Store.CaseOfMessage(ctx, ids); err != nil || number != "" {
		return number, err
	}
	if res.CaseRef == "" {
		return "", nil
	}
	c, err := p.Store.Case(ctx, res.CaseRef)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil // a number that is no case of ours: read it as a new message
	} else if err != nil {
		return "", err
	}
	if !strings.EqualFold(c.RequesterEmail, m.FromAddr) || m.FromAddr == "" {
		// A case number is printed on every letter and easy to guess; from
		// anyone but the requester it does not make a message part of the
		// case. It is read as a message of its own.
		return "", nil
	}
	return res.CaseRef, nil
}

// startWaiter is how a poll that starts cases while it reads on lets a
// reply wait for its case's start (Poller.PollOnce).
type startWaiter func(caseNumber string) error

type startWaiterKey struct{}

// awaitStart waits for a start of caseNumber running in this poll, if
// any, and returns how it ended.
func awaitStart(ctx context.Context, caseNumber string) error {
	if wait, ok := ctx.Value(startWaiterKey{}).(startWaiter); ok {
		return wait(caseNumber)
	}
	return nil
}

// reply stores a reply under its case and tells the case, once.
func (p *Processor) reply(ctx context.Context, msg Inbound, key, hash string, parsed *intake.Message, caseNumber string) (Outcome, error) {
	stored, err := p.Store.RecordReply(ctx, &store.InboundMessage{
		DedupeKey: key, Channel: "email-reply", Mailbox: msg.Mailbox, UIDValidity: int64(msg.UIDValidity), UID: int64(msg.UID),
		MessageID: parsed.MessageID, SHA256: hash, ReceivedAt: msg.ReceivedAt.UTC(), Raw: []byte{}, CaseNumber: caseNumber,
	}, p.content(msg, parsed))
	if err != nil {
		return Outcome{}, classify("store the reply", fmt.Errorf("record reply uid %d: %w", msg.UID, err))
	}
	out := Outcome{CaseNumber: stored.CaseNumber, IsRequest: true, Reply: true}
	if stored.WorkflowStarted {
		return out, nil // delivered before
	}
	// The case's own start may still be running in this poll: a case not
	// yet started is no closed case.
	if err := awaitStart(ctx, stored.CaseNumber); err != nil {
		return out, err
	}
	if err := p.Starter.ReplyReceived(ctx, stored.CaseNumber); errors.Is(err, ErrCaseClosed) {
		// A "tack!" after the closing letter: kept with the case, in its
		// audit trail for staff, and nothing waits on it.
		out.AfterClosure = true
		if p.Trail != nil {
			if _, err := p.Trail.Append(ctx, audit.Entry{CaseNumber: stored.CaseNumber, Time: p.now(), Actor: "intake",
				Event: event.ReplyAfterClosure{Message: stored.ID, Received: msg.ReceivedAt.UTC().Format(time.RFC3339)}, IdemKey: fmt.Sprintf("reply-after-closure/%d", stored.ID)}); err != nil {
				return out, fmt.Errorf("record the reply to closed %s: %w", stored.CaseNumber, err)
			}
		}
	} else if err != nil {
		return out, classify("tell the case of the reply", fmt.Errorf("tell %s of the reply: %w", stored.CaseNumber, err))
	}
	return out, p.Store.MarkWorkflowStarted(ctx, stored.ID)
}

func (p *Processor) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// findEvidence looks the sender's address and the personnummer up in
// Harmoniq's systems and counts ID-document attachments: evidence for the
// identity check (a request from the address on record is evidence in
// itself), never a decision.
func (p *Processor) findEvidence(ctx context.Context, c *store.Case, m *intake.Message) error {
	reg := p.reg()
	var err error
	if c.RequesterEmail != "" {
		if c.EmailOnRecord, err = reg.Holds(ctx, nil, register.Subject{Email: strings.ToLower(c.RequesterEmail)}); err != nil {
			return fmt.Errorf("look the sender up: %w", err)
		}
	}
	if c.Personnummer != "" {
		if c.PersonnummerOnRecord, err = reg.Holds(ctx, nil, register.Subject{Personnummer: c.Personnummer}); err != nil {
			return fmt.Errorf("look the personnummer up: %w", err)
		}
	}
	// The address and the personnummer must name one person: an address
	// on rows of another personnummer is a conflict staff must settle
	// before anyone's data is acted on.
	if c.Personnummer != "" && c.EmailOnRecord {
		owners, err := reg.PersonnummersOf(ctx, nil, strings.ToLower(c.RequesterEmail))
		if err != nil {
			return fmt.Errorf("look up whose the address is: %w", err)
		}
		for _, o := range owners {
			if o != c.Personnummer {
				c.SubjectConflict = true
			}
		}
	}
	// An address in the request that is not the registered one is shown
	// to staff; letters go to the registered one unless they confirm the
	// other. Nobody's address is compared while the identifiers name two
	// people.
	if c.RequesterAddress != "" && !c.SubjectConflict {
		subj := register.Subject{Personnummer: c.Personnummer}
		if c.Personnummer == "" {
			subj.Email = strings.ToLower(c.RequesterEmail)
		}
		if !subj.Empty() {
			_, lines, err := reg.Address(ctx, nil, subj)
			if err != nil {
				return fmt.Errorf("look the registered address up: %w", err)
			}
			c.AddressDiffers = len(lines) > 0 && !sameAddress(lines, c.AddressLines())
		}
	}
	// The same person's earlier requests, by either identifier: evidence
	// for staff when a request may be manifestly excessive (Art. 12(5)).
	window := p.RepeatWindow
	if window == 0 {
		window = 365 * 24 * time.Hour
	}
	earlier, err := p.Store.CasesOf(ctx, c.Personnummer, c.RequesterEmail)
	if err != nil {
		return fmt.Errorf("look up earlier requests: %w", err)
	}
	for _, e := range earlier {
		if e.Number != c.Number && !e.ReceivedAt.Before(c.ReceivedAt.Add(-window)) && e.ReceivedAt.Before(c.ReceivedAt) {
			c.EarlierRequests++
		}
	}
	if m == nil {
		return nil
	}
	for _, a := range m.Attachments {
		if a.IDDocument {
			c.IDAttachments++
		}
	}
	return nil
}

// readingJSON is the classifier's reading as stored in the case record;
// reasons past the first twelve are left out, so the record stays small.
func readingJSON(r intake.Reading) string {
	if len(r.Reasons) > 12 {
		r.Reasons = r.Reasons[:12]
	}
	b, err := json.Marshal(r)
	if err != nil {
		return ""
	}
	return string(b)
}

// intakeReading turns the stored reading into the workflow's: the
// confidence, the guess and one line per reason.
func intakeReading(stored string) workflows.IntakeReading {
	var r intake.Reading
	if stored == "" || json.Unmarshal([]byte(stored), &r) != nil {
		return workflows.IntakeReading{}
	}
	out := workflows.IntakeReading{Confidence: r.Confidence, Guess: r.Guess}
	for _, rs := range r.Reasons {
		line := rs.Frame
		if rs.Right != "" {
			line = string(rs.Right) + ": " + rs.Frame
		}
		if len(rs.Cues) > 0 {
			line += " (" + strings.Join(rs.Cues, ", ") + ")"
		}
		if rs.Where != "body" {
			line += " in " + rs.Where
		}
		out.Reasons = append(out.Reasons, line)
	}
	return out
}

// dedupeKey names a message so that the same message delivered twice is one
// case: its Message-ID with its sender's address, or, without a Message-ID,
// its bytes. The sender is part of it because a Message-ID is only as unique
// as the mailer that wrote it: two people whose mailers both write
// <1@localhost>, or one who copies another's, are two messages.
func dedupeKey(m *intake.Message, hash string) string {
	if m.MessageID == "" {
		return "sha256:" + hash
	}
	return "mid:" + m.MessageID + " from:" + strings.ToLower(m.FromAddr)
}

// sameAddress compares two postal addresses as a sorter would: case, white
// space and the space in the postcode do not count.
func sameAddress(a, b []string) bool {
	norm := func(lines []string) string {
		s := strings.ToLower(strings.Join(lines, " "))
		s = strings.Join(strings.Fields(s), "")
		return strings.NewReplacer(",", "", ".", "", "se-", "").Replace(s)
	}
	return norm(a) == norm(b)
}
