package intake

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a message, with what the lexicon knows of it.
type token struct {
	text string // lower case, apostrophes dropped
	fold string // text with diacritics folded to ASCII
	// punct is set for a comma, a colon or a dash: it ends a negation's
	// scope but not a sentence.
	punct bool
	tags  concept
	canon string // the lexicon word matched, for the reasons
	neg   bool   // a negation word of the message's language
	// compound and typo say how the word matched: as part of a compound,
	// or one letter away from a lexicon word. Both weaken a frame.
	compound, typo bool
	// stem is the word's Snowball stem, folded; empty for stop words.
	stem string
	// marks are the word lists the word is in, of those read for every
	// word of a mail: found once, when the word is first read (lookup).
	marks marks
}

// fold returns s, lower case, with diacritics folded to the ASCII that
// people type when their keyboard has no å, ä or ö.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch r {
		case 'å', 'ä', 'á', 'à', 'â':
			b = append(b, 'a')
		case 'ö', 'ø', 'ó', 'ò', 'ô':
			b = append(b, 'o')
		case 'æ':
			b = append(b, 'a', 'e')
		case 'ü', 'ú', 'ù', 'û':
			b = append(b, 'u')
		case 'ß':
			b = append(b, 's', 's')
		case 'é', 'è', 'ê', 'ë':
			b = append(b, 'e')
		case 'í', 'ì', 'î', 'ï':
			b = append(b, 'i')
		case 'ñ':
			b = append(b, 'n')
		case 'ç':
			b = append(b, 'c')
		case 'š':
			b = append(b, 's')
		case 'ž':
			b = append(b, 'z')
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b)
}

// foldDigraphs reads the ASCII spellings "aa", "ae", "oe" and "ue" as the
// letters they stand for (already folded), so "loeschen" meets "löschen".
func foldDigraphs(s string) string {
	if !strings.Contains(s, "a") && !strings.Contains(s, "e") {
		return s
	}
	return digraphs.Replace(s)
}

var digraphs = strings.NewReplacer("aa", "a", "ae", "a", "oe", "o", "ue", "u")

// joins are written as two words and read as one.
var joins = map[[2]string]string{
	{"opt", "out"}: "optout", {"log", "in"}: "login", {"logga", "in"}: "loggain", {"ta", "del"}: "tadel",
	{"säga", "upp"}: "sägaupp", {"saga", "upp"}: "sägaupp", {"ta", "emot"}: "taemot", {"ladda", "ner"}: "laddaner",
	{"ladda", "ned"}: "laddaner", {"få", "ut"}: "faut", {"fa", "ut"}: "faut", {"föra", "över"}: "föraöver",
	{"laste", "ned"}: "lastened", {"melde", "av"}: "meldav", {"meld", "av"}: "meldav", {"si", "opp"}: "sioppi",
	{"holde", "op"}: "holdeop", {"gift", "card"}: "giftcard", {"låter", "bli"}: "låterbli", {"låta", "bli"}: "låterbli", {"later", "bli"}: "låterbli", {"lata", "bli"}: "låterbli", {"egift", "card"}: "giftcard", {"gift", "cards"}: "giftcard", {"mailing", "list"}: "mailinglist",
	{"card", "details"}: "carddetails", {"credit", "card"}: "creditcard", {"payment", "card"}: "paymentcard", {"saved", "card"}: "savedcard",
	{"data", "protection"}: "dataprotection", {"text", "messages"}: "textmessages", {"data", "leak"}: "dataleak", {"data", "breach"}: "breach", {"date", "of"}: "dateof", {"dateof", "birth"}: "dateofbirth", {"personal", "data"}: "personaldata", {"machine", "readable"}: "machinereadable",
	{"kanta", "asiakas"}: "kantaasiakas", {"no", "longer"}: "nolonger", {"any", "more"}: "anymore",
	{"stäng", "av"}: "stängav", {"stänga", "av"}: "stängav", {"stäng", "ner"}: "stängav", {"slå", "av"}: "stängav",
	{"turn", "off"}: "turnoff", {"switch", "off"}: "turnoff", {"skru", "av"}: "stängav", {"slå", "fra"}: "stängav", {"gå", "med"}: "gåttmed", {"ta", "med"}: "tamed", {"take", "with"}: "tamed", {"gått", "med"}: "gåttmed", {"gå", "ur"}: "gåur", {"fram", "till"}: "framtill", {"se", "till"}: "setill", {"make", "sure"}: "makesure", {"sørg", "for"}: "sørgfor", {"sorg", "for"}: "sørgfor", {"waiting", "list"}: "waitinglist", {"wait", "list"}: "waitinglist", {"skriva", "in"}: "skrivain", {"skriv", "in"}: "skrivain", {"lägga", "in"}: "läggain", {"lägg", "in"}: "läggain", {"ga", "ur"}: "gåur",
}

