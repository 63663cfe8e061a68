package intake

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/swedish"
)

// stemmers are the Snowball stemmers of the languages the classifier reads.
var stemmers = map[string]func(*snowball.Env) bool{
	"sv": swedish.Stem, "da": danish.Stem, "no": norwegian.Stem,
	"en": english.Stem, "de": german.Stem, "fi": finnish.Stem,
}

// entry is what the index knows of one form.
type entry struct {
	tags  concept
	canon string // the lexicon word it came from, shown as a reason
	// native is set when the word is of the index's own language family,
	// not an English word every language is given.
	native bool
	// rank says how well canon names the word for the index's language: 2
	// a word of that language, 1 of its family, 0 English given to all.
	rank uint8
}

// index maps, per stemmer language, a word's forms to its concepts:
// surface holds lexicon words as written, stems their folded forms and
// stems. deletes maps each stem with one letter left out to the stems it
// came from, to find a word written with one typo.
type index struct {
	// typoHeads holds the first two bytes of every stem a typo may stand
	// for: a word starting otherwise is not looked for as a typo.
	typoHeads map[string]bool
	surface   map[string]entry
	stems     map[string]entry
	deletes   map[string][]string
	negs      map[string]bool

	// mu guards seen, the readings of words met before: mail repeats its
	// words, and a word read once is not stemmed again.
	mu   sync.RWMutex
	seen map[string]reading
}

// reading is what lookup made of a word.
type reading struct {
	tags                concept
	canon, stem         string
	neg, compound, typo bool
	marks               marks
}

// marks are a word's places in the word lists read for every word of a
// mail, as bits: a 10 KB mail has some two thousand words, and a map
// lookup per word and list added a fifth to its cost.
type marks uint16

const (
	mRefrain      marks = 1 << iota // refrains: "avstå", "refrain"
	mInquiry                        // inquiryWords, by the word or its stem
	mArticle                        // articleWords: "artikel", "art"
	mArticleAfter                   // articleAfter: Finnish "artiklan"
	mLegalFirst                     // the first word of a legal phrase
	mRight                          // rightWords: "stämmer", "correct"
	mOut                            // outWords: "ut", "out"
	mLegalPrefix                    // a word of seven letters or more a legal word begins
	mAll                            // "allt", "alla", "everything"
	mRightsFirst                    // the first word of rightsInformation: "du", "you", "your"
	mImage                          // a word for photos (isImage)
)

// marksOf finds the marks of a token read.
func marksOf(t *token) marks {
	var m marks
	set := func(b marks, in bool) {
		if in {
			m |= b
		}
	}
	set(mRefrain, refrains[t.fold])
	set(mInquiry, inquiryWords[t.fold] || inquiryWords[t.stem])
	set(mArticle, articleWords[t.fold])
	set(mArticleAfter, articleAfter[t.fold])
	set(mLegalFirst, len(legalByFirst[t.fold]) > 0)
	set(mRight, rightWords[t.fold])
	set(mOut, outWords[t.fold])
	set(mAll, isAll(*t) || allWords[t.fold])
	set(mImage, isImage(*t))
	set(mRightsFirst, slices.ContainsFunc(rightsInformation, func(p []string) bool { return p[0] == t.fold }))
	set(mLegalPrefix, len(t.fold) >= 7 && slices.ContainsFunc(legalWords, func(p legalPhrase) bool { return strings.HasPrefix(t.fold, p.phrase) }))
	return m
}

// seenMax bounds the words remembered per language; past it the memory
// starts again.
const seenMax = 50000

// typoable are the concepts a typo may stand for: actions and what they
// act on.
const typoable = cErase | cClose | cUnsub | cStop | cChange | cRestrict | cObject | cWithdraw | cConsent | cTransfer | cCopy | personal | cWrong | cMoved

// minTypoLen is the shortest stem a typo is looked for in: shorter words
// have too many neighbours one letter away.
const minTypoLen = 5

var (
	indexOnce sync.Once
	indexes   map[string]*index
)

// indexFor returns the index of language lang, building all on first use.
func indexFor(lang string) *index {
	indexOnce.Do(buildIndexes)
	if ix, ok := indexes[lang]; ok {
		return ix
	}
	return indexes["sv"]
}

