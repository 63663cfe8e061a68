package event

import "fmt"

// The actions of the trail, one per type below (a decision's action names
// its outcome).
const (
	ActCaseReceived          = "case.received"
	ActCaseContinued         = "case.continued"
	ActCaseClassified        = "case.classified"
	ActCaseNotARequest       = "case.not_a_request"
	ActCaseAssigned          = "case.assigned"
	ActCaseNote              = "case.note"
	ActCaseWithdrawn         = "case.withdrawn"
	ActCaseClosed            = "case.closed"
	ActIdentityVerified      = "identity.verified"
	ActIdentityUnverified    = "identity.unverified"
	ActComplementRequested   = "identity.complement_requested"
	ActCopiesDeleted         = "identity.copies_deleted"
	ActCopiesNotDeleted      = "identity.copies_not_deleted"
	ActComplementReceived    = "complement.received"
	ActComplementTimedOut    = "complement.timed_out"
	ActClockPaused           = "clock.paused"
	ActClockResumed          = "clock.resumed"
	ActClarificationAsked    = "decision.clarification_requested"
	ActFeeRequested          = "decision.fee_requested"
	ActFeeAccepted           = "complement.fee_accepted"
	ActDeadlineExtended      = "deadline.extended"
	ActReminder              = "deadline.reminder"
	ActPromiseMissed         = "deadline.promise_missed"
	ActLegalMissed           = "deadline.legal_missed"
	ActSignalRejected        = "signal.rejected"
	ActRejectionsSuppressed  = "signal.rejected_suppressed"
	ActLetterSent            = "letter.sent"
	ActLetterFailed          = "letter.failed"
	ActLetterPosted          = "letter.posted"
	ActFulfilmentDone        = "fulfilment.done"
	ActFulfilmentFailed      = "fulfilment.failed"
	ActTasksOpened           = "fulfilment.tasks_opened"
	ActTaskDone              = "fulfilment.task_done"
	ActNotificationSent      = "notification.sent"
	ActNotificationFailed    = "notification.failed"
	ActRequesterCorrected    = "requester.corrected"
	ActRequesterNotCorrected = "requester.not_corrected"
	ActRestrictionNotified   = "restriction.lift_notified"
	ActRestrictionLifted     = "restriction.lifted"
	ActCallers               = "temporal.callers"
	ActRetentionErased       = "retention.erased"
	ActMessageErased         = "retention.message_erased"
	ActCaseRecordsErased     = "retention.case_records_erased"
	ActMessageRead           = "message.read"
	ActAttachmentRead        = "attachment.read"
	ActReplyAfterClosure     = "reply.after_closure"
)

// Decision outcomes, as their actions name them.
const (
	OutcomeApproved       = "approved"
	OutcomePartlyApproved = "partly_approved"
	OutcomeRefused        = "refused"
)

func init() {
	register[CaseReceived](ActCaseReceived)
	register[CaseContinued](ActCaseContinued)
	register[CaseClassified](ActCaseClassified)
	register[CaseNotARequest](ActCaseNotARequest)
	register[CaseAssigned](ActCaseAssigned)
	register[CaseNote](ActCaseNote)
	register[CaseWithdrawn](ActCaseWithdrawn)
	register[CaseClosed](ActCaseClosed)
	register[IdentityVerified](ActIdentityVerified)
	register[IdentityUnverified](ActIdentityUnverified)
	register[ComplementRequested](ActComplementRequested)
	register[CopiesDeleted](ActCopiesDeleted)
	register[CopiesNotDeleted](ActCopiesNotDeleted)
	register[ComplementReceived](ActComplementReceived)
	register[ComplementTimedOut](ActComplementTimedOut)
	register[ClockPaused](ActClockPaused)
	register[ClockResumed](ActClockResumed)
	register[ClarificationRequested](ActClarificationAsked)
	register[FeeRequested](ActFeeRequested)
	register[FeeAccepted](ActFeeAccepted)
	register[DeadlineExtended](ActDeadlineExtended)
	register[Reminder](ActReminder)
	register[PromiseMissed](ActPromiseMissed)
	register[LegalMissed](ActLegalMissed)
	register[Decision]("decision."+OutcomeApproved, "decision."+OutcomePartlyApproved, "decision."+OutcomeRefused)
	register[SignalRejected](ActSignalRejected)
	register[RejectionsSuppressed](ActRejectionsSuppressed)
	register[LetterSent](ActLetterSent)
	register[LetterFailed](ActLetterFailed)
	register[LetterPosted](ActLetterPosted)
	register[FulfilmentDone](ActFulfilmentDone)
	register[FulfilmentFailed](ActFulfilmentFailed)
	register[TasksOpened](ActTasksOpened)
	register[TaskDone](ActTaskDone)
	register[NotificationSent](ActNotificationSent)
	register[NotificationFailed](ActNotificationFailed)
	register[RequesterCorrected](ActRequesterCorrected)
	register[RequesterNotCorrected](ActRequesterNotCorrected)
	register[RestrictionNotified](ActRestrictionNotified)
	register[RestrictionLifted](ActRestrictionLifted)
	register[Callers](ActCallers)
	register[RetentionErased](ActRetentionErased)
	register[MessageErased](ActMessageErased)
	register[CaseRecordsErased](ActCaseRecordsErased)
	register[MessageRead](ActMessageRead)
	register[AttachmentRead](ActAttachmentRead)
	register[ReplyAfterClosure](ActReplyAfterClosure)
}

