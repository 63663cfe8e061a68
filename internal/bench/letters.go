package bench

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/rights"
)

func init() {
	add(Benchmark{Name: "letter-ack-ms", Run: func(ctx context.Context, env *Env) (Figure, error) {
		return letterTime(env, "letter-ack-ms", "< 5", 5, ackLetter())
	}})
	add(Benchmark{Name: "letter-extract-20p-ms", Run: func(ctx context.Context, env *Env) (Figure, error) {
		return letterTime(env, "letter-extract-20p-ms", "< 100", 100, extractLetter())
	}})
}

var letterDay = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// ackLetter is an acknowledgement as a case sends it.
func ackLetter() letter.Content {
	return letter.Content{Kind: letter.KindAcknowledgement, CaseNumber: "DSR-2026-000042", Received: letterDay.AddDate(0, 0, -3), Language: "sv",
		Recipient: []string{"Åsa Öberg", "Storgatan 1", "722 10 Västerås"}, Rights: []rights.Right{rights.Access, rights.Erasure},
		Due: letterDay.AddDate(0, 1, 0)}
}

// extractLetter is an answer to an access request whose register extract
// runs over 20 pages.
func extractLetter() letter.Content {
	c := ackLetter()
	c.Kind = letter.KindResponse
	c.Decisions = []letter.Decision{{Right: rights.Access, Outcome: "approved"}}
	sec := letter.ReportSection{System: "behandling", Category: "Behandlingar", Purposes: "Genomföra behandlingar", LegalBasis: "Avtal (art. 6.1 b)",
		Retention: "Sju år", Source: "Din terapeut", Columns: []string{"performed_at", "treatment"}}
	for i := range 1000 {
		sec.Rows = append(sec.Rows, []string{"2024-05-02", fmt.Sprintf("Behandling nummer %d", i+1)})
	}
	c.Report = []letter.ReportSection{sec}
	return c
}

// letterTime is the median time to compose and render a letter, over
// rounds taken one after another, as a worker's activity renders one.
func letterTime(env *Env, name, target string, limit float64, c letter.Content) (Figure, error) {
	n := 200
	if env.Size == Smoke {
		n = 5
	}
	times := make([]time.Duration, 0, n)
	pages := 0
	for range n {
		start := time.Now()
		l, err := letter.Compose(c, letterDay)
		if err != nil {
			return Figure{}, err
		}
		pdf, err := letter.Render(letter.DefaultSender, l)
		if err != nil {
			return Figure{}, err
		}
		times = append(times, time.Since(start))
		pages = countPages(pdf)
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	ms := float64(times[len(times)/2].Microseconds()) / 1000
	return Figure{Name: name, Value: ms, Unit: "ms", Target: target, Met: ms < limit,
		Note: fmt.Sprintf("median of %d, %d pages each", n, pages)}, nil
}

// countPages counts a PDF's page objects.
func countPages(pdf []byte) int {
	n := 0
	for i := 0; i+len("/Type /Page\n") <= len(pdf); i++ {
		if string(pdf[i:i+len("/Type /Page")]) == "/Type /Page" && pdf[i+len("/Type /Page")] != 's' {
			n++
		}
	}
	return n
}
