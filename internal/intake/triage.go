package intake

// Evidence that a message is about the person's own data though it names
// no right, and the replies and offers that are no request.

import (
	"regexp"
	"strings"

	"github.com/harmoniq/dsr/internal/rights"
)

// triageEvidence finds what shows that a sentence is about the person's
// own data, registration or marketing, without naming a right.
func triageEvidence(s sentence, shift float64) []Reason {
	var out []Reason
	add := func(frame string, w float64, is ...int) {
		out = append(out, Reason{Frame: frame, Cues: s.cue(is...), Where: string(s.where), Confidence: round(w + shift)})
	}
	n := len(s.toks)
	if s.all&(wTopic|oData|oField|oMarketing|oSMS|oMember|oAccount|wJoin|cConsent|wShare|wHow) == 0 {
		return nil
	}
	// Giving consent ("I consent to the processing of my personal data for
	// this recruitment") is not asking for anything.
	giving := s.any(wGive) || s.any(cConsent) && !s.any(cWithdraw) && !s.negIn(0, n)
	for i, t := range s.toks {
		if t.tags == 0 {
			continue
		}
		switch {
		case t.tags&wTopic != 0:
			if giving {
				add("about data protection", 0.3, i)
			} else {
				add("about data protection", 0.6, i)
			}
		case t.tags&oData != 0 && s.possessed(i) && s.has(i-before, i+after+1, cHold|cKnow|cUse|cErase|cWH|oRegister|wHow|cChange|cSend|cTransfer|wJoin|oAccount|wShare),
			t.tags&oField != 0 && s.possessed(i) && !s.any(blocking) && s.prev&blocking == 0 && s.has(i-before, i+after+1, cHold|cKnow|cUse|cWH|oRegister|wHow|wJoin|wShare):
			add("about my data", 0.5, i)
		case s.question && t.tags&(oData|oField|oSMS|oAccount) != 0 && s.possessed(i) && !s.any(blocking) && s.prev&blocking == 0 && !s.locationPrep(i):
			add("question about my data", 0.45, i) // "får annika då mina sms också?"
		case t.tags&wShare != 0 && (s.any(oData|oField|oSelf) || s.prev&(oData|oField) != 0 || s.question && s.you(i+1, i+3)) && !s.any(blocking):
			add("data shared", 0.5, i)
		case t.tags&wHow != 0 && s.prev&(oData|oField) != 0 && s.prev&blocking == 0 && !s.any(blocking) && (s.any(cUse|cHold|wShare) || s.question && s.you(0, len(s.toks))):
			add("question about my data", 0.45, i)
		case t.tags&oData != 0 && s.any(wHow) && s.any(cHold|cUse|cTransfer|cSend) && !s.any(blocking),
			t.tags&oData != 0 && s.question && s.any(cWH|wHow) && s.any(wShare|cHold|cUse|cKnow) && !s.any(blocking):
			add("question about data", 0.5, i)
		case t.tags&(oMarketing|oSMS) != 0 && s.any(wHow) && !s.any(blocking):
			add("why marketing", 0.5, i)
		case t.tags&wHow != 0 && s.ctx&oMarketing != 0 && s.ctx&blocking == 0 && !s.any(blocking):
			add("why marketing", 0.45, i) // "annonser för exakt den krämen … hur hänger det ihop?"
		case t.tags&oField != 0 && s.possessed(i) && s.any(wAccount|oMember|oAccount) && !s.any(blocking) && s.prev&blocking == 0:
			add("about my account details", 0.45, i)
		case t.tags&(oMember|oAccount) != 0 && !s.yours(i) && s.has(i-before, i+after+1, cErase|cClose) && !s.has(i-before, i+after+1, blocking):
			add("about my account", 0.5, i)
		case t.tags&wJoin != 0 && s.has(i+1, i+6, oField|oData) && s.possessed(s.find(i+1, i+6, oField|oData)) && !s.any(blocking):
			add("registered with my details", 0.5, i)
		case t.tags&wJoin != 0 && s.prev&blocking == 0 && !s.any(blocking) && (s.has(i-4, i, wNever) || s.negIn(i-4, i) || s.has(i+1, i+3, oSelf) || s.any(wHow) && s.any(oAccount|oMember)):
			add("registered without asking", 0.5, i)
		case t.tags&cConsent != 0 && s.negIn(i-6, i+2) && !s.any(cWithdraw):
			add("no consent given", 0.5, i)
		case t.canon == "personnummer" && s.any(wHow|cWH|cUse|cHold):
			add("question about my personnummer", 0.5, i)
		}
	}
	return out
}

