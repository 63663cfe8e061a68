package intake

// The words of a sentence, looked up, and the phrases a word alone does
// not tell: what each token of a message is taken to mean.

import (
	"slices"

	snowball "github.com/blevesearch/snowballstem"
)

// tag looks every word of a sentence up, then reads the phrases a word
// alone does not tell: "take me off", "taking that consent back", "laser
// hair removal".
func tag(ix *index, env *snowball.Env, lang string, toks []token) concept {
	for i := range toks {
		t := &toks[i]
		if t.punct {
			continue
		}
		ix.lookup(env, lang, t)
	}
	for i := range toks {
		// "stämmer inte", "is not correct", "stimmt nicht": wrong.
		if toks[i].marks&mRight != 0 && (i+1 < len(toks) && toks[i+1].neg || i > 0 && toks[i-1].neg || i > 1 && toks[i-2].neg) {
			toks[i].tags |= cWrong
			toks[i].canon = "not " + toks[i].text
		} else if toks[i].marks&mRight != 0 && i > 0 && (auxiliaries[toks[i-1].fold] || seemWords[toks[i-1].fold]) {
			// "my address on the account is correct": said of it, not
			// asked ("correct it")
			toks[i].tags &^= cChange
		}
	}
	near := func(i int, ws ...string) bool {
		for j := max(i-3, 0); j < i; j++ {
			if slices.Contains(ws, toks[j].fold) {
				return true
			}
		}
		return false
	}
	for i := range toks {
		t := &toks[i]
		switch t.fold {
		case "off":
			// "take me off", "take my email address off your list"
			if near(i, "take", "taking", "get", "getting", "took") || i > 3 && slices.Contains([]string{"take", "taking", "get", "getting", "took"}, toks[i-4].fold) && !toks[i-3].punct && !toks[i-2].punct && !toks[i-1].punct {
				t.tags |= cErase
				t.canon = "take off"
			}
		case "back":
			if near(i, "take", "taking", "took", "pull", "pulling") {
				t.tags |= cWithdraw
				t.canon = "take back"
			}
		case "ratt", "richtig":
			// "rätt namn" is the right name, not "rätta" (correct it).
			t.tags &^= cChange
		case "las", "lasa":
			// "lås dem": written with å it is lock; "läs", "läsa" (read)
			// fold to the same letters, so only the written form counts;
			// "låsa upp kontot" unlocks it.
			if (t.text == "lås" || t.text == "låsa") && !(i+1 < len(toks) && toks[i+1].fold == "upp") {
				t.tags |= cRestrict
				t.canon = "låsa"
			}
		case "order", "purchase":
			// "my order history", "purchase history": the person's data,
			// not one order
			if i+1 < len(toks) && toks[i+1].tags&oData != 0 {
				t.tags &^= bOrder
			}
		case "personal", "personlige", "personliga", "personlig", "personligt", "personlich", "henkilokohtaiset":
			// "personal recommendations", "personliga tips" are made for
			// the person; "personal things I said" are not a purpose
			if t.tags&cPurpose != 0 && !(i+1 < len(toks) && (toks[i+1].tags&(cPurpose|oMarketing) != 0 || tipWords[toks[i+1].fold]) ||
				i+2 < len(toks) && toks[i+2].tags&(cPurpose|oMarketing) != 0) {
				t.tags &^= cPurpose
			}
		case "mejl", "mejlet", "mail", "mailet", "mailen", "email", "emailen", "epost", "eposten", "message", "meddelande", "meddelandet", "nachricht", "viesti", "viestini", "besked", "beskeden", "beskjed", "beskjeden":
			// "radera mitt förra mejl", "delete my previous e-mail": the
			// message sent, not the address on the record
			if (i > 0 && previousWords[toks[i-1].fold] || i > 1 && previousWords[toks[i-2].fold] && toks[i-1].fold != "och") &&
				!slices.ContainsFunc(toks, func(t token) bool { return t.tags&cChange != 0 }) { // "byt ut min tidigare e-post" is the old address
				t.tags = t.tags&^personal | bReceipt
				t.canon = "previous message"
			}
		case "link", "linken", "lank", "lanken", "button", "knapp", "knappen", "linkki", "linkkia", "linket", "lenke", "lenken", "knap":
			// "the unsubscribe link", "avregistrera-länken" name the link
			// a newsletter carries, not a deed
			if i > 0 && toks[i-1].tags&(cUnsub|cErase) != 0 {
				toks[i-1].tags &^= cUnsub | cErase
			}
		case "anvand", "anvander", "anvanda", "anvands", "anvandes", "anvant", "anvandas", "anvandts":
			// the verb "använda" shares its stem with "användare" (user)
			t.tags &^= oAccount
		case "leave", "lamna", "behold":
			// "leave my subscription as it is", "lämna det som det är":
			// kept, not left
			for j := i + 1; j < len(toks) && j <= i+6; j++ {
				if f := toks[j].fold; f == "alone" || f == "unchanged" || f == "intact" || f == "orord" || f == "ororda" ||
					j+1 < len(toks) && (f == "as" || f == "som") && (toks[j+1].fold == "it" || toks[j+1].fold == "det" || toks[j+1].fold == "den" || toks[j+1].fold == "is") {
					t.tags &^= cErase | cClose | cUnsub
					break
				}
			}
		case "tiden", "valin":
			// "under tiden", "sillä välin": until then; "avboka tiden" is
			// the booking
			if i > 0 && (toks[i-1].fold == "under" || toks[i-1].fold == "silla") {
				t.tags = t.tags&^bBooking | cUntil
			}
		case "meantime", "meanwhile", "zwischenzeit", "mellemtiden", "mellomtiden":
			t.tags |= cUntil
		case "vare":
			// "vare sig dit eller hit" (neither there nor here), not "en
			// vara" (an item)
			if i+1 < len(toks) && toks[i+1].fold == "sig" {
				t.tags &^= blocking
			}
		case "hold":
			// "put my data on hold", "placed on hold": frozen.
			if i > 0 && toks[i-1].fold == "on" && near(i-1, "put", "place", "placed", "putting", "keep", "set") {
				t.tags |= cRestrict
				t.canon = "on hold"
			}
		case "slut":
			// Swedish "slut" is "over", "sold out", "till slut" (at last),
			// not "sluta" (stop); Norwegian "slutt" is.
			if lang == "sv" && t.text == "slut" {
				t.tags &^= cStop
			}
		case "andra":
			// "andra min adress": "ändra" typed without dots; "andra"
			// (other) is never followed by "min" ("andra adresser" is).
			if t.text == "andra" && i+1 < len(toks) && toks[i+1].tags&wPoss != 0 {
				t.tags = t.tags&^cOther | cChange
				t.canon = "ändra"
			}
		case "removal":
			if near(i, "hair", "laser", "tattoo", "wax") {
				t.tags = bBooking
			}
		}
	}
	var all concept
	for _, t := range toks {
		all |= t.tags
	}
	return all
}

// previousWords name the message before this one: "mitt förra mejl".
var previousWords = foldSet("förra tidigare senaste föregående previous last earlier vorherige vorige letzte forrige tidligere sidste siste edellinen edellisen aiemman")

// tipWords are what is made personal for a customer: tips, advice, ads.
var tipWords = foldSet("tips råd forslag förslag ads adverts advice content feed offers deals anbefalinger ehdotuksia")

// seemWords, beside the auxiliaries, say what something is: "looks
// correct", "are correct".
var seemWords = foldSet("are sind ovat looks seems")

// rightWords say a detail is right; negated, it is wrong.
var rightWords = map[string]bool{"stammer": true, "stimmt": true, "stemmer": true, "passer": true, "korrekt": true, "korrekta": true, "correct": true,
	"right": true, "riktig": true, "riktigt": true, "riktiga": true, "ratt": true, "richtig": true, "oikein": true, "oikea": true, "rigtig": true, "rigtige": true}
