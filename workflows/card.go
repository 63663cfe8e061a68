package workflows

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/rights"
	"go.temporal.io/sdk/workflow"
)

// The case card is what staff see on the case's page in the Temporal Web
// UI: the workflow's current details, markdown, kept current before the
// case waits. Like every payload it is encrypted, and the UI shows it
// through the codec server. It says what the case is, what it waits for,
// and the exact input to send next; a refused input is at its top.

// stageWords says a stage in words staff use.
var stageWords = map[Stage]string{
	StageTriage:     "Triage: say which rights the message asks for",
	StageIdentity:   "Waiting for the identity check",
	StageComplement: "Waiting for the person to send what was asked (clock paused)",
	StageAssessment: "Waiting for a decision on each right",
	StageFulfilment: "Carrying out the decisions in Harmoniq's systems",
	StageResponse:   "Sending the answer",
	StageClosed:     "Closed",
}

// rightWords names the rights as the card shows them.
var rightWords = map[rights.Right]string{
	rights.Access: "access (registerutdrag)", rights.Rectification: "rectification", rights.Erasure: "erasure",
	rights.Restriction: "restriction", rights.Objection: "objection", rights.MarketingOptOut: "marketing opt-out",
	rights.ConsentWithdrawal: "consent withdrawal", rights.Portability: "portability",
}

// StaticSummary is the line the Web UI shows for a case from its start:
// what it asks for and how it came, without personal data.
func StaticSummary(in CaseInput) string {
	if InitialStage(in) == StageTriage {
		return fmt.Sprintf("Triage: a message about personal data, by %s", in.Channel)
	}
	var rs []string
	for _, r := range in.Rights {
		rs = append(rs, rightWords[r])
	}
	return fmt.Sprintf("Rights request by %s: %s", in.Channel, strings.Join(rs, ", "))
}

// StaticDetails tell staff where the case card is, on every case's page.
const StaticDetails = "The case card, what the case waits for and the JSON to send next, is under **Current Details** (press R to refresh it). " +
	"Send inputs with **More Actions → Send an Update**: a refused input shows its reason there."

// showCard makes the card current.
func (c *caseRun) showCard(ctx workflow.Context) {
	if !c.stepping {
		return
	}
	workflow.SetCurrentDetails(ctx, c.card(deadline.DateOf(workflow.Now(ctx))))
}

