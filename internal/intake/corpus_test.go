package intake

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/rights"
)

// want is the expected reading of one corpus message (NAME.want.json beside
// NAME.eml).
type want struct {
	IsRequest     bool           `json:"is_request"`
	Uncertain     bool           `json:"uncertain"`
	Rights        []rights.Right `json:"rights"`
	Language      string         `json:"language"`
	Personnummer  string         `json:"personnummer"`
	Sender        string         `json:"sender"`
	IDAttachments int            `json:"id_attachments"`
}

func TestCorpusMessagesAreUnderstood(t *testing.T) {
	files, err := filepath.Glob("testdata/corpus/*.eml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".eml")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			wb, err := os.ReadFile(strings.TrimSuffix(f, ".eml") + ".want.json")
			if err != nil {
				t.Fatalf("no expected result: %v", err)
			}
			var w want
			if err := json.Unmarshal(wb, &w); err != nil {
				t.Fatal(err)
			}
			m, err := ParseEmail(bytes.NewReader(raw))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			got := Classify(m, now)
			if got.IsRequest != w.IsRequest || got.Uncertain != w.Uncertain {
				t.Errorf("is_request=%v uncertain=%v, want %v %v", got.IsRequest, got.Uncertain, w.IsRequest, w.Uncertain)
			}
			if w.IsRequest && strings.Join(rights.Names(got.Rights), ",") != strings.Join(rights.Names(w.Rights), ",") {
				t.Errorf("rights = %v, want %v", got.Rights, w.Rights)
			}
			if got.Language != w.Language {
				t.Errorf("language = %s, want %s", got.Language, w.Language)
			}
			var pnr string
			if len(got.Personnummer) > 0 {
				pnr = got.Personnummer[0].Masked()
			}
			if pnr != w.Personnummer {
				t.Errorf("personnummer = %q, want %q", pnr, w.Personnummer)
			}
			if w.Sender != "" && m.FromAddr != w.Sender {
				t.Errorf("sender = %q, want %q", m.FromAddr, w.Sender)
			}
			ids := 0
			for _, a := range m.Attachments {
				if a.IDDocument {
					ids++
				}
			}
			if ids != w.IDAttachments {
				t.Errorf("%d ID attachments flagged, want %d", ids, w.IDAttachments)
			}
		})
	}
}

func TestRequesterAddressIsFoundInTheSignature(t *testing.T) {
	m := &Message{FromName: "Anna Svensson", FromAddr: "anna@example.se", Text: "Hej\n\nAnna Svensson\nStorgatan 12\n722 10 Västerås\n"}
	r := FindRequester(m)
	if strings.Join(r.Address, "|") != "Storgatan 12|722 10 Västerås" {
		t.Errorf("address = %q", r.Address)
	}
}
