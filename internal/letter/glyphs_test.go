package letter

import (
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestLettersRenderEveryName renders letters to people whose names hold
// emoji, scripts the font lacks, combining marks, a NUL and a bidi
// override: none fails, what could not be drawn is counted, and the rest
// of the name prints as written.
func TestLettersRenderEveryName(t *testing.T) {
	for _, tc := range []struct {
		name      string
		recipient []string
		missing   int
		prints    string
	}{
		{"emoji", []string{"Anna 🌸 Svensson", "Storgatan 12", "722 10 Västerås"}, 1, "Anna Svensson"},
		{"Arabic and Persian", []string{"علي رضایی", "Storgatan 1", "722 10 Västerås"}, 0, ""},
		{"Chinese", []string{"王小明", "Storgatan 1", "722 10 Västerås"}, 3, ""},
		{"combining marks", []string{"Zoe\u0308 Bjo\u0308rk", "Storgatan 1", "722 10 Västerås"}, 0, "Zoë Björk"},
		{"fullwidth", []string{"Sofia Ｎilsson", "Storgatan 1", "722 10 Västerås"}, 0, "Sofia Nilsson"},
		{"control characters", []string{"Anna\x00\x1b[2J Svensson\u202e", "Storgatan 1", "722 10 Västerås"}, 0, "Anna[2J Svensson"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := Letter{CaseNumber: "DSR-2026-000001", Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Recipient: tc.recipient,
				Title: "Bekräftelse för " + tc.recipient[0], Paragraphs: []string{"Hej " + tc.recipient[0] + "!", RowMarker + "namn: " + tc.recipient[0]}, Labels: SwedishLabels}
			fixed, n := Printable(l)
			want := tc.missing * 4 // the name in the window, the title, the greeting, the row
			if n != want {
				t.Errorf("%d characters replaced, want %d", n, want)
			}
			pdf, err := Render(DefaultSender, l)
			if err != nil {
				t.Fatalf("the letter does not render: %v", err)
			}
			text := pdfText(t, pdf)
			if tc.prints != "" && !strings.Contains(text, tc.prints) {
				t.Errorf("the letter does not print %q:\n%s", tc.prints, text)
			}
			if strings.ContainsRune(fixed.Recipient[0], []rune(Missing)[0]) {
				t.Errorf("the address window holds a stand-in: %q", fixed.Recipient[0])
			}
		})
	}
}

func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = strings.NewReader(string(pdf))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
