package activities_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/letter/lettertest"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

// A published test personnummer; the e-mail address is made up.
const (
	pnr   = "199007042386"
	email = "asa.oberg@example.se"
)

var today = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

// fixture is a PostgreSQL register with 20 seeded customers and one known
// customer, Åsa, with records in every system: a 2015 order (out of the
// bookkeeping period), a 2025 order with an invoice and a 2026 store
// purchase (inside it), a 2024 treatment, analyses, notes and consents.
func fixture(t *testing.T) (*activities.Activities, *store.Store, string) {
	t.Helper()
	return fixtureOn(t, storetest.Postgres(t))
}

// fixtureOn is the fixture on st, PostgreSQL or SQLite: the systems'
// tables have the same names in both.
func fixtureOn(t *testing.T, st *store.Store) (*activities.Activities, *store.Store, string) {
	t.Helper()
	ctx := context.Background()
	reg := st.Register()
	if _, err := reg.Seed(ctx, 20, 1, today); err != nil {
		t.Fatal(err)
	}
	q := func(sql string, args ...any) int64 {
		t.Helper()
		var id int64
		if err := storetest.SQL(t, st).NewRaw(sql+" RETURNING id", args...).Scan(ctx, &id); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		return id
	}
	cust := q("INSERT INTO webshop.customers (personnummer, name, street, postal_code, city, email, phone, created_at) VALUES (?, 'Åsa Öberg', 'Storgatan 1', '722 10', 'Västerås', ?, '070-1', ?)", pnr, email, today.AddDate(-12, 0, 0))
	old := q("INSERT INTO webshop.orders (customer_id, placed_at, total_sek) VALUES (?, '2015-03-01', 299)", cust)
	q("INSERT INTO webshop.order_lines (order_id, product, quantity, price_sek) VALUES (?, 'Schampo', 1, 299)", old)
	q("INSERT INTO webshop.invoices (order_id, invoice_number, issued_at, amount_sek) VALUES (?, 'F1', '2015-03-01', 299)", old)
	recent := q("INSERT INTO webshop.orders (customer_id, placed_at, total_sek) VALUES (?, '2025-06-01', 499)", cust)
	q("INSERT INTO webshop.order_lines (order_id, product, quantity, price_sek) VALUES (?, 'Serum', 1, 499)", recent)
	q("INSERT INTO webshop.invoices (order_id, invoice_number, issued_at, amount_sek) VALUES (?, 'F2', '2025-06-01', 499)", recent)
	q("INSERT INTO webshop.analyses (customer_id, kind, result, created_at) VALUES (?, 'skin', 'torr hy', '2026-01-01')", cust)
	shop := q("INSERT INTO butik.customers (personnummer, name, email, created_at) VALUES (?, 'Åsa Öberg', ?, '2020-01-01')", pnr, email)
	q("INSERT INTO butik.purchases (customer_id, store, receipt_number, purchased_at, amount_sek) VALUES (?, 'Västerås City', 'K1', '2026-01-10', 150)", shop)
	client := q("INSERT INTO behandling.clients (personnummer, name, email, created_at) VALUES (?, 'Åsa Öberg', ?, '2020-01-01')", pnr, email)
	tr := q("INSERT INTO behandling.treatments (client_id, treatment, therapist, performed_at, price_sek) VALUES (?, 'Ansiktsbehandling', 'Lena', '2024-05-02', 895)", client)
	q("INSERT INTO behandling.recipes (treatment_id, content) VALUES (?, 'Enzympeeling')", tr)
	q("INSERT INTO behandling.conversation_notes (client_id, note, created_at) VALUES (?, 'Ska resa till Italien', '2024-05-02')", client)
	q("INSERT INTO behandling.interests (client_id, product, created_at) VALUES (?, 'Solskydd', '2024-05-02')", client)
	for _, ch := range []string{"email", "sms"} {
		q("INSERT INTO marketing.consents (personnummer, email, channel, granted, updated_at) VALUES (?, ?, ?, TRUE, '2020-01-01')", pnr, email, ch)
	}
	rec, err := st.RecordIntake(ctx, &store.InboundMessage{DedupeKey: "mid:<f@x>", Channel: "email", SHA256: "x", ReceivedAt: today, Raw: []byte("x")},
		&store.Case{Channel: "email", ReceivedAt: today, Rights: "erasure", Language: "sv", RequesterName: "Åsa Öberg", RequesterEmail: email, Personnummer: pnr}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &activities.Activities{Store: st, OutboxDir: t.TempDir(), Now: func() time.Time { return today }}, st, rec.CaseNumber
}

func count(t *testing.T, st *store.Store, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := storetest.SQL(t, st).NewRaw(sql, args...).Scan(context.Background(), &n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// postRecipients names one recipient by post for each category of the
// record of processing.
func postRecipients() register.Recipients {
	var rs register.Recipients
	for i, cat := range []string{"Distributionspartner", "Faktureringspartner", "Fakturafinansieringspartner", "Utskicksleverantör"} {
		rs = append(rs, register.Recipient{Name: fmt.Sprintf("Mottagare %d AB", i+1), StandsFor: cat, Role: "recipient", Channel: "post",
			Address: []string{fmt.Sprintf("Box %d", i+1), "111 11 Stockholm"}})
	}
	return rs
}

func TestErasureKeepsOnlyWhatBookkeepingRequires(t *testing.T) {
	a, st, number := fixture(t)
	a.Recipients = postRecipients()
	others := count(t, st, "SELECT count(*) FROM webshop.orders o JOIN webshop.customers c ON c.id = o.customer_id WHERE c.personnummer <> ?", pnr)
	for range 2 { // the second run is a retry after a crash: the same end state
		if _, err := a.Fulfil(context.Background(), activities.FulfilInput{CaseNumber: number, Right: rights.Erasure}); err != nil {
			t.Fatal(err)
		}
	}
	// The person's rows: an anonymised customer row keeps no personnummer,
	// only the case that anonymised it.
	person := "(c.personnummer = ? OR c.erased_case = '" + number + "')"
	checks := []struct {
		what string
		sql  string
		want int
	}{
		{"the 2015 order is erased, the 2025 one kept", "SELECT count(*) FROM webshop.orders WHERE customer_id IN (SELECT id FROM webshop.customers c WHERE " + person + ")", 1},
		{"order lines follow their order", "SELECT count(*) FROM webshop.order_lines l JOIN webshop.orders o ON o.id = l.order_id JOIN webshop.customers c ON c.id = o.customer_id WHERE " + person, 1},
		{"the 2025 invoice is kept", "SELECT count(*) FROM webshop.invoices i JOIN webshop.orders o ON o.id = i.order_id JOIN webshop.customers c ON c.id = o.customer_id WHERE " + person, 1},
		{"analyses are erased", "SELECT count(*) FROM webshop.analyses a JOIN webshop.customers c ON c.id = a.customer_id WHERE " + person, 0},
		{"the customer stays, anonymised and restricted", "SELECT count(*) FROM webshop.customers c WHERE " + person + " AND c.personnummer = '' AND name = '' AND email = '' AND street = '' AND restricted_at IS NOT NULL AND anonymised_at IS NOT NULL", 1},
		{"the store purchase of 2026 is kept", "SELECT count(*) FROM butik.purchases p JOIN butik.customers c ON c.id = p.customer_id WHERE " + person, 1},
		{"the 2024 treatment is kept", "SELECT count(*) FROM behandling.treatments t JOIN behandling.clients c ON c.id = t.client_id WHERE " + person, 1},
		{"recipes are erased", "SELECT count(*) FROM behandling.recipes r JOIN behandling.treatments t ON t.id = r.treatment_id JOIN behandling.clients c ON c.id = t.client_id WHERE " + person, 0},
		{"conversation notes are erased", "SELECT count(*) FROM behandling.conversation_notes n JOIN behandling.clients c ON c.id = n.client_id WHERE " + person, 0},
		{"consents are erased", "SELECT count(*) FROM marketing.consents WHERE personnummer = ?", 0},
	}
	for _, c := range checks {
		if got := count(t, st, c.sql, pnr); got != c.want {
			t.Errorf("%s: %d rows, want %d", c.what, got, c.want)
		}
	}
	if got := count(t, st, "SELECT count(*) FROM webshop.orders o JOIN webshop.customers c ON c.id = o.customer_id WHERE NOT "+person, pnr); got != others {
		t.Errorf("other customers' orders: %d, want %d untouched", got, others)
	}
	reg := st.Register()
	if s, err := reg.Suppressed(context.Background(), nil, register.Subject{Email: email}); err != nil || !s {
		t.Errorf("the person is not on the suppression list: %v", err)
	}
	// Art. 19: the distribution, invoicing and invoice-financing partners are
	// told once each, whatever the retries.
	if n := count(t, st, "SELECT count(*) FROM recipient_notices WHERE case_number = ?", number); n != 4 {
		t.Errorf("%d recipient notices, want 4 (distribution, invoicing, invoice financing, mailing)", n)
	}
	if n := count(t, st, "SELECT count(*) FROM letters WHERE case_number = ? AND kind LIKE 'art19-erasure-%'", number); n != 4 {
		t.Errorf("%d Art. 19 notice letters, want one per recipient (4)", n)
	}
	l, err := st.Letter(context.Background(), number, "art19-erasure-1")
	if err != nil {
		t.Fatal(err)
	}
	if text := lettertest.Text(t, l.PDF); !strings.Contains(text, "artikel 19") || !strings.Contains(text, "19900704-2386") || !strings.Contains(text, "raderat") ||
		!strings.Contains(text, "Mottagare 1 AB") || !strings.Contains(text, "Box 1") {
		t.Errorf("Art. 19 notice:\n%s", text)
	}
}

func TestACustomerOutsideTheBookkeepingPeriodIsErasedCompletely(t *testing.T) {
	a, st, number := fixture(t)
	for _, q := range []string{
		"DELETE FROM webshop.invoices WHERE issued_at > '2020-01-01'", "DELETE FROM webshop.order_lines WHERE order_id IN (SELECT id FROM webshop.orders WHERE placed_at > '2020-01-01')",
		"DELETE FROM webshop.orders WHERE placed_at > '2020-01-01'", "DELETE FROM butik.purchases WHERE receipt_number = 'K1'",
		"UPDATE behandling.treatments SET performed_at = '2017-01-01'",
	} {
		if _, err := storetest.SQL(t, st).ExecContext(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.Fulfil(context.Background(), activities.FulfilInput{CaseNumber: number, Right: rights.Erasure}); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"webshop.customers", "butik.customers", "behandling.clients"} {
		if n := count(t, st, "SELECT count(*) FROM "+table+" WHERE personnummer = ?", pnr); n != 0 {
			t.Errorf("%s still holds the person (%d rows)", table, n)
		}
	}
}

func TestAccessExportsEverySystem(t *testing.T) {
	a, _, number := fixture(t)
	res, err := a.Fulfil(context.Background(), activities.FulfilInput{CaseNumber: number, Right: rights.Access})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"webshop": "8 rows exported", "butik": "2 rows exported", "behandling": "5 rows exported", "marketing": "2 rows exported"}
	for sys, s := range want {
		if res.Systems[sys] != s {
			t.Errorf("%s: %q, want %q", sys, res.Systems[sys], s)
		}
	}
}

func TestRestrictionRectificationAndMarketing(t *testing.T) {
	a, st, number := fixture(t)
	ctx := context.Background()
	if _, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Restriction}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, st, "SELECT count(*) FROM behandling.clients WHERE personnummer = ? AND restricted_at IS NOT NULL", pnr); n != 1 {
		t.Errorf("restriction: %d restricted clients, want 1", n)
	}
	// Marketing too: the consents are kept, marked restricted.
	if n := count(t, st, "SELECT count(*) FROM marketing.consents WHERE personnummer = ? AND restricted_at IS NOT NULL", pnr); n != 2 {
		t.Errorf("restriction: %d restricted marketing consents, want 2", n)
	}
	res, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Rectification,
		Corrections: []activities.Correction{{Field: "street", Value: "Nygatan 2"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 3 || res.Changes[0].Old != "Storgatan 1" || res.Changes[0].New != "Nygatan 2" || res.Changes[0].System != "webshop" {
		t.Errorf("rectification changes = %+v, want the street set in all three systems, webshop's from Storgatan 1", res.Changes)
	}
	if n := count(t, st, "SELECT count(*) FROM webshop.customers WHERE personnummer = ? AND street = 'Nygatan 2'", pnr); n != 1 {
		t.Errorf("rectification did not reach harmoniq.se")
	}
	if _, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.MarketingOptOut}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, st, "SELECT count(*) FROM marketing.consents WHERE personnummer = ? AND granted", pnr); n != 0 {
		t.Errorf("opt-out left %d channels on", n)
	}
	_, err = a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Rectification,
		Corrections: []activities.Correction{{Field: "personnummer", Value: "x"}}})
	if err == nil {
		t.Error("a correction of a field that may not be changed was carried out")
	}
}

