package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

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
func runIntake(args []string, stdout io.Writer) error {
	if len(args) != 2 || args[0] != "inspect" {
		return usageError{"intake: expected `dsr intake inspect FILE.eml`"}
	}
	raw, err := os.ReadFile(args[1])
	if err != nil {
		return err
	}
	out := inspection{Rights: []rights.Right{}, Personnummer: []string{}}
	m, err := intake.ParseEmail(raw)
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
