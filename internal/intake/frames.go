package intake

import (
	"slices"
	"strings"

	"github.com/harmoniq/dsr/internal/rights"
)

// A frame is an action together with what it acts on, read in one
// sentence: "radera … mitt konto" is erasure, "radera … min bokning" is
// ordinary mail. A hit is one frame found, with the words that made it.
type hit struct {
	right  rights.Right // empty: evidence that the mail is about personal data, for triage
	frame  string
	cues   []string
	weight float64
	at     int  // the word the frame turns on
	legal  bool // named as the law names it: an article, a formal phrase
}

// sentence is the tokens of one sentence, where they were read, and what
// the sentence before it spoke of, for "det", "them", "sie".
type sentence struct {
	toks  []token
	lang  string // the language the sender wrote in
	where where
	prev  concept
	// ctx is every concept of the sentences before this one in its part
	// of the message, and of the subject.
	ctx concept
	// question is set when the sentence ends with a question mark.
	question bool
	// all is every concept of the sentence's words.
	all concept
	// refrain is set when a word says an action must not be taken.
	refrain bool
	// askedBefore is set when a sentence before asked for a list
	// ("I would like the following:"): its items are asked for.
	askedBefore bool
}

const (
	before = 8 // how far before an action its object may stand (passives, German and Finnish put it first)
	after  = 7 // and after it
)

func (s sentence) span(from, to int) (int, int) { return max(from, 0), min(to, len(s.toks)) }

// has reports whether any token in [from, to) carries c.
func (s sentence) has(from, to int, c concept) bool { return s.find(from, to, c) >= 0 }

// any reports whether any token of the sentence carries c.
func (s sentence) any(c concept) bool { return s.all&c != 0 }

// find returns the first token in [from, to) carrying c, or -1.
func (s sentence) find(from, to int, c concept) int {
	from, to = s.span(from, to)
	for i := from; i < to; i++ {
		if s.toks[i].tags&c != 0 {
			return i
		}
	}
	return -1
}

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

var formalYou = foldSet("sie jer jeres")

// findWord returns the first word of set in [from, to), or -1.
func (s sentence) findWord(from, to int, set map[string]bool) int {
	from, to = s.span(from, to)
	for j := from; j < to; j++ {
		if set[s.toks[j].fold] {
			return j
		}
	}
	return -1
}

// sourceWords ask where data came from; recipientWords who got it, with
// passedWords, the verbs of passing on that the lexicon does not tag.
var (
	sourceWords    = foldSet("varifrån ifrån wherefrom woher hvorfra hvorfra mistä kenelta källa källan source kilde quelle lähde")
	recipientWords = foldSet("vem vilka who whom wer wem welche welchen hvem hvilke kenelle keille ketkä mille företag företagen companies company firms third parties tredje firmen unternehmen dritte virksomheder selskaper yritykset")
	passedWords    = foldSet("passed lämnat lämnats lämnade gett gått givet given weitergegeben weitergeleitet übermittelt videregivet videregitt delt luovutettu luovuttaneet annettu disclosed")
)

// hasBesides is has with the token at skip left out.
func (s sentence) hasBesides(from, to, skip int, c concept) bool {
	from, to = s.span(from, to)
	for i := from; i < to; i++ {
		if i != skip && s.toks[i].tags&c != 0 {
			return true
		}
	}
	return false
}

// outWords say "out of": "vil ut av databasen", "want out of your list".
var outWords = map[string]bool{"ut": true, "out": true, "raus": true, "ulos": true, "ud": true}

// conjunctions join a sentence's clauses: "och inga fler sms" starts a
// clause of its own.
var conjunctions = map[string]bool{"och": true, "samt": true, "og": true, "and": true, "und": true, "ja": true, "sekä": true}

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

// usesOwn says whether the person's own data, or their purchases, stand
// in [from, to): what "sluta använda …" acts on.
func (s sentence) usesOwn(from, to int) bool {
	return s.has(from, min(from+3, to), wPoss|oData)
}

// othersWords are the possessives of a third person.
var othersWords = foldSet("her his their hennes hans deras hendes deres hennes ihre ihren ihrer seine seinen hänen heidän")

// selfWords say the writer does something themselves.
var selfWords = foldSet("själv självt myself selbst itse selv")

// auxiliaries are the verbs before a participle that tell a state or a
// deed: "är ändrad", "has deleted", "ble slettet".
var auxiliaries = map[string]bool{"ar": true, "har": true, "blev": true, "blivit": true, "er": true, "ble": true, "blitt": true, "var": true,
	"was": true, "has": true, "is": true, "had": true, "were": true, "ist": true, "wurde": true, "hat": true, "on": true, "oli": true}

// existVerbs say that something is there: "jag inte finns kvar".
var existVerbs = map[string]bool{"finnas": true, "finns": true, "exist": true, "exists": true, "findes": true, "finnes": true, "gibt": true, "bleiben": true}

// wantedForms are the words before a participle that make it asked for:
// "have it deleted", "få det ändrat", "be removed".
var wantedForms = map[string]bool{"have": true, "get": true, "be": true, "been": true, "bli": true, "blir": true, "fa": true, "vara": true, "ska": true, "bitte": true, "werden": true, "blive": true}

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

// clauseHas says whether a word of the clause of i carries c: the words
// between the commas or "och", "and", "und" around it. "jag vill inte ha
// nyhetsbrevet längre, och jag vill inte att ni använder mina köp till
// tips" speaks of marketing in one clause and of profiling in the other.
func (s sentence) clauseHas(i int, c concept) bool {
	from, to := i, i+1
	for from > 0 && !s.toks[from-1].punct && !conjunctions[s.toks[from-1].fold] {
		from--
	}
	for to < len(s.toks) && !s.toks[to].punct && !conjunctions[s.toks[to].fold] {
		to++
	}
	return s.has(from, to, c)
}

// onMyRecord says whether the action at i is done on the writer's own
// record, named right after it: "fix the spelling on my customer account".
func (s sentence) onMyRecord(i int) bool {
	k := s.find(i+1, i+7, oAccount|oRegister|oMember)
	return k >= 0 && s.possessed(k)
}

// inMyDetail returns the writer's own detail that something is removed
// from, in the words after the action at i ("… i mitt efternamn", "from
// my name"), or -1.
func (s sentence) inMyDetail(i int) int {
	for k := i + 2; k < len(s.toks) && k <= i+after; k++ {
		if s.toks[k].tags&oField == 0 || !s.possessed(k) {
			continue
		}
		for _, p := range s.toks[max(k-2, i+1):k] {
			if inPreps[p.fold] || p.tags&wFrom != 0 {
				return k
			}
		}
	}
	return -1
}

// allBefore says whether "all" stands right before the object at k: "alla
// mina uppgifter" asks for more than what one consent covered.
func (s sentence) allBefore(k int) bool {
	for j := max(k-3, 0); j < k; j++ {
		if s.toks[j].marks&mAll != 0 {
			return true
		}
	}
	return false
}

// suchWords point back to what was just named: "all sådan behandling".
var suchWords = foldSet("sådan sådant sådana such solche solcher solchen sådan sådanne slik slike sellainen sellaista")

// itWords are "it" as the object of a verb: "I'm taking it back".
var itWords = foldSet("it det den es sitä")

// ofPurpose says whether the data at k are a processing's own: "the
// analysis results", "resultaten av hudanalysen".
func (s sentence) ofPurpose(k int) bool {
	if k > 0 && s.toks[k-1].tags&cPurpose != 0 && s.toks[k].tags&(oAccount|oMember|oRegister) == 0 {
		return true
	}
	return k+2 < len(s.toks) && ofWords[s.toks[k+1].fold] && s.has(k+2, k+5, cPurpose)
}

// vanishWords are erase words that tell what happens to something, not
// what someone does: "försvinner", "disappear".
var vanishWords = foldSet("försvinner försvinna försvann disappear disappears disappeared vanish vanishes verschwinden verschwindet forsvinder forsvinne forsvinner katoaa katoavat häviää")

// purchaseWords are a person's purchases, as a whole: "mina köp".
var purchaseWords = foldSet("köp köpen kjøp kjøpene køb købene purchases käufe einkäufe ostokset ostokseni")

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

// you says whether "ni", "you", "dere" or the like, addressing Harmoniq,
// stands in [from, to).
func (s sentence) you(from, to int) bool {
	from, to = s.span(from, to)
	for j := from; j < to; j++ {
		switch s.toks[j].fold {
		case "ni", "you", "dere", "ihr", "te", "teilla", "jeres":
			return true
		}
	}
	return false
}

