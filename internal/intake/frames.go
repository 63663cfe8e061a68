package intake

import (
	"slices"

	"github.com/harmoniq/dsr/internal/rights"
)

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

// forgets says whether an erase word is "forget": it erases only with
// "me" ("glöm mig", "forget me").
func forgets(t token) bool {
	switch t.canon {
	case "glömma", "glöm", "forget", "forgotten", "vergessen", "glemme", "glemt", "unohtaa":
		return true
	}
	return false
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
