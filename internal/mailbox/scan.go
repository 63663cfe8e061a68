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
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/harmoniq/dsr/internal/clean"
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

// ScanLimits bound what the scan inbox takes.
type ScanLimits struct {
	// MaxBytes bounds a scan and an ID copy; a sidecar is at most
	// maxSidecarBytes.
	MaxBytes int64
	// MaxAgeDays is how long before today a letter may have arrived: an
	// older date is a typo, and would open a case already past its date.
	MaxAgeDays int
}

// DefaultScanLimits are SCAN_MAX_BYTES and SCAN_MAX_AGE_DAYS unset.
var DefaultScanLimits = ScanLimits{MaxBytes: 50 << 20, MaxAgeDays: 365}

// maxSidecarBytes bounds a sidecar: a few hundred bytes of JSON.
const maxSidecarBytes = 64 << 10

// Check validates a sidecar; the error says what is wrong, for the clerk.
func (s Sidecar) Check(now time.Time) (Scanned, error) { return s.CheckWithin(now, DefaultScanLimits) }

// CheckWithin validates a sidecar under limits.
func (s Sidecar) CheckWithin(now time.Time, limits ScanLimits) (Scanned, error) {
	var out Scanned
	d, err := deadline.ParseDate(s.Received)
	if err != nil {
		return out, fmt.Errorf(`"received": %w`, err)
	}
	today := deadline.DateOf(now)
	if d.After(today) {
		return out, fmt.Errorf(`"received": %s is in the future`, s.Received)
	}
	if limits.MaxAgeDays <= 0 {
		limits.MaxAgeDays = DefaultScanLimits.MaxAgeDays
	}
	if earliest := today.AddDate(0, 0, -limits.MaxAgeDays); d.Before(earliest) {
		return out, fmt.Errorf(`"received": %s is more than %d days ago (SCAN_MAX_AGE_DAYS); check the date on the envelope`, s.Received, limits.MaxAgeDays)
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
	if clean.Runes(s.Name) > 200 || clean.HasControl(s.Name) {
		return out, errors.New(`"name" must be one line of at most 200 characters`)
	}
	if len(s.Address) > 6 {
		return out, fmt.Errorf(`"address" has %d lines; an address has at most 6`, len(s.Address))
	}
	for i, line := range s.Address {
		if clean.Runes(line) > 100 || clean.HasControl(line) {
			return out, fmt.Errorf(`"address" line %d must be one line of at most 100 characters`, i+1)
		}
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
// It opens only a regular file, never through a symbolic link, and not one
// over the size cap: a link to the payload key, a FIFO that blocks for
// ever, a device or a gigabyte are refused with the reason.
func OpenScanFile(path string, limits ScanLimits) (ScanFile, *os.File, error) {
	if limits.MaxBytes <= 0 {
		limits.MaxBytes = DefaultScanLimits.MaxBytes
	}
	return openScanFile(path, limits.MaxBytes)
}

// ErrNotAScan is returned, wrapped, for a file the scan inbox will not
// open: not a regular file, a link, or too large.
var ErrNotAScan = errors.New("not a scanned file")

func openScanFile(path string, maxBytes int64) (ScanFile, *os.File, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return ScanFile{}, nil, err
	}
	if !fi.Mode().IsRegular() {
		return ScanFile{}, nil, fmt.Errorf("%w: %s is a %s, not a regular file", ErrNotAScan, filepath.Base(path), kindOf(fi.Mode()))
	}
	// O_NOFOLLOW: a link swapped in after the look is not followed;
	// O_NONBLOCK: a FIFO swapped in does not block the open.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return ScanFile{}, nil, fmt.Errorf("%w: %s: %v", ErrNotAScan, filepath.Base(path), err)
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		f.Close()
		return ScanFile{}, nil, fmt.Errorf("%w: %s changed while it was opened", ErrNotAScan, filepath.Base(path))
	}
	if maxBytes > 0 && st.Size() > maxBytes {
		f.Close()
		return ScanFile{}, nil, fmt.Errorf("%w: %s is %d bytes, over the cap of %d (SCAN_MAX_BYTES)", ErrNotAScan, filepath.Base(path), st.Size(), maxBytes)
	}
	return ScanFile{Name: clean.Filename(filepath.Base(path)), Body: f, Size: st.Size()}, f, nil
}

// kindOf names a file mode for a reason.
func kindOf(m os.FileMode) string {
	switch {
	case m&os.ModeSymlink != 0:
		return "symbolic link"
	case m.IsDir():
		return "directory"
	case m&os.ModeNamedPipe != 0:
		return "FIFO"
	case m&os.ModeSocket != 0:
		return "socket"
	case m&os.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

// readSidecar reads a sidecar as safely as a scan: a regular file, not a
// link, at most maxSidecarBytes.
func readSidecar(path string) ([]byte, error) {
	_, f, err := openScanFile(path, maxSidecarBytes)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxSidecarBytes))
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
		id, err := p.Store.Vault.Put(ctx, p.Store.Files(tx), letter.reader())
		if err != nil {
			return fmt.Errorf("store the scan: %w", err)
		}
		if err := p.Store.SetRawBlob(ctx, tx, in.ID, id); err != nil {
			return err
		}
		if idCopy == nil {
			return nil
		}
		blob, err := p.Store.Vault.Put(ctx, p.Store.Files(tx), idCopy.reader())
		if err != nil {
			return fmt.Errorf("store the ID copy: %w", err)
		}
		return p.listAttachment(ctx, tx, in, 0, intake.Attachment{Filename: idCopy.Name, ContentType: contentTypeOf(idCopy.Name), IDDocument: true}, blob, idCopy.Size)
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
// whose sidecar is wrong, or an entry that is no scan (a link, a directory,
// a FIFO, a file over the cap), moves to rejected/ with FILE.reason.txt
// saying why. One bad entry never stops the others.
type ScanInbox struct {
	Dir       string
	Processor *Processor
	Log       *slog.Logger
	Limits    ScanLimits
}

// PollOnce handles every complete pair in the directory and returns how
// many entries it handled. Only a failure that may pass (the database
// down) stops it; the entry is tried again at the next poll.
func (s *ScanInbox) PollOnce(ctx context.Context) (int, error) {
	if s.Limits.MaxBytes <= 0 {
		s.Limits.MaxBytes = DefaultScanLimits.MaxBytes
	}
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		return 0, fmt.Errorf("read SCAN_DIR: %w", err)
	}
	n := 0
	for _, e := range entries {
		if ctx.Err() != nil {
			return n, ctx.Err()
		}
		name := e.Name()
		if strings.HasPrefix(name, ".") || e.IsDir() && (name == "processed" || name == "rejected") {
			continue
		}
		if strings.HasSuffix(name, ".json") && !e.Type().IsRegular() {
			// A directory, link or FIFO named like a sidecar is no sidecar.
			s.reject([]string{name}, name, fmt.Sprintf("%s is a %s, not a sidecar file", name, kindOf(e.Type())))
			n++
			continue
		}
		if strings.HasSuffix(name, ".json") {
			continue // read with its scan
		}
		if !e.Type().IsRegular() {
			s.reject([]string{name}, name, fmt.Sprintf("%s is a %s, not a scanned file", name, kindOf(e.Type())))
			n++
			continue
		}
		side, err := readSidecar(filepath.Join(s.Dir, name+".json"))
		if errors.Is(err, os.ErrNotExist) {
			continue // the sidecar may still be on its way
		}
		if err != nil {
			s.reject([]string{name}, name, "the sidecar cannot be read: "+err.Error())
			n++
			continue
		}
		if err := s.handleSafely(ctx, name, side); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// handleSafely is handle, with a panic on one scan (a bug it reaches)
// setting that scan aside instead of stopping the worker.
func (s *ScanInbox) handleSafely(ctx context.Context, name string, side []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			s.Log.Error("intake failed on a scan (a bug); it is set aside", "entry", clean.Filename(name), "stack", string(debug.Stack()))
			s.reject([]string{name, name + ".json"}, name, "intake failed on this scan (a bug; the worker log has the details)")
			err = nil
		}
	}()
	return s.handle(ctx, name, side)
}

// handle takes in one scan; it returns only an error that may pass, and
// sets the scan aside for every other.
func (s *ScanInbox) handle(ctx context.Context, name string, side []byte) error {
	var sc Sidecar
	dec := json.NewDecoder(strings.NewReader(string(side)))
	dec.DisallowUnknownFields()
	err := dec.Decode(&sc)
	var scanned Scanned
	if err == nil {
		scanned, err = sc.CheckWithin(time.Now(), s.Limits)
	} else {
		err = fmt.Errorf("not the expected JSON: %s", jsonProblem(err))
	}
	files := []string{name, name + ".json"}
	if err == nil && sc.IDCopy != "" {
		if sc.IDCopy != filepath.Base(sc.IDCopy) || sc.IDCopy == name || strings.HasPrefix(sc.IDCopy, ".") || clean.HasControl(sc.IDCopy) {
			err = fmt.Errorf(`"id_copy" must name another file in the same directory`)
		} else if fi, serr := os.Lstat(filepath.Join(s.Dir, sc.IDCopy)); serr != nil {
			err = fmt.Errorf(`"id_copy": %s is not in the directory`, clean.Echo(sc.IDCopy))
		} else if !fi.Mode().IsRegular() {
			err = fmt.Errorf(`"id_copy": %s is a %s, not a regular file`, clean.Echo(sc.IDCopy), kindOf(fi.Mode()))
		} else {
			files = append(files, sc.IDCopy)
		}
	}
	if err != nil {
		s.reject(files, name, "The sidecar "+name+".json is wrong: "+err.Error())
		return nil
	}
	letter, f, err := openScanFile(filepath.Join(s.Dir, name), s.Limits.MaxBytes)
	if err != nil {
		s.reject(files, name, err.Error())
		return nil
	}
	defer f.Close()
	var idCopy *ScanFile
	if sc.IDCopy != "" {
		c, f, err := openScanFile(filepath.Join(s.Dir, sc.IDCopy), s.Limits.MaxBytes)
		if err != nil {
			s.reject(files, name, "the ID copy: "+err.Error())
			return nil
		}
		defer f.Close()
		idCopy = &c
	}
	out, err := s.Processor.ProcessScan(ctx, letter, idCopy, scanned)
	if err != nil {
		if IsPermanent(err) {
			s.reject(files, name, "the scan cannot be taken in: "+reasonText(classify("store the scan", err)))
			return nil
		}
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

// jsonProblem describes a sidecar's JSON error without quoting its values.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("invalid JSON at byte %d", syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("field %q must be a %s", typ.Field, typ.Type.Kind())
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return "unknown field " + clean.Echo(name)
	}
	return "invalid JSON"
}

// reject moves files to rejected/ with the reason; whatever cannot be
// moved is logged and left. It never stops the inbox.
func (s *ScanInbox) reject(files []string, name, reason string) {
	s.Log.Warn("scan rejected; see rejected/ in SCAN_DIR", "entry", clean.Filename(name))
	if err := s.move(files, "rejected", clean.Filename(name)+".reason.txt", reason+"\n"); err != nil {
		s.Log.Error("a rejected scan could not be moved aside", "entry", clean.Filename(name), "error", err)
	}
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
	var errs []error
	for _, f := range files {
		from := filepath.Join(s.Dir, f)
		if _, err := os.Lstat(from); errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err := os.Rename(from, filepath.Join(dir, f)); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
