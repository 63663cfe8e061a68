package workflows

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/clean"
	"go.temporal.io/sdk/converter"
)

// Signal names, as staff see them in the Temporal Web UI's signal list. The
// same operations are offered as updates under the same names, for callers
// that want an error back. The README documents each payload.
const (
	SignalClassify   = "classify"
	SignalIdentity   = "identity"
	SignalComplement = "complement-received"
	SignalDecision   = "decision"
	SignalExtend     = "extend"
	SignalAssign     = "assign"
	SignalNote       = "note"
	SignalWithdraw   = "withdraw"
	SignalRequester  = "requester"
	// SignalShowMessage shows staff the case's messages on its card; the
	// read is recorded in the audit trail.
	SignalShowMessage = "show-message"
)

// signalDescriptions are shown next to each signal in the Web UI.
var signalDescriptions = map[string]string{
	SignalClassify:    `Say which rights an unclear message asks for. {"actor":"anna.k","rights":["erasure"]} or {"actor":"anna.k","not_a_request":true}`,
	SignalIdentity:    `Identity check. {"actor":"anna.k","result":"verified","method":"id_document"}; result verified, unverified, or complement_requested with "requested":"what the person must send" (pauses the clock). "id_copies":[3] names attachments that are ID copies though not flagged; all ID copies are deleted after the decision.`,
	SignalComplement:  `The person sent what was asked for; the clock runs again. {"actor":"anna.k"}`,
	SignalDecision:    `Decision. {"actor":"anna.k","outcome":"approved"}; outcome approved, partly_approved or refused (the last two need "ground"), or clarification_requested with "requested" (pauses the clock); "right" limits it to one right; partly_approved needs "scope": what it covers, {"systems":["behandling"],"categories":["Samtalsanteckningar"]}; approving rectification needs "corrections":[{"field":"street","value":"Nygatan 2"}]; fee, for a repeated request, needs "fee" (kronor), "ground" and "justification", and waits for the person (complement-received when they accept).`,
	SignalExtend:      `Extend the time limit by two months, once, within the first month. {"actor":"anna.k","reason":"many systems to search"}`,
	SignalAssign:      `Assign the case. {"actor":"anna.k","assignee":"erik.s"}`,
	SignalNote:        `Add a note to the audit trail. {"actor":"anna.k","text":"Called the customer"}`,
	SignalWithdraw:    `The person withdrew the request. {"actor":"anna.k","reason":"withdrawn by phone"}`,
	SignalRequester:   `Correct the name or the postal address letters go to (after a letter could not go out, say). {"actor":"anna.k","name":"Anna Svensson","address":["Storgatan 12","722 10 Västerås"]}`,
	SignalTaskDone:    `Confirm a task staff carried out by hand in a system the engine does not reach (shown on the card under Tasks). {"actor":"anna.k","system":"salong","right":"erasure","done":"Deleted the guest card and 3 bookings"}`,
	SignalShowMessage: `Show the person's message and replies on the case card, to you; the read is recorded in the audit trail, and the text goes from the card when the case moves on. {"actor":"anna.k"}`,
}

// signalOrder fixes the order in which the workflow listens, for determinism.
var signalOrder = []string{SignalClassify, SignalIdentity, SignalComplement, SignalDecision, SignalExtend, SignalAssign, SignalNote, SignalWithdraw, SignalRequester, SignalShowMessage, SignalTaskDone}

// Identity results.
const (
	IdentityVerified            = "verified"
	IdentityUnverified          = "unverified"
	IdentityComplementRequested = "complement_requested"
)

var identityMethods = []string{"email_on_record", "id_document", "bankid", "signed_letter", "in_store", "other"}

// Decision outcomes.
const (
	OutcomeApproved               = "approved"
	OutcomePartlyApproved         = "partly_approved"
	OutcomeRefused                = "refused"
	OutcomeClarificationRequested = "clarification_requested"
	// OutcomeFee warns the person that a manifestly excessive (repeated)
	// request carries a fee, Art. 12(5)(a), and waits, the clock paused,
	// for them to accept it or withdraw.
	OutcomeFee = "fee"
)

