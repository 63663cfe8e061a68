package intake

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/harmoniq/dsr/internal/personnummer"
	"github.com/harmoniq/dsr/internal/rights"
	"golang.org/x/text/unicode/norm"
)

// Result is what the engine understood of one message.
type Result struct {
	// IsRequest is set when the message asks for at least one right, or when
	// it is about personal data but the rights are unclear (Uncertain).
	IsRequest bool `json:"is_request"`
	// Uncertain requests go to triage for staff to classify.
	Uncertain bool           `json:"uncertain"`
	Rights    []rights.Right `json:"rights"`
	// Language is the language of the letters: "sv" or "en".
	Language string `json:"language"`
	// Written is the language the sender wrote in: sv, da, no, en, de, fi.
	Written string `json:"written"`
	// CaseRef is the case number the message answers, when it names one.
	CaseRef      string                `json:"case_ref,omitempty"`
	Personnummer []personnummer.Number `json:"-"`
	Reading

	// What Classify adds to the text's reading: whether the sender wrote
	// of an ID document, how many words they wrote, and whether the mail
	// is a sales pitch.
	idWords  bool
	ownWords int
	// dataWords is set when the sender's own words name something a
	// rights request acts on (their data, account, membership, marketing),
	// an action on it, or data protection: only then may the model read
	// a mail as a request the rules missed.
	dataWords bool
	pitch     bool
	// features are what the model reads; best is the rules' weight of
	// each right.
	features featureSet
	best     map[rights.Right]float64
}

func isImageOrPDF(a Attachment) bool {
	return strings.HasPrefix(a.ContentType, "image/") || a.ContentType == "application/pdf"
}

// Reading is why the classifier decided as it did. It holds lexicon words
// and frame names, never the message's own text, so it may go to the case
// record and the audit trail.
type Reading struct {
	// Confidence is how sure the decision is, from 0 to 1: for a request
	// the weakest of its rights, for triage the strongest evidence, for
	// ordinary mail one minus the strongest evidence.
	Confidence float64 `json:"confidence"`
	// Reasons are the frames and words that decided each right, and the
	// evidence for triage.
	Reasons []Reason `json:"reasons,omitempty"`
	// Guess lists, for a triage case, the rights hinted at too weakly to
	// decide: what staff are asked to confirm.
	Guess []rights.Right `json:"guess,omitempty"`
	// Automatic says why a message is ordinary whatever it says: an
	// auto-reply, a bounce, or bulk mail.
	Automatic string `json:"automatic,omitempty"`
}

// Reason is one frame or piece of evidence found.
type Reason struct {
	// Right is the right it points to; empty for evidence that the mail is
	// about the person's data without naming a right.
	Right      rights.Right `json:"right,omitempty"`
	Frame      string       `json:"frame"`
	Cues       []string     `json:"cues,omitempty"`
	Where      string       `json:"where"`
	Confidence float64      `json:"confidence"`
	// sent numbers the sentence it was read in, across the message.
	sent int
	// because is set when the frame stands in a reason given for
	// something else: "… anledningen är att jag inte vill ha några
	// erbjudanden längre".
	because bool
}

// Thresholds, set recall first: a missed request breaks the law, a triage
// case costs staff one classify signal.
var (
	// rightAt is the weight from which a frame decides a right.
	rightAt = 0.5
	// triageAt is the weight from which evidence makes a triage case.
	triageAt = 0.45
)

// maxSentence bounds the words of one sentence read at once, maxTokens the
// words of one mail read at all.
const (
	maxSentence = 80
	maxTokens   = 40000
)

var caseRef = regexp.MustCompile(`\bDSR-\d{4}-\d{6}\b`)

// Classify decides what a message asks for.
func Classify(m *Message, now time.Time) Result { return classifyMessage(m, now, trained()) }

