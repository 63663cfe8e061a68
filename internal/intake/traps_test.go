package intake

import (
	"testing"

	"github.com/harmoniq/dsr/internal/rights"
)

// TestWordsOfARightNotAsked: the precision traps of the z13- batch, where
// the words of a right stand in a message that does not ask for it.
func TestWordsOfARightNotAsked(t *testing.T) {
	readAs(t, []readCase{
		// one's previous message, deleted, is no address on the record
		{"Re: Var är mitt paket?", "Radera mitt förra mejl, jag skrev fel ordernummer. Rätt nummer är 4471-2290.", nil},
		{"Please delete my previous e-mail", "Please delete my previous e-mail, I sent it to the wrong shop.", nil},
		{"Rättelse", "Radera gärna mitt förra mejl. Det jag vill är att e-postadressen på mitt konto ändras till fredrik@example.com.", []rights.Right{rights.Rectification}},
		// a right named to say it is not wanted
		{"Min köphistorik som fil", "Jag vill få min köphistorik som en fil (CSV går bra) så att jag kan föra över den till en annan app. Jag behöver inget registerutdrag på papper, bara filen.", []rights.Right{rights.Portability}},
		// a policy cited
		{"Delete my membership", `Your privacy policy says "you can object to profiling and request a copy of your data". I don't need any of that. Please just delete my customer club membership and all my personal data.`, []rights.Right{rights.Erasure}},
		// marketing as the reason for an erasure
		{"Radera mig", "Jag vill att ni raderar mitt konto och alla uppgifter ni har om mig. Anledningen är att jag inte vill ha några erbjudanden från er längre.", []rights.Right{rights.Erasure}},
		// what happens, asked
		{"Ändra e-post", "Kan ni ändra e-postadressen på mitt konto till oskar@example.com? Försvinner mina poäng när e-posten byts?", []rights.Right{rights.Rectification}},
		// a correction said not to be needed
		{"My account", "I was going to ask you to correct the phone number on my account. But I'd rather you just delete my account. No need to fix the number first.", []rights.Right{rights.Erasure}},
		// a negation over "or"
		{"Camera", "I formally object to the camera surveillance at your clinic entrance. I'm not closing my account or cancelling my bookings.", []rights.Right{rights.Objection}},
		// the analysis results are what the consent covered
		{"Skin analysis", "I withdraw my consent to you storing the results of my skin analysis. Please remove the analysis results. I do not want my account deleted.", []rights.Right{rights.ConsentWithdrawal}},
		// "cannot remove" is no "do not remove"
		{"Varukorg", "Kan ni ta bort min sparade varukorg? Den innehåller produkter som inte finns längre och jag får inte bort dem själv.", nil},
		// an event's guest list is no mailing list
		{"Stryk mig från makeupkvällen", "Jag anmälde mig till makeupkvällen i butiken men kan inte komma. Kan ni stryka mig från gästlistan så att någon annan får platsen?", nil},
		// an unsubscribe that worked, and the link that did it, ask nothing
		{"Avregistreringen fungerade – tack", "Jag avregistrerade mig från nyhetsbrevet via länken förra veckan, och nu har breven slutat komma. Tack!", nil},
		{"Unsubscribe worked + restock question", "I used the unsubscribe link for your SMS offers last week and it worked straight away. Is the serum coming back in stock?", nil},
		{"Mailing list", "Please take my email address off your mailing list. The unsubscribe link in your emails leads to an error page.", []rights.Right{rights.MarketingOptOut}},
		// offers not seen are not refused
		{"black week sms", "fick ert sms om black week men länken går till startsidan och där syns inga erbjudanden. är det fel länk?", nil},
		// "så" is no "sa" (said); the writer's own words quoted are still asked
		{"Konto", "Kan ni så snart som möjligt radera mitt konto?", []rights.Right{rights.Erasure}},
		{"Påminnelse", `Jag skrev "radera mitt konto" för två veckor sedan och har inte hört något.`, []rights.Right{rights.Erasure}},
		// a policy cited with Swedish quotation marks
		{"Medlemskap", "Er policy säger ”du kan invända mot profilering och begära ut en kopia”. Det behöver jag inte. Radera bara mitt medlemskap.", []rights.Right{rights.Erasure}},
		// an unsubscribe that did not work is asked again
		{"Avregistreringen fungerade inte", "Jag avregistrerade mig från nyhetsbrevet men det kommer fortfarande. Avregistreringen fungerade inte, ta bort mig från listan.", []rights.Right{rights.MarketingOptOut}},
		// a letter removed from the person's name
		{"Stavfel i efternamn", `Ta bort det extra "h" i mitt efternamn på kontot. Det ska vara Tomasson.`, []rights.Right{rights.Rectification}},
	})
}
