package register

import (
	"context"
	"fmt"
	"github.com/harmoniq/dsr/internal/dataset"
	"math/rand/v2"
	"regexp"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Customer is one synthetic customer, as Seed made it.
type Customer struct {
	Personnummer string
	Name         string
	Email        string
}

var (
	firstNames = []string{"Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Per", "Lena", "Olof", "Eva", "Nils", "Ingrid", "Oskar", "Åsa", "Björn"}
	lastNames  = []string{"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Öberg", "Lindström"}
	streets    = []string{"Storgatan", "Kungsgatan", "Drottninggatan", "Vasagatan", "Skolgatan", "Kyrkogatan", "Ängsvägen", "Björkvägen"}
	towns      = []struct{ code, city string }{{"722 10", "Västerås"}, {"111 22", "Stockholm"}, {"411 05", "Göteborg"}, {"211 19", "Malmö"}, {"753 10", "Uppsala"}}
	products   = []string{"Ansiktsserum", "Dagkräm", "Schampo", "Balsam", "Mascara", "Läppstift", "Hårinpackning", "Solskydd"}
	stores     = []string{"Västerås City", "Stockholm Sergel", "Göteborg Nordstan", "Malmö Triangeln"}
	treatments = []string{"Ansiktsbehandling", "Klassisk massage", "Fransförlängning", "Manikyr", "Hudanalys"}
)

// TestPersonnummer returns a formally valid personnummer (date, Luhn) that
// no person has: its date of birth lies in 2050-2099. Seeded registers use
// only such numbers, never a real one.
func TestPersonnummer(rng *rand.Rand) string {
	y := 2050 + rng.IntN(50)
	m, d := 1+rng.IntN(12), 1+rng.IntN(28)
	nine := fmt.Sprintf("%02d%02d%02d%03d", y%100, m, d, rng.IntN(1000))
	sum := 0
	for i, r := range nine {
		v := int(r - '0')
		if i%2 == 0 {
			if v *= 2; v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return fmt.Sprintf("%02d%s%d", y/100, nine, (10-sum%10)%10)
}

// TestPersonnummerFor returns a fixed test personnummer for i, born in
// 2050-2099:
// formally valid and nobody's.
func TestPersonnummerFor(i int) string {
	return TestPersonnummer(rand.New(rand.NewPCG(uint64(i), 2099)))
}

// Seed creates n synthetic customers with realistic histories across the
// systems, from a seeded random source so a run can be repeated. Rows are
// gathered per table with ids given here and written in multi-row INSERTs,
// a transaction per thousand customers: 100,000 customers are some two
// million rows.
func (r *Register) Seed(ctx context.Context, n int, seed uint64, now time.Time) ([]Customer, error) {
	if err := r.CreateDemoSystems(ctx); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]Customer, 0, n)
	const batch = 1000
	for start := 0; start < n; start += batch {
		err := r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			b, err := r.newBulk(ctx, tx)
			if err != nil {
				return err
			}
			for i := start; i < min(start+batch, n); i++ {
				c := Customer{Personnummer: TestPersonnummer(rng), Name: pick(rng, firstNames) + " " + pick(rng, lastNames),
					Email: fmt.Sprintf("kund%d@example.se", i)}
				b.person(rng, c, i, now, true)
				out = append(out, c)
			}
			return b.flush(ctx)
		})
		if err != nil {
			return out, fmt.Errorf("seed customers: %w", err)
		}
	}
	return out, nil
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// DemoCustomers are the senders of the demo mail of `dsr dev --demo`, so
// their requests find them in the register. The personnummer are published
// test numbers.
var DemoCustomers = []Customer{
	{Personnummer: "199007042386", Name: "Anna Svensson", Email: "anna.svensson@example.se"},
	{Personnummer: "201311122384", Name: "Erik Johansson", Email: "erik.johansson@example.se"},
	{Name: "Sarah Miller", Email: "sarah.miller@example.com"},
}

// CreateDemoSystems creates Harmoniq's demo systems where they are missing:
// their schemas beside the engine's own tables (PostgreSQL), or their
// tables in their files beside the engine's (SQLite), which its migrations
// leave alone. Done again, it changes nothing. It needs the right to create
// schemas: the database's owner.
func (r *Register) CreateDemoSystems(ctx context.Context) error {
	dialect := "sqlite"
	if r.postgres {
		dialect = "postgres"
	}
	ddl, err := dataset.HarmoniqSchema(dialect)
	if err != nil {
		return err
	}
	// A database whose demo systems an older engine's migrations made
	// lacks the columns added since; CREATE TABLE IF NOT EXISTS leaves
	// such a table as it is, so they are added first.
	for _, c := range addedColumns {
		if err := r.addColumn(ctx, c.system, c.table, c.column, c.sqlType); err != nil {
			return fmt.Errorf("create Harmoniq's demo systems: %w", err)
		}
	}
	if _, err := r.db.DB.ExecContext(ctx, ddl); err != nil {
		return fmt.Errorf("create Harmoniq's demo systems: %w", err)
	}
	if !r.postgres {
		if err := r.moveOldDemoTables(ctx, ddl); err != nil {
			return fmt.Errorf("move Harmoniq's demo systems into files of their own: %w", err)
		}
	}
	return nil
}

