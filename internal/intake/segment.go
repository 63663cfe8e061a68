package intake

import (
	"regexp"
	"strings"
)

// where names the part of a message a word was read in.
type where string

const (
	inSubject   where = "subject"
	inBody      where = "body"
	inForwarded where = "forwarded"
	inQuoted    where = "quoted"
)

// segment is a run of text with one author: the sender's own words, or a
// quoted or forwarded message.
type segment struct {
	where where
	text  string
	// harmoniq is set when the text was written by Harmoniq (quoted from
	// its earlier mail): a request found only there is no request.
	harmoniq bool
	// footer is set when a mailing footer that offers to unsubscribe
	// ("Avregistrera | Hantera prenumeration") was dropped from the text:
	// it was a newsletter.
	footer bool
}

var (
	// forwardMarker starts a forwarded or an original message, in the
	// languages mail clients write.
	forwardMarker = regexp.MustCompile(`(?i)^\s*(-{2,}|_{2,}|\*{2,})?\s*(forwarded message|vidarebefordrat meddelande|videresendt (meddelelse|melding|besked)|weitergeleitete nachricht|välitetty viesti|edelleenlähetetty viesti|original message|ursprungligt meddelande|oprindelig meddelelse|opprinnelig melding|ursprüngliche nachricht|alkuperäinen viesti|begin forwarded message|inledning av vidarebefordrat meddelande)\s*:?\s*(-{2,}|_{2,}|\*{2,})?\s*$`)
	// headerFrom is the From line of a forwarded or quoted header block.
	headerFrom = regexp.MustCompile(`(?i)^\s*\*?(from|från|fra|von|lähettäjä|avsändare)\s*:\*?\s*(.*)$`)
	// headerSent is the line of such a block that dates it.
	headerSent = regexp.MustCompile(`(?i)^\s*\*?(sent|skickat|sendt|gesendet|lähetetty|date|datum|dato|päivämäärä|päiväys)\s*:\*?`)
	// attribution is the line a reply writes above the quoted mail.
	attribution = regexp.MustCompile(`(?i)\b(wrote|skrev|schrieb|kirjoitti|a écrit)\b[^:]{0,80}:\s*$|\b(wrote|skrev|schrieb|kirjoitti)\s*$`)
	// signatureStart ends the sender's words: the signature delimiter, a
	// phone's "sent from", or a closing greeting on a line of its own.
	signatureDelim = regexp.MustCompile(`^(--|__+|—)\s*$`)
	sentFrom       = regexp.MustCompile(`(?i)^\s*(skickat från|sent from|sendt fra|gesendet von|lähetetty)\b`)
	closing        = regexp.MustCompile(`(?i)^\s*(mvh|m\.v\.h\.?|med vänlig(a)? hälsning(ar)?|vänliga hälsningar|hälsningar|best regards|kind regards|regards|best wishes|cheers|yours sincerely|yours faithfully|sincerely|ystävällisin terveisin|terveisin|mit freundlichen grüßen|freundliche grüße|viele grüße|beste grüße|med venlig hilsen|venlig hilsen|hilsen|med vennlig hilsen|vennlig hilsen)\b[\s,.!]*`)
	// closingName is what may follow a closing greeting on its line: a name.
	closingName = regexp.MustCompile(`^(\p{Lu}[\p{L}.-]*(\s+\p{Lu}[\p{L}.-]*){0,3})?\s*$`)
)