// classifyMessage reads a message by the rules and, when mdl is given,
// lets the learned model send what the rules miss, or read only weakly,
// to triage.
func classifyMessage(m *Message, now time.Time, mdl *Model) Result {
	r := classifyText(m.Subject, m.Text, m.Automatic, m.FromAddr)
	if strings.Contains(m.Subject, "DSR-") || strings.Contains(m.Text, "DSR-") {
		r.CaseRef = caseRef.FindString(m.Subject + " " + m.Text)
	}
	r.Personnummer = personnummer.FindAll(m.Subject+"\n"+m.Text, now)
	idCopy := slices.ContainsFunc(m.Attachments, func(a Attachment) bool { return a.IDDocument })
	switch {
	case r.IsRequest || r.Automatic != "" || r.pitch:
	case len(r.Personnummer) > 0 && (r.idWords || r.ownWords < 30 || slices.ContainsFunc(m.Attachments, isImageOrPDF)):
		// Little said, but a personnummer and an ID copy: someone wants
		// something done about their data.
		r.Reasons = append(r.Reasons, Reason{Frame: "personnummer+id-copy", Where: string(inBody), Confidence: 0.6})
		r.IsRequest, r.Uncertain, r.Confidence = true, true, 0.6
	case (idCopy || r.idWords && nationalNumber.MatchString(m.Text)) && r.ownWords < 30:
		// … or a Norwegian fødselsnummer, a Danish CPR number, a Finnish
		// henkilötunnus beside "kopi av førerkortet ligger vedlagt"
		// "som vi pratade om i telefon" and a copy of an ID card, the
		// personnummer mistyped or left out: the same.
		r.Reasons = append(r.Reasons, Reason{Frame: "id-copy", Where: string(inBody), Confidence: 0.55})
		r.IsRequest, r.Uncertain, r.Confidence = true, true, 0.55
	}
	if mdl != nil && r.Automatic == "" && !r.pitch {
		applyModel(&r, mdl)
	}
	return r
}

// The model's thresholds, in log odds: from requestAt a message the rules
// read as ordinary becomes a triage case; below demoteAt a right the rules
// read weakly (under confirmAt) is left to staff.
var (
	requestAt = 1.0
	demoteAt  = -1.5
	confirmAt = 0.85
)

func applyModel(r *Result, mdl *Model) {
	if t := mdl.Tasks["request"]; t != nil && !r.IsRequest && r.dataWords {
		if s := t.Score(r.features); s >= requestAt {
			r.IsRequest, r.Uncertain = true, true
			r.Confidence = round(1 / (1 + math.Exp(-s)))
			r.Reasons = append(r.Reasons, Reason{Frame: "reads like a request (learned)", Where: string(inBody), Confidence: r.Confidence})
		}
	}
	var kept []rights.Right
	for _, right := range r.Rights {
		t := mdl.Tasks[string(right)]
		if t != nil && r.best[right] < confirmAt && t.Score(r.features) < demoteAt {
			r.Guess = append(r.Guess, right)
			continue
		}
		kept = append(kept, right)
	}
	if len(kept) < len(r.Rights) {
		r.Rights = kept
		if len(kept) == 0 {
			r.Uncertain = true
		}
	}
}

// ClassifyText classifies a subject and a body, as Classify does a message.
func ClassifyText(subject, text string, now time.Time) Result {
	return Classify(&Message{Subject: subject, Text: text}, now)
}