// Evidence is what intake found to help staff verify who asked.
type Evidence struct {
	EmailOnRecord        bool `json:"email_on_record"`
	PersonnummerOnRecord bool `json:"personnummer_on_record"`
	IDAttachments        int  `json:"id_attachments"`
	// SubjectConflict: the sender's address is on another person's rows
	// than the personnummer given names.
	SubjectConflict bool `json:"subject_conflict,omitempty"`
	// AddressDiffers: the postal address in the request is not the one
	// registered for the person the identifiers name.
	AddressDiffers bool `json:"address_differs,omitempty"`
	// EarlierRequests counts the same person's requests (by personnummer
	// or e-mail address) within the repeat window before this one: the
	// evidence a refusal as manifestly unfounded or excessive because
	// repeated (Art. 12(5)) needs.
	EarlierRequests int `json:"earlier_requests,omitempty"`
}

// Reading is intake's reading of the message that opened the case: how
// sure it was, the frames that decided (lexicon words, no message text),
// and for a triage case the rights it guessed.
type Reading struct {
	Confidence float64  `json:"confidence"`
	Reasons    []string `json:"reasons,omitempty"`
	Guess      []string `json:"guess,omitempty"`
}

// CaseReceived opens a case: how it came, what it asks, and its dates.
// Cases received before intake recorded its evidence and reading lack them.
type CaseReceived struct {
	Meta
	Channel     string    `json:"channel"`
	Rights      []string  `json:"rights"`
	Uncertain   bool      `json:"uncertain"`
	Evidence    *Evidence `json:"identity_evidence,omitempty"`
	Intake      *Reading  `json:"intake,omitempty"`
	Received    string    `json:"received"`
	LegalDue    string    `json:"legal_due"`
	PromisedDue string    `json:"promised_due"`
	Due         string    `json:"due"`
}

// CaseContinued starts a later run of a case that continued as new.
type CaseContinued struct {
	Meta
	Run   int    `json:"run"`
	Stage string `json:"stage"`
}

// CaseClassified names the rights of a triage case, beside intake's guess.
type CaseClassified struct {
	Meta
	Rights           []string `json:"rights"`
	IntakeGuess      []string `json:"intake_guess,omitempty"`
	IntakeConfidence float64  `json:"intake_confidence,omitempty"`
}

// CaseNotARequest closes a triage case that asked for no right.
type CaseNotARequest struct {
	Meta
	IntakeGuess      []string `json:"intake_guess,omitempty"`
	IntakeConfidence float64  `json:"intake_confidence,omitempty"`
}

// CaseAssigned names who handles the case.
type CaseAssigned struct {
	Meta
	Assignee string `json:"assignee"`
}

// CaseNote is a staff note.
type CaseNote struct {
	Meta
	Text string `json:"text" audit:"personal"`
}

// CaseWithdrawn closes a case the person withdrew, in the stage it was in.
type CaseWithdrawn struct {
	Meta
	Reason string `json:"reason" audit:"personal"`
	Stage  string `json:"stage"`
}

// CaseClosed ends a case: its outcome, and whether it was answered in time.
type CaseClosed struct {
	Meta
	Outcome          string `json:"outcome"`
	Due              string `json:"due"`
	ClosedOn         string `json:"closed_on"`
	PausedDays       int    `json:"paused_days"`
	Extended         bool   `json:"extended"`
	OnTime           bool   `json:"on_time"`
	WithinLegalLimit bool   `json:"within_legal_limit"`
}