// refrains are the verbs that say an action must not be taken.
var refrains = map[string]bool{"unterlassen": true, "unterlasse": true, "refrain": true, "avsta": true, "avstar": true, "undlade": true, "undlad": true, "pidattaytykaa": true,
	"laterbli": true}

// appreciation are the words of a polite request put as a condition:
// "I'd appreciate it if you", "jag vore tacksam om ni".
var appreciation = map[string]bool{"appreciate": true, "grateful": true, "glad": true, "tacksam": true, "uppskatta": true, "uppskattar": true,
	"dankbar": true, "kiitollinen": true, "taknemmelig": true, "takknemlig": true, "great": true, "lovely": true, "love": true}

// objectPronouns stand between a verb and its negation: "använd dem inte".
var objectPronouns = foldSet("dem dom den det them it mig mej me oss us sie es ihn dere niitä")

func isPronoun(w string) bool {
	switch w {
	case "ni", "man", "vi", "du", "you", "we", "sie", "wir", "dere", "de", "te", "me":
		return true
	}
	return false
}

// isLocation says whether the object at k is the place something is taken
// from ("från ert register", "off your list"), not what is taken.
func (s sentence) isLocation(k int) bool {
	if s.lang == "fi" {
		// Finnish says "from" with a case ending: "postituslistalta",
		// "rekisteristä", "järjestelmistänne".
		f := strings.TrimSuffix(strings.TrimSuffix(s.toks[k].fold, "nne"), "mme")
		if len(f) > 6 && (strings.HasSuffix(f, "lta") || strings.HasSuffix(f, "sta")) {
			return true
		}
	}
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if s.toks[j].tags&wFrom != 0 || j >= k-2 && inPreps[s.toks[j].fold] {
			return true
		}
		if s.toks[j].punct {
			return false
		}
	}
	return false
}

// beneficiary says whether k is whom or what a thing is done for ("delete
// it for me", "ta bort den åt mig", "stängs av för mitt konto"), not what
// is done to.
func (s sentence) beneficiary(k int) bool {
	j := k - 1
	if j >= 0 && s.toks[j].tags&wPoss != 0 {
		j--
	}
	return j >= 0 && forWords[s.toks[j].text]
}

// mistakeWords say a deed was not meant.
var mistakeWords = foldSet("misstag råkade råkat mistake accident accidentally versehentlich vahingossa fejl feil")

// forWords say for whom: by the written word, since "åt" folds to the
// English "at".
var forWords = map[string]bool{"for": true, "för": true, "åt": true, "für": true}

// inPreps say where something is, not what: "varukorgen i mitt konto",
// "the basket in my account".
var inPreps = map[string]bool{"i": true, "in": true, "pa": true, "on": true, "im": true, "auf": true, "inom": true, "within": true, "hos": true, "at": true, "under": true, "til": true, "till": true, "to": true, "zu": true, "inne": true}

// aboutMe returns where "om mig", "about me", "on file" or the like
// stands, or -1.
func (s sentence) aboutMe() int {
	for i, t := range s.toks {
		if t.tags&cAbout != 0 && i+1 < len(s.toks) && s.toks[i+1].tags&oSelf != 0 {
			return i + 1
		}
		if (t.fold == "on" || t.fold == "pa") && i+1 < len(s.toks) && (s.toks[i+1].fold == "file" || s.toks[i+1].fold == "record" || s.toks[i+1].fold == "records" || s.toks[i+1].fold == "fil") {
			return i + 1
		}
		if t.canon == "minusta" {
			return i
		}
	}
	return -1
}

// possessed says whether the object at k is written as the person's own:
// "mina uppgifter", "my data", "meine Daten", "tietoni".
func (s sentence) possessed(k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if s.toks[j].tags&wPoss != 0 {
			return true
		}
		if s.toks[j].punct || s.toks[j].tags&wYour != 0 {
			break
		}
	}
	if k+2 < len(s.toks) && (s.toks[k+1].tags&cAbout != 0 || ofWords[s.toks[k+1].fold]) && s.toks[k+2].tags&oSelf != 0 {
		return true // "uppgifterna om mig", "opptak av meg", "photos of me"
	}
	if k+1 < len(s.toks) && s.toks[k+1].tags&wPoss != 0 && (s.lang == "no" || s.lang == "da" || s.lang == "sv") {
		return true // "hudanalysene mine", "kontoen min"
	}
	f := s.toks[k].fold
	if s.lang == "fi" && len(f) > 5 && strings.HasSuffix(f, "ni") {
		return true // "asiakastietoihini", "osoitteeni": the suffix is "my"
	}
	return strings.HasPrefix(f, "tie") && strings.HasSuffix(f, "ni") || strings.HasSuffix(f, "tietoni") || strings.HasSuffix(f, "tietojeni")
}

var ofWords = map[string]bool{"av": true, "of": true, "von": true, "af": true, "pa": true}

// yours says whether the object at k is the reader's: "ditt konto",
// "your account" in a message to Harmoniq is not the sender's account.
func (s sentence) yours(k int) bool {
	return s.has(k-2, k, wYour) && !s.has(k-2, k, wPoss) || k+1 < len(s.toks) && s.toks[k+1].tags&wYour != 0 && s.toks[k+1].tags&wPoss == 0
}

// objects returns the objects in i's window that are what the action acts
// on, and those that are where it acts from.
func (s sentence) objects(i int) (direct, location []int) {
	from, to := s.span(i-before, i+after+1)
	for k := from; k < to; k++ {
		if k > i && s.toks[k].tags&(cUse|cSend|cReceive) != 0 && s.toks[k].tags&(personal|blocking) == 0 && s.toks[i].tags&(cUse|cSend|cReceive) == 0 {
			break // "ändrar jag vad ni får använda mina uppgifter till": the data is what is used
		}
		if k == i || s.toks[k].punct || s.toks[k].tags&(personal|blocking) == 0 || s.beneficiary(k) {
			continue
		}
		if s.isLocation(k) {
			location = append(location, k)
		} else {
			direct = append(direct, k)
		}
	}
	return direct, location
}

// theirs says whether the object at k is the sender's own business's:
// "våra mejl", "our newsletter" is no mail of Harmoniq's.
func (s sentence) theirs(k int) bool {
	for j := k + 1; j < len(s.toks) && j <= k+2; j++ {
		if f := s.toks[j].fold; f == "oss" || f == "us" || f == "uns" || f == "meilta" {
			return true // "fler mejl från oss"
		}
	}
	for j := max(k-2, 0); j < k; j++ {
		switch s.toks[j].fold {
		case "vara", "our", "unsere", "unseren", "unserem", "vores", "meidan", "dig", "dich", "deg":
			if s.toks[j].text != "vara" || strings.HasPrefix(s.toks[j].text, "vår") {
				return true
			}
		}
		if s.toks[j].text == "våra" || s.toks[j].text == "våre" {
			return true
		}
	}
	return false
}

// hasImage says whether the sentence speaks of pictures of the person:
// "bilderna i er marknadsföring" is about the pictures, not about mail.
func (s sentence) hasImage() bool {
	for i := range s.toks {
		if s.toks[i].marks&mImage != 0 {
			return true
		}
	}
	return false
}

// isImage says whether t is a word for photos.
func isImage(t token) bool {
	switch t.canon {
	case "bild", "bilder", "bilderna", "foto", "foton", "fotografier", "photos", "pictures", "images", "kuvat", "valokuvat", "billeder", "fotos", "bildene", "bilde":
		return true
	}
	return false
}

// themWords are the pronouns that take up data named in the sentence
// before: "radera dem", "delete them".
var themWords = foldSet("dem dom them sie niitä ne dem dere")

// clickWords tell the reader to click: a footer's instruction.
var clickWords = foldSet("klicka click klicken klik klikk klikke napsauta svara reply antworten vastaa")

// instructs says whether the sentence tells its reader how to do a thing
// ("klicka här för att avregistrera dig", "click here to unsubscribe"): a
// newsletter's footer, not the writer's wish. A writer who tried it ("I
// clicked unsubscribe, but …") writes of themself.
// So is an unsubscribe addressed to the reader ("avregistrera dig här").
func (s sentence) instructs(i int) bool {
	return !s.any(wFirst) && (s.near(0, len(s.toks), clickWords) || i+1 < len(s.toks) && readerWords[s.toks[i+1].fold])
}

// readerWords are "you" as the object of a reflexive verb: a text
// addressed to its reader, not written by the person about themself.
var readerWords = foldSet("dig dej dich deg yourself")

// oldWords say a detail is the one to replace.
var oldWords = foldSet("gamla gamle gammal gammel gamle old previous former alte alten alter vanha vanhan entinen tidigare")

