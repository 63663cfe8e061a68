// Package datasettest gives tests a controller's own dataset files:
// Harmoniq's, copied to a directory and changed as the test says.
package datasettest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/harmoniq/dsr/internal/dataset"
)

// Dir copies Harmoniq's dataset files to a directory of the test's and
// returns it. Each edit replaces, in the named file, the first from with to;
// a from the file does not hold fails the test, so an edit never silently
// misses.
func Dir(tb testing.TB, edits ...Edit) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := os.CopyFS(dir, dataset.HarmoniqFiles()); err != nil {
		tb.Fatal(err)
	}
	for _, e := range edits {
		path := filepath.Join(dir, e.File)
		b, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		if !strings.Contains(string(b), e.From) {
			tb.Fatalf("%s has no %q", e.File, e.From)
		}
		if err := os.WriteFile(path, []byte(strings.Replace(string(b), e.From, e.To, 1)), 0o600); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// Set is Dir's files, loaded.
func Set(tb testing.TB, edits ...Edit) dataset.Set {
	tb.Helper()
	set, err := dataset.Load(Dir(tb, edits...))
	if err != nil {
		tb.Fatal(err)
	}
	return set
}

// Edit replaces From with To in File.
type Edit struct{ File, From, To string }
