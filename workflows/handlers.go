package workflows

import (
	"errors"
	"slices"

	"fmt"
	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/event"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/harmoniq/dsr/internal/clean"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/payload"
	"github.com/harmoniq/dsr/internal/rights"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// inbound is a staff input waiting to be handled: a signal, or an update
// whose caller waits on reply.
type inbound struct {
	name  string
	raw   converter.RawValue
	reply workflow.Settable
	kind  string // "signal" or "update"
	// ordinal numbers the signals of one name, from 1, in history order.
	ordinal int
}

// command is a decoded staff input.
type command interface {
	// who names the staff member acting.
	who() string
	// stages lists where the input may act.
	stages() []Stage
	// check says why the input cannot act on c today; it changes nothing.
	check(c *caseRun, today time.Time) error
	// apply acts.
	apply(ctx workflow.Context, c *caseRun)
}

var errUnknownSignal = errors.New("unknown signal: see the README for the signals a case accepts")

func parse(name string, raw converter.RawValue) (command, error) {
	cmd, err := newCommand(name)
	if err != nil {
		return nil, err
	}
	return cmd, decodeSignal(raw, cmd)
}

// newCommand returns an empty input of a signal's type.
func newCommand(name string) (command, error) {
	var cmd command
	switch name {
	case SignalClassify:
		cmd = &ClassifySignal{}
	case SignalIdentity:
		cmd = &IdentitySignal{}
	case SignalComplement:
		cmd = &ComplementSignal{}
	case SignalDecision:
		cmd = &DecisionSignal{}
	case SignalExtend:
		cmd = &ExtendSignal{}
	case SignalAssign:
		cmd = &AssignSignal{}
	case SignalNote:
		cmd = &NoteSignal{}
	case SignalWithdraw:
		cmd = &WithdrawSignal{}
	case SignalRequester:
		cmd = &RequesterSignal{}
	case SignalShowMessage:
		cmd = &ShowMessageSignal{}
	case SignalTaskDone:
		cmd = &TaskDoneSignal{}
	default:
		return nil, errUnknownSignal
	}
	return cmd, nil
}

// validate decodes an input and checks it against the case without changing
// anything: the update validator, and the first half of handling.
func (c *caseRun) validate(ctx workflow.Context, name string, raw converter.RawValue) (command, error) {
	if err := c.checkSealed(raw); err != nil {
		return nil, err
	}
	cmd, err := parse(name, raw)
	if err != nil {
		return cmd, err
	}
	if err := requireActor(cmd.who()); err != nil {
		return cmd, err
	}
	allowed := false
	for _, st := range cmd.stages() {
		allowed = allowed || st == c.stage
	}
	if !allowed {
		return cmd, fmt.Errorf("signal %q is not allowed in stage %s", name, c.stage)
	}
	return cmd, cmd.check(c, deadline.DateOf(workflow.Now(ctx)))
}

// checkSealed refuses an input that arrived past the codec, or that the
// codec could not open; both are said so the sender knows what to do.
func (c *caseRun) checkSealed(raw converter.RawValue) error {
	p := raw.Payload()
	if p == nil {
		return nil // decodeSignal says the payload is missing
	}
	switch {
	case string(p.GetMetadata()[converter.MetadataEncoding]) == payload.EncodingUndecryptable:
		return errors.New("the input could not be decrypted (changed, cut, or sealed with a key this engine does not have); send it again through the payload codec")
	case c.in.RequireSealed && string(p.GetMetadata()[payload.MetadataSealed]) != "1":
		return errors.New("the input arrived unencrypted, past the payload codec, so its text would sit in clear in Temporal; send it through the Web UI with the codec endpoint, `dsr case signal`, or the Temporal CLI with --codec-endpoint")
	}
	return nil
}

// handle applies an input, or records it as rejected: a malformed input, or
// one not allowed now, changes nothing and never fails the workflow.
func (c *caseRun) handle(ctx workflow.Context, in inbound) {
	if in.name == SignalComplement {
		c.noIDCopies = false // a reply may carry ID copies
	}
	if c.gate(ctx, boundedRejectionsVersion) {
		c.flushSuppressed(ctx, workflow.Now(ctx))
	}
	cmd, err := c.validate(ctx, in.name, in.raw)
	if err == nil {
		err = c.checkCaller(ctx, in, cmd.who())
	}
	if err != nil {
		actor := ""
		if cmd != nil {
			actor = cmd.who()
		}
		c.reject(ctx, in.name, actor, err.Error())
	} else {
		cmd.apply(ctx, c)
	}
	if in.reply != nil {
		in.reply.Set(c.status(), refusal(err))
	}
}

// refusal marks the reason an input was refused as one that may be shown
// in clear (payload.RefusalType).
func refusal(err error) error {
	if err == nil {
		return nil
	}
	return temporal.NewNonRetryableApplicationError(err.Error(), payload.RefusalType, nil)
}

// checkCaller asks the worker whether the caller the server verified for
// this input may act as the actor it names (STAFF_PRINCIPALS); without that
// setting every input passes. A local activity: it reads the history, which
// workflow code cannot.
func (c *caseRun) checkCaller(ctx workflow.Context, in inbound, actor string) error {
	if !c.gate(ctx, callerCheckVersion) {
		return nil
	}
	info := workflow.GetInfo(ctx)
	lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
		StartToCloseTimeout: 30 * time.Second,
		RetryPolicy:         &temporal.RetryPolicy{InitialInterval: time.Second, MaximumInterval: 10 * time.Second, MaximumAttempts: 10},
	})
	var res activities.CallerCheck
	err := workflow.ExecuteLocalActivity(lctx, a.CheckCaller, activities.CallerCheckInput{
		WorkflowID: info.WorkflowExecution.ID, RunID: info.WorkflowExecution.RunID, Kind: in.kind, Name: in.name, Ordinal: in.ordinal, Actor: actor,
	}).Get(ctx, &res)
	if err != nil {
		return fmt.Errorf("the caller could not be checked, so the input was not applied: %w", err)
	}
	if !res.Allowed {
		return errors.New(res.Reason)
	}
	return nil
}

