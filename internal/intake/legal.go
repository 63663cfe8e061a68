package intake

// A right named as the law names it: an article, a formal phrase; and
// the footers that tell a reader their rights without asking for any.

import (
	"slices"
	"sort"
	"strings"

	"github.com/harmoniq/dsr/internal/rights"
)

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
