package letter

import (
	"fmt"
	"strings"
	"time"
)

// systemNames are the systems as a customer knows them.
var systemNames = map[string]string{"webshop": "harmoniq.se", "butik": "Butiksdelen", "behandling": "Behandlingsdelen", "marketing": "Marknadsföring"}

// SystemName returns the name a customer knows a system by.
func SystemName(s string) string {
	if n, ok := systemNames[s]; ok {
		return n
	}
	return s
}

// fulfilmentText is one language's wording of what fulfilment did.
type fulfilmentText struct {
	erasedHead, erasedLine, nothingErased string
	keptHead, keptLine                    string
	rectifiedHead, rectifiedLine          string
	reportHead, reportIntro, reportMeta   string
	reportNone, reportRights              string
	portability                           string
}

var (
	svFulfilment = fulfilmentText{
		erasedHead: "Det här har vi raderat:", erasedLine: "• %s, %s: %d poster", nothingErased: "Vi hittade inga uppgifter om dig att radera.",
		keptHead:      "Det här har vi sparat, eftersom lagen kräver det. Uppgifterna är spärrade och används inte till något annat:",
		keptLine:      "• %s, %s: %d poster. Skäl: %s Sparas till och med %s; därefter raderas de.",
		rectifiedHead: "Det här har vi rättat:", rectifiedLine: "• %s, %s: från ”%s” till ”%s”",
		reportHead:   "Registerutdrag",
		reportIntro:  "Här är alla uppgifter vi har om dig, system för system, och för varje slag av uppgifter varför vi har dem, med vilken rättslig grund, hur länge vi sparar dem, vilka som får ta del av dem och varifrån de kommer. Vi fattar inga beslut om dig som enbart grundas på automatiserad behandling, och vi för inte över dina uppgifter till länder utanför EU/EES.",
		reportMeta:   "Ändamål: %s\nRättslig grund: %s\nLagringstid: %s\nMottagare och personuppgiftsbiträden: %s\nKälla: %s",
		reportNone:   "Vi har inga uppgifter om dig i våra system.",
		reportRights: "Du har rätt att begära rättelse, radering eller begränsning av dina uppgifter, att invända mot behandlingen och att få ut de uppgifter du själv lämnat i ett maskinläsbart format.",
		portability:  "Dina uppgifter finns i filen %s (JSON och CSV med en innehållsförteckning, %d tabeller, %d poster, SHA-256 %s). Vi skickar den till dig på det säkra sätt vi kommit överens om.",
	}
	enFulfilment = fulfilmentText{
		erasedHead: "This is what we erased:", erasedLine: "• %s, %s: %d records", nothingErased: "We found no data about you to erase.",
		keptHead:      "This is what we kept, because the law requires it. The data is restricted and used for nothing else:",
		keptLine:      "• %s, %s: %d records. Reason: %s Kept until %s; then erased.",
		rectifiedHead: "This is what we corrected:", rectifiedLine: "• %s, %s: from “%s” to “%s”",
		reportHead:   "Your data",
		reportIntro:  "Here is all the data we hold about you, system by system, and for each kind of data why we hold it, on what legal basis, for how long, who receives it and where it comes from. We make no decisions about you based solely on automated processing, and we transfer no data outside the EU/EEA.",
		reportMeta:   "Purposes: %s\nLegal basis: %s\nRetention: %s\nRecipients and processors: %s\nSource: %s",
		reportNone:   "We hold no data about you in our systems.",
		reportRights: "You have the right to ask for rectification, erasure or restriction of your data, to object to the processing and to receive the data you provided in a machine-readable format.",
		portability:  "Your data is in the file %s (JSON and CSV with a manifest, %d tables, %d records, SHA-256 %s). We send it to you in the secure way we agreed.",
	}
)

