package intake

// The access frames: a wish to know, see or get a copy of what is held.

import "github.com/harmoniq/dsr/internal/rights"

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
