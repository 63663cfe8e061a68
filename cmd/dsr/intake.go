package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/mailbox"

	"github.com/harmoniq/dsr/internal/intake"
	"github.com/harmoniq/dsr/internal/rights"
)

// inspection is what `dsr intake inspect FILE.eml` prints: what the engine
// understood of one message, why, and with the personnummer masked.
type inspection struct {
	IsRequest    bool           `json:"is_request"`
	Uncertain    bool           `json:"uncertain"`
	Rights       []rights.Right `json:"rights"`
	Language     string         `json:"language"`
	Written      string         `json:"written"`
	Personnummer []string       `json:"personnummer"`
	Sender       string         `json:"sender"`
	SenderName   string         `json:"sender_name"`
	Address      []string       `json:"postal_address,omitempty"`
	RepliesTo    string         `json:"replies_to,omitempty"`
	InReplyTo    []string       `json:"in_reply_to,omitempty"`
	IDDocuments  []string       `json:"id_documents,omitempty"`
	Unparseable  string         `json:"unparseable,omitempty"`
	intake.Reading
}

// runIntake is `dsr intake inspect|evaluate|review|scan`: reading mail as
// the engine would, acting on nothing, and taking in scanned letters.
func runIntake(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	if len(args) >= 2 && args[0] == "scan" {
		return runIntakeScan(ctx, cfg, args[1:], stdout)
	}
	if len(args) == 1 && args[0] == "quarantined" {
		return runIntakeQuarantined(ctx, cfg, stdout)
	}
	if len(args) >= 1 && args[0] == "review" {
		return runIntakeReview(ctx, cfg, args[1:], stdout)
	}
	if len(args) == 2 && args[0] == "evaluate" {
		return runIntakeEvaluate(args[1], stdout)
	}
	if len(args) >= 2 && args[0] == "train" {
		return runIntakeTrain(args[1:], stdout)
	}
	if len(args) < 2 || args[0] != "inspect" {
		return usageError{"intake: expected `dsr intake inspect FILE.eml|DIR|MBOX ...`, `dsr intake evaluate DIR`, `dsr intake review`, `dsr intake quarantined` or `dsr intake scan FILE --received DATE ...`"}
	}
	paths := args[1:]
	if len(paths) == 1 {
		if fi, err := os.Stat(paths[0]); err == nil && fi.Mode().IsRegular() && !intake.IsMbox(paths[0]) {
			return inspectOne(paths[0], stdout)
		}
	}
	return inspectMany(paths, stdout)
}

// inspectOne prints one message's reading as JSON.
func inspectOne(path string, stdout io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	out := inspection{Rights: []rights.Right{}, Personnummer: []string{}}
	m, err := intake.ParseEmail(f)
	if err != nil {
		out.IsRequest, out.Uncertain, out.Unparseable, out.Language = true, true, err.Error(), "sv"
	} else {
		res := intake.Classify(m, time.Now())
		who := intake.FindRequester(m)
		out.IsRequest, out.Uncertain, out.Language, out.Written, out.RepliesTo = res.IsRequest, res.Uncertain, res.Language, res.Written, res.CaseRef
		out.Reading = res.Reading
		if res.Rights != nil {
			out.Rights = res.Rights
		}
		for _, n := range res.Personnummer {
			out.Personnummer = append(out.Personnummer, n.Masked())
		}
		out.Sender, out.SenderName, out.Address, out.InReplyTo = m.FromAddr, who.Name, who.Address, m.InReplyTo
		for _, a := range m.Attachments {
			if a.IDDocument {
				out.IDDocuments = append(out.IDDocuments, a.Filename)
			}
		}
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write the result: %w", err)
	}
	return nil
}

