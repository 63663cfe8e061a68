package intake

import (
	"slices"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/rights"
)

// TestRightsEasilyConfused: the z16- batch's classes, each read as the one
// right asked.
func TestRightsEasilyConfused(t *testing.T) {
	for _, c := range []struct {
		subject, text string
		want          []rights.Right
	}{
		// Harmoniq's words reported; the person asks to freeze
		{"Re: Your club account will be deleted due to inactivity", "You wrote that my club account will be deleted because it has been inactive. Please don't do that. I don't want you to process my data at all: please freeze it until the dispute is settled.", []rights.Right{rights.Restriction}},
		// "such processing" after direct marketing is that marketing
		{"Invändning enligt artikel 21.2 GDPR", "Härmed gör jag invändning enligt artikel 21.2 mot att mina personuppgifter behandlas för direktmarknadsföring. Jag förutsätter att ni upphör med all sådan behandling omgående.", []rights.Right{rights.MarketingOptOut}},
		// the newsletter kept
		{"Profilointi", "Vastustan sitä, että profiloitte ostohistoriaani henkilökohtaisten tuotesuositusten tekemiseksi. Uutiskirje saa tulla edelleen, sitä en halua lopettaa.", []rights.Right{rights.Objection}},
		{"Objection to profiling", "I object to the profiling you do to personalise the product recommendations. This is not an unsubscribe request, please leave my newsletter subscription as it is.", []rights.Right{rights.Objection}},
		// a consent to marketing named the sentence before
		{"SMS-erbjudanden", "När jag gick med i kundklubben kryssade jag i att jag ville få SMS-erbjudanden. Det samtycket drar jag tillbaka nu.", []rights.Right{rights.MarketingOptOut}},
		// the whole account asked for besides a withdrawal
		{"Samtykke og konto", "Jeg trækker mit samtykke til hudanalysen tilbage. Slet desuden hele min konto og alle mine oplysninger.", []rights.Right{rights.Erasure, rights.ConsentWithdrawal}},
		// a polite question to see one's records
		{"My treatment records", "Could I see what is written in my treatment records and my skin analyses? I just want to read them.", []rights.Right{rights.Access}},
		// "under tiden" is until then
		{"Håranalysen", "Resultatet från min håranalys stämmer inte. Jag vill inte att ni tar bort analysen, den ska finnas kvar tills frågan är utredd. Men under tiden får den inte användas till någonting.", []rights.Right{rights.Restriction}},
		// a move told as the reason to leave
		{"Kundeklub", "Jeg vil gerne helt ud af jeres kundeklub og have alle mine oplysninger fjernet. Jeg har ikke handlet hos jer siden jeg flyttede tilbage til Aarhus, og I skal ikke ligge inde med mit navn og min adresse.", []rights.Right{rights.Erasure}},
		// an erasure taken back above the earlier mail; "bara se vad ni har" keeps nothing
		{"Sv: Radera mina uppgifter", "Jag ångrar mig, radera inte mina uppgifter. Jag vill bara se vad ni har om mig – skicka ett registerutdrag i stället.\n\n> Radera mina uppgifter, tack.", []rights.Right{rights.Access}},
		// don't delete, but don't use
		{"Reklamaatio", "Reklamaationi on vielä kesken. Älkää poistako tietojani, mutta älkää myöskään käyttäkö niitä mihinkään muuhun ennen kuin asia on ratkaistu.", []rights.Right{rights.Restriction}},
		// a gift card restricted
		{"Presentkort", "Jag vill köpa ett presentkort på 1000 kr. Kan man begränsa det så att det bara kan användas på kliniken i Lund?", nil},
	} {
		r := classifyMessage(&Message{Subject: c.subject, Text: c.text}, time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC), nil)
		if !slices.Equal(r.Rights, c.want) {
			t.Errorf("%q: rights %v, want %v (%+v)", c.text, r.Rights, c.want, r.Reasons)
		}
	}
}
