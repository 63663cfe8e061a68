package register

import (
	"fmt"
	"github.com/harmoniq/dsr/internal/dataset"
	"strings"
)

// Scope is what a decision covers: systems, and categories of the record of
// processing named as the case card and the extract show them (in Swedish
// or English, any case), less the categories in Except. Systems or
// Categories left empty cover all; the zero Scope covers everything.
type Scope struct {
	Systems    []string `json:"systems,omitempty"`
	Categories []string `json:"categories,omitempty"`
	Except     []string `json:"except,omitempty"`
}

// Empty reports whether the scope covers everything.
func (s Scope) Empty() bool {
	return len(s.Systems) == 0 && len(s.Categories) == 0 && len(s.Except) == 0
}

// CoversSystem reports whether the scope reaches the system at all.
func (s Scope) CoversSystem(system string) bool {
	if len(s.Systems) == 0 {
		return true
	}
	for _, x := range s.Systems {
		if strings.EqualFold(strings.TrimSpace(x), system) {
			return true
		}
	}
	return false
}

// Covers reports whether the scope covers the category a record describes.
func (s Scope) Covers(rec Record) bool {
	if !s.CoversSystem(rec.System) {
		return false
	}
	for _, c := range s.Except {
		if names(c, rec) {
			return false
		}
	}
	if len(s.Categories) == 0 {
		return true
	}
	for _, c := range s.Categories {
		if names(c, rec) {
			return true
		}
	}
	return false
}

func names(c string, rec Record) bool {
	c = strings.TrimSpace(c)
	return strings.EqualFold(c, rec.Category) || rec.CategoryEn != "" && strings.EqualFold(c, rec.CategoryEn)
}

// Check says what in the scope the record of processing does not know, of
// the systems given, naming what it does know. It is checked before
// anything is done, so a misspelt category never narrows a decision
// silently.
func (s Scope) Check(records []Record, systems []string) error {
	for _, x := range s.Systems {
		known := false
		for _, sys := range systems {
			known = known || strings.EqualFold(strings.TrimSpace(x), sys)
		}
		if !known {
			return fmt.Errorf("scope: no system %q; the systems are %s", x, strings.Join(systems, ", "))
		}
	}
	for _, c := range append(append([]string(nil), s.Categories...), s.Except...) {
		known := false
		var in []string
		for _, rec := range records {
			if !s.CoversSystem(rec.System) {
				continue
			}
			in = append(in, rec.Category)
			known = known || names(c, rec)
		}
		if !known {
			return fmt.Errorf("scope: no category %q in the systems named; the categories are %s", c, strings.Join(in, ", "))
		}
	}
	return nil
}

// LegitimateInterest reports whether the record's processing rests first
// on legitimate interest (Art. 6(1)(f)): the processing a person may
// object to under Art. 21(1).
func (r Record) LegitimateInterest() bool {
	if len(r.Basis) > 0 {
		return r.Basis[0] == dataset.BasisLegitimateInterest
	}
	return strings.HasPrefix(strings.ToLower(r.LegalBasis), "berättigat intresse")
}

// Consent reports whether the processing chiefly rests on consent, which a
// withdrawal ends (Art. 17(1)(b)).
func (r Record) Consent() bool {
	if len(r.Basis) > 0 {
		return r.Basis[0] == dataset.BasisConsent
	}
	return strings.HasPrefix(r.LegalBasis, "Samtycke")
}
