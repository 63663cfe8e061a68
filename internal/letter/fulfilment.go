package letter

import (
	"strings"
	"text/template"
)

// systemNames are the systems as a customer knows them.
var systemNames = map[string]string{"webshop": "harmoniq.se", "butik": "Butiksdelen", "behandling": "Behandlingsdelen", "marketing": "Marknadsföring"}

// systemNameIn names a system in a letter's language: by its title when
// titles has one (the dataset files'), else the shops' and clinics'
// systems by their own names, marketing in English as such.
func systemNameIn(lang string, titles map[string]string) func(string) string {
	return func(s string) string {
		if t, ok := titles[s]; ok && t != "" {
			return t
		}
		if lang == "en" && s == "marketing" {
			return "Marketing"
		}
		return SystemName(s)
	}
}

// systemsIn lists systems by name: "harmoniq.se, Butiksdelen och
// Behandlingsdelen".
func systemsIn(lang string, titles map[string]string) func(names []string, and string) string {
	return func(names []string, and string) string {
		out := make([]string, len(names))
		for i, n := range names {
			out[i] = systemNameIn(lang, titles)(n)
		}
		return listOf(out, and)
	}
}

// withSystems is tpl naming systems by titles.
func withSystems(tpl *template.Template, lang string, titles map[string]string) (*template.Template, error) {
	c, err := tpl.Clone()
	if err != nil {
		return nil, err
	}
	return c.Funcs(template.FuncMap{"system": systemNameIn(lang, titles), "systems": systemsIn(lang, titles)}), nil
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