// created finds the tables a schema file creates, in its order: parents
// before the children that refer to them.
var created = regexp.MustCompile(`(?m)^CREATE TABLE IF NOT EXISTS (\w+)\.(\w+) \(`)

// moveOldDemoTables moves the rows of the demo systems an older engine
// kept as prefixed tables in its own SQLite file (webshop_customers) into
// the systems' files, and drops the old tables. A move cut short is taken
// up again: rows already moved are not copied twice.
func (r *Register) moveOldDemoTables(ctx context.Context, ddl string) error {
	type pair struct{ system, table string }
	var old []pair
	for _, m := range created.FindAllStringSubmatch(ddl, -1) {
		var n int
		if err := r.db.NewRaw("SELECT count(*) FROM main.sqlite_master WHERE type = 'table' AND name = ?", m[1]+"_"+m[2]).Scan(ctx, &n); err != nil {
			return err
		}
		if n > 0 {
			old = append(old, pair{m[1], m[2]})
		}
	}
	if len(old) == 0 {
		return nil
	}
	return r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for _, p := range old {
			var cols []string
			if err := tx.NewRaw("SELECT o.name FROM pragma_table_info(?, 'main') o JOIN pragma_table_info(?, ?) n ON n.name = o.name ORDER BY o.cid",
				p.system+"_"+p.table, p.table, p.system).Scan(ctx, &cols); err != nil {
				return err
			}
			list := strings.Join(cols, ", ")
			if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO "+r.table(p.system, p.table)+" ("+list+") SELECT "+list+" FROM main."+p.system+"_"+p.table); err != nil {
				return fmt.Errorf("%s.%s: %w", p.system, p.table, err)
			}
		}
		for i := len(old) - 1; i >= 0; i-- {
			if _, err := tx.ExecContext(ctx, "DROP TABLE main."+old[i].system+"_"+old[i].table); err != nil {
				return err
			}
		}
		return nil
	})
}

// addedColumns are the demo systems' columns added after the engine's
// migrations stopped making their tables.
var addedColumns = []struct{ system, table, column, sqlType string }{
	{"webshop", "customers", "ended_at", "timestamp"}, {"butik", "customers", "ended_at", "timestamp"},
	{"behandling", "clients", "ended_at", "timestamp"},
}

// addColumn adds a column to a demo system's table that exists without it.
func (r *Register) addColumn(ctx context.Context, system, table, column, sqlType string) error {
	var have, cols int
	if r.postgres {
		if err := r.db.NewRaw("SELECT count(*), count(*) FILTER (WHERE column_name = ?) FROM information_schema.columns WHERE table_schema = ? AND table_name = ?",
			column, system, table).Scan(ctx, &cols, &have); err != nil {
			return err
		}
		sqlType += "tz"
	} else if err := r.db.NewRaw("SELECT count(*), coalesce(sum(name = ?), 0) FROM pragma_table_info(?, ?)", column, table, system).Scan(ctx, &cols, &have); err != nil {
		return err
	}
	if cols == 0 || have > 0 {
		return nil // no such table yet, or the column is there
	}
	_, err := r.db.ExecContext(ctx, "ALTER TABLE "+r.table(system, table)+" ADD COLUMN "+column+" "+sqlType)
	return err
}

// SeedPeople creates the given people with realistic histories.
func (r *Register) SeedPeople(ctx context.Context, people []Customer, seed uint64, now time.Time) error {
	if err := r.CreateDemoSystems(ctx); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	return r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		b, err := r.newBulk(ctx, tx)
		if err != nil {
			return err
		}
		for i, c := range people {
			b.person(rng, c, 1_000_000+i, now, false)
		}
		return b.flush(ctx)
	})
}

