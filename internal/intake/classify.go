package intake

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

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
	regret := false // "av misstag"
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
	// "… lägg till mig igen" is read only when an unsubscribe may be
	// regretted: rare, and the phrases are many.
	not.optOut = regret && slices.ContainsFunc(own, resubscribes)
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
