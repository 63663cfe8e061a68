package letter_test

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/letter/lettertest"
	"github.com/harmoniq/dsr/internal/rights"
)

var update = flag.Bool("update", false, "rewrite the golden texts in testdata/golden")

var (
	received = time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	today    = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	person   = []string{"Åsa Öberg", "Storgatan 1", "722 10 Västerås"}
)

// letters is one of every kind, in Swedish and some in English.
func letters() map[string]letter.Content {
	base := func(kind, lang string) letter.Content {
		return letter.Content{Kind: kind, CaseNumber: "DSR-2026-000042", Received: received, Language: lang, Recipient: person,
			Rights: []rights.Right{rights.Access, rights.Erasure}, Due: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)}
	}
	full := base(letter.KindResponse, "sv")
	full.Decisions = []letter.Decision{{Right: rights.Access, Outcome: "approved"}, {Right: rights.Erasure, Outcome: "partly_approved", Ground: "Dina köp i webbutiken sparas tills din reklamation är avgjord",
		ScopeExcept: []string{"Köp"}},
		{Right: rights.Objection, Outcome: "refused", Ground: "Tvingande berättigade skäl väger tyngre"}}
	full.Erased = []letter.Count{{System: "webshop", Category: "Hud-, hår- och makeupanalyser", Rows: 2}, {System: "butik", Category: "Kunduppgifter", Rows: 1}}
	full.NotErased = []letter.Count{{System: "webshop", Category: "Köp", Rows: 4}, {System: "webshop", Category: "Kunduppgifter", Rows: 1}}
	full.Kept = []letter.KeptItem{{System: "webshop", Category: "Köp", Rows: 3, Reason: "Rättslig förpliktelse (bokföringslagen 7 kap. 2 §)", Until: time.Date(2032, 12, 31, 0, 0, 0, 0, time.UTC)}}
	full.Rectified = []letter.Rectification{{System: "butik", Field: "street", Old: "Storgatan 1", New: "Nygatan 2"}}
	full.Confirmed = []letter.Confirmation{{Right: "marketing_optout", Rows: 2}}
	full.Notified = []string{"Exempelfrakt AB", "Exempelfaktura AB"}
	full.Portability = &letter.Delivery{File: "DSR-2026-000042-portability.zip", SHA256: "ab12", Tables: 3, Rows: 12}
	full.Route, full.SentTo = letter.RoutePost, "Storgatan 1, 722 10 Västerås"
	full.Report = []letter.ReportSection{{System: "behandling", Category: "Behandlingar", Purposes: "Genomföra behandlingar", LegalBasis: "Avtal (art. 6.1 b)",
		Retention: "Sju år", Source: "Din terapeut", Columns: []string{"performed_at", "treatment"}, Rows: [][]string{{"2024-05-02", "Ansiktsbehandling"}}},
		// As the systems store them: keys, UTC times, flags and amounts.
		{System: "webshop", Category: "Köp", Purposes: "Leverans", LegalBasis: "Avtal (art. 6.1 b)", Retention: "Sju år", Source: "Du själv",
			Columns: []string{"customer_id", "id", "placed_at", "total_sek"}, Rows: [][]string{{"7", "12", "2025-06-01T00:00:00Z", "499"}, {"7", "13", "2017-10-01T20:38:25Z", "1"}}},
		{System: "marketing", Category: "Samtycken", Purposes: "Direktmarknadsföring", LegalBasis: "Samtycke (art. 6.1 a)", Retention: "Tills du återkallar", Source: "Du själv",
			Columns: []string{"channel", "granted", "id", "updated_at"}, Rows: [][]string{{"email", "1", "3", "2020-01-01T00:00:00Z"}, {"sms", "false", "4", "2026-03-29T01:30:00Z"}}}}
	full.ReportBeforeChange = true
	full.Anonymised = []string{"webshop", "butik", "behandling"}
	// The same answer in English, the record of processing's texts as the
	// dataset files give them in English; staff's own words stay theirs.
	en := full
	en.Language = "en"
	en.Decisions = []letter.Decision{full.Decisions[0], {Right: rights.Erasure, Outcome: "partly_approved", Ground: "Your web shop purchases are kept until your complaint is settled",
		ScopeExcept: []string{"Purchases"}},
		{Right: rights.Objection, Outcome: "refused", Ground: "Compelling legitimate grounds override your interests (Article 21(1))"}}
	en.Erased = []letter.Count{{System: "webshop", Category: "Skin, hair and make-up analyses", Rows: 2}, {System: "butik", Category: "Customer details", Rows: 1}}
	en.NotErased = []letter.Count{{System: "webshop", Category: "Purchases", Rows: 4}, {System: "webshop", Category: "Customer details", Rows: 1}}
	en.Kept = []letter.KeptItem{{System: "webshop", Category: "Purchases", Rows: 3, Reason: "Legal obligation (the Bookkeeping Act, chapter 7, section 2)", Until: time.Date(2032, 12, 31, 0, 0, 0, 0, time.UTC)}}
	en.Report = []letter.ReportSection{{System: "behandling", Category: "Treatments", Purposes: "Giving treatments", LegalBasis: "Contract (Art. 6(1)(b))",
		Retention: "Seven years", Source: "Your therapist", Columns: []string{"performed_at", "treatment"}, Rows: [][]string{{"2024-05-02", "Ansiktsbehandling"}}},
		{System: "webshop", Category: "Purchases", Purposes: "Delivery", LegalBasis: "Contract (Art. 6(1)(b))", Retention: "Seven years", Source: "You",
			Columns: []string{"customer_id", "id", "placed_at", "total_sek"}, Rows: [][]string{{"7", "12", "2025-06-01T00:00:00Z", "499"}, {"7", "13", "2017-10-01T20:38:25Z", "1"}}},
		{System: "marketing", Category: "Consents", Purposes: "Direct marketing", LegalBasis: "Consent (Art. 6(1)(a))", Retention: "Until you withdraw it", Source: "You",
			Columns: []string{"channel", "granted", "id", "updated_at"}, Rows: [][]string{{"email", "1", "3", "2020-01-01T00:00:00Z"}, {"sms", "false", "4", "2026-03-29T01:30:00Z"}}}}
	complement := base(letter.KindComplement, "sv")
	complement.Requested = "En kopia av giltig ID-handling"
	extension := base(letter.KindExtension, "sv")
	extension.Reason = "Uppgifterna finns i många system"
	extension.Due = time.Date(2027, 2, 2, 0, 0, 0, 0, time.UTC)
	lift := base(letter.KindRestrictionLift, "sv")
	lift.Reason = "Uppgifterna är kontrollerade och riktiga"
	notice := base(letter.KindRecipientNotice, "sv")
	notice.Recipient = []string{"Exempelfinans AB", "Integritetsskydd", "Exempelgatan 1", "111 11 Exempelstad"}
	notice.Route, notice.SentTo = letter.RoutePost, "Integritetsskydd, Exempelgatan 1, 111 11 Exempelstad"
	notice.SubjectID, notice.Change = "19900704-2386", "erasure"
	rectified := notice
	rectified.Change = "rectification"
	rectified.Rectified = []letter.Rectification{{System: "webshop", Field: "street", Old: "Storgatan 1", New: "Nygatan 2"}}
	// Rights confirmed with what was done, and with nothing to do.
	done := base(letter.KindResponse, "sv")
	done.Rights = []rights.Right{rights.Restriction, rights.MarketingOptOut, rights.Objection, rights.ConsentWithdrawal}
	for _, r := range done.Rights {
		done.Decisions = append(done.Decisions, letter.Decision{Right: r, Outcome: "approved"})
	}
	done.Confirmed = []letter.Confirmation{{Right: "restriction", Rows: 7}, {Right: "marketing_optout", Rows: 1},
		{Right: "objection", Rows: 2, Suppressed: true, Stopped: []letter.Count{{System: "behandling", Category: "Samtalsanteckningar", Rows: 3}}},
		{Right: "consent_withdrawal", Rows: 2, Erased: 1}}
	nothing := done
	nothing.Confirmed = []letter.Confirmation{{Right: "restriction"}, {Right: "marketing_optout"}, {Right: "objection"}, {Right: "consent_withdrawal"}}
	nothingEn := nothing
	nothingEn.Language = "en"
	mailed := base(letter.KindAcknowledgement, "sv")
	mailed.Recipient = []string{"Åsa Öberg", "asa.oberg@example.se"}
	mailed.Route, mailed.SentTo = letter.RouteEmail, "asa.oberg@example.se"
	posted := base(letter.KindPosted, "sv")
	posted.Recipient, posted.Route, posted.SentTo, posted.Posted = mailed.Recipient, letter.RouteEmail, "asa.oberg@example.se", "722 10 Västerås"
	postedEn := posted
	postedEn.Language = "en"
	fee := base(letter.KindFee, "sv")
	fee.Rights, fee.Fee = []rights.Right{rights.Access}, 250
	fee.Reason = "Begäran upprepar din begäran om registerutdrag från den 3 och den 17 november. Vi har redan skickat två registerutdrag i år, och inget har ändrats sedan dess."
	transfer := answers()["answer-access-approved-sv"]
	transfer.Report = append([]letter.ReportSection{}, transfer.Report...)
	transfer.Report[0].Transfers = "Till Exempelmoln Inc., USA, enligt EU:s standardavtalsklausuler"
	transfer.Report[0].AutomatedDecisions = ""
	feeAnswer := answers()["answer-access-approved-sv"]
	feeAnswer.Fee = 250
	feeAnswerEn := answers()["answer-access-approved-en"]
	feeAnswerEn.Fee = 250
	feeEn := fee
	feeEn.Language = "en"
	feeEn.Reason = "The request repeats your requests for a copy of your data of 3 and 17 November. We have sent two copies this year, and nothing has changed since."
	// Rights carried out by hand in a system the engine does not reach,
	// next to one it does, named by the dataset files' titles.
	manual := base(letter.KindResponse, "sv")
	manual.Rights = []rights.Right{rights.Access, rights.Erasure, rights.Restriction}
	for _, r := range manual.Rights {
		manual.Decisions = append(manual.Decisions, letter.Decision{Right: r, Outcome: "approved"})
	}
	manual.Systems = map[string]string{"salong": "Salongsbokningen", "webshop": "harmoniq.se"}
	manual.Erased = []letter.Count{}
	manual.Confirmed = []letter.Confirmation{{Right: "restriction"}}
	manual.Report = []letter.ReportSection{}
	on := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	manual.Manual = []letter.ManualStep{{Right: "access", System: "salong", On: on}, {Right: "erasure", System: "salong", On: on}, {Right: "restriction", System: "salong", On: on}}
	manualEn := manual
	manualEn.Language = "en"
	manualEn.Systems = map[string]string{"salong": "The salon booking", "webshop": "harmoniq.se"}
	out := map[string]letter.Content{
		"manual-sv": manual, "manual-en": manualEn,
		"acknowledgement-sv": base(letter.KindAcknowledgement, "sv"), "acknowledgement-en": base(letter.KindAcknowledgement, "en"),
		"response-sv": full, "response-en": en, "unverified-sv": base(letter.KindUnverified, "sv"),
		"complement-sv": complement, "extension-sv": extension, "restriction-lift-sv": lift, "recipient-notice-sv": notice, "recipient-notice-rectification-sv": rectified,
		"confirmed-sv": done, "confirmed-nothing-sv": nothing, "confirmed-nothing-en": nothingEn,
		"acknowledgement-email-sv": mailed, "posted-sv": posted, "posted-en": postedEn,
		"fee-sv": fee, "fee-en": feeEn, "answer-access-fee-sv": feeAnswer, "answer-access-transfer-sv": transfer, "answer-access-fee-en": feeAnswerEn,
	}
	for name, c := range answers() {
		out[name] = c
	}
	// The letters that are not answers, in English too.
	for _, name := range []string{"complement-sv", "extension-sv", "unverified-sv", "restriction-lift-sv", "recipient-notice-sv"} {
		c := out[name]
		c.Language = "en"
		switch name {
		case "complement-sv":
			c.Requested = "A copy of a valid identity document"
		case "extension-sv":
			c.Reason = "Your data is held in many systems"
		case "restriction-lift-sv":
			c.Reason = "The data has been checked and is correct"
		}
		out[strings.TrimSuffix(name, "-sv")+"-en"] = c
	}
	return out
}

