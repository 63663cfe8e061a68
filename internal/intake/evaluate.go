package intake

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/rights"
)

// Labelled is one message of a labelled corpus with its expected reading.
type Labelled struct {
	File string
	// Expect is "ordinary", "triage", or the rights the message asks for.
	Ordinary bool
	Triage   bool
	Rights   []rights.Right
	Lang     string
	Class    string
}

// IsRequest says whether the label is a rights request, known or not.
func (l Labelled) IsRequest() bool { return !l.Ordinary }

// ReadLabels reads every labels*.tsv file in dir: file, expect, lang,
// class, source, tab-separated. A line naming a file that is not there, or
// an unknown right, is an error naming the file and line.
func ReadLabels(dir string) ([]Labelled, error) {
	files, err := filepath.Glob(filepath.Join(dir, "labels*.tsv"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no labels*.tsv in %s", dir)
	}
	var out []Labelled
	seen := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimRight(sc.Text(), "\r")
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			cols := strings.Split(line, "\t")
			if len(cols) < 3 {
				return nil, fmt.Errorf("%s:%d: want file, expect, lang, class, source separated by tabs", f, n)
			}
			l := Labelled{File: cols[0], Lang: cols[2]}
			if len(cols) > 3 {
				l.Class = cols[3]
			}
			switch cols[1] {
			case "ordinary":
				l.Ordinary = true
			case "triage":
				l.Triage = true
			default:
				for _, name := range strings.Split(cols[1], ",") {
					r, err := rights.Parse(name)
					if err != nil {
						return nil, fmt.Errorf("%s:%d: %w", f, n, err)
					}
					l.Rights = append(l.Rights, r)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, l.File)); err != nil {
				return nil, fmt.Errorf("%s:%d: %s is not in %s", f, n, l.File, dir)
			}
			if seen[l.File] {
				return nil, fmt.Errorf("%s:%d: %s is labelled twice", f, n, l.File)
			}
			seen[l.File] = true
			out = append(out, l)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out, nil
}

// Scores are a classifier's figures on a labelled corpus.
type Scores struct {
	Messages, Requests, Ordinary int
	// RequestRecall is the share of requests (known rights or triage) that
	// became a case or a triage case.
	RequestRecall float64
	// RightsPrecision is the share of the rights given that the label has;
	// a right given to a triage-labelled or ordinary message is wrong.
	RightsPrecision float64
	// OrdinaryPrecision is the share of messages read as ordinary that are.
	OrdinaryKept float64
	PerRight     map[rights.Right]RightScore
	Mistakes     []Mistake
}

// RightScore is one right's precision and recall.
type RightScore struct {
	Labelled, Given, Correct int
}

// Precision is the share of the times the right was given that were right.
func (s RightScore) Precision() float64 { return ratio(s.Correct, s.Given) }

// Recall is the share of the messages asking for the right that got it.
func (s RightScore) Recall() float64 { return ratio(s.Correct, s.Labelled) }

// Mistake is one message read otherwise than its label.
type Mistake struct {
	File, Class, Want, Got string
	Missed                 bool // a request read as ordinary mail
	Result                 Result
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Outcome names a reading as the labels do.
func Outcome(r Result) string {
	switch {
	case !r.IsRequest:
		return "ordinary"
	case len(r.Rights) == 0:
		return "triage"
	}
	return strings.Join(rights.Names(r.Rights), ",")
}

func expectOf(l Labelled) string {
	switch {
	case l.Ordinary:
		return "ordinary"
	case l.Triage:
		return "triage"
	}
	return strings.Join(rights.Names(l.Rights), ",")
}

// Evaluate classifies every labelled message in dir and scores the result.
func Evaluate(dir string, now time.Time) (Scores, error) {
	labels, err := ReadLabels(dir)
	if err != nil {
		return Scores{}, err
	}
	return evaluate(dir, labels, func(raw []byte) Result { return ReadMessage(bytes.NewReader(raw), now) })
}

// evaluate scores read on the labelled messages.
func evaluate(dir string, labels []Labelled, read func([]byte) Result) (Scores, error) {
	s := Scores{PerRight: map[rights.Right]RightScore{}}
	found, given, correct := 0, 0, 0
	for _, l := range labels {
		raw, err := os.ReadFile(filepath.Join(dir, l.File))
		if err != nil {
			return Scores{}, err
		}
		r := read(raw)
		s.Messages++
		if l.Ordinary {
			s.Ordinary++
			if !r.IsRequest {
				s.OrdinaryKept++
			}
		} else {
			s.Requests++
			if r.IsRequest {
				found++
			}
		}
		for _, right := range rights.All {
			rs := s.PerRight[right]
			want, got := slices.Contains(l.Rights, right), slices.Contains(r.Rights, right)
			if want {
				rs.Labelled++
			}
			if got {
				rs.Given++
				given++
			}
			if want && got {
				rs.Correct++
				correct++
			}
			s.PerRight[right] = rs
		}
		if w, g := expectOf(l), Outcome(r); w != g {
			s.Mistakes = append(s.Mistakes, Mistake{File: l.File, Class: l.Class, Want: w, Got: g, Missed: l.IsRequest() && !r.IsRequest, Result: r})
		}
	}
	s.RequestRecall = ratio(found, s.Requests)
	s.RightsPrecision = ratio(correct, given)
	s.OrdinaryKept = ratio(int(s.OrdinaryKept), s.Ordinary)
	return s, nil
}

// ReadMessage parses and classifies one message; one that cannot be parsed
// reads as a triage case, as intake treats it.
func ReadMessage(r io.Reader, now time.Time) Result {
	m, err := ParseEmail(r)
	if err != nil {
		return Result{IsRequest: true, Uncertain: true, Language: "sv", Written: "sv", Reading: Reading{Reasons: []Reason{{Frame: "unparseable", Where: "message", Confidence: 1}}, Confidence: 1}}
	}
	return Classify(m, now)
}

// Report writes the scores as a table.
func (s Scores) Report(w io.Writer) {
	fmt.Fprintf(w, "%d messages: %d requests, %d ordinary\n", s.Messages, s.Requests, s.Ordinary)
	fmt.Fprintf(w, "request recall (case or triage)  %6.1f%%\n", 100*s.RequestRecall)
	fmt.Fprintf(w, "precision of the rights given    %6.1f%%\n", 100*s.RightsPrecision)
	fmt.Fprintf(w, "ordinary mail left as ordinary   %6.1f%%\n", 100*s.OrdinaryKept)
	fmt.Fprintf(w, "\n%-20s %8s %8s %8s %10s %8s\n", "right", "labelled", "given", "correct", "precision", "recall")
	for _, r := range rights.All {
		rs := s.PerRight[r]
		fmt.Fprintf(w, "%-20s %8d %8d %8d %9.1f%% %7.1f%%\n", r, rs.Labelled, rs.Given, rs.Correct, 100*rs.Precision(), 100*rs.Recall())
	}
}