func classifyText(subject, text, automatic string, from string) Result {
	r := Result{Language: "sv", Written: "sv"}
	// Each sentence is split into words once; the language, which picks
	// the stemmer, is told by the sender's own words.
	type read struct {
		seg       segment
		sentences [][]token
		questions []bool
		listIntro []bool // ends with a colon: a list follows
	}
	var parts []read
	var own, other, body [][]token
	// The words of all sentences share one array: a sentence is a slice.
	arena := takeArena(len(text)/5 + 16)
	defer func() { giveArena(arena) }()
	for _, sg := range segmentsFrom(norm.NFC.String(subject), norm.NFC.String(text), isHarmoniq(from)) {
		p := read{seg: sg}
		for _, text := range sentences(sg.text) {
			if len(arena) >= maxTokens {
				break // the rest of a very long mail adds nothing, and costs
			}
			from := len(arena)
			arena = tokenize(listItem(withoutCited(text)), arena)
			if len(arena) > maxTokens {
				arena = arena[:maxTokens]
			}
			// A frame is read within a sentence; a "sentence" of thousands
			// of words (no full stops, or a crafted mail) is read in pieces
			// so the cost stays linear in the mail's length.
			for start := from; start < len(arena); start += maxSentence {
				end := min(start+maxSentence, len(arena))
				toks := arena[start:end:end]
				p.sentences = append(p.sentences, toks)
				p.questions = append(p.questions, end == len(arena) && strings.HasSuffix(text, "?"))
				p.listIntro = append(p.listIntro, end == len(arena) && strings.HasSuffix(text, ":"))
				if sg.where == inBody {
					body = append(body, toks)
				}
				switch {
				case sg.where == inSubject || sg.where == inBody:
					own = append(own, toks)
				case !sg.harmoniq:
					other = append(other, toks)
				}
			}
		}
		parts = append(parts, p)
	}
	if wordCount(own) < 3 {
		own = append(own, other...)
	}
	r.Written = detectLanguage(own)
	r.Language = letterLanguage(r.Written)
	if automatic != "" {
		r.Automatic = automatic
		r.Confidence = 1
		r.Reasons = []Reason{{Frame: automatic, Where: "headers", Confidence: 1}}
		return r
	}

	ix := indexFor(r.Written)
	env := snowball.NewEnv("")
	// The hits are read here and copied out (decide, features): their array
	// serves the next message.
	hitsBuf := hitPool.Get().(*[]Reason)
	hits := (*hitsBuf)[:0]
	defer func() {
		if cap(hits) <= 4096 {
			clear(hits)
			*hitsBuf = hits[:0]
			hitPool.Put(hitsBuf)
		}
	}()
	pitch := 0
	var subjectTags concept // what the subject speaks of, context for the body
	// inquiry counts the words of a journalist's or a student's question
	// ("reporter", "thesis"); ownData is set when the sender speaks of
	// their own data ("mina uppgifter").
	inquiry, ownData := 0, false
	var not refusals
	regret, stayOn := false, false // "av misstag"; "lägg till mig igen"
	inquirySeen := map[string]bool{}
	serial := 0
	// Harmoniq's own mail, replied to, asks for nothing, but tells what
	// "dessa", "them" in the reply are: its subject, and the marketing of
	// a newsletter quoted below "sluta skicka dessa".
	for _, p := range parts {
		if !p.seg.harmoniq {
			continue
		}
		if p.seg.footer {
			subjectTags |= oMarketing
		}
		for _, toks := range p.sentences {
			if t := tag(ix, env, r.Written, toks); p.seg.where == inSubject {
				subjectTags |= t
			} else if t&(oMarketing|cUnsub) != 0 {
				subjectTags |= oMarketing
			}
		}
	}
	for _, p := range parts {
		sg := p.seg
		if sg.harmoniq {
			continue // Harmoniq's own words, quoted back: no request of the person's
		}
		shift := 0.0
		switch sg.where {
		case inForwarded:
			shift = -0.05
		case inQuoted:
			shift = -0.1
		}
		var prev concept
		ctx := subjectTags
		listAsked := false
		negErase, keep := false, false
		for n, toks := range p.sentences {
			all := tag(ix, env, r.Written, toks)
			s := sentence{toks: toks, lang: r.Written, where: sg.where, prev: prev, ctx: ctx, question: p.questions[n], all: all, askedBefore: listAsked}
			if p.listIntro[n] {
				listAsked = asksAnything(toks)
			}
			for _, t := range toks {
				s.refrain = s.refrain || t.marks&mRefrain != 0
			}
			serial++
			// "Du har rätt att begära … radering … samt att invända": a
			// footer or a quoted policy telling the reader their rights
			// asks for none of them.
			// "You wrote that my club account will be deleted": Harmoniq's
			// words reported, not the person's request.
			if !informsOfRights(toks) && !reportsYou(toks, r.Written) {
				why := reasonAt(toks)
				for _, h := range received(s, append(asked(s, legalTerms(s)), frames(s)...)) {
					hits = append(hits, Reason{Right: h.right, Frame: h.frame, Cues: h.cues, Where: string(sg.where), Confidence: round(h.weight + shift), sent: serial, because: why >= 0 && h.at > why})
				}
				hits = append(hits, triageEvidence(s, shift)...)
			}
			var here concept
			for i, t := range toks {
				here |= t.tags
				if t.tags&cErase != 0 && (i+1 < len(toks) && toks[i+1].neg || i > 0 && toks[i-1].neg) && !cannot(toks, i) {
					negErase = true // "radera inte", "don't delete", "älä poista"; not "jag får inte bort dem" (cannot)
				}
				if t.tags&cChange != 0 && t.tags&cErase == 0 && (sg.where == inSubject || sg.where == inBody) && (s.negated(i) || s.nothingAfter(i)) {
					not.change = true // "ändra ingenting", "I'm not asking you to change anything"
				}
				if sg.where == inSubject || sg.where == inBody {
					if mistakeWords[t.fold] {
						regret = true
					}
					if t.tags&wID != 0 {
						r.idWords = true
					}
					if t.tags&(personal|wTopic|cConsent|wID|cErase|cUnsub|cRestrict|cObject|cWithdraw|cExport|cFile|cCopy) != 0 {
						r.dataWords = true
					}
					if !t.punct {
						r.ownWords++
					}
					if t.tags&wPitch != 0 {
						pitch++
					}
					if key := cmp.Or(t.stem, t.fold); t.marks&mInquiry != 0 && !inquirySeen[key] {
						inquirySeen[key] = true // "uppsats" and "uppsatsen" are one word
						inquiry++
					}
					if t.tags&(oData|oAccount|oMember) != 0 && s.possessed(i) {
						ownData = true
					}
				}
			}
			// "den ska bara sparas tills …": kept; not "jag vill bara se
			// vad ni har om mig"
			if here&(cUntil|wBreak) != 0 && (slices.ContainsFunc(toks, func(t token) bool { return keepWords[t.fold] || keptWords[t.fold] }) || usedNot(toks)) {
				keep = true
			}
			if sg.where == inSubject || sg.where == inBody {
				pitch += 2 * pitchPhrases(toks)
			}
			prev = here
			ctx |= here
			if sg.where == inSubject {
				subjectTags |= here
			}
		}
		// "Radera INTE journalen … den ska bara sparas tills ärendet är
		// avgjort": keep it, do not use it.
		if negErase && keep {
			hits = append(hits, Reason{Right: rights.Restriction, Frame: "keep-not-erase", Where: string(sg.where), Confidence: round(0.7 + shift)})
		}
		if negErase && (sg.where == inSubject || sg.where == inBody) {
			not.erase = true
		}
	}
	// A request forwarded by a store ("en kund lämnade in det här
	// brevet") is the customer's, whoever forwards it.
	forwarded := slices.ContainsFunc(hits, func(h Reason) bool {
		return h.Right != "" && h.Where == string(inForwarded) && h.Confidence >= rightAt
	})
	if pitch >= 4 || inquiry >= 2 && !ownData && !forwarded {
		// An offer to Harmoniq that talks of rights requests is no request.
		r.pitch = true
		r.Confidence = 0.9
		r.Reasons = []Reason{{Frame: "an offer to Harmoniq", Where: string(inBody), Confidence: 0.9}}
		return r
	}
	// A reply's subject is the subject of the mail replied to ("Re:
	// Harmoniq: 20 % på all hårvård"): "STOPP" below it is all the
	// person wrote.
	if len(hits) == 0 && (onlyStop(own) || subjectPrefix.MatchString(subject) && onlyStop(body)) {
		// "STOPP" and nothing else: the reply that ends marketing.
		hits = append(hits, Reason{Right: rights.MarketingOptOut, Frame: "stop-reply", Cues: []string{"stopp"}, Where: string(inBody), Confidence: 0.6})
	}
	// Read only when an unsubscribe may be regretted: rare, and the
	// phrases are many.
	if regret {
		stayOn = slices.ContainsFunc(own, resubscribes)
	}
	not.optOut = regret && stayOn
	decide(&r, hits, not)
	var counted [][]token
	for _, p := range parts {
		if !p.seg.harmoniq {
			counted = append(counted, p.sentences...)
		}
	}
	r.features = features(counted, hits)
	return r
}

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

