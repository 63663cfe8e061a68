package activities

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
)

// addFulfilment puts what fulfilment did in the case into the response
// letter: what was erased and kept, the corrections, the confirmations, the
// register extract and the portability file.
func (a *Activities) addFulfilment(ctx context.Context, c *store.Case, content *letter.Content) error {
	acts, err := a.Store.FulfilmentActions(ctx, c.Number)
	if err != nil {
		return err
	}
	if len(acts) == 0 {
		return nil
	}
	// Whom the change was told to (Art. 19), as the notices sent say.
	sent, err := a.Store.Letters(ctx, c.Number)
	if err != nil {
		return err
	}
	for _, l := range sent {
		if strings.HasPrefix(l.Kind, "art19-") && l.Recipient != "" && !slices.Contains(content.Notified, l.Recipient) {
			content.Notified = append(content.Notified, l.Recipient)
		}
	}
	records, err := a.reg().Records(ctx)
	if err != nil {
		return err
	}
	confirmed := map[string]int{} // right -> its place in content.Confirmed
	manualSystems := map[string]bool{}
	for _, s := range a.reg().Systems() {
		manualSystems[s.SystemName()] = s.Manual()
	}
	var portable []register.Table
	var portableAt, exportedAt, changedAt time.Time
	for _, act := range acts {
		var rec recorded
		if err := decodeRecord([]byte(act.Result), &rec); err != nil {
			return fmt.Errorf("fulfilment record %d: %w", act.ID, err)
		}
		result := func(v any) error {
			if err := decodeRecord(rec.Result, v); err != nil {
				return fmt.Errorf("the result of fulfilment record %d (%s in %s): %w", act.ID, act.Right, act.System, err)
			}
			return nil
		}
		if manualSystems[act.System] {
			var m ManualDone
			if err := result(&m); err != nil {
				return err
			}
			on, err := time.Parse(time.DateOnly, m.On)
			if err != nil {
				return fmt.Errorf("the day of fulfilment record %d: %w", act.ID, err)
			}
			content.Manual = append(content.Manual, letter.ManualStep{Right: act.Right, System: act.System, On: on})
			continue
		}
		switch rights.Right(act.Right) {
		case rights.Erasure:
			if changedAt.IsZero() {
				changedAt = act.DoneAt
			}
			if content.Erased == nil {
				content.Erased = []letter.Count{}
			}
			var e register.Erasure
			if err := result(&e); err != nil {
				return err
			}
			content.Erased = append(content.Erased, countsOf(records, e.System, e.Erased, c.Language)...)
			content.NotErased = append(content.NotErased, countsOf(records, e.System, e.Outside, c.Language)...)
			for _, k := range e.Kept {
				item := letter.KeptItem{System: k.System, Category: k.Category, Reason: k.Reason, Rows: k.Rows, Until: k.Until}
				if rec, ok := recordOf(records, k.System, k.Category); ok && c.Language == "en" {
					// The reason erasure recorded, in the letter's language.
					en := rec.In("en")
					item.Category, item.Reason = en.Category, en.LegalBasis+": "+en.Retention
				}
				content.Kept = append(content.Kept, item)
			}
			if e.Anonymised {
				content.Anonymised = append(content.Anonymised, e.System)
			}
		case rights.Rectification:
			if changedAt.IsZero() {
				changedAt = act.DoneAt
			}
			var changes []register.Change
			if err := result(&changes); err != nil {
				return err
			}
			for _, ch := range changes {
				content.Rectified = append(content.Rectified, letter.Rectification{System: ch.System, Field: ch.Field, Old: ch.Old, New: ch.New})
			}
		case rights.Access:
			if exportedAt.IsZero() || act.DoneAt.Before(exportedAt) {
				exportedAt = act.DoneAt
			}
			var tables []register.Table
			if err := result(&tables); err != nil {
				return err
			}
			if content.Report == nil {
				content.Report = []letter.ReportSection{}
			}
			for _, t := range tables {
				content.Report = append(content.Report, a.section(records, t, c.Language))
			}
		case rights.Portability:
			var tables []register.Table
			if err := result(&tables); err != nil {
				return err
			}
			portable = append(portable, tables...)
			portableAt = act.DoneAt
		case rights.Objection:
			var st register.Stopped
			if err := result(&st); err != nil {
				return err
			}
			if st.System == "" && act.System == "marketing" {
				// Recorded before objections stopped processing per
				// category: marketing was then always stopped and the
				// person suppressed.
				st.Suppressed = true
			}
			cf := confirmation(content, confirmed, act.Right)
			cf.Rows += st.TurnedOff
			cf.Suppressed = cf.Suppressed || st.Suppressed
			cf.Stopped = append(cf.Stopped, countsOf(records, act.System, st.Erased, c.Language)...)
		default:
			// The counts the systems recorded: restricted records,
			// marketing consents turned off or ended, and the records a
			// withdrawn consent was the basis of, erased.
			var counts map[string]int
			if err := result(&counts); err != nil {
				return err
			}
			c := confirmation(content, confirmed, act.Right)
			switch {
			case act.Right == string(rights.ConsentWithdrawal) && act.System != "marketing":
				c.Erased += counts["ended"]
			default:
				c.Rows += counts["restricted"] + counts["turned_off"] + counts["ended"]
			}
		}
	}
	if content.Report != nil {
		// The engine's own records about the person are theirs to see too.
		own, err := a.ownRecords(ctx, c, records)
		if err != nil {
			return fmt.Errorf("the engine's own records: %w", err)
		}
		content.Report = append(content.Report, own...)
	}
	// The ledger's order: an extract made before the case erased or
	// corrected anything shows what was held when the request came.
	content.ReportBeforeChange = !exportedAt.IsZero() && !changedAt.IsZero() && !exportedAt.After(changedAt)
	if portableAt.IsZero() {
		return nil
	}
	d, err := a.writePortability(c.Number, portable, portableAt)
	if err != nil {
		return err
	}
	content.Portability = d
	return nil
}

