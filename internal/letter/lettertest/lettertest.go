// Package lettertest reads letters back for tests.
package lettertest

import (
	"bytes"
	"os/exec"
	"testing"
)

// Text extracts a PDF's text with poppler's pdftotext (which .ci/run
// installs), keeping the layout.
func Text(tb testing.TB, pdf []byte) string {
	tb.Helper()
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("pdftotext (poppler-utils) failed: %v", err)
	}
	return string(out)
}