// listMarker is the mark of an item of a numbered or bulleted list: "1)",
// "2.", "a)", "-", "•".
var listMarker = regexp.MustCompile(`^\s*(?:\d{1,2}[.)]|[a-zA-Z][)]|[-•*–])\s+`)

// listItem is a sentence without its list mark: "1) inga fler reklam-sms"
// starts, as a sentence, with "inga".
func listItem(text string) string {
	if m := listMarker.FindStringIndex(text); m != nil {
		return text[m[1]:]
	}
	return text
}

// hitPool keeps the arrays of the hits of messages read, for the next.
var hitPool = sync.Pool{New: func() any { return new([]Reason) }}

// arenas keep the token arrays of messages read, for the next: a 10 KB
// message's words take some 200 KB, which would otherwise be garbage after
// every message.
var arenas = sync.Pool{New: func() any { return new([]token) }}

func takeArena(n int) []token {
	a := *arenas.Get().(*[]token)
	if cap(a) < n {
		return make([]token, 0, n)
	}
	return a[:0]
}

// giveArena returns an arena, its words cleared so that it holds no text
// of the message; a very large one goes to the collector.
func giveArena(a []token) {
	if cap(a) > 16384 {
		return
	}
	clear(a)
	a = a[:0]
	arenas.Put(&a)
}