// IdentityVerified is the identity decision "verified", by a method.
type IdentityVerified struct {
	Meta
	Method string `json:"method"`
	// Override is why staff verified by a method the evidence contradicts.
	Override string `json:"override,omitempty" audit:"personal"`
	// Subject is the identifier verified when the identifiers given name
	// different people: "personnummer" or "email".
	Subject string `json:"subject,omitempty"`
}

// IdentityUnverified is the identity decision "not verified".
type IdentityUnverified struct {
	Meta
	Method string `json:"method"`
}

// ComplementRequested asks the person for proof of identity.
type ComplementRequested struct{ Meta }

// ClarificationRequested asks the person to say more before a decision.
type ClarificationRequested struct{ Meta }

// FeeRequested: the person is warned that the request, manifestly
// excessive because repeated, carries a fee (Art. 12(5)), with the
// evidence; the case waits for them to accept it.
type FeeRequested struct {
	Meta
	Fee             int    `json:"fee"`
	Ground          string `json:"ground" audit:"personal"`
	Justification   string `json:"justification" audit:"personal"`
	EarlierRequests int    `json:"earlier_requests"`
}

// FeeAccepted: the person accepted the fee asked; the request is handled.
type FeeAccepted struct {
	Meta
	Fee int `json:"fee"`
}

// ComplementReceived: the person sent what was asked.
type ComplementReceived struct{ Meta }

// CopiesDeleted records ID-document copies deleted, and ids staff named
// that are no attachments of the case.
type CopiesDeleted struct {
	Meta
	Count          int     `json:"count"`
	Reason         string  `json:"reason"`
	NotAttachments []int64 `json:"not_attachments_of_the_case,omitempty"`
}

// CopiesNotDeleted records that deleting ID copies failed.
type CopiesNotDeleted struct {
	Meta
	Reason string `json:"reason"`
	Error  string `json:"error"`
}

// ComplementTimedOut: the person did not answer in time.
type ComplementTimedOut struct {
	Meta
	WaitedUntil string `json:"waited_until"`
}

// ClockPaused stops the clock while the case waits for the person.
type ClockPaused struct {
	Meta
	Since     string `json:"since"`
	FromStage string `json:"from_stage"`
}

// ClockResumed starts it again, the due date moved by the days paused.
type ClockResumed struct {
	Meta
	PausedDays      int    `json:"paused_days"`
	TotalPausedDays int    `json:"total_paused_days"`
	Due             string `json:"due"`
}

// DeadlineExtended extends the time limit once, with the reasons.
type DeadlineExtended struct {
	Meta
	Reason string `json:"reason" audit:"personal"`
	Due    string `json:"due"`
}

// Deadline is what a clock event says: the date it is about, the due date
// and the stage then.
type Deadline struct {
	Meta
	Date     string `json:"date"`
	Due      string `json:"due"`
	Stage    string `json:"stage"`
	Severity string `json:"severity,omitempty"`
}

// Reminder is a reminder to staff ahead of the due date.
type Reminder struct{ Deadline }

// PromiseMissed: the date Harmoniq promised passed unanswered.
type PromiseMissed struct{ Deadline }

// LegalMissed: the legal date passed unanswered, a breach of Art. 12(3).
type LegalMissed struct{ Deadline }

// Decision is a staff decision on one right; its action names its outcome.
type Decision struct {
	Meta
	Right         string `json:"right"`
	Outcome       string `json:"outcome"`
	Ground        string `json:"ground,omitempty" audit:"personal"`
	Justification string `json:"justification,omitempty" audit:"personal"`
	// What a partly approved decision covers: systems and categories of
	// the record of processing.
	ScopeSystems    []string `json:"scope_systems,omitempty"`
	ScopeCategories []string `json:"scope_categories,omitempty"`
	ScopeExcept     []string `json:"scope_except,omitempty"`
	// EarlierRequests is the evidence a refusal as manifestly excessive
	// rests on: the person's requests within the repeat window.
	EarlierRequests int `json:"earlier_requests,omitempty"`
}

func (d Decision) check(action string) error {
	if action != d.Action() {
		return fmt.Errorf("the outcome %q does not match the action", d.Outcome)
	}
	return nil
}

// SignalRejected is a staff input that changed nothing, and why.
type SignalRejected struct {
	Meta
	Signal string `json:"signal"`
	Reason string `json:"reason"`
	Stage  string `json:"stage"`
}

// RejectionsSuppressed counts the rejections of an hour past those
// recorded one by one.
type RejectionsSuppressed struct {
	Meta
	Count int    `json:"count"`
	Hour  string `json:"hour"`
}