// inspectMany reads every .eml file of the directories and every message
// of the mbox files given, and prints a line for each and the totals, so a
// controller can run the engine over its own mail archive before going live.
func inspectMany(paths []string, stdout io.Writer) error {
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "MESSAGE\tREADING\tRIGHTS\tCONFIDENCE\tLANGUAGE\tWHY")
	var t intakeTotals
	now := time.Now()
	each := func(name string, r intake.Result) {
		t.add(r)
		rs := strings.Join(rights.Names(r.Rights), ",")
		if rs == "" && len(r.Guess) > 0 {
			rs = "(" + strings.Join(rights.Names(r.Guess), ",") + "?)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%s\t%s\n", name, readingName(r), orDash(rs), r.Confidence, r.Written, why(r))
	}
	for _, p := range paths {
		if err := intake.EachMessage(p, func(name string, raw io.Reader) {
			each(name, intake.ReadMessage(raw, now))
		}); err != nil {
			return err
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	t.print(stdout)
	return nil
}

func readingName(r intake.Result) string {
	switch {
	case !r.IsRequest:
		return "ordinary"
	case r.Uncertain:
		return "triage"
	}
	return "case"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// why sums up the reasons of a reading on one line.
func why(r intake.Result) string {
	var parts []string
	for _, rs := range r.Reasons {
		label := string(rs.Right)
		if label == "" {
			label = "triage"
		}
		part := label + ": " + rs.Frame
		if len(rs.Cues) > 0 {
			part += " (" + strings.Join(rs.Cues, " … ") + ")"
		}
		if rs.Where != "body" {
			part += " in " + rs.Where
		}
		parts = append(parts, part)
		if len(parts) == 3 {
			break
		}
	}
	return orDash(strings.Join(parts, "; "))
}

// intakeTotals counts readings by outcome and right.
type intakeTotals struct {
	messages, cases, triage, ordinary, automatic int
	perRight                                     map[rights.Right]int
}

func (t *intakeTotals) add(r intake.Result) {
	if t.perRight == nil {
		t.perRight = map[rights.Right]int{}
	}
	t.messages++
	switch {
	case !r.IsRequest:
		t.ordinary++
		if r.Automatic != "" {
			t.automatic++
		}
	case r.Uncertain:
		t.triage++
	default:
		t.cases++
	}
	for _, right := range r.Rights {
		t.perRight[right]++
	}
}

func (t *intakeTotals) print(w io.Writer) {
	fmt.Fprintf(w, "\n%d messages: %d requests with known rights, %d triage, %d ordinary (%d of them auto-replies, bounces or bulk mail)\n",
		t.messages, t.cases, t.triage, t.ordinary, t.automatic)
	for _, r := range rights.All {
		if n := t.perRight[r]; n > 0 {
			fmt.Fprintf(w, "  %-20s %d\n", r, n)
		}
	}
}

// runIntakeQuarantined is `dsr intake quarantined`: the messages intake set
// aside because they could not be taken in, with the reason and the folder
// each waits in.
func runIntakeQuarantined(ctx context.Context, cfg config.Config, stdout io.Writer) error {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	qs, err := st.QuarantinedMessages(ctx)
	if err != nil {
		return err
	}
	if len(qs) == 0 {
		fmt.Fprintln(stdout, "no message has been set aside")
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SET ASIDE\tRECEIVED\tMAILBOX\tUID\tFOLDER\tCASE\tSHA-256\tREASON")
	for _, q := range qs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%.12s\t%s\n", q.QuarantinedAt.In(time.Local).Format("2006-01-02 15:04"), q.ReceivedAt.In(time.Local).Format("2006-01-02 15:04"),
			q.Mailbox, q.UID, q.Folder, orDash(q.CaseNumber), q.SHA256, q.Reason)
	}
	return tw.Flush()
}

// runIntakeTrain is `dsr intake train DIR [--out FILE]`: it learns the
// classifier's model from a labelled corpus and writes it as JSON; the
// engine embeds internal/intake/model.json, trained on the development part.
func runIntakeTrain(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("intake train", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("out", "", "where to write the model; standard output when empty")
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return usageError{"intake train: expected `dsr intake train DIR [--out FILE]`"}
	}
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 {
		return usageError{"intake train: expected `dsr intake train DIR [--out FILE]`"}
	}
	m, err := intake.Train(args[0], time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC))
	if err != nil {
		return err
	}
	b, err := intake.MarshalModel(m)
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = stdout.Write(b)
		return err
	}
	return os.WriteFile(*out, b, 0o644)
}

// runIntakeEvaluate is `dsr intake evaluate DIR`: the classifier's
// precision and recall on a labelled corpus (labels*.tsv beside the .eml
// files), and the messages it reads otherwise than labelled.
func runIntakeEvaluate(dir string, stdout io.Writer) error {
	s, err := intake.Evaluate(dir, time.Now())
	if err != nil {
		return err
	}
	s.Report(stdout)
	if len(s.Mistakes) > 0 {
		fmt.Fprintf(stdout, "\n%d messages read otherwise than labelled:\n", len(s.Mistakes))
		tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "MESSAGE\tCLASS\tLABEL\tREAD AS\tWHY")
		for _, m := range s.Mistakes {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", m.File, m.Class, m.Want, m.Got, why(m.Result))
		}
		return tw.Flush()
	}
	return nil
}

// runIntakeScan is `dsr intake scan FILE --received DATE ...`: a clerk at a
// terminal enters a scanned letter.
func runIntakeScan(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	usage := usageError{"intake scan: expected `dsr intake scan FILE --received YYYY-MM-DD [--rights access,erasure] [--personnummer N] [--name NAME] [--address \"Street 1|722 10 Town\"] [--language sv|en] [--id-copy FILE]`"}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return usage
	}
	fs := flag.NewFlagSet("intake scan", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var sc mailbox.Sidecar
	fs.StringVar(&sc.Received, "received", "", "the day the letter arrived")
	rightsList := fs.String("rights", "", "comma-separated rights; empty: triage")
	fs.StringVar(&sc.Personnummer, "personnummer", "", "the personnummer in the letter")
	fs.StringVar(&sc.Name, "name", "", "the sender's name")
	address := fs.String("address", "", "postal address lines, separated by |")
	fs.StringVar(&sc.Language, "language", "sv", "sv or en")
	idCopyPath := fs.String("id-copy", "", "a scanned copy of an ID document that came with the letter")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 || sc.Received == "" {
		return usage
	}
	if *rightsList != "" {
		sc.Rights = strings.Split(*rightsList, ",")
	}
	if *address != "" {
		sc.Address = strings.Split(*address, "|")
	}
	scanned, err := sc.CheckWithin(time.Now(), cfg.Scan)
	if err != nil {
		return usageError{"intake scan: " + err.Error()}
	}
	letter, f, err := mailbox.OpenScanFile(args[0], cfg.Scan)
	if err != nil {
		return err
	}
	defer f.Close()
	var idCopy *mailbox.ScanFile
	if *idCopyPath != "" {
		c, f, err := mailbox.OpenScanFile(*idCopyPath, cfg.Scan)
		if err != nil {
			return err
		}
		defer f.Close()
		idCopy = &c
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	c, err := dialTemporal(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return err
	}
	defer c.Close()
	p := &mailbox.Processor{Store: st, Starter: mailbox.TemporalStarter{Client: c}, Policy: cfg.Policy}
	out, err := p.ProcessScan(ctx, letter, idCopy, scanned)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "scanned letter taken in as %s, received %s\n", out.CaseNumber, sc.Received)
	return nil
}
