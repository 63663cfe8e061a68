package event

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryEventInTheCommittedHistoriesDecodes reads every audit event the
// recorded histories of the case workflow hold, from the first version on,
// and decodes each strictly: the types read back what the trail already
// holds, written when events were maps.
func TestEveryEventInTheCommittedHistoriesDecodes(t *testing.T) {
	files, err := filepath.Glob("../../workflows/testdata/histories/*.json")
	if err != nil || len(files) < 20 {
		t.Fatalf("histories: %d, %v", len(files), err)
	}
	seen := map[string]int{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var h struct {
			Events []struct {
				Scheduled *struct {
					ActivityType struct{ Name string } `json:"activityType"`
					Input        struct {
						Payloads []struct{ Data string } `json:"payloads"`
					} `json:"input"`
				} `json:"activityTaskScheduledEventAttributes"`
			} `json:"events"`
		}
		if err := json.Unmarshal(raw, &h); err != nil {
			t.Fatal(err)
		}
		for _, e := range h.Events {
			if e.Scheduled == nil || e.Scheduled.ActivityType.Name != "RecordAudit" {
				continue
			}
			data, _ := base64.StdEncoding.DecodeString(e.Scheduled.Input.Payloads[0].Data)
			var in struct {
				Action  string
				Details json.RawMessage
			}
			if err := json.Unmarshal(data, &in); err != nil {
				t.Fatal(err)
			}
			details := string(in.Details)
			if details == "null" {
				details = "{}" // a map left nil was stored as {}
			}
			if _, err := Decode(in.Action, details); err != nil {
				t.Errorf("%s: %v\n%s", filepath.Base(f), err, details)
			}
			seen[in.Action]++
		}
	}
	if len(seen) < 15 {
		t.Errorf("only %d kinds of events in the histories: %v", len(seen), seen)
	}
	t.Logf("decoded %d kinds of events", len(seen))
}

// TestDecodingIsStrict: a field the type does not know, a required field
// missing, a version from a newer dsr, an action nobody registered, and a
// decision whose outcome is not its action's are errors.
func TestDecodingIsStrict(t *testing.T) {
	for _, tc := range []struct{ name, action, details, want string }{
		{"unknown field", ActCaseNote, `{"text":"x","colour":"red"}`, `unknown field "colour"`},
		{"missing field", ActCaseClosed, `{"outcome":"completed"}`, `missing field "closed_on"`},
		{"newer version", ActCaseNote, `{"v":9,"text":"x"}`, "newer dsr"},
		{"unknown action", "case.teleported", `{}`, "unknown audit action"},
		{"wrong type", ActCaseAssigned, `{"assignee":7}`, "cannot unmarshal"},
		{"decision outcome", "decision.approved", `{"right":"erasure","outcome":"refused"}`, "does not match"},
		{"not an object", ActCaseNote, `[1]`, "not a JSON object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(tc.action, tc.details)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error saying %q", err, tc.want)
			}
		})
	}
}

// TestEveryTypeRoundTrips encodes a zero value of every registered type
// and decodes it back to the same type, with its version.
func TestEveryTypeRoundTrips(t *testing.T) {
	for _, action := range Actions() {
		e := registry[action]()
		if d, ok := e.(*Decision); ok {
			d.Outcome = strings.TrimPrefix(action, "decision.")
		}
		if e.Action() != action {
			t.Errorf("%T says its action is %q, registered as %q", e, e.Action(), action)
			continue
		}
		b, err := Encode(e)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `"v":1`) {
			t.Errorf("%s: encoded without its version: %s", action, b)
		}
		back, err := Decode(action, string(b))
		if err != nil {
			t.Errorf("%s: %v (%s)", action, err, b)
			continue
		}
		if back.Action() != action {
			t.Errorf("%s decoded as %s", action, back.Action())
		}
	}
}
