// Package clean bounds and cleans text that comes from outside, mail
// headers, file names, scan sidecars and staff inputs, before it reaches an
// index, a query, a workflow history or a font: valid UTF-8, no control
// characters, and never longer than its field allows. It holds plain
// functions only, so workflow code may use it.
package clean

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line returns s as one line of at most max bytes: invalid UTF-8 and
// control characters (NUL, escape, C1 controls, DEL) replaced by nothing,
// line breaks and tabs by a space, runs of white space folded, cut at a
// character boundary.
func Line(s string, max int) string { return cleanText(s, max, false) }

// Text is Line for text of several lines: line breaks and tabs are kept.
func Text(s string, max int) string { return cleanText(s, max, true) }

func cleanText(s string, max int, multiline bool) string {
	if max <= 0 {
		return ""
	}
	if isClean(s, multiline) && len(s) <= max {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(min(len(s), max))
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			continue // not UTF-8
		case multiline && (r == '\n' || r == '\t'):
		case r == '\r' && multiline:
			continue
		case unicode.IsSpace(r):
			if space || b.Len() == 0 {
				continue
			}
			r, space = ' ', true
		case isControl(r):
			continue
		default:
			space = false
		}
		if r != ' ' {
			space = false
		}
		if b.Len()+utf8.RuneLen(r) > max {
			break
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// isClean says whether s needs no cleaning, checked without allocating.
func isClean(s string, multiline bool) bool {
	prevSpace := false
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			return false
		case r == '\n' || r == '\t':
			if !multiline {
				return false
			}
		case isControl(r):
			return false
		case r == ' ':
			if prevSpace && !multiline {
				return false
			}
			prevSpace = true
			continue
		}
		prevSpace = false
	}
	return true
}

// isControl says whether r is a control character: C0 (NUL, escape…),
// DEL, C1, and the format characters that reorder text (bidirectional
// overrides and isolates, which make "gnp.exe" read as "exe.png").
func isControl(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0xfeff:
		return true
	}
	return false
}

// HasControl says whether s holds a control character or invalid UTF-8,
// line breaks and tabs included: what a field of one line must not.
func HasControl(s string) bool { return !isClean(s, false) || strings.ContainsAny(s, "\n\t") }

// HasControlText is HasControl for text of several lines: line breaks and
// tabs are allowed.
func HasControlText(s string) bool { return !isClean(s, true) }

// Filename returns a file name safe to store and to show: a Line of at
// most 255 bytes without path separators, and not starting with a dot, so
// that "../../etc/passwd" is "etc_passwd" and never a path.
func Filename(s string) string {
	s = Line(s, 255)
	s = strings.NewReplacer("/", "_", "\\", "_", ":", "_").Replace(s)
	s = strings.TrimLeft(s, ". _")
	return s
}

// Runes counts the characters of s.
func Runes(s string) int { return utf8.RuneCountInString(s) }

// Echo returns s quoted, to name in an error what a caller sent, when it
// is short and printable; otherwise only how long it was. A rejection never
// repeats a megabyte, a control character or a person's text at length.
func Echo(s string) string {
	if len(s) <= 40 && !HasControl(s) {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("(a value of %d characters)", utf8.RuneCountInString(s))
}