func TestTheResponseLetterExplainsWhatWasDone(t *testing.T) {
	a, _, number := fixture(t)
	ctx := context.Background()
	for _, r := range []rights.Right{rights.Access, rights.Erasure, rights.MarketingOptOut, rights.Portability} {
		if _, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: r}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := a.SendLetter(ctx, activities.LetterInput{CaseNumber: number, Kind: "response", Decisions: []activities.DecisionInput{
		{Right: rights.Access, Outcome: "approved"}, {Right: rights.Erasure, Outcome: "approved"},
		{Right: rights.MarketingOptOut, Outcome: "approved"}, {Right: rights.Portability, Outcome: "approved"}}})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := os.ReadFile(filepath.Join(a.OutboxDir, res.Filename))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(lettertest.Text(t, pdf)), " ")
	for _, want := range []string{
		"Registerutdrag", "harmoniq.se: Köp", "Behandlingsdelen: Samtalsanteckningar", "Ska resa till Italien",
		"Rättslig grund: Avtal (art. 6.1 b)", "Fakturafinansieringspartner",
		"Det här har vi raderat:", "Det här har vi sparat, eftersom lagen kräver det",
		"Sparas till och med 31 december 2032", "bokföringslagen 7 kap. 2 §",
		"spärrlista", "-portability.zip",
		// The erasure erased her consents before the opt-out came to them:
		// the letter says so, and not that she had none.
		"Dina samtycken och kanalval för marknadsföring är raderade tillsammans med dina övriga uppgifter",
		// The customer row kept for the bookkeeping records, and what it
		// no longer holds.
		"Dina kundposter i harmoniq.se, Butiksdelen och Behandlingsdelen finns kvar, utan personnummer, namn, adress, e-post och telefonnummer",
		// The engine's own records about her: her case and its message.
		"Ärenden om dina rättigheter och brev i dem", "Ärendenummer: " + number, "Begärt: radering", "Kanal: e-post",
		"Inkomna meddelanden i ärenden",
		// The extract was made before the erasure, and says so.
		"Här är alla uppgifter vi hade om dig när vi tog emot din begäran, innan vi raderade",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter lacks %q", want)
		}
	}
	if strings.Contains(text, "Du hade inte sagt ja till marknadsföring") {
		t.Errorf("the letter says she had not agreed to marketing, though her consents were just erased")
	}
	zip, err := os.ReadFile(filepath.Join(a.OutboxDir, number+"-portability.zip"))
	if err != nil || len(zip) == 0 {
		t.Fatalf("no portability file: %v", err)
	}
}

