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
	"time"

	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/mailbox"

	"github.com/harmoniq/dsr/internal/intake"
	"github.com/harmoniq/dsr/internal/rights"
)

// inspection is what `dsr intake inspect` prints: what the engine understood
// of one message, with the personnummer masked.
type inspection struct {
	IsRequest    bool           `json:"is_request"`
	Uncertain    bool           `json:"uncertain"`
	Rights       []rights.Right `json:"rights"`
	Language     string         `json:"language"`
	Personnummer []string       `json:"personnummer"`
	Sender       string         `json:"sender"`
	SenderName   string         `json:"sender_name"`
	Address      []string       `json:"postal_address,omitempty"`
	RepliesTo    string         `json:"replies_to,omitempty"`
	InReplyTo    []string       `json:"in_reply_to,omitempty"`
	IDDocuments  []string       `json:"id_documents,omitempty"`
	Unparseable  string         `json:"unparseable,omitempty"`
}

// runIntake is `dsr intake inspect FILE.eml`: it reads one message and acts
// on nothing, so staff can check a message by hand.
func runIntake(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	if len(args) >= 2 && args[0] == "scan" {
		return runIntakeScan(ctx, cfg, args[1:], stdout)
	}
	if len(args) != 2 || args[0] != "inspect" {
		return usageError{"intake: expected `dsr intake inspect FILE.eml` or `dsr intake scan FILE --received DATE ...`"}
	}
	f, err := os.Open(args[1])
	if err != nil {
		return err
	}
	defer f.Close()
	out := inspection{Rights: []rights.Right{}, Personnummer: []string{}}
	m, err := intake.ParseEmail(f)
	if err != nil {
		out.IsRequest, out.Uncertain, out.Unparseable = true, true, err.Error()
	} else {
		res := intake.Classify(m.Subject, m.Text, time.Now())
		who := intake.FindRequester(m)
		out.IsRequest, out.Uncertain, out.Language, out.RepliesTo = res.IsRequest, res.Uncertain, res.Language, res.CaseRef
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
	scanned, err := sc.Check(time.Now())
	if err != nil {
		return usageError{"intake scan: " + err.Error()}
	}
	letter, f, err := mailbox.OpenScanFile(args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	var idCopy *mailbox.ScanFile
	if *idCopyPath != "" {
		c, f, err := mailbox.OpenScanFile(*idCopyPath)
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
