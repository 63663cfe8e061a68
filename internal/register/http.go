package register

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/harmoniq/dsr/internal/dataset"
)

// A system behind an HTTP API (connection kind http) is asked to act on
// the person by a POST to URL/dsr/OPERATION, with a JSON body, and answers
// with JSON. Each request is signed: X-DSR-Timestamp is the Unix time and
// X-DSR-Signature "sha256=" and the hex HMAC-SHA256, under the shared key,
// of the timestamp, a dot and the body. A change carries an Idempotency-Key
// (case/right/system): the system carries out a key once and answers a
// repeat with the answer it gave, so a retry after a crash is no second
// change. The README states the operations and their answers.

// httpSubject is the person, by the keys the case has.
type httpSubject struct {
	Personnummer string `json:"personnummer,omitempty"`
	Email        string `json:"email,omitempty"`
}

// httpErase asks the system to erase the person's rows of Tables, and
// the person's own row when Person is set (or to keep it, stripped, when
// kept rows need it), applying its retention for what the law keeps.
type httpErase struct {
	Subject    httpSubject `json:"subject"`
	Tables     []string    `json:"tables"`
	Person     bool        `json:"person"`
	CaseNumber string      `json:"case_number"`
}

type httpErased struct {
	Erased map[string]int `json:"erased"` // rows by table
	Kept   []struct {
		Table string `json:"table"`
		Rows  int    `json:"rows"`
		Until string `json:"until"` // YYYY-MM-DD
	} `json:"kept"`
	Anonymised bool `json:"anonymised"`
}

// ctxKey carries the idempotency key Once gives a change.
type ctxKey struct{}

func (s *System) viaHTTP() bool { return s.ds.Connection.Kind == dataset.ConnHTTP }

// bySQL reports whether the engine reaches the system's tables itself:
// not one behind an API, nor one staff work in by hand.
func (s *System) bySQL() bool { return !s.viaHTTP() && !s.Manual() }

// httpClient bounds a call; the retries are the connector's own.
var httpClient = &http.Client{Timeout: 30 * time.Second}

// maxAnswer bounds what a system may answer.
const maxAnswer = 16 << 20

// call posts body to the operation and decodes the answer into out. A
// failure of the network or of the system (5xx) is tried three times; an
// answer that refuses the request (4xx) is an error at once, with what the
// system said (bounded).
func (s *System) call(ctx context.Context, op string, body, out any) error {
	base, err := secret(s.ds.Connection.URLEnv)
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	key, err := secret(s.ds.Connection.SecretEnv)
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	var last error
	for attempt := range 3 {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Duration(attempt) * 300 * time.Millisecond):
			}
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(base, "/")+"/dsr/"+op, bytes.NewReader(b))
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		mac := hmac.New(sha256.New, []byte(key))
		mac.Write([]byte(ts + "."))
		mac.Write(b)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-DSR-Timestamp", ts)
		req.Header.Set("X-DSR-Signature", "sha256="+hex.EncodeToString(mac.Sum(nil)))
		if k, ok := ctx.Value(ctxKey{}).(string); ok {
			req.Header.Set("Idempotency-Key", k)
		}
		resp, err := httpClient.Do(req)
		if err != nil {
			last = err
			continue
		}
		answer, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer+1))
		resp.Body.Close()
		switch {
		case err != nil:
			last = err
			continue
		case resp.StatusCode >= 500:
			last = fmt.Errorf("%s answered %s", op, resp.Status)
			continue
		case resp.StatusCode >= 300:
			return fmt.Errorf("%s: %s was refused (%s): %s", s.name, op, resp.Status, said(answer))
		case len(answer) > maxAnswer:
			return fmt.Errorf("%s: the answer to %s is over %d bytes", s.name, op, maxAnswer)
		}
		if err := json.Unmarshal(answer, out); err != nil {
			return fmt.Errorf("%s: the answer to %s is not what the contract says: %w", s.name, op, err)
		}
		return nil
	}
	return fmt.Errorf("%s: %s: %w", s.name, op, last)
}

// said is the start of what a system said, printable.
func said(b []byte) string {
	if len(b) > 300 {
		b = b[:300]
	}
	if !utf8.Valid(b) {
		return fmt.Sprintf("(%d bytes, not text)", len(b))
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, string(b))
}

func subjectOf(subj Subject) httpSubject {
	return httpSubject{Personnummer: subj.Personnummer, Email: subj.Email}
}

func (s *System) httpHolds(ctx context.Context, subj Subject) (bool, error) {
	if subj.Personnummer == "" && subj.Email == "" {
		return false, nil
	}
	var out struct {
		Holds bool `json:"holds"`
	}
	err := s.call(ctx, "holds", struct {
		Subject httpSubject `json:"subject"`
	}{subjectOf(subj)}, &out)
	return out.Holds, err
}

