package clean

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLineDropsWhatAFieldMustNotHold(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"NUL and escape", "anna\x00k\x1b[31m", "annak[31m"},
		{"invalid UTF-8", "Åsa \xff\xfeÖberg", "Åsa Öberg"},
		{"line breaks fold", "Anna\r\n  Svensson\t", "Anna Svensson"},
		{"C1 and DEL", "a\u0085b\x7fc\u009bd", "a bcd"},
		{"bidi override", "invoice\u202egnp.exe", "invoicegnp.exe"},
		{"emoji and RTL letters stay", "Ali 😀 علي", "Ali 😀 علي"},
		{"clean text unchanged", "Nils Ahl", "Nils Ahl"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Line(tc.in, 100); got != tc.want {
				t.Errorf("Line(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestLineIsCutAtACharacterBoundary(t *testing.T) {
	s := strings.Repeat("ö", 10) // 20 bytes
	got := Line(s, 7)
	if !utf8.ValidString(got) || len(got) > 7 || got != "ööö" {
		t.Errorf("Line(…, 7) = %q", got)
	}
	if got := Line(strings.Repeat("x", 6000), 255); len(got) != 255 {
		t.Errorf("a 6000-byte line is cut to %d bytes, want 255", len(got))
	}
}

func TestTextKeepsLines(t *testing.T) {
	if got := Text("rad ett\r\nrad\x00 två\n\tsista", 100); got != "rad ett\nrad två\n\tsista" {
		t.Errorf("Text = %q", got)
	}
}

func TestFilenameIsNeverAPath(t *testing.T) {
	for in, want := range map[string]string{
		"../../etc/passwd":    "etc_passwd",
		"..\\..\\boot.ini":    "boot.ini",
		".hidden":             "hidden",
		"pass\x00.jpg":        "pass.jpg",
		"körkort.png":         "körkort.png",
		"C:\\Users\\a\\x.pdf": "C__Users_a_x.pdf",
	} {
		if got := Filename(in); got != want {
			t.Errorf("Filename(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHasControl(t *testing.T) {
	if !HasControl("anna\x00k") || !HasControl("a\nb") || HasControl("Anna Svensson") || HasControlText("rad\nrad") || !HasControlText("\x1b") {
		t.Error("HasControl misjudges")
	}
}