func TestWhatErasureKeptIsErasedWhenItsRetentionEnds(t *testing.T) {
	a, st, number := fixture(t)
	ctx := context.Background()
	a.Trail = audit.New(st)
	if _, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Erasure}); err != nil {
		t.Fatal(err)
	}
	var due []string
	if err := storetest.SQL(t, st).NewRaw("SELECT system || ' ' || due_on FROM scheduled_deletions WHERE case_number = ? ORDER BY system, category", number).Scan(ctx, &due); err != nil {
		t.Fatal(err)
	}
	want := "behandling 2032-01-01 butik 2034-01-01 webshop 2033-01-01 webshop 2033-01-01"
	if strings.Join(due, " ") != want {
		t.Fatalf("scheduled deletions %v, want %s", due, want)
	}
	a.Now = func() time.Time { return time.Date(2033, 1, 2, 3, 0, 0, 0, time.UTC) }
	for range 2 { // the second run finds nothing left to do
		if _, err := a.PurgeDue(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for table, want := range map[string]int{"webshop.customers": 0, "behandling.clients": 0, "butik.customers": 1} {
		if n := count(t, st, "SELECT count(*) FROM "+table+" WHERE personnummer = ? OR erased_case = ?", pnr, number); n != want {
			t.Errorf("%s: %d rows of the person after the purge, want %d", table, n, want)
		}
	}
	if n := count(t, st, "SELECT count(*) FROM audit_events WHERE case_number = ? AND action = 'retention.erased'", number); n != 3 {
		t.Errorf("%d retention.erased events, want 3", n)
	}
}

// TestLiftingARestrictionTellsThePersonFirst: the notice (Art. 18(3))
// goes first and states the day of the lift; on that day the restriction is
// still kept while the notice waits in the print queue, and lifted, once,
// in every system (marketing too), when the post room has posted it.
func TestLiftingARestrictionTellsThePersonFirst(t *testing.T) {
	a, st, number := fixture(t)
	ctx := context.Background()
	a.Trail = audit.New(st)
	if _, err := a.LiftRestriction(ctx, number, "anna.k", "Uppgifterna är kontrollerade"); err == nil {
		t.Fatal("a restriction that was never made was lifted")
	}
	if _, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Restriction}); err != nil {
		t.Fatal(err)
	}
	on, err := a.LiftRestriction(ctx, number, "anna.k", "Uppgifterna är kontrollerade och riktiga")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 12, 9, 0, 0, 0, 0, on.Location()); !on.Equal(want) {
		t.Errorf("the lift is announced for %s, want 14 days on, %s", on.Format(time.DateOnly), want.Format(time.DateOnly))
	}
	restricted := func() int {
		return count(t, st, "SELECT count(*) FROM behandling.clients WHERE personnummer = ? AND restricted_at IS NOT NULL", pnr) +
			count(t, st, "SELECT count(*) FROM marketing.consents WHERE personnummer = ? AND restricted_at IS NOT NULL", pnr)
	}
	if n := restricted(); n != 3 {
		t.Fatalf("%d records restricted after the announcement, want all 3 still", n)
	}
	l, err := st.Letter(ctx, number, "restriction-lift")
	if err != nil {
		t.Fatalf("no notice letter: %v", err)
	}
	if text := strings.Join(strings.Fields(lettertest.Text(t, l.PDF)), " "); !strings.Contains(text, "artikel 18.3") || !strings.Contains(text, "Begränsningen hävs den 9 december 2026") {
		t.Errorf("the notice does not cite Art. 18(3) and the day:\n%s", text)
	}
	lift := func(day time.Time) int {
		t.Helper()
		a.Now = func() time.Time { return day }
		n, err := a.LiftDue(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := lift(today.AddDate(0, 0, 13)); n != 0 || restricted() != 3 {
		t.Errorf("the day before: %d lifted, %d still restricted", n, restricted())
	}
	if n := lift(today.AddDate(0, 0, 14)); n != 0 || restricted() != 3 {
		t.Errorf("on the day, the notice not posted: %d lifted, %d still restricted", n, restricted())
	}
	if err := st.AssignBatch(ctx, []int64{l.ID}, "b1"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.MarkPosted(ctx, "b1", today.AddDate(0, 0, 1)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []int{1, 0} { // once
		if n := lift(today.AddDate(0, 0, 15)); n != want {
			t.Errorf("after posting: %d lifted, want %d", n, want)
		}
	}
	if n := restricted(); n != 0 {
		t.Errorf("%d records still restricted", n)
	}
	var actions []string
	if err := storetest.SQL(t, st).NewRaw("SELECT action FROM audit_events WHERE case_number = ? ORDER BY seq", number).Scan(ctx, &actions); err != nil {
		t.Fatal(err)
	}
	if strings.Join(actions, " ") != "restriction.lift_notified restriction.lifted" {
		t.Errorf("audit %v, want the notice before the lifting", actions)
	}
}

func TestCaseMessagesAreErasedAYearAfterClosure(t *testing.T) {
	a, st, number := fixture(t)
	ctx := context.Background()
	a.Trail = audit.New(st)
	if _, err := a.Trail.Append(ctx, audit.Entry{CaseNumber: number, Time: today, Actor: "system", Event: event.CaseClosed{Outcome: "completed"}, IdemKey: "closed"}); err != nil {
		t.Fatal(err)
	}
	// The message is in the vault, with a receipt attached apart.
	c, err := st.Case(ctx, number)
	if err != nil {
		t.Fatal(err)
	}
	rawBlob, err := st.Vault.Put(ctx, st.Files(nil), strings.NewReader("Subject: Radera\r\n\r\nRadera mig"))
	if err != nil {
		t.Fatal(err)
	}
	attBlob, err := st.Vault.Put(ctx, st.Files(nil), strings.NewReader("kvitto"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := storetest.SQL(t, st).NewUpdate().Model((*store.InboundMessage)(nil)).Set("raw_blob_id = ?", rawBlob).Where("id = ?", *c.InboundID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := storetest.SQL(t, st).NewInsert().Model(&store.Attachment{InboundID: *c.InboundID, CaseNumber: number, Filename: "kvitto.pdf", ContentType: "application/pdf", BlobID: &attBlob}).
		ExcludeColumn("id").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		months int
		want   int
	}{{11, 0}, {13, 1}, {14, 0}} {
		a.Now = func() time.Time { return today.AddDate(0, c.months, 0) }
		n, err := a.PurgeMessages(ctx)
		if err != nil || n != c.want {
			t.Errorf("%d months after closure: %d messages erased, %v; want %d", c.months, n, err, c.want)
		}
	}
	if n := count(t, st, "SELECT count(*) FROM inbound_messages WHERE case_number = ? AND length(raw) = 0 AND raw_erased_at IS NOT NULL", number); n != 1 {
		t.Errorf("the raw message is still there")
	}
	if n := count(t, st, "SELECT count(*) FROM audit_events WHERE case_number = ? AND action = 'retention.message_erased'", number); n != 1 {
		t.Errorf("%d retention.message_erased events, want 1", n)
	}
	if n := count(t, st, "SELECT count(*) FROM blob_chunks WHERE blob_id IN (?, ?)", rawBlob, attBlob); n != 0 {
		t.Errorf("%d chunks of the message and its attachment remain", n)
	}
	if n := count(t, st, "SELECT count(*) FROM attachments WHERE case_number = ? AND deleted_reason = 'retention' AND filename = ''", number); n != 1 {
		t.Errorf("the attachment was not erased with the message")
	}
}

// TestAConfirmationSaysWhatTheSystemsDid: the sentences that confirm a
// consent withdrawal, an opt-out and a restriction come from the counts
// fulfilment recorded. Åsa's analysis and two marketing consents are
// ended, and the letter says so, in the singular where it is one; for a
// person whose consent was the basis of nothing, the letter claims no
// erasure.
func TestAConfirmationSaysWhatTheSystemsDid(t *testing.T) {
	a, st, number := fixture(t)
	ctx := context.Background()
	letterOf := func(number string, rs ...rights.Right) string {
		t.Helper()
		var ds []activities.DecisionInput
		for _, r := range rs {
			ds = append(ds, activities.DecisionInput{Right: r, Outcome: "approved"})
		}
		return answer(t, a, number, ds...)
	}
	text := letterOf(number, rights.ConsentWithdrawal, rights.Restriction)
	for _, want := range []string{"De uppgifter vi behandlade med stöd av samtycket är raderade (1 post)",
		"Ditt samtycke till marknadsföring är avslutat (2 kanaler)", "Vi har begränsat behandlingen av dina uppgifter i våra kundsystem och för marknadsföring ("} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter lacks %q:\n%s", want, text)
		}
	}

	// Someone the register holds nothing consent-based about.
	rec, err := st.RecordIntake(ctx, &store.InboundMessage{DedupeKey: "mid:<nobody@x>", Channel: "email", SHA256: "z", ReceivedAt: today, Raw: []byte("z")},
		&store.Case{Channel: "email", ReceivedAt: today, Rights: "consent_withdrawal,restriction", Language: "sv", RequesterName: "Nils Ingen",
			RequesterEmail: "nils.ingen@example.se", RequesterAddress: "Vägen 1\n111 11 Stockholm", AddressConfirmed: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	text = letterOf(rec.CaseNumber, rights.ConsentWithdrawal, rights.Restriction)
	for _, want := range []string{"Vi hade inga uppgifter om dig som vi behandlade med stöd av samtycke", "Vi hittade inga uppgifter om dig i våra kundsystem eller för marknadsföring att begränsa"} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter lacks %q:\n%s", want, text)
		}
	}
	for _, claim := range []string{"raderade", "analyser", "avslutat", "Vi har begränsat"} {
		if strings.Contains(text, claim) {
			t.Errorf("the letter claims %q for a person nothing was done for:\n%s", claim, text)
		}
	}
}

// TestAnEnglishLetterIsEnglishThroughout: a request written in English gets
// its extract and its erasure answer with the record of processing in
// English: categories, purposes, legal bases, retention, recipients and
// sources, and what was erased and kept.
func TestAnEnglishLetterIsEnglishThroughout(t *testing.T) {
	a, st, number := fixture(t)
	ctx := context.Background()
	if _, err := storetest.SQL(t, st).NewUpdate().Model((*store.Case)(nil)).Set("language = 'en'").Where("number = ?", number).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	for _, r := range []rights.Right{rights.Access, rights.Erasure} {
		if _, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: r}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := a.SendLetter(ctx, activities.LetterInput{CaseNumber: number, Kind: "response", Decisions: []activities.DecisionInput{
		{Right: rights.Access, Outcome: "approved"}, {Right: rights.Erasure, Outcome: "approved"}}})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := os.ReadFile(filepath.Join(a.OutboxDir, res.Filename))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(lettertest.Text(t, pdf)), " ")
	for _, want := range []string{"harmoniq.se: Purchases", "Legal basis: Contract (Art. 6(1)(b))", "Distribution partner",
		"Behandlingsdelen: Conversation notes", "Skin, hair and make-up analyses: 1 record", "Bookkeeping Act, chapter 7, section 2", "Ordered: 1 March 2015",
		"Cases of your requests and the letters in them", "Asked for: erasure", "Messages received in cases"} {
		if !strings.Contains(text, want) {
			t.Errorf("the English letter lacks %q:\n%s", want, text)
		}
	}
	for _, swedish := range []string{"Kunduppgifter", "Avtal (art.", "bokföringslagen", "Distributionspartner", "Du själv", "Köp", "poster"} {
		if strings.Contains(text, swedish) {
			t.Errorf("the English letter holds the Swedish %q", swedish)
		}
	}
}

// TestAClosedCasesRecordsAreErasedWhenTheirRetentionEnds: three years after
// a case closed (the record of processing's rule), its letters and their
// files, its fulfilment results and what the case record holds about the
// person are erased, once, and the trail says so with counts only; a day
// before, nothing is.
func TestAClosedCasesRecordsAreErasedWhenTheirRetentionEnds(t *testing.T) {
	a, st, number := fixture(t)
	ctx := context.Background()
	a.Trail = audit.New(st)
	if _, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Access}); err != nil {
		t.Fatal(err)
	}
	res, err := a.SendLetter(ctx, activities.LetterInput{CaseNumber: number, Kind: "response", Decisions: []activities.DecisionInput{{Right: rights.Access, Outcome: "approved"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ProjectCase(ctx, nil, store.CaseState{Number: number, Seq: 1, Stage: "closed", ClosedOn: "2026-11-25", At: today}); err != nil {
		t.Fatal(err)
	}
	// Personal text the trail must record: a staff note, a corrected
	// address, before and after. It is sealed with the case's key.
	for i, e := range []event.Event{event.CaseNote{Text: "Åsa ringde från Storgatan 1"},
		event.FulfilmentDone{Right: "rectification", Systems: map[string]string{"webshop": "1 field corrected"},
			Changes: []event.Change{{System: "webshop", Field: "street", Old: "Storgatan 1", New: "Nygatan 2"}}}} {
		if _, err := a.Trail.Append(ctx, audit.Entry{CaseNumber: number, Time: today, Actor: "anna.k", Event: e, IdemKey: fmt.Sprintf("pd-%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	readable := func() string {
		t.Helper()
		es, err := a.Trail.Events(ctx, number)
		if err != nil {
			t.Fatal(err)
		}
		var stored, read []string
		for _, e := range es {
			stored = append(stored, e.Details)
			d, err := a.Trail.Readable(ctx, e)
			if err != nil {
				t.Fatal(err)
			}
			read = append(read, d)
		}
		for _, clear := range []string{"Storgatan", "Nygatan", "Åsa"} {
			if strings.Contains(strings.Join(stored, "\n"), clear) {
				t.Errorf("%q is stored in clear in the trail", clear)
			}
		}
		if _, err := a.Trail.Verify(ctx, number, audit.Options{NoSignatures: true}); err != nil {
			t.Errorf("the chain: %v", err)
		}
		return strings.Join(read, "\n")
	}
	if r := readable(); !strings.Contains(r, "Åsa ringde från Storgatan 1") || !strings.Contains(r, `"old":"Storgatan 1","new":"Nygatan 2"`) {
		t.Errorf("the sealed text does not read while the case's key lasts:\n%s", r)
	}
	a.Now = func() time.Time { return time.Date(2029, 11, 24, 3, 0, 0, 0, time.UTC) }
	if n, err := a.PurgeCases(ctx); err != nil || n != 0 {
		t.Fatalf("before three years: %d cases erased (%v)", n, err)
	}
	a.Now = func() time.Time { return time.Date(2029, 11, 27, 3, 0, 0, 0, time.UTC) }
	for _, want := range []int{1, 0} { // the second run finds nothing left
		if n, err := a.PurgeCases(ctx); err != nil || n != want {
			t.Fatalf("after three years: %d cases erased (%v), want %d", n, err, want)
		}
	}
	for what, sql := range map[string]string{
		"letters":            "SELECT count(*) FROM letters WHERE case_number = ?",
		"fulfilment results": "SELECT count(*) FROM fulfilment_actions WHERE case_number = ?",
		"data in the case":   "SELECT count(*) FROM cases WHERE number = ? AND (requester_name <> '' OR requester_email <> '' OR personnummer <> '' OR registered_address <> '')",
	} {
		if n := count(t, st, sql, number); n != 0 {
			t.Errorf("%s: %d left", what, n)
		}
	}
	if _, err := os.Stat(filepath.Join(a.OutboxDir, res.Filename)); err == nil {
		t.Error("the letter's file is still in the outbox")
	}
	es, err := a.Trail.Events(ctx, number)
	if err != nil {
		t.Fatal(err)
	}
	last := es[len(es)-1]
	if last.Action != event.ActCaseRecordsErased || !strings.Contains(last.Details, `"letters":1`) || !strings.Contains(last.Details, `"audit_key_erased":true`) ||
		strings.Contains(last.Details, "Åsa") || strings.Contains(last.Details, pnr) {
		t.Errorf("the trail's last event: %s %s", last.Action, last.Details)
	}
	// The key is gone: the chain still verifies, and the personal text no
	// longer reads.
	if r := readable(); strings.Contains(r, "ringde") || strings.Contains(r, "Nygatan") || !strings.Contains(r, "[erased with the case's records]") {
		t.Errorf("the sealed text after the case's records were erased:\n%s", r)
	}
}