func (s *System) httpExport(ctx context.Context, subj Subject, records []Record, scope Scope) ([]Table, error) {
	var out struct {
		Tables map[string][]map[string]any `json:"tables"`
	}
	if err := s.call(ctx, "export", struct {
		Subject httpSubject `json:"subject"`
	}{subjectOf(subj)}, &out); err != nil {
		return nil, err
	}
	var tables []Table
	for _, t := range s.ds.Tables {
		rows := out.Tables[t.Name]
		if len(rows) == 0 {
			continue
		}
		rec, err := recordFor(records, s.name, t.Name)
		if err != nil {
			return nil, err
		}
		if !scope.Covers(rec) {
			continue
		}
		for _, row := range rows {
			normalise(row)
		}
		tables = append(tables, Table{System: s.name, Table: t.Name, Category: rec.Category, Rows: rows, Columns: columns(t)})
	}
	for name := range out.Tables {
		if s.ds.Table(name) == nil {
			return nil, fmt.Errorf("%s: the export has a table %s its dataset does not declare", s.name, said([]byte(name)))
		}
	}
	return tables, nil
}

// httpEraseTables erases the person's rows of the tables match selects,
// and the person row when person is set, and says what was done by
// category.
func (s *System) httpEraseTables(ctx context.Context, subj Subject, records []Record, match func(Record) bool, person bool, caseNumber string) (Erasure, error) {
	res := Erasure{System: s.name, Erased: map[string]int{}}
	req := httpErase{Subject: subjectOf(subj), Person: person, CaseNumber: caseNumber}
	for _, t := range s.ds.Tables {
		rec, err := recordFor(records, s.name, t.Name)
		if err != nil {
			return res, err
		}
		if t.Person {
			continue
		}
		if match(rec) {
			req.Tables = append(req.Tables, t.Name)
		}
	}
	if len(req.Tables) == 0 && !person {
		return res, nil
	}
	var out httpErased
	if err := s.call(ctx, "erase", req, &out); err != nil {
		return res, err
	}
	for table, n := range out.Erased {
		if s.ds.Table(table) == nil {
			return res, fmt.Errorf("%s: the answer erased a table %s its dataset does not declare", s.name, said([]byte(table)))
		}
		rec, _ := recordFor(records, s.name, table)
		if n > 0 {
			res.Erased[rec.Category] += n
		}
	}
	for _, k := range out.Kept {
		rec, err := recordFor(records, s.name, k.Table)
		if err != nil {
			return res, fmt.Errorf("%s: the answer kept %s: %w", s.name, said([]byte(k.Table)), err)
		}
		until, err := time.Parse(time.DateOnly, k.Until)
		if err != nil {
			return res, fmt.Errorf("%s: the answer keeps %s until %q, not a date", s.name, k.Table, said([]byte(k.Until)))
		}
		res.Kept = mergeKept(res.Kept, Kept{System: s.name, Category: rec.Category, Rows: k.Rows, Reason: rec.LegalBasis + ": " + rec.Retention, Until: until})
	}
	res.Anonymised = out.Anonymised
	return res, nil
}

func (s *System) httpRectify(ctx context.Context, subj Subject, field, value string) ([]Change, error) {
	var out struct {
		Changes []struct {
			Old string `json:"old"`
			New string `json:"new"`
		} `json:"changes"`
	}
	err := s.call(ctx, "rectify", struct {
		Subject httpSubject `json:"subject"`
		Field   string      `json:"field"`
		Value   string      `json:"value"`
	}{subjectOf(subj), field, value}, &out)
	var changes []Change
	for _, c := range out.Changes {
		changes = append(changes, Change{System: s.name, Field: field, Old: c.Old, New: c.New})
	}
	return changes, err
}

func (s *System) httpRestrict(ctx context.Context, subj Subject, on bool) (int, error) {
	var out struct {
		Changed int `json:"changed"`
	}
	err := s.call(ctx, "restrict", struct {
		Subject httpSubject `json:"subject"`
		On      bool        `json:"on"`
	}{subjectOf(subj), on}, &out)
	return out.Changed, err
}

// errHTTPCheck is what a system answering the check wrongly said.
var errHTTPCheck = errors.New("the system's answer to a request about no one is not {\"holds\": false}")

// httpCheck asks the system about no one, signed: it must answer that it
// holds nothing.
func (s *System) httpCheck(ctx context.Context) error {
	var out struct {
		Holds *bool `json:"holds"`
	}
	if err := s.call(ctx, "holds", struct {
		Subject httpSubject `json:"subject"`
	}{}, &out); err != nil {
		return err
	}
	if out.Holds == nil || *out.Holds {
		return errHTTPCheck
	}
	return nil
}
