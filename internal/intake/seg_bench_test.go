package intake

import (
	"bytes"
	"testing"
)

func BenchmarkSegments(b *testing.B) {
	m, _ := ParseEmail(bytes.NewReader(tenKB(b)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		segments(m.Subject, m.Text)
	}
}

func BenchmarkTokenize(b *testing.B) {
	m, _ := ParseEmail(bytes.NewReader(tenKB(b)))
	segs := segments(m.Subject, m.Text)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, sg := range segs {
			for _, s := range sentences(sg.text) {
				tokenize(s, nil)
			}
		}
	}
}
