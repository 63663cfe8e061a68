package intake

import (
	"slices"
	"strings"
)

// stopwords are each language's commonest words; counting them tells the
// languages apart, Danish, Norwegian and Swedish included, well enough to
// pick the stemmer and the letter's language.
var stopwords = map[string]map[string]bool{}

// stopLangs maps a stop word to the languages it is one of, as bits in
// the order of languageOrder.
var stopLangs = map[string]uint8{}

var languageOrder = []string{"sv", "en", "da", "no", "de", "fi"}

func init() {
	for lang, list := range map[string]string{
		"sv": "andra annan annat och jag att det är inte på för med som en ett har vill mina min mitt ni er ert era hej tack vänliga hälsningar vad hur kan skulle också från till mig mej av om när så eller sina dig du nu ska " +
			"i hon han den var sig men hade de icke då sin hans honom hennes där man ej vid kunde något från ut efter upp vi dem vara över än här ha mot alla under någon allt mycket sedan ju denna själv detta åt utan varit ingen bli blev oss din dessa några deras blir samma vilken sådan vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sådana vart dina vars vårt våra vilkas " +
			"också bara redan väl nog hela helt lite mer mest sen ska skall får fick gör gjorde göra finns fanns står kommer kom sa säger tror vet veta ser såg igen ändå även dock därför eftersom medan innan tidigare numera nyligen",
		"da": "andre anden andet og jeg at det er ikke på for med som en et har vil mine min mit i jer hej tak venlig hilsen hvad hvordan kan skulle også fra til mig af om når så eller dig du nu skal jeres ønsker gerne " +
			"hun han den var sig men havde de da sin hans hende der man ved kunne noget ud efter op vi dem være over end her have mod alle under nogen alt meget siden jo denne selv dette uden været ingen blive blev os din disse nogle deres bliver samme hvilken vores hvis hvem",
		"no": "andre annen annet og jeg at det er ikke på for med som en et har vil mine min mitt dere hei takk vennlig hilsen hva hvordan kan skulle også fra til meg av om når så eller deg du nå skal deres ønsker gjerne " +
			"hun han den var seg men hadde de da sin hans henne der man ved kunne noe ut etter opp vi dem være over enn her ha mot alle under noen alt mye siden jo denne selv dette uten vært ingen bli ble oss din disse noen samme hvilken vår hvis hvem eg ikkje",
		"en": "the and i to it is not on for with as a an have would like my mine you your hello hi thanks regards what how can should also from me of if when so or please dear " +
			"we our ours they them their he him his she her it its this that these those am are was were be been being has had having do does did doing could ought will shall may might must " +
			"who whom which why where there here then than too very quite just about into through during before after above below up down in out off over under again further once all any both each few more most other some such no nor only own same so can",
		"de": "und ich dass das ist nicht auf für mit wie ein eine habe möchte meine mein sie ihr ihre hallo danke grüße was kann sollte auch von zu mich der die den dem bitte wenn oder " +
			"er es wir ihnen sein seine bei nach aus an als am im in um durch über unter vor hat haben hatte war waren wird werden wurde sind noch nur schon so sehr hier dort dann da doch aber denn weil ob des einen einem einer eines",
		"fi": "ja minä että se on ei en olen haluan minun te teidän hei kiitos terveisin mitä miten voi myös mukaan minulle minua tai jos kun niin pyydän ystävällisin " +
			"he hän me ne ole oli olisi ovat olla sen sitä siitä tämä tämän tästä tuo nämä mutta vaan kuin koska jotta sekä vielä jo nyt sitten täällä siellä",
	} {
		stopwords[lang] = map[string]bool{}
		bit := uint8(1) << slices.Index(languageOrder, lang)
		for _, w := range strings.Fields(list) {
			stopwords[lang][w] = true
			stopLangs[w] |= bit
		}
	}
}

// detectLanguage names the language of the tokens: sv, da, no, en, de or
// fi; Swedish when nothing tells.
func detectLanguage(sentences [][]token) string {
	counts := map[string]int{}
	for _, toks := range sentences {
		countLanguages(toks, counts)
	}
	best, n := "sv", 0
	for _, lang := range []string{"sv", "en", "da", "no", "de", "fi"} {
		if counts[lang] > n {
			best, n = lang, counts[lang]
		}
	}
	return best
}

// wordCount counts the words of sentences.
func wordCount(sentences [][]token) int {
	n := 0
	for _, s := range sentences {
		n += len(s)
	}
	return n
}

func countLanguages(toks []token, counts map[string]int) {
	for _, t := range toks {
		if t.punct {
			continue
		}
		if bits := stopLangs[t.text]; bits != 0 {
			for i, lang := range languageOrder {
				if bits&(1<<i) != 0 {
					counts[lang]++
				}
			}
		}
		// Words that only one of the three Scandinavian languages writes.
		switch t.text {
		case "inte", "och", "jag", "är", "mig", "vänliga", "hälsningar", "tack", "också", "någon", "något", "kunna", "även", "stämmer", "hej":
			counts["sv"] += 2
		case "ikke", "og", "jeg", "af", "hvad", "venlig", "hilsen", "nogen", "noget", "kunne", "være":
			counts["da"]++
		case "ikkje", "meg", "deg", "hva", "vennlig", "noen", "noe", "takk", "dere", "eg":
			counts["no"] += 2
		case "että", "tämän", "olen", "ovat", "myös", "kiitos", "terveisin", "ystävällisin", "minun", "teidän", "haluan", "pyydän", "hei", "tai", "kanssa":
			counts["fi"] += 2
		case "mvh":
			counts["sv"]++
			counts["no"]++
		}
	}
}

// letterLanguage is the language of the letters the person gets: Swedish
// for Swedish, Danish and Norwegian, which read it; English for the rest.
func letterLanguage(written string) string {
	switch written {
	case "sv", "da", "no":
		return "sv"
	}
	return "en"
}
