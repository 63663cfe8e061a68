package intake

// What an action acts on: the person's own data, account or marketing,
// or an order, a booking, a product; and whose it is.

import "strings"

// usesOwn says whether the person's own data, or their purchases, stand
// in [from, to): what "sluta använda …" acts on.
func (s sentence) usesOwn(from, to int) bool {
	return s.has(from, min(from+3, to), wPoss|oData)
}

// othersWords are the possessives of a third person.
var othersWords = foldSet("her his their hennes hans deras hendes deres hennes ihre ihren ihrer seine seinen hänen heidän")

// selfWords say the writer does something themselves.
var selfWords = foldSet("själv självt myself selbst itse selv")

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

// itWords are "it" as the object of a verb: "I'm taking it back".
var itWords = foldSet("it det den es sitä")

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

// forWords say for whom: by the written word, since "åt" folds to the
// English "at".
var forWords = map[string]bool{"for": true, "för": true, "åt": true, "für": true}

// inPreps say where something is, not what: "varukorgen i mitt konto",
// "the basket in my account".
var inPreps = map[string]bool{"i": true, "in": true, "pa": true, "on": true, "im": true, "auf": true, "inom": true, "within": true, "hos": true, "at": true, "under": true, "til": true, "till": true, "to": true, "zu": true, "inne": true}

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

// ofPurpose says whether the data at k are a processing's own: "the
// analysis results", "resultaten av hudanalysen".
func (s sentence) ofPurpose(k int) bool {
	if k > 0 && s.toks[k-1].tags&cPurpose != 0 && s.toks[k].tags&(oAccount|oMember|oRegister) == 0 {
		return true
	}
	return k+2 < len(s.toks) && ofWords[s.toks[k+1].fold] && s.has(k+2, k+5, cPurpose)
}

// purchaseWords are a person's purchases, as a whole: "mina köp".
var purchaseWords = foldSet("köp köpen kjøp kjøpene køb købene purchases käufe einkäufe ostokset ostokseni")

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

// oldWords say a detail is the one to replace.
var oldWords = foldSet("gamla gamle gammal gammel gamle old previous former alte alten alter vanha vanhan entinen tidigare")

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
