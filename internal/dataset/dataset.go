// Package dataset reads the dataset files that describe a controller's
// systems: one YAML file per system, saying where the system is reached, its
// tables and fields (what each field is called in Swedish and English,
// whether it identifies the person, whether rectification may change it,
// what erasure does to it), how the tables hang together, what dates each
// row, and the system's record of processing (purposes, legal basis,
// retention, recipients, source, automated decisions, transfers). One file is
// the single source for what Art. 15, 17, 18, 19 and 20 do in that system and
// for what the letters say about it.
//
// A file is checked on load: a key the format does not know, a reference to
// a table that is not declared, a table no record of processing covers, a
// person table without an identifying field; each error names the file and
// the line.
package dataset

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Text is a text in Swedish and English; an empty English text falls back
// to the Swedish.
type Text struct {
	Sv string `yaml:"sv"`
	En string `yaml:"en"`
}

// In returns the text in lang ("en", else Swedish).
func (t Text) In(lang string) string {
	if lang == "en" && t.En != "" {
		return t.En
	}
	return t.Sv
}

// Models: what kind of system a dataset describes.
const (
	// ModelCustomer is a system with a person table (customers, clients)
	// and tables that hang off it.
	ModelCustomer = "customer"
	// ModelMarketing is the marketing system: consents and channel choices
	// keyed by personnummer and e-mail, and a suppression list.
	ModelMarketing = "marketing"
	// ModelEngine is the engine's own records about a person (the cases,
	// their messages and letters): only the record of processing is read.
	ModelEngine = "engine"
)

// Connection kinds.
const (
	// ConnEngine: the system's tables are in the engine's database, a
	// schema named after the system in PostgreSQL, tables prefixed with it
	// in SQLite.
	ConnEngine = "engine"
	// ConnPostgres: the system's own PostgreSQL database, reached with the
	// URL in the environment variable URLEnv (or the file URLEnv_FILE
	// names), its tables in Schema. Each change is made once: the system's
	// database keeps a ledger of its own (dsr_fulfilment).
	ConnPostgres = "postgres"
	// ConnHTTP: a system behind an HTTP API, at the URL in URLEnv, its
	// requests signed with the key in SecretEnv; it carries out each
	// change once per idempotency key.
	ConnHTTP = "http"
	// ConnManual: a system the engine cannot reach. For each right it
	// must act on there, the case gets a staff task ("erase in X"), which
	// the task-done signal confirms; the case waits for it.
	ConnManual = "manual"
)

// Identity kinds: what a field identifies the person by.
const (
	IdentPersonnummer   = "personnummer"
	IdentEmail          = "email"
	IdentPhone          = "phone"
	IdentCustomerNumber = "customer_number"
)

// Formats: how a field's value is written for the person reading an extract.
const (
	FormatText    = "text"
	FormatHidden  = "hidden" // the system's own keys, which say nothing about the person
	FormatTime    = "time"
	FormatBool    = "bool"
	FormatSEK     = "sek"
	FormatChannel = "channel"
)

// Anonymise strategies: what happens to a field of a row that erasure must
// keep because kept records refer to it.
const (
	AnonymiseKeep  = "keep"  // the value stays (keys, dates)
	AnonymiseClear = "clear" // the value is cleared
)

// Dataset is one system.
type Dataset struct {
	System     string     `yaml:"system"`
	Title      Text       `yaml:"title"`
	Model      string     `yaml:"model"`
	Connection Connection `yaml:"connection"`
	Tables     []*Table   `yaml:"tables"`
	Records    []*Record  `yaml:"records"`

	// File is where the dataset was read from.
	File string `yaml:"-"`
	Line int    `yaml:"-"`
}

// Connection says how the system is reached.
type Connection struct {
	Kind string `yaml:"kind"`
	// URLEnv names the environment variable holding a postgres
	// connection's URL, with its password; never the URL itself.
	URLEnv string `yaml:"url_env"`
	// Schema holds a postgres connection's tables (public by default).
	Schema string `yaml:"schema"`
	// SecretEnv names the environment variable holding an http
	// connection's signing key.
	SecretEnv string `yaml:"secret_env"`
}