// person adds a customer's rows in the systems, the random draws in a fixed
// order so that a seed gives the same register. mayEnd lets the customer
// be one who has left (the people a demo names never have).
func (b *bulk) person(rng *rand.Rand, c Customer, i int, now time.Time, mayEnd bool) {
	town := pick(rng, towns)
	street := fmt.Sprintf("%s %d", pick(rng, streets), 1+rng.IntN(80))
	phone := fmt.Sprintf("070-%07d", rng.IntN(10000000))
	since := now.AddDate(-1-rng.IntN(9), -rng.IntN(12), 0)
	insert := b.add
	person := map[string]any{"personnummer": c.Personnummer, "name": c.Name, "street": street, "postal_code": town.code,
		"city": town.city, "email": c.Email, "phone": phone, "created_at": since}
	when := func() time.Time { return since.Add(time.Duration(rng.Int64N(int64(now.Sub(since))))) }
	// What the tables added later hold is drawn apart, by the person's
	// number, so that a seed still gives every earlier table the same rows.
	more := rand.New(rand.NewPCG(uint64(i), 0x6b756e64736572))
	person["ended_at"] = nil
	if more.IntN(10) == 0 && mayEnd { // some have left: an account closed, a membership ended
		if end := now.AddDate(0, -more.IntN(36), -more.IntN(28)); end.After(since) {
			person["ended_at"] = end
		}
	}

	if rng.IntN(10) < 8 { // most customers shop on harmoniq.se
		id := insert("webshop", "customers", person)
		for range 1 + rng.IntN(6) {
			at := when()
			order := insert("webshop", "orders", map[string]any{"customer_id": id, "placed_at": at, "total_sek": 0})
			for range 1 + rng.IntN(3) {
				insert("webshop", "order_lines", map[string]any{"order_id": order, "product": pick(rng, products),
					"quantity": 1 + rng.IntN(3), "price_sek": 99 + rng.IntN(500)})
			}
			if rng.IntN(3) == 0 {
				insert("webshop", "invoices", map[string]any{"order_id": order, "invoice_number": fmt.Sprintf("F%d-%d", i, order),
					"issued_at": at.Add(time.Hour), "amount_sek": 99 + rng.IntN(1500), "paid_at": at.AddDate(0, 0, 20)})
			}
		}
		if more.IntN(2) == 0 {
			insert("webshop", "cookie_choices", map[string]any{"customer_id": id, "analytics": more.IntN(2) == 0, "marketing": more.IntN(3) == 0,
				"chosen_at": now.AddDate(0, -more.IntN(20), 0)})
		}
		if rng.IntN(2) == 0 {
			insert("webshop", "analyses", map[string]any{"customer_id": id, "kind": pick(rng, []string{"skin", "hair", "makeup"}),
				"result": "Torr hy, känslig; rekommenderar fuktgivande serum", "created_at": when()})
		}
	}
	if rng.IntN(2) == 0 {
		id := insert("butik", "customers", person)
		for range 1 + rng.IntN(4) {
			insert("butik", "purchases", map[string]any{"customer_id": id, "store": pick(rng, stores),
				"receipt_number": fmt.Sprintf("K%d-%d", i, rng.IntN(1e6)), "purchased_at": when(), "amount_sek": 50 + rng.IntN(900)})
		}
	}
	if rng.IntN(3) == 0 {
		id := insert("behandling", "clients", person)
		for range more.IntN(3) {
			insert("behandling", "purchases", map[string]any{"client_id": id, "product": pick(more, products),
				"amount_sek": 95 + more.IntN(600), "purchased_at": since.Add(time.Duration(more.Int64N(int64(now.Sub(since)))))})
		}
		for range 1 + rng.IntN(3) {
			t := insert("behandling", "treatments", map[string]any{"client_id": id, "treatment": pick(rng, treatments),
				"therapist": pick(rng, firstNames), "performed_at": when(), "price_sek": 495 + rng.IntN(1000)})
			insert("behandling", "recipes", map[string]any{"treatment_id": t, "content": "Enzympeeling, mask 10 min, serum"})
		}
		for _, tc := range [][2]string{{"conversation_notes", "note"}, {"recommendations", "recommendation"}, {"interests", "product"}} {
			insert("behandling", tc[0], map[string]any{"client_id": id, tc[1]: "Gillar doftfria produkter", "created_at": when()})
		}
	}
	for _, ch := range Channels {
		if rng.IntN(2) == 0 {
			insert("marketing", "consents", map[string]any{"personnummer": c.Personnummer, "email": c.Email,
				"channel": ch, "granted": true, "updated_at": since})
		}
	}
	if more.IntN(3) == 0 { // some have called, chatted or written to kundservice
		at := now.AddDate(0, -more.IntN(30), -more.IntN(28))
		id := insert("kundservice", "contacts", map[string]any{"personnummer": c.Personnummer, "name": c.Name, "email": c.Email,
			"phone": phone, "created_at": at})
		for range 1 + more.IntN(3) {
			ch := pick(more, []string{"phone", "chat", "email"})
			insert("kundservice", "conversations", map[string]any{"contact_id": id, "channel": ch, "subject": pick(more, serviceSubjects),
				"transcript": "Kunden undrade över leveransen; vi skickade ett nytt spårningsnummer.", "started_at": at})
		}
		if more.IntN(2) == 0 {
			insert("kundservice", "notes", map[string]any{"contact_id": id, "note": "Vill bli kontaktad via e-post, inte telefon", "created_at": at})
		}
	}
}

// serviceSubjects are what people contact kundservice about.
var serviceSubjects = []string{"Leverans", "Retur", "Bokning av behandling", "Faktura", "Presentkort"}
