package activities_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/dataset"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

const salongDataset = `system: salong
title: {sv: Salongsbokningen, en: The salon booking}
model: customer
connection:
  kind: http
  url_env: DSR_TEST_SALONG_URL
  secret_env: DSR_TEST_SALONG_KEY
tables:
  - name: guests
    person: true
    fields:
      - {name: id, format: hidden}
      - {name: personnummer, label: {sv: Personnummer, en: Personal identity number}, identifies: personnummer, anonymise: clear}
      - {name: phone, label: {sv: Telefon, en: Phone}, identifies: phone, rectify: true, anonymise: clear}
  - name: visits
    parent: guests
    link: guest_id
    dated_by: paid_at
    fields:
      - {name: id, format: hidden}
      - {name: guest_id, format: hidden}
      - {name: service, label: {sv: Tjänst, en: Service}}
      - {name: paid_at, label: {sv: Betald, en: Paid}, format: time}
  - name: notes
    parent: guests
    link: guest_id
    fields:
      - {name: id, format: hidden}
      - {name: guest_id, format: hidden}
      - {name: note, label: {sv: Anteckning, en: Note}}
records:
  - category: {sv: Gästuppgifter}
    tables: [guests]
    purposes: {sv: Bokning}
    basis: [contract]
    legal_basis: {sv: Avtal}
    retention: {rule: while_customer, sv: Så länge du är kund}
    source: {sv: Du själv}
  - category: {sv: Besök}
    tables: [visits]
    purposes: {sv: Bokföring}
    basis: [legal_obligation]
    legal_basis: {sv: Rättslig förpliktelse}
    retention: {rule: bookkeeping, sv: Sju år}
    source: {sv: Dina besök}
  - category: {sv: Salongens anteckningar}
    tables: [notes]
    purposes: {sv: Service}
    basis: [legitimate_interest]
    legal_basis: {sv: Berättigat intresse}
    retention: {rule: while_customer, sv: Så länge du är kund}
    source: {sv: Salongen}
`

// salong is a system behind an HTTP API, as its contract says: it checks
// each request's signature, carries out a change once per idempotency key
// and answers a repeat with its first answer. Its first erase fails with a
// 503, which the connector retries.
type salong struct {
	sync.Mutex
	key      string
	pnr      string
	phone    string
	notes    int
	visits   int
	answers  map[string][]byte
	erasures int // erasures actually carried out
	calls    map[string]int
	failNext bool
}