// reject records an input that changed nothing, in a bounded form: a
// rejection record never repeats what was sent at length, and past
// maxRejectionsPerHour in an hour they are counted, not each recorded, so
// a flood cannot grow the case's history without end.
func (c *caseRun) reject(ctx workflow.Context, name, actor, reason string) {
	name, actor, reason = clean.Line(name, 64), clean.Line(actor, maxActor), clean.Line(reason, 300)
	now := workflow.Now(ctx)
	c.lastRejected = &Rejection{Time: now, Signal: name, Actor: actor, Reason: reason}
	if strings.TrimSpace(actor) == "" {
		actor = "unknown"
	}
	if c.gate(ctx, boundedRejectionsVersion) {
		c.flushSuppressed(ctx, now)
		if c.rejections.Count++; c.rejections.Count > maxRejectionsPerHour {
			c.rejections.Suppressed++
			return
		}
	}
	c.record(ctx, actor, event.SignalRejected{Signal: name, Reason: reason, Stage: string(c.stage)})
}

// maxRejectionsPerHour bounds the rejections recorded one by one in an
// hour; the rest are counted in one signal.rejected_suppressed.
const maxRejectionsPerHour = 20

// rejectionWindow counts the rejected inputs of the current hour.
type rejectionWindow struct {
	Hour       time.Time `json:"hour"`
	Count      int       `json:"count"`
	Suppressed int       `json:"suppressed"`
}

// flushSuppressed starts a new hour's count when now is past the current
// one, recording how many rejections the past hour did not record one by
// one.
func (c *caseRun) flushSuppressed(ctx workflow.Context, now time.Time) {
	hour := now.Truncate(time.Hour)
	if !hour.After(c.rejections.Hour) {
		return
	}
	if c.rejections.Suppressed > 0 {
		c.record(ctx, "system", event.RejectionsSuppressed{Count: c.rejections.Suppressed, Hour: c.rejections.Hour.Format(time.RFC3339)})
	}
	c.rejections = rejectionWindow{Hour: hour}
}

