package letter

import (
	"fmt"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/rights"
)

// Decision is the outcome for one right, as the letter explains it.
type Decision struct {
	Right   rights.Right
	Outcome string // "approved", "partly_approved" or "refused"
	Ground  string // the legal ground of a refusal, in the reader's language
}

// Response is what a response letter says.
type Response struct {
	CaseNumber string
	Received   time.Time
	Language   string // "sv" or "en"
	Recipient  []string
	Decisions  []Decision
	// Unverified is set when the case closes because the person's identity
	// could not be verified.
	Unverified bool
}

// Kinds of letter.
const (
	KindResponse   = "response"
	KindUnverified = "unverified"
)

// Kind returns the letter kind r is.
func (r Response) Kind() string {
	if r.Unverified {
		return KindUnverified
	}
	return KindResponse
}

const (
	imySV = "Om du är missnöjd med hur vi har hanterat din begäran har du rätt att lämna klagomål till " +
		"Integritetsskyddsmyndigheten (IMY), Box 8114, 104 20 Stockholm, imy@imy.se, telefon 08-657 61 00, www.imy.se. " +
		"Du har också rätt att vända dig till allmän domstol."
	imyEN = "If you are not satisfied with how we handled your request, you have the right to lodge a complaint with " +
		"the Swedish Authority for Privacy Protection (Integritetsskyddsmyndigheten, IMY), Box 8114, 104 20 Stockholm, " +
		"Sweden, imy@imy.se, +46 8 657 61 00, www.imy.se. You also have the right to take the matter to court."
)

// Compose writes the response letter for r, dated now.
func Compose(r Response, now time.Time) Letter {
	if r.Language == "en" {
		return composeEnglish(r, now)
	}
	l := Letter{CaseNumber: r.CaseNumber, Date: now, Recipient: r.Recipient, Labels: SwedishLabels}
	greeting := "Hej,"
	if len(r.Recipient) > 0 && r.Recipient[0] != "" {
		greeting = "Hej " + r.Recipient[0] + ","
	}
	received := fmt.Sprintf("Vi tog emot din begäran den %s och har gett den ärendenummer %s.", r.Received.Format("2006-01-02"), r.CaseNumber)
	if r.Unverified {
		l.Title = "Din begäran har avslutats"
		l.Paragraphs = []string{greeting, received,
			"Vi har inte kunnat bekräfta att begäran kommer från dig. För att skydda dina personuppgifter från att lämnas ut till eller ändras av någon annan har vi därför avslutat ärendet utan åtgärd.",
			"Du är välkommen att skicka in en ny begäran. Skicka då med en kopia av en giltig ID-handling, som vi raderar så snart vi har kontrollerat den.",
			imySV, "Med vänliga hälsningar\nHarmoniq AB, Kundservice"}
		return l
	}
	l.Title = "Svar på din begäran enligt dataskyddsförordningen"
	l.Paragraphs = []string{greeting, received}
	for _, d := range r.Decisions {
		what := d.Right.Swedish()
		switch d.Outcome {
		case "approved":
			l.Paragraphs = append(l.Paragraphs, fmt.Sprintf("Vi har beviljat din begäran om %s (dataskyddsförordningen %s).", what, d.Right.Article()))
		case "partly_approved":
			l.Paragraphs = append(l.Paragraphs, fmt.Sprintf("Vi har delvis beviljat din begäran om %s (dataskyddsförordningen %s). Skäl till att vi inte kan göra allt du bad om: %s",
				what, d.Right.Article(), sentence(d.Ground)))
		default:
			l.Paragraphs = append(l.Paragraphs, fmt.Sprintf("Vi kan inte bevilja din begäran om %s. Skäl: %s", what, sentence(d.Ground)))
		}
	}
	l.Paragraphs = append(l.Paragraphs, imySV, "Har du frågor är du välkommen att kontakta oss på kundservice@harmoniq.se och ange ärendenumret.",
		"Med vänliga hälsningar\nHarmoniq AB, Kundservice")
	return l
}

func composeEnglish(r Response, now time.Time) Letter {
	l := Letter{CaseNumber: r.CaseNumber, Date: now, Recipient: r.Recipient, Labels: EnglishLabels}
	greeting := "Hello,"
	if len(r.Recipient) > 0 && r.Recipient[0] != "" {
		greeting = "Dear " + r.Recipient[0] + ","
	}
	received := fmt.Sprintf("We received your request on %s and gave it case number %s.", r.Received.Format("2006-01-02"), r.CaseNumber)
	if r.Unverified {
		l.Title = "Your request has been closed"
		l.Paragraphs = []string{greeting, received,
			"We could not confirm that the request came from you. To protect your personal data from being disclosed to or changed by someone else, we have closed the case without action.",
			"You are welcome to send a new request with a copy of a valid identity document, which we delete as soon as we have checked it.",
			imyEN, "Kind regards\nHarmoniq AB, Customer Service"}
		return l
	}
	l.Title = "Reply to your request under the General Data Protection Regulation"
	l.Paragraphs = []string{greeting, received}
	for _, d := range r.Decisions {
		what := strings.ReplaceAll(string(d.Right), "_", " ")
		switch d.Outcome {
		case "approved":
			l.Paragraphs = append(l.Paragraphs, fmt.Sprintf("We have granted your request for %s (GDPR %s).", what, englishArticle(d.Right)))
		case "partly_approved":
			l.Paragraphs = append(l.Paragraphs, fmt.Sprintf("We have partly granted your request for %s (GDPR %s). Why we cannot do all you asked: %s",
				what, englishArticle(d.Right), sentence(d.Ground)))
		default:
			l.Paragraphs = append(l.Paragraphs, fmt.Sprintf("We cannot grant your request for %s. Reason: %s", what, sentence(d.Ground)))
		}
	}
	l.Paragraphs = append(l.Paragraphs, imyEN, "If you have questions, contact us at kundservice@harmoniq.se quoting the case number.",
		"Kind regards\nHarmoniq AB, Customer Service")
	return l
}

func englishArticle(r rights.Right) string {
	return strings.NewReplacer("artikel", "Article", "–", "-").Replace(r.Article())
}

func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "-"
	}
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
