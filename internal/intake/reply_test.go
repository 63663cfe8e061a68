package intake

import (
	"slices"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/rights"
)

// TestAReplyToHarmoniqsAnswerAsksWhatItsOwnWordsAsk: the subject of
// Harmoniq's answer ("Sv: Ditt ärende – radering av konto") and the answer
// quoted below, signed by kundservice with no "… wrote:" line, ask for
// nothing; the person's own words above them do, and a newsletter quoted
// below "sluta skicka dessa" tells what "dessa" are.
func TestAReplyToHarmoniqsAnswerAsksWhatItsOwnWordsAsk(t *testing.T) {
	answer := "\n\n> Hej Anna,\n>\n> Ditt konto och dina uppgifter är nu raderade enligt din begäran.\n>\n> Med vänlig hälsning\n> Josefin\n> Kundservice, Harmoniq AB\n"
	newsletter := "\n\n> Bara idag: 20 % på all makeup!\n> Gäller på harmoniq.se och i alla butiker.\n>\n> Avregistrera | Hantera prenumeration\n"
	readAs(t, []readCase{
		{"Sv: Ditt ärende 4471 – radering av konto", "Tack, jag har fått bekräftelsen. Allt bra!" + answer, nil},
		{"Sv: Ditt ärende 4471 – radering av konto", "Tack! Ta gärna bort mig från nyhetsbrevet också." + answer, []rights.Right{rights.MarketingOptOut}},
		{"Radering av konto", "Tack, jag har fått bekräftelsen." + "\n\n> Hej Anna,\n> Vi har tagit emot ditt ärende.\n> Kundservice, Harmoniq AB\n", []rights.Right{rights.Erasure}},
		{"SV: Bara idag: 20 % på all makeup", "sluta skicka dessa. tack" + newsletter, []rights.Right{rights.MarketingOptOut}},
	})
}

// TestLowerCaseWritingIsReadSentenceBySentence: a full stop after a word
// ends a sentence though the next starts in lower case, as people write in
// a hurry; after a number or an abbreviation it does not.
func TestLowerCaseWritingIsReadSentenceBySentence(t *testing.T) {
	for text, want := range map[string]int{
		"hej ni har fel mejl på mitt konto. byt gärna så jag får kvittona": 2,
		"andra min adress pa kontot tack. har flyttat till storgatan 2":    2,
		"vi ses den 4. och 18. mars":                                       1,
		"ring mig kl. 14 eller ev. imorgon":                                1,
		"se art. 15 och resp. art. 17":                                     1,
		"Ang. min beställning vill jag fråga en sak":                       1,
		"Tel. 070-123 45 67 om ni undrar":                                  1,
	} {
		if got := len(sentences(text)); got != want {
			t.Errorf("%q: %d sentences, want %d", text, got, want)
		}
	}
	for text, want := range map[string][]rights.Right{
		"hej ni har fel mejl på mitt konto, stavade fel när jag registrerade mig. byt gärna så jag får orderbekräftelserna": {rights.Rectification},
		"andra min adress pa kontot tack. har flyttat fran kungsgatan 4 till bjorkvagen 11":                                 {rights.Rectification},
		"jag har fått fel mejl om min order. vad hände?":                                                                    nil,
	} {
		r := classifyMessage(&Message{Text: text}, time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC), nil)
		if !slices.Equal(r.Rights, want) {
			t.Errorf("%q: rights %v, want %v", text, r.Rights, want)
		}
	}
}

// TestAMailingFooterIsNoRequest: a supplier's footer ("You're receiving
// this …", a row of links, and the rest of its paragraph) asks nothing of
// Harmoniq; "till slut" (at last) is no "sluta" (stop).
func TestAMailingFooterIsNoRequest(t *testing.T) {
	for _, c := range []struct {
		text string
		want []rights.Right
	}{
		{"Hi stockist,\n\nOur new serum ships from 1 April.\n\nThe team\n\n---\nYou're receiving this because your company is a registered\nstockist. Unsubscribe | Update your preferences | Privacy policy\nTo have your contact details deleted from our trade list, write to\nprivacy@example.com.\n", nil},
		{"Tack, det löste sig! Koden funkade i appen till slut.\n\n> Hej Nora! Vi har lagt in koden igen.\n> Harmoniq Kundservice\n>\n> Vill du inte längre få våra nyhetsbrev kan du avregistrera dig här: https://harmoniq.se/nyhetsbrev\n", nil},
		{"Please take me off your mailing list.\n\nUnsubscribe | Update your preferences\n", []rights.Right{rights.MarketingOptOut}},
	} {
		r := classifyMessage(&Message{Subject: "Hej", Text: c.text}, time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC), nil)
		if !slices.Equal(r.Rights, c.want) {
			t.Errorf("%q: rights %v, want %v", c.text, r.Rights, c.want)
		}
	}
}
