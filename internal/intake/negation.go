package intake

// Whether an action a sentence names is asked: negated, told as done, only
// thought of, or asked indirectly.

import "strings"

// negated says whether a negation governs token i: one stands in the four
// words before it, with no "but", comma or "only" between, or right after
// it ("radera inte").
func (s sentence) negated(i int) bool {
	if i+1 < len(s.toks) && s.toks[i+1].neg {
		return true
	}
	// "använd dem inte", "radera den inte": the object between
	if i+2 < len(s.toks) && s.toks[i+2].neg && objectPronouns[s.toks[i+1].fold] {
		return true
	}
	if s.lang == "de" {
		// "Bitte löschen Sie die Daten nicht, sondern …": German puts the
		// negation at the end of the clause.
		for j := i + 1; j < len(s.toks) && j <= i+5; j++ {
			if t := s.toks[j]; t.punct || t.tags&wBreak != 0 {
				break
			} else if t.neg {
				return true
			}
		}
	}
	if s.refrain {
		for j := i + 1; j < len(s.toks) && j <= i+6; j++ {
			if refrains[s.toks[j].fold] {
				return true // "eine Löschung dieser Daten ist zu unterlassen"
			}
		}
		for j := max(i-3, 0); j < i; j++ {
			if refrains[s.toks[j].fold] {
				return true // "låter bli att använda", "avstå från att radera"
			}
		}
	}
	// "I'm not closing my account or cancelling my bookings": a negation
	// carries over "or" to the next verb.
	for j, reach := i-1, i-4; j >= 0 && j >= reach; j-- {
		t := s.toks[j]
		// "använd den inte förrän den är rättad": "until" starts a
		// clause of its own
		if t.punct || t.tags&(wBreak|cUntil) != 0 {
			return false
		}
		if t.neg {
			return true
		}
		if orWords[t.fold] {
			reach = j - 4
		}
	}
	// "I'm not asking you to delete or change anything", "jag ber er inte
	// att ändra något": a request denied covers every action it names.
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		t := s.toks[j]
		if t.punct || t.tags&wBreak != 0 {
			break
		}
		if askingWords[t.fold] && (j > 0 && s.toks[j-1].neg || j+1 < i && s.toks[j+1].neg) {
			return true
		}
	}
	return false
}

// orWords join alternatives a negation covers: "not this or that".
var orWords = foldSet("or nor eller oder tai")

// askingWords ask for something, so that "not asking" asks for nothing.
var askingWords = foldSet("asking ask request requesting ber beder begär kräver anmoder verlange fordere pyydä pyydän vaadi")

// notWanted says whether a negated wish ("vill inte", "don't want",
// "möchte nicht") stands in [from, to): a negation within two words of a
// word of wishing, not right after an "if".
func (s sentence) notWanted(from, to int) bool {
	from, to = s.span(from, to)
	for j := from; j < to; j++ {
		if !s.toks[j].neg || j > 0 && s.toks[j-1].tags&wIf != 0 {
			continue
		}
		if s.has(j-2, j+3, cWant) {
			return true
		}
	}
	return false
}

// nothingAfter says whether "nothing", "ingenting" or "nichts" follows
// the action at i: "verwenden Sie sie für nichts anderes".
func (s sentence) nothingAfter(i int) bool {
	for j := i + 1; j < len(s.toks) && j <= i+6; j++ {
		if nothingWords[s.toks[j].fold] {
			return true
		}
	}
	return false
}

var nothingWords = foldSet("ingenting inget nothing nichts intet ingenting ikkeno mitään")

// negIn says whether a negation stands in [from, to).
func (s sentence) negIn(from, to int) bool {
	from, to = s.span(from, to)
	for j := from; j < to; j++ {
		if s.toks[j].neg {
			return true
		}
	}
	return false
}

// negBefore returns a negation within n words before k with no comma or
// "but" between, or -1: "ring inte, sms istället" negates the call.
func (s sentence) negBefore(k, n int) int {
	for j := k - 1; j >= 0 && j >= k-n; j-- {
		t := s.toks[j]
		if t.punct || t.tags&wBreak != 0 {
			return -1
		}
		if t.neg {
			return j
		}
	}
	return -1
}

// hypothetical says whether the action at i stands in an if-clause: "om
// jag avslutar mitt medlemskap, hur länge …".
func (s sentence) hypothetical(i int) bool {
	for j := i - 1; j >= 0 && j >= i-6; j-- {
		t := s.toks[j]
		if t.punct {
			return false
		}
		// "kanske raderar jag kontot senare", "I might delete my account
		// later": a thought, not a request; "kan ni kanske ta bort mig?"
		// asks politely
		if maybeWords[t.fold] && !(s.question && s.you(0, i)) && !s.pleaseWith(i) {
			return true
		}
		if t.tags&wIf != 0 && j+1 < len(s.toks) && j+1 <= i && (s.toks[j+1].tags&wFirst != 0 || isPronoun(s.toks[j+1].fold)) {
			if j > 0 && wonderWords[s.toks[j-1].fold] || j > 1 && wonderWords[s.toks[j-2].fold] {
				return false // "undrar om jag kan få ut", "wondering if I could get": asked, indirectly
			}
			for k := max(j-4, 0); k < j; k++ {
				if appreciation[s.toks[k].fold] {
					return false // "I'd appreciate it if you deleted …": a request
				}
			}
			return true
		}
	}
	return false
}

