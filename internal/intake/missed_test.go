package intake

import (
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/rights"
)

// TestRequestsEasilyMissed: the ways of asking the z15- batch found
// missed or read short.
func TestRequestsEasilyMissed(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	readAs(t, []readCase{
		// "it" is the account the sentence before spoke of
		{"konto / account", "Hej! I'm moving back to London och behöver inte mitt konto längre. Please delete it, och sluta skicka nyhetsbrevet också.", []rights.Right{rights.Erasure, rights.MarketingOptOut}},
		// messages refused with no verb
		{"Nej tack", "Jag vill inte ha nåt mer med er att göra. Inga mejl, inga sms – och ta bort mitt konto och mitt klubbmedlemskap.", []rights.Right{rights.Erasure, rights.MarketingOptOut}},
		{"Inget SMS om upphämtning", "Jag valde att hämta i butiken men har inte fått något SMS om att paketet är klart. Har det kommit?", nil},
		// the results of what a withdrawn consent covered
		{"Håranalysen", "Jeg trekker tilbake samtykket jeg ga til håranalysen i butikken deres. Dere kan slette resultatene.", []rights.Right{rights.ConsentWithdrawal}},
		// a consent taken back as "it"
		{"Photos from my treatment", "I never really agreed to those photos being kept. Whatever box I ticked back then, I'm taking it back – please delete the photos.", []rights.Right{rights.ConsentWithdrawal}},
		// "nollställ" is erase
		{"nollställ", "Kan ni nollställa allt ni har om mig? Så att det inte finns något kvar i era system.", []rights.Right{rights.Erasure}},
	})
	// A copy of an ID card and a few words, the personnummer mistyped (it
	// fails the check digit): a triage case.
	m := &Message{Subject: "ID", Text: "19840612-2387\n\nsom vi pratade om i telefon\n\n/Maria", Attachments: []Attachment{{Filename: "id-kort.jpg", ContentType: "image/jpeg", IDDocument: true}}}
	if r := classifyMessage(m, now, nil); !r.IsRequest || len(r.Rights) != 0 {
		t.Errorf("an ID copy with a few words: request %v, rights %v; want a triage case", r.IsRequest, r.Rights)
	}
	// A Norwegian fødselsnummer and a driving licence said to be attached.
	no := &Message{Subject: "Fødselsnummer og legitimasjon", Text: "Hei\n\nHer er fødselsnummeret mitt: 01019012345. Kopi av førerkortet ligger vedlagt.\n\nRandi"}
	if r := classifyMessage(no, now, nil); !r.IsRequest || len(r.Rights) != 0 {
		t.Errorf("a fødselsnummer and an ID said to be attached: request %v, rights %v; want a triage case", r.IsRequest, r.Rights)
	}
	m.Attachments = nil
	if r := classifyMessage(m, now, nil); r.IsRequest {
		t.Errorf("the same words with no ID copy and no valid personnummer read as a request: %+v", r.Reasons)
	}
}
