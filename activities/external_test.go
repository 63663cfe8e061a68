package activities_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"strings"
	"testing"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/dataset"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

// kassaDataset is a system in a PostgreSQL database of its own: the
// stores' loyalty club, its members, their receipts (accounting records)
// and their wish lists (legitimate interest).
const kassaDataset = `system: kassa
title: {sv: Kundklubben, en: The loyalty club}
model: customer
connection:
  kind: postgres
  url_env: DSR_TEST_KASSA_URL
  schema: pos
tables:
  - name: members
    person: true
    dated_by: joined_at
    markers: {restricted: restricted_at, anonymised: anonymised_at, erased_case: erased_case}
    fields:
      - {name: id, format: hidden}
      - {name: personnummer, label: {sv: Personnummer, en: Personal identity number}, identifies: personnummer, anonymise: clear}
      - {name: email, label: {sv: E-post, en: E-mail}, identifies: email, rectify: true, anonymise: clear}
      - {name: name, label: {sv: Namn, en: Name}, rectify: true, anonymise: clear, address: name}
      - {name: street, label: {sv: Gatuadress, en: Street address}, rectify: true, anonymise: clear, address: street}
      - {name: joined_at, label: {sv: Medlem sedan, en: Member since}, format: time}
      - {name: restricted_at, label: {sv: Begränsad sedan, en: Restricted since}, format: time}
      - {name: anonymised_at, label: {sv: Avidentifierad, en: Anonymised}, format: time}
      - {name: erased_case, format: hidden}
  - name: receipts
    parent: members
    link: member_id
    dated_by: bought_at
    fields:
      - {name: id, format: hidden}
      - {name: member_id, format: hidden}
      - {name: amount_sek, label: {sv: Belopp, en: Amount}, format: sek}
      - {name: bought_at, label: {sv: Köpt, en: Bought}, format: time}
  - name: wishes
    parent: members
    link: member_id
    dated_by: created_at
    fields:
      - {name: id, format: hidden}
      - {name: member_id, format: hidden}
      - {name: product, label: {sv: Önskad produkt, en: Wished-for product}}
      - {name: created_at, label: {sv: Registrerad, en: Recorded}, format: time}
records:
  - category: {sv: Medlemsuppgifter, en: Member details}
    tables: [members]
    purposes: {sv: Kundklubben}
    basis: [contract]
    legal_basis: {sv: Avtal (art. 6.1 b)}
    retention: {rule: while_customer, sv: Så länge du är medlem}
    recipients: {sv: Kassaleverantören}
    source: {sv: Du själv}
    portable: true
  - category: {sv: Kvitton i kundklubben, en: Loyalty club receipts}
    tables: [receipts]
    purposes: {sv: Bokföring}
    basis: [legal_obligation]
    legal_basis: {sv: "Rättslig förpliktelse (art. 6.1 c, bokföringslagen)"}
    retention: {rule: bookkeeping, sv: Till och med det sjunde året efter räkenskapsåret}
    source: {sv: Dina köp}
  - category: {sv: Önskelistor, en: Wish lists}
    tables: [wishes]
    purposes: {sv: Erbjudanden}
    basis: [legitimate_interest]
    legal_basis: {sv: Berättigat intresse (art. 6.1 f)}
    retention: {rule: usage_24_months, sv: Högst 24 månader}
    source: {sv: Du själv}
`

