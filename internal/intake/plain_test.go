package intake

import (
	"slices"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/rights"
)

// readCase is a message and the rights it asks for.
type readCase struct {
	subject, text string
	want          []rights.Right
}

// readAs classifies each message by the rules alone and fails where the
// rights read differ from those it asks for.
func readAs(t *testing.T, cases []readCase) {
	t.Helper()
	for _, c := range cases {
		r := classifyMessage(&Message{Subject: c.subject, Text: c.text}, time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC), nil)
		if !slices.Equal(r.Rights, c.want) {
			t.Errorf("%q / %q: rights %v, want %v (%+v)", c.subject, c.text, r.Rights, c.want, r.Reasons)
		}
	}
}

// TestRightsInPlainWords: the ways of asking found in the z12- batch,
// each with a near miss that must not read as the right.
func TestRightsInPlainWords(t *testing.T) {
	readAs(t, []readCase{
		// an indirect question asks
		{"Export från appen?", "Jag undrar om jag kan få ut mina uppgifter från er i en fil, helst json, som jag kan importera i en annan app.", []rights.Right{rights.Portability}},
		// the person's purchases and order history are their data
		{"Question", "Could I get my order history and my skin profile as a CSV so I can take it to a new shop?", []rights.Right{rights.Portability}},
		{"Mine køb", "Kan jeg få mine køb og min hudprofil som en fil (gerne csv), så jeg kan tage det med til en anden webshop?", []rights.Right{rights.Portability}},
		{"Purchase history as a file", "I'd like my purchase history as a file so I can take it to another shop.", []rights.Right{rights.Portability}},
		// "tidigare", "numera" are no booking and no number
		{"Nytt efternamn", "Jag har gift mig och heter numera Norberg i efternamn (tidigare Svensson). Kan ni ändra det i medlemsregistret och på mitt konto?", []rights.Right{rights.Rectification}},
		// a new one of the product is no other company
		{"Pumpen", "Pumpen på min ansiktskräm (order 70045) slutade fungera. Ni har mina uppgifter sedan tidigare, så ni kan väl skicka en ny?", nil},
		// frozen in plain words; "ändra ingenting" keeps the record as it is
		{"Hold on my data", "Until you've finished checking, please put my data on hold: keep it, but don't use it for anything. I'm not asking you to delete or change anything right now.", []rights.Right{rights.Restriction}},
		{"Köp som inte är mitt", "Medan ni reder ut det vill jag att mina uppgifter läggs undan: använd dem inte till något alls. Radera ingenting och ändra ingenting.", []rights.Right{rights.Restriction}},
		// a detail said to be right is not asked to be corrected
		{"Order 51666", "Could order 51666 be delivered to my office instead? My home address on the account is correct, this is only for this one parcel.", nil},
		// a correction on the person's record, after talk of a booking
		{"Fel nummer", "Jag bokade en behandling och bekräftelsen kom aldrig. Ni har ett gammalt nummer registrerat på mig. Kan ni byta ut det gamla i mitt kundregister?", []rights.Right{rights.Rectification}},
		// "vare sig" is no item of an order
		{"Katalog", "Skicka inga fler papperskataloger alls, vare sig dit eller hit.", []rights.Right{rights.MarketingOptOut}},
		// marketing in one clause, profiling in the other
		{"Nyhetsbrev", "Jag vill inte ha nyhetsbrevet längre, och jag vill inte heller att ni använder mina köp till att räkna fram personliga rekommendationer åt mig.", []rights.Right{rights.Objection, rights.MarketingOptOut}},
		{"Personalisierte Empfehlungen", "Ich möchte nicht, dass Sie aus meinen Einkäufen ein Profil erstellen und mir danach personalisierte Empfehlungen im Shop anzeigen.", []rights.Right{rights.Objection}},
		// a deed only thought of, beside a please for something else
		{"Purchase history", "Could you send me my purchase history as a CSV? I might delete my account with you afterwards, maybe, so please don't do anything to the account for now.", []rights.Right{rights.Portability}},
		// "quite" is no "quit"
		{"Delete my account please", "I got quite a lot of emails from you, not complaining. I've moved, so please delete my account and the personal data connected to it.", []rights.Right{rights.Erasure}},
		// the writer moves, the data does not; a booking moved is no transfer
		{"Retur", "När returen är klar vill jag att ni tar bort mitt konto och raderar mina uppgifter – jag flyttar utomlands.", []rights.Right{rights.Erasure}},
		{"Endre time", "Kan jeg flytte timen min for makeupanalyse fra lørdag til søndag?", nil},
		// "personal things" are no purpose
		{"Erasure of my notes", "I'd like you to erase the therapist notes from my treatments. They contain personal things I said and I don't want them kept.", []rights.Right{rights.Erasure}},
		// the uses a restriction lists are the restriction's
		{"Restrict my record", "Until that's settled, please restrict the processing of my clinic record: don't delete anything, but don't use it for anything either (no recommendations, no sharing).", []rights.Right{rights.Restriction}},
		{"Treatment notes", "Please don't erase my treatment notes, but stop processing them for anything else until I tell you otherwise.", []rights.Right{rights.Restriction}},
		// an unsubscribe regretted is no opt-out; a wish list is no mailing list
		{"avregistrerade mig av misstag", "hej! klickade visst på avregistrera längst ner i nyhetsbrevet av misstag. vill absolut fortsätta få det! kan ni lägga till mig igen?", nil},
		{"Toivelistan poisto", "Miten poistan toivelistan sovelluksesta? Tili saa jäädä ennalleen.", nil},
		// "your mailing list" is Harmoniq's
		{"Please take me off your mailing list", "Hi, my order arrived with a broken pump. Could you send a replacement?", []rights.Right{rights.MarketingOptOut}},
	})
}
