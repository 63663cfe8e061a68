package intake

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/harmoniq/dsr/internal/rights"
)

// Model is a naive Bayes reading of a message's words, learned from the
// labelled development corpus. The rules decide; the model catches what
// they miss. It tells how much a message reads like a rights request,
// which turns ordinary-looking mail into a triage case, and how much like
// each right, which sends a weakly read right to triage instead of
// deciding it.
type Model struct {
	// Version names the feature set; a model of another version is not
	// used.
	Version int `json:"version"`
	// Tasks are "request" (a request of any kind against ordinary mail)
	// and one per right (that right against other requests).
	Tasks map[string]*Task `json:"tasks"`
}

// Task is one yes-or-no question the model answers.
type Task struct {
	// Prior is the log odds of yes before any word is read.
	Prior float64 `json:"prior"`
	// Words and Frames are each stem's and each frame's log likelihood
	// ratio of yes to no.
	Words  map[string]float64 `json:"words"`
	Frames map[string]float64 `json:"frames"`
}

// modelVersion is the version of the features Classify collects.
const modelVersion = 2

// featureScale damps the sum of the words' ratios: naive Bayes counts
// words that go together as independent evidence and is overconfident.
const featureScale = 0.5

// minFeatureCount is how many training messages a word or frame must be
// seen in to be weighed at all.
var minFeatureCount = 2

//go:embed model.json
var modelJSON []byte

var (
	modelOnce sync.Once
	model     *Model
)

// trained returns the embedded model, or nil when there is none of the
// current version (while a new feature set is being trained).
func trained() *Model {
	modelOnce.Do(func() {
		var m Model
		if err := json.Unmarshal(modelJSON, &m); err == nil && m.Version == modelVersion {
			model = &m
		}
	})
	return model
}

// Score returns the log odds of yes for a message with the features.
func (t *Task) Score(f featureSet) float64 {
	s := 0.0
	for w := range f.words {
		s += t.Words[w]
	}
	for fr := range f.frames {
		s += t.Frames[fr]
	}
	return t.Prior + featureScale*s
}

// featureSet is what the model reads of a message: the stems of the
// sender's words and the frames the rules found, each once.
type featureSet struct {
	words, frames map[string]struct{}
}

func features(parts [][]token, hits []Reason) featureSet {
	f := featureSet{words: make(map[string]struct{}, 256), frames: map[string]struct{}{}}
	for _, toks := range parts {
		for _, t := range toks {
			if len(t.stem) >= 3 && !isNumber(t.stem) {
				f.words[t.stem] = struct{}{}
			}
		}
	}
	for _, h := range hits {
		if h.Confidence >= 0.3 {
			f.frames[string(h.Right)+":"+h.Frame] = struct{}{}
		}
	}
	return f
}

func isNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Train learns a model from the labelled corpus in dir: every message is
// read by the rules, and each task's word weights are counted from the
// messages' features. The result depends only on the corpus and the
// rules, so a test can check that the embedded model is up to date.
func Train(dir string, now time.Time) (*Model, error) {
	labels, err := ReadLabels(dir)
	if err != nil {
		return nil, err
	}
	return train(dir, labels, now)
}

func train(dir string, labels []Labelled, now time.Time) (*Model, error) {
	type example struct {
		feats featureSet
		l     Labelled
	}
	var xs []example
	for _, l := range labels {
		raw, err := os.ReadFile(filepath.Join(dir, l.File))
		if err != nil {
			return nil, err
		}
		m, err := ParseEmail(bytes.NewReader(raw))
		if err != nil {
			continue
		}
		r := classifyMessage(m, now, nil)
		xs = append(xs, example{r.features, l})
	}
	if len(xs) == 0 {
		return nil, fmt.Errorf("no readable labelled messages in %s", dir)
	}
	m := &Model{Version: modelVersion, Tasks: map[string]*Task{}}
	learn := func(name string, in func(example) bool, yes func(example) bool) {
		type counts struct{ words, frames map[string]int }
		pos := counts{map[string]int{}, map[string]int{}}
		neg := counts{map[string]int{}, map[string]int{}}
		npos, nneg := 0, 0
		for _, x := range xs {
			if !in(x) {
				continue
			}
			c := neg
			if yes(x) {
				c = pos
				npos++
			} else {
				nneg++
			}
			for w := range x.feats.words {
				c.words[w]++
			}
			for fr := range x.feats.frames {
				c.frames[fr]++
			}
		}
		if npos == 0 || nneg == 0 {
			return
		}
		const alpha = 0.5
		weigh := func(p, n map[string]int) map[string]float64 {
			out := map[string]float64{}
			for f := range union(p, n) {
				if p[f]+n[f] < minFeatureCount {
					continue // seen too rarely: noise, or one writer's topic
				}
				w := math.Log((float64(p[f])+alpha)/(float64(npos)+2*alpha)) - math.Log((float64(n[f])+alpha)/(float64(nneg)+2*alpha))
				if math.Abs(w) >= 0.2 {
					out[f] = round3(w)
				}
			}
			return out
		}
		m.Tasks[name] = &Task{Prior: round3(math.Log(float64(npos) / float64(nneg))), Words: weigh(pos.words, neg.words), Frames: weigh(pos.frames, neg.frames)}
	}
	all := func(example) bool { return true }
	learn("request", all, func(x example) bool { return !x.l.Ordinary })
	for _, r := range rights.All {
		learn(string(r), func(x example) bool { return !x.l.Ordinary }, func(x example) bool { return slices.Contains(x.l.Rights, r) })
	}
	return m, nil
}

func union(a, b map[string]int) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// MarshalModel writes a model as indented JSON with sorted keys, so that
// training twice gives the same bytes.
func MarshalModel(m *Model) ([]byte, error) {
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
