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

// Kinds of letter.
const (
	KindResponse   = "response"   // the answer: what was decided on each right
	KindUnverified = "unverified" // closed because identity could not be verified
	KindComplement = "complement" // asks for identity proof or a clarification; the clock is paused
	KindExtension  = "extension"  // the time limit is extended, with reasons
	// KindRestrictionLift tells the person, before it happens, that a
	// restriction of processing is lifted (Art. 18(3)).
	KindRestrictionLift = "restriction-lift"
	// KindRecipientNotice tells a recipient or processor of the data that it
	// was rectified, erased or restricted (Art. 19).
	KindRecipientNotice = "recipient-notice"
)

// Content is what one letter says, before wording and layout.
type Content struct {
	Kind       string
	CaseNumber string
	Received   time.Time
	Language   string // "sv" or "en"
	Recipient  []string
	Decisions  []Decision
	Requested  string    // complement: what the person must send
	Reason     string    // extension: why more time is needed
	Due        time.Time // the date the answer will come by

	// What fulfilment did, for the response letter.
	Erased      []Count         // erasure: rows erased by category
	Kept        []KeptItem      // erasure: what the law required to keep
	Rectified   []Rectification // rectification: before and after
	Confirmed   []string        // restriction, opt-out, consent withdrawal: done, in the reader's words
	Report      []ReportSection // access: the register extract (registerutdrag)
	Portability *Delivery       // portability: the file delivered

	// Recipient notices: whose data changed (formatted personnummer) and how.
	SubjectID string
	Change    string // rectification, erasure or restriction
}

// Count is a number of records of a category.
type Count struct {
	System, Category string
	Rows             int
}

// KeptItem is what erasure kept, why and until when.
type KeptItem struct {
	System, Category, Reason string
	Rows                     int
	Until                    time.Time
}

// Rectification is one corrected field.
type Rectification struct {
	System, Field, Old, New string
}

// ReportSection is one category of data in an access report, with what
// Art. 15 requires said about it.
type ReportSection struct {
	System, Category, Purposes, LegalBasis, Retention, Recipients, Source string
	Columns                                                               []string
	Rows                                                                  [][]string
}

// Delivery is a portability file.
type Delivery struct {
	File, SHA256 string
	Tables, Rows int
}

// Compose words c in the reader's language, dated now.
func Compose(c Content, now time.Time) (Letter, error) {
	w := swedish
	labels := SwedishLabels
	if c.Language == "en" {
		w, labels = english, EnglishLabels
	}
	l := Letter{CaseNumber: c.CaseNumber, Date: now, Recipient: c.Recipient, Labels: labels}
	greeting := w.hello
	if len(c.Recipient) > 0 && strings.TrimSpace(c.Recipient[0]) != "" {
		greeting = fmt.Sprintf(w.helloName, c.Recipient[0])
	}
	received := fmt.Sprintf(w.received, c.Received.Format(time.DateOnly), c.CaseNumber)
	body := []string{greeting, received}
	switch c.Kind {
	case KindResponse:
		l.Title = w.responseTitle
		for _, d := range c.Decisions {
			body = append(body, w.decision(d))
		}
		body = append(body, w.fulfilment(c)...)
		body = append(body, w.complain, w.questions)
	case KindUnverified:
		l.Title = w.unverifiedTitle
		body = append(body, w.unverified...)
		body = append(body, w.complain)
	case KindComplement:
		l.Title = w.complementTitle
		body = append(body, fmt.Sprintf(w.complementAsk, sentence(c.Requested)), w.complementClock, w.idCopyDeleted, w.questions)
	case KindExtension:
		l.Title = w.extensionTitle
		body = append(body, fmt.Sprintf(w.extension, sentence(c.Reason), c.Due.Format(time.DateOnly)), w.complain, w.questions)
	case KindRecipientNotice:
		l.Title = swedish.noticeTitle
		l.Labels = SwedishLabels
		body = []string{swedish.noticeGreeting, fmt.Sprintf(swedish.notice, c.CaseNumber, swedish.noticeChange[c.Change], c.SubjectID), swedish.noticeAsk, w.questions}
	case KindRestrictionLift:
		l.Title = w.liftTitle
		body = append(body, fmt.Sprintf(w.lift, sentence(c.Reason)), w.complain, w.questions)
	default:
		return Letter{}, fmt.Errorf("unknown letter kind %q", c.Kind)
	}
	l.Paragraphs = append(body, w.regards)
	return l, nil
}

// wording is one language's text. A privacy officer edits it here.
type wording struct {
	hello, helloName, received, regards, complain, questions string

	responseTitle, approved, partly, refused string
	rightName, articleName                   func(rights.Right) string

	unverifiedTitle string
	unverified      []string

	complementTitle, complementAsk, complementClock, idCopyDeleted string

	extensionTitle, extension string

	liftTitle, lift string

	noticeTitle, noticeGreeting, notice, noticeAsk string
	noticeChange                                   map[string]string
}

func (w wording) decision(d Decision) string {
	name, article := w.rightName(d.Right), w.articleName(d.Right)
	switch d.Outcome {
	case "approved":
		return fmt.Sprintf(w.approved, name, article)
	case "partly_approved":
		return fmt.Sprintf(w.partly, name, article, sentence(d.Ground))
	}
	return fmt.Sprintf(w.refused, name, sentence(d.Ground))
}

