package intake

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/personnummer"
	"github.com/harmoniq/dsr/internal/rights"
)

// Result is what the engine understood of one message.
type Result struct {
	// IsRequest is set when the message asks for at least one right, or when
	// it is about personal data but the rights are unclear (Uncertain).
	IsRequest bool `json:"is_request"`
	// Uncertain requests go to triage for staff to classify.
	Uncertain bool           `json:"uncertain"`
	Rights    []rights.Right `json:"rights"`
	Language  string         `json:"language"` // "sv" or "en"
	// CaseRef is the case number the message answers, when it names one.
	CaseRef      string                `json:"case_ref,omitempty"`
	Personnummer []personnummer.Number `json:"-"`
}

// rule patterns are matched against lower-cased text with white space folded.
var rules = map[rights.Right][]*regexp.Regexp{
	rights.Access: compile(
		`registerutdrag`, `utdrag (ur|från|av) (era|ert|ditt|erat|ert) ?(register|kundregister|system)`,
		`vilka (person)?uppgifter (ni|harmoniq) (har|behandlar|sparar|lagrar)`,
		`(tillgång|ta del) (till|av) (alla )?mina personuppgifter`, `kopia (på|av) (alla )?mina (person)?uppgifter`,
		`begär(a|er)? ut (alla )?mina (person)?uppgifter`, `artikel 15`,
		`subject access request`, `\bdsar\b`, `right of access`, `copy of (all )?(the )?(my )?personal data`,
		`what personal data (you|harmoniq) (hold|have|process|store)`, `(personal )?data (you|harmoniq) (hold|have) (about|on) me`, `article 15`,
	),
	rights.Rectification: compile(
		`rättelse`, `rätta (mina|min|mitt) (person)?(uppgift|uppgifter|namn|adress)`, `felaktiga (person)?uppgifter`,
		`artikel 16`, `rectif(y|ication)`, `correct (my|the) (personal )?(data|details|information)`, `inaccurate (personal )?data`, `article 16`,
	),
	rights.Erasure: compile(
		`radera(r|s)? (alla )?(mina|min|mitt|all min) (person)?(uppgifter|data|konto|kundkonto|information)`, `radering`,
		`(ta|tar|tas) bort (alla )?(mina|min|all min) (person)?(uppgifter|data|information)`, `(ta|tar) bort mitt (kund)?konto`,
		`bli bortglömd`, `artikel 17`, `delete (all )?(of )?my (personal )?(data|information|details|account)`,
		`\beras(e|ure)\b`, `right to be forgotten`, `article 17`,
	),
	rights.Restriction: compile(
		`begräns(a|ning av|ar) (behandlingen|er behandling|behandling)`, `artikel 18`,
		`restrict(ion of)? (the )?processing`, `article 18`,
	),
	rights.Objection: compile(
		`invänd(er|ning|a)`, `motsätter mig`, `artikel 21`, `\bobject(ion)? to\b`, `article 21`,
	),
	rights.MarketingOptOut: compile(
		`avregistrera mig`, `slut(a|ar) (\pL+ ){0,2}(att )?skicka (\pL+ ){0,2}(reklam|erbjudanden|nyhetsbrev|utskick|sms|e-post|mejl|marknadsföring)`,
		`(inte|inga|aldrig) (längre )?(ha |få )?(mer |fler )?(reklam|erbjudanden|nyhetsbrev|utskick|marknadsföring|direktreklam)`,
		`(avsluta|säga upp) (mitt |min )?(prenumeration på )?nyhetsbrev`, `direktmarknadsföring`,
		`unsubscribe`, `stop sending (me )?(marketing|offers|newsletters|emails|sms)`, `opt(-| )?out`,
		`no (more|longer) (receive )?(marketing|newsletters|offers)`, `direct marketing`,
	),
	rights.ConsentWithdrawal: compile(
		`(återkalla|återkallar|drar tillbaka|dra tillbaka) (mitt |mina |det )?samtycke`, `withdraw(ing)? (my )?consent`,
	),
	rights.Portability: compile(
		`dataportabilitet`, `portabilitet`, `flytta (mina|min) (person)?(uppgifter|data)`, `maskinläsbar`,
		`artikel 20`, `portability`, `machine-readable`, `article 20`, `port my data`,
	),
}

// topical are words that show a message is about personal data without
// saying which right: such a message goes to triage, not to the bin.
var topical = compile(`\bgdpr\b`, `dataskydd`, `personuppgift`, `personal data`, `data protection`, `integritet`, `privacy`)

var caseRef = regexp.MustCompile(`\bDSR-\d{4}-\d{6}\b`)

func compile(patterns ...string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		out[i] = regexp.MustCompile(p)
	}
	return out
}

var space = regexp.MustCompile(`\s+`)

// Classify decides what a message asks for. subject and text are the
// message's subject and body; quoted lines of earlier mail are ignored.
func Classify(subject, text string, now time.Time) Result {
	body := stripQuoted(text)
	norm := space.ReplaceAllString(strings.ToLower(subject+"\n"+body), " ")
	r := Result{Language: language(norm)}
	if m := caseRef.FindString(subject + " " + text); m != "" {
		r.CaseRef = m
	}
	for _, right := range rights.All {
		for _, re := range rules[right] {
			if re.MatchString(norm) {
				r.Rights = append(r.Rights, right)
				break
			}
		}
	}
	// Objecting to direct marketing is the marketing opt-out (Art. 21(2)-(3));
	// keep both only when the person also objects to something else.
	if slices.Contains(r.Rights, rights.Objection) && slices.Contains(r.Rights, rights.MarketingOptOut) && !objectsBeyondMarketing(norm) {
		r.Rights = slices.DeleteFunc(r.Rights, func(x rights.Right) bool { return x == rights.Objection })
	}
	r.Personnummer = personnummer.FindAll(subject+"\n"+text, now)
	switch {
	case len(r.Rights) > 0:
		r.IsRequest = true
	case matchesAny(topical, norm):
		r.IsRequest, r.Uncertain = true, true
	}
	return r
}

func objectsBeyondMarketing(norm string) bool {
	for _, m := range regexp.MustCompile(`(invänd\S*|motsätter mig|object\S*( to)?) [^.!?]{0,80}`).FindAllString(norm, -1) {
		if !strings.Contains(m, "marknadsföring") && !strings.Contains(m, "marketing") && !strings.Contains(m, "reklam") {
			return true
		}
	}
	return false
}

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

var (
	englishWords = regexp.MustCompile(`\b(the|and|my|please|i|you|your|would|like|data|request|with|of)\b`)
	swedishWords = regexp.MustCompile(`\b(och|jag|att|mina|min|mitt|är|vill|inte|på|för|med|ni|er|hej|vänliga)\b`)
)

func language(norm string) string {
	if len(englishWords.FindAllString(norm, -1)) > len(swedishWords.FindAllString(norm, -1)) {
		return "en"
	}
	return "sv"
}

func matchesAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}
