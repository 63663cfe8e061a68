package mailbox

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/personnummer"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/workflows"
)

// Sidecar is what the clerk at the scanning station read from a letter,
// written as FILE.json beside the scanned FILE.
type Sidecar struct {
	// Received is the day the letter arrived (YYYY-MM-DD): it starts the
	// clock, not the day it was scanned.
	Received     string   `json:"received"`
	Rights       []string `json:"rights"`
	Personnummer string   `json:"personnummer,omitempty"`
	Name         string   `json:"name,omitempty"`
	Address      []string `json:"address,omitempty"`
	Language     string   `json:"language,omitempty"`
}

// Scanned is one scanned letter, checked.
type Scanned struct {
	Received     time.Time
	Rights       []rights.Right
	Personnummer personnummer.Number
	Name         string
	Address      []string
	Language     string
}

// Check validates a sidecar; the error says what is wrong, for the clerk.
func (s Sidecar) Check(now time.Time) (Scanned, error) {
	var out Scanned
	d, err := deadline.ParseDate(s.Received)
	if err != nil {
		return out, fmt.Errorf(`"received": %w`, err)
	}
	if d.After(deadline.DateOf(now)) {
		return out, fmt.Errorf(`"received": %s is in the future`, s.Received)
	}
	// The day of arrival, as an instant at noon in Stockholm.
	out.Received = time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, deadline.Stockholm)
	for _, name := range s.Rights {
		r, err := rights.Parse(name)
		if err != nil {
			return out, fmt.Errorf(`"rights": %w`, err)
		}
		out.Rights = append(out.Rights, r)
	}
	if s.Personnummer != "" {
		if out.Personnummer, err = personnummer.Parse(s.Personnummer, now); err != nil {
			return out, fmt.Errorf(`"personnummer": %w`, err)
		}
	}
	switch s.Language {
	case "", "sv":
		out.Language = "sv"
	case "en":
		out.Language = "en"
	default:
		return out, fmt.Errorf(`"language" must be sv or en`)
	}
	out.Name, out.Address = strings.TrimSpace(s.Name), s.Address
	return out, nil
}

// ProcessScan opens the case of a scanned letter: the file is stored with
// its SHA-256 (the same scan twice is one case), and the case's clock starts
// on the day the letter arrived. Rights left empty put the case in triage.
func (p *Processor) ProcessScan(ctx context.Context, file []byte, s Scanned) (Outcome, error) {
	sum := sha256.Sum256(file)
	hash := hex.EncodeToString(sum[:])
	in := &store.InboundMessage{DedupeKey: "sha256:" + hash, Channel: "post", SHA256: hash, ReceivedAt: s.Received.UTC(), Raw: file}
	c := &store.Case{Channel: "post", ReceivedAt: s.Received.UTC(), Rights: strings.Join(rights.Names(s.Rights), ","), Uncertain: len(s.Rights) == 0,
		Language: s.Language, RequesterName: s.Name, RequesterAddress: strings.Join(s.Address, "\n"), Personnummer: s.Personnummer.Digits()}
	if c.Personnummer != "" {
		if err := p.findEvidence(ctx, c, nil); err != nil {
			return Outcome{}, err
		}
	}
	stored, err := p.Store.RecordIntake(ctx, in, c)
	if err != nil {
		return Outcome{}, fmt.Errorf("record the scan: %w", err)
	}
	out := Outcome{CaseNumber: stored.CaseNumber, IsRequest: true}
	if stored.WorkflowStarted {
		return out, nil
	}
	sc, err := p.Store.Case(ctx, stored.CaseNumber)
	if err != nil {
		return out, err
	}
	err = p.Starter.StartCase(ctx, workflows.CaseInput{CaseNumber: sc.Number, Channel: "post", ReceivedAt: sc.ReceivedAt, Rights: s.Rights,
		Uncertain: sc.Uncertain, Policy: p.Policy, Evidence: workflows.Evidence{PersonnummerOnRecord: sc.PersonnummerOnRecord}})
	if err != nil {
		return out, fmt.Errorf("start workflow of %s: %w", sc.Number, err)
	}
	return out, p.Store.MarkWorkflowStarted(ctx, stored.ID)
}

// ScanInbox takes in what the scanning station drops in a directory: each
// scan with its FILE.json sidecar. Handled pairs move to processed/; a pair
// whose sidecar is wrong moves to rejected/ with FILE.reason.txt saying why.
type ScanInbox struct {
	Dir       string
	Processor *Processor
	Log       *slog.Logger
}

// PollOnce handles every complete pair in the directory and returns how many.
func (s *ScanInbox) PollOnce(ctx context.Context) (int, error) {
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		return 0, fmt.Errorf("read SCAN_DIR: %w", err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasSuffix(name, ".json") || strings.HasPrefix(name, ".") {
			continue
		}
		side, err := os.ReadFile(filepath.Join(s.Dir, name+".json"))
		if errors.Is(err, os.ErrNotExist) {
			continue // the sidecar may still be on its way
		} else if err != nil {
			return n, err
		}
		if err := s.handle(ctx, name, side); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func (s *ScanInbox) handle(ctx context.Context, name string, side []byte) error {
	var sc Sidecar
	dec := json.NewDecoder(strings.NewReader(string(side)))
	dec.DisallowUnknownFields()
	err := dec.Decode(&sc)
	var scanned Scanned
	if err == nil {
		scanned, err = sc.Check(time.Now())
	}
	if err != nil {
		s.Log.Warn("scan rejected: its sidecar is wrong; see rejected/ in SCAN_DIR")
		return s.move(name, "rejected", "The sidecar "+name+".json is wrong: "+err.Error()+"\n")
	}
	file, err := os.ReadFile(filepath.Join(s.Dir, name))
	if err != nil {
		return err
	}
	out, err := s.Processor.ProcessScan(ctx, file, scanned)
	if err != nil {
		return err
	}
	s.Log.Info("scanned letter taken in", "case", out.CaseNumber)
	return s.move(name, "processed", "")
}

func (s *ScanInbox) move(name, to, reason string) error {
	dir := filepath.Join(s.Dir, to)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	if reason != "" {
		if err := os.WriteFile(filepath.Join(dir, name+".reason.txt"), []byte(reason), 0o640); err != nil {
			return err
		}
	}
	for _, f := range []string{name, name + ".json"} {
		if err := os.Rename(filepath.Join(s.Dir, f), filepath.Join(dir, f)); err != nil {
			return err
		}
	}
	return nil
}