// heads is a set of the first two bytes of words, to skip a map lookup
// for most words.
type heads [1 << 16 / 64]uint64

func (h *heads) add(w string) {
	k := head2(w)
	h[k/64] |= 1 << (k % 64)
}

func (h *heads) has(w string) bool {
	k := head2(w)
	return h[k/64]&(1<<(k%64)) != 0
}

func head2(w string) uint16 {
	switch len(w) {
	case 0:
		return 0
	case 1:
		return uint16(w[0]) << 8
	}
	return uint16(w[0])<<8 | uint16(w[1])
}

// joinHeads are the first two bytes of joinFirst's words.
var joinHeads = func() *heads {
	h := new(heads)
	for k := range joins {
		h.add(k[0])
	}
	return h
}()

// joinFirst holds the first words of joins.
var joinFirst = func() map[string]bool {
	m := map[string]bool{}
	for k := range joins {
		m[k[0]] = true
	}
	return m
}()

var inWord = strings.NewReplacer("'", "", "’", "", "-", "", "\u00ad", "", "\u200b", "", "\u200c", "", "\u200d", "", "\u2060", "", "\ufeff", "")

// invisible says whether r is a character that takes no room and splits no
// word: zero-width space and joiners, word joiner, byte-order mark. Pasted
// text carries them, and they must not cut "ra\u200bdera" in two.
func invisible(r rune) bool {
	return r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff'
}

// isAddress says whether a chunk of text between spaces is an e-mail
// address or a link ("anna@example.se", "https://…", "harmoniq.se/x"):
// its words ("gmail", "mailing") are no words of the sender's.
func isAddress(c string) bool {
	if strings.IndexByte(c, '@') >= 0 || strings.Contains(c, "://") || strings.HasPrefix(c, "www.") {
		return true
	}
	i := strings.LastIndexByte(c, '.')
	if i <= 0 || i+2 > len(c) || !isASCIILetter(c[i-1]) {
		return false
	}
	tld := c[i+1:]
	if j := strings.IndexAny(tld, "/?#"); j >= 0 {
		tld = tld[:j]
	}
	switch strings.ToLower(strings.TrimRight(tld, ".,;:!?)>\"'")) {
	case "se", "com", "nu", "net", "org", "fi", "de", "dk", "no", "eu", "io", "co", "uk", "info":
		return true
	}
	return false
}

func isASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

// tokenize splits text into words and the punctuation that matters inside
// a sentence, leaving out e-mail addresses and links. Sentence ends are
// not tokens: the caller splits sentences.
func tokenize(s string, out []token) []token {
	// The sentence is lower-cased at once, not word by word: one copy
	// instead of one per capitalised word.
	s = lowerWord(s)
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' {
			continue
		}
		if chunk := s[start:i]; chunk != "" && !isAddress(chunk) {
			out = tokenizeChunk(chunk, out)
		}
		start = i + 1
	}
	return out
}

func tokenizeChunk(s string, out []token) []token {
	start := -1
	for i := 0; i <= len(s); {
		var r rune
		n := 1
		if i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				r = rune(c)
			} else {
				r, n = utf8.DecodeRuneInString(s[i:])
			}
		}
		switch {
		case i == len(s):
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'),
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
			if start < 0 {
				start = i
			}
			i += n
			continue
		case (r == '\'' || r == '’' || r == '-' || r == '\u00ad') && start >= 0:
			// inside a word: "don't", "e-post", "sms-utskick"
			i += n
			continue
		case r >= 0x2000 && invisible(r):
			if start < 0 {
				start = i
			}
			i += n
			continue
		}
		if start >= 0 {
			out = appendWord(out, s[start:i])
			start = -1
		}
		if i < len(s) && (r == ',' || r == ':' || r == '–' || r == '(' || r == ')') {
			out = append(out, token{text: s[i : i+n], punct: true})
		}
		i += n
	}
	return out
}

// appendWord appends one word, lower-cased, or joins it to the word before
// ("opt out", "ta del").
func appendWord(out []token, w string) []token {
	if hasJoiner(w) {
		w = inWord.Replace(w)
	}
	if w == "" {
		return out
	}
	if n := len(out); n > 0 && !out[n-1].punct && len(out[n-1].text) <= 8 && len(w) <= 12 && joinHeads.has(out[n-1].text) && joinFirst[out[n-1].text] {
		if j, ok := joins[[2]string{out[n-1].text, w}]; ok {
			out[n-1] = token{text: j, fold: fold(j)}
			return out
		}
	}
	return append(out, token{text: w, fold: fold(w)})
}

