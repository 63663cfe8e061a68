package letter

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/harmoniq/dsr/internal/rights"
)

// Decision is the outcome for one right, as the letter explains it.
type Decision struct {
	Right   rights.Right
	Outcome string // "approved", "partly_approved" or "refused"
	Ground  string // the legal ground of a refusal, in the reader's language
	// Justification is why the request is manifestly unfounded or
	// excessive (Art. 12(5)), when that is the ground.
	Justification string
	// What a partly approved decision covers: systems, and categories named
	// in the letter's language, less those excepted. All empty: the
	// decision names no scope.
	ScopeSystems, ScopeCategories, ScopeExcept []string
}

// Kinds of letter.
const (
	KindResponse   = "response"   // the answer: what was decided on each right
	KindUnverified = "unverified" // closed because identity could not be verified
	KindComplement = "complement" // asks for identity proof or a clarification; the clock is paused
	KindExtension  = "extension"  // the time limit is extended, with reasons
	// KindAcknowledgement confirms receipt and gives the due date.
	KindAcknowledgement = "acknowledgement"
	// KindRestrictionLift tells the person, before it happens, that a
	// restriction of processing is lifted (Art. 18(3)).
	KindRestrictionLift = "restriction-lift"
	// KindRecipientNotice tells a recipient or processor of the data that it
	// was rectified, erased or restricted (Art. 19).
	KindRecipientNotice = "recipient-notice"
	// KindFee warns the person that a repeated request carries a fee
	// (Art. 12(5)) and asks whether they accept it.
	KindFee = "fee"
	// KindPosted tells a person who asked by e-mail that the answer holds
	// their data and so went by post, and to which address.
	KindPosted = "posted"
)

// Routes a letter goes by.
const (
	RoutePost  = "post"
	RouteEmail = "email"
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
	Fee        int       // fee: the amount asked, in whole kronor

	// What fulfilment did, for the response letter.
	Erased []Count // erasure: rows erased by category
	// NotErased are the rows a partly approved erasure's scope left out,
	// by category: they stay as they were.
	NotErased []Count
	Kept      []KeptItem // erasure: what the law required to keep
	// Anonymised are the systems where the person's customer record
	// stays, stripped of all that identifies them, for kept records.
	Anonymised []string
	// Manual are the steps staff carried out by hand in systems the
	// engine does not reach, as they confirmed them.
	Manual []ManualStep
	// Systems name the systems as the person knows them, in the letter's
	// language (the dataset files' titles); a system not named here goes
	// by the engine's own name for it.
	Systems   map[string]string
	Rectified []Rectification // rectification: before and after
	// Confirmed are the rights carried out that need no list (restriction,
	// marketing_optout, objection, consent_withdrawal), with the counts
	// fulfilment recorded: the letter says what they say, and no more.
	Confirmed []Confirmation
	Report    []ReportSection // access: the register extract (registerutdrag)
	// ReportBeforeChange: the extract was made before the same case
	// erased or corrected data, and shows what was held at the request.
	ReportBeforeChange bool
	Portability        *Delivery // portability: the file delivered
	// Notified names the recipients and processors an Art. 19 notice of
	// the change went to.
	Notified []string

	// Acknowledgement: the rights asked for.
	Rights []rights.Right

	// Recipient notices: whose data changed (formatted personnummer) and how.
	SubjectID string
	Change    string // rectification, erasure or restriction

	// Route is how the letter goes (RoutePost or RouteEmail) and SentTo
	// where, as the letter states it: the postal address on one line, or
	// the e-mail address. Every letter names its route.
	Route, SentTo string
	// Posted is, in a KindPosted notice, the postcode and town the answer
	// was posted to (never the street: the notice goes by e-mail).
	Posted string
}

// Confirmation is what fulfilment did for one right, in counts over the
// systems: the records restricted, the marketing consents turned off or
// ended (Rows), and for a consent withdrawn the records held on that
// consent, erased (Erased).
type Confirmation struct {
	Right        string
	Rows, Erased int
	// Objection: the rows processed on legitimate interest that were
	// erased because the processing stopped, by category; and whether the
	// person was put on the suppression list for direct marketing.
	Stopped    []Count
	Suppressed bool
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
	// AboutThisRequest: the section tells only of the request the letter
	// answers (the engine's own record of it), which the person knows.
	AboutThisRequest                                                      bool
	System, Category, Purposes, LegalBasis, Retention, Recipients, Source string
	// AutomatedDecisions and Transfers are the record of processing's
	// statements for the category; empty: none.
	AutomatedDecisions, Transfers string
	Columns                       []string
	// Labels, parallel to Columns, are the dataset file's labels of the
	// columns; empty: the engine's own labels.
	Labels []Label
	Rows   [][]string
}

