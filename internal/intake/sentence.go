package intake

// A sentence as the frames read it, and the lookups they share.

import (
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

var formalYou = foldSet("sie jer jeres")

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

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func tokenAt(s sentence, k int) token {
	if k < 0 {
		return token{}
	}
	return s.toks[k]
}

func foldSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[fold(w)] = true
	}
	return m
}

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

// instructs says whether the sentence tells its reader how to do a thing
// ("klicka här för att avregistrera dig", "click here to unsubscribe"): a
// newsletter's footer, not the writer's wish. A writer who tried it ("I
// clicked unsubscribe, but …") writes of themself.
// So is an unsubscribe addressed to the reader ("avregistrera dig här").
func (s sentence) instructs(i int) bool {
	return !s.any(wFirst) && (s.near(0, len(s.toks), clickWords) || i+1 < len(s.toks) && readerWords[s.toks[i+1].fold])
}

// clickWords tell the reader to click: a footer's instruction.
var clickWords = foldSet("klicka click klicken klik klikk klikke napsauta svara reply antworten vastaa")

// readerWords are "you" as the object of a reflexive verb: a text
// addressed to its reader, not written by the person about themself.
var readerWords = foldSet("dig dej dich deg yourself")

// auxiliaries are the verbs before a participle that tell a state or a
// deed: "är ändrad", "has deleted", "ble slettet".
var auxiliaries = map[string]bool{"ar": true, "har": true, "blev": true, "blivit": true, "er": true, "ble": true, "blitt": true, "var": true,
	"was": true, "has": true, "is": true, "had": true, "were": true, "ist": true, "wurde": true, "hat": true, "on": true, "oli": true}

// existVerbs say that something is there: "jag inte finns kvar".
var existVerbs = map[string]bool{"finnas": true, "finns": true, "exist": true, "exists": true, "findes": true, "finnes": true, "gibt": true, "bleiben": true}

// wantedForms are the words before a participle that make it asked for:
// "have it deleted", "få det ändrat", "be removed".
var wantedForms = map[string]bool{"have": true, "get": true, "be": true, "been": true, "bli": true, "blir": true, "fa": true, "vara": true, "ska": true, "bitte": true, "werden": true, "blive": true}

// vanishWords are erase words that tell what happens to something, not
// what someone does: "försvinner", "disappear".
var vanishWords = foldSet("försvinner försvinna försvann disappear disappears disappeared vanish vanishes verschwinden verschwindet forsvinder forsvinne forsvinner katoaa katoavat häviää")