// rightsInformation are the words that tell a reader their rights: "du
// har rätt att", "you have the right to", "Sie haben das Recht".
var rightsInformation = [][]string{
	{"du", "har", "ratt", "att"}, {"du", "har", "ratt", "till"}, {"du", "har", "ratten", "att"}, {"ni", "har", "ratt", "att"},
	{"you", "have", "the", "right", "to"}, {"you", "have", "a", "right", "to"},
	{"sie", "haben", "das", "recht"}, {"du", "har", "ret", "til"}, {"du", "har", "rett", "til"}, {"sinulla", "on", "oikeus"},
	{"your", "rights"}, {"dina", "rattigheter"}, {"ihre", "rechte"}, {"dine", "rettigheder"}, {"dine", "rettigheter"},
}

// informsOfRights says whether a sentence tells its reader their rights.
func informsOfRights(toks []token) bool {
	for i := range toks {
		if toks[i].marks&mRightsFirst == 0 {
			continue
		}
		for _, p := range rightsInformation {
			if toks[i].fold == p[0] && matchesAt(toks, i, p) {
				return true
			}
		}
	}
	return false
}

// notUsing are the frames of a wish that the data not be used.
var notUsing = map[string]bool{"do-not-use+purpose": true, "do-not-use+data": true, "stop-using": true, "no+purpose": true}

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

