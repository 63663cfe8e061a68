package activities_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/dataset/datasettest"
	"github.com/harmoniq/dsr/internal/letter/lettertest"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"go.temporal.io/sdk/temporal"
)

// answer carries out each decision of the case and returns its answer's
// text, on one line.
func answer(t *testing.T, a *activities.Activities, number string, ds ...activities.DecisionInput) string {
	t.Helper()
	ctx := context.Background()
	for _, d := range ds {
		if d.Outcome == "refused" {
			continue
		}
		if _, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: d.Right, Scope: d.Scope}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := a.SendLetter(ctx, activities.LetterInput{CaseNumber: number, Kind: "response", Decisions: ds})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := os.ReadFile(filepath.Join(a.OutboxDir, res.Filename))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(lettertest.Text(t, pdf)), " ")
}

func wantText(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the letter lacks %q:\n%s", w, text)
		}
	}
}

// The measured case: a partly approved erasure whose ground was to keep
// the purchases for a complaint erased everything. Now the scope is what
// is done, what it leaves out stays as it was, customer included, and the
// letter says so.
func TestAPartlyApprovedErasureCarriesOutExactlyItsScope(t *testing.T) {
	a, st, number := fixture(t)
	ctx := context.Background()

	// A scope the record of processing does not know changes nothing and
	// says what it does know.
	_, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Erasure, Scope: activities.Scope{Except: []string{"Kop"}}})
	var app *temporal.ApplicationError
	if !errors.As(err, &app) || !app.NonRetryable() || !strings.Contains(err.Error(), `no category "Kop"`) || !strings.Contains(err.Error(), "Köp") {
		t.Fatalf("an unknown category: %v, want a final error naming the categories", err)
	}
	if n := count(t, st, "SELECT count(*) FROM behandling.conversation_notes"); n == 0 {
		t.Fatal("a refused scope erased something")
	}

	text := answer(t, a, number, activities.DecisionInput{Right: rights.Erasure, Outcome: "partly_approved",
		Ground: "Dina köp i webbutiken sparas tills din reklamation är avgjord.", Scope: activities.Scope{Except: []string{"köp"}}})
	checks := []struct {
		what string
		sql  string
		want int
	}{
		{"both web-shop orders stay", "SELECT count(*) FROM webshop.orders o JOIN webshop.customers c ON c.id = o.customer_id WHERE c.personnummer = ?", 2},
		{"their lines stay", "SELECT count(*) FROM webshop.order_lines l JOIN webshop.orders o ON o.id = l.order_id JOIN webshop.customers c ON c.id = o.customer_id WHERE c.personnummer = ?", 2},
		{"the web-shop customer stays as it was", "SELECT count(*) FROM webshop.customers WHERE personnummer = ? AND name = 'Åsa Öberg' AND anonymised_at IS NULL", 1},
		{"the invoice outside bookkeeping is erased, the other kept", "SELECT count(*) FROM webshop.invoices i JOIN webshop.orders o ON o.id = i.order_id JOIN webshop.customers c ON c.id = o.customer_id WHERE c.personnummer = ?", 1},
		{"analyses are erased", "SELECT count(*) FROM webshop.analyses a JOIN webshop.customers c ON c.id = a.customer_id WHERE c.personnummer = ?", 0},
		{"conversation notes are erased", "SELECT count(*) FROM behandling.conversation_notes n JOIN behandling.clients c ON c.id = n.client_id WHERE c.personnummer = ? OR c.erased_case <> ''", 0},
		{"consents are erased", "SELECT count(*) FROM marketing.consents WHERE personnummer = ?", 0},
	}
	for _, c := range checks {
		if got := count(t, st, c.sql, pnr); got != c.want {
			t.Errorf("%s: %d rows, want %d", c.what, got, c.want)
		}
	}
	wantText(t, text, "Vi har delvis beviljat din begäran om radering", "Beslutet omfattar dina uppgifter, utom Köp.",
		"Skäl till att vi inte kan göra allt du bad om: Dina köp i webbutiken sparas tills din reklamation är avgjord.",
		"Det här har vi inte raderat, eftersom beslutet inte omfattar det (se skälen ovan): • harmoniq.se, Kunduppgifter: 1 post • harmoniq.se, Köp: 4 poster",
		"harmoniq.se, Hud-, hår- och makeupanalyser: 1 post")
}