// maxFee caps the fee in kronor: Art. 12(5) allows a reasonable fee for
// the administrative costs, no more.
const maxFee = 5000

// IdentitySignal is the payload of the identity signal.
type IdentitySignal struct {
	Actor     string `json:"actor"`
	Result    string `json:"result"`
	Method    string `json:"method,omitempty"`
	Requested string `json:"requested,omitempty"`
	// IDCopies names, by the ids `dsr case attachments` shows, files that
	// are ID-document copies though intake did not flag them; they are
	// deleted with the flagged ones.
	IDCopies []int64 `json:"id_copies,omitempty"`
	// Override is why a verification stands though the evidence
	// contradicts its method (the e-mail address is not on record).
	Override string `json:"override,omitempty"`
	// Subject names the identifier verified, "personnummer" or "email",
	// when the evidence says they name different people: the case then
	// acts on that one person alone.
	Subject string `json:"subject,omitempty"`
}

// DecisionSignal is the payload of the decision signal.
type DecisionSignal struct {
	Actor   string `json:"actor"`
	Right   string `json:"right,omitempty"`
	Outcome string `json:"outcome"`
	Ground  string `json:"ground,omitempty"`
	// Justification is required when the ground is that the request is
	// manifestly unfounded or excessive (Art. 12(5)).
	Justification string `json:"justification,omitempty"`
	// Requested says what clarification the person must give.
	Requested string `json:"requested,omitempty"`
	// Corrections are what an approved rectification changes.
	Corrections []activities.Correction `json:"corrections,omitempty"`
	// Fee is, for the outcome fee, the amount in whole kronor.
	Fee int `json:"fee,omitempty"`
	// Scope is what a partly approved decision covers: systems (webshop,
	// butik, behandling, marketing) and categories of the record of
	// processing; it is required for partly_approved.
	Scope activities.Scope `json:"scope,omitzero"`
}

// ClassifySignal is the payload of the classify signal.
type ClassifySignal struct {
	Actor       string   `json:"actor"`
	Rights      []string `json:"rights,omitempty"`
	NotARequest bool     `json:"not_a_request,omitempty"`
}

// ComplementSignal is the payload of the complement-received signal.
type ComplementSignal struct {
	Actor string `json:"actor"`
	Note  string `json:"note,omitempty"`
}

// ExtendSignal is the payload of the extend signal.
type ExtendSignal struct {
	Actor  string `json:"actor"`
	Reason string `json:"reason"`
}

// AssignSignal is the payload of the assign signal.
type AssignSignal struct {
	Actor    string `json:"actor"`
	Assignee string `json:"assignee"`
}

// NoteSignal is the payload of the note signal.
type NoteSignal struct {
	Actor string `json:"actor"`
	Text  string `json:"text"`
}

// RequesterSignal is the payload of the requester signal: the name and
// postal address the case's letters go to, corrected by staff.
type RequesterSignal struct {
	Actor   string   `json:"actor"`
	Name    string   `json:"name,omitempty"`
	Address []string `json:"address,omitempty"`
}

// ShowMessageSignal is the payload of the show-message signal.
type ShowMessageSignal struct {
	Actor string `json:"actor"`
}

// WithdrawSignal is the payload of the withdraw signal.
type WithdrawSignal struct {
	Actor  string `json:"actor"`
	Reason string `json:"reason"`
}