// received weakens the access frames of a sentence that says the extract
// came ("tack, jag har fått registerutdraget"): a thanks, not a request.
func received(s sentence, hits []hit) []hit {
	// The extract came to the sender ("jag har fått", "thanks, got it"),
	// not data came to Harmoniq ("varifrån ni har fått min adress"), and
	// a "tack" that closes a request is no receipt.
	got := false
	thanks := len(s.toks) > 0 && thanksWords[s.toks[0].fold]
	for i, t := range s.toks {
		switch t.fold {
		case "fatt", "fick", "received", "got", "erhalten", "bekommen", "saanut", "sain", "faet", "fikk":
			// "när jag har fått den, radera": a time to come, not a receipt
			if !s.negated(i) && !s.near(i-4, i, whenWords) && (thanks || s.has(i-3, i, wFirst) || i == 0 || i == 1 && auxiliaries[s.toks[0].fold]) {
				got = true
			}
		}
	}
	if !got {
		return hits
	}
	for i := range hits {
		if hits[i].right == rights.Access {
			hits[i].weight *= 0.4
		}
	}
	return hits
}

var whenWords = foldSet("när då once when after wenn sobald nachdem når kun kunhan")

var thanksWords = map[string]bool{"tack": true, "thanks": true, "thank": true, "danke": true, "kiitos": true, "takk": true, "tak": true}

// stopReplies are the words of a reply that ends marketing alone.
var stopReplies = foldSet("stopp stop stoppa sluta avsluta afmeld unsubscribe lopeta seis")

// onlyStop says whether the sender's own words are a stop reply and
// nothing more (subject and body, greeting words aside).
func onlyStop(own [][]token) bool {
	n, stop := 0, false
	for _, toks := range own {
		for _, t := range toks {
			if t.punct {
				continue
			}
			n++
			stop = stop || stopReplies[t.fold]
			if !stopReplies[t.fold] && !thanksWords[t.fold] && !greetingWords[t.fold] {
				return false
			}
		}
	}
	return stop && n <= 4
}

var greetingWords = foldSet("hej hei hi hello hallo moi tack thanks")

// inquiryWords are those of a journalist's, a student's or a researcher's
// question about data protection in general.
var inquiryWords = foldSet("reporter journalist redaktion redaktör tidning uppsats examensarbete studerar student forskare forskning studie enkät intervju publicering artikeln reportage article press freelance crm " +
	"thesis dissertation researcher research study survey interview publication newspaper magazine journalism " +
	"zeitung bachelorarbeit masterarbeit umfrage journalistin opinnäytetyö tutkimus toimittaja avis journalistik speciale oppgave " +
	// and of a colleague's question about the routine ("personalen frågar
	// hur vi gör när en kund vill …")
	"personalen personalrummet personalmöte butikschef kollegor medarbetare rutin rutiner instruktion instruktionen blankett " +
	"staff colleagues routine leaflet script procedure mitarbeiter kollegen ansatte personalet kolleger medarbejdere henkilökunta työntekijät")

// pitchPhrases counts the phrases of a sales pitch in a sentence: "vi
// hjälper företag", "we help", "book a call".
func pitchPhrases(toks []token) int {
	n := 0
	for i := 0; i+1 < len(toks); i++ {
		a, b := toks[i].fold, toks[i+1].fold
		switch {
		case (a == "vi" || a == "we" || a == "wir") && (b == "hjalper" || b == "help" || b == "helfen" || b == "hjaelper" || b == "hjelper" || b == "erbjuder" || b == "offer"):
			n++
		case a == "boka" || a == "book" || a == "schedule" || a == "buchen":
			for j := i + 1; j < len(toks) && j <= i+3; j++ {
				if f := toks[j].fold; strings.Contains(f, "samtal") || strings.Contains(f, "mote") || strings.Contains(f, "demo") || strings.Contains(f, "call") || strings.Contains(f, "meeting") {
					n++
					break
				}
			}
		case (a == "like" || a == "som") && (b == "yours" || b == "ert" || b == "er"):
			n++
		}
	}
	return n
}

// nationalNumber is a national identity number of the Nordic countries as
// people write it: six digits of the birth date, then four or five
// ("010190-1234", "01019012345", "010190A123B").
var nationalNumber = regexp.MustCompile(`\b\d{6}[-+A ]?\d{3,4}[0-9A-Z]?\b`)
