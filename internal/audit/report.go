package audit

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/harmoniq/dsr/internal/event"
)

// LetterRecord is a letter the trail says was sent.
type LetterRecord struct {
	Kind   string    `json:"kind"`
	File   string    `json:"file"`
	SHA256 string    `json:"sha256"`
	Time   time.Time `json:"time"`
}

// CaseSummary is what compliance asks first about a case, read from its
// trail: when it came, what it asked, when it was due, and whether the
// answer came in time.
type CaseSummary struct {
	CaseNumber string         `json:"case"`
	Channel    string         `json:"channel"`
	Rights     []string       `json:"rights"`
	Received   string         `json:"received"`
	Due        string         `json:"due"`
	LegalDue   string         `json:"legal_due"`
	Extended   bool           `json:"extended"`
	PausedDays int            `json:"paused_days"`
	Closed     bool           `json:"closed"`
	ClosedOn   string         `json:"closed_on,omitempty"`
	Outcome    string         `json:"outcome,omitempty"`
	OnTime     *bool          `json:"on_time,omitempty"`
	WithinLaw  *bool          `json:"within_legal_limit,omitempty"`
	Letters    []LetterRecord `json:"letters"`
}

// Summarize reads a case's summary from its events, in sequence order. An
// event that does not decode is an error: a summary must not quietly lose
// what the trail says.
func Summarize(caseNumber string, events []Event) (CaseSummary, error) {
	s := CaseSummary{CaseNumber: caseNumber, Letters: []LetterRecord{}}
	for _, e := range events {
		ev, err := event.Decode(e.Action, e.Details)
		if err != nil {
			return s, fmt.Errorf("%s event %d: %w", caseNumber, e.Seq, err)
		}
		switch d := ev.(type) {
		case *event.CaseReceived:
			s.Channel, s.Rights, s.Received, s.Due, s.LegalDue = d.Channel, d.Rights, d.Received, d.Due, d.LegalDue
		case *event.CaseClassified:
			s.Rights = d.Rights
		case *event.DeadlineExtended:
			s.Extended, s.Due, s.LegalDue = true, d.Due, d.Due
		case *event.ClockResumed:
			s.PausedDays, s.Due = d.TotalPausedDays, d.Due
		case *event.LetterSent:
			s.Letters = append(s.Letters, LetterRecord{Kind: d.Kind, File: d.File, SHA256: d.SHA256, Time: e.OccurredAt})
		case *event.CaseClosed:
			onTime, within := d.OnTime, d.WithinLegalLimit
			s.Closed, s.ClosedOn, s.Outcome, s.OnTime, s.WithinLaw = true, d.ClosedOn, d.Outcome, &onTime, &within
			if d.Due != "" {
				s.Due = d.Due
			}
		}
	}
	return s, nil
}

// Overview is the figures supervisory authorities ask for, over the cases
// received in a period.
type Overview struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Received int    `json:"received"`
	// ByChannel and ByRight count the cases received.
	ByChannel map[string]int `json:"by_channel"`
	ByRight   map[string]int `json:"by_right"`
	Answered  int            `json:"answered"` // closed with an answer (not withdrawn, not a request)
	OnTime    int            `json:"on_time"`  // answered by the due date
	Late      int            `json:"late"`     // answered after the due date
	Extended  int            `json:"extended"`
	// OverdueOpen are still open after their due date.
	OverdueOpen int `json:"overdue_open"`
	Open        int `json:"open"`
	Withdrawn   int `json:"withdrawn_or_not_a_request"`
	// MedianDays is the median number of days from receipt to answer.
	MedianDays float64 `json:"median_days_to_answer"`
}

// Overview computes the figures for cases received from from to to
// (inclusive, YYYY-MM-DD), as of today.
func (t *Trail) Overview(ctx context.Context, from, to, today string) (Overview, error) {
	es, err := t.st.AuditEventsByAction(ctx, event.ActCaseReceived, event.ActCaseClassified, event.ActDeadlineExtended, event.ActClockResumed, event.ActCaseClosed)
	if err != nil {
		return Overview{}, err
	}
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].CaseNumber != es[j].CaseNumber {
			return es[i].CaseNumber < es[j].CaseNumber
		}
		return es[i].Seq < es[j].Seq
	})
	byCase := map[string][]Event{}
	var order []string
	for _, e := range es {
		if _, ok := byCase[e.CaseNumber]; !ok {
			order = append(order, e.CaseNumber)
		}
		byCase[e.CaseNumber] = append(byCase[e.CaseNumber], e)
	}
	o := Overview{From: from, To: to, ByChannel: map[string]int{}, ByRight: map[string]int{}}
	var days []float64
	for _, n := range order {
		s, err := Summarize(n, byCase[n])
		if err != nil {
			return o, err
		}
		if s.Received == "" || s.Received < from || s.Received > to {
			continue
		}
		o.Received++
		o.ByChannel[s.Channel]++
		for _, r := range s.Rights {
			o.ByRight[r]++
		}
		if s.Extended {
			o.Extended++
		}
		switch {
		case !s.Closed:
			o.Open++
			if s.Due != "" && today > s.Due {
				o.OverdueOpen++
			}
		case s.Outcome == "withdrawn" || s.Outcome == "not_a_request":
			o.Withdrawn++
		default:
			o.Answered++
			if s.OnTime != nil && *s.OnTime {
				o.OnTime++
			} else {
				o.Late++
			}
			r, err1 := time.Parse(time.DateOnly, s.Received)
			c, err2 := time.Parse(time.DateOnly, s.ClosedOn)
			if err1 == nil && err2 == nil {
				days = append(days, c.Sub(r).Hours()/24)
			}
		}
	}
	o.MedianDays = median(days)
	return o, nil
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	sort.Float64s(xs)
	m := len(xs) / 2
	if len(xs)%2 == 1 {
		return xs[m]
	}
	return (xs[m-1] + xs[m]) / 2
}
