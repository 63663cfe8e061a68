package workflows

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/harmoniq/dsr/internal/rights"
	"go.temporal.io/sdk/converter"
)

// Signal names, as staff see them in the Temporal Web UI's signal list. The
// README documents each payload with an example ready to paste.
const (
	SignalIdentity = "identity"
	SignalDecision = "decision"
	SignalClassify = "classify"
	SignalAssign   = "assign"
	SignalNote     = "note"
	SignalWithdraw = "withdraw"
)

// signalDescriptions are shown next to each signal in the Web UI.
var signalDescriptions = map[string]string{
	SignalIdentity: `Identity check done. {"actor":"anna.k","result":"verified","method":"email_on_record"}; result is verified or unverified.`,
	SignalDecision: `Decision on the request. {"actor":"anna.k","outcome":"approved"}; outcome approved, partly_approved or refused (refused and partly_approved need "ground"); "right" limits it to one right.`,
	SignalClassify: `Say which rights an unclear message asks for. {"actor":"anna.k","rights":["erasure"]}, or {"actor":"anna.k","not_a_request":true}.`,
	SignalAssign:   `Assign the case. {"actor":"anna.k","assignee":"erik.s"}`,
	SignalNote:     `Add a note to the audit trail. {"actor":"anna.k","text":"Called the customer"}`,
	SignalWithdraw: `The person withdrew the request. {"actor":"anna.k","reason":"withdrawn by phone"}`,
}

// signalOrder fixes the order in which the workflow listens, for determinism.
var signalOrder = []string{SignalIdentity, SignalDecision, SignalClassify, SignalAssign, SignalNote, SignalWithdraw}

// Identity results and methods.
const (
	IdentityVerified   = "verified"
	IdentityUnverified = "unverified"
)

var identityMethods = []string{"email_on_record", "id_document", "bankid", "signed_letter", "in_store", "other"}

// Decision outcomes.
const (
	OutcomeApproved       = "approved"
	OutcomePartlyApproved = "partly_approved"
	OutcomeRefused        = "refused"
)

// IdentitySignal is the payload of the identity signal.
type IdentitySignal struct {
	Actor  string `json:"actor"`
	Result string `json:"result"`
	Method string `json:"method"`
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
}

// ClassifySignal is the payload of the classify signal.
type ClassifySignal struct {
	Actor       string   `json:"actor"`
	Rights      []string `json:"rights,omitempty"`
	NotARequest bool     `json:"not_a_request,omitempty"`
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
	if enc := string(p.GetMetadata()[converter.MetadataEncoding]); enc != converter.MetadataEncodingJSON {
		return fmt.Errorf("the payload is encoded as %q; send it as JSON (json/plain)", enc)
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
		return "unknown field " + strings.TrimPrefix(err.Error(), "json: unknown field ")
	}
	return "invalid JSON"
}

func requireActor(actor string) error {
	actor = strings.TrimSpace(actor)
	if actor == "" {
		return errors.New(`"actor" is required: name the staff member who acts`)
	}
	if len(actor) > 100 {
		return errors.New(`"actor" is longer than 100 characters`)
	}
	return nil
}

func (s IdentitySignal) validate() error {
	if err := requireActor(s.Actor); err != nil {
		return err
	}
	if s.Result != IdentityVerified && s.Result != IdentityUnverified {
		return fmt.Errorf(`"result" must be %q or %q`, IdentityVerified, IdentityUnverified)
	}
	if !contains(identityMethods, s.Method) {
		return fmt.Errorf(`"method" must be one of %s`, strings.Join(identityMethods, ", "))
	}
	return nil
}

func (s DecisionSignal) validate(caseRights []rights.Right) error {
	if err := requireActor(s.Actor); err != nil {
		return err
	}
	switch s.Outcome {
	case OutcomeApproved:
	case OutcomePartlyApproved, OutcomeRefused:
		if strings.TrimSpace(s.Ground) == "" {
			return fmt.Errorf(`"ground" is required when the outcome is %s: give the legal reason`, s.Outcome)
		}
		if isManifestlyUnfounded(s.Ground) && strings.TrimSpace(s.Justification) == "" {
			return errors.New(`"justification" is required for a manifestly unfounded or excessive request (Art. 12(5))`)
		}
	default:
		return fmt.Errorf(`"outcome" must be %s, %s or %s`, OutcomeApproved, OutcomePartlyApproved, OutcomeRefused)
	}
	if s.Right != "" {
		r, err := rights.Parse(s.Right)
		if err != nil {
			return fmt.Errorf(`"right": %w`, err)
		}
		if !containsRight(caseRights, r) {
			return fmt.Errorf(`"right": the case does not ask for %s; it asks for %s`, r, strings.Join(rights.Names(caseRights), ", "))
		}
	}
	return nil
}

func isManifestlyUnfounded(ground string) bool {
	g := strings.ToLower(ground)
	return strings.Contains(g, "unfounded") || strings.Contains(g, "excessive") ||
		strings.Contains(g, "ogrundad") || strings.Contains(g, "orimlig") || strings.Contains(g, "12(5)") || strings.Contains(g, "12.5")
}

func (s ClassifySignal) validate() ([]rights.Right, error) {
	if err := requireActor(s.Actor); err != nil {
		return nil, err
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
		if !containsRight(out, r) {
			out = append(out, r)
		}
	}
	return out, nil
}

func (s AssignSignal) validate() error {
	if err := requireActor(s.Actor); err != nil {
		return err
	}
	if a := strings.TrimSpace(s.Assignee); a == "" || len(a) > 100 {
		return errors.New(`"assignee" must name a staff member (at most 100 characters)`)
	}
	return nil
}

func (s NoteSignal) validate() error {
	if err := requireActor(s.Actor); err != nil {
		return err
	}
	if strings.TrimSpace(s.Text) == "" || len(s.Text) > 2000 {
		return errors.New(`"text" must be a note of 1 to 2000 characters`)
	}
	return nil
}

func (s WithdrawSignal) validate() error { return requireActor(s.Actor) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsRight(list []rights.Right, r rights.Right) bool {
	for _, x := range list {
		if x == r {
			return true
		}
	}
	return false
}