// confirmation is the letter's confirmation of right, added the first
// time a system's result for it is read.
func confirmation(content *letter.Content, index map[string]int, right string) *letter.Confirmation {
	i, ok := index[right]
	if !ok {
		i = len(content.Confirmed)
		index[right] = i
		content.Confirmed = append(content.Confirmed, letter.Confirmation{Right: right})
	}
	return &content.Confirmed[i]
}

// countsOf lists rows by category of one system, categories named in the
// letter's language, in order.
func countsOf(records []register.Record, system string, rows map[string]int, lang string) []letter.Count {
	cats := make([]string, 0, len(rows))
	for cat := range rows {
		cats = append(cats, cat)
	}
	sort.Strings(cats)
	var out []letter.Count
	for _, cat := range cats {
		name := cat
		if rec, ok := recordOf(records, system, cat); ok {
			name = rec.In(lang).Category
		}
		out = append(out, letter.Count{System: system, Category: name, Rows: rows[cat]})
	}
	return out
}

// ownRecords are the engine's own records about the case's subject, as
// extract sections: their cases, the letters sent in them, and the
// messages received, each under its entry of the record of processing.
func (a *Activities) ownRecords(ctx context.Context, c *store.Case, records []register.Record) ([]letter.ReportSection, error) {
	subj := subjectOf(c)
	cases, err := a.Store.CasesOf(ctx, subj.Personnummer, subj.Email)
	if err != nil {
		return nil, err
	}
	if len(cases) == 0 {
		return nil, nil
	}
	casesTable := register.Table{System: "dsr", Table: "cases", Category: "Ärenden om dina rättigheter och brev i dem"}
	messagesTable := register.Table{System: "dsr", Table: "inbound_messages", Category: "Inkomna meddelanden i ärenden"}
	at := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	for _, k := range cases {
		casesTable.Rows = append(casesTable.Rows, map[string]any{"case_number": k.Number, "received_at": at(k.ReceivedAt), "rights": k.Rights, "channel": k.Channel})
		ls, err := a.Store.Letters(ctx, k.Number)
		if err != nil {
			return nil, err
		}
		for _, l := range ls {
			// Only what was written to the person, not the notices to
			// the recipients of their data.
			if strings.HasPrefix(l.Kind, "art19-") {
				continue
			}
			casesTable.Rows = append(casesTable.Rows, map[string]any{"case_number": k.Number, "letter": l.Kind, "sent_at": at(l.CreatedAt), "route": l.Route})
		}
		ms, err := a.Store.CaseMessages(ctx, k.Number)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			messagesTable.Rows = append(messagesTable.Rows, map[string]any{"case_number": k.Number, "received_at": at(m.ReceivedAt), "channel": m.Channel})
		}
	}
	// Only this request's own record tells the person nothing new: it
	// is no reason to send the answer by post.
	alone := len(cases) == 1 && cases[0].Number == c.Number
	out := []letter.ReportSection{a.section(records, casesTable, c.Language)}
	if len(messagesTable.Rows) > 0 {
		out = append(out, a.section(records, messagesTable, c.Language))
	}
	for i := range out {
		out[i].AboutThisRequest = alone
	}
	return out, nil
}

// recordOf finds the record of processing of a system's category.
func recordOf(records []register.Record, system, category string) (register.Record, bool) {
	for _, r := range records {
		if r.System == system && r.Category == category {
			return r, true
		}
	}
	return register.Record{}, false
}

// section turns exported rows into a report section with the Art. 15
// information of the record of processing, in the letter's language.
func (a *Activities) section(records []register.Record, t register.Table, lang string) letter.ReportSection {
	s := letter.ReportSection{System: t.System, Category: t.Category}
	for _, r := range records {
		if r.System == t.System && r.Category == t.Category {
			s.Recipients = a.recipientsNamed(r, lang)
			r = r.In(lang)
			s.Category = r.Category
			s.Purposes, s.LegalBasis, s.Retention, s.Source = r.Purposes, r.LegalBasis, r.Retention, r.Source
			s.AutomatedDecisions, s.Transfers = r.AutomatedDecisions, r.Transfers
		}
	}
	s.Columns = columns(t)
	s.Labels = labels(t, s.Columns)
	for _, row := range t.Rows {
		cells := make([]string, len(s.Columns))
		for i, col := range s.Columns {
			if row[col] != nil {
				cells[i] = fmt.Sprint(row[col])
			}
		}
		s.Rows = append(s.Rows, cells)
	}
	return s
}