// hasJoiner says whether w may hold an apostrophe, a hyphen, a soft hyphen
// or an invisible character, by their last bytes ('’' ends 0x99, U+00AD
// 0xAD, U+200B–D 0x8B–0x8D, U+2060 0xA0, U+FEFF 0xBF); a false yes only
// costs a replacement that changes nothing.
func hasJoiner(w string) bool {
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case '\'', '-', 0xAD, 0x99, 0x8B, 0x8C, 0x8D, 0xA0, 0xBF:
			return true
		}
	}
	return false
}

// lowerWord lower-cases text as strings.ToLower does, without allocating
// when it is already lower case, and reading ASCII a byte at a time.
func lowerWord(w string) string {
	first := -1
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				first = i
				break
			}
			i++
			continue
		}
		if c == 0xC3 && i+1 < len(w) && w[i+1] >= 0x9F && w[i+1] <= 0xBF {
			i += 2 // ß to ÿ: å, ä, ö, é are lower case already
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		if r == utf8.RuneError || unicode.ToLower(r) != r {
			first = i
			break
		}
		i += n
	}
	if first < 0 {
		return w
	}
	b := make([]byte, first, len(w)+8)
	copy(b, w[:first])
	for i := first; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		b = utf8.AppendRune(b, unicode.ToLower(r))
		i += n
	}
	return string(b)
}

// sentences splits text into sentences: at . ! ? and ;, at blank lines,
// and at a line break after a short line (a greeting, a list item, a
// subject written into the body), but not inside hard-wrapped prose. Each
// sentence is a piece of text, line breaks and all.
func sentences(text string) []string {
	var out []string
	from := 0 // where the current sentence starts
	push := func(to int) {
		if s := strings.TrimSpace(text[from:to]); s != "" {
			out = append(out, s)
		}
		from = to
	}
	lineStart := 0
	for i := 0; i <= len(text); i++ {
		for i < len(text) && !sentenceBytes[text[i]] {
			i++ // most bytes end nothing
		}
		if i == len(text) || text[i] == '\n' {
			line := strings.TrimSpace(text[lineStart:i])
			if line == "" || utf8.RuneCountInString(line) < 40 {
				push(i)
			}
			lineStart = i + 1
			continue
		}
		switch text[i] {
		case '.', '!', '?', ';':
			if text[i] == '.' {
				// a full stop inside a number or an abbreviation ("art. 15",
				// "t.ex.", "den 4. och 18. mars") ends no sentence
				if i+1 < len(text) && text[i+1] != ' ' && text[i+1] != '\n' && text[i+1] != '\r' ||
					isAbbreviation(text[max(from, lineStart):i]) || nextIsLower(text[i+1:]) && !endsWord(text[max(from, lineStart):i]) {
					continue
				}
			}
			push(i + 1)
		}
	}
	push(len(text))
	return out
}

// sentenceBytes are the bytes sentences reads: a line break and the marks
// that may end a sentence.
var sentenceBytes = func() (t [256]bool) {
	for _, c := range "\n.!?;" {
		t[c] = true
	}
	return t
}()

// isAbbreviation says whether the text before a full stop ends in a short
// abbreviation that does not end a sentence ("art", "nr", "t.ex").
func isAbbreviation(before string) bool {
	i := strings.LastIndexAny(before, " (\t") + 1
	w := strings.ToLower(before[i:])
	return abbreviations[w]
}

// abbreviations end with a full stop that ends no sentence: "art. 15",
// "t.ex.", "ang. min beställning", "tel. 070 …".
var abbreviations = foldSet("art nr no t.ex bl.a ca kap st p e.g i.e z.b bzw mm dvs osv jfr mr mrs ms dr " +
	"resp inkl exkl ang etc obs tel tfn mob ggr ref jan feb mar apr jun jul aug sep sept okt nov dec approx incl excl usw ggf evtl vgl nro puh esim ks mfl")

// endsWord says whether the text before a full stop ends in a word of
// three letters or more that is no abbreviation: "… registrerade mig. byt
// gärna …" is two sentences though the second starts in lower case, as
// people write in a hurry; "den 4. och", "kl. 14", "ev. returer" are one.
func endsWord(before string) bool {
	i := strings.LastIndexAny(before, " (\t\n") + 1
	w := before[i:]
	n := 0
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
		n++
	}
	return n >= 3 && !abbreviations[fold(strings.ToLower(w))]
}

// nextIsLower says whether the next word of s starts with a lower-case
// letter or a digit: then a full stop before it ends no sentence.
func nextIsLower(s string) bool {
	s = strings.TrimLeft(s, " \t")
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r) || unicode.IsDigit(r)
}