// ManualStep is a right carried out by hand in a system, on a day.
type ManualStep struct {
	Right  string
	System string
	On     time.Time
}

// Label is how a dataset file names a column for the reader and writes its
// value (text, hidden, time, bool, sek, channel). A label without a
// Swedish text is the engine's own.
type Label struct {
	Sv, En, Format string
}

// Delivery is a portability file.
type Delivery struct {
	File, SHA256 string
	Tables, Rows int
}

// Compose words c in the reader's language with the built-in templates,
// dated now.
func Compose(c Content, now time.Time) (Letter, error) { return builtin.Compose(c, now) }

// Templates hold the wording of every letter, one file per language
// (templates/sv.tmpl, templates/en.tmpl), so a privacy officer can change it
// without touching Go code.
type Templates struct {
	byLang map[string]*template.Template
}

//go:embed templates/*.tmpl
var templateFS embed.FS

var builtin = mustTemplates(LoadTemplates(""))

func mustTemplates(t *Templates, err error) *Templates {
	if err != nil {
		panic(err)
	}
	return t
}

// LoadTemplates reads sv.tmpl and en.tmpl from dir, or the built-in ones
// when dir is empty or lacks a file.
func LoadTemplates(dir string) (*Templates, error) {
	t := &Templates{byLang: map[string]*template.Template{}}
	for _, lang := range []string{"sv", "en"} {
		name := lang + ".tmpl"
		src, err := templateFS.ReadFile("templates/" + name)
		if err != nil {
			return nil, err
		}
		if dir != "" {
			if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
				src = b
			} else if !errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("letter template %s: %w", name, err)
			}
		}
		tpl, err := template.New(name).Funcs(template.FuncMap{
			"sentence": sentence,
			"system":   systemNameIn(lang, nil),
			// {{field "street"}}: the field's label in the letter's language.
			"field": func(column string) string { return fieldLabel(lang, column) },
			// {{systems .Anonymised "och"}}: "harmoniq.se, Butiksdelen och Behandlingsdelen".
			"systems": systemsIn(lang, nil),
			// {{list .ScopeCategories "och"}}: "Köp, Fakturor och Kunduppgifter".
			"list": listOf,
			"date": func(t time.Time) string { return longDate(lang, t) },
			"inc":  func(i int) int { return i + 1 },
			// n with the noun's singular or plural: {{count 1 "post" "poster"}}.
			"count": func(n int, one, many string) string {
				if n == 1 {
					return "1 " + one
				}
				return fmt.Sprintf("%d %s", n, many)
			},
		}).Parse(string(src))
		if err != nil {
			return nil, fmt.Errorf("letter template %s: %w", name, err)
		}
		t.byLang[lang] = tpl
	}
	return t, nil
}

