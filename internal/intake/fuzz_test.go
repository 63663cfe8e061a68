package intake

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/personnummer"
)

// FuzzUnderstand feeds arbitrary bytes through parsing and classification.
// Nothing may panic, every personnummer found must be valid, and a message
// read as a request must name rights or be marked uncertain. Inputs the
// fuzzer finds are kept in testdata/fuzz/FuzzUnderstand and run by go test.
func FuzzUnderstand(f *testing.F) {
	files, _ := filepath.Glob("testdata/corpus/*.eml")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("Subject: =?UTF-8?B?////?=\r\n\r\n19900704-2386 radera"))
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := ParseEmail(bytes.NewReader(raw))
		if err != nil {
			return
		}
		// Splitting off attachments may refuse a message (it is then
		// stored whole), never panic; what it keeps reads as the same text.
		var skeleton bytes.Buffer
		if _, err := Split(bytes.NewReader(raw), &skeleton, func(int, Attachment, io.Reader) error { return nil }); err == nil {
			again, err := ParseEmail(bytes.NewReader(skeleton.Bytes()))
			if err != nil {
				t.Fatalf("the skeleton of a readable message does not parse: %v", err)
			}
			if again.Text != m.Text || again.Subject != m.Subject {
				t.Fatalf("the skeleton reads differently: %q / %q, want %q / %q", again.Subject, again.Text, m.Subject, m.Text)
			}
		}
		r := Classify(m, now)
		if r.IsRequest && len(r.Rights) == 0 && !r.Uncertain {
			t.Fatalf("a request with no rights is not marked uncertain")
		}
		for _, n := range r.Personnummer {
			if _, err := personnummer.Parse(n.Digits(), now); err != nil {
				t.Fatalf("invalid personnummer %s found: %v", n.Masked(), err)
			}
		}
		_ = FindRequester(m)
		_ = strings.ToValidUTF8(m.Text, "")
	})
}
