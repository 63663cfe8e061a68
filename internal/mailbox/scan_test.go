package mailbox_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/mailbox"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

// TestNoEntryInTheScanDirectoryStopsTheOthers drops, between two good
// scans, every kind of entry a scanning station, a mistake or an attacker
// with write access to SCAN_DIR could leave: links to the payload key, a
// FIFO, a directory named like a sidecar, a sidecar of zeros, a scan over
// the cap, a date from year 1. Each is set aside with its reason; the good
// scans become cases; nothing blocks and nothing outside SCAN_DIR is read.
func TestNoEntryInTheScanDirectoryStopsTheOthers(t *testing.T) {
	st := storetest.Postgres(t)
	rec := newRecorder()
	dir := t.TempDir()
	secret := filepath.Join(t.TempDir(), "payload.key")
	if err := os.WriteFile(secret, []byte("PAYLOAD-KEY-9f3a hemlig nyckel"), 0o600); err != nil {
		t.Fatal(err)
	}
	inbox := &mailbox.ScanInbox{Dir: dir, Processor: &mailbox.Processor{Store: st, Starter: rec, Policy: deadline.DefaultPolicy}, Log: discard,
		Limits: mailbox.ScanLimits{MaxBytes: 4096, MaxAgeDays: 365}}
	received := time.Now().AddDate(0, 0, -3).Format(time.DateOnly)
	side := `{"received":"` + received + `","rights":["access"]}`
	put := func(name, body string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(name, to string) {
		t.Helper()
		if err := os.Symlink(to, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	put("a-good.pdf", "%PDF-1.4 the first good letter")
	put("a-good.pdf.json", side)
	// A scan that is a link to the key, with a proper sidecar.
	link("b-link.pdf", secret)
	put("b-link.pdf.json", side)
	// A proper scan whose ID copy is a link to the key.
	put("c-idlink.pdf", "%PDF-1.4 letter with a linked ID copy")
	put("c-idlink.pdf.json", `{"received":"`+received+`","rights":["access"],"id_copy":"c-leg.jpg"}`)
	link("c-leg.jpg", secret)
	// A sidecar that is a link to an endless device.
	put("d-zero.pdf", "%PDF-1.4 letter with an endless sidecar")
	link("d-zero.pdf.json", "/dev/zero")
	// A sidecar of 300 KB.
	put("e-huge.pdf", "%PDF-1.4 letter with a huge sidecar")
	put("e-huge.pdf.json", `{"received":"`+received+`","rights":["access"],"name":"`+strings.Repeat("A", 300<<10)+`"}`)
	// A directory named like a sidecar.
	put("f-dir.pdf", "%PDF-1.4 letter whose sidecar is a directory")
	if err := os.Mkdir(filepath.Join(dir, "f-dir.pdf.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A FIFO as the scan: opening it for reading would block for ever.
	if err := syscall.Mkfifo(filepath.Join(dir, "g-fifo.pdf"), 0o644); err != nil {
		t.Fatal(err)
	}
	put("g-fifo.pdf.json", side)
	// A scan over the cap.
	put("h-big.pdf", "%PDF-1.4 "+strings.Repeat("x", 5000))
	put("h-big.pdf.json", side)
	// A date from year 1, and one a few years back.
	put("i-year1.pdf", "%PDF-1.4 letter dated year one")
	put("i-year1.pdf.json", `{"received":"0001-01-01","rights":["access"]}`)
	put("j-old.pdf", "%PDF-1.4 letter dated long ago")
	put("j-old.pdf.json", `{"received":"`+time.Now().AddDate(-3, 0, 0).Format(time.DateOnly)+`","rights":["access"]}`)
	// A sidecar with a control character in the name, and one of the wrong shape.
	put("k-ctrl.pdf", "%PDF-1.4 letter with a bell in the name")
	put("k-ctrl.pdf.json", `{"received":"`+received+`","rights":["access"],"name":"Anna\u0007Svensson"}`)
	put("l-shape.pdf", "%PDF-1.4 letter with rights as a string")
	put("l-shape.pdf.json", `{"received":"`+received+`","rights":"access"}`)
	put("z-good.pdf", "%PDF-1.4 the last good letter")
	put("z-good.pdf.json", side)

	done := make(chan error, 1)
	go func() { _, err := inbox.PollOnce(context.Background()); done <- err }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the poll stopped: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the poll blocked")
	}
	if len(rec.started) != 2 {
		t.Errorf("cases started: %d, want the two good scans", len(rec.started))
	}
	for name, want := range map[string]string{
		"b-link.pdf":     "symbolic link",
		"c-idlink.pdf":   "symbolic link",
		"d-zero.pdf":     "symbolic link",
		"e-huge.pdf":     "over the cap",
		"f-dir.pdf.json": "directory",
		"g-fifo.pdf":     "FIFO",
		"h-big.pdf":      "SCAN_MAX_BYTES",
		"i-year1.pdf":    "SCAN_MAX_AGE_DAYS",
		"j-old.pdf":      "SCAN_MAX_AGE_DAYS",
		"k-ctrl.pdf":     `"name"`,
		"l-shape.pdf":    `field "rights" must be a slice`,
	} {
		reason, err := os.ReadFile(filepath.Join(dir, "rejected", name+".reason.txt"))
		if err != nil || !strings.Contains(string(reason), want) {
			t.Errorf("%s: reason %q, %v; want it to say %q", name, reason, err, want)
		}
		if _, err := os.Lstat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s is still in SCAN_DIR (%v)", name, err)
		}
	}
	// The reason never quotes what the sidecar held.
	if reason, _ := os.ReadFile(filepath.Join(dir, "rejected", "e-huge.pdf.reason.txt")); len(reason) > 1000 {
		t.Errorf("the reason for the huge sidecar is %d bytes", len(reason))
	}
	// The key was never read into the database, and is where it was.
	assertNotInDatabase(t, st, "PAYLOAD-KEY-9f3a", "hemlig nyckel")
	if b, err := os.ReadFile(secret); err != nil || !strings.HasPrefix(string(b), "PAYLOAD-KEY") {
		t.Errorf("the key file was touched: %q, %v", b, err)
	}
	// Fixed and dropped again, a rejected scan is taken in.
	put("i-year1.pdf", "%PDF-1.4 letter dated year one")
	put("i-year1.pdf.json", side)
	if _, err := inbox.PollOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(rec.started) != 3 {
		t.Errorf("after the fix %d cases, want 3", len(rec.started))
	}
}

func TestScanLimitsAreChecked(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, deadline.Stockholm)
	limits := mailbox.ScanLimits{MaxBytes: 1 << 20, MaxAgeDays: 30}
	for received, ok := range map[string]bool{
		"2026-12-02": true, "2026-11-02": true, "2026-11-01": false, "2026-12-03": false, "0001-01-01": false, "9999-12-31": false,
	} {
		_, err := mailbox.Sidecar{Received: received, Rights: []string{"access"}}.CheckWithin(now, limits)
		if (err == nil) != ok {
			t.Errorf("received %s: %v, want accepted=%v", received, err, ok)
		}
	}
	if _, err := (mailbox.Sidecar{Received: "2026-12-01", Address: make([]string, 7)}).CheckWithin(now, limits); err == nil {
		t.Error("seven address lines accepted")
	}
}