// answers is one answer for every right and every outcome, in Swedish and
// English: approved and partly approved with what fulfilment recorded, and
// refused. Each outcome's items are checked by
// TestEveryAnswerCarriesWhatItsOutcomeRequires.
func answers() map[string]letter.Content {
	out := map[string]letter.Content{}
	// The ground staff would give for each right, as the law words it.
	grounds := map[rights.Right]map[string]string{
		rights.Access: {"sv": "Ett fullständigt utdrag skulle röja uppgifter om andra personer, vilket inte får inskränka deras rättigheter (artikel 15.4)",
			"en": "A complete copy would disclose data about other people, which must not adversely affect their rights (Article 15(4))"},
		rights.Rectification: {"sv": "Uppgifterna är riktiga; vi har kontrollerat dem mot folkbokföringen (artikel 16)",
			"en": "The data is accurate; we checked it against the population register (Article 16)"},
		rights.Erasure: {"sv": "Uppgifterna behövs för att fastställa, göra gällande eller försvara rättsliga anspråk (artikel 17.3 e)",
			"en": "The data is needed to establish, exercise or defend legal claims (Article 17(3)(e))"},
		rights.Restriction: {"sv": "Ingen av förutsättningarna i artikel 18.1 är uppfylld: uppgifterna är riktiga och behandlingen är laglig",
			"en": "None of the conditions of Article 18(1) is met: the data is accurate and the processing lawful"},
		rights.Objection: {"sv": "Vi har tvingande berättigade skäl för behandlingen som väger tyngre än dina intressen (artikel 21.1): uppgifterna om dina köp behövs för en pågående reklamation",
			"en": "We have compelling legitimate grounds for the processing which override your interests (Article 21(1)): the data about your purchases is needed for a pending complaint"},
		rights.MarketingOptOut: {"sv": "Begäran är uppenbart ogrundad (artikel 12.5): avsändaren finns inte hos oss och har aldrig fått marknadsföring från oss",
			"en": "The request is manifestly unfounded (Article 12(5)): the sender is not known to us and has never received marketing from us"},
		rights.ConsentWithdrawal: {"sv": "Behandlingen bygger inte på samtycke utan på avtal (artikel 6.1 b), så det finns inget samtycke att återkalla för de uppgifterna",
			"en": "The processing rests on contract (Article 6(1)(b)), not on consent, so there is no consent to withdraw for that data"},
		rights.Portability: {"sv": "Uppgifterna har inte lämnats av dig, utan tagits fram av oss (artikel 20.1)",
			"en": "The data was not provided by you but created by us (Article 20(1))"},
	}
	for _, lang := range []string{"sv", "en"} {
		for _, r := range rights.All {
			for _, outcome := range []string{"approved", "partly_approved", "refused"} {
				c := letter.Content{Kind: letter.KindResponse, CaseNumber: "DSR-2026-000042", Received: received, Language: lang, Recipient: person,
					Rights: []rights.Right{r}, Route: letter.RoutePost, SentTo: "Storgatan 1, 722 10 Västerås"}
				d := letter.Decision{Right: r, Outcome: outcome}
				if outcome != "approved" {
					d.Ground = grounds[r][lang]
				}
				if outcome == "partly_approved" {
					d.ScopeSystems = []string{"webshop", "behandling"}
					if r != rights.Restriction && r != rights.Rectification && r != rights.MarketingOptOut {
						d.ScopeExcept = []string{map[string]string{"sv": "Köp", "en": "Purchases"}[lang]}
					}
				}
				c.Decisions = []letter.Decision{d}
				if outcome != "refused" {
					done(&c, r, outcome == "partly_approved")
				}
				out[fmt.Sprintf("answer-%s-%s-%s", r, outcome, lang)] = c
			}
		}
	}
	return out
}