// recipientsNamed says who receives or processes the data of a record, as
// Art. 15(1)(c) read with CJEU C-154/21 asks: each category the record
// names, with the recipients RECIPIENTS_FILE names for it and their
// address ("Distributionspartner: Exempelfrakt AB, Box 100, 101 10
// Exempelstad"); a category no one is named for stays a category.
func (a *Activities) recipientsNamed(r register.Record, lang string) string {
	split := func(s string) []string {
		var out []string
		for _, x := range strings.Split(s, ";") {
			if x = strings.TrimSpace(x); x != "" {
				out = append(out, x)
			}
		}
		return out
	}
	cats := append(split(r.Recipients), split(r.Processors)...)
	in := r.In(lang)
	labels := append(split(in.Recipients), split(in.Processors)...)
	if len(labels) != len(cats) {
		labels = cats
	}
	var out []string
	for i, cat := range cats {
		named := a.Recipients.Named(cat)
		if len(named) == 0 {
			out = append(out, labels[i])
			continue
		}
		var who []string
		for _, n := range named {
			who = append(who, strings.Join(append([]string{n.Name}, n.Address...), ", "))
		}
		out = append(out, labels[i]+": "+strings.Join(who, "; "))
	}
	return strings.Join(out, "; ")
}

// writePortability writes the person's portable data as a zip of JSON and
// CSV files with a manifest, the same bytes every time for the same data, so
// a retried letter refers to the same file.
func (a *Activities) writePortability(number string, tables []register.Table, at time.Time) (*letter.Delivery, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	type entry struct {
		File   string `json:"file"`
		System string `json:"system"`
		Table  string `json:"table"`
		Rows   int    `json:"rows"`
		SHA256 string `json:"sha256"`
	}
	manifest := struct {
		Case    string    `json:"case"`
		Created time.Time `json:"created"`
		Files   []entry   `json:"files"`
	}{Case: number, Created: at.UTC()}
	add := func(name string, data []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: at.UTC()})
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	rows := 0
	for _, t := range tables {
		js, _ := json.MarshalIndent(t.Rows, "", "  ")
		cols := columns(t)
		var cb bytes.Buffer
		cw := csv.NewWriter(&cb)
		cw.Write(cols)
		for _, r := range t.Rows {
			line := make([]string, len(cols))
			for i, c := range cols {
				if r[c] != nil {
					line[i] = fmt.Sprint(r[c])
				}
			}
			cw.Write(line)
		}
		cw.Flush()
		for _, f := range []struct {
			ext  string
			data []byte
		}{{".json", js}, {".csv", cb.Bytes()}} {
			ext, data := f.ext, f.data
			name := t.System + "-" + t.Table + ext
			sum := sha256.Sum256(data)
			manifest.Files = append(manifest.Files, entry{File: name, System: t.System, Table: t.Table, Rows: len(t.Rows), SHA256: hex.EncodeToString(sum[:])})
			if err := add(name, data); err != nil {
				return nil, err
			}
		}
		rows += len(t.Rows)
	}
	sort.Slice(manifest.Files, func(i, j int) bool { return manifest.Files[i].File < manifest.Files[j].File })
	mj, _ := json.MarshalIndent(manifest, "", "  ")
	if err := add("manifest.json", mj); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	name := number + "-portability.zip"
	if err := os.MkdirAll(a.OutboxDir, 0o750); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(a.OutboxDir, name), buf.Bytes(), 0o640); err != nil {
		return nil, fmt.Errorf("write the portability file: %w", err)
	}
	sum := sha256.Sum256(buf.Bytes())
	return &letter.Delivery{File: name, SHA256: hex.EncodeToString(sum[:]), Tables: len(tables), Rows: rows}, nil
}

// columns are a table's column names, sorted, for the report and the CSV.
func columns(t register.Table) []string {
	seen := map[string]bool{}
	var cols, extra []string
	for _, c := range t.Columns {
		seen[c.Name] = true
		cols = append(cols, c.Name)
	}
	for _, row := range t.Rows {
		for c := range row {
			if !seen[c] {
				seen[c] = true
				extra = append(extra, c)
			}
		}
	}
	// A column the dataset does not declare is still the person's data:
	// it is shown, by its name, after the declared ones.
	sort.Strings(extra)
	return append(cols, extra...)
}

// labels are the dataset's labels of cols, for the letter; nil when the
// table came without them (an export made before the dataset files).
func labels(t register.Table, cols []string) []letter.Label {
	if len(t.Columns) == 0 {
		return nil
	}
	out := make([]letter.Label, len(cols))
	for i, name := range cols {
		for _, c := range t.Columns {
			if c.Name == name {
				out[i] = letter.Label{Sv: c.Sv, En: c.En, Format: c.Format}
			}
		}
	}
	return out
}