// kassa creates the loyalty club's database, which the engine does not own:
// its owner makes the tables, their indexes and the ledger, and the engine
// reaches it as a role that may only read and change rows. It returns the
// owner's connection.
func kassa(t *testing.T) *sql.DB {
	t.Helper()
	ctx := context.Background()
	ownerURL := storetest.PostgresURL(t)
	owner, err := sql.Open("pgx", ownerURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { owner.Close() })
	b := make([]byte, 4)
	rand.Read(b)
	role := "kassa_dsr_" + hex.EncodeToString(b)
	for _, q := range []string{
		"CREATE SCHEMA pos",
		`CREATE TABLE pos.members (id bigserial PRIMARY KEY, personnummer text NOT NULL DEFAULT '', email text NOT NULL DEFAULT '',
			name text NOT NULL DEFAULT '', street text NOT NULL DEFAULT '', joined_at timestamptz NOT NULL,
			restricted_at timestamptz, anonymised_at timestamptz, erased_case text NOT NULL DEFAULT '')`,
		"CREATE INDEX ON pos.members (personnummer)", "CREATE INDEX ON pos.members (lower(email))", "CREATE INDEX ON pos.members (erased_case)",
		"CREATE TABLE pos.receipts (id bigserial PRIMARY KEY, member_id bigint NOT NULL REFERENCES pos.members, amount_sek numeric NOT NULL, bought_at timestamptz NOT NULL)",
		"CREATE INDEX ON pos.receipts (member_id)",
		"CREATE TABLE pos.wishes (id bigserial PRIMARY KEY, member_id bigint NOT NULL REFERENCES pos.members, product text NOT NULL, created_at timestamptz NOT NULL)",
		"CREATE INDEX ON pos.wishes (member_id)",
		register.LedgerDDL("pos"),
		"CREATE ROLE " + role + " LOGIN",
		"GRANT USAGE ON SCHEMA pos TO " + role,
		"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pos TO " + role,
	} {
		if _, err := owner.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	t.Cleanup(func() {
		owner.Exec("DROP OWNED BY " + role)
		owner.Exec("DROP ROLE " + role)
	})
	u, _ := url.Parse(ownerURL)
	u.User = url.User(role)
	t.Setenv("DSR_TEST_KASSA_URL", u.String())
	return owner
}

// A system in a database of its own, described by one dataset file and
// reached by the PostgreSQL connector as a least-privileged role: access,
// rectification, restriction and erasure act on it as on the others, and a
// crash between its commit and the engine's does not repeat the erasure.
func TestASystemInADatabaseOfItsOwn(t *testing.T) {
	a, st, number := fixture(t)
	ctx := context.Background()
	owner := kassa(t)
	var member int64
	if err := owner.QueryRowContext(ctx, "INSERT INTO pos.members (personnummer, email, name, street, joined_at) VALUES ($1, $2, 'Åsa Öberg', 'Storgatan 1', '2019-04-01') RETURNING id",
		pnr, email).Scan(&member); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"INSERT INTO pos.receipts (member_id, amount_sek, bought_at) VALUES ($1, 349, '2025-09-01')",
		"INSERT INTO pos.wishes (member_id, product, created_at) VALUES ($1, 'Solkräm', '2026-05-01')",
		"INSERT INTO pos.wishes (member_id, product, created_at) VALUES ($1, 'Hårolja', '2026-06-01')",
	} {
		if _, err := owner.ExecContext(ctx, q, member); err != nil {
			t.Fatal(err)
		}
	}
	// Someone else, who must stay as they are.
	if _, err := owner.ExecContext(ctx, "INSERT INTO pos.members (personnummer, email, name, joined_at) VALUES ('205001019876', 'annan@example.se', 'Annan Person', '2020-01-01')"); err != nil {
		t.Fatal(err)
	}
	set := st.Register().Datasets()
	extra, err := dataset.Parse("06-kassa.yaml", []byte(kassaDataset))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Register().UseDatasets(context.Background(), append(set, extra)); err != nil {
		t.Fatal(err)
	}
	findings, err := st.Register().Inspect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if f.Error || strings.Contains(f.What, "pos") {
			t.Errorf("the check of the club's dataset: %s", f)
		}
	}

	res, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Access})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Systems["kassa"]; got != "4 rows exported" {
		t.Errorf("access in the club: %q, want 4 rows exported", got)
	}
	res, err = a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Rectification,
		Corrections: []activities.Correction{{System: "kassa", Field: "street", Value: "Nygatan 2"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 1 || res.Changes[0].System != "kassa" || res.Changes[0].Old != "Storgatan 1" {
		t.Errorf("rectification in the club: %+v", res.Changes)
	}
	if _, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Restriction}); err != nil {
		t.Fatal(err)
	}
	one := func(q string, args ...any) string {
		t.Helper()
		var v sql.NullString
		if err := owner.QueryRowContext(ctx, q, args...).Scan(&v); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return v.String
	}
	if got := one("SELECT street || ' ' || (restricted_at IS NOT NULL) FROM pos.members WHERE id = $1", member); got != "Nygatan 2 true" {
		t.Errorf("the member after rectification and restriction: %q", got)
	}

	// The engine's commit fails once, after the club's has been made: the
	// erasure is recorded in the club's ledger, not in the engine's.
	dsr := storetest.SQL(t, st)
	if _, err := dsr.ExecContext(ctx, `CREATE FUNCTION fail_once() RETURNS trigger AS $$ BEGIN
		IF NEW.system = 'kassa' AND NEW.right_name = 'erasure' THEN RAISE EXCEPTION 'the engine crashed'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`); err != nil {
		t.Fatal(err)
	}
	if _, err := dsr.ExecContext(ctx, "CREATE TRIGGER fail_once BEFORE INSERT ON fulfilment_actions FOR EACH ROW EXECUTE FUNCTION fail_once()"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Erasure}); err == nil || !strings.Contains(err.Error(), "the engine crashed") {
		t.Fatalf("the erasure with the engine's commit failing: %v", err)
	}
	if got := one("SELECT count(*)::text FROM pos.wishes WHERE member_id = $1", member); got != "0" {
		t.Fatalf("the club's erasure did not commit on its own: %s wishes left", got)
	}
	if _, err := dsr.ExecContext(ctx, "DROP TRIGGER fail_once ON fulfilment_actions"); err != nil {
		t.Fatal(err)
	}
	res, err = a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Erasure})
	if err != nil {
		t.Fatal(err)
	}
	// Done again, it would have found nothing left to erase.
	if got := res.Systems["kassa"]; got != "2 rows erased, 1 kept by law" {
		t.Errorf("the erasure after the crash: %q, want the first attempt's record, 2 rows erased, 1 kept by law", got)
	}
	if got := one("SELECT count(*)::text FROM pos.dsr_fulfilment WHERE key = $1", number+"/erasure/kassa"); got != "1" {
		t.Errorf("the club's ledger holds %s rows for the erasure", got)
	}
	if got := one("SELECT personnummer || '|' || name || '|' || (anonymised_at IS NOT NULL) || '|' || erased_case FROM pos.members WHERE id = $1", member); got != "||true|"+number {
		t.Errorf("the member kept for the receipt: %q, want anonymised by the case", got)
	}
	if got := one("SELECT count(*)::text FROM pos.receipts WHERE member_id = $1", member); got != "1" {
		t.Errorf("the receipt kept by law: %s rows", got)
	}
	if got := one("SELECT name FROM pos.members WHERE personnummer = '205001019876'"); got != "Annan Person" {
		t.Errorf("someone else's row changed: %q", got)
	}
	var scheduled int
	if err := dsr.NewRaw("SELECT count(*) FROM scheduled_deletions WHERE case_number = ? AND system = 'kassa'", number).Scan(ctx, &scheduled); err != nil || scheduled != 1 {
		t.Errorf("the receipt kept is scheduled for deletion %d times (%v), want once", scheduled, err)
	}
}
