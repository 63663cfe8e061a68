package activities_test

import (
	"context"
	"strings"
	"testing"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

// On SQLite each demo system is a file of its own beside dsr.db, and a
// transaction over two files commits them one after the other: a crash
// between the two can keep either commit and lose the other. Each way, the
// erasure is carried out once: when the system's file kept its change and
// its ledger row but the engine lost its record, the retry reads the
// system's ledger and changes nothing; when the engine kept its record but
// the system lost the change, the retry makes the change.
func TestASplitCommitIsNeitherRepeatedNorLost(t *testing.T) {
	ctx := context.Background()
	erase := activities.FulfilInput{Right: rights.Erasure}
	t.Run("the system kept its change, the engine lost its record", func(t *testing.T) {
		a, st, number := fixtureOn(t, storetest.SQLite(t))
		in := erase
		in.CaseNumber = number
		if _, err := a.Fulfil(ctx, in); err != nil {
			t.Fatal(err)
		}
		db := storetest.SQL(t, st)
		first := map[string]string{}
		rows, err := db.QueryContext(ctx, "SELECT system, result FROM fulfilment_actions WHERE case_number = ?", number)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var sys, res string
			if err := rows.Scan(&sys, &res); err != nil {
				t.Fatal(err)
			}
			first[sys] = res
		}
		rows.Close()
		if first["webshop"] == "" || first["marketing"] == "" {
			t.Fatalf("the first erasure recorded %v", first)
		}
		// dsr.db's commit is lost: its records of the erasure go, the
		// systems' files keep the change and their ledgers.
		for _, q := range []string{"DELETE FROM fulfilment_actions", "DELETE FROM recipient_notices", "DELETE FROM scheduled_deletions"} {
			if _, err := db.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := a.Fulfil(ctx, in); err != nil {
			t.Fatal(err)
		}
		for sys, want := range first {
			var got string
			if err := db.QueryRowContext(ctx, "SELECT result FROM fulfilment_actions WHERE case_number = ? AND system = ?", number, sys).Scan(&got); err != nil {
				t.Fatalf("%s: %v", sys, err)
			}
			if got != want {
				t.Errorf("%s: the retry recorded\n%s\nnot what the system did\n%s", sys, got, want)
			}
		}
		if n := count(t, st, "SELECT count(*) FROM scheduled_deletions WHERE case_number = ?", number); n == 0 {
			t.Error("the retry did not schedule the deletion of what the erasure kept")
		}
	})

	t.Run("the engine kept its record, the system lost its change", func(t *testing.T) {
		a, st, number := fixtureOn(t, storetest.SQLite(t))
		in := erase
		in.CaseNumber = number
		db := storetest.SQL(t, st)
		// As if dsr.db had committed the engine's record of erasing the
		// web shop's data, and webshop.db had lost the erasure itself.
		if _, err := db.ExecContext(ctx, "INSERT INTO fulfilment_actions (case_number, right_name, system, result, done_at) VALUES (?, 'erasure', 'webshop', '{\"summary\":\"lost\",\"result\":{}}', CURRENT_TIMESTAMP)", number); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Fulfil(ctx, in); err != nil {
			t.Fatal(err)
		}
		if n := count(t, st, "SELECT count(*) FROM webshop.analyses a JOIN webshop.customers c ON c.id = a.customer_id WHERE c.erased_case = ? OR c.personnummer = ?", number, pnr); n != 0 {
			t.Errorf("the web shop still holds %d analyses of the person: the lost erasure was not made", n)
		}
		var got string
		if err := db.QueryRowContext(ctx, "SELECT result FROM fulfilment_actions WHERE case_number = ? AND system = 'webshop'", number).Scan(&got); err != nil || strings.Contains(got, "lost") {
			t.Errorf("the engine's record still says %q (%v), not what the system did", got, err)
		}
		if n := count(t, st, "SELECT count(*) FROM webshop.dsr_fulfilment WHERE key = ?", number+"/erasure/webshop"); n != 1 {
			t.Errorf("webshop.db's ledger has %d rows for the erasure, want 1", n)
		}
	})
}
