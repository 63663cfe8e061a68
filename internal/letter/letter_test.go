package letter_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/letter/lettertest"
	"github.com/harmoniq/dsr/internal/rights"
)

func TestResponseLetterRendersSwedishText(t *testing.T) {
	r := letter.Content{
		Kind: letter.KindResponse, CaseNumber: "DSR-2026-000042", Received: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), Language: "sv",
		Recipient: []string{"Åsa Öberg", "Storgatan 1", "722 09 Västerås"},
		Decisions: []letter.Decision{{Right: rights.Erasure, Outcome: "approved"}, {Right: rights.Access, Outcome: "refused", Ground: "Begäran är uppenbart ogrundad"}},
	}
	l, err := letter.Compose(r, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := letter.Render(letter.DefaultSender, l)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatal("output is not a PDF")
	}
	text := lettertest.Text(t, pdf)
	for _, want := range []string{"Svar på din begäran", "DSR-2026-000042", "Åsa Öberg", "722 09 Västerås",
		"radering av dina personuppgifter", "Integritetsskyddsmyndigheten", "uppenbart ogrundad", "Sida 1 av 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter text lacks %q; got:\n%s", want, text)
		}
	}
}