// lowerASCII lower-cases the ASCII letters of s and leaves the rest: the
// cheap tests below look for words whose other letters are lower case in
// the lexicon anyway ("vänliga hälsningar" stays "vänliga hälsningar").
func lowerASCII(s string) string {
	upper := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			upper = true
			break
		}
	}
	if !upper {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// Cheap tests a line must pass before the regular expression reads it:
// most lines are prose, and the expressions cost far more than these.
func mayBeForwardMarker(l string) bool { return lineWords.in(l)&kindForward != 0 }

// The kinds of words lineWords finds.
const (
	kindForward = 1 << iota
	kindAttribution
	kindFooter
)

// lineWords finds the words that make a line worth a closer look, in one
// pass over the line.
var lineWords = func() phrases {
	ps := phrases{}
	ps.add(kindForward, "message", "meddelande", "meddelelse", "nachricht", "viesti", "melding", "besked")
	ps.add(kindAttribution, "wrote", "skrev", "schrieb", "kirjoitti", "écrit")
	ps.add(kindFooter, footerWords...)
	return ps
}()

var headerSet = func() phrases {
	ps := phrases{}
	ps.add(1, "from:", "from :", "från:", "från :", "fra:", "fra :", "von:", "von :", "lähettäjä:", "avsändare:")
	ps.add(2, "sent:", "skickat:", "sendt:", "gesendet:", "lähetetty:", "date:", "datum:", "dato:", "päivämäärä:", "päiväys:")
	return ps
}()

// mayBeHeader says whether a lower-cased line starts a header block's
// From line ("Från: Anna <…>"); mayBeSent, its date line.
func mayBeHeader(l string) bool { return headerSet.at(strings.TrimLeft(l, " \t*"))&1 != 0 }

func mayBeSent(l string) bool { return headerSet.at(strings.TrimLeft(l, " \t*"))&2 != 0 }

// mayEndAttribution says whether a lower-cased line may end an
// attribution: with a colon, or with the word "skrev" itself.
func mayEndAttribution(l string) bool {
	return strings.HasSuffix(l, ":") || strings.HasSuffix(l, "wrote") || strings.HasSuffix(l, "skrev") ||
		strings.HasSuffix(l, "schrieb") || strings.HasSuffix(l, "kirjoitti")
}

func mayBeAttribution(l string) bool { return lineWords.in(l)&kindAttribution != 0 }

// phrases finds phrases at the start of a word of a line, with one map
// lookup per word instead of a search per phrase.
type phrases map[uint32][]phrase

type phrase struct {
	text string
	kind int
}

func (ps phrases) add(kind int, texts ...string) {
	for _, t := range texts {
		ps[head3(t)] = append(ps[head3(t)], phrase{t, kind})
	}
}

// in returns the kinds of the phrases that start a word of l.
func (ps phrases) in(l string) int {
	kinds := 0
	for i := 0; i+3 <= len(l); i++ {
		if i > 0 && isWordByte(l[i-1]) {
			continue
		}
		for _, p := range ps[head3(l[i:])] {
			if strings.HasPrefix(l[i:], p.text) {
				kinds |= p.kind
			}
		}
	}
	return kinds
}

// at returns the kinds of the phrases that start l itself.
func (ps phrases) at(l string) int {
	kinds := 0
	if len(l) < 3 {
		return 0
	}
	for _, p := range ps[head3(l)] {
		if strings.HasPrefix(l, p.text) {
			kinds |= p.kind
		}
	}
	return kinds
}

func head3(s string) uint32 { return uint32(s[0])<<16 | uint32(s[1])<<8 | uint32(s[2]) }

func isWordByte(b byte) bool { return isASCIILetter(b) || b >= '0' && b <= '9' || b >= 0x80 }

// footerWords mark a line of mailing software or a legal department
// ("avregistrera dig här", "this e-mail is confidential").
var footerWords = []string{"avregistrera", "avsluta prenumerationen", "unsubscribe", "abbestellen", "abmelden", "afmeld", "avmeld", "peruuttaa tilauksen",
	"manage preferences", "manage your preferences", "manage your subscription", "manage subscription", "hantera inställningar", "hantera dina inställningar",
	"hantera prenumerationer", "hantera dina prenumerationer", "du får detta", "du får det här", "you are receiving this", "you're receiving this", "you’re receiving this", "youre receiving this", "you receive this",
	"you received this", "this email was sent", "this e-mail was sent", "this message was sent", "this email is confidential", "this e-mail is confidential",
	"this message is confidential", "this email may contain", "this e-mail may contain", "this message may contain", "detta e-postmeddelande",
	"detta epostmeddelande", "detta mejl kan", "detta mejl är", "detta meddelande kan", "detta meddelande är", "diese e-mail", "diese email", "denne e-mail",
	"denne email", "view in browser", "view it in your browser", "view in your browser", "visa i webbläsaren", "i webbläsaren", "i din webbläsare"}

// footerMarks make a footer word a footer: a link, a "click here", or a
// row of links ("Unsubscribe | Update your preferences").
var footerMarks = []string{" | ", "http://", "https://", "www.", "[link]", "<http", "klicka här", "click here", "hier klicken", "klikk her", "klik her", ".se/", ".com/"}

// isFooter says whether a lower-cased line is a footer.
func isFooter(l string) bool {
	if lineWords.in(l)&kindFooter == 0 {
		return false
	}
	if isFooterSentence(l) {
		return true
	}
	for _, m := range footerMarks {
		if strings.Contains(l, m) {
			return true
		}
	}
	return false
}

var closingWords = []string{"mvh", "m.v.h", "med vänlig", "vänliga hälsningar", "hälsningar", "best regards", "kind regards", "regards", "best wishes",
	"cheers", "yours sincerely", "yours faithfully", "sincerely", "ystävällisin terveisin", "terveisin", "mit freundlichen", "freundliche grüße",
	"viele grüße", "beste grüße", "med venlig hilsen", "venlig hilsen", "hilsen", "med vennlig hilsen", "vennlig hilsen", "skickat från", "sent from",
	"sendt fra", "gesendet von", "lähetetty"}

var closingSet = func() phrases {
	ps := phrases{}
	ps.add(1, closingWords...)
	return ps
}()

func mayBeClosing(l string) bool { return len(l) <= 70 && closingSet.at(l) != 0 }

// segments splits a message body into the sender's own words and the
// messages it quotes or forwards, and drops signatures and footers.
// subject is the message's own subject line.
func segments(subject, body string) []segment { return segmentsFrom(subject, body, false) }

// segmentsFrom is segments for a message from a sender who may be
// Harmoniq itself (a store forwarding a customer's letter, or its note of
// what a customer said): then what it forwards counts, whoever wrote it.
func segmentsFrom(subject, body string, fromHarmoniq bool) []segment {
	out := []segment{{where: inSubject, text: cleanSubject(subject)}}
	// A message forwarded on purpose ("Fwd:", "VB:") carries someone's
	// words to kundservice, even when a Harmoniq store forwards them; only
	// Harmoniq's own mail quoted back in a reply is left out.
	forward := forwardPrefix.MatchString(subject)
	cur := segment{where: inBody}
	var b strings.Builder
	quoteAuthorHarmoniq, quoteKnown := false, false
	flush := func() {
		cur.text = b.String()
		if cur.where == inQuoted && !cur.harmoniq && !quoteKnown && signedHarmoniq(cur.text, cur.footer) {
			// a quote with no "… wrote:" above it, signed by kundservice
			cur.harmoniq = true
		}
		if strings.TrimSpace(cur.text) != "" {
			out = append(out, cur)
		}
		b.Reset()
	}
	if strings.IndexByte(body, '\r') >= 0 {
		body = strings.ReplaceAll(body, "\r\n", "\n")
	}
	lines := strings.Split(body, "\n")
	// lowerASCII keeps every byte where it was, so the lower-cased body
	// splits into the same lines.
	lowers := strings.Split(lowerASCII(body), "\n")
	kindsOf := make([]int, len(lowers))
	for i := range lowers {
		lowers[i] = strings.TrimSpace(lowers[i])
		kindsOf[i] = lineWords.in(lowers[i])
	}
	inSignature, dashSig := false, false
	// inFooter: a mailing footer's line was read; the rest of its
	// paragraph ("To have your details deleted from our list, write
	// to …") is the footer's too.
	inFooter := false
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		lower := lowers[i]
		kinds := kindsOf[i]
		// A forwarded or original message starts: its header block names
		// its author.
		if kinds&kindForward != 0 && len(trimmed) < 90 && forwardMarker.MatchString(trimmed) || mayBeHeader(lower) && headerFrom.MatchString(trimmed) && nextSent(lowers, i, 5) {
			flush()
			inSignature, dashSig, inFooter = false, false, false
			harmoniq := false
			j := i
			marked := kinds&kindForward != 0 && len(trimmed) < 90 && forwardMarker.MatchString(trimmed)
			if marked {
				j++
			}
			for ; j < len(lines) && j < i+8; j++ {
				if m := headerFrom.FindStringSubmatch(strings.TrimSpace(lines[j])); m != nil {
					harmoniq = isHarmoniq(m[2])
					break
				}
			}
			if fromHarmoniq {
				harmoniq = false
			}
			_ = forward
			cur = segment{where: inForwarded, harmoniq: harmoniq}
			continue
		}
		if strings.HasPrefix(trimmed, ">") {
			if cur.where != inQuoted {
				flush()
				cur = segment{where: inQuoted, harmoniq: quoteKnown && quoteAuthorHarmoniq}
			}
			q := strings.TrimLeft(trimmed, "> ")
			if l := lowerASCII(q); isFooter(l) {
				cur.footer = cur.footer || unsubscribes(l)
				continue
			}
			b.WriteString(q)
			b.WriteByte('\n')
			continue
		}
		if cur.where == inQuoted {
			flush()
			cur = segment{where: inBody}
			inSignature, dashSig, inFooter = false, false, false
		}
		// The line above a quote names who wrote it; it may wrap.
		if kinds&kindAttribution != 0 && mayEndAttribution(lower) && attribution.MatchString(trimmed) ||
			i+1 < len(lines) && (kinds|kindsOf[i+1])&kindAttribution != 0 && mayEndAttribution(lowers[i+1]) && nextQuoted(lines, i+1) &&
				attribution.MatchString(trimmed+" "+strings.TrimSpace(lines[i+1])) {
			joined := trimmed
			if i > 0 {
				joined = strings.TrimSpace(lines[i-1]) + " " + trimmed
			}
			if i+1 < len(lines) {
				joined += " " + strings.TrimSpace(lines[i+1])
			}
			quoteKnown, quoteAuthorHarmoniq = true, isHarmoniq(joined)
			continue
		}
		if cur.where == inBody || cur.where == inForwarded {
			if len(trimmed) <= 3 && signatureDelim.MatchString(line) || mayBeClosing(lower) && sentFrom.MatchString(trimmed) {
				inSignature = true
				// "-- " is the signature's own mark (RFC 3676): what follows
				// it, a footer's long lines too, is the signature's.
				dashSig = strings.HasPrefix(trimmed, "--")
				continue
			}
			if !mayBeClosing(lower) {
				// not a closing line
			} else if m := closing.FindStringIndex(trimmed); m != nil && closingName.MatchString(trimmed[m[1]:]) {
				inSignature, dashSig = true, false
				continue
			}
			// lower is trimmed with its ASCII letters lower-cased.
			if inSignature && !strings.HasPrefix(lower, "ps") && !strings.HasPrefix(lower, "p.s") {
				if len(trimmed) <= 60 || trimmed == "" || dashSig {
					continue
				}
				inSignature = false
			}
			if trimmed == "" {
				inFooter = false
			}
			if inFooter || kinds&kindFooter != 0 && isFooter(lower) {
				inFooter = true
				cur.footer = cur.footer || unsubscribes(lower)
				continue
			}
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	flush()
	// "Sv: Ditt ärende 90312 – radering av konto" over Harmoniq's quoted
	// answer is Harmoniq's subject, replied to: the person's request, if
	// any, is in their own words above the quote.
	if !forward && !fromHarmoniq && subjectPrefix.MatchString(subject) {
		for _, sg := range out[1:] {
			if sg.harmoniq {
				out[0].harmoniq = true
				break
			}
		}
	}
	return out
}

// unsubscribes says whether a lower-cased footer line offers to leave a
// mailing list (not a confidentiality disclaimer).
func unsubscribes(l string) bool {
	for _, w := range []string{"avregistrera", "unsubscribe", "abmelden", "abbestellen", "afmeld", "avmeld", "prenumeration", "subscription", "preferences", "inställningar", "peruuttaa tilauksen"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// signedHarmoniq says whether a quoted text ends with Harmoniq's
// signature ("Kundservice, Harmoniq AB", "Harmoniq Kundservice") in one of
// its last four lines, or is a newsletter of Harmoniq's whose footer was
// dropped: not the person's own "Radera mitt konto hos Harmoniq."
func signedHarmoniq(text string, newsletter bool) bool {
	lines := strings.Split(strings.TrimRight(text, "\n "), "\n")
	for _, l := range lines[max(len(lines)-4, 0):] {
		l = strings.ToLower(strings.TrimSpace(l))
		if !isHarmoniq(l) || len(l) > 60 {
			continue
		}
		if newsletter || strings.Contains(l, "harmoniq ab") || strings.Contains(l, "kundservice") || strings.Contains(l, "customer service") ||
			strings.Contains(l, "asiakaspalvelu") || strings.Contains(l, "kundenservice") || strings.Contains(l, "kundeservice") || strings.TrimRight(l, ".") == "harmoniq" {
			return true
		}
	}
	return false
}

// isFooterSentence says whether a line reads as a mailing footer on its
// own ("Du får detta mejl eftersom …") rather than a person's request.
func isFooterSentence(l string) bool {
	for _, p := range []string{"du får detta", "du får det här", "you are receiving", "you're receiving", "you’re receiving", "youre receiving", "you received this", "this email was sent", "this e-mail was sent", "detta e-postmeddelande", "this email is confidential", "this e-mail is confidential", "this message may contain", "diese e-mail", "manage preferences", "manage your"} {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

// nextSent says whether a header block's date line follows line i within
// the next lines.
func nextSent(lowers []string, i int, within int) bool {
	for j := i + 1; j < len(lowers) && j <= i+within; j++ {
		if mayBeSent(lowers[j]) && headerSent.MatchString(lowers[j]) {
			return true
		}
	}
	return false
}

func nextQuoted(lines []string, i int) bool {
	for j := i + 1; j < len(lines) && j <= i+2; j++ {
		t := strings.TrimSpace(lines[j])
		if t == "" {
			continue
		}
		return strings.HasPrefix(t, ">")
	}
	return false
}

// isHarmoniq says whether an author line names Harmoniq.
func isHarmoniq(s string) bool { return strings.Contains(strings.ToLower(s), "harmoniq") }

var (
	forwardPrefix  = regexp.MustCompile(`(?i)^\s*(re\s*:\s*)*(fwd?|vb|wg|vs|vl|tr|doorst)\s*:`)
	originalMarker = regexp.MustCompile(`(?i)(original message|ursprungligt meddelande|oprindelig meddelelse|opprinnelig melding|ursprüngliche nachricht|alkuperäinen viesti)`)
)

var subjectPrefix = regexp.MustCompile(`(?i)^\s*((re|sv|vs|aw|antw|fwd?|vb|wg|vl|tr|vs|ynt)\s*(\[\d+\])?\s*:\s*)+`)

// cleanSubject drops "Re:", "SV:", "Fwd:" and the like.
func cleanSubject(s string) string { return subjectPrefix.ReplaceAllString(s, "") }