// pleaseWith says whether a please goes with the action at i: before it
// in its sentence, or right after it in the same clause ("kan ni kanske ta
// bort mig, tack" is asked; "I might delete my account later, so please
// don't do anything yet" is not).
func (s sentence) pleaseWith(i int) bool {
	if s.has(0, i, wPlease) {
		return true
	}
	for j := i + 1; j < len(s.toks) && j <= i+4; j++ {
		if s.toks[j].punct || s.toks[j].tags&wBreak != 0 {
			return false
		}
		if s.toks[j].tags&wPlease != 0 {
			return true
		}
	}
	return false
}

// asksWhether says whether the word at w wonders whether ("undrar om jag
// kan få ut mina uppgifter", "wondering if I could get"): a polite
// request, not a question about how things are done.
func (s sentence) asksWhether(w int) bool {
	return wonderWords[s.toks[w].fold] && w+1 < len(s.toks) && s.toks[w+1].tags&wIf != 0
}

// wonderWords ask a question indirectly: "undrar om …", "wondering if …".
var wonderWords = foldSet("undrar undra undrade funderar wonder wondering wondered ask asking frage fragen frag spørger spør lurer lurte undrer kysyn tiedustelen")

// maybeWords say a deed is only thought of.
var maybeWords = foldSet("kanske kanskje måske maybe perhaps possibly might vielleicht eventuell eventuellt ehkä saatan")

// done says whether the action at i is told as done, not asked for: "jag
// avslutade", "I deleted", "redan avbeställt". A sentence that says it
// still happens ("men får fortfarande") asks again.
func (s sentence) done(i int) bool {
	// "jag avregistrerade mig men får fortfarande sms"; right after the
	// deed "ändå" is "anyway" ("kortet är spärrat nu ändå").
	for j, t := range s.toks {
		// … unless what is still so is a gift card or an order ("går
		// presentkortet fortfarande att använda?")
		if t.tags&wStill != 0 && (j < i || j > i+2) && !s.has(j-8, j+8, blocking) {
			return false
		}
	}
	if s.has(i-3, i, wAlready) {
		return true
	}
	// "Avregistreringen fungerade", "the unsubscribe worked": done, and
	// it took.
	if s.near(i+1, i+4, workedWords) && !s.negIn(i+1, i+6) {
		return true // not "avregistreringen fungerade inte"
	}
	// "adressen ändrar jag själv i kväll", "I'll unsubscribe myself": the
	// person does it, and asks nothing.
	// "Please remove myself from the list" asks all the same.
	for j := max(i-1, 0); j < min(i+4, len(s.toks)); j++ {
		if selfWords[s.toks[j].fold] && !s.has(0, i, wPlease|cWant) && !s.you(0, i) {
			return true
		}
	}
	w := s.toks[i].fold
	if s.has(i-5, i, cWant|wPlease) || i > 0 && wantedForms[s.toks[i-1].fold] {
		return false // "I want it deleted", "vill ha dem raderade"
	}
	if s.has(0, i, cWant|wPlease) {
		for j := max(i-7, 0); j < i; j++ {
			if wantedForms[s.toks[j].fold] || s.toks[j].fold == "ha" {
				return false // "jag vill … få min köphistorik exporterad"
			}
		}
	}
	aux := i > 0 && auxiliaries[s.toks[i-1].fold] || i > 1 && auxiliaries[s.toks[i-2].fold] && s.toks[i-1].tags&personal == 0 && !s.toks[i-1].punct
	switch {
	case strings.HasSuffix(w, "ade") || strings.HasSuffix(w, "ede"):
		return true // Swedish, Danish, Norwegian preterite: "jag avslutade", "någon ändrade"
	case aux && (strings.HasSuffix(w, "ad") || strings.HasSuffix(w, "at") || strings.HasSuffix(w, "et") || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ts") || strings.HasSuffix(w, "tt")):
		return true // a participle: "adressen är ändrad", "har raderat", "har bytts"
	case strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "need") && (s.has(i-2, i, wFirst|oSelf) || s.you(i-2, i)):
		return true // English past
	case s.lang == "fi" && (strings.HasSuffix(w, "ttu") || strings.HasSuffix(w, "tty")):
		return true // Finnish passive participle: "tietoni on poistettu"
	case (s.lang == "da" || s.lang == "no") && strings.HasSuffix(w, "dt") && !s.has(i-3, i, cWant|wPlease):
		return true // "afmeldt", "avmeldt"
	}
	return false
}

// thereWords tell what is or is seen, not what is asked: "där syns inga
// erbjudanden", "there are no offers", "jag fick inga erbjudanden".
var thereWords = foldSet("syns finns fanns visas ser såg fick kom kommer are were see saw got received gibt sehe sah bekam vises fins findes fandtes fik kom fikk näkyy ole saanut")

// workedWords say a deed took effect: "fungerade", "worked".
var workedWords = foldSet("fungerade funkade fungerat funkat worked virkede virket fungerte funket klappte funktionierte toimi onnistui")

// refrains are the verbs that say an action must not be taken.
var refrains = map[string]bool{"unterlassen": true, "unterlasse": true, "refrain": true, "avsta": true, "avstar": true, "undlade": true, "undlad": true, "pidattaytykaa": true,
	"laterbli": true}

// appreciation are the words of a polite request put as a condition:
// "I'd appreciate it if you", "jag vore tacksam om ni".
var appreciation = map[string]bool{"appreciate": true, "grateful": true, "glad": true, "tacksam": true, "uppskatta": true, "uppskattar": true,
	"dankbar": true, "kiitollinen": true, "taknemmelig": true, "takknemlig": true, "great": true, "lovely": true, "love": true}

// mistakeWords say a deed was not meant.
var mistakeWords = foldSet("misstag råkade råkat mistake accident accidentally versehentlich vahingossa fejl feil")