func buildIndexes() {
	indexes = map[string]*index{}
	for lang := range stemmers {
		indexes[lang] = &index{typoHeads: map[string]bool{}, surface: map[string]entry{}, stems: map[string]entry{}, deletes: map[string][]string{}, negs: map[string]bool{}}
		for _, w := range words(negations[lang]) {
			indexes[lang].negs[fold(w)] = true
		}
	}
	env := snowball.NewEnv("")
	// The lexicon is read in a fixed order, so that a key several words
	// share names the same word on every start: the word of the index's
	// own language first, then the first in that order.
	put := func(m map[string]entry, key, canon string, c concept, native bool, rank uint8) {
		e := m[key]
		if e.canon == "" || rank > e.rank {
			e.canon, e.rank = canon, rank
		}
		e.tags |= c
		e.native = e.native || native
		m[key] = e
	}
	for _, lex := range []map[concept]map[string]string{lexicon, more} {
		for _, c := range slices.Sorted(maps.Keys(lex)) {
			byLang := lex[c]
			for _, wordLang := range slices.Sorted(maps.Keys(byLang)) {
				for _, w := range words(byLang[wordLang]) {
					w = strings.ToLower(w)
					langs := families[wordLang]
					if c >= wFirst || len([]rune(w)) <= 3 || wordLang == "en" && len([]rune(w)) <= 4 {
						// function words and short English words ("lock",
						// "last") stay in their own language
						langs = []string{wordLang}
					}
					for _, lang := range langs {
						ix := indexes[lang]
						native := wordLang == lang || wordLang != "en" && lang != "en"
						rank := uint8(0)
						switch {
						case wordLang == lang:
							rank = 2
						case native:
							rank = 1
						}
						put(ix.surface, w, w, c, native, rank)
						keys := []string{fold(w), stemWith(env, lang, w)}
						if fold(w) != w {
							// å, ä, ö also written as aa, ae, oe
							keys = append(keys, foldDigraphs(keys[0]), foldDigraphs(keys[1]))
						}
						for _, key := range keys {
							put(ix.stems, key, w, c, native, rank)
						}
					}
				}
			}
		}
	}
	for _, ix := range indexes {
		for stem := range ix.stems {
			if utf8.RuneCountInString(stem) < minTypoLen {
				continue
			}
			for _, d := range deletions(stem) {
				ix.deletes[d] = append(ix.deletes[d], stem)
			}
		}
		for _, stems := range ix.deletes {
			slices.Sort(stems) // candidates in one order on every start
		}
		for stem := range ix.stems {
			if e := ix.stems[stem]; utf8.RuneCountInString(stem) >= minTypoLen && e.tags&typoable != 0 && e.tags&blocking == 0 && len(stem) >= 6 {
				ix.typoHeads[stem[:2]] = true
			}
		}
	}
}

// stemWith stems a lower-case word with lang's Snowball stemmer and folds
// the result, so that "ändra" and "andra" meet.
func stemWith(env *snowball.Env, lang, w string) string {
	env.SetCurrent(w)
	stemmers[lang](env)
	return fold(env.Current())
}

// deletions returns s with each one of its letters left out.
func deletions(s string) []string {
	out := make([]string, 0, len(s))
	for i := range s {
		_, n := utf8.DecodeRuneInString(s[i:])
		out = append(out, s[:i]+s[i+n:])
	}
	return out
}

// oneEdit says whether a and b differ by one letter inserted, deleted or
// changed, or two neighbours swapped.
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:]
	}
	return false
}

// wholeOnly are lexicon words matched only as written or inflected as a
// noun, never through a stem other words share: "passar" (fits) is no
// "pass" (passport).
var wholeOnly = map[string]bool{"pass": true, "pas": true}

// lookup finds the concepts of one token. A stop word (a word of the
// language's commonest) is read only as the lexicon writes it; other words
// also by their folded form, their stem, the parts of a compound, or as a
// lexicon word one typo away.
func (ix *index) lookup(env *snowball.Env, lang string, t *token) {
	ix.mu.RLock()
	r, ok := ix.seen[t.text]
	ix.mu.RUnlock()
	if ok {
		t.tags, t.canon, t.stem, t.neg, t.compound, t.typo, t.marks = r.tags, r.canon, r.stem, r.neg, r.compound, r.typo, r.marks
		return
	}
	t.neg = ix.negs[t.fold]
	ix.read(env, lang, t)
	t.marks = marksOf(t)
	ix.mu.Lock()
	if len(ix.seen) >= seenMax || ix.seen == nil {
		ix.seen = make(map[string]reading, 1024)
	}
	ix.seen[strings.Clone(t.text)] = reading{t.tags, t.canon, t.stem, t.neg, t.compound, t.typo, t.marks}
	ix.mu.Unlock()
}

// forget empties the memory of words read, for benchmarks of a cold start.
func forget() {
	indexOnce.Do(buildIndexes)
	for _, ix := range indexes {
		ix.mu.Lock()
		ix.seen = nil
		ix.mu.Unlock()
	}
}

