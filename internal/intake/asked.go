package intake

// Whether a sentence asks for anything at all, or only talks about a right.

import (
	"strings"

	"github.com/harmoniq/dsr/internal/rights"
)

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