// LetterSent is a letter rendered, stored and filed; GlyphsReplaced counts
// characters the fonts could not draw as written.
type LetterSent struct {
	Meta
	Kind           string `json:"kind"`
	File           string `json:"file"`
	SHA256         string `json:"sha256"`
	GlyphsReplaced int    `json:"glyphs_replaced,omitempty"`
	// Route is how it went: "post" (into the print queue) or "email";
	// letters recorded before routes were recorded lack it.
	Route string `json:"route,omitempty"`
	// MessageID and Relay are, for an e-mail, its Message-ID and what the
	// relay answered when it accepted it.
	MessageID string `json:"message_id,omitempty"`
	Relay     string `json:"relay,omitempty"`
}

// LetterFailed is a letter that could not be sent.
type LetterFailed struct {
	Meta
	Kind  string `json:"kind"`
	Error string `json:"error"`
}

// LetterPosted is a letter the post room sent in a batch.
type LetterPosted struct {
	Meta
	Kind   string `json:"kind"`
	SHA256 string `json:"sha256"`
	Batch  string `json:"batch"`
}

// Change is one field changed by rectification, before and after.
type Change struct {
	System string `json:"system"`
	Field  string `json:"field"`
	Old    string `json:"old" audit:"personal"`
	New    string `json:"new" audit:"personal"`
}

// FulfilmentDone is an approved right carried out: what each system did,
// the changes (Art. 16 evidence) and the recipients notified (Art. 19).
type FulfilmentDone struct {
	Meta
	Right              string            `json:"right"`
	Systems            map[string]string `json:"systems"`
	Changes            []Change          `json:"changes,omitempty"`
	RecipientsNotified []string          `json:"recipients_notified,omitempty"`
	// RecipientsNotNotified are the recipients no Art. 19 notice reached,
	// each with the reason.
	RecipientsNotNotified []string `json:"recipients_not_notified,omitempty"`
}

// FulfilmentFailed is a right that could not be carried out.
type FulfilmentFailed struct {
	Meta
	Right string `json:"right"`
	Error string `json:"error"`
}

// TasksOpened are what a right asks of staff by hand in systems the
// engine does not reach; the case waits for each to be confirmed.
type TasksOpened struct {
	Meta
	Right string `json:"right"`
	Tasks []Task `json:"tasks"`
}

// Task is one system's task.
type Task struct {
	System string `json:"system"`
	What   string `json:"what" audit:"personal"`
}

// TaskDone is staff's word that they carried out a task, and what they
// did.
type TaskDone struct {
	Meta
	Right  string `json:"right"`
	System string `json:"system"`
	Done   string `json:"done" audit:"personal"`
}

// NotificationSent is a notice to the privacy team.
type NotificationSent struct {
	Meta
	Kind string `json:"kind"`
}

// NotificationFailed is a notice that could not go out.
type NotificationFailed struct {
	Meta
	Kind  string `json:"kind"`
	Error string `json:"error"`
}

// RequesterCorrected names the fields of the requester corrected (the
// values are in the case record, not the trail).
type RequesterCorrected struct {
	Meta
	Fields []string `json:"fields"`
}

// RequesterNotCorrected is a correction that failed.
type RequesterNotCorrected struct {
	Meta
	Fields []string `json:"fields"`
	Error  string   `json:"error"`
}

// RestrictionNotified is the Art. 18(3) notice sent before a lift.
type RestrictionNotified struct {
	Meta
	Reason string `json:"reason" audit:"personal"`
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	// LiftOn is the day the notice says the restriction is lifted; notices
	// from before the lift waited for it have none.
	LiftOn string `json:"lift_on,omitempty"`
}

// RestrictionLifted is a restriction lifted, per system.
type RestrictionLifted struct {
	Meta
	Systems map[string]string `json:"systems"`
}

// Caller is one staff input as Temporal recorded its caller.
type Caller struct {
	Time      string `json:"time"`
	Kind      string `json:"kind"`
	Name      string `json:"name"`
	Identity  string `json:"identity"`
	Principal string `json:"principal,omitempty"`
}

// Callers records, at closure, the caller of every staff input.
type Callers struct {
	Meta
	Inputs []Caller `json:"inputs"`
}

// RetentionErased is data erasure kept, erased when its retention ended.
type RetentionErased struct {
	Meta
	System   string         `json:"system"`
	Category string         `json:"category"`
	DueOn    string         `json:"due_on"`
	Erased   map[string]int `json:"erased"`
}

