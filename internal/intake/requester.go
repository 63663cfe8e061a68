package intake

import (
	"regexp"
	"strings"
)

// Requester is who asked, as far as the message tells.
type Requester struct {
	Name    string
	Email   string
	Address []string // postal address lines, street first, "NNN NN Ort" last
}

// postcode matches a Swedish postal code and town: "722 09 Västerås".
var postcode = regexp.MustCompile(`^\s*(?:SE-?)?(\d{3}) ?(\d{2})\s+(\p{Lu}[\p{L} -]+?)\s*$`)

// street matches a street line: words then a house number.
var street = regexp.MustCompile(`^\s*(\p{L}[\p{L}. -]+?)\s+(\d+\s?[A-Za-z]?(?:\s?[,/]\s?\S+)?)\s*$`)

// FindRequester takes the sender's name and address from the From header and
// a postal address from the body, when the body writes one as a street line
// followed by a postcode line.
func FindRequester(m *Message) Requester {
	r := Requester{Name: strings.TrimSpace(m.FromName), Email: m.FromAddr}
	lines := strings.Split(stripQuoted(m.Text), "\n")
	for i := 1; i < len(lines); i++ {
		pc := postcode.FindStringSubmatch(lines[i])
		if pc == nil || !street.MatchString(lines[i-1]) {
			continue
		}
		r.Address = []string{strings.TrimSpace(lines[i-1]), pc[1] + " " + pc[2] + " " + strings.TrimSpace(pc[3])}
		if r.Name == "" && i >= 2 && looksLikeName(lines[i-2]) {
			r.Name = strings.TrimSpace(lines[i-2])
		}
		break
	}
	return r
}

var nameLine = regexp.MustCompile(`^\s*\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){1,3}\s*$`)

func looksLikeName(s string) bool { return nameLine.MatchString(s) }

func stripQuoted(text string) string {
	var b strings.Builder
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), ">") {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}