// read finds the concepts of one token, as lookup does, without memory.
func (ix *index) read(env *snowball.Env, lang string, t *token) {
	if e, ok := ix.surface[t.text]; ok {
		t.tags, t.canon = e.tags, e.canon
		if !stopwords[lang][t.text] {
			t.stem = fold(t.text)
		}
		return
	}
	if stopwords[lang][t.text] || len(t.fold) < 3 {
		return
	}
	stem := stemWith(env, lang, t.text)
	t.stem = stem
	if e, ok := ix.stems[t.fold]; ok {
		t.tags, t.canon = e.tags, e.canon
		if s, ok := ix.stems[stem]; ok && stem != t.fold {
			t.tags |= s.tags // as above
		}
		return
	}
	if e, ok := ix.stems[stem]; ok && !wholeOnly[e.canon] {
		t.tags, t.canon = e.tags, e.canon
		return
	}
	// å, ä, ö written as aa, ae, oe.
	if alt := foldDigraphs(t.fold); alt != t.fold {
		if e, ok := ix.stems[alt]; ok {
			t.tags, t.canon = e.tags, e.canon
			return
		}
		if e, ok := ix.stems[foldDigraphs(stem)]; ok {
			t.tags, t.canon = e.tags, e.canon
			return
		}
	}
	// Definite forms the Swedish stemmer leaves ("efternamnet",
	// "registret"): try without the article.
	if lang == "sv" || lang == "da" || lang == "no" {
		for _, end := range []string{"et", "en", "t", "n"} {
			if len(t.fold) > len(end)+3 && strings.HasSuffix(t.fold, end) {
				if e, ok := ix.stems[t.fold[:len(t.fold)-len(end)]]; ok {
					t.tags, t.canon = e.tags, e.canon
					return
				}
			}
		}
	}
	if n := len(stem); n >= 7 {
		ix.compound(stem, t)
		if t.tags != 0 {
			return
		}
	}
	// Typos are looked for in Swedish and English, the languages most of
	// the mail is in; in the others a word one letter from a lexicon word
	// is too often another word ("Unterlagen", "untersagen").
	if (lang == "sv" || lang == "en") && utf8.RuneCountInString(t.fold) >= minTypoLen {
		if utf8.RuneCountInString(stem) >= minTypoLen {
			ix.typo(stem, t)
		}
		if t.tags == 0 && stem != t.fold {
			ix.typo(t.fold, t)
		}
	}
}

// compound reads a compound ("kunduppgifterna", "nyhetsbrevsutskick"): its
// last part carries its meaning; its first part may carry an action
// ("raderingsbegäran").
func (ix *index) compound(stem string, t *token) {
	n := len(stem)
	for i := 3; i <= n-4; i++ {
		// Compounds are made of the language's own words: an English tail
		// in a Scandinavian word is a name ("Kristoffersen").
		if e, ok := ix.stems[stem[i:]]; ok && e.native && e.tags&(personal|blocking|cCopy|cConsent|cFile) != 0 {
			t.tags, t.canon, t.compound = e.tags, e.canon, true
			if e.tags&oList != 0 && strings.HasPrefix(stem, "kund") {
				// "kundlistan", "kundelista": the customer register
				t.tags = t.tags&^oList | oRegister
			}
			break
		}
	}
	for i := n - 3; i >= 4; i-- {
		head := strings.TrimSuffix(stem[:i], "s")
		// A short head is too often the start of another word:
		// "struktureret" is no "stryk".
		if len(head) < 6 {
			break
		}
		if e, ok := ix.stems[head]; ok && e.native && e.tags&(cErase|cChange|cRestrict|cTransfer|cCopy|oMarketing) != 0 {
			t.tags |= e.tags
			if t.canon == "" {
				t.canon = e.canon
			}
			t.compound = true
			break
		}
	}
}

// typo finds a lexicon word one letter away from stem.
func (ix *index) typo(stem string, t *token) {
	if len(stem) < 2 || !ix.typoHeads[stem[:2]] {
		return
	}
	try := func(cands []string) bool {
		for _, c := range cands {
			e := ix.stems[c]
			// Only the words a request turns on are read through a typo,
			// for recall; an order word misread would hide a request.
			if e.tags&typoable == 0 || e.tags&blocking != 0 || len(c) < 6 || c[0] != stem[0] {
				continue
			}
			if oneEdit(stem, c) {
				t.tags, t.canon, t.typo = e.tags, e.canon, true
				return true
			}
		}
		return false
	}
	if try(ix.deletes[stem]) { // a letter missing
		return
	}
	var buf [64]byte
	if len(stem) > len(buf) {
		return
	}
	for i := 0; i < len(stem); {
		_, n := utf8.DecodeRuneInString(stem[i:])
		d := append(append(buf[:0], stem[:i]...), stem[i+n:]...)
		if _, ok := ix.stems[string(d)]; ok && try([]string{string(d)}) { // a letter too many
			return
		}
		if cands, ok := ix.deletes[string(d)]; ok && try(cands) { // a letter wrong, or two swapped
			return
		}
		i += n
	}
}