func (w wording) fulfilment(c Content) []string {
	t := svFulfilment
	if c.Language == "en" {
		t = enFulfilment
	}
	out := append([]string{}, c.Confirmed...)
	if c.Erased != nil || c.Kept != nil {
		if len(c.Erased) == 0 && len(c.Kept) == 0 {
			out = append(out, t.nothingErased)
		}
		if len(c.Erased) > 0 {
			lines := []string{t.erasedHead}
			for _, e := range c.Erased {
				lines = append(lines, fmt.Sprintf(t.erasedLine, SystemName(e.System), e.Category, e.Rows))
			}
			out = append(out, strings.Join(lines, "\n"))
		}
		if len(c.Kept) > 0 {
			lines := []string{t.keptHead}
			for _, k := range c.Kept {
				lines = append(lines, fmt.Sprintf(t.keptLine, SystemName(k.System), k.Category, k.Rows, sentence(k.Reason), k.Until.Format(time.DateOnly)))
			}
			out = append(out, strings.Join(lines, "\n"))
		}
	}
	if len(c.Rectified) > 0 {
		lines := []string{t.rectifiedHead}
		for _, r := range c.Rectified {
			lines = append(lines, fmt.Sprintf(t.rectifiedLine, SystemName(r.System), r.Field, r.Old, r.New))
		}
		out = append(out, strings.Join(lines, "\n"))
	}
	if c.Portability != nil {
		p := c.Portability
		out = append(out, fmt.Sprintf(t.portability, p.File, p.Tables, p.Rows, p.SHA256))
	}
	if c.Report != nil {
		out = append(out, HeadingMarker+t.reportHead, t.reportIntro)
		if len(c.Report) == 0 {
			out = append(out, t.reportNone)
		}
		for _, sec := range c.Report {
			out = append(out, SubheadingMarker+SystemName(sec.System)+": "+sec.Category,
				fmt.Sprintf(t.reportMeta, sec.Purposes, sec.LegalBasis, sec.Retention, dash(sec.Recipients), sec.Source))
			for i, row := range sec.Rows {
				var cells []string
				for j, v := range row {
					if v != "" {
						cells = append(cells, sec.Columns[j]+": "+v)
					}
				}
				out = append(out, fmt.Sprintf("%s%d. %s", RowMarker, i+1, strings.Join(cells, "; ")))
			}
		}
		out = append(out, t.reportRights)
	}
	return out
}

// Markers at the start of a paragraph that change how it is set.
const (
	HeadingMarker    = "## "
	SubheadingMarker = "### "
	RowMarker        = "| "
)

func dash(s string) string {
	if strings.Trim(s, "; ") == "" {
		return "–"
	}
	return s
}

var confirmations = map[string]map[string]string{
	"sv": {
		"restriction":        "Vi har begränsat behandlingen av dina uppgifter i våra kundsystem. De sparas, men används inte till något annat förrän begränsningen hävs, och vi meddelar dig innan den hävs.",
		"marketing_optout":   "Vi har stängt av all direktmarknadsföring till dig, via brev, SMS, telefon, e-post, harmoniq.se och HARMONIQ APP, och lagt dig på vår spärrlista så att du inte får marknadsföring igen.",
		"objection":          "Vi har slutat behandla dina uppgifter för direktmarknadsföring, i alla kanaler, och lagt dig på vår spärrlista.",
		"consent_withdrawal": "Vi har tagit emot att du återkallar ditt samtycke. Dina hud-, hår- och makeupanalyser är raderade och marknadsföring som byggde på samtycke är avstängd.",
	},
	"en": {
		"restriction":        "We have restricted the processing of your data in our customer systems. It is stored, but used for nothing else until the restriction is lifted, and we will tell you before it is.",
		"marketing_optout":   "We have turned off all direct marketing to you, by letter, SMS, phone, e-mail, harmoniq.se and the HARMONIQ APP, and put you on our suppression list so you will not receive marketing again.",
		"objection":          "We have stopped processing your data for direct marketing, in every channel, and put you on our suppression list.",
		"consent_withdrawal": "We have received the withdrawal of your consent. Your skin, hair and make-up analyses are erased and marketing based on consent is turned off.",
	},
}

// Confirmation is the sentence that tells the reader a right was carried
// out, for rights whose result needs no list.
func Confirmation(language, right string) string {
	if language != "en" {
		language = "sv"
	}
	return confirmations[language][right]
}