// SchemaName is the schema a postgres connection's tables are in.
func (c Connection) SchemaName() string {
	if c.Schema == "" {
		return "public"
	}
	return c.Schema
}

// Table is one table of a system.
type Table struct {
	Name string `yaml:"name"`
	// Person marks the table of the person (customers, clients); the other
	// tables hang off it through Parent and Link.
	Person bool `yaml:"person"`
	// Parent is the table a row belongs to a row of, and Link the column
	// holding the parent's id.
	Parent string `yaml:"parent"`
	Link   string `yaml:"link"`
	// DatedBy is the column that dates a row, for retention; empty: the
	// parent's date counts.
	DatedBy string `yaml:"dated_by"`
	// Markers are the person table's columns the engine writes: when the
	// processing was restricted, when the row was anonymised, and the case
	// that anonymised it.
	Markers Markers  `yaml:"markers"`
	Fields  []*Field `yaml:"fields"`

	Line int `yaml:"-"`
}

// Markers are the columns of a person table the engine itself writes.
type Markers struct {
	Restricted string `yaml:"restricted"`
	Anonymised string `yaml:"anonymised"`
	ErasedCase string `yaml:"erased_case"`
	// Ended is the column the system dates the end of the customer
	// relationship by; the while_customer rule runs from it.
	Ended string `yaml:"ended"`
}

// Field is one column.
type Field struct {
	Name  string `yaml:"name"`
	Label Text   `yaml:"label"`
	// Format is how the value is written in an extract (text by default).
	Format string `yaml:"format"`
	// Identifies names what the field identifies the person by.
	Identifies string `yaml:"identifies"`
	// Rectify marks a field rectification may change.
	Rectify bool `yaml:"rectify"`
	// Anonymise is what happens to the field when erasure keeps its row
	// (keep by default).
	Anonymise string `yaml:"anonymise"`
	// Address names the part of the person's postal address the field
	// holds (name, street, postal_code, city), for letters by post.
	Address string `yaml:"address"`

	Line int `yaml:"-"`
}

// Record is one entry of the system's record of processing: a category of
// data, the tables that hold it, and what Art. 13 to 15 make the controller
// say about it.
type Record struct {
	Category Text     `yaml:"category"`
	Tables   []string `yaml:"tables"`
	Purposes Text     `yaml:"purposes"`
	// Basis are the legal bases of Art. 6(1), the first the one the
	// processing chiefly rests on: it decides what an objection (legitimate
	// interest) and a withdrawal of consent (consent) stop.
	Basis      []string  `yaml:"basis"`
	LegalBasis Text      `yaml:"legal_basis"`
	Retention  Retention `yaml:"retention"`
	Recipients Text      `yaml:"recipients"`
	Processors Text      `yaml:"processors"`
	Source     Text      `yaml:"source"`
	Portable   bool      `yaml:"portable"`
	// AutomatedDecisions and Transfers: the automated decisions (Art. 22,
	// with their logic and consequences) and the transfers outside the
	// EU/EEA (with their safeguards) the category is subject to; empty:
	// none.
	AutomatedDecisions Text `yaml:"automated_decisions"`
	Transfers          Text `yaml:"transfers"`

	Line int `yaml:"-"`
}

// Legal bases of Art. 6(1).
const (
	BasisConsent            = "consent"
	BasisContract           = "contract"
	BasisLegalObligation    = "legal_obligation"
	BasisVitalInterest      = "vital_interest"
	BasisPublicTask         = "public_task"
	BasisLegitimateInterest = "legitimate_interest"
)

// Retention is a category's retention: the rule the engine applies and the
// text the person reads.
type Retention struct {
	// Rule is bookkeeping, while_customer, usage_24_months, or
	// case_closed_months:N.
	Rule string `yaml:"rule"`
	Sv   string `yaml:"sv"`
	En   string `yaml:"en"`
}