// card writes the case card as of today.
func (c *caseRun) card(today time.Time) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	heading := stageWords[c.stage]
	if len(c.tasks) > 0 {
		heading = "Waiting for staff to carry out tasks by hand"
	}
	w("## %s: %s\n\n", c.in.CaseNumber, heading)
	if r := c.lastRejected; r != nil {
		w("> **Refused** %s: `%s` from %s was not taken: %s. Nothing changed; correct it and send it again.\n\n",
			r.Time.In(deadline.Stockholm).Format("2 Jan 15:04"), r.Signal, orUnknown(r.Actor), r.Reason)
	}
	if c.letterBlocked != "" {
		w("> **The answer could not be sent**: %s. Send `requester` with the corrected name or address.\n\n", c.letterBlocked)
	}
	if len(c.tasks) > 0 {
		w("**Tasks for staff**, by hand in systems the engine does not reach; the case waits for `task-done` on each:\n\n")
		for _, t := range c.tasks {
			w("- %s (`system` %s, `right` %s)\n", t.What, t.System, t.Right)
		}
		w("\n")
	}
	var rs []string
	for _, r := range c.rights {
		rs = append(rs, rightWords[r])
	}
	if len(rs) == 0 {
		rs = []string{"not known yet"}
	}
	w("**Asks for:** %s · **by** %s\n\n", strings.Join(rs, ", "), c.in.Channel)
	if c.stage != StageClosed {
		w("**Due:** %s (%s) · **legal limit:** %s", longDay(c.dates.Due), daysLeft(today, c.dates.Due), longDay(c.dates.Legal))
		if c.extended {
			// An extension gives time to do, not to refuse.
			w(" · extended; a refusal must still reach the person by %s (Art. 12(4))", longDay(c.dates.RefusalLatest))
		}
		if c.paused != nil {
			w(" · clock paused since %s", longDay(c.paused.Since))
		}
		if c.overdue {
			w(" · **OVERDUE**")
		}
		w("\n\n")
	} else {
		w("**Outcome:** %s, closed %s (due %s)\n\n", c.outcome, longDay(c.closedOn), longDay(c.dates.Due))
	}
	if next := c.nextInputs(today); len(next) > 0 {
		w("### What to send next\n\n")
		for _, n := range next {
			w("%s: **Send a Signal** (or an Update) named `%s` with\n\n```json\n%s\n```\n\n", n.why, n.name, n.example)
		}
	}
	if m := c.shown; m != nil {
		w("### The messages, shown to %s %s\n\n", m.Actor, m.Time.In(deadline.Stockholm).Format("2 Jan 15:04"))
		w("_Each showing is recorded in the audit trail (message.read). The text leaves this card when the case moves on._\n\n")
		if m.Failed != "" {
			w("%s\n\n", m.Failed)
		}
		for _, t := range m.Messages {
			w("**%s** · %s\n\n", longDay(deadline.DateOf(t.Received)), orNone(t.Subject, "(no subject)"))
			if t.Note != "" {
				w("_%s_\n\n", t.Note)
				continue
			}
			// A fence in the text would end the block early.
			w("```text\n%s\n```\n\n", strings.ReplaceAll(t.Text, "```", "` ` `"))
		}
	}
	w("### Identity evidence\n\n")
	ev := c.in.Evidence
	w("- the sender's e-mail address is in Harmoniq's register: %s\n", yesNo(ev.EmailOnRecord))
	w("- the personnummer given is in the register: %s\n", yesNo(ev.PersonnummerOnRecord))
	w("- ID-document copies that came with it: %d\n", ev.IDAttachments)
	if ev.SubjectConflict {
		w("- **the e-mail address belongs to another person in the register than the personnummer given**: verify one of them and name it with `\"subject\"`; the case acts on that person alone\n")
	}
	if ev.EarlierRequests > 0 {
		w("- the same person's earlier requests in the last year: %d (evidence if a refusal as manifestly excessive, Art. 12(5), is considered)\n", ev.EarlierRequests)
	}
	if ev.AddressDiffers {
		w("- **the postal address in the request is not the one registered for the person**: letters by post go to the registered address; to use the other, confirm it with `requester` (recorded)\n")
	}
	if c.subject != "" {
		w("- verified by %s: the case acts on that person alone\n", c.subject)
	}
	w("\n")
	if len(c.decisions) > 0 {
		w("### Decisions\n\n")
		for _, d := range c.decisions {
			done := ""
			if d.Fulfilled {
				done = ", carried out"
			}
			covers := ""
			if !d.Scope.Empty() {
				covers = " (" + scopeWords(d.Scope) + ")"
			}
			w("- %s: %s%s by %s%s\n", rightWords[d.Right], d.Outcome, covers, d.Actor, done)
		}
		w("\n")
	}
	if len(c.letters) > 0 {
		w("### Letters sent\n\n")
		for _, l := range c.letters {
			switch {
			case l.Failed != "":
				w("- %s, %s: **not sent**: %s\n", l.Kind, longDay(deadline.DateOf(l.Time)), l.Failed)
			case l.Route == "email":
				w("- %s, %s, by e-mail\n", l.Kind, longDay(deadline.DateOf(l.Time)))
			case l.Route == "post":
				w("- %s, %s, by post (in the print queue until posted)\n", l.Kind, longDay(deadline.DateOf(l.Time)))
			default:
				w("- %s, %s\n", l.Kind, longDay(deadline.DateOf(l.Time)))
			}
		}
		w("\n")
	}
	if c.stage != StageClosed {
		var not []string
		for _, name := range signalOrder {
			if !slices.Contains(commandFor(name).stages(), c.stage) {
				not = append(not, "`"+name+"`")
			}
		}
		w("**Not allowed now:** %s. The `status` query (Queries tab) has the whole state.\n", strings.Join(not, ", "))
	}
	return b.String()
}

// nextInput is one input the case takes now, with a payload to paste.
type nextInput struct{ name, why, example string }