// decodeSignal reads a signal's payload strictly into v: JSON only, one
// object, no unknown fields. The message names what is wrong without echoing
// the payload, which may hold personal data.
func decodeSignal(raw converter.RawValue, v any) error {
	p := raw.Payload()
	if p == nil || len(p.GetData()) == 0 {
		return errors.New("the signal has no payload; send a JSON object")
	}
	if len(p.GetData()) > maxPayloadBytes {
		return fmt.Errorf("the payload is %d bytes; no input takes more than %d", len(p.GetData()), maxPayloadBytes)
	}
	if enc := string(p.GetMetadata()[converter.MetadataEncoding]); enc != converter.MetadataEncodingJSON {
		return fmt.Errorf("the payload is encoded as %s; send it as JSON (json/plain)", clean.Echo(enc))
	}
	dec := json.NewDecoder(bytes.NewReader(p.GetData()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("the payload is not the expected JSON object: %s", describeJSONError(err))
	}
	if dec.More() {
		return errors.New("the payload has data after the JSON object")
	}
	return nil
}

// describeJSONError keeps the field names of a decoding error and drops any
// value it quotes.
func describeJSONError(err error) string {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		if typeErr.Field == "" {
			return "expected a JSON object"
		}
		return fmt.Sprintf("field %q must be a %s", typeErr.Field, typeErr.Type.Kind())
	case errors.As(err, &syntaxErr):
		return fmt.Sprintf("invalid JSON at byte %d", syntaxErr.Offset)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return "unknown field " + clean.Echo(name) + "; see the signal's description for its fields"
	}
	return "invalid JSON"
}

// Bounds of staff inputs. A field is bounded in characters, holds no
// control character and is valid UTF-8: whatever passes can be recorded in
// the audit trail and printed in a letter.
const (
	// maxPayloadBytes bounds a signal or update payload; none needs more.
	maxPayloadBytes = 64 << 10
	// maxActor bounds the actor's name, and the assignee's.
	maxActor = 100
)

func requireActor(actor string) error {
	actor = strings.TrimSpace(actor)
	if actor == "" {
		return errors.New(`"actor" is required: name the staff member who acts`)
	}
	if utf8.RuneCountInString(actor) > maxActor {
		return fmt.Errorf(`"actor" is longer than %d characters`, maxActor)
	}
	if clean.HasControl(actor) {
		return errors.New(`"actor" holds a control character or invalid UTF-8; write the name as text`)
	}
	return nil
}

// requireText checks a text field of one to max characters; lines says
// whether it may hold line breaks.
func requireText(field, s string, max int) error {
	if t := strings.TrimSpace(s); t == "" || utf8.RuneCountInString(t) > max {
		return fmt.Errorf("%q must be a text of 1 to %d characters", field, max)
	}
	return checkText(field, s, max)
}

// checkText checks an optional text field: at most max characters, and no
// control characters but line breaks and tabs.
func checkText(field, s string, max int) error {
	if utf8.RuneCountInString(s) > max {
		return fmt.Errorf("%q is longer than %d characters", field, max)
	}
	if clean.HasControlText(s) {
		return fmt.Errorf("%q holds a control character or invalid UTF-8", field)
	}
	return nil
}

// isManifestlyExcessive reports whether a ground says the request is
// manifestly excessive, in particular repeated (Art. 12(5)): that needs
// the person's earlier requests as evidence.
func isManifestlyExcessive(ground string) bool {
	g := strings.ToLower(ground)
	for _, w := range []string{"excessive", "repeat", "repetit", "orimlig", "överdriv", "overdriv", "upprep"} {
		if strings.Contains(g, w) {
			return true
		}
	}
	return false
}

func isManifestlyUnfounded(ground string) bool {
	g := strings.ToLower(ground)
	for _, w := range []string{"unfounded", "excessive", "ogrundad", "orimlig", "12(5)", "12.5"} {
		if strings.Contains(g, w) {
			return true
		}
	}
	return false
}

// joinSentences joins two sentences of staff's, the first ended with a
// full stop.
func joinSentences(a, b string) string {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if a != "" && !strings.HasSuffix(a, ".") {
		a += "."
	}
	return strings.TrimSpace(a + " " + b)
}