// locationPrep says whether an in-preposition stands right before k: "i er
// marknadsföring", "in your marketing".
func (s sentence) locationPrep(k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if inPreps[s.toks[j].fold] || s.toks[j].fold == "for" || s.toks[j].fold == "fur" {
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

func isBlocking(t token) bool { return t.tags&blocking != 0 && t.tags&personal == 0 }

// owned says whether the object at k is unmistakably the person's: an
// account, a membership, a register entry, or their data named as theirs.
func (s sentence) owned(k int) bool {
	t := s.toks[k]
	if t.tags&(oAccount|oMember|oRegister|oMarketing|oList) != 0 {
		return true
	}
	return t.tags&(oData|oField) != 0 && s.possessed(k)
}

// target decides what an action at i acts on: the nearest direct object,
// or, for "ta bort mig från listan", the place. It reports blocked when the
// action acts on an order, a booking, a product or the like.
func (s sentence) target(i int) (k int, blocked bool) {
	direct, location := s.objects(i)
	nearest := func(ks []int, ok func(int) bool) int {
		best := -1
		for _, k := range ks {
			if !ok(k) {
				continue
			}
			if best < 0 || abs(k-i) < abs(best-i) || abs(k-i) == abs(best-i) && k > i {
				best = k
			}
		}
		return best
	}
	all := func(int) bool { return true }
	// "behålla mitt konto, bara boxen ska bort": what the person keeps is
	// no target.
	ownedOne := nearest(direct, func(k int) bool { return !isBlocking(s.toks[k]) && s.owned(k) && !s.yours(k) && !s.kept(k) })
	anyBlocking := nearest(append(direct, location...), func(k int) bool { return isBlocking(s.toks[k]) })
	d := nearest(direct, all)
	if d < 0 {
		// Only a place: "ta bort från listan" is the list; "bort från
		// mitt konto" takes something unnamed from the account.
		if l := nearest(location, func(k int) bool { return s.toks[k].tags&(oMarketing|oList) != 0 }); l >= 0 {
			return l, false
		}
		if anyBlocking >= 0 {
			return anyBlocking, true // "unsubscribe from the box"
		}
		return -1, false
	}
	if s.yours(d) && s.toks[d].tags&(oAccount|oField|oData) != 0 && s.aboutMe() < 0 {
		return -1, false
	}
	if isBlocking(s.toks[d]) {
		if ownedOne >= 0 {
			return ownedOne, false // "min bokning och mitt konto"
		}
		return d, true
	}
	if anyBlocking >= 0 && s.toks[d].tags&(oAccount|oMember|oRegister|oMarketing|oList) == 0 && ownedOne < 0 {
		// A generic word ("uppgifterna", "adressen", "mig") next to an
		// order or a booking belongs to it.
		return anyBlocking, true
	}
	if isAll(s.toks[d]) && s.prev&blocking != 0 {
		return d, true // "Töm varukorgen. Det går inte att ta bort allt."
	}
	// "ta bort mig från nyhetsbrevet", "min e-post från listan": where
	// from decides.
	if s.toks[d].tags&(oSelf|oField|oData) != 0 {
		if l := nearest(location, func(k int) bool { return s.toks[k].tags&(oMarketing|oList) != 0 }); l >= 0 {
			return l, false
		}
	}
	if s.toks[d].tags&oSelf != 0 && s.toks[d].tags&^oSelf&personal == 0 {
		if l := nearest(location, all); l >= 0 {
			if isBlocking(s.toks[l]) && ownedOne < 0 {
				return l, true
			}
			if !isBlocking(s.toks[l]) {
				return l, false
			}
		}
	}
	return d, false
}

// near says whether a word of set stands in [from, to).
func (s sentence) near(from, to int, set map[string]bool) bool {
	from, to = s.span(from, to)
	for j := from; j < to; j++ {
		if set[s.toks[j].fold] {
			return true
		}
	}
	return false
}

var newWords = foldSet("ny nya nytt new neue neuen neuer nye nyt uusi uuden")

var nowWords = foldSet("nu numera now nowadays nun jetzt nå nyt nytt new neu nykyään nyt")

// introduces says whether a name word is "heter", which introduces the
// writer unless a "now" or a change goes with it.
func introduces(t token) bool {
	switch t.canon {
	case "heter", "hedder", "heiße":
		return true
	}
	return false
}

// corrects says whether a change word is a correction ("rätta",
// "correct", "berichtigen"), which acts on a record, not on a booking.
func corrects(t token) bool {
	switch t.canon {
	case "rätta", "rättelse", "rättning", "korrigera", "korrigering", "rette", "rettelse", "korrigere", "correct", "correction", "rectify", "rectification",
		"korrigieren", "berichtigen", "berichtigung", "korjata", "korjatkaa", "oikaisu":
		return true
	}
	return false
}

// kept says whether a keep word ("behålla", "keep", "behalten") stands in
// the few words before k, with no break between.
func (s sentence) kept(k int) bool {
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		if s.toks[j].tags&wBreak != 0 {
			return false
		}
		if keepWords[s.toks[j].fold] {
			return true
		}
	}
	return false
}

var keepWords = foldSet("behålla behåller behåll keep keeping behalten behalte beholde beholder behold pitää säilyttää")

// isAll says whether a word is "allt", "everything", "det hele": data only
// by what the mail spoke of before.
// allWords are "all" before a plural: "alla mina köp", "all my orders".
var allWords = foldSet("alla all alle samtliga kaikki")

func isAll(t token) bool {
	switch t.canon {
	case "allt", "hele", "alt", "everything", "alles", "kaikki":
		return true
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// cue returns the lexicon words of the tokens at is, for the reasons.
func (s sentence) cue(is ...int) []string {
	var out []string
	for _, i := range is {
		if i < 0 || i >= len(s.toks) {
			continue
		}
		// Only lexicon words: a reason never carries the message's own
		// words, which may be a name.
		if w := s.toks[i].canon; w != "" {
			out = append(out, w)
		}
	}
	return out
}

// quality weakens a frame whose words matched only as parts of compounds
// or with a typo.
func (s sentence) quality(is ...int) float64 {
	q := 0.0
	for _, i := range is {
		if i < 0 || i >= len(s.toks) {
			continue
		}
		if s.toks[i].typo {
			q -= 0.15
		}
		if s.toks[i].compound {
			q -= 0.05
		}
	}
	return q
}

func kindOf(t token) string {
	switch {
	case t.tags&oAccount != 0:
		return "account"
	case t.tags&oMember != 0:
		return "membership"
	case t.tags&oRegister != 0:
		return "register"
	case t.tags&(oMarketing|oList) != 0:
		return "marketing"
	case t.tags&oSMS != 0:
		return "messages"
	case t.tags&oField != 0:
		return "field"
	case t.tags&oData != 0:
		return "data"
	case t.tags&oSelf != 0:
		return "me"
	}
	return "object"
}

// frames finds the frames of one sentence.
// frameStarts are the concepts a word in frames' loop must have for any
// of its tests to hold: the first condition of each.
const frameStarts = cErase | cClose | cUnsub | cStop | cRestrict | cObject | cWithdraw | cConsent | oMarketing | oSMS | oList | cSend |
	oMember | wAccount | oRegister | cHold | cUse | cPurpose | cTransfer | cChange | cWrong | cMoved | wLife | oField | cExport | cReceive | cCopy

func frames(s sentence) []hit {
	var hits []hit
	add := func(r rights.Right, frame string, w float64, is ...int) {
		at := -1
		if len(is) > 0 {
			at = is[0]
		}
		hits = append(hits, hit{right: r, frame: frame, cues: s.cue(is...), weight: w + s.quality(is...), at: at})
	}
	me := s.aboutMe()
	replaces := s.find(0, len(s.toks), cChange) >= 0
	img := s.hasImage()
	for i := range s.toks {
		// Only a word of these concepts starts a frame below (each test
		// begins with one of them): "jag", "vill", "mina" and most other
		// tagged words start none, and cost no negation scope.
		if p := &s.toks[i]; p.punct || p.tags&frameStarts == 0 && p.marks&mOut == 0 {
			continue
		}
		t := s.toks[i]
		neg := s.negated(i)
		// An action told as done, or in an if-clause, decides nothing;
		// it is still evidence for triage.
		scale := 1.0
		if t.tags&(cErase|cClose|cUnsub|cStop|cRestrict|cObject|cWithdraw|cChange|cTransfer|cExport) != 0 {
			switch {
			case s.done(i):
				scale = 0.25 // told as done: not even a guess
			case s.hypothetical(i):
				scale = 0.5
			}
		}
		addS := func(r rights.Right, frame string, w float64, is ...int) { add(r, frame, w*scale, is...) }

		switch {
		case t.tags&(cErase|cClose|cUnsub) != 0 && !neg && !(s.question && vanishWords[t.fold] && !s.any(cWant|wPlease)):
			// "Försvinner mina poäng när e-posten byts?" asks what happens
			k, blocked := s.target(i)
			if blocked || s.near(i-3, i+4, mistakeWords) {
				// "jag avregistrerade mig av misstag", "I deleted my
				// account by accident": done and regretted, not asked
				break
			}
			if k < 0 {
				switch {
				case t.tags&cUnsub != 0 && !s.instructs(i):
					addS(rights.MarketingOptOut, "unsubscribe", 0.85, i)
				case t.tags&cErase != 0 && (s.prev|s.ctx)&(oData|oAccount|oMember|oRegister) != 0 && s.ctx&blocking == 0 && i+1 < len(s.toks) && (themWords[s.toks[i+1].fold] || itWords[s.toks[i+1].fold] && s.prev&(oAccount|oMember) != 0):
					// "Vilka uppgifter har ni om mig? Radera dom sen."
					addS(rights.Erasure, "erase+them", 0.75, i, i+1)
				case t.tags&cErase != 0 && s.inMyDetail(i) >= 0 && !s.any(blocking):
					// "ta bort det extra h i mitt efternamn": a detail
					// corrected, not erased
					addS(rights.Rectification, "remove-from+field", 0.75, i, s.inMyDetail(i))
				}
				break
			}
			o := s.toks[k]
			if forgets(t) && o.tags&oSelf == 0 {
				break // "jag har glömt lösenordet till mitt konto"
			}
			if o.tags&(oMember|oList|oMarketing) != 0 && s.has(k-2, k, blocking) {
				break // "my Glow Box membership", "the workshop list"
			}
			// "I signed up for the workshop … Please take me off the list",
			// "Jag laddade upp en bild till min recension … Kan ni ta bort
			// bilden?": a list, or data not the person's own, after a
			// sentence about an order, a booking or a product is that
			// thing's.
			if s.prev&blocking != 0 && s.prev&(oAccount|oMember|oRegister) == 0 && me < 0 && !s.any(oAccount|oMember|oRegister|oMarketing) &&
				(o.tags&oList != 0 || o.tags&(oData|oField) != 0 && !s.possessed(k)) {
				break
			}
			switch {
			case s.instructs(i) && !s.any(oSelf|wPoss|wPlease):
				// "To unsubscribe from these mails, reply STOP": a sender's
				// instruction to its reader
			case o.tags&(oMarketing|oList) != 0 && o.tags&(oAccount|oMember|oRegister) == 0,
				o.tags&oSMS != 0 && t.tags&(cErase|cUnsub) != 0 && o.tags&(oAccount|oMember|oRegister|oData) == 0:
				addS(rights.MarketingOptOut, "remove+"+kindOf(o), 0.85, i, k)
			case t.tags&cUnsub != 0 && o.tags&(oAccount|oMember|oRegister) == 0 && !s.instructs(i):
				addS(rights.MarketingOptOut, "unsubscribe", 0.85, i)
			case replaces && o.tags&oField != 0:
				// "det gamla numret ska bort och ersättas": a correction
			case t.tags&cErase != 0 && o.tags&oField != 0 && (s.has(k-2, k, cWrong) || s.near(k-2, k, oldWords) || s.has(0, len(s.toks), wFirst|wPoss) && s.near(k+1, len(s.toks), newWords)):
				// "ta bort den gamla mejladressen", "remove the wrong phone
				// number", "alte Anschrift löschen, neue eintragen": the
				// record corrected, not erased
				addS(rights.Rectification, "remove-old+"+kindOf(o), 0.8, i, k)
			case o.tags&oField != 0 && s.has(k+1, len(s.toks), oMarketing|oList):
				// "remove my number from your call list"
				addS(rights.MarketingOptOut, "remove-from+marketing", 0.85, i, k)
			case t.tags&cErase != 0 && o.tags&oSelf != 0 && s.has(k+1, min(k+5, len(s.toks)), cPurpose) && !s.has(k+1, min(k+5, len(s.toks)), oAccount|oMember|oRegister|oData):
				// "ta bort mig ur de analyserna": out of the processing, an
				// objection to it
				addS(rights.Objection, "remove-me-from+purpose", 0.75, i, k)
			case t.tags&(cErase|cUnsub) != 0 && o.tags&(oAccount|oMember|oRegister|oData) != 0 && (isImage(o) || o.tags&cPurpose != 0 || s.ofPurpose(k) ||
				// "Jeg trekker tilbake samtykket … Dere kan slette
				// resultatene": the results of what the consent covered
				s.ctx&cWithdraw != 0 && s.ctx&cConsent != 0 && o.tags&wTopic == 0 && !s.any(oAccount|oMember) && !s.allBefore(k+1)):
				// "ta bort bilderna", "remove the photos": what a consent
				// covers; when the mail withdraws it, the withdrawal
				// (decide)
				addS(rights.Erasure, "erase+consented", 0.9, i, k)
			case t.tags&(cErase|cUnsub) != 0 && o.tags&(oAccount|oMember|oRegister|oData) != 0:
				addS(rights.Erasure, "erase+"+kindOf(o), 0.9, i, k)
			case t.tags&cErase != 0 && o.tags&oSelf != 0:
				addS(rights.Erasure, "erase+me", 0.75, i, k)
			case t.tags&cErase != 0 && o.tags&oField != 0:
				addS(rights.Erasure, "erase+field", 0.6, i, k)
			case t.tags&cClose != 0 && o.tags&(oAccount|oMember) != 0:
				addS(rights.Erasure, "close+"+kindOf(o), 0.75, i, k)
			}
		case t.tags&cStop != 0 && !neg:
			end := min(i+after+1, len(s.toks))
			m := s.find(i+1, end, oMarketing|oList|oSMS)
			// "sluta använda mina köp för att föreslå produkter": the
			// purchases are what is used, the person's data.
			usedNext := s.has(i+1, i+3, cUse)
			if b := s.find(i+1, end, blocking); b >= 0 && (m < 0 || b < m) && !(usedNext && s.usesOwn(i+1, end) && s.any(cPurpose)) {
				break // "sluta skicka paketet"
			}
			switch u := s.find(i+1, end, cUse|cPurpose); {
			case m < 0 && u == i+1 && s.toks[u].tags&cPurpose != 0 && s.toks[u].tags&(oData|blocking) == 0 && !s.any(blocking):
				// "sluta anpassa appen efter vad jag köper", "stop profiling
				// me": the processing itself
				addS(rights.Objection, "stop+purpose", 0.75, i, u)
			case m >= 0 && !(usedNext && s.usesOwn(i+1, end)) && !s.instructs(i):
				addS(rights.MarketingOptOut, "stop+"+kindOf(s.toks[m]), 0.85, i, m)
			case u >= 0 && (s.has(i+1, end+2, oData|oSelf|wPoss|oAccount) || s.prev&oData != 0 ||
				// "älkää poistako tietojani, mutta lopettakaa niiden käyttö
				// toistaiseksi": the data named before, kept until then
				s.any(cUntil) && s.has(i-before, i, oData|oAccount)):
				switch {
				case s.any(cUntil):
					addS(rights.Restriction, "stop-using+until", 0.75, i, u)
				case s.near(i+1, u+1, suchWords) && s.ctx&oMarketing != 0:
					// "… mot direktmarknadsföring. Jag förutsätter att ni
					// upphör med all sådan behandling": the same marketing
					addS(rights.MarketingOptOut, "stop-such+marketing", 0.65, i, u)
				default:
					addS(rights.Objection, "stop-using", 0.65, i, u)
				}
			case s.has(i+1, end, cSend) && s.has(i+1, end+2, oSelf):
				addS(rights.MarketingOptOut, "stop-sending-me", 0.6, i)
			case s.ctx&(oMarketing|oSMS|oList) != 0 && s.ctx&blocking == 0 && !s.any(blocking|personal):
				addS(rights.MarketingOptOut, "stop+it", 0.6, i) // "three texts this week … make it stop"
			case s.ctx&cPurpose != 0 && s.ctx&blocking == 0 && !s.any(blocking|personal):
				addS(rights.Objection, "stop+it", 0.6, i) // "ni gör en profil av min hud … sluta med det"
			}
		case t.tags&cRestrict != 0 && !neg:
			k, blocked := s.target(i)
			if blocked {
				break
			}
			// "Jag vill köpa ett presentkort … Kan man begränsa det så att
			// det bara kan användas på kliniken?": "det" is the gift card.
			if k < 0 && s.prev&blocking != 0 && s.prev&(oData|oAccount|oMember|oRegister) == 0 && !s.any(personal|wTopic) {
				break
			}
			if k >= 0 && s.toks[k].tags&(oData|oAccount|oField|oRegister) != 0 || s.has(i-before, i+after+1, cUse|wTopic) || k < 0 && s.prev&oData != 0 {
				addS(rights.Restriction, "restrict+"+kindOf(tokenAt(s, k)), 0.85, i, k)
			}
		case t.tags&cObject != 0 && !neg:
			// "I object to you analysing my history to build 'recommended
			// for you' lists": the processing named first is objected to.
			m := s.find(0, len(s.toks), oMarketing|oList)
			if p := s.find(i+1, len(s.toks), cPurpose); p >= 0 && (m < 0 || p < m) && !s.has(i+1, p, blocking) {
				addS(rights.Objection, "object+purpose", 0.85, i, p)
			} else if m >= 0 {
				addS(rights.MarketingOptOut, "object+marketing", 0.85, i, m)
			} else if s.prev&blocking != 0 && !s.any(personal|cPurpose|wTopic) {
				// "priset höjs … Jag invänder mot det": the price's
			} else if !s.any(personal|cPurpose|wTopic|cUse) && (s.prev|s.ctx)&(cPurpose|oData|wTopic) == 0 && !nounish(t) {
				// "jag motsätter mig det", "I object to this": nothing
				// says it is about the person's data; staff read it
				addS("", "objection, of what unsaid", 0.45, i)
			} else if _, blocked := s.target(i); !blocked {
				addS(rights.Objection, "object", 0.85, i)
			}
		case t.tags&cWithdraw != 0 && !neg:
			k := s.find(i-before, i+after+1, cConsent)
			if k < 0 && s.ctx&(cConsent|wGive) != 0 && s.has(i-3, i+3, wFirst) && s.near(i-3, i+3, itWords) && !s.has(i-3, i+4, blocking) && !s.any(oMarketing|oList) {
				// "I never really agreed to those photos being kept …
				// whatever box I ticked, I'm taking it back"
				addS(rights.ConsentWithdrawal, "withdraw+it", 0.75, i)
				break
			}
			if k < 0 {
				break
			}
			// The consent is to what comes first after it: "samtykket til
			// at dere lagrer hudanalysen min, og … nyhetsbrev" is to the
			// analysis; the newsletter is asked of apart.
			// "jag vill inte få fler nyhetsbrev, och jag återkallar mitt
			// samtycke till makeupanalysen": the newsletter before is asked
			// of apart.
			d, m := s.find(k+1, len(s.toks), oData|cPurpose), s.find(k+1, len(s.toks), oMarketing|oList)
			if m < 0 && d < 0 {
				m = s.find(0, len(s.toks), oMarketing|oList)
			}
			if m < 0 && d < 0 && s.prev&(oMarketing|oList) != 0 && s.prev&(cPurpose|oData) == 0 {
				// "… jag ville få SMS-erbjudanden. Det samtycket drar jag
				// tillbaka nu."
				addS(rights.MarketingOptOut, "withdraw-consent+marketing", 0.8, i, k)
				break
			}
			if m >= 0 && (d < 0 || m < d) {
				addS(rights.MarketingOptOut, "withdraw-consent+marketing", 0.85, i, k, m)
				if d > m && m > k && s.toks[d].tags&cPurpose != 0 {
					// "samtycke till nyhetsbrevet och hudanalysen": both
					addS(rights.ConsentWithdrawal, "withdraw+consent+"+kindOf(s.toks[d]), 0.85, i, k, d)
				}
			} else if d := s.find(i-before, len(s.toks), oData|cPurpose); d >= 0 {
				addS(rights.ConsentWithdrawal, "withdraw+consent+"+kindOf(s.toks[d]), 0.9, i, k, d)
			} else {
				addS(rights.ConsentWithdrawal, "withdraw+consent", 0.9, i, k)
			}
		case t.tags&cConsent != 0 && s.negIn(i-4, i+4) && s.has(i-4, i+5, wNoMore):
			if m := s.find(0, len(s.toks), oMarketing|oList); m >= 0 {
				add(rights.MarketingOptOut, "no-longer-consent+marketing", 0.8, i, m)
			} else {
				add(rights.ConsentWithdrawal, "no-longer-consent", 0.8, i)
			}
		}

		// "vill inte ha fler nyhetsbrev", "no more emails please", "en halua
		// enää uutiskirjettä": a negation before marketing makes the opt-out.
		if t.tags&(oMarketing|oSMS|oList) != 0 && !s.has(i-2, i+after, blocking) && !s.theirs(i) && !(img && s.locationPrep(i)) {
			// "jag vill inte ha fler sms" asks; "jag får inga sms längre" tells.
			// The word asking must be another than the marketing word
			// itself: "mejlet" is also "mejla" ("hittar inte mejlet").
			// "…och inte få några fler sms" asks with the "vill" before it;
			// "och inga fler sms" at the start of a sentence asks alone.
			// "jag vill inte att ni anpassar erbjudanden": what is not
			// wanted is how offers are made, not the offers (objection).
			if j := s.negBefore(i, 6); j >= 0 && !s.has(j+1, i, cPurpose|cErase|cClose|cUnsub|cStop) && (s.hasBesides(j-4, i+3, i, cWant|cSend|wPlease|cStop) ||
				s.has(j+1, i, cReceive) && s.has(0, j, cWant) && !s.has(0, j, wBreak) ||
				(j == 0 || j == 1 && conjunctions[s.toks[0].fold]) && s.has(j, i+3, wNoMore)) {
				add(rights.MarketingOptOut, "no-more+"+kindOf(t), 0.8, i)
			} else if t.tags&oMarketing != 0 && s.negIn(i+1, i+12) && s.has(i+1, i+12, cWant) && !s.has(i+1, i+12, cPurpose|wBreak|cStop|wStill) {
				// not "… sitä en halua lopettaa" (I don't want to stop it)
				// "… nyhetsbrevet, men jag vill inte …": a "but" turns to
				// something else.
				add(rights.MarketingOptOut, "not-wanted+"+kindOf(t), 0.75, i) // "reklambrev … sådana vill jag inte ha"
			}
		}

		// "don't text me anymore", "ring mig inte mer", "schreiben Sie mir
		// nicht mehr": contact the person asks to end, with nothing
		// ordered or booked to tell of.
		if t.tags&cSend != 0 && (neg || i+2 < len(s.toks) && s.toks[i+1].tags&oSelf != 0 && s.toks[i+2].neg) && s.has(i-2, i+3, oSelf) && s.has(i-4, i+5, wNoMore) && !s.any(blocking) && s.ctx&blocking == 0 && !s.done(i) && !s.hypothetical(i) {
			add(rights.MarketingOptOut, "no-more-contact+me", 0.7, i)
		}

		// "jag vill inte längre vara medlem/kund", "jag vill inte finnas i
		// ert register", "I don't want you to keep my data".
		if t.tags&(oMember|wAccount) != 0 && s.negIn(i-5, i) && s.has(i-5, i+3, wNoMore) && !s.any(blocking) {
			add(rights.Erasure, "no-longer+"+kindOf(t), 0.65, i)
		}
		if t.tags&oRegister != 0 && s.negIn(i-6, i) && s.any(wFirst|oSelf) && s.any(cWant) && !s.any(blocking) {
			add(rights.Erasure, "not-in+register", 0.65, i)
		}
		if t.tags&cHold != 0 && existVerbs[t.fold] && neg && s.has(i-3, i, wFirst) && (s.has(i+1, i+4, wNoMore) || s.toks[min(i+1, len(s.toks)-1)].fold == "kvar" || s.you(i+1, i+4)) && !s.any(blocking) {
			add(rights.Erasure, "not-kept+me", 0.65, i) // "se till att jag inte finns kvar hos er"
		}
		// "vill inte att ni sparar mina uppgifter"; processing not wanted
		// ("behandlar") is an objection, below.
		if t.tags&cHold != 0 && t.tags&cUse == 0 && (neg && s.has(i-6, i, cWant) || s.has(i-2, i, wNoMore) && s.negIn(i-2, i)) {
			if k := s.find(i+1, i+after, oData); k >= 0 && s.possessed(k) {
				add(rights.Erasure, "do-not-keep+data", 0.7, i, k)
			}
		}
		// "jag vill inte att ni använder mina hudanalyser till …"
		// The negation goes with the wish ("vill inte att", "don't want
		// you to"), not with an if ("if not, what would you recommend").
		if t.tags&(cUse|cHold|cPurpose) != 0 && s.notWanted(i-16, i) && s.any(cPurpose) && !s.clauseHas(i, oMarketing|oList) {
			if k := s.find(i-before, i+after+1, oData|wPoss|oSelf|wFirst); k >= 0 {
				add(rights.Objection, "do-not-use+purpose", 0.7, i, k)
			}
		} else if t.tags&cUse != 0 && s.notWanted(i-6, i) && !s.any(cUntil|blocking|oMarketing|oList) {
			// "I'd rather you didn't use my purchase history": the use of
			// the person's own data, objected to, purpose unnamed.
			if k := s.find(i+1, i+4, oData); k >= 0 && (s.possessed(k) || me >= 0) {
				add(rights.Objection, "do-not-use+data", 0.6, i, k)
			}
		}
		// "använd inte mina uppgifter förrän ni kollat": restriction.
		// "I don't want that information used for anything until …",
		// "verwenden Sie sie bis dahin für nichts anderes", "skicka
		// ingenting till det gamla numret tills det är fixat".
		// "please stop processing them … until I tell you otherwise".
		stopped := i > 0 && s.toks[i-1].tags&cStop != 0 && !s.negated(i-1)
		if t.tags&(cUse|cSend) != 0 && (neg || s.notWanted(i-8, i) || s.nothingAfter(i) || stopped && t.tags&cUse != 0) && (s.has(i-before, i+after+1, oData|oSelf|wPoss|oField) || s.prev&oData != 0) && s.any(cUntil) && (t.tags&cUse != 0 || s.any(oField) && !s.any(blocking)) {
			add(rights.Restriction, "do-not-use+until", 0.75, i)
		}

		// "ingen profilering", "no profiling", "ei profilointia".
		if t.tags&cPurpose != 0 && i > 0 && s.toks[i-1].neg && t.tags&(oData|oMarketing) == 0 && !s.any(blocking) {
			add(rights.Objection, "no+purpose", 0.7, i)
		}
		// "ni får inte använda mina bilder", "die Bilder nicht mehr verwenden":
		// pictures are kept by consent.
		if t.tags&cUse != 0 && (neg || s.negIn(i-3, i+3) && s.has(i-3, i+3, wNoMore)) && img && !s.any(blocking) && !s.any(oMarketing|oList) {
			add(rights.ConsentWithdrawal, "do-not-use+pictures", 0.65, i)
		}
		// "Inga mejl, inga sms – och ta bort mitt konto": messages refused,
		// with no verb, at the start of a sentence or a list.
		if s.where != inSubject && t.tags&oSMS != 0 && t.tags&(oAccount|oMember|oRegister) == 0 && i > 0 && s.toks[i-1].neg && (i == 1 || s.toks[i-2].punct) &&
			(i+1 == len(s.toks) || s.toks[i+1].punct || conjunctions[s.toks[i+1].fold]) && !s.any(blocking) {
			add(rights.MarketingOptOut, "no+messages", 0.7, i)
		}
		// "ingen reklam", "no calls": a negation right before marketing.
		if t.tags&oMarketing != 0 && i > 0 && s.toks[i-1].neg && !s.any(blocking) && !s.theirs(i) && !img && !(i > 1 && thereWords[s.toks[i-2].fold]) {
			add(rights.MarketingOptOut, "no+marketing", 0.7, i)
		}
		// "vil ut av databasen", "want out of your database".
		if t.marks&mOut != 0 && s.has(i+1, i+5, oRegister|oMember|oAccount) && (s.any(cWant) || i == 0) && !s.any(blocking) {
			add(rights.Erasure, "out-of+register", 0.7, i, s.find(i+1, i+5, oRegister|oMember|oAccount))
		}
		// "skicka historiken till min nya salong": to another company.
		if t.tags&(cSend|cTransfer) != 0 && !neg && s.has(i-before, i+after+1, oData) && !s.has(i-before, i+after+1, blocking) {
			// "lähettää uuden kortin": a new card is no other company.
			d := s.find(i-before, i+after+1, oData)
			// "kan ni väl skicka en ny?": a new one, of the product, ends the
			// sentence; another company is named after the word.
			if o := s.find(i+1, len(s.toks), cOther); o >= 0 && o+1 < len(s.toks) && !isPronoun(s.toks[o+1].fold) && o+1 != d {
				addS(rights.Portability, "send-data+elsewhere", 0.7, i, d, o)
			}
		}

		// Rectification: a change to, or a fault in, the person's details.
		if t.tags&(cChange|cWrong|cMoved) != 0 && !neg && t.tags&(cErase) == 0 {
			k, blocked := s.target(i)
			if blocked {
				continue
			}
			own := k >= 0 && s.possessed(k) || me >= 0 || s.any(wFirst|oSelf|oRegister|oAccount|oMember|wAccount) || s.ctx&(wFirst|wPoss) != 0
			if k < 0 || s.toks[k].tags&(oField|oData) == 0 {
				switch {
				case t.tags&cMoved != 0 && s.has(i+1, len(s.toks), oField) && !s.any(blocking):
					addS(rights.Rectification, "moved+new-address", 0.75, i, s.find(i+1, len(s.toks), oField))
				case t.tags&cChange != 0 && (own || s.ctx&(wFirst|wPoss) != 0) && (s.ctx|s.all)&(oField|wLife) != 0 && (s.ctx&blocking == 0 || s.onMyRecord(i)) && (k < 0 || s.toks[k].tags&(oAccount|oMember|oRegister) != 0):
					// "heter nu X. Kan ni uppdatera det på mitt konto?"; "kan ni
					// byta ut det gamla i mitt kundregister?" after a booking
					addS(rights.Rectification, "change+it", 0.75, i, k)
				case corrects(t) && s.any(oRegister|oAccount|oMember) && !s.any(blocking) && s.ctx&blocking == 0:
					addS(rights.Rectification, "correct+record", 0.7, i) // "kan ni rätta det i kundregistret?"
				case t.tags&cWrong != 0 && i+1 < len(s.toks) && s.toks[i+1].tags&oSMS != 0 && s.any(oAccount|oMember|oRegister) && !s.any(blocking):
					// "ni har fel mejl på mitt konto": the address the
					// account has, named by what is sent to it
					addS(rights.Rectification, "wrong+contact", 0.75, i, i+1)
				}
				continue
			}
			o := s.toks[k]
			switch {
			case s.near(k-1, k, othersWords) || k >= 2 && !s.toks[k-1].punct && s.near(k-2, k-1, othersWords):
				// "I typed her mobile number wrong", "hans adress": someone
				// else's detail, not the writer's record
			case t.tags&cWrong != 0 && o.tags&oField != 0 && s.any(blocking) && !s.any(oAccount|oMember|oRegister):
				// "skrev hennes namn fel" on a gift card: the order's detail
			case t.tags&cWrong != 0 && o.tags&oField != 0:
				addS(rights.Rectification, "wrong+"+kindOf(o), 0.8, i, k)
			case t.tags&cWrong != 0 && (s.possessed(k) || me >= 0) && abs(k-i) <= 3:
				addS(rights.Rectification, "wrong+data", 0.75, i, k)
			case t.tags&cChange != 0 && own && !(s.any(blocking) && !s.any(oAccount|oMember|oRegister)) &&
				// "Jag köpte ett presentkort … Kan ni ändra namnet?" (a parcel
				// sent to the old address tells of a move, not an order)
				// "… ett presentkort igår … Det står Lisa. Kan ni ändra namnet?":
				// an earlier sentence of the same part counts too, when this
				// one does not speak of the writer ("jag har bytt nummer").
				!((s.prev&(blocking&^bDelivery) != 0 && s.prev&(oAccount|oMember|oRegister|wLife|cMoved) == 0 ||
					s.ctx&(blocking&^bDelivery) != 0 && s.ctx&(oAccount|oMember|oRegister|wLife|cMoved) == 0 && !s.any(wFirst)) &&
					!s.possessed(k) && !s.any(oAccount|oMember|oRegister)):
				addS(rights.Rectification, "change+"+kindOf(o), 0.8, i, k)
			case t.tags&cMoved != 0 && o.tags&oField != 0:
				addS(rights.Rectification, "moved+address", 0.75, i, k)
			}
		}
		// "jag gifte mig och heter Lindqvist nu, det står Berg på mitt
		// konto"; "jag heter Gunnel Åkesson" alone introduces the writer.
		if t.tags&wLife != 0 && (s.any(oField|oAccount|oMember|oRegister) || s.ctx&oField != 0) && !s.any(blocking) && (!introduces(t) || s.any(cChange|cWrong) || s.near(i-3, i+4, nowWords)) {
			add(rights.Rectification, "new-name", 0.7, i)
		}

		// "Jag har flyttat. Min nya adress är …", "my new number, please
		// update my account": a detail replaced, with no order or booking
		// to deliver to. A new address alone may be for one parcel.
		if t.tags&oField != 0 && i > 0 && newWords[s.toks[i-1].fold] && ((s.ctx|s.all)&cMoved != 0 || s.possessed(i) && (s.ctx|s.all)&(cChange|oAccount|oMember|oRegister) != 0) && !s.any(blocking) && s.ctx&blocking == 0 {
			add(rights.Rectification, "new+"+kindOf(t), 0.7, i)
		}

		// Portability: the data in a file, or moved to another company.
		if t.tags&cTransfer != 0 && isPortabilityTerm(t) && !neg && (t.canon != "portable" || s.has(i-3, i+4, oData)) { // "my data in a portable format", not "a portable hair dryer"
			add(rights.Portability, "portability", 0.95, i)
		} else if t.tags&(cExport|cTransfer|cSend|cReceive|cCopy) != 0 && !neg && !s.has(i-before, i+after+1, bReceipt|bOrder) &&
			!(t.tags&cTransfer != 0 && s.has(i+1, i+4, bBooking)) { // "flytte timen min for makeupanalyse": a booking moved
			k := s.find(i-before, i+after+1, oData)
			if k < 0 && s.prev&oData != 0 {
				k = i // "Kan ni skicka dem i en fil?"
			}
			if k > 0 && k != i && s.toks[k-1].tags&bItem != 0 {
				k = -1 // "the product data in Excel": a product's, not the person's
			}
			if k >= 0 {
				// "som fil (PDF eller Excel går bra)": the strongest file
				// word after the action decides.
				f := s.find(i+1, len(s.toks), cFile)
				for j := f + 1; f >= 0 && j < len(s.toks); j++ {
					if s.toks[j].tags&cFile != 0 && strongFile(s.toks[j]) {
						f = j
						break
					}
				}
				switch {
				case f >= 0 && (strongFile(s.toks[f]) || s.any(cOther|cTransfer) || t.tags&cExport != 0):
					addS(rights.Portability, "data+file", 0.8, i, k, f)
				case f >= 0 && fileNoun(s.toks[f]) && k != i && (s.possessed(k) || me >= 0):
					// "send me a file with all my purchases": the person's
					// data as a file is portability, not a copy to read.
					addS(rights.Portability, "my-data+file", 0.75, i, k, f)
				case t.tags&cTransfer != 0 && s.has(i-6, len(s.toks), cOther) && (k != i || !s.has(i-2, i, wFirst)):
					// "jag flyttar till ett annat land" moves the writer
					addS(rights.Portability, "move-data+elsewhere", 0.8, i, k)
				case t.tags&cTransfer != 0 && k != i && s.toks[k].tags&oData != 0 && !(k < i && s.has(i-2, i, wFirst)):
					// "… raderar mina uppgifter – jag flyttar utomlands": the
					// writer moves, the data stays the other verb's
					addS(rights.Portability, "move-data", 0.7, i, k)
				case t.tags&cExport != 0 && k != i && s.possessed(k):
					addS(rights.Portability, "export+data", 0.6, i, k)
				}
			}
		}
	}
	// "jag vill inte att ni har mina selfies, jag tar tillbaka mitt
	// samtycke": the consent frame says it; the others restate it.
	if slices.ContainsFunc(hits, func(h hit) bool { return h.right == rights.ConsentWithdrawal }) {
		hits = slices.DeleteFunc(hits, func(h hit) bool {
			return h.frame == "do-not-keep+data" || h.frame == "do-not-use+purpose" || h.frame == "do-not-use+data"
		})
	}
	// "min köphistorik som csv-fil", "meine Daten maschinenlesbar": a
	// machine-readable format asked for is portability, verb or none.
	// "alla mina köp i en Excel-fil": all of the person's own, whatever
	// the noun, is their data.
	allMine := -1
	for i := range s.toks {
		if s.toks[i].marks&mAll != 0 && s.has(i+1, i+3, wPoss) || purchaseWords[s.toks[i].fold] && (i > 0 && s.toks[i-1].tags&wPoss != 0 || i > 0 && s.toks[i-1].marks&mAll != 0 || i+1 < len(s.toks) && s.toks[i+1].tags&wPoss != 0) {
			allMine = i // "alla mina köp", "mine køb", "alle kjøpene", "kjøpene mine": the person's own
			break
		}
	}
	if !slices.ContainsFunc(hits, func(h hit) bool { return h.right == rights.Portability }) && s.any(cFile) && (s.any(oData) && !s.any(bReceipt|bOrder) || allMine >= 0 && !s.any(bReceipt)) {
		for i, t := range s.toks {
			// a format, or a file to take to another shop ("en fil … til
			// en ny salong", "as a file so I can take it to another shop")
			if t.tags&cFile != 0 && (strongFile(t) || fileNoun(t) && s.any(cOther|cTransfer)) && !s.negated(i) {
				d := s.find(i-20, i, oData)
				if d < 0 {
					d = s.find(i+1, i+8, oData) // "en fil med … hudanalysene mine"
				}
				if d > 0 && s.toks[d-1].tags&bItem != 0 {
					d = -1 // "produktdata som Excel"
				}
				if d < 0 && allMine >= 0 {
					d = allMine
				}
				if d >= 0 && (s.possessed(d) || d == allMine || s.any(cWant|wPlease) || s.question || asksAnything(s.toks)) {
					add(rights.Portability, "data+format", 0.75, d, i)
					break
				}
			}
		}
	}
	// "använd inte mina uppgifter till något förrän …": the restriction
	// says it; the objection the same words make is not a second right.
	if slices.ContainsFunc(hits, func(h hit) bool { return h.right == rights.Restriction }) {
		hits = slices.DeleteFunc(hits, func(h hit) bool {
			return h.frame == "do-not-use+purpose" || h.frame == "do-not-use+data" || h.frame == "stop-using"
		})
	}
	hits = append(hits, accessFrames(s, me)...)
	return asked(s, hits)
}

// asked weakens the frames of a sentence that asks for nothing: one that
// talks about a right ("hur hanterar ni registerutdrag?", "many retailers
// get deletion requests") rather than asking for it. A sentence asks when
// it has a word of asking ("vill", "please", "bitte", "pyydän"), when the
// person acts in the first person ("jag återkallar", "I object"), when its
// verb comes first (an imperative), or when it asks a question about the
// person's own data.
func asked(s sentence, hits []hit) []hit {
	if len(hits) == 0 {
		return hits
	}
	if s.where == inSubject {
		// "Re: Ditt registerutdrag": Harmoniq's subject, answered.
		// "Take me off your mailing list" removes the writer from
		// Harmoniq's list.
		for i := range hits {
			if at := hits[i].at; at >= 0 && s.yours(at) && !s.has(at+1, at+4, oList|oMarketing|oRegister) {
				hits[i].weight *= 0.5
			}
		}
		// A subject names the matter, unless it names a question about it
		// ("Fråga om registerutdrag", "Interview request: GDPR").
		for _, t := range s.toks {
			if questionWords[t.fold] || t.tags&wHow != 0 {
				for i := range hits {
					hits[i].weight *= 0.55
				}
				break
			}
		}
		return hits
	}
	asking := s.askedBefore
	for i, t := range s.toks {
		if askWords[t.fold] || mayWords[t.fold] && s.you(i+1, i+3) {
			asking = true
			break
		}
	}
	// An imperative asks: "Skicka ett utdrag på vad ni har om mig",
	// "Send me what you hold". The verb comes first, in the sender's own
	// words, and is not told as done.
	if !asking && !s.question && s.where != inQuoted && len(s.toks) > 2 && s.toks[0].tags&imperatives != 0 && !s.toks[0].compound && !s.done(0) && !s.negated(0) {
		asking = true
	}
	for i := range hits {
		h := &hits[i]
		if h.at < 0 {
			continue
		}
		if w := s.find(0, h.at, wHow); w >= 0 && h.right != rights.Access && !s.asksWhether(w) {
			h.weight *= 0.55 // "hur hanterar ni registerutdrag?": about the process
			continue
		}
		own := s.aboutMe() >= 0 || s.any(wPoss)
		if asking || s.question && own {
			continue
		}
		// An access frame asks only when the sentence asks: "överst låg en
		// utskrift av min hudanalys" tells of a leak.
		if h.right == rights.Access && h.frame != "register-extract" && !h.legal {
			h.weight *= 0.55
			continue
		}
		// A verb acts; a noun ("radering", "registerutdrag", "artikel 17")
		// may only name the right, as a journalist or a supplier would.
		if !h.legal && !nounish(s.toks[h.at]) {
			continue
		}
		at := h.at
		first := s.has(at-3, at, wFirst) && !s.done(at)
		if !first && !own {
			h.weight *= 0.55
		}
	}
	return hits
}

// imperatives are the actions whose verb, first in a sentence, asks.
const imperatives = cSend | cErase | cClose | cUnsub | cStop | cRestrict | cChange | cExport | cTransfer | cWithdraw

// asksAnything says whether words hold a word of asking.
func asksAnything(toks []token) bool {
	for _, t := range toks {
		if askWords[t.fold] {
			return true
		}
	}
	return false
}

// nounish says whether a word is the noun of an action ("radering",
// "avregistrering", "deletion", "Löschung"), by its ending.
func nounish(t token) bool {
	w := t.canon
	if w == "" {
		w = t.fold
	}
	for _, suf := range []string{"ing", "ingen", "else", "elsen", "tion", "sion", "ung", "drag", "ure", "al", "itet", "ity", "us", "ning"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// askWords are the words of asking, in every language read; mayWords
// ask only with "you" after them ("kan ni", "could you", "können Sie").
var askWords, mayWords, questionWords = foldSet("vill önskar önska begär begära begäran ber beder skulle vänligen snälla tacksam uppskattar uppskatta hoppas härmed kräver " +
	"please pls plz would want like request requesting ask asking kindly wish demand hereby id ill " +
	"bitte möchte möchten verlange verlangen fordere beantrage bitten ersuche hiermit " +
	"venligst ønsker anmoder gerne hermed vil " +
	"vennligst krever gjerne herved " +
	"pyydän haluan haluaisin vaadin voisitteko voitteko voisitko ystävällisesti täten " +
	// imperatives of telling: "tell me who …", "berätta vilka …"
	"tell berätta uppge ange nennen nennen fortæl oplys fortell opplys kerro kertokaa ilmoittakaa"),
	foldSet("kan kunde kunna can could kunne können könnten voitteko"),
	foldSet("fråga frågor förfrågan question questions frage fragen kysymys spørgsmål spørsmål intervju interview undersökning survey thesis uppsats examensarbete")

func foldSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[fold(w)] = true
	}
	return m
}

// forgets says whether an erase word is "forget": it erases only with
// "me" ("glöm mig", "forget me").
func forgets(t token) bool {
	switch t.canon {
	case "glömma", "glöm", "forget", "forgotten", "vergessen", "glemme", "glemt", "unohtaa":
		return true
	}
	return false
}

func tokenAt(s sentence, k int) token {
	if k < 0 {
		return token{}
	}
	return s.toks[k]
}

// strongFile says whether a file word names a machine-readable format:
// "a copy in electronic form" is access, "in CSV" is portability.
func strongFile(t token) bool {
	switch t.canon {
	case "csv", "excel", "json", "xml", "csvfil", "excelfil", "jsonfil", "excelark", "csvfile", "maskinläsbar", "maskinläsbart", "strukturerat", "machinereadable", "spreadsheet", "kalkylblad",
		"maschinenlesbar", "maskinlæsbar", "maskinlesbar", "koneluettava":
		return true
	}
	return false
}

// fileNoun says whether a file word is the noun "file" itself, not a
// format ("i elektroniskt format" is a copy to read).
func fileNoun(t token) bool {
	switch t.canon {
	case "fil", "filen", "file", "datei", "tiedosto":
		return true
	}
	return false
}

func isPortabilityTerm(t token) bool {
	switch t.canon {
	case "portabilitet", "dataportabilitet", "portability", "portable", "datenübertragbarkeit", "übertragbarkeit", "siirrettävyys":
		return true
	}
	return false
}

// accessFrames finds a request to know what is held: a question or a wish
// (what, know, a copy) about the person's data and what is held on them.
func accessFrames(s sentence, me int) []hit {
	n := len(s.toks)
	var best hit
	var bestAt []int
	offer := func(frame string, w float64, is ...int) {
		if w > best.weight {
			best = hit{right: rights.Access, frame: frame, weight: w + s.quality(is...), at: is[0]}
			bestAt = append(bestAt[:0], is...)
		}
	}
	hold := s.find(0, n, cHold)
	if hold > 0 && (s.toks[hold-1].fold == "we" || s.toks[hold-1].fold == "vi" || s.toks[hold-1].fold == "wir") {
		return nil // "what do we store about customers": a colleague asking
	}
	if s.notWanted(0, n) {
		return nil // "jag vill inte att ni behandlar sådana uppgifter om mig": no wish to see them
	}
	for i := range s.toks {
		if p := &s.toks[i]; p.punct || p.tags == 0 {
			continue
		}
		t := s.toks[i]
		if t.canon == "registerutdrag" && !s.negated(i) {
			offer("register-extract", 0.95, i)
		}
		if t.tags&oData != 0 {
			own := s.possessed(i) || me >= 0
			// "vilka uppgifter", "what data", "welche Daten", "hvilke oplysninger"
			if wh := s.find(i-3, i, cWH); wh >= 0 && (hold >= 0 || me >= 0 || own || s.any(cKnow|cCopy)) {
				offer("what-data", 0.85, wh, i, hold, me)
			}
			// "skicka mig all information ni har om mig", "all personal data
			// you hold about me"
			if hold > i && me > hold && me-i <= 6 {
				offer("my-data-held", 0.8, i, hold, me)
			} else if hold >= 0 && me >= 0 && s.any(cSend|cReceive|cWant|cCopy|cKnow) {
				offer("my-data-held", 0.8, i, hold, me)
			}
		}
		if t.tags&cCopy != 0 && !s.negated(i) {
			k, blocked := s.target(i)
			if blocked || k >= 0 && isBlocking(s.toks[k]) {
				continue // "kopia på kvittot"
			}
			if d := s.find(i+1, i+5, oData); d >= 0 && (s.possessed(d) || me >= 0 || hold >= 0) {
				offer("copy+my-data", 0.85, i, d)
			} else if hold >= 0 && me >= 0 {
				offer("copy+held-about-me", 0.85, i, hold, me)
			}
		}
		if t.tags&cKnow != 0 && !s.negated(i) && !s.has(i+1, i+4, wHow) {
			// "Could I see what is written in my treatment records?"
			if d := s.find(i-before, i+after+1, oData); d >= 0 && (s.possessed(d) || me >= 0) && (s.any(cWant|wPlease|cReceive) || s.question && s.near(i-3, i, mayWords) && s.has(i-2, i, wFirst)) {
				offer("see+my-data", 0.65, i, d)
			}
		}
		if t.tags&cWH != 0 && me >= 0 {
			if k := s.find(i+1, me, cHold|cKnow); k >= 0 {
				offer("what-held-about-me", 0.8, i, k, me) // "what you know about me"
			}
		}
		// Where the data came from, and who got it: "varifrån har ni fått
		// min adress", "who have you passed my number on to", "welche
		// Firmen haben meine Daten bekommen".
		if t.tags&(oData|oField) != 0 && (s.possessed(i) || me >= 0) && !s.any(blocking) {
			// asked of Harmoniq ("haben Sie"), not of a fraudster ("woher
			// haben die meine Daten")
			if w := s.findWord(0, n, sourceWords); w >= 0 && s.any(cReceive|cHold|wShare|cSend|cTransfer) && (s.you(0, n) || s.near(0, n, formalYou)) {
				offer("source-of-data", 0.8, w, i)
			} else if w := s.findWord(0, n, recipientWords); w >= 0 && (s.any(wShare|cSend|cTransfer) || s.near(0, n, passedWords) || s.has(w+1, n, cReceive)) {
				offer("recipients-of-data", 0.8, w, i)
			}
		}
	}
	if best.weight == 0 {
		return nil
	}
	best.cues = s.cue(bestAt...)
	// "sluta spara anteckningar om mig", "slett opplysningene dere har om
	// meg": an erasure or an objection that names what is held is not a
	// request to see it.
	if best.frame == "my-data-held" || best.frame == "see+my-data" {
		for i, t := range s.toks {
			if t.tags&(cErase|cObject|cRestrict|cStop|cWithdraw) != 0 && !s.negated(i) {
				return nil
			}
		}
	}
	// "Om ni måste spara något, ange vilka uppgifter": asked only if.
	if len(s.toks) > 1 && s.toks[0].tags&wIf != 0 && (s.toks[1].tags&wFirst != 0 || isPronoun(s.toks[1].fold)) && best.frame != "register-extract" {
		best.weight *= 0.5
	}
	return []hit{best}
}
