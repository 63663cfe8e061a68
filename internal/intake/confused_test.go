package intake

import (
	"testing"

	"github.com/harmoniq/dsr/internal/rights"
)

// TestRightsEasilyConfused: the z16- batch's classes, each read as the one
// right asked.
func TestRightsEasilyConfused(t *testing.T) {
	readAs(t, []readCase{
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
		// Harmoniq's offer reported, the person's own wish asked
		{"Re: Ditt ärende 55812", "Ni erbjöd mig att bara avregistrera mig från nyhetsbrevet. Det räcker inte, jag vill att mitt konto och alla mina uppgifter raderas.", []rights.Right{rights.Erasure}},
		{"Re: Your data request", `Your reply says I can "withdraw consent" under My Pages. I don't want to fiddle with settings. I want my account and all my data deleted, please.`, []rights.Right{rights.Erasure}},
		// the newsletter kept by a double negative
		{"anpassad startsida", "jag vill inte avsluta nyhetsbrevet. men jag invander mot att ni anpassar startsidan och produktforslagen efter mina kop.", []rights.Right{rights.Objection}},
		// correct it, and do not use it until then ("until" ends the negation's reach)
		{"Fel adress i kundregistret – använd den inte förrän den är rättad", "Rätta adressen i kundregistret. Tills det är gjort vill jag att ni spärrar den felaktiga adressen och inte använder den till något alls.", []rights.Right{rights.Rectification, rights.Restriction}},
		{"Incorrect date of birth on my account", "My customer record has my date of birth as 12 March 1968. Please correct it. Until it has been corrected, restrict processing of the incorrect date: do not use it for anything in the meantime.", []rights.Right{rights.Rectification, rights.Restriction}},
		// an account unlocked; a portable dryer; a spammer's footer
		{"Mitt konto är spärrat", "Jag skrev fel lösenord för många gånger. Kan ni låsa upp kontot?", nil},
		{"Two product questions", "Do you sell a portable hair dryer that's allowed in hand luggage?", nil},
		{"We can remove your negative reviews", "Our team can remove your negative reviews within 14 days. To unsubscribe from these mails, reply STOP.", nil},
		// a gift card restricted
		{"Presentkort", "Jag vill köpa ett presentkort på 1000 kr. Kan man begränsa det så att det bara kan användas på kliniken i Lund?", nil},
	})
}
