package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/harmoniq/dsr/internal/dataset/datasettest"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

// lineOf is the line of the first occurrence of s in text.
func lineOf(t *testing.T, text, s string) int {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("no %q", s)
	}
	return strings.Count(text[:i], "\n") + 1
}

// A controller checks its dataset files against its live systems before it
// goes live: Harmoniq's files match the demo's database; a copy with a
// column the system lacks, an undeclared column and an identity field
// without an index is refused, each mistake at its file and line.
func TestDatasetsCheckAgainstTheLiveSystems(t *testing.T) {
	for _, pg := range []bool{true, false} {
		t.Run(map[bool]string{true: "on PostgreSQL", false: "on SQLite"}[pg], func(t *testing.T) {
			ctx := context.Background()
			env := map[string]string{"DSR_DATA_DIR": t.TempDir()}
			if pg {
				env["DATABASE_URL"] = storetest.PostgresURL(t)
			}
			if err := run(ctx, []string{"migrate", "--demo-systems"}, mapEnv(env), io.Discard, io.Discard); err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := run(ctx, []string{"datasets", "check"}, mapEnv(env), &out, io.Discard); err != nil {
				t.Fatalf("Harmoniq's datasets: %v\n%s", err, out.String())
			}
			for _, want := range []string{"6 systems", "no errors", "webshop.customers.street", "corrected",
				"behandling.conversation_notes.note", "kept to the end of year 7, restricted"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("the check of Harmoniq's datasets lacks %q:\n%s", want, out.String())
				}
			}

			phone := "      - name: phone\n        label: {sv: \"Telefon\", en: \"Phone\"}\n        identifies: phone\n        rectify: true\n        anonymise: clear\n"
			dir := datasettest.Dir(t, datasettest.Edit{File: "01-webshop.yaml", From: phone, To: "      - name: shoe_size\n        label: {sv: Skostorlek, en: Shoe size}\n"})
			web := filepath.Join(dir, "01-webshop.yaml")
			b, err := os.ReadFile(web)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			st, err := store.Open(ctx, env["DATABASE_URL"], filepath.Join(env["DSR_DATA_DIR"], "dsr.db"))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := storetest.SQL(t, st).ExecContext(ctx, "DROP INDEX webshop.webshop_customers_pnr"); err != nil {
				t.Fatal(err)
			}
			st.Close()
			out.Reset()
			err = run(ctx, []string{"datasets", "check", dir}, mapEnv(env), &out, io.Discard)
			if err == nil || !strings.Contains(err.Error(), "2 errors") {
				t.Fatalf("a wrong dataset passed the check: %v\n%s", err, out.String())
			}
			table := "webshop.customers"
			for _, want := range []string{
				fmt.Sprintf("%s:%d: error: table %s has no column shoe_size", web, lineOf(t, text, "- name: shoe_size"), table),
				fmt.Sprintf("%s:%d: error: %s.personnummer identifies the person but no index leads with personnummer", web, lineOf(t, text, "- name: personnummer"), table),
				fmt.Sprintf("%s:%d: warning: column %s.phone is not declared", web, lineOf(t, text, "- name: customers"), table),
			} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("the check lacks %q:\n%s", want, out.String())
				}
			}
		})
	}
}