// done fills in what fulfilment recorded for r, as the ledger would give it.
func done(c *letter.Content, r rights.Right, partly bool) {
	// The record of processing's texts in the letter's language, as the
	// activities give them from the dataset files.
	in := func(sv, en string) string {
		if c.Language == "en" {
			return en
		}
		return sv
	}
	switch r {
	case rights.Access:
		c.Report = []letter.ReportSection{{System: "behandling", Category: in("Behandlingar", "Treatments"), Purposes: in("Genomföra behandlingar", "Giving treatments"),
			LegalBasis: in("Avtal (art. 6.1 b)", "Contract (Art. 6(1)(b))"), Retention: in("Sju år", "Seven years"), Recipients: "Exempelfrakt AB",
			Source: in("Din terapeut", "Your therapist"), Columns: []string{"performed_at", "treatment"}, Rows: [][]string{{"2024-05-02T10:00:00Z", "Ansiktsbehandling"}}}}
	case rights.Rectification:
		c.Rectified = []letter.Rectification{{System: "webshop", Field: "street", Old: "Storgatan 1", New: "Nygatan 2"}}
		c.Notified = []string{"Exempelfrakt AB"}
	case rights.Erasure:
		c.Erased = []letter.Count{{System: "behandling", Category: in("Samtalsanteckningar", "Conversation notes"), Rows: 2}}
		c.Kept = []letter.KeptItem{{System: "behandling", Category: in("Behandlingar", "Treatments"), Rows: 1,
			Reason: in("Rättslig förpliktelse (bokföringslagen 7 kap. 2 §)", "Legal obligation (the Bookkeeping Act, chapter 7, section 2)"), Until: time.Date(2031, 12, 31, 0, 0, 0, 0, time.UTC)}}
		if partly {
			c.NotErased = []letter.Count{{System: "webshop", Category: in("Köp", "Purchases"), Rows: 3}, {System: "webshop", Category: in("Kunduppgifter", "Customer details"), Rows: 1}}
		}
		c.Notified = []string{"Exempelfrakt AB"}
	case rights.Restriction:
		c.Confirmed = []letter.Confirmation{{Right: string(r), Rows: 2}}
	case rights.Objection:
		c.Confirmed = []letter.Confirmation{{Right: string(r), Stopped: []letter.Count{{System: "behandling", Category: in("Samtalsanteckningar", "Conversation notes"), Rows: 2}}}}
		if !partly {
			c.Confirmed[0].Rows, c.Confirmed[0].Suppressed = 2, true
		}
	case rights.MarketingOptOut:
		c.Confirmed = []letter.Confirmation{{Right: string(r), Rows: 2}}
	case rights.ConsentWithdrawal:
		c.Confirmed = []letter.Confirmation{{Right: string(r), Erased: 1, Rows: 1}}
	case rights.Portability:
		c.Portability = &letter.Delivery{File: "DSR-2026-000042-portability.zip", SHA256: "ab12", Tables: 2, Rows: 5}
	}
}

