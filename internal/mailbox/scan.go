package mailbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/intake"
	"github.com/harmoniq/dsr/internal/personnummer"
	"github.com/harmoniq/dsr/internal/rights"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/uptrace/bun"
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
	// IDCopy names the file, beside the scan, of a copy of an ID document
	// that came with the letter. It is stored encrypted and deleted after
	// the identity decision.
	IDCopy string `json:"id_copy,omitempty"`
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

// ScanFile is one scanned file, read as a stream.
type ScanFile struct {
	Name string
	Body io.ReaderAt
	Size int64
}

func (f ScanFile) reader() io.Reader { return io.NewSectionReader(f.Body, 0, f.Size) }

// OpenScanFile opens a scanned file for ProcessScan; close it afterwards.
func OpenScanFile(path string) (ScanFile, *os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return ScanFile{}, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return ScanFile{}, nil, err
	}
	return ScanFile{Name: filepath.Base(path), Body: f, Size: fi.Size()}, f, nil
}

// ProcessScan opens the case of a scanned letter: the scan is stored
// encrypted with its SHA-256 (the same scan twice is one case), an enclosed
// ID copy, when given, as an ID-document attachment, and the case's clock
// starts on the day the letter arrived. Rights left empty put the case in
// triage.
func (p *Processor) ProcessScan(ctx context.Context, letter ScanFile, idCopy *ScanFile, s Scanned) (Outcome, error) {
	if p.Store.Vault == nil {
		return Outcome{}, store.ErrNoVault
	}
	hash, err := hashOf(letter.reader())
	if err != nil {
		return Outcome{}, fmt.Errorf("read the scan: %w", err)
	}
	in := &store.InboundMessage{DedupeKey: "sha256:" + hash, Channel: "post", SHA256: hash, ReceivedAt: s.Received.UTC(), Raw: []byte{}}
	c := &store.Case{Channel: "post", ReceivedAt: s.Received.UTC(), Rights: strings.Join(rights.Names(s.Rights), ","), Uncertain: len(s.Rights) == 0,
		Language: s.Language, RequesterName: s.Name, RequesterAddress: strings.Join(s.Address, "\n"), Personnummer: s.Personnummer.Digits()}
	if idCopy != nil {
		c.IDAttachments = 1
	}
	if c.Personnummer != "" {
		if err := p.findEvidence(ctx, c, nil); err != nil {
			return Outcome{}, err
		}
	}
	stored, err := p.Store.RecordIntake(ctx, in, c, func(ctx context.Context, tx bun.IDB, in *store.InboundMessage) error {
		id, err := p.Store.Vault.Put(ctx, tx, letter.reader())
		if err != nil {
			return fmt.Errorf("store the scan: %w", err)
		}
		if err := setRawBlob(ctx, tx, in.ID, id); err != nil {
			return err
		}
		if idCopy == nil {
			return nil
		}
		blob, err := p.Store.Vault.Put(ctx, tx, idCopy.reader())
		if err != nil {
			return fmt.Errorf("store the ID copy: %w", err)
		}
		return listAttachment(ctx, tx, in, 0, intake.Attachment{Filename: idCopy.Name, ContentType: contentTypeOf(idCopy.Name), IDDocument: true}, blob, idCopy.Size)
	})
	if err != nil {
		return Outcome{}, fmt.Errorf("record the scan: %w", err)
	}
	return Outcome{CaseNumber: stored.CaseNumber, IsRequest: true}, p.start(ctx, stored)
}

// ScanInbox takes in what the scanning station drops in a directory: each
// scan with its FILE.json sidecar (and the ID copy it names, if any). Once a
// scan is stored, encrypted, in the database, its files are deleted from
// the directory and processed/FILE.txt records which case it became; a scan
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
	files := []string{name, name + ".json"}
	if err == nil && sc.IDCopy != "" {
		if sc.IDCopy != filepath.Base(sc.IDCopy) || sc.IDCopy == name || strings.HasPrefix(sc.IDCopy, ".") {
			err = fmt.Errorf(`"id_copy" must name another file in the same directory`)
		} else if _, serr := os.Stat(filepath.Join(s.Dir, sc.IDCopy)); serr != nil {
			err = fmt.Errorf(`"id_copy": %s is not in the directory`, sc.IDCopy)
		} else {
			files = append(files, sc.IDCopy)
		}
	}
	if err != nil {
		s.Log.Warn("scan rejected: its sidecar is wrong; see rejected/ in SCAN_DIR")
		return s.move(files, "rejected", name+".reason.txt", "The sidecar "+name+".json is wrong: "+err.Error()+"\n")
	}
	letter, f, err := OpenScanFile(filepath.Join(s.Dir, name))
	if err != nil {
		return err
	}
	defer f.Close()
	var idCopy *ScanFile
	if sc.IDCopy != "" {
		c, f, err := OpenScanFile(filepath.Join(s.Dir, sc.IDCopy))
		if err != nil {
			return err
		}
		defer f.Close()
		idCopy = &c
	}
	out, err := s.Processor.ProcessScan(ctx, letter, idCopy, scanned)
	if err != nil {
		return err
	}
	s.Log.Info("scanned letter taken in", "case", out.CaseNumber)
	note := fmt.Sprintf("Taken in as %s on %s; the files are stored encrypted in the case and were deleted here.\n", out.CaseNumber, time.Now().Format(time.DateOnly))
	if err := os.MkdirAll(filepath.Join(s.Dir, "processed"), 0o750); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(s.Dir, "processed", name+".txt"), []byte(note), 0o640); err != nil {
		return err
	}
	for _, f := range files {
		if err := os.Remove(filepath.Join(s.Dir, f)); err != nil {
			return err
		}
	}
	return nil
}

// contentTypeOf guesses a scanned file's type from its name.
func contentTypeOf(name string) string {
	if t := mime.TypeByExtension(strings.ToLower(filepath.Ext(name))); t != "" {
		t, _, _ = strings.Cut(t, ";")
		return t
	}
	return "application/octet-stream"
}

func (s *ScanInbox) move(files []string, to, reasonFile, reason string) error {
	dir := filepath.Join(s.Dir, to)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	if reason != "" {
		if err := os.WriteFile(filepath.Join(dir, reasonFile), []byte(reason), 0o640); err != nil {
			return err
		}
	}
	for _, f := range files {
		if err := os.Rename(filepath.Join(s.Dir, f), filepath.Join(dir, f)); err != nil {
			return err
		}
	}
	return nil
}