// unknownSignals lists, in a fixed order, names of signals that arrived but
// that the case does not accept, so they can be recorded as rejected.
func unknownSignals(ctx workflow.Context) []string {
	var out []string
	for _, n := range workflow.GetUnhandledSignalNames(ctx) {
		if !slices.Contains(signalOrder, n) {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

var open = []Stage{StageTriage, StageIdentity, StageComplement, StageAssessment}

// ---- classify

func (s *ClassifySignal) who() string     { return s.Actor }
func (s *ClassifySignal) stages() []Stage { return []Stage{StageTriage} }
func (s *ClassifySignal) check(*caseRun, time.Time) error {
	_, err := s.rights()
	return err
}

func (s *ClassifySignal) rights() ([]rights.Right, error) {
	if len(s.Rights) > len(rights.All) {
		return nil, fmt.Errorf(`"rights" lists %d rights; there are %d`, len(s.Rights), len(rights.All))
	}
	if s.NotARequest {
		if len(s.Rights) > 0 {
			return nil, errors.New(`give either "rights" or "not_a_request", not both`)
		}
		return nil, nil
	}
	if len(s.Rights) == 0 {
		return nil, errors.New(`"rights" must list at least one right, or set "not_a_request": true`)
	}
	var out []rights.Right
	for _, name := range s.Rights {
		r, err := rights.Parse(name)
		if err != nil {
			return nil, fmt.Errorf(`"rights": %w`, err)
		}
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out, nil
}

func (s *ClassifySignal) apply(ctx workflow.Context, c *caseRun) {
	rs, _ := s.rights()
	if len(rs) == 0 {
		c.record(ctx, s.Actor, event.CaseNotARequest{IntakeGuess: rights.Names(c.in.Intake.Guess), IntakeConfidence: c.in.Intake.Confidence})
		c.outcome = OutcomeNotARequest
		c.close(ctx)
		return
	}
	c.rights = rs
	c.record(ctx, s.Actor, event.CaseClassified{Rights: rights.Names(rs), IntakeGuess: rights.Names(c.in.Intake.Guess), IntakeConfidence: c.in.Intake.Confidence})
	c.setStage(ctx, StageIdentity)
	c.acknowledge(ctx)
}

// ---- identity

func (s *IdentitySignal) who() string     { return s.Actor }
func (s *IdentitySignal) stages() []Stage { return []Stage{StageIdentity} }
func (s *IdentitySignal) check(c *caseRun, _ time.Time) error {
	if err := checkText("override", s.Override, 300); err != nil {
		return err
	}
	switch s.Result {
	case IdentityVerified, IdentityUnverified:
		if !slices.Contains(identityMethods, s.Method) {
			return fmt.Errorf(`"method" must be one of %s`, strings.Join(identityMethods, ", "))
		}
		if s.Subject != "" && s.Subject != "personnummer" && s.Subject != "email" {
			return errors.New(`"subject" must be personnummer or email`)
		}
		// The address and the personnummer given name different people:
		// a verification must say which one it verified, and an address
		// on record verifies only its own owner.
		if c.stepping && s.Result == IdentityVerified && c.in.Evidence.SubjectConflict {
			switch {
			case s.Subject == "":
				return errors.New(`the e-mail address and the personnummer given belong to different people in the register: say which one you verified with "subject":"personnummer" or "subject":"email"; the case acts on that person alone`)
			case s.Method == "email_on_record" && s.Subject != "email":
				return errors.New(`an e-mail address on record verifies only the person it belongs to: with "method":"email_on_record" the subject is "email"`)
			}
		}
		// The evidence was found at intake; a verification must not
		// claim what it says is not so, unless staff say why.
		if c.stepping && s.Result == IdentityVerified && s.Method == "email_on_record" && !c.in.Evidence.EmailOnRecord && strings.TrimSpace(s.Override) == "" {
			return errors.New(`"method" email_on_record contradicts the evidence: the sender's address is not in Harmoniq's register; verify another way, or give "override" with the reason`)
		}
		if len(s.IDCopies) > 50 {
			return fmt.Errorf(`"id_copies" names %d files; name at most 50`, len(s.IDCopies))
		}
	case IdentityComplementRequested:
		if len(s.IDCopies) > 0 {
			return errors.New(`"id_copies" goes with the decision (verified or unverified), not with a request for more`)
		}
		return requireText("requested", s.Requested, 500)
	default:
		return fmt.Errorf(`"result" must be %s, %s or %s`, IdentityVerified, IdentityUnverified, IdentityComplementRequested)
	}
	return nil
}

func (s *IdentitySignal) apply(ctx workflow.Context, c *caseRun) {
	switch s.Result {
	case IdentityVerified:
		c.record(ctx, s.Actor, event.IdentityVerified{Method: s.Method, Override: s.Override, Subject: s.Subject})
		c.subject = s.Subject
		c.deleteIDCopies(ctx, "identity decided", s.IDCopies)
		c.setStage(ctx, StageAssessment)
	case IdentityUnverified:
		c.record(ctx, s.Actor, event.IdentityUnverified{Method: s.Method})
		c.deleteIDCopies(ctx, "identity decided", s.IDCopies)
		c.outcome = OutcomeUnverified
		c.setStage(ctx, StageResponse)
	case IdentityComplementRequested:
		c.record(ctx, s.Actor, event.ComplementRequested{})
		c.pause(ctx, StageIdentity, s.Requested)
	}
}

// ---- complement-received

func (s *ComplementSignal) who() string                     { return s.Actor }
func (s *ComplementSignal) stages() []Stage                 { return []Stage{StageComplement} }
func (s *ComplementSignal) check(*caseRun, time.Time) error { return checkText("note", s.Note, 500) }
func (s *ComplementSignal) apply(ctx workflow.Context, c *caseRun) {
	if c.paused != nil && c.paused.Fee > 0 {
		// The person accepted the fee: the answer states it.
		c.feeAccepted = c.paused.Fee
		c.resume(ctx, s.Actor, event.FeeAccepted{Fee: c.feeAccepted})
		return
	}
	c.resume(ctx, s.Actor, event.ComplementReceived{})
}

// ---- decision

func (s *DecisionSignal) who() string     { return s.Actor }
func (s *DecisionSignal) stages() []Stage { return []Stage{StageAssessment} }
func (s *DecisionSignal) check(c *caseRun, _ time.Time) error {
	switch s.Outcome {
	case OutcomeApproved:
	case OutcomePartlyApproved, OutcomeRefused:
		if strings.TrimSpace(s.Ground) == "" {
			return fmt.Errorf(`"ground" is required when the outcome is %s: give the legal reason`, s.Outcome)
		}
		if err := checkText("ground", s.Ground, 1000); err != nil {
			return err
		}
		if err := checkText("justification", s.Justification, 2000); err != nil {
			return err
		}
		if isManifestlyUnfounded(s.Ground) && strings.TrimSpace(s.Justification) == "" {
			return errors.New(`"justification" is required for a manifestly unfounded or excessive request (Art. 12(5))`)
		}
		if c.scoped && s.Outcome == OutcomeRefused && isManifestlyExcessive(s.Ground) && c.in.Evidence.EarlierRequests == 0 {
			return errors.New(`a refusal as manifestly excessive (Art. 12(5)) needs evidence of earlier requests, and the engine found none by this person within the repeat window: decide on the request, or give another ground`)
		}
	case OutcomeClarificationRequested:
		return requireText("requested", s.Requested, 500)
	case OutcomeFee:
		if !c.scoped {
			return fmt.Errorf(`"outcome" must be %s, %s, %s or %s`, OutcomeApproved, OutcomePartlyApproved, OutcomeRefused, OutcomeClarificationRequested)
		}
		return s.checkFee(c)
	default:
		return fmt.Errorf(`"outcome" must be %s, %s, %s, %s or %s`, OutcomeApproved, OutcomePartlyApproved, OutcomeRefused, OutcomeClarificationRequested, OutcomeFee)
	}
	targets := c.undecided()
	if s.Right != "" {
		r, err := rights.Parse(s.Right)
		if err != nil {
			return fmt.Errorf(`"right": %w`, err)
		}
		if !slices.Contains(c.rights, r) {
			return fmt.Errorf(`"right": the case does not ask for %s; it asks for %s`, r, strings.Join(rights.Names(c.rights), ", "))
		}
		if c.decided(r) {
			return fmt.Errorf("%s is already decided", r)
		}
		targets = []rights.Right{r}
	}
	if c.scoped {
		if err := s.checkScope(targets); err != nil {
			return err
		}
	}
	if c.optOutAbsolute && (s.Outcome == OutcomeRefused || s.Outcome == OutcomePartlyApproved) && slices.Contains(targets, rights.MarketingOptOut) &&
		!isManifestlyUnfounded(s.Ground) {
		return errors.New(`an objection to direct marketing is absolute (Art. 21(2)-(3)): marketing_optout is approved, or refused as manifestly unfounded or excessive (Art. 12(5)) with a justification; decide it on its own with "right":"marketing_optout"`)
	}
	if s.Outcome != OutcomeRefused && slices.Contains(targets, rights.Rectification) {
		fields, systems := activities.HarmoniqRectifiable, activities.HarmoniqSystems
		if c.datasetFields {
			fields, systems = nil, nil // fulfilment checks them against the dataset files
		}
		if err := activities.CheckCorrections(s.Corrections, fields, systems); err != nil {
			return fmt.Errorf(`"corrections": %w`, err)
		}
	} else if len(s.Corrections) > 0 {
		return errors.New(`"corrections" belong only to an approved rectification`)
	}
	return nil
}

// checkFee holds a fee to Art. 12(5): a reasonable amount, the ground and
// its justification, and the person's earlier requests as the evidence
// that the request is repeated (Harmoniq's policy charges only for
// repeated requests).
func (s *DecisionSignal) checkFee(c *caseRun) error {
	if s.Fee <= 0 || s.Fee > maxFee {
		return fmt.Errorf(`"fee" is the amount in whole kronor, from 1 to %d (a reasonable fee for the administrative costs, Art. 12(5))`, maxFee)
	}
	if err := requireText("ground", s.Ground, 1000); err != nil {
		return err
	}
	if err := requireText("justification", s.Justification, 2000); err != nil {
		return fmt.Errorf("%w: say why the request is manifestly excessive; the letter gives it", err)
	}
	if c.in.Evidence.EarlierRequests == 0 {
		return errors.New(`a fee is for a repeated request (Art. 12(5)), and the engine found no earlier request by this person within the repeat window`)
	}
	if s.Right != "" || !s.Scope.Empty() || len(s.Corrections) > 0 {
		return errors.New(`a fee is asked for the whole request: leave out "right", "scope" and "corrections"`)
	}
	return nil
}

// checkScope holds a decision's scope to its outcome: a partly approved
// decision names what it covers (a rectification, by its corrections), and
// a scope belongs to nothing else. Names are checked against the record of
// processing when the decision is carried out.
func (s *DecisionSignal) checkScope(targets []rights.Right) error {
	if len(s.Scope.Systems)+len(s.Scope.Categories)+len(s.Scope.Except) > 20 {
		return errors.New(`"scope": at most 20 systems and categories`)
	}
	for _, x := range slices.Concat(s.Scope.Systems, s.Scope.Categories, s.Scope.Except) {
		if err := requireText("scope", x, 100); err != nil {
			return err
		}
	}
	switch {
	case s.Outcome == OutcomePartlyApproved:
		if s.Scope.Empty() && !(len(targets) == 1 && targets[0] == rights.Rectification) {
			return errors.New(`"scope" is required when the outcome is partly_approved: name what the decision covers, {"systems":["behandling"],"categories":["Samtalsanteckningar"]} or {"except":["Köp"]}, and say in "ground" why the rest is refused`)
		}
	case !s.Scope.Empty():
		return fmt.Errorf(`"scope" narrows a partly_approved decision; an outcome %s covers the whole request`, s.Outcome)
	}
	for _, r := range targets {
		switch r {
		case rights.Restriction, rights.Rectification, rights.MarketingOptOut:
			if len(s.Scope.Categories)+len(s.Scope.Except) > 0 {
				return fmt.Errorf(`"scope": %s acts on whole systems; name systems, not categories (or decide it apart with "right")`, r)
			}
		}
	}
	return nil
}

func (s *DecisionSignal) apply(ctx workflow.Context, c *caseRun) {
	if s.Outcome == OutcomeClarificationRequested {
		c.record(ctx, s.Actor, event.ClarificationRequested{})
		c.pause(ctx, StageAssessment, s.Requested)
		return
	}
	if s.Outcome == OutcomeFee {
		c.record(ctx, s.Actor, event.FeeRequested{Fee: s.Fee, Ground: s.Ground, Justification: s.Justification, EarlierRequests: c.in.Evidence.EarlierRequests})
		c.pauseFor(ctx, StageAssessment, letterFee, activities.LetterInput{Reason: joinSentences(s.Ground, s.Justification), Fee: s.Fee})
		return
	}
	targets := c.undecided()
	if s.Right != "" {
		r, _ := rights.Parse(s.Right)
		targets = []rights.Right{r}
	}
	now := workflow.Now(ctx)
	for _, r := range targets {
		d := Decision{Right: r, Outcome: s.Outcome, Ground: s.Ground, Justification: s.Justification, Actor: s.Actor, Time: now, Scope: s.Scope}
		if r == rights.Rectification {
			d.Corrections = s.Corrections
		}
		c.decisions = append(c.decisions, d)
		ev := event.Decision{Right: string(r), Outcome: s.Outcome, Ground: s.Ground, Justification: s.Justification,
			ScopeSystems: s.Scope.Systems, ScopeCategories: s.Scope.Categories, ScopeExcept: s.Scope.Except}
		if c.scoped && s.Outcome == OutcomeRefused && isManifestlyExcessive(s.Ground) {
			ev.EarlierRequests = c.in.Evidence.EarlierRequests
		}
		c.record(ctx, s.Actor, ev)
	}
	if len(c.decisions) == len(c.rights) {
		c.allDecided(ctx)
	}
}

// ---- extend

func (s *ExtendSignal) who() string     { return s.Actor }
func (s *ExtendSignal) stages() []Stage { return open }
func (s *ExtendSignal) check(c *caseRun, today time.Time) error {
	if err := requireText("reason", s.Reason, 500); err != nil {
		return fmt.Errorf(`%w: Art. 12(3) requires the reasons (complexity or the number of requests)`, err)
	}
	if c.extended {
		return errors.New("the time limit was already extended; it can be extended only once")
	}
	if today.After(c.dates.ExtensionLatest) {
		return fmt.Errorf("too late to extend: the first month ended on %s, and the person must be told within it", day(c.dates.ExtensionLatest))
	}
	return nil
}

func (s *ExtendSignal) apply(ctx workflow.Context, c *caseRun) {
	c.extended = true
	c.recompute()
	c.record(ctx, s.Actor, event.DeadlineExtended{Reason: s.Reason, Due: day(c.dates.Due)})
	c.sendLetter(ctx, letterExtension, "extension", s.Reason)
	if c.stage != StageComplement {
		c.armClock(ctx)
	}
	c.overdue = false
	c.changed(ctx)
}

// ---- assign, note, withdraw

func (s *AssignSignal) who() string     { return s.Actor }
func (s *AssignSignal) stages() []Stage { return stagesWithResponse() }
func (s *AssignSignal) check(c *caseRun, _ time.Time) error {
	if err := c.answerWaits(); err != nil {
		return err
	}
	if err := requireText("assignee", s.Assignee, maxActor); err != nil {
		return err
	}
	if clean.HasControl(s.Assignee) {
		return errors.New(`"assignee" must be one line`)
	}
	return nil
}
func (s *AssignSignal) apply(ctx workflow.Context, c *caseRun) {
	c.assignee = strings.TrimSpace(s.Assignee)
	c.record(ctx, s.Actor, event.CaseAssigned{Assignee: c.assignee})
	c.changed(ctx)
}

func (s *NoteSignal) who() string     { return s.Actor }
func (s *NoteSignal) stages() []Stage { return stagesWithResponse() }
func (s *NoteSignal) check(c *caseRun, _ time.Time) error {
	if err := c.answerWaits(); err != nil {
		return err
	}
	return requireText("text", s.Text, 2000)
}
func (s *NoteSignal) apply(ctx workflow.Context, c *caseRun) {
	c.record(ctx, s.Actor, event.CaseNote{Text: s.Text})
}

// ---- show-message

func (s *ShowMessageSignal) who() string                     { return s.Actor }
func (s *ShowMessageSignal) stages() []Stage                 { return stagesWithResponse() }
func (s *ShowMessageSignal) check(*caseRun, time.Time) error { return nil }

// apply reads the messages for the staff member, the reads recorded in
// the trail first, and shows them on the card until the case moves on.
func (s *ShowMessageSignal) apply(ctx workflow.Context, c *caseRun) {
	c.reads++
	in := activities.ReadMessagesInput{CaseNumber: c.in.CaseNumber, Actor: s.Actor,
		Key: fmt.Sprintf("%s/%d", workflow.GetInfo(ctx).WorkflowExecution.RunID, c.reads), Step: c.step(ctx)}
	var res activities.ReadMessagesResult
	if err := workflow.ExecuteActivity(summary(ctx, "show the messages to staff"), a.ReadMessages, in).Get(ctx, &res); err != nil {
		c.shown = &shownMessages{Actor: s.Actor, Time: workflow.Now(ctx), Failed: "the messages could not be read and recorded; try again"}
		return
	}
	c.wrote(ctx, in.Step, res.Head)
	c.shown = &shownMessages{Actor: s.Actor, Time: workflow.Now(ctx), Messages: res.Messages}
}

// shownMessages are the messages a staff member asked to read, on the card
// until the case moves on.
type shownMessages struct {
	Actor    string
	Time     time.Time
	Messages []activities.MessageText
	Failed   string
}

func (s *WithdrawSignal) who() string                     { return s.Actor }
func (s *WithdrawSignal) stages() []Stage                 { return open }
func (s *WithdrawSignal) check(*caseRun, time.Time) error { return checkText("reason", s.Reason, 500) }
func (s *WithdrawSignal) apply(ctx workflow.Context, c *caseRun) {
	c.record(ctx, s.Actor, event.CaseWithdrawn{Reason: s.Reason, Stage: string(c.stage)})
	c.outcome = OutcomeWithdrawn
	c.close(ctx)
}

// ---- requester

func (s *RequesterSignal) who() string     { return s.Actor }
func (s *RequesterSignal) stages() []Stage { return stagesWithResponse() }
func (s *RequesterSignal) check(c *caseRun, _ time.Time) error {
	if err := c.answerWaits(); err != nil {
		return err
	}
	if strings.TrimSpace(s.Name) == "" && len(s.Address) == 0 {
		return errors.New(`give "name", "address" or both`)
	}
	if err := checkText("name", s.Name, 200); err != nil {
		return err
	}
	if clean.HasControl(s.Name) {
		return errors.New(`"name" must be one line`)
	}
	if len(s.Address) > 6 {
		return fmt.Errorf(`"address" has %d lines; an address has at most 6`, len(s.Address))
	}
	for i, line := range s.Address {
		if strings.TrimSpace(line) == "" || utf8.RuneCountInString(line) > 100 || clean.HasControl(line) {
			return fmt.Errorf(`"address" line %d must be one line of 1 to 100 characters`, i+1)
		}
	}
	return nil
}

func (s *RequesterSignal) apply(ctx workflow.Context, c *caseRun) {
	in := activities.RequesterInput{CaseNumber: c.in.CaseNumber, Name: strings.TrimSpace(s.Name), Address: s.Address}
	var fields []string
	if in.Name != "" {
		fields = append(fields, "name")
	}
	if len(in.Address) > 0 {
		fields = append(fields, "address")
	}
	if err := c.activity(summary(ctx, "correct who the answer goes to"), a.CorrectRequester, in).Get(ctx, nil); err != nil {
		c.record(ctx, s.Actor, event.RequesterNotCorrected{Fields: fields, Error: clean.Line(err.Error(), 300)})
		return
	}
	// What changed, not the values: the case record holds those.
	c.record(ctx, s.Actor, event.RequesterCorrected{Fields: fields})
	if c.waitsInResponse() {
		c.letterBlocked = "" // the answer is sent again
		c.changed(ctx)
	}
}