func render(t testing.TB, c letter.Content) []byte {
	t.Helper()
	l, err := letter.Compose(c, today)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := letter.Render(letter.DefaultSender, l)
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

func TestEveryKindOfLetterMatchesItsGoldenText(t *testing.T) {
	for name, c := range letters() {
		t.Run(name, func(t *testing.T) {
			pdf := render(t, c)
			if dir := os.Getenv("LETTER_PDF_DIR"); dir != "" {
				// For looking at the letters: pdftoppm -png DIR/x.pdf x
				os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o644)
			}
			text := lettertest.Text(t, pdf)
			path := filepath.Join("testdata", "golden", name+".txt")
			if *update {
				os.MkdirAll(filepath.Dir(path), 0o755)
				if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("no golden text (run with -update): %v", err)
			}
			if text != string(want) {
				t.Errorf("%s differs from %s; run go test ./internal/letter -update and review the diff\ngot:\n%s", name, path, text)
			}
		})
	}
}

// TestTheFontIsEmbedded: a letter Windows-1252 writes is set in the
// embedded Windows-1252 DejaVu Sans; one to a name it cannot write (Polish
// here) in the embedded Unicode DejaVu Sans, and prints that name.
func TestTheFontIsEmbedded(t *testing.T) {
	polish := letters()["response-sv"]
	polish.Recipient = []string{"Łucja Wiśniewska", "Storgatan 1", "722 10 Västerås"}
	for name, tc := range map[string]struct {
		c        letter.Content
		encoding string
	}{"swedish": {letters()["response-sv"], "WinAnsi"}, "polish": {polish, "Identity-H"}} {
		t.Run(name, func(t *testing.T) {
			pdf := render(t, tc.c)
			f := filepath.Join(t.TempDir(), "l.pdf")
			os.WriteFile(f, pdf, 0o644)
			out, err := exec.Command("pdffonts", f).Output()
			if err != nil {
				t.Fatalf("pdffonts: %v", err)
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if len(lines) < 3 {
				t.Fatalf("pdffonts found no fonts:\n%s", out)
			}
			for _, l := range lines[2:] {
				f := strings.Fields(l)
				// name type encoding emb sub uni object ID
				if !strings.Contains(strings.ToLower(l), "dejavu") || f[len(f)-5] != "yes" || f[len(f)-6] != tc.encoding {
					t.Errorf("font not embedded as %s: %s", tc.encoding, l)
				}
			}
			if text := lettertest.Text(t, pdf); !strings.Contains(text, tc.c.Recipient[0]) || !strings.Contains(text, "Västerås") {
				t.Errorf("the letter does not print %q:\n%s", tc.c.Recipient[0], text)
			}
		})
	}
}

type bboxDoc struct {
	Pages []struct {
		Words []struct {
			XMin float64 `xml:"xMin,attr"`
			YMin float64 `xml:"yMin,attr"`
			XMax float64 `xml:"xMax,attr"`
			YMax float64 `xml:"yMax,attr"`
			Text string  `xml:",chardata"`
		} `xml:"word"`
	} `xml:"body>doc>page"`
}

// TestTheAddressSitsInTheEnvelopeWindow checks, with pdftotext's word
// boxes, that every word of the address lies inside the window of a C5/E65
// window envelope: 20 to 110 mm from the left, 45 to 90 mm from the top.
func TestTheAddressSitsInTheEnvelopeWindow(t *testing.T) {
	f := filepath.Join(t.TempDir(), "l.pdf")
	os.WriteFile(f, render(t, letters()["acknowledgement-sv"]), 0o644)
	out, err := exec.Command("pdftotext", "-bbox", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var doc bboxDoc
	body := out[bytes.Index(out, []byte("<body>")):]
	body = body[:bytes.Index(body, []byte("</body>"))+len("</body>")]
	if err := xml.Unmarshal([]byte("<html>"+string(body)+"</html>"), &doc); err != nil {
		t.Fatalf("parse bbox output: %v", err)
	}
	const mm = 72 / 25.4
	found := 0
	for _, w := range doc.Pages[0].Words {
		for _, line := range person {
			for _, part := range strings.Fields(line) {
				if w.Text != part || w.YMin < 40*mm || w.YMin > 100*mm {
					continue
				}
				found++
				if w.XMin < 20*mm || w.XMax > 110*mm || w.YMin < 45*mm || w.YMax > 90*mm {
					t.Errorf("address word %q at x %.0f-%.0f mm, y %.0f-%.0f mm lies outside the window", w.Text,
						w.XMin/mm, w.XMax/mm, w.YMin/mm, w.YMax/mm)
				}
			}
		}
	}
	if found < 6 {
		t.Errorf("found %d address words near the window, want all 6", found)
	}
}

func TestALargeAccessReportPaginatesWithoutLosingARow(t *testing.T) {
	c := letters()["response-sv"]
	sec := c.Report[0]
	sec.Rows = nil
	for i := range 2000 {
		sec.Rows = append(sec.Rows, []string{fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28), fmt.Sprintf("Behandling nummer %d", i+1)})
	}
	c.Report = []letter.ReportSection{sec}
	text := lettertest.Text(t, render(t, c))
	for i := 1; i <= 2000; i++ {
		if !strings.Contains(text, fmt.Sprintf("Behandling nummer %d\n", i)) && !strings.Contains(text, fmt.Sprintf("Behandling nummer %d ", i)) {
			t.Fatalf("row %d is missing from the report", i)
		}
	}
	if pages := strings.Count(text, "\f"); pages < 20 {
		t.Errorf("2000 rows on %d pages; expected them spread over many", pages)
	}
}

func BenchmarkLetters(b *testing.B) {
	b.Run("acknowledgement", func(b *testing.B) {
		c := letters()["acknowledgement-sv"]
		for range b.N {
			render(b, c)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "letters/s")
	})
	b.Run("access report of 20 pages", func(b *testing.B) {
		c := letters()["response-sv"]
		sec := c.Report[0]
		sec.Rows = nil
		for i := range 1000 {
			sec.Rows = append(sec.Rows, []string{"2024-05-02", fmt.Sprintf("Behandling nummer %d", i+1)})
		}
		c.Report = []letter.ReportSection{sec}
		if pages := strings.Count(lettertest.Text(b, render(b, c)), "\f"); pages < 20 {
			b.Fatalf("the report has %d pages, want 20", pages)
		}
		b.ResetTimer()
		for range b.N {
			render(b, c)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "letters/s")
	})
}

// TestAnAnswerCarriesWhatArticles15And12Require checks the answer with an
// extract, in both languages, against the items Art. 15(1)–(4) asks of it
// (purposes, categories, recipients, retention, the rights to rectification,
// erasure, restriction and objection, the right to complain, the source,
// automated decisions, transfers, a copy of the data) and a refusal
// against Art. 12(4) (the reasons, the right to complain to IMY and to go
// to court).
func TestAnAnswerCarriesWhatArticles15And12Require(t *testing.T) {
	items := map[string]map[string]string{
		"sv": {
			"15(1)(a) purposes": "Ändamål:", "15(1)(b) categories": "### ", "15(1)(c) recipients": "Mottagare och personuppgiftsbiträden:",
			"15(1)(d) retention": "Lagringstid:", "15(1)(e) rectification, erasure, restriction, objection": "rätt att begära rättelse, radering eller begränsning",
			"15(1)(f) complaint": "Integritetsskyddsmyndigheten", "15(1)(g) source": "Källa:", "15(1)(h) automated decisions": "automatiserad behandling",
			"15(2) transfers": "EU/EES", "15(3) a copy": "| 1. ", "12(4) reasons": "Skäl:", "12(4) court": "allmän domstol",
		},
		"en": {
			"15(1)(a) purposes": "Purposes:", "15(1)(b) categories": "### ", "15(1)(c) recipients": "Recipients and processors:",
			"15(1)(d) retention": "Retention:", "15(1)(e) rectification, erasure, restriction, objection": "right to ask for rectification, erasure or restriction",
			"15(1)(f) complaint": "Integritetsskyddsmyndigheten", "15(1)(g) source": "Source:", "15(1)(h) automated decisions": "automated processing",
			"15(2) transfers": "EU/EEA", "15(3) a copy": "| 1. ", "12(4) reasons": "Reason", "12(4) court": "court",
		},
	}
	for lang, want := range items {
		c := letters()["response-"+lang]
		l, err := letter.Compose(c, today)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(l.Paragraphs, "\n")
		for item, phrase := range want {
			if !strings.Contains(text, phrase) {
				t.Errorf("%s: the answer lacks Art. %s (%q)", lang, item, phrase)
			}
		}
	}
}

// TestEveryAnswerCarriesWhatItsOutcomeRequires reads each answer of
// answers() for what its outcome must say: the case number and the right
// decided, the article; for a refusal the reasons and the right to
// complain to IMY and to go to court (Art. 12(4)); for a partial approval
// what the decision covers and why the rest is refused; for an approval
// what was done, from the results; and never a claim of what was not done.
func TestEveryAnswerCarriesWhatItsOutcomeRequires(t *testing.T) {
	type words struct{ granted, partly, refused, reason, covers, complain, court, did string }
	w := map[string]words{
		"sv": {"Vi har beviljat din begäran om", "Vi har delvis beviljat din begäran om", "Vi kan inte bevilja din begäran om", "Skäl", "Beslutet omfattar",
			"Integritetsskyddsmyndigheten", "allmän domstol", ""},
		"en": {"We have granted your request for", "We have partly granted your request for", "We cannot grant your request for", "Reason", "The decision covers",
			"Integritetsskyddsmyndigheten", "court", ""},
	}
	// What each right's approval says it did, from the results.
	did := map[string]map[rights.Right]string{
		"sv": {rights.Access: "Här är alla uppgifter vi har om dig", rights.Rectification: "Det här har vi rättat", rights.Erasure: "Det här har vi raderat",
			rights.Restriction: "Vi har begränsat behandlingen", rights.Objection: "Vi har slutat behandla", rights.MarketingOptOut: "Vi har stängt av direktmarknadsföringen",
			rights.ConsentWithdrawal: "är raderade (1 post)", rights.Portability: "Dina uppgifter finns i filen"},
		"en": {rights.Access: "Here is all the data we hold about you", rights.Rectification: "This is what we corrected", rights.Erasure: "This is what we erased",
			rights.Restriction: "We have restricted the processing", rights.Objection: "We have stopped processing", rights.MarketingOptOut: "We have turned off direct marketing",
			rights.ConsentWithdrawal: "is erased (1 record)", rights.Portability: "Your data is in the file"},
	}
	n := 0
	for name, c := range answers() {
		n++
		l, err := letter.Compose(c, today)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(l.Paragraphs, "\n")
		d, lw := c.Decisions[0], w[c.Language]
		article := "dataskyddsförordningen " + d.Right.Article()
		if c.Language == "en" {
			article = strings.NewReplacer("artikel", "GDPR Article", "–", "-").Replace(d.Right.Article())
		}
		want := []string{c.CaseNumber, lw.complain, lw.court, article}
		switch d.Outcome {
		case "approved":
			want = append(want, lw.granted, did[c.Language][d.Right])
		case "partly_approved":
			want = append(want, lw.partly, lw.covers, d.Ground, did[c.Language][d.Right])
		case "refused":
			want = append(want, lw.refused, lw.reason, d.Ground)
			for _, claim := range did[c.Language] {
				if strings.Contains(text, claim) {
					t.Errorf("%s: a refusal claims %q", name, claim)
				}
			}
		}
		for _, phrase := range want {
			if !strings.Contains(text, phrase) {
				t.Errorf("%s lacks %q:\n%s", name, phrase, text)
			}
		}
	}
	if want := len(rights.All) * 3 * 2; n != want {
		t.Errorf("%d answers, want %d (every right, outcome and language)", n, want)
	}
}