// CaseRecordsErased is a closed case's letters, mails, fulfilment results
// and the case record's data about the person, erased when the record of
// processing's retention ran out: counts and the rule, nothing about whom.
type CaseRecordsErased struct {
	Meta
	Letters    int    `json:"letters"`
	Mails      int    `json:"mails"`
	Fulfilment int    `json:"fulfilment_results"`
	Files      int    `json:"files"`
	Rule       string `json:"rule"`
	// AuditKeyErased: the case's key went too, and the personal text the
	// trail sealed with it (notes, grounds, corrected values) no longer
	// opens; the chain verifies as before.
	AuditKeyErased bool `json:"audit_key_erased,omitempty"`
}

// MessageErased is a stored message erased when its retention ended.
type MessageErased struct {
	Meta
	SHA256 string `json:"sha256"`
	Rule   string `json:"rule"`
}

// MessageRead is a staff read of a case's stored message.
type MessageRead struct {
	Meta
	Message int64  `json:"message"`
	Purpose string `json:"purpose"`
}

// AttachmentRead is a staff read of a case's attachment.
type AttachmentRead struct {
	Meta
	Attachment int64 `json:"attachment"`
	IDDocument bool  `json:"id_document"`
}

// ReplyAfterClosure is a message that answered a case already closed.
type ReplyAfterClosure struct {
	Meta
	Message  int64  `json:"message"`
	Received string `json:"received"`
}

func (CaseReceived) Action() string           { return ActCaseReceived }
func (CaseContinued) Action() string          { return ActCaseContinued }
func (CaseClassified) Action() string         { return ActCaseClassified }
func (CaseNotARequest) Action() string        { return ActCaseNotARequest }
func (CaseAssigned) Action() string           { return ActCaseAssigned }
func (CaseNote) Action() string               { return ActCaseNote }
func (CaseWithdrawn) Action() string          { return ActCaseWithdrawn }
func (CaseClosed) Action() string             { return ActCaseClosed }
func (IdentityVerified) Action() string       { return ActIdentityVerified }
func (IdentityUnverified) Action() string     { return ActIdentityUnverified }
func (ComplementRequested) Action() string    { return ActComplementRequested }
func (ClarificationRequested) Action() string { return ActClarificationAsked }
func (FeeRequested) Action() string           { return ActFeeRequested }
func (FeeAccepted) Action() string            { return ActFeeAccepted }
func (ComplementReceived) Action() string     { return ActComplementReceived }
func (CopiesDeleted) Action() string          { return ActCopiesDeleted }
func (CopiesNotDeleted) Action() string       { return ActCopiesNotDeleted }
func (ComplementTimedOut) Action() string     { return ActComplementTimedOut }
func (ClockPaused) Action() string            { return ActClockPaused }
func (ClockResumed) Action() string           { return ActClockResumed }
func (DeadlineExtended) Action() string       { return ActDeadlineExtended }
func (Reminder) Action() string               { return ActReminder }
func (PromiseMissed) Action() string          { return ActPromiseMissed }
func (LegalMissed) Action() string            { return ActLegalMissed }
func (d Decision) Action() string             { return "decision." + d.Outcome }
func (SignalRejected) Action() string         { return ActSignalRejected }
func (RejectionsSuppressed) Action() string   { return ActRejectionsSuppressed }
func (LetterSent) Action() string             { return ActLetterSent }
func (LetterFailed) Action() string           { return ActLetterFailed }
func (LetterPosted) Action() string           { return ActLetterPosted }
func (FulfilmentDone) Action() string         { return ActFulfilmentDone }
func (FulfilmentFailed) Action() string       { return ActFulfilmentFailed }
func (TasksOpened) Action() string            { return ActTasksOpened }
func (TaskDone) Action() string               { return ActTaskDone }
func (NotificationSent) Action() string       { return ActNotificationSent }
func (NotificationFailed) Action() string     { return ActNotificationFailed }
func (RequesterCorrected) Action() string     { return ActRequesterCorrected }
func (RequesterNotCorrected) Action() string  { return ActRequesterNotCorrected }
func (RestrictionNotified) Action() string    { return ActRestrictionNotified }
func (RestrictionLifted) Action() string      { return ActRestrictionLifted }
func (Callers) Action() string                { return ActCallers }
func (RetentionErased) Action() string        { return ActRetentionErased }
func (MessageErased) Action() string          { return ActMessageErased }
func (CaseRecordsErased) Action() string      { return ActCaseRecordsErased }
func (MessageRead) Action() string            { return ActMessageRead }
func (AttachmentRead) Action() string         { return ActAttachmentRead }
func (ReplyAfterClosure) Action() string      { return ActReplyAfterClosure }
