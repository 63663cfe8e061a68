package activities_test

import (
	"context"
	"strings"
	"testing"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/dataset/datasettest"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

// A field the controller's dataset file adds is read, labelled and
// rectified with no change to the engine's code: the web shop gains a
// nickname column, declared rectifiable; the extract shows it under its
// label, rectification changes it where it is declared and nowhere else,
// and a field no dataset lets rectification change is refused before
// anything is changed.
func TestAFieldADatasetDeclaresIsReadAndRectifiedWithoutCode(t *testing.T) {
	a, st, number := fixture(t)
	ctx := context.Background()
	if _, err := storetest.SQL(t, st).ExecContext(ctx, "ALTER TABLE webshop.customers ADD COLUMN nickname text NOT NULL DEFAULT 'Åsan'"); err != nil {
		t.Fatal(err)
	}
	const after = "      - name: created_at\n"
	if err := st.Register().UseDatasets(context.Background(), datasettest.Set(t, datasettest.Edit{File: "01-webshop.yaml", From: after,
		To: "      - name: nickname\n        label: {sv: Smeknamn, en: Nickname}\n        rectify: true\n        anonymise: clear\n" + after})); err != nil {
		t.Fatal(err)
	}

	records, err := st.Register().Records(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := st.Register().Systems()[0].Export(ctx, nil, register.Subject{Personnummer: pnr}, records, register.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range tables[0].Columns {
		found = found || c.Name == "nickname" && c.Sv == "Smeknamn" && c.En == "Nickname"
	}
	if tables[0].Table != "customers" || tables[0].Rows[0]["nickname"] != "Åsan" || !found {
		t.Fatalf("the export does not carry the declared field with its label: %+v", tables[0])
	}

	res, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Rectification,
		Corrections: []activities.Correction{{Field: "nickname", Value: "Åsa"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 1 || res.Changes[0].System != "webshop" || res.Changes[0].Old != "Åsan" || res.Changes[0].New != "Åsa" {
		t.Fatalf("changes = %+v, want the web shop's nickname only", res.Changes)
	}
	for _, c := range []struct {
		correction activities.Correction
		want       string
	}{
		{activities.Correction{Field: "shoe_size", Value: "38"}, `field "shoe_size" cannot be corrected; use one of name, street, postal_code, city, email, phone, nickname`},
		{activities.Correction{System: "butik", Field: "nickname", Value: "Åsa"}, `butik: field "nickname" cannot be rectified; its dataset allows name, street`},
		{activities.Correction{System: "kassan", Field: "name", Value: "Åsa"}, `unknown system "kassan" (webshop, butik, behandling`},
	} {
		_, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Rectification, Corrections: []activities.Correction{c.correction}})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.correction, err, c.want)
		}
	}
}

// The measured gap: the extract left out what the privacy policy says
// Harmoniq keeps beyond the three systems' customers and purchases:
// kundservice's conversations and notes, the clinics' purchases and a
// logged-in customer's cookie choices. Each is in the extract under its
// category, labelled; an erasure erases the conversations, the notes and
// the cookie choices, and keeps the clinic purchase as an accounting record.
func TestTheExtractCoversKundserviceClinicPurchasesAndCookies(t *testing.T) {
	a, st, number := fixture(t)
	ctx := context.Background()
	db := storetest.SQL(t, st)
	var contact, client, customer int64
	if err := db.NewRaw("INSERT INTO kundservice.contacts (personnummer, name, email, created_at) VALUES (?, 'Åsa Öberg', ?, '2026-03-01') RETURNING id", pnr, email).Scan(ctx, &contact); err != nil {
		t.Fatal(err)
	}
	if err := db.NewRaw("SELECT id FROM behandling.clients WHERE personnummer = ?", pnr).Scan(ctx, &client); err != nil {
		t.Fatal(err)
	}
	if err := db.NewRaw("SELECT id FROM webshop.customers WHERE personnummer = ?", pnr).Scan(ctx, &customer); err != nil {
		t.Fatal(err)
	}
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{"INSERT INTO kundservice.conversations (contact_id, channel, subject, transcript, started_at) VALUES (?, 'chat', 'Leverans', 'Var är mitt paket?', '2026-03-01')", []any{contact}},
		{"INSERT INTO kundservice.notes (contact_id, note, created_at) VALUES (?, 'Vill bli kontaktad via e-post', '2026-03-01')", []any{contact}},
		{"INSERT INTO behandling.purchases (client_id, product, amount_sek, purchased_at) VALUES (?, 'Ansiktsolja', 349, '2026-02-01')", []any{client}},
		{"INSERT INTO webshop.cookie_choices (customer_id, analytics, marketing, chosen_at) VALUES (?, TRUE, FALSE, '2026-04-01')", []any{customer}},
	} {
		if _, err := db.ExecContext(ctx, q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	text := answer(t, a, number, activities.DecisionInput{Right: rights.Access, Outcome: "approved"}, activities.DecisionInput{Right: rights.Erasure, Outcome: "approved"})
	wantText(t, text,
		"Kundservice: Samtal, chattar och e-post med kundservice", "Kanal: chatt; Ärende: Leverans; Samtalet: Var är mitt paket?",
		"Kundservice: Kundservicens anteckningar", "Anteckning: Vill bli kontaktad via e-post",
		"Behandlingsdelen: Köp på kliniken", "Produkt: Ansiktsolja; Belopp: 349.00 kr",
		"harmoniq.se: Cookieval", "Cookies för statistik: ja; Cookies för marknadsföring: nej",
		"Rättslig förpliktelse (art. 6.1 c, lagen om elektronisk kommunikation 9 kap. 28 §)",
		"Kundservice, Samtal, chattar och e-post med kundservice: 1 post", "Kundservice, Kundservicens anteckningar: 1 post",
		"harmoniq.se, Cookieval: 1 post", "Behandlingsdelen, Köp på kliniken: 1 post. Skäl:")
	for q, arg := range map[string]int64{
		"SELECT count(*) FROM kundservice.conversations WHERE contact_id = ?": contact, "SELECT count(*) FROM kundservice.notes WHERE contact_id = ?": contact,
		"SELECT count(*) FROM kundservice.contacts WHERE id = ?": contact, "SELECT count(*) FROM webshop.cookie_choices WHERE customer_id = ?": customer,
	} {
		if n := count(t, st, q, arg); n != 0 {
			t.Errorf("%s: %d rows left after the erasure", q, n)
		}
	}
	if n := count(t, st, "SELECT count(*) FROM behandling.purchases WHERE client_id = ?", client); n != 1 {
		t.Errorf("the clinic purchase, an accounting record: %d rows, want 1 kept", n)
	}
}