// nextInputs lists what staff can send in the current stage, the input the
// case waits for first.
func (c *caseRun) nextInputs(today time.Time) []nextInput {
	// One field a line, so the JSON fits the card's narrow column.
	example := func(v any) string {
		b, _ := json.MarshalIndent(v, "", "  ")
		return string(b)
	}
	const you = "YOUR-NAME"
	var out []nextInput
	switch c.stage {
	case StageTriage:
		out = append(out, nextInput{SignalClassify, "Read the message (`dsr intake review --show` with your name) and say which rights it asks for",
			example(ClassifySignal{Actor: you, Rights: []string{string(rights.Access)}})})
	case StageIdentity:
		verified := IdentitySignal{Actor: you, Result: IdentityVerified, Method: "id_document"}
		switch {
		case c.in.Evidence.SubjectConflict:
			verified.Subject = "personnummer"
		case c.in.Evidence.EmailOnRecord:
			verified.Method = "email_on_record"
		}
		out = append(out,
			nextInput{SignalIdentity, "Verified", example(verified)},
			nextInput{SignalIdentity, "Not enough to know who it is: ask for proof (pauses the clock)",
				example(IdentitySignal{Actor: you, Result: IdentityComplementRequested, Requested: "En kopia av giltig ID-handling"})})
	case StageComplement:
		if c.paused != nil && c.paused.Fee > 0 {
			out = append(out, nextInput{SignalComplement, fmt.Sprintf("The person accepts the fee of %d kr (if they withdraw, send `withdraw`)", c.paused.Fee),
				example(ComplementSignal{Actor: you, Note: "Godtar avgiften"})})
			break
		}
		out = append(out, nextInput{SignalComplement, "The person sent what was asked", example(ComplementSignal{Actor: you, Note: "ID-kopia mottagen"})})
	case StageAssessment:
		for _, r := range c.undecided() {
			out = append(out, nextInput{SignalDecision, "Decide on " + rightWords[r],
				example(DecisionSignal{Actor: you, Right: string(r), Outcome: OutcomeApproved})})
			switch r {
			case rights.Access:
				if c.scoped && c.in.Evidence.EarlierRequests > 0 {
					out = append(out, nextInput{SignalDecision, "Only for a repeated request: warn of a fee (Art. 12(5)); the case waits for the person",
						example(DecisionSignal{Actor: you, Outcome: OutcomeFee, Fee: 250, Ground: "Manifestly excessive, repeated (Art. 12(5))",
							Justification: "Du har fått samma registerutdrag ..."})})
				}
			case rights.Erasure:
				out = append(out, nextInput{SignalDecision, "Erase all but some categories: name what stays in `except` (the letter lists it) and say why in `ground`",
					example(DecisionSignal{Actor: you, Right: string(r), Outcome: OutcomePartlyApproved, Scope: activities.Scope{Except: []string{"Köp"}},
						Ground: "Dina köp sparas tills din reklamation är avgjord"})})
			case rights.Objection:
				out = append(out, nextInput{SignalDecision, "Stop some purposes only: name the categories that stop in `categories`, and give the compelling legitimate grounds for the rest in `ground`",
					example(DecisionSignal{Actor: you, Right: string(r), Outcome: OutcomePartlyApproved, Scope: activities.Scope{Categories: []string{"Samtalsanteckningar"}},
						Ground: "Tvingande berättigade skäl: ..."})})
			}
		}
	case StageFulfilment:
		for _, t := range c.tasks {
			out = append(out, nextInput{SignalTaskDone, "Once you have done it by hand: " + t.What,
				example(TaskDoneSignal{Actor: you, System: t.System, Right: string(t.Right), Done: "Vad du gjorde"})})
		}
	case StageResponse:
		if c.letterBlocked != "" {
			out = append(out, nextInput{SignalRequester, "Correct the name or postal address the answer goes to",
				example(RequesterSignal{Actor: you, Name: "Förnamn Efternamn", Address: []string{"Gatan 1", "123 45 Orten"}})})
		}
	}
	if slices.Contains((&ExtendSignal{}).stages(), c.stage) && !c.extended && !today.After(c.dates.ExtensionLatest) {
		out = append(out, nextInput{SignalExtend, "Only if the request is complex or one of many: extend by two months (by " + longDay(c.dates.ExtensionLatest) + ")",
			example(ExtendSignal{Actor: you, Reason: "Uppgifterna finns i många system"})})
	}
	return out
}

// scopeWords says what a decision's scope covers, for the card.
func scopeWords(s activities.Scope) string {
	var parts []string
	if len(s.Categories) > 0 {
		parts = append(parts, "covers "+strings.Join(s.Categories, ", "))
	}
	if len(s.Systems) > 0 {
		parts = append(parts, "in "+strings.Join(s.Systems, ", "))
	}
	if len(s.Except) > 0 {
		parts = append(parts, "except "+strings.Join(s.Except, ", "))
	}
	return strings.Join(parts, " ")
}

// commandFor returns an empty input of a signal, to ask where it applies.
func commandFor(name string) command {
	cmd, _ := newCommand(name)
	return cmd
}

func longDay(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return t.Format("2 Jan 2006")
}

func daysLeft(today, due time.Time) string {
	n := int(due.Sub(today).Hours() / 24)
	switch {
	case n > 1:
		return fmt.Sprintf("%d days left", n)
	case n == 1:
		return "1 day left"
	case n == 0:
		return "due today"
	}
	return fmt.Sprintf("%d days late", -n)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func orNone(s, none string) string {
	if strings.TrimSpace(s) == "" {
		return none
	}
	return s
}

func orUnknown(s string) string {
	if s == "" {
		return "an unnamed sender"
	}
	return s
}
