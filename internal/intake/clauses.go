package intake

// Clauses that change what a sentence asks: Harmoniq's words reported or
// cited, a reason given, a deed the writer could not do, a list regretted.

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// usedNot says whether a use is refused after a "but": "älkää poistako
// tietojani, mutta älkää myöskään käyttäkö niitä".
func usedNot(toks []token) bool {
	for i, t := range toks {
		if t.tags&wBreak == 0 {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+5; j++ {
			if toks[j].tags&cUse != 0 && (toks[j-1].neg || j >= 2 && toks[j-2].neg || j+1 < len(toks) && toks[j+1].neg) {
				return true
			}
		}
	}
	return false
}

// keptWords, beside keepWords, say data is kept, not merely had:
// "sparas", "ligga kvar".
var keptWords = foldSet("spara sparas sparad sparat sparade sparar behålls bevara bevaras kvar kept store stored save saved retain retained aufbewahren speichern gespeichert gemme gemmes gemt lagre lagres lagret säilytetään säilyttäkää")

// reportsYou says whether a sentence reports what Harmoniq said: "ni
// skrev att …", "you wrote that …", "Sie schrieben, dass …".
//
// "I svarede … at I kunne slette min profil", "Ni erbjöd mig att bara
// avregistrera mig", "Your reply says I can …" report it too.
func reportsYou(toks []token, lang string) bool {
	for i := 0; i < len(toks) && i < 3; i++ {
		f := toks[i].fold
		if !youWords[f] && !(f == "i" && (lang == "da" || lang == "no")) {
			continue
		}
		// "ni skrev", "your reply says"; "sa" only as written ("så" folds
		// to it)
		for j := i + 1; j < len(toks) && j <= i+2; j++ {
			if reportWords[toks[j].fold] || toks[j].text == "sa" {
				return true
			}
		}
	}
	return false
}

var (
	youWords    = foldSet("ni you your du sie ihre dere jeres deres te teidän")
	reportWords = foldSet("skrev skriver sade säger meddelade informerade svarade svarar erbjöd erbjuder föreslog föreslår " +
		"wrote writes said says told informed stated replied answered offered suggested " +
		"schrieben schreiben sagten teilten antworteten boten schlugen " +
		"svarede svarte tilbød tilbudte foreslog foreslo sagde sier siger " +
		"kirjoititte kirjoitatte sanoitte sanoo ilmoititte vastasitte tarjositte ehdotitte")
)

// reasonAt returns where a sentence starts to give a reason ("eftersom",
// "anledningen är", "because"), or -1.
func reasonAt(toks []token) int {
	for i, t := range toks {
		if reasonWords[t.fold] {
			return i
		}
	}
	return -1
}

var reasonWords = foldSet("eftersom anledningen anledning orsaken because reason weil grund fordi grunnen grunden årsagen koska syy syynä")

// withoutCited drops what a sentence cites from a text in quotation
// marks after a word of saying: 'Your privacy policy says "you can object
// to profiling and request a copy"' asks for neither.
func withoutCited(text string) string {
	open := quoteMark(text)
	if open < 0 {
		return text
	}
	// A word of saying before the mark, not said by the writer: "Jag
	// skrev "radera mitt konto" för två veckor sedan" is their own request.
	words := strings.Fields(strings.ToLower(text[:open]))
	said := false
	for i, w := range words {
		if reportWords[fold(strings.Trim(w, ",.:;!?"))] || w == "står" || w == "steht" || w == "lukee" {
			said = i == 0 || !firstPerson[fold(words[i-1])]
		}
	}
	if !said {
		return text
	}
	_, size := utf8.DecodeRuneInString(text[open:])
	rest := text[open+size:]
	end := strings.IndexAny(rest, "\"“”«»")
	if end < 0 || len(strings.Fields(rest[:end])) < 2 {
		return text
	}
	_, endSize := utf8.DecodeRuneInString(rest[end:])
	return text[:open] + " " + rest[end+endSize:]
}

// quoteMark returns where the first opening quotation mark (", “, ”, „,
// «, ») of text stands, or -1; byte by byte, as it reads every sentence.
func quoteMark(text string) int {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '"':
			return i
		case c == 0xE2 && i+2 < len(text) && text[i+1] == 0x80 && (text[i+2] == 0x9C || text[i+2] == 0x9D || text[i+2] == 0x9E):
			return i // “ ” „ (Swedish opens with ”)
		case c == 0xC2 && i+1 < len(text) && (text[i+1] == 0xAB || text[i+1] == 0xBB):
			return i // « »
		}
	}
	return -1
}

// firstPerson are the writer's "I": what they wrote is their own.
var firstPerson = foldSet("jag i ich jeg eg minä")

// abilityWords say what someone can do: "jag får inte bort dem", "I
// cannot delete it" tell of a failure, not of a wish to keep.
var abilityWords = foldSet("får kan kunde lyckas klarar can cannot cant could couldnt kann konnte kunne")

// cannot says whether the negated erase word at i tells what the writer
// could not do ("jag får inte bort dem", "I can't delete it"), not what
// Harmoniq may not do ("ni får inte radera journalen").
func cannot(toks []token, i int) bool {
	return i > 2 && abilityWords[toks[i-2].fold] && toks[i-3].tags&wFirst != 0 ||
		i > 1 && abilityWords[toks[i-1].fold] && toks[i-2].tags&wFirst != 0
}

// resubscribes says whether a sentence asks to stay on, or be put back on,
// a mailing list: "lägg till mig igen", "add me back", "vill fortsätta få".
func resubscribes(toks []token) bool {
	for i := range toks {
		for _, p := range resubscribePhrases {
			if i+len(p) <= len(toks) && slices.EqualFunc(toks[i:i+len(p)], p, func(t token, w string) bool { return t.fold == w }) {
				return true
			}
		}
	}
	return false
}

var resubscribePhrases = [][]string{
	{"lagga", "till", "mig", "igen"}, {"lagg", "till", "mig", "igen"}, {"fortsatta", "fa"}, {"fortsatta", "att", "fa"}, {"prenumerera", "igen"},
	{"add", "me", "back"}, {"put", "me", "back"}, {"continue", "receiving"}, {"continue", "to", "receive"}, {"keep", "receiving"}, {"keep", "getting"}, {"resubscribe"},
	{"weiterhin", "erhalten"}, {"weiterhin", "bekommen"}, {"wieder", "aufnehmen"}, {"fortsette", "a", "fa"}, {"fortsaette", "med", "at", "fa"}, {"tilfoj", "mig", "igen"},
	{"lisatkaa", "minut", "takaisin"},
}
