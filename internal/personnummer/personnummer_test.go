package personnummer

import (
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func TestParseAcceptsThePublishedTestNumbers(t *testing.T) {
	cases := []struct{ in, digits string }{
		{"19900704-2386", "199007042386"},
		{"201311122384", "201311122384"},
		{"971129-2392", "199711292392"},
		{"930302+9806", "189303029806"},
		{"900477-2381", "199004772381"},
		{" 9007042386 ", "199007042386"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			n, err := Parse(c.in, now)
			if err != nil {
				t.Fatalf("Parse(%q): %v", c.in, err)
			}
			if n.Digits() != c.digits {
				t.Errorf("Digits() = %s, want %s", n.Digits(), c.digits)
			}
		})
	}
}

func TestParseRejectsMalformedNumbers(t *testing.T) {
	for _, in := range []string{"19541011-3606", "19901304-2386", "19900230-2386", "abc", "", "12345", "199007042386-1"} {
		if _, err := Parse(in, now); err == nil {
			t.Errorf("Parse(%q) accepted an invalid number", in)
		}
	}
}

func TestSamordningsnummerIsRecognised(t *testing.T) {
	n, err := Parse("900477-2381", now)
	if err != nil {
		t.Fatal(err)
	}
	if !n.IsCoordination() {
		t.Error("900477-2381 is a samordningsnummer")
	}
}

func TestFindAllPicksValidNumbersOutOfText(t *testing.T) {
	text := "Hej! Mitt personnummer är 19900704-2386, ordernr 123456789012. Fel: 19541011-3606. Igen: 900704-2386."
	got := FindAll(text, now)
	if len(got) != 1 || got[0].Digits() != "199007042386" {
		t.Fatalf("FindAll = %v, want exactly 19900704-2386", got)
	}
}

func TestStringNeverRevealsTheSerial(t *testing.T) {
	n, _ := Parse("19900704-2386", now)
	if s := n.String(); strings.Contains(s, "2386") {
		t.Errorf("String() = %q leaks the serial digits", s)
	}
}