// The measured case: an objection to the therapist's conversation notes
// was answered "granted" while only marketing stopped. Now an objection
// stops the processing on legitimate interest its scope names, and nothing
// else, and the letter says what stopped; the compelling grounds for the
// rest reach it.
func TestAnObjectionStopsWhatRestsOnLegitimateInterestInItsScope(t *testing.T) {
	a, st, number := fixture(t)
	ctx := context.Background()

	_, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Objection, Scope: activities.Scope{Categories: []string{"Köp"}}})
	if err == nil || !strings.Contains(err.Error(), "not on legitimate interest") {
		t.Fatalf("an objection to bookkeeping: %v, want refused", err)
	}

	text := answer(t, a, number, activities.DecisionInput{Right: rights.Objection, Outcome: "partly_approved",
		Ground: "Rekommendationerna bygger på tvingande berättigade skäl som väger tyngre än ditt intresse.",
		Scope:  activities.Scope{Systems: []string{"behandling"}, Categories: []string{"Samtalsanteckningar"}}})
	if n := count(t, st, "SELECT count(*) FROM behandling.conversation_notes n JOIN behandling.clients c ON c.id = n.client_id WHERE c.personnummer = ?", pnr); n != 0 {
		t.Errorf("%d conversation notes left, want none", n)
	}
	if n := count(t, st, "SELECT count(*) FROM behandling.interests i JOIN behandling.clients c ON c.id = i.client_id WHERE c.personnummer = ?", pnr); n != 1 {
		t.Errorf("%d interests, want the 1 outside the scope kept", n)
	}
	if n := count(t, st, "SELECT count(*) FROM marketing.consents WHERE personnummer = ? AND granted", pnr); n != 2 {
		t.Errorf("%d marketing consents on, want 2: marketing was not objected to", n)
	}
	wantText(t, text, "Vi har delvis beviljat din begäran om invändning", "Beslutet omfattar Samtalsanteckningar i Behandlingsdelen.",
		"tvingande berättigade skäl", "Vi har slutat behandla de uppgifter om dig som vi hade med stöd av vårt berättigade intresse och som din invändning gäller, och raderat dem: • Behandlingsdelen, Samtalsanteckningar: 1 post")
	if strings.Contains(text, "direktmarknadsföring") || strings.Contains(text, "spärrlista") {
		t.Errorf("the letter claims marketing stopped:\n%s", text)
	}

	// A second request of the same person, approved in full, stops all
	// that rests on legitimate interest: the interests and marketing.
	rec, err := st.RecordIntake(ctx, &store.InboundMessage{DedupeKey: "mid:<obj2@x>", Channel: "email", SHA256: "o2", ReceivedAt: today, Raw: []byte("o2")},
		&store.Case{Channel: "email", ReceivedAt: today, Rights: "objection", Language: "en", RequesterName: "Åsa Öberg", RequesterEmail: email, Personnummer: pnr}, nil)
	if err != nil {
		t.Fatal(err)
	}
	text = answer(t, a, rec.CaseNumber, activities.DecisionInput{Right: rights.Objection, Outcome: "approved"})
	if n := count(t, st, "SELECT count(*) FROM behandling.interests i JOIN behandling.clients c ON c.id = i.client_id WHERE c.personnummer = ?", pnr); n != 0 {
		t.Errorf("%d interests left, want none", n)
	}
	if n := count(t, st, "SELECT count(*) FROM marketing.consents WHERE personnummer = ? AND granted", pnr); n != 0 {
		t.Errorf("%d marketing consents on, want none", n)
	}
	if n := count(t, st, "SELECT count(*) FROM behandling.treatments t JOIN behandling.clients c ON c.id = t.client_id WHERE c.personnummer = ?", pnr); n != 1 {
		t.Errorf("%d treatments, want the 1 kept: a contract, not legitimate interest", n)
	}
	wantText(t, text, "We have granted your request for objection", "Behandlingsdelen, Recommendations and interests: 1 record",
		"We have stopped using your data for direct marketing (2 channels turned off) and put you on our suppression list.")
}

// The measured case: the extract named categories of recipients ("Distributionspartner")
// where Art. 15(1)(c), read with CJEU C-154/21, asks for the recipients
// themselves. The extract names each one RECIPIENTS_FILE names, with its
// address, under its category.
func TestTheExtractNamesTheRecipients(t *testing.T) {
	a, _, number := fixture(t)
	a.Recipients = postRecipients()
	text := answer(t, a, number, activities.DecisionInput{Right: rights.Access, Outcome: "approved"})
	wantText(t, text, "Mottagare och personuppgiftsbiträden: Distributionspartner: Mottagare 1 AB, Box 1, 111 11 Stockholm; Faktureringspartner: Mottagare 2 AB, Box 2, 111 11 Stockholm")
	if strings.Contains(text, "Mottagare och personuppgiftsbiträden: Distributionspartner; ") {
		t.Errorf("a category is left unnamed though the file names its recipient:\n%s", text)
	}
}

// The measured case: the statements on automated decisions and transfers
// were fixed sentences. They come from the record of processing: a
// category with a transfer says so under it, and the letter no longer
// says that nothing is transferred.
func TestAutomatedDecisionsAndTransfersComeFromTheRecordOfProcessing(t *testing.T) {
	a, st, number := fixture(t)
	// The controller's own files: Harmoniq's, with a transfer under Köp.
	const under = "    tables: [orders, order_lines]\n"
	if err := st.Register().UseDatasets(context.Background(), datasettest.Set(t, datasettest.Edit{File: "01-webshop.yaml", From: under,
		To: under + "    transfers:\n      sv: \"Till Exempelmoln Inc., USA, enligt EU:s standardavtalsklausuler\"\n"})); err != nil {
		t.Fatal(err)
	}
	text := answer(t, a, number, activities.DecisionInput{Right: rights.Access, Outcome: "approved"})
	wantText(t, text, "Överföring till länder utanför EU/EES: Till Exempelmoln Inc., USA, enligt EU:s standardavtalsklausuler",
		"Överföringar till länder utanför EU/EES står under de uppgifter som överförs.",
		"Vi fattar inga beslut om dig som enbart grundas på automatiserad behandling.")
	if strings.Contains(text, "Vi för inte över dina uppgifter till länder utanför EU/EES") {
		t.Errorf("the letter says nothing is transferred:\n%s", text)
	}
}
