// Package rights names the data-subject rights the engine handles. It holds
// plain values only, so workflow code may import it.
package rights

import (
	"fmt"
	"strings"

	"github.com/harmoniq/dsr/internal/clean"
)

// Right is one data-subject right, named as in signals, search attributes and
// the intake's JSON.
type Right string

// The rights of GDPR Art. 7(3) and 15-21 that Harmoniq's policy offers.
const (
	Access            Right = "access"
	Rectification     Right = "rectification"
	Erasure           Right = "erasure"
	Restriction       Right = "restriction"
	Objection         Right = "objection"
	MarketingOptOut   Right = "marketing_optout"
	ConsentWithdrawal Right = "consent_withdrawal"
	Portability       Right = "portability"
)

// All lists every right in a fixed order, the order letters and lists use.
var All = []Right{Access, Rectification, Erasure, Restriction, Objection, MarketingOptOut, ConsentWithdrawal, Portability}

var swedish = map[Right]string{
	Access:            "tillgång till dina personuppgifter (registerutdrag)",
	Rectification:     "rättelse av dina personuppgifter",
	Erasure:           "radering av dina personuppgifter",
	Restriction:       "begränsning av behandlingen",
	Objection:         "invändning mot behandlingen",
	MarketingOptOut:   "att inte längre få direktmarknadsföring",
	ConsentWithdrawal: "återkallelse av ditt samtycke",
	Portability:       "att få dina uppgifter överförda (dataportabilitet)",
}

var articles = map[Right]string{
	Access: "artikel 15", Rectification: "artikel 16", Erasure: "artikel 17", Restriction: "artikel 18",
	Objection: "artikel 21", MarketingOptOut: "artikel 21.2–21.3", ConsentWithdrawal: "artikel 7.3", Portability: "artikel 20",
}

// Parse returns the right named s, or an error listing the valid names.
func Parse(s string) (Right, error) {
	r := Right(strings.TrimSpace(s))
	if _, ok := swedish[r]; !ok {
		return "", fmt.Errorf("unknown right %s: use one of %s", clean.Echo(s), strings.Join(Names(All), ", "))
	}
	return r, nil
}

// Names returns the string names of rs.
func Names(rs []Right) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}

// Swedish describes r in plain Swedish, for letters.
func (r Right) Swedish() string { return swedish[r] }

// Article names the GDPR article r rests on.
func (r Right) Article() string { return articles[r] }