// asksBesides says whether a right other than r is asked.
func asksBesides(best map[rights.Right]float64, r rights.Right) bool {
	for o, w := range best {
		if o != r && w >= rightAt {
			return true
		}
	}
	return false
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

// nationalNumber is a national identity number of the Nordic countries as
// people write it: six digits of the birth date, then four or five
// ("010190-1234", "01019012345", "010190A123B").
var nationalNumber = regexp.MustCompile(`\b\d{6}[-+A ]?\d{3,4}[0-9A-Z]?\b`)

// refusals are what the sender's own words say not to do.
type refusals struct {
	erase  bool // "radera ingenting", "don't delete anything"
	change bool // "ändra ingenting"
	// optOut: an unsubscribe regretted ("avregistrerade mig av misstag
	// … lägg till mig igen")
	optOut bool
}

// decide turns the hits into rights, triage or ordinary mail, leaving out
// what the sender said not to do.
func decide(r *Result, hits []Reason, not refusals) {
	best := map[rights.Right]float64{}
	for _, h := range hits {
		if h.Right != "" && h.Confidence > best[h.Right] {
			best[h.Right] = h.Confidence
		}
	}
	// "Frys mitt konto … och radera ingenting": a mail that asks for the
	// restriction and says not to erase asks for no erasure, whatever
	// else it says of deleting ("I understand you may delete old records").
	if not.erase && best[rights.Restriction] >= rightAt {
		delete(best, rights.Erasure)
	}
	// "Jag ångrar mig, radera inte mina uppgifter" above the person's own
	// earlier mail ("Radera mina uppgifter"): the erasure was taken back.
	if not.erase && !slices.ContainsFunc(hits, func(h Reason) bool {
		return h.Right == rights.Erasure && h.Confidence >= rightAt && h.Where == string(inBody)
	}) {
		delete(best, rights.Erasure)
	}
	// "Jag vet inte vilket som stämmer, så ändra ingenting än, men använd
	// inte mina uppgifter": the same for a correction.
	// "… I'd rather you just delete the whole account. No need to fix the
	// number first": a correction said not to be needed, beside another
	// right asked.
	if not.change && best[rights.Rectification] >= rightAt && asksBesides(best, rights.Rectification) {
		delete(best, rights.Rectification)
	}
	if not.optOut {
		delete(best, rights.MarketingOptOut)
	}
	// "… siden jeg flyttede tilbage til Aarhus … mit navn, min adresse":
	// a move told as the reason to leave asks no correction.
	if best[rights.Erasure] >= rightAt && best[rights.Rectification] >= rightAt && !slices.ContainsFunc(hits, func(h Reason) bool {
		return h.Right == rights.Rectification && h.Confidence >= rightAt && !strings.HasPrefix(h.Frame, "moved+")
	}) {
		delete(best, rights.Rectification)
	}
	// "Radera mitt konto och allt ni har om mig. Anledningen är att jag
	// inte vill ha några erbjudanden längre": the marketing is the reason
	// for the erasure, which ends it, not a second request.
	if best[rights.Erasure] >= rightAt && best[rights.MarketingOptOut] >= rightAt && !slices.ContainsFunc(hits, func(h Reason) bool {
		return h.Right == rights.MarketingOptOut && h.Confidence >= rightAt && !h.because
	}) {
		delete(best, rights.MarketingOptOut)
	}
	// "Era anteckningar och bilder får inte raderas, men jag vill inte att
	// de används … Begränsa behandlingen": pictures not to be used, in a
	// mail that asks for the restriction, are the restriction's.
	if best[rights.Restriction] >= rightAt && best[rights.ConsentWithdrawal] >= rightAt && !slices.ContainsFunc(hits, func(h Reason) bool {
		return h.Right == rights.ConsentWithdrawal && h.Confidence >= rightAt && h.Frame != "do-not-use+pictures"
	}) {
		delete(best, rights.ConsentWithdrawal)
	}
	// "Jag drar tillbaka mitt samtycke … ta bort bilderna": removing what
	// the consent covered is the withdrawal's, not a second right.
	if best[rights.ConsentWithdrawal] >= rightAt && best[rights.Erasure] >= rightAt &&
		!slices.ContainsFunc(hits, func(h Reason) bool {
			return h.Right == rights.Erasure && h.Confidence >= rightAt && h.Frame != "erase+consented"
		}) {
		delete(best, rights.Erasure)
	}
	// "Freeze it … I don't want that profile used for anything", "I
	// withdraw my consent to the analysis … stop using it": a wish that
	// the data not be used, in a mail that asks for its restriction or
	// withdraws the consent, is that right, as within one sentence
	// (frames), not a second one; an objection named as one ("I object",
	// "invänder") stays.
	if (best[rights.Restriction] >= rightAt || best[rights.ConsentWithdrawal] >= rightAt) && best[rights.Objection] >= rightAt &&
		!slices.ContainsFunc(hits, func(h Reason) bool {
			return h.Right == rights.Objection && h.Confidence >= rightAt && !notUsing[h.Frame]
		}) {
		delete(best, rights.Objection)
	}
	// Withdrawing consent to newsletters is the marketing opt-out: a bare
	// "återkallar samtycke" (often the subject) is not a second right when
	// the consent the mail names is to marketing.
	if best[rights.MarketingOptOut] >= rightAt && slices.ContainsFunc(hits, func(h Reason) bool { return strings.Contains(h.Frame, "consent+marketing") }) &&
		!slices.ContainsFunc(hits, func(h Reason) bool {
			return h.Right == rights.ConsentWithdrawal && h.Frame != "withdraw+consent" && h.Frame != "no-longer-consent"
		}) {
		delete(best, rights.ConsentWithdrawal)
	}
	// An objection to direct marketing is the opt-out; a bare "Widerspruch"
	// or "artikel 21" elsewhere in the same mail is the same objection.
	// So is a bare objection ("I object", "Widerspruch") in a mail whose
	// only other ask is to stop the marketing: nothing names profiling.
	if best[rights.MarketingOptOut] >= rightAt &&
		!slices.ContainsFunc(hits, func(h Reason) bool {
			return h.Right == rights.Objection && h.Frame != "object" && !strings.HasPrefix(h.Frame, "article")
		}) {
		delete(best, rights.Objection)
	}
	// "Ni får inte använda mina bilder … jag tar tillbaka mitt samtycke":
	// a use objected to, purpose unnamed, beside a consent withdrawn, is
	// the same withdrawal.
	if best[rights.ConsentWithdrawal] >= rightAt && !slices.ContainsFunc(hits, func(h Reason) bool {
		return h.Right == rights.Objection && h.Frame != "do-not-use+data"
	}) {
		delete(best, rights.Objection)
	}
	// A copy of one's data in a file to take elsewhere is portability; the
	// access frame the same words make is not a second right. An access
	// frame in a sentence of its own ("jag vill veta vad ni har om mig.
	// Jag vill också få dem som en fil") asks for both.
	if best[rights.Portability] >= rightAt && best[rights.Access] < 0.85 && !slices.ContainsFunc(hits, func(h Reason) bool {
		return h.Right == rights.Access && h.Confidence >= rightAt && !slices.ContainsFunc(hits, func(p Reason) bool {
			return p.Right == rights.Portability && p.sent == h.sent
		})
	}) {
		delete(best, rights.Access)
	}
	evidence := 0.0
	for _, h := range hits {
		if h.Right == "" && h.Confidence > evidence {
			evidence = h.Confidence
		}
	}
	r.best = best
	weakest := 1.0
	for _, right := range rights.All {
		if w, ok := best[right]; ok && w >= rightAt {
			r.Rights = append(r.Rights, right)
			weakest = math.Min(weakest, w)
		} else if ok && w >= 0.3 {
			r.Guess = append(r.Guess, right)
			evidence = math.Max(evidence, triageAt)
		}
	}
	for _, h := range hits {
		if (h.Right != "" && slices.Contains(r.Rights, h.Right) && h.Confidence >= rightAt) ||
			(len(r.Rights) == 0 && (h.Right == "" && h.Confidence >= triageAt || h.Right != "" && h.Confidence >= 0.3)) {
			r.Reasons = append(r.Reasons, h)
		}
	}
	slices.SortStableFunc(r.Reasons, func(a, b Reason) int { return cmp.Compare(b.Confidence, a.Confidence) })
	if len(r.Reasons) > 12 {
		r.Reasons = r.Reasons[:12]
	}
	switch {
	case len(r.Rights) > 0:
		r.IsRequest, r.Confidence = true, round(weakest)
	case evidence >= triageAt:
		r.IsRequest, r.Uncertain, r.Confidence = true, true, round(evidence)
	default:
		r.Confidence = round(1 - evidence)
	}
}

func round(x float64) float64 { return math.Round(math.Max(0, math.Min(1, x))*100) / 100 }

// articles are the GDPR articles a formal request cites, and their rights.
var articles = map[string]rights.Right{
	"15": rights.Access, "16": rights.Rectification, "17": rights.Erasure, "18": rights.Restriction,
	"20": rights.Portability, "21": rights.Objection,
}

// legalPhrases name a right in the words of the law or an authority's
// template, folded as the tokens are.
var legalPhrases = map[string]rights.Right{
	"registerutdrag": rights.Access, "subject access request": rights.Access, "dsar": rights.Access, "right of access": rights.Access,
	"right to access": rights.Access, "ratt till tillgang": rights.Access, "ratten till tillgang": rights.Access, "ratt att fa tillgang": rights.Access,
	"recht auf auskunft": rights.Access, "auskunftsersuchen": rights.Access, "auskunftsanfrage": rights.Access, "auskunftsanspruch": rights.Access,
	"indsigtsanmodning": rights.Access, "indsigtsret": rights.Access, "ret til indsigt": rights.Access, "innsynsbegjaering": rights.Access,
	"innsynsbegjring": rights.Access, "innsynsrett": rights.Access, "rett til innsyn": rights.Access, "tarkastusoikeus": rights.Access, "tarkastuspyynto": rights.Access, "tietopyynto": rights.Access,
	"right to be forgotten": rights.Erasure, "right to erasure": rights.Erasure, "ratten att bli bortglomd": rights.Erasure, "ratt att bli bortglomd": rights.Erasure,
	"ratt till radering": rights.Erasure, "recht auf loschung": rights.Erasure, "recht auf vergessenwerden": rights.Erasure, "ret til sletning": rights.Erasure,
	"rett til sletting": rights.Erasure, "oikeus tulla unohdetuksi": rights.Erasure, "oikeus poistaa": rights.Erasure,
	"right to rectification": rights.Rectification, "ratt till rattelse": rights.Rectification, "recht auf berichtigung": rights.Rectification,
	"right to restriction": rights.Restriction, "ratt till begransning": rights.Restriction, "recht auf einschrankung": rights.Restriction,
	"right to object": rights.Objection, "ratt att gora invandningar": rights.Objection, "widerspruchsrecht": rights.Objection,
	"right to data portability": rights.Portability, "ratt till dataportabilitet": rights.Portability, "recht auf datenubertragbarkeit": rights.Portability,
}

// legalPhrase is one phrase of legalPhrases, split into words.
type legalPhrase struct {
	phrase string
	words  []string
	right  rights.Right
}

// legalByFirst indexes the phrases of several words by their first word;
// legalWords are those of one word, found as a word's beginning
// ("registerutdraget").
var legalByFirst, legalWords = func() (map[string][]legalPhrase, []legalPhrase) {
	by := map[string][]legalPhrase{}
	var one []legalPhrase
	for phrase, r := range legalPhrases {
		ws := strings.Fields(phrase)
		p := legalPhrase{phrase: phrase, words: ws, right: r}
		if len(ws) == 1 {
			one = append(one, p)
			continue
		}
		by[ws[0]] = append(by[ws[0]], p)
	}
	sort.Slice(one, func(i, j int) bool { return one[i].phrase < one[j].phrase })
	return by, one
}()

// matchesAt says whether the words of toks from i on are ws, punctuation
// skipped.
func matchesAt(toks []token, i int, ws []string) bool {
	for _, w := range ws {
		for i < len(toks) && toks[i].punct {
			i++
		}
		if i >= len(toks) || toks[i].fold != w {
			return false
		}
		i++
	}
	return true
}

// articleAfter are the words that follow an article's number: Finnish
// writes "15 artiklan nojalla".
var articleAfter = map[string]bool{"artiklan": true, "artikla": true, "artiklassa": true}

var articleWords = map[string]bool{"artikel": true, "article": true, "art": true, "artikla": true, "artiklan": true, "artikkel": true, "artiklen": true, "artikels": true, "artikeln": true}

// legalTerms finds rights named as the law names them: by article or by a
// formal phrase.
func legalTerms(s sentence) []hit {
	var hits []hit
	for i, t := range s.toks {
		if t.marks&mArticleAfter != 0 && i > 0 {
			if r, ok := articles[s.toks[i-1].fold]; ok {
				hits = append(hits, hit{right: r, frame: "article " + s.toks[i-1].fold, cues: []string{s.toks[i-1].fold + " " + t.fold}, weight: 0.95, at: i, legal: true})
			}
			continue
		}
		if t.marks&mArticle == 0 {
			continue
		}
		for j := i + 1; j < len(s.toks) && j <= i+2; j++ {
			n := s.toks[j].fold
			if n == "nr" || n == "no" {
				continue
			}
			if r, ok := articles[n]; ok {
				if r == rights.Objection && (s.any(oMarketing) || subParagraph(s, j) == "2" || subParagraph(s, j) == "3") {
					r = rights.MarketingOptOut
				}
				hits = append(hits, hit{right: r, frame: "article " + n, cues: []string{t.fold + " " + n}, weight: 0.95, at: i, legal: true})
			} else if n == "7" && subParagraph(s, j) == "3" {
				hits = append(hits, hit{right: rights.ConsentWithdrawal, frame: "article 7(3)", cues: []string{t.fold + " 7.3"}, weight: 0.9, at: i, legal: true})
			}
			break
		}
	}
	for i, t := range s.toks {
		if t.punct {
			continue
		}
		if t.marks&mLegalFirst != 0 {
			for _, p := range legalByFirst[t.fold] {
				if matchesAt(s.toks, i, p.words) {
					hits = append(hits, hit{right: p.right, frame: "legal term", cues: []string{p.phrase}, weight: 0.95, at: i, legal: true})
				}
			}
		}
		if t.marks&mLegalPrefix != 0 {
			for _, p := range legalWords {
				if strings.HasPrefix(t.fold, p.phrase) {
					hits = append(hits, hit{right: p.right, frame: "legal term", cues: []string{p.phrase}, weight: 0.95, at: i, legal: true})
				}
			}
		}
	}
	// "Jag behöver inget registerutdrag, bara filen", "no copy needed":
	// a right named to say it is not wanted.
	return slices.DeleteFunc(hits, func(h hit) bool {
		return h.at > 0 && noneWords[s.toks[h.at-1].fold] || h.at > 1 && noneWords[s.toks[h.at-2].fold] && s.toks[h.at-1].tags == 0 && !s.toks[h.at-1].punct
	})
}

// noneWords deny the noun they stand before: "inget registerutdrag".
var noneWords = foldSet("inget ingen inga no kein keine keinen keinerlei intet ingen ingenting mitään")

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

// subParagraph returns the paragraph number after an article number at j:
// "21.2", "21(2)", "21 Abs. 2", "21 stk. 2".
func subParagraph(s sentence, j int) string {
	for k := j + 1; k < len(s.toks) && k <= j+3; k++ {
		t := s.toks[k]
		switch {
		case t.punct:
		case t.fold == "abs" || t.fold == "absatz" || t.fold == "stk" || t.fold == "ledd" || t.fold == "punkt" || t.fold == "kohta" || t.fold == "mom" || t.fold == "paragraph" || t.fold == "para":
		default:
			return t.fold
		}
	}
	return ""
}

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
