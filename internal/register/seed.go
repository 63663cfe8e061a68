package register

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
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
// systems, from a seeded random source so a run can be repeated. It inserts
// in batches within transactions, fast enough for 100 000 customers.
func (r *Register) Seed(ctx context.Context, n int, seed uint64, now time.Time) ([]Customer, error) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]Customer, 0, n)
	const batch = 500
	for start := 0; start < n; start += batch {
		err := r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			for i := start; i < min(start+batch, n); i++ {
				c, err := r.seedOne(ctx, tx, rng, i, now)
				if err != nil {
					return err
				}
				out = append(out, c)
			}
			return nil
		})
		if err != nil {
			return out, fmt.Errorf("seed customers: %w", err)
		}
	}
	return out, nil
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

func (r *Register) seedOne(ctx context.Context, tx bun.Tx, rng *rand.Rand, i int, now time.Time) (Customer, error) {
	c := Customer{Personnummer: TestPersonnummer(rng), Name: pick(rng, firstNames) + " " + pick(rng, lastNames),
		Email: fmt.Sprintf("kund%d@example.se", i)}
	return c, r.seedPerson(ctx, tx, rng, c, i, now)
}

// DemoCustomers are the senders of the demo mail of `dsr dev --demo`, so
// their requests find them in the register. The personnummer are published
// test numbers.
var DemoCustomers = []Customer{
	{Personnummer: "199007042386", Name: "Anna Svensson", Email: "anna.svensson@example.se"},
	{Personnummer: "201311122384", Name: "Erik Johansson", Email: "erik.johansson@example.se"},
	{Name: "Sarah Miller", Email: "sarah.miller@example.com"},
}

// SeedPeople creates the given people with realistic histories.
func (r *Register) SeedPeople(ctx context.Context, people []Customer, seed uint64, now time.Time) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	return r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for i, c := range people {
			if err := r.seedPerson(ctx, tx, rng, c, 1_000_000+i, now); err != nil {
				return fmt.Errorf("seed %d: %w", i, err)
			}
		}
		return nil
	})
}

func (r *Register) seedPerson(ctx context.Context, tx bun.Tx, rng *rand.Rand, c Customer, i int, now time.Time) error {
	town := pick(rng, towns)
	street := fmt.Sprintf("%s %d", pick(rng, streets), 1+rng.IntN(80))
	phone := fmt.Sprintf("070-%07d", rng.IntN(10000000))
	since := now.AddDate(-1-rng.IntN(9), -rng.IntN(12), 0)
	insert := func(system, table string, values map[string]any) (int64, error) {
		cols := make([]string, 0, len(values))
		for k := range values {
			cols = append(cols, k)
		}
		sort.Strings(cols)
		args := make([]any, len(cols))
		for i, k := range cols {
			args[i] = values[k]
		}
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")
		var id int64
		err := tx.NewRaw("INSERT INTO "+r.table(system, table)+" ("+strings.Join(cols, ", ")+") VALUES ("+marks+") RETURNING id", args...).Scan(ctx, &id)
		return id, err
	}
	person := map[string]any{"personnummer": c.Personnummer, "name": c.Name, "street": street, "postal_code": town.code,
		"city": town.city, "email": c.Email, "phone": phone, "created_at": since}
	when := func() time.Time { return since.Add(time.Duration(rng.Int64N(int64(now.Sub(since))))) }

	if rng.IntN(10) < 8 { // most customers shop on harmoniq.se
		id, err := insert("webshop", "customers", person)
		if err != nil {
			return err
		}
		for range 1 + rng.IntN(6) {
			at := when()
			order, err := insert("webshop", "orders", map[string]any{"customer_id": id, "placed_at": at, "total_sek": 0})
			if err != nil {
				return err
			}
			for range 1 + rng.IntN(3) {
				if _, err := insert("webshop", "order_lines", map[string]any{"order_id": order, "product": pick(rng, products),
					"quantity": 1 + rng.IntN(3), "price_sek": 99 + rng.IntN(500)}); err != nil {
					return err
				}
			}
			if rng.IntN(3) == 0 {
				if _, err := insert("webshop", "invoices", map[string]any{"order_id": order, "invoice_number": fmt.Sprintf("F%d-%d", i, order),
					"issued_at": at.Add(time.Hour), "amount_sek": 99 + rng.IntN(1500), "paid_at": at.AddDate(0, 0, 20)}); err != nil {
					return err
				}
			}
		}
		if rng.IntN(2) == 0 {
			if _, err := insert("webshop", "analyses", map[string]any{"customer_id": id, "kind": pick(rng, []string{"skin", "hair", "makeup"}),
				"result": "Torr hy, känslig; rekommenderar fuktgivande serum", "created_at": when()}); err != nil {
				return err
			}
		}
	}
	if rng.IntN(2) == 0 {
		id, err := insert("butik", "customers", person)
		if err != nil {
			return err
		}
		for range 1 + rng.IntN(4) {
			if _, err := insert("butik", "purchases", map[string]any{"customer_id": id, "store": pick(rng, stores),
				"receipt_number": fmt.Sprintf("K%d-%d", i, rng.IntN(1e6)), "purchased_at": when(), "amount_sek": 50 + rng.IntN(900)}); err != nil {
				return err
			}
		}
	}
	if rng.IntN(3) == 0 {
		id, err := insert("behandling", "clients", person)
		if err != nil {
			return err
		}
		for range 1 + rng.IntN(3) {
			t, err := insert("behandling", "treatments", map[string]any{"client_id": id, "treatment": pick(rng, treatments),
				"therapist": pick(rng, firstNames), "performed_at": when(), "price_sek": 495 + rng.IntN(1000)})
			if err != nil {
				return err
			}
			if _, err := insert("behandling", "recipes", map[string]any{"treatment_id": t, "content": "Enzympeeling, mask 10 min, serum"}); err != nil {
				return err
			}
		}
		for _, tc := range [][2]string{{"conversation_notes", "note"}, {"recommendations", "recommendation"}, {"interests", "product"}} {
			if _, err := insert("behandling", tc[0], map[string]any{"client_id": id, tc[1]: "Gillar doftfria produkter", "created_at": when()}); err != nil {
				return err
			}
		}
	}
	for _, ch := range Channels {
		if rng.IntN(2) == 0 {
			if _, err := insert("marketing", "consents", map[string]any{"personnummer": c.Personnummer, "email": c.Email,
				"channel": ch, "granted": true, "updated_at": since}); err != nil {
				return err
			}
		}
	}
	return nil
}
