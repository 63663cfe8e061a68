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
	if err := st.Register().UseDatasets(datasettest.Set(t, datasettest.Edit{File: "01-webshop.yaml", From: after,
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