// Table returns the named table, or nil.
func (d *Dataset) Table(name string) *Table {
	for _, t := range d.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// PersonTable returns the person table of a customer system, or nil.
func (d *Dataset) PersonTable() *Table {
	for _, t := range d.Tables {
		if t.Person {
			return t
		}
	}
	return nil
}

// Field returns the named field, or nil.
func (t *Table) Field(name string) *Field {
	for _, f := range t.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Identity returns the column identifying the person by kind, or "".
func (t *Table) Identity(kind string) string {
	for _, f := range t.Fields {
		if f.Identifies == kind {
			return f.Name
		}
	}
	return ""
}

// AddressField returns the field holding part of the postal address, or "".
func (t *Table) AddressField(part string) string {
	for _, f := range t.Fields {
		if f.Address == part {
			return f.Name
		}
	}
	return ""
}

// Rectifiable are the fields rectification may change, in the file's order.
func (t *Table) Rectifiable() []string {
	var out []string
	for _, f := range t.Fields {
		if f.Rectify {
			out = append(out, f.Name)
		}
	}
	return out
}

// Cleared are the fields erasure clears in a row it must keep.
func (t *Table) Cleared() []string {
	var out []string
	for _, f := range t.Fields {
		if f.Anonymise == AnonymiseClear {
			out = append(out, f.Name)
		}
	}
	return out
}

// RecordFor returns the record of processing covering a table, or nil.
func (d *Dataset) RecordFor(table string) *Record {
	for _, r := range d.Records {
		if slices.Contains(r.Tables, table) {
			return r
		}
	}
	return nil
}

//go:embed harmoniq/*.yaml harmoniq/schema/*.sql
var harmoniq embed.FS

// HarmoniqSchema is the SQL that creates Harmoniq's demo systems, when
// missing, in dialect ("postgres" or "sqlite"): they are not the engine's,
// and its migrations do not create them.
func HarmoniqSchema(dialect string) (string, error) {
	b, err := harmoniq.ReadFile("harmoniq/schema/" + dialect + ".sql")
	return string(b), err
}

// Harmoniq returns Harmoniq's datasets, the files in the repository.
func Harmoniq() (Set, error) {
	return LoadFS(HarmoniqFiles(), "internal/dataset/harmoniq")
}

// HarmoniqFiles are Harmoniq's dataset files, to copy and change.
func HarmoniqFiles() fs.FS {
	sub, err := fs.Sub(harmoniq, "harmoniq")
	if err != nil {
		panic(err) // the embedded directory is there
	}
	return sub
}

// Set is the datasets of all the controller's systems.
type Set []*Dataset

// System returns the named system's dataset, or nil.
func (s Set) System(name string) *Dataset {
	for _, d := range s {
		if d.System == name {
			return d
		}
	}
	return nil
}

// BesideEngine names the systems whose tables sit beside the engine's own
// (connection kind engine): schemas of its PostgreSQL database, or, on
// SQLite, files of their own beside its file, attached under these names.
func (s Set) BesideEngine() []string {
	var out []string
	for _, d := range s {
		if d.Model != ModelEngine && d.Connection.Kind == ConnEngine {
			out = append(out, d.System)
		}
	}
	return out
}

// Model returns the datasets of one model, in order.
func (s Set) Model(model string) []*Dataset {
	var out []*Dataset
	for _, d := range s {
		if d.Model == model {
			out = append(out, d)
		}
	}
	return out
}

// Load reads every *.yaml file in dir.
func Load(dir string) (Set, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("datasets: %w", err)
	}
	return LoadFS(os.DirFS(dir), dir)
}

// LoadFS reads every *.yaml file at the top of fsys, in name order, which
// is the order the systems are named in letters; name is where fsys is,
// for the errors. The set is checked as a whole: every
// error of every file is reported, each with its file and line.
func LoadFS(fsys fs.FS, name string) (Set, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("datasets: no *.yaml file in %s", name)
	}
	sort.Strings(names)
	var set Set
	var errs []error
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		d, err := Parse(filepath.Join(name, n), b)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		set = append(set, d)
	}
	seen := map[string]*Dataset{}
	for _, d := range set {
		if o, ok := seen[d.System]; ok {
			errs = append(errs, fmt.Errorf("%s:%d: system %q is already declared in %s", d.File, d.Line, d.System, o.File))
		}
		seen[d.System] = d
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return set, nil
}

