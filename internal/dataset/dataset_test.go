package dataset_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/harmoniq/dsr/internal/dataset"
)

func TestHarmoniqsDatasetsLoad(t *testing.T) {
	set, err := dataset.Harmoniq()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range set {
		names = append(names, d.System)
	}
	if got := strings.Join(names, " "); got != "webshop butik behandling kundservice marketing dsr" {
		t.Fatalf("systems: %s", got)
	}
	web := set.System("webshop")
	if p := web.PersonTable(); p == nil || p.Name != "customers" || p.Identity(dataset.IdentPersonnummer) != "personnummer" {
		t.Fatalf("webshop's person table: %+v", p)
	}
	if got := strings.Join(web.PersonTable().Rectifiable(), ","); got != "name,street,postal_code,city,email,phone" {
		t.Errorf("rectifiable: %s", got)
	}
	if r := web.RecordFor("order_lines"); r == nil || r.Category.Sv != "Köp" || r.Retention.Rule != "bookkeeping" {
		t.Errorf("order_lines' record: %+v", r)
	}
	if f := web.Table("orders").Field("placed_at"); f == nil || f.Label.In("en") != "Ordered" || f.Format != dataset.FormatTime {
		t.Errorf("orders.placed_at: %+v", f)
	}
}

// good is a small valid dataset the mistakes below are made in.
const good = `system: shop
title: {sv: Butiken, en: The shop}
model: customer
connection:
  kind: engine
tables:
  - name: customers
    person: true
    dated_by: created_at
    fields:
      - name: id
        format: hidden
      - name: email
        label: {sv: E-post, en: E-mail}
        identifies: email
        rectify: true
      - name: created_at
        label: {sv: Registrerad, en: Recorded}
        format: time
  - name: orders
    parent: customers
    link: customer_id
    fields:
      - name: id
        format: hidden
      - name: customer_id
        format: hidden
records:
  - category: {sv: Kunduppgifter}
    tables: [customers, orders]
    purposes: {sv: Leverera}
    basis: [contract]
    legal_basis: {sv: Avtal}
    retention: {rule: while_customer, sv: Så länge du är kund}
    source: {sv: Du själv}
`

func TestAMistakeInADatasetFileNamesTheFileAndLine(t *testing.T) {
	if _, err := dataset.Parse("shop.yaml", []byte(good)); err != nil {
		t.Fatalf("the good file: %v", err)
	}
	for _, c := range []struct {
		name, from, to, want string
	}{
		{"an unknown key", "    dated_by: created_at\n", "    dated_by: created_at\n    colour: blue\n", "shop.yaml:10: colour is not a key of table"},
		{"a reference that does not resolve", "    parent: customers\n", "    parent: clients\n", "shop.yaml:20: table orders hangs off clients, which this dataset does not declare"},
		{"a link that is not a field", "    link: customer_id\n", "    link: client_id\n", "shop.yaml:20: table orders: link names client_id, which is not among its fields"},
		{"a missing identity field", "        identifies: email\n", "", "shop.yaml:7: the person table customers has no field that identifies the person"},
		{"a table no record covers", "    tables: [customers, orders]\n", "    tables: [customers]\n", "shop.yaml:20: table orders is covered by no record of processing"},
		{"an unknown retention rule", "rule: while_customer", "rule: forever", `shop.yaml:29: record "Kunduppgifter": retention rule "forever"`},
		{"an unknown legal basis", "basis: [contract]", "basis: [kontrakt]", `shop.yaml:29: record "Kunduppgifter": basis "kontrakt"`},
		{"no legal basis", "    basis: [contract]\n", "", `shop.yaml:29: record "Kunduppgifter" names no legal basis`},
		{"a value of the wrong type", "    person: true\n", "    person: maybe\n", "shop.yaml:8: cannot unmarshal !!str `maybe` into bool"},
		{"a field without a label", "      - name: customer_id\n        format: hidden\n", "      - name: customer_id\n", "shop.yaml:26: field orders.customer_id has no label"},
		{"a name that is no identifier", "  - name: orders\n", "  - name: \"orders; DROP TABLE x\"\n", `shop.yaml:20: table "orders; DROP TABLE x"`},
		{"a connection kind not supported", "  kind: engine\n", "  kind: mysql\n", `shop.yaml:1: connection kind "mysql"`},
		{"a system named as the database's own schema", "system: shop\n", "system: main\n", `shop.yaml:1: system "main": main, temp and public are the databases' own schema names`},
		{"a postgres connection without its variable", "  kind: engine\n", "  kind: postgres\n", "shop.yaml:1: connection kind postgres needs url_env"},
		{"a URL written into the file", "  kind: engine\n", "  kind: postgres\n  url_env: postgres://u:secret@host/db\n", `not "postgres://u:secret@host/db"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(good, c.from) {
				t.Fatalf("the good file has no %q", c.from)
			}
			_, err := dataset.Parse("shop.yaml", []byte(strings.Replace(good, c.from, c.to, 1)))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
		})
	}
}

func TestEveryMistakeOfEveryFileIsReportedAtOnce(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("a.yaml", strings.Replace(good, "    parent: customers\n", "    parent: nobody\n", 1))
	write("b.yaml", strings.Replace(good, "rule: while_customer", "rule: never", 1))
	write("c.yaml", good) // the same system as a and b
	_, err := dataset.Load(dir)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"a.yaml:20: table orders hangs off nobody", `b.yaml:29: record "Kunduppgifter": retention rule "never"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
	write("a.yaml", good)
	write("b.yaml", strings.Replace(good, "system: shop", "system: other", 1))
	if _, err := dataset.Load(dir); err == nil || !strings.Contains(err.Error(), `c.yaml:1: system "shop" is already declared in `+filepath.Join(dir, "a.yaml")) {
		t.Fatalf("a system declared twice: %v", err)
	}
	if _, err := dataset.Load(filepath.Join(dir, "missing")); err == nil {
		t.Fatal("a missing directory loads")
	}
}