func (s *salong) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.Lock()
	defer s.Unlock()
	body, _ := io.ReadAll(r.Body)
	mac := hmac.New(sha256.New, []byte(s.key))
	mac.Write([]byte(r.Header.Get("X-DSR-Timestamp") + "."))
	mac.Write(body)
	if !hmac.Equal([]byte(r.Header.Get("X-DSR-Signature")), []byte("sha256="+hex.EncodeToString(mac.Sum(nil)))) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	op := strings.TrimPrefix(r.URL.Path, "/dsr/")
	s.calls[op]++
	key := r.Header.Get("Idempotency-Key")
	if a, ok := s.answers[key]; ok && key != "" {
		w.Write(a)
		return
	}
	var in struct {
		Subject struct{ Personnummer string }
		Tables  []string
		Person  bool
		Field   string
		Value   string
		On      bool
	}
	if err := json.Unmarshal(body, &in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	mine := in.Subject.Personnummer != "" && in.Subject.Personnummer == s.pnr
	var out any
	switch op {
	case "holds":
		out = map[string]bool{"holds": mine}
	case "export":
		tables := map[string][]map[string]any{}
		if mine {
			tables["guests"] = []map[string]any{{"id": 1, "personnummer": s.pnr, "phone": s.phone}}
			for i := range s.visits {
				tables["visits"] = append(tables["visits"], map[string]any{"id": i + 1, "guest_id": 1, "service": "Klippning", "paid_at": "2025-03-01T10:00:00Z"})
			}
			for i := range s.notes {
				tables["notes"] = append(tables["notes"], map[string]any{"id": i + 1, "guest_id": 1, "note": "Vill ha tyst behandling"})
			}
		}
		out = map[string]any{"tables": tables}
	case "rectify":
		old := s.phone
		s.phone = in.Value
		out = map[string]any{"changes": []map[string]string{{"old": old, "new": in.Value}}}
	case "restrict":
		out = map[string]int{"changed": 1}
	case "erase":
		if s.failNext {
			s.failNext = false
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		s.erasures++
		erased := map[string]int{"notes": s.notes}
		s.notes = 0
		out = map[string]any{"erased": erased, "kept": []map[string]any{{"table": "visits", "rows": s.visits, "until": "2032-12-31"}}, "anonymised": true}
		s.pnr = ""
	default:
		http.NotFound(w, r)
		return
	}
	a, _ := json.Marshal(out)
	if key != "" {
		s.answers[key] = a
	}
	w.Write(a)
}

// A system behind an HTTP API, described by one dataset file: each request
// signed, each change carried once per idempotency key, a failing answer
// retried, and a crash between the system's answer and the engine's commit
// not a second erasure.
func TestASystemBehindAnHTTPAPI(t *testing.T) {
	a, st, number := fixture(t)
	ctx := context.Background()
	sys := &salong{key: "delad-hemlighet", pnr: pnr, phone: "070-111", notes: 2, visits: 1, answers: map[string][]byte{}, calls: map[string]int{}, failNext: true}
	srv := httptest.NewServer(sys)
	defer srv.Close()
	t.Setenv("DSR_TEST_SALONG_URL", srv.URL)
	t.Setenv("DSR_TEST_SALONG_KEY", sys.key)
	extra, err := dataset.Parse("06-salong.yaml", []byte(salongDataset))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Register().UseDatasets(context.Background(), append(st.Register().Datasets(), extra)); err != nil {
		t.Fatal(err)
	}
	findings, err := st.Register().Inspect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if f.Error {
			t.Errorf("the check: %s", f)
		}
	}

	res, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Access})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Systems["salong"]; got != "4 rows exported" {
		t.Errorf("access in the salon: %q", got)
	}
	res, err = a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Rectification,
		Corrections: []activities.Correction{{System: "salong", Field: "phone", Value: "070-222"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 1 || res.Changes[0].Old != "070-111" || sys.phone != "070-222" {
		t.Errorf("rectification in the salon: %+v, phone now %s", res.Changes, sys.phone)
	}

	res, err = a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Restriction})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Systems["salong"]; got != "1 records restricted" || sys.calls["restrict"] != 1 {
		t.Errorf("restriction in the salon: %q after %d calls", got, sys.calls["restrict"])
	}

	dsr := storetest.SQL(t, st)
	if _, err := dsr.ExecContext(ctx, `CREATE FUNCTION fail_salong() RETURNS trigger AS $$ BEGIN
		IF NEW.system = 'salong' AND NEW.right_name = 'erasure' THEN RAISE EXCEPTION 'the engine crashed'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`); err != nil {
		t.Fatal(err)
	}
	if _, err := dsr.ExecContext(ctx, "CREATE TRIGGER fail_salong BEFORE INSERT ON fulfilment_actions FOR EACH ROW EXECUTE FUNCTION fail_salong()"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Erasure}); err == nil || !strings.Contains(err.Error(), "the engine crashed") {
		t.Fatalf("the erasure with the engine's commit failing: %v", err)
	}
	if _, err := dsr.ExecContext(ctx, "DROP TRIGGER fail_salong ON fulfilment_actions"); err != nil {
		t.Fatal(err)
	}
	res, err = a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Erasure})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Systems["salong"]; got != "2 rows erased, 1 kept by law" {
		t.Errorf("the erasure after the crash: %q", got)
	}
	if sys.erasures != 1 || sys.calls["erase"] != 3 {
		t.Errorf("the salon carried out %d erasures in %d calls; want 1 in 3 (a 503 retried, then the repeat after the crash answered from its ledger)", sys.erasures, sys.calls["erase"])
	}

	// A wrong key is refused by the system, and says so.
	t.Setenv("DSR_TEST_SALONG_KEY", "fel")
	_, err = a.Fulfil(ctx, activities.FulfilInput{CaseNumber: number, Right: rights.Objection})
	if err == nil || !strings.Contains(err.Error(), "salong: erase was refused (401 Unauthorized): bad signature") {
		t.Errorf("a request with a wrong signature: %v", err)
	}
}
