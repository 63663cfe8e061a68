package letter

import "strings"

// systemNames are the systems as a customer knows them.
var systemNames = map[string]string{"webshop": "harmoniq.se", "butik": "Butiksdelen", "behandling": "Behandlingsdelen", "marketing": "Marknadsföring"}

// systemNameIn names a system in a letter's language: the shops' and
// clinics' systems by their own names, marketing in English as such.
func systemNameIn(lang string) func(string) string {
	return func(s string) string {
		if lang == "en" && s == "marketing" {
			return "Marketing"
		}
		return SystemName(s)
	}
}

// SystemName returns the name a customer knows a system by.
func SystemName(s string) string {
	if n, ok := systemNames[s]; ok {
		return n
	}
	return s
}

// Markers at the start of a paragraph that change how it is set.
const (
	HeadingMarker    = "## "
	SubheadingMarker = "### "
	RowMarker        = "| "
)

// PlainText is the letter as the text of an e-mail: the title, then each
// paragraph, the layout markers of headings and table rows taken off.
func (l Letter) PlainText() string {
	var b strings.Builder
	b.WriteString(l.Title)
	b.WriteString("\n")
	for _, p := range l.Paragraphs {
		for _, m := range []string{SubheadingMarker, HeadingMarker, RowMarker} {
			if rest, ok := strings.CutPrefix(p, m); ok {
				p = rest
				break
			}
		}
		b.WriteString("\n")
		b.WriteString(p)
		b.WriteString("\n")
	}
	return b.String()
}
