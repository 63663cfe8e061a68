package letter

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// Missing stands in a letter for a character its fonts cannot draw: an
// emoji in a name, a script DejaVu Sans does not cover. A letter is never
// refused for a name; what was replaced is counted and recorded.
const Missing = "□"

// glyphs tells which characters both of the letter's fonts can draw.
var glyphs = sync.OnceValue(func() func(rune) bool {
	var fonts []*sfnt.Font
	for _, b := range [][]byte{regularFont, boldFont} {
		f, err := sfnt.Parse(b)
		if err != nil {
			panic("letter: embedded font does not parse: " + err.Error())
		}
		fonts = append(fonts, f)
	}
	var mu sync.Mutex
	var buf sfnt.Buffer
	known := map[rune]bool{}
	return func(r rune) bool {
		if r < 0x80 {
			return r >= 0x20 && r < 0x7f
		}
		if r > 0xffff {
			return false // the PDF library draws the Basic Multilingual Plane only
		}
		mu.Lock()
		defer mu.Unlock()
		if ok, seen := known[r]; seen {
			return ok
		}
		ok := true
		for _, f := range fonts {
			if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
				ok = false
				break
			}
		}
		known[r] = ok
		return ok
	}
})

// printable returns s with every character the fonts cannot draw turned
// into one they can: a composed form where there is one ("ﬁ" is "fi"),
// else Missing; and how many characters had no form. Control characters
// go, and in a line of the address window unknown characters go too, so
// the post reads only what is there.
func printable(s string, inWindow bool) (string, int) {
	can := glyphs()
	s = norm.NFC.String(s) // "Zoe\u0308" is "Zoë", one glyph
	clean := true
	for _, r := range s {
		if r == '\n' || !can(r) {
			clean = false
			break
		}
	}
	if clean {
		return s, 0
	}
	var b strings.Builder
	replaced := 0
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			b.WriteByte(' ')
		case can(r):
			b.WriteRune(r)
		case unicode.IsControl(r) || r == utf8.RuneError || unicode.Is(unicode.Mn, r) || r == 0x200d || r == 0xfe0f:
			// nothing to draw: a control, a joiner, a variation selector
		default:
			if alt := norm.NFKD.String(string(r)); alt != string(r) && drawable(alt, can) {
				b.WriteString(stripMarks(alt, can))
				continue
			}
			replaced++
			if !inWindow {
				b.WriteString(Missing)
			}
		}
	}
	out := b.String()
	if inWindow {
		out = strings.Join(strings.Fields(out), " ")
	}
	return out, replaced
}

// drawable says whether the fonts draw s once its combining marks go.
func drawable(s string, can func(rune) bool) bool {
	for _, r := range s {
		if !can(r) && !unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	return true
}

func stripMarks(s string, can func(rune) bool) string {
	var b strings.Builder
	for _, r := range s {
		if can(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Printable returns the letter with every character its fonts cannot draw
// replaced, and how many were: Render draws it so, and the letter's record
// says how many characters a reader will not see as written.
func Printable(l Letter) (Letter, int) {
	total := 0
	fix := func(s string, window bool) string {
		out, n := printable(s, window)
		total += n
		return out
	}
	out := l
	out.Recipient = make([]string, len(l.Recipient))
	for i, line := range l.Recipient {
		out.Recipient[i] = fix(line, true)
	}
	out.Title = fix(l.Title, false)
	out.Paragraphs = make([]string, len(l.Paragraphs))
	for i, p := range l.Paragraphs {
		// keep a paragraph's marker and its line breaks
		lines := strings.Split(p, "\n")
		for j := range lines {
			lines[j] = fix(lines[j], false)
		}
		out.Paragraphs[i] = strings.Join(lines, "\n")
	}
	out.CaseNumber = fix(l.CaseNumber, false)
	return out, total
}