// longDate writes a civil date as the letter's reader writes one: "2
// november 2026", "2 November 2026".
func longDate(lang string, t time.Time) string {
	if lang == "en" {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%d %s %d", t.Day(), swedishMonths[t.Month()-1], t.Year())
}

// listOf joins names as a sentence does: "a, b och c".
func listOf(names []string, and string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + and + " " + names[len(names)-1]
}

// templateData is what the templates see.
type templateData struct {
	Content
	Name, Received, Due string
	Rights              []string
	Decisions           []decisionData
	ErasureDone         bool
	ReportDone          bool
	// NoSystemData: the extract found nothing about the person in the
	// controller's systems (the engine's own record of the request aside).
	NoSystemData bool
	// ManualRights are the rights staff carried out by hand somewhere.
	ManualRights map[string]bool
	// MarketingErased: the same case's erasure erased marketing consents,
	// so an opt-out found none left to turn off.
	MarketingErased bool
	Report          []reportData
	// AnyAutomated and AnyTransfers: some category of the extract is
	// subject to automated decisions, or transferred outside the EU/EEA.
	AnyAutomated, AnyTransfers bool
}

type decisionData struct {
	Right, Outcome, Ground, Article string
	Justification                   string
	ScopeSystems, ScopeCategories   []string
	ScopeExcept                     []string
}

type reportData struct {
	ReportSection
	Rows []string
}

// Compose words c in the reader's language, dated now.
func (t *Templates) Compose(c Content, now time.Time) (Letter, error) {
	lang := "sv"
	if c.Language == "en" && c.Kind != KindRecipientNotice {
		lang = "en"
	}
	tpl := t.byLang[lang]
	if len(c.Systems) > 0 {
		var err error
		if tpl, err = withSystems(tpl, lang, c.Systems); err != nil {
			return Letter{}, err
		}
	}
	d := templateData{Content: c, Received: longDate(lang, c.Received), ErasureDone: c.Erased != nil || c.Kept != nil, ReportDone: c.Report != nil,
		NoSystemData: true, ManualRights: map[string]bool{}}
	for _, m := range c.Manual {
		d.ManualRights[m.Right] = true
	}
	for _, e := range c.Erased {
		d.MarketingErased = d.MarketingErased || e.System == "marketing" && e.Rows > 0
	}
	if d.ManualRights["access"] {
		d.NoSystemData = false // what the system held went to the person by hand
	}
	for _, sec := range c.Report {
		if sec.System != "dsr" && len(sec.Rows) > 0 {
			d.NoSystemData = false
		}
		d.AnyAutomated = d.AnyAutomated || sec.AutomatedDecisions != ""
		d.AnyTransfers = d.AnyTransfers || sec.Transfers != ""
	}
	if len(c.Recipient) > 0 {
		d.Name = strings.TrimSpace(c.Recipient[0])
	}
	if !c.Due.IsZero() {
		d.Due = longDate(lang, c.Due)
	}
	for _, r := range c.Rights {
		d.Rights = append(d.Rights, string(r))
	}
	for _, dec := range c.Decisions {
		article := dec.Right.Article()
		if lang == "en" {
			article = strings.NewReplacer("artikel", "Article", "–", "-").Replace(article)
		}
		d.Decisions = append(d.Decisions, decisionData{Right: string(dec.Right), Outcome: dec.Outcome, Ground: dec.Ground, Article: article, Justification: dec.Justification,
			ScopeSystems: dec.ScopeSystems, ScopeCategories: dec.ScopeCategories, ScopeExcept: dec.ScopeExcept})
	}
	for _, sec := range c.Report {
		rd := reportData{ReportSection: sec}
		for _, row := range sec.Rows {
			var cells []string
			for j, v := range row {
				var lab *Label
				if j < len(sec.Labels) && (sec.Labels[j].Sv != "" || sec.Labels[j].Format == "hidden") {
					lab = &sec.Labels[j]
				}
				if label, text, ok := readableAs(lang, sec.Columns[j], v, lab); ok {
					cells = append(cells, label+": "+text)
				}
			}
			rd.Rows = append(rd.Rows, strings.Join(cells, "; "))
		}
		d.Report = append(d.Report, rd)
	}
	run := func(name string) (string, error) {
		if tpl.Lookup(name) == nil {
			return "", fmt.Errorf("the %s letter template has no %q", lang, name)
		}
		var b strings.Builder
		err := tpl.ExecuteTemplate(&b, name, d)
		return b.String(), err
	}
	title, err := run("title." + c.Kind)
	if err != nil {
		return Letter{}, fmt.Errorf("unknown letter kind %q: %w", c.Kind, err)
	}
	body, err := run("body." + c.Kind)
	if err != nil {
		return Letter{}, err
	}
	labels, err := run("labels")
	if err != nil {
		return Letter{}, err
	}
	parts := strings.SplitN(labels, "|", 3)
	if len(parts) != 3 {
		return Letter{}, fmt.Errorf("the %s template's labels must be \"reference|date|page format\"", lang)
	}
	l := Letter{CaseNumber: c.CaseNumber, Date: now, Recipient: c.Recipient, Title: strings.TrimSpace(title),
		Labels: Labels{Reference: parts[0], Date: parts[1], Page: parts[2]}}
	if c.Route != "" {
		// The route is said last, in words the template gives.
		route, err := run("route")
		if err != nil {
			return Letter{}, err
		}
		body += "\n\n" + route
	}
	for _, p := range strings.Split(body, "\n\n") {
		if p = strings.Trim(p, "\n "); p != "" {
			l.Paragraphs = append(l.Paragraphs, p)
		}
	}
	return l, nil
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
