package intake

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkClassify10KB measures parsing and classifying a 10 KB message:
// a customer's request above a long quoted thread, as replies arrive.
func BenchmarkClassify10KB(b *testing.B) {
	raw := tenKB(b)
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m, err := ParseEmail(bytes.NewReader(raw))
		if err != nil {
			b.Fatal(err)
		}
		Classify(m, now)
	}
}

// BenchmarkClassifyCold10KB is BenchmarkClassify10KB with the memory of
// words read emptied before each message: every word stemmed afresh, as for
// the first message after a start.
func BenchmarkClassifyCold10KB(b *testing.B) {
	raw := tenKB(b)
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		forget()
		b.StartTimer()
		m, err := ParseEmail(bytes.NewReader(raw))
		if err != nil {
			b.Fatal(err)
		}
		Classify(m, now)
	}
}

// BenchmarkClassifyOnly10KB measures classification alone.
func BenchmarkClassifyOnly10KB(b *testing.B) {
	m, err := ParseEmail(bytes.NewReader(tenKB(b)))
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Classify(m, now)
	}
}

// tenKB builds a 10 KB message from the first corpus (fixed, so that
// figures compare across changes): one message's
// body, then others' bodies as the person's own rambling text, so that the
// classifier reads all of it.
func tenKB(tb testing.TB) []byte {
	tb.Helper()
	files, _ := filepath.Glob("testdata/corpus/*.eml")
	if len(files) == 0 {
		tb.Fatal("no corpus")
	}
	var body strings.Builder
	for body.Len() < 10<<10 {
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			m, err := ParseEmail(bytes.NewReader(raw))
			if err != nil || m.Automatic != "" {
				continue
			}
			body.WriteString(m.Text)
			body.WriteString("\n\n")
		}
	}
	text := body.String()[:10<<10]
	return []byte("From: Anna Svensson <anna@example.se>\r\nTo: kundservice@harmoniq.se\r\nSubject: Flera saker\r\nMessage-ID: <bench@example.se>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text)
}

// BenchmarkClassifyHostile1MB measures the worst a sender can make intake
// read: a megabyte of request words without a full stop. The cost must
// stay linear (sentences are read in pieces, and a mail's words capped).
func BenchmarkClassifyHostile1MB(b *testing.B) {
	text := strings.Repeat("jag vill radera mina uppgifter och ni har mitt konto men ", 1<<20/57)
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		ClassifyText("Radera", text, now)
	}
}