// maxFile bounds a dataset file.
const maxFile = 1 << 20

// Parse reads and checks one dataset file; file names it in errors.
func Parse(file string, b []byte) (*Dataset, error) {
	if len(b) > maxFile {
		return nil, fmt.Errorf("%s: %d bytes, over the %d a dataset file may have", file, len(b), maxFile)
	}
	var d Dataset
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&d); err != nil {
		return nil, decodeError(file, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	d.File = file
	placeLines(&d, &root)
	if err := d.check(); err != nil {
		return nil, err
	}
	return &d, nil
}

var (
	unknownKey = regexp.MustCompile(`^line (\d+): field (\S+) not found in type dataset\.(\w+)$`)
	atLine     = regexp.MustCompile(`^line (\d+): (.*)$`)
)

// decodeError writes the decoder's errors as file:line: what.
func decodeError(file string, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return fmt.Errorf("%s: %s", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	var errs []error
	for _, e := range te.Errors {
		if m := unknownKey.FindStringSubmatch(e); m != nil {
			errs = append(errs, fmt.Errorf("%s:%s: %s is not a key of %s", file, m[1], m[2], strings.ToLower(m[3])))
		} else if m := atLine.FindStringSubmatch(e); m != nil {
			errs = append(errs, fmt.Errorf("%s:%s: %s", file, m[1], m[2]))
		} else {
			errs = append(errs, fmt.Errorf("%s: %s", file, e))
		}
	}
	return errors.Join(errs...)
}

// placeLines sets the line of the dataset, its tables, fields and records
// from the file's nodes, which mirror them.
func placeLines(d *Dataset, root *yaml.Node) {
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	d.Line = root.Line
	tables, records := child(root, "tables"), child(root, "records")
	if tables != nil {
		for i, n := range tables.Content {
			if i < len(d.Tables) {
				d.Tables[i].Line = n.Line
				if fields := child(n, "fields"); fields != nil {
					for j, f := range fields.Content {
						if j < len(d.Tables[i].Fields) {
							d.Tables[i].Fields[j].Line = f.Line
						}
					}
				}
			}
		}
	}
	if records != nil {
		for i, n := range records.Content {
			if i < len(d.Records) {
				d.Records[i].Line = n.Line
			}
		}
	}
}

func child(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// ident is what a system, table or column name may be: it reaches SQL as
// an identifier.
var ident = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

var envName = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,62}$`)

var retentionRule = regexp.MustCompile(`^(bookkeeping|while_customer|usage_24_months|case_closed_months:[1-9][0-9]?)$`)

// check reports every mistake in the dataset, each with its line.
func (d *Dataset) check() error {
	var errs []error
	bad := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", d.File, line, fmt.Sprintf(format, args...)))
	}
	if !ident.MatchString(d.System) {
		bad(d.Line, "system %q: a system's name is lower-case letters, digits and _ (it names its schema)", d.System)
	}
	if d.System == "main" || d.System == "temp" || d.System == "public" {
		bad(d.Line, "system %q: main, temp and public are the databases' own schema names; choose another", d.System)
	}
	if d.Title.Sv == "" {
		bad(d.Line, "system %s has no title (title: {sv: ..., en: ...})", d.System)
	}
	switch d.Model {
	case ModelCustomer, ModelMarketing, ModelEngine:
	default:
		bad(d.Line, "model %q: use %s, %s or %s", d.Model, ModelCustomer, ModelMarketing, ModelEngine)
	}
	switch c := d.Connection; {
	case d.Model == ModelEngine:
	case c.Kind == ConnEngine:
		if c.URLEnv != "" || c.Schema != "" || c.SecretEnv != "" {
			bad(d.Line, "connection kind engine takes no url_env, schema or secret_env: the system's tables are in the engine's database")
		}
	case c.Kind == ConnPostgres || c.Kind == ConnHTTP || c.Kind == ConnManual:
		if d.Model != ModelCustomer {
			bad(d.Line, "connection kind %s is for a customer system; the %s system is in the engine's database (kind: engine)", c.Kind, d.Model)
		}
		reached := c.Kind != ConnManual
		if reached && !envName.MatchString(c.URLEnv) {
			bad(d.Line, "connection kind %s needs url_env, the environment variable holding its URL (KASSA_URL), not %q", c.Kind, c.URLEnv)
		}
		if !reached && c.URLEnv != "" {
			bad(d.Line, "connection kind manual takes no url_env: staff carry out its tasks")
		}
		if (c.Kind == ConnHTTP) != (c.SecretEnv != "") || c.SecretEnv != "" && !envName.MatchString(c.SecretEnv) {
			bad(d.Line, "secret_env, the environment variable holding the key requests are signed with, is for connection kind http, and it needs one (not %q)", c.SecretEnv)
		}
		if c.Schema != "" && (c.Kind != ConnPostgres || !ident.MatchString(c.Schema)) {
			bad(d.Line, "schema %q: a postgres connection's schema is lower-case letters, digits and _", c.Schema)
		}
	default:
		bad(d.Line, "connection kind %q: use %s (the system's tables in the engine's database), %s (a PostgreSQL database of its own), %s (an HTTP API) or %s (staff carry out its tasks)", c.Kind, ConnEngine, ConnPostgres, ConnHTTP, ConnManual)
	}
	if d.Model != ModelEngine && len(d.Tables) == 0 {
		bad(d.Line, "system %s declares no tables", d.System)
	}
	seen := map[string]bool{}
	persons := 0
	for _, t := range d.Tables {
		if !ident.MatchString(t.Name) {
			bad(t.Line, "table %q: a table's name is lower-case letters, digits and _", t.Name)
		}
		if seen[t.Name] {
			bad(t.Line, "table %s is declared twice", t.Name)
		}
		if t.Person {
			persons++
			if t.Parent != "" {
				bad(t.Line, "table %s is the person table and cannot have a parent", t.Name)
			}
			if t.Identity(IdentPersonnummer) == "" && t.Identity(IdentEmail) == "" {
				bad(t.Line, "the person table %s has no field that identifies the person by personnummer or e-mail (identifies: personnummer)", t.Name)
			}
		} else if d.Model == ModelCustomer {
			switch {
			case t.Parent == "":
				bad(t.Line, "table %s has no parent: every table but the person table hangs off one (parent:, link:)", t.Name)
			case !seen[t.Parent]:
				if d.Table(t.Parent) != nil {
					bad(t.Line, "table %s hangs off %s, which is declared after it: declare parents first", t.Name, t.Parent)
				} else {
					bad(t.Line, "table %s hangs off %s, which this dataset does not declare", t.Name, t.Parent)
				}
			}
			if t.Parent != "" && t.Link == "" {
				bad(t.Line, "table %s names its parent %s but not the column holding the parent's id (link:)", t.Name, t.Parent)
			}
		}
		seen[t.Name] = true
		fields := map[string]bool{}
		for _, f := range t.Fields {
			if !ident.MatchString(f.Name) {
				bad(f.Line, "field %q: a field's name is lower-case letters, digits and _", f.Name)
			}
			if fields[f.Name] {
				bad(f.Line, "field %s.%s is declared twice", t.Name, f.Name)
			}
			fields[f.Name] = true
			switch f.Format {
			case "", FormatText, FormatHidden, FormatTime, FormatBool, FormatSEK, FormatChannel:
			default:
				bad(f.Line, "field %s.%s: format %q: use text, hidden, time, bool, sek or channel", t.Name, f.Name, f.Format)
			}
			if f.Format != FormatHidden && f.Label.Sv == "" {
				bad(f.Line, "field %s.%s has no label (label: {sv: ..., en: ...}); a field the person is not shown is format: hidden", t.Name, f.Name)
			}
			switch f.Identifies {
			case "", IdentPersonnummer, IdentEmail, IdentPhone, IdentCustomerNumber:
			default:
				bad(f.Line, "field %s.%s: identifies %q: use personnummer, email, phone or customer_number", t.Name, f.Name, f.Identifies)
			}
			switch f.Anonymise {
			case "", AnonymiseKeep, AnonymiseClear:
			default:
				bad(f.Line, "field %s.%s: anonymise %q: use keep or clear", t.Name, f.Name, f.Anonymise)
			}
			switch f.Address {
			case "", "name", "street", "postal_code", "city":
			default:
				bad(f.Line, "field %s.%s: address %q: use name, street, postal_code or city", t.Name, f.Name, f.Address)
			}
			if (f.Rectify || f.Anonymise == AnonymiseClear || f.Address != "") && !t.Person {
				bad(f.Line, "field %s.%s: only the person table's fields are rectified, cleared or part of the address", t.Name, f.Name)
			}
		}
		for what, col := range map[string]string{"link": t.Link, "dated_by": t.DatedBy, "markers.restricted": t.Markers.Restricted,
			"markers.anonymised": t.Markers.Anonymised, "markers.erased_case": t.Markers.ErasedCase, "markers.ended": t.Markers.Ended} {
			if col != "" && !fields[col] {
				bad(t.Line, "table %s: %s names %s, which is not among its fields", t.Name, what, col)
			}
		}
		if t.Person && d.Model == ModelCustomer && t.Identity(IdentPersonnummer) != "" && len(t.Cleared()) > 0 {
			if f := t.Field(t.Identity(IdentPersonnummer)); f.Anonymise != AnonymiseClear {
				bad(f.Line, "field %s.%s identifies the person and is kept when the row is anonymised; anonymise: clear", t.Name, f.Name)
			}
		}
	}
	if d.Model == ModelCustomer && persons != 1 {
		bad(d.Line, "system %s has %d person tables; a customer system has one (person: true)", d.System, persons)
	}
	if d.Model == ModelMarketing {
		if d.System != "marketing" {
			bad(d.Line, "the marketing system is named marketing, not %q", d.System)
		}
		if c := d.Table("consents"); c == nil {
			bad(d.Line, "the marketing system has no consents table")
		} else if c.Identity(IdentPersonnummer) == "" && c.Identity(IdentEmail) == "" {
			bad(c.Line, "the consents table has no field that identifies the person")
		}
	}
	covered := map[string]int{}
	for _, r := range d.Records {
		if r.Category.Sv == "" {
			bad(r.Line, "a record of processing has no category")
		}
		if len(r.Tables) == 0 {
			bad(r.Line, "record %q names no tables", r.Category.Sv)
		}
		for _, t := range r.Tables {
			if covered[t] > 0 {
				bad(r.Line, "table %s is covered by two records of processing (lines %d and %d)", t, covered[t], r.Line)
			}
			covered[t] = r.Line
			if d.Model != ModelEngine && d.Table(t) == nil {
				bad(r.Line, "record %q names table %s, which this dataset does not declare", r.Category.Sv, t)
			}
		}
		if r.Purposes.Sv == "" || r.LegalBasis.Sv == "" || r.Retention.Sv == "" || r.Source.Sv == "" {
			bad(r.Line, "record %q must state purposes, legal_basis, retention and source (Art. 13 and 15)", r.Category.Sv)
		}
		if len(r.Basis) == 0 {
			bad(r.Line, "record %q names no legal basis (basis: [contract], or consent, legal_obligation, vital_interest, public_task, legitimate_interest)", r.Category.Sv)
		}
		for _, b := range r.Basis {
			switch b {
			case BasisConsent, BasisContract, BasisLegalObligation, BasisVitalInterest, BasisPublicTask, BasisLegitimateInterest:
			default:
				bad(r.Line, "record %q: basis %q: use consent, contract, legal_obligation, vital_interest, public_task or legitimate_interest (Art. 6(1))", r.Category.Sv, b)
			}
		}
		if !retentionRule.MatchString(r.Retention.Rule) {
			bad(r.Line, "record %q: retention rule %q: use bookkeeping, while_customer, usage_24_months or case_closed_months:N", r.Category.Sv, r.Retention.Rule)
		}
	}
	for _, t := range d.Tables {
		if covered[t.Name] == 0 && !(d.Model == ModelMarketing && t.Name != "consents") {
			bad(t.Line, "table %s is covered by no record of processing (records: ... tables: [%s])", t.Name, t.Name)
		}
	}
	return errors.Join(errs...)
}