var swedish = wording{
	hello: "Hej,", helloName: "Hej %s,",
	received: "Vi tog emot din begäran den %s och har gett den ärendenummer %s.",
	regards:  "Med vänliga hälsningar\nHarmoniq AB, Kundservice",
	complain: "Om du är missnöjd med hur vi har hanterat din begäran har du rätt att lämna klagomål till " +
		"Integritetsskyddsmyndigheten (IMY), Box 8114, 104 20 Stockholm, imy@imy.se, telefon 08-657 61 00, www.imy.se. " +
		"Du har också rätt att vända dig till allmän domstol.",
	questions:       "Har du frågor är du välkommen att kontakta oss på kundservice@harmoniq.se och ange ärendenumret.",
	responseTitle:   "Svar på din begäran enligt dataskyddsförordningen",
	approved:        "Vi har beviljat din begäran om %s (dataskyddsförordningen %s).",
	partly:          "Vi har delvis beviljat din begäran om %s (dataskyddsförordningen %s). Skäl till att vi inte kan göra allt du bad om: %s",
	refused:         "Vi kan inte bevilja din begäran om %s. Skäl: %s",
	rightName:       rights.Right.Swedish,
	articleName:     rights.Right.Article,
	unverifiedTitle: "Din begäran har avslutats",
	unverified: []string{
		"Vi har inte kunnat bekräfta att begäran kommer från dig. För att skydda dina personuppgifter från att lämnas ut till eller ändras av någon annan har vi därför avslutat ärendet utan åtgärd.",
		"Du är välkommen att skicka in en ny begäran. Skicka då med en kopia av en giltig ID-handling, som vi raderar så snart vi har kontrollerat den.",
	},
	complementTitle: "Vi behöver mer från dig för att kunna hantera din begäran",
	complementAsk:   "För att kunna hantera din begäran behöver vi följande från dig: %s",
	complementClock: "Tiden för vårt svar räknas inte medan vi väntar på detta. Den fortsätter när vi har fått det du skickar. Svara gärna på det här brevet eller skriv till kundservice@harmoniq.se och ange ärendenumret.",
	idCopyDeleted:   "Om du skickar en kopia av en ID-handling använder vi den bara för att kontrollera din identitet. Vi raderar kopian så snart kontrollen är gjord och sparar bara att kontrollen gjordes, hur och när.",
	extensionTitle:  "Vi behöver längre tid för att svara på din begäran",
	extension:       "Vi behöver förlänga tiden för vårt svar, vilket dataskyddsförordningen (artikel 12.3) tillåter med högst två månader. Skäl: %s Du får vårt svar senast %s.",
	noticeTitle:     "Meddelande enligt artikel 19 i dataskyddsförordningen",
	noticeGreeting:  "Till er som mottagare eller personuppgiftsbiträde,",
	notice:          "I ärende %s har Harmoniq AB på begäran av den registrerade %s de personuppgifter om personen med personnummer %s som vi har lämnat ut till er eller som ni behandlar för vår räkning.",
	noticeAsk:       "Vi ber er att vidta motsvarande åtgärd i era system utan onödigt dröjsmål och bekräfta till kundservice@harmoniq.se med ärendenumret. Personnumret får bara användas för att hitta personens uppgifter.",
	noticeChange:    map[string]string{"erasure": "raderat", "rectification": "rättat", "restriction": "begränsat behandlingen av"},
	liftTitle:       "Begränsningen av behandlingen av dina uppgifter hävs",
	lift:            "Du har tidigare fått behandlingen av dina personuppgifter begränsad. Innan vi häver begränsningen ska vi enligt dataskyddsförordningen (artikel 18.3) meddela dig. Begränsningen hävs nu. Skäl: %s Därefter behandlar vi uppgifterna som före begränsningen.",
}

var english = wording{
	hello: "Hello,", helloName: "Dear %s,",
	received: "We received your request on %s and gave it case number %s.",
	regards:  "Kind regards\nHarmoniq AB, Customer Service",
	complain: "If you are not satisfied with how we handled your request, you have the right to lodge a complaint with " +
		"the Swedish Authority for Privacy Protection (Integritetsskyddsmyndigheten, IMY), Box 8114, 104 20 Stockholm, " +
		"Sweden, imy@imy.se, +46 8 657 61 00, www.imy.se. You also have the right to take the matter to court.",
	questions:     "If you have questions, contact us at kundservice@harmoniq.se quoting the case number.",
	responseTitle: "Reply to your request under the General Data Protection Regulation",
	approved:      "We have granted your request for %s (GDPR %s).",
	partly:        "We have partly granted your request for %s (GDPR %s). Why we cannot do all you asked: %s",
	refused:       "We cannot grant your request for %s. Reason: %s",
	rightName:     func(r rights.Right) string { return strings.ReplaceAll(string(r), "_", " ") },
	articleName: func(r rights.Right) string {
		return strings.NewReplacer("artikel", "Article", "–", "-").Replace(r.Article())
	},
	unverifiedTitle: "Your request has been closed",
	unverified: []string{
		"We could not confirm that the request came from you. To protect your personal data from being disclosed to or changed by someone else, we have closed the case without action.",
		"You are welcome to send a new request with a copy of a valid identity document, which we delete as soon as we have checked it.",
	},
	complementTitle: "We need more from you to handle your request",
	complementAsk:   "To handle your request we need the following from you: %s",
	complementClock: "The time for our answer does not run while we wait for this; it continues once we have received what you send. Reply to this letter or write to kundservice@harmoniq.se quoting the case number.",
	idCopyDeleted:   "If you send a copy of an identity document, we use it only to check your identity. We delete the copy as soon as the check is done and keep only that it was done, how and when.",
	extensionTitle:  "We need more time to answer your request",
	extension:       "We need to extend the time for our answer, which the GDPR (Article 12(3)) allows by at most two months. Reason: %s You will have our answer by %s.",
	liftTitle:       "The restriction of the processing of your data is lifted",
	lift:            "The processing of your personal data was restricted at your request. The GDPR (Article 18(3)) requires us to tell you before the restriction is lifted. It is lifted now. Reason: %s From now on we process the data as before the restriction.",
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
