package intake

// How the frames found in a message become its reading: the rights asked,
// a triage case, or ordinary mail.

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/harmoniq/dsr/internal/rights"
)

// notUsing are the frames of a wish that the data not be used.
var notUsing = map[string]bool{"do-not-use+purpose": true, "do-not-use+data": true, "stop-using": true, "no+purpose": true}

// onlyAs says whether every hit that decides right r (from rightAt) is one
// that is: the right read only in the ways another right covers.
func onlyAs(hits []Reason, r rights.Right, is func(Reason) bool) bool {
	return !slices.ContainsFunc(hits, func(h Reason) bool { return h.Right == r && h.Confidence >= rightAt && !is(h) })
}

// asksBesides says whether a right other than r is asked.
func asksBesides(best map[rights.Right]float64, r rights.Right) bool {
	for o, w := range best {
		if o != r && w >= rightAt {
			return true
		}
	}
	return false
}

// refusals are what the sender's own words say not to do.
type refusals struct {
	erase  bool // "radera ingenting", "don't delete anything"
	change bool // "ändra ingenting"
	// optOut: an unsubscribe regretted ("avregistrerade mig av misstag
	// … lägg till mig igen")
	optOut bool
}

// decide turns the hits into rights, triage or ordinary mail, leaving out
// what the sender said not to do.
func decide(r *Result, hits []Reason, not refusals) {
	best := map[rights.Right]float64{}
	for _, h := range hits {
		if h.Right != "" && h.Confidence > best[h.Right] {
			best[h.Right] = h.Confidence
		}
	}
	// "Frys mitt konto … och radera ingenting": a mail that asks for the
	// restriction and says not to erase asks for no erasure, whatever
	// else it says of deleting ("I understand you may delete old records").
	if not.erase && best[rights.Restriction] >= rightAt {
		delete(best, rights.Erasure)
	}
	// "Jag ångrar mig, radera inte mina uppgifter" above the person's own
	// earlier mail ("Radera mina uppgifter"): the erasure was taken back.
	if not.erase && onlyAs(hits, rights.Erasure, func(h Reason) bool { return h.Where != string(inBody) }) {
		delete(best, rights.Erasure)
	}
	// "Jag vet inte vilket som stämmer, så ändra ingenting än, men använd
	// inte mina uppgifter": the same for a correction.
	// "… I'd rather you just delete the whole account. No need to fix the
	// number first": a correction said not to be needed, beside another
	// right asked.
	if not.change && best[rights.Rectification] >= rightAt && asksBesides(best, rights.Rectification) {
		delete(best, rights.Rectification)
	}
	if not.optOut {
		delete(best, rights.MarketingOptOut)
	}
	// "… siden jeg flyttede tilbage til Aarhus … mit navn, min adresse":
	// a move told as the reason to leave asks no correction.
	if best[rights.Erasure] >= rightAt && best[rights.Rectification] >= rightAt &&
		onlyAs(hits, rights.Rectification, func(h Reason) bool { return strings.HasPrefix(h.Frame, "moved+") }) {
		delete(best, rights.Rectification)
	}
	// "Radera mitt konto och allt ni har om mig. Anledningen är att jag
	// inte vill ha några erbjudanden längre": the marketing is the reason
	// for the erasure, which ends it, not a second request.
	if best[rights.Erasure] >= rightAt && best[rights.MarketingOptOut] >= rightAt &&
		onlyAs(hits, rights.MarketingOptOut, func(h Reason) bool { return h.because }) {
		delete(best, rights.MarketingOptOut)
	}
	// "Era anteckningar och bilder får inte raderas, men jag vill inte att
	// de används … Begränsa behandlingen": pictures not to be used, in a
	// mail that asks for the restriction, are the restriction's.
	if best[rights.Restriction] >= rightAt && best[rights.ConsentWithdrawal] >= rightAt &&
		onlyAs(hits, rights.ConsentWithdrawal, func(h Reason) bool { return h.Frame == "do-not-use+pictures" }) {
		delete(best, rights.ConsentWithdrawal)
	}
	// "Jag drar tillbaka mitt samtycke … ta bort bilderna": removing what
	// the consent covered is the withdrawal's, not a second right.
	if best[rights.ConsentWithdrawal] >= rightAt && best[rights.Erasure] >= rightAt &&
		onlyAs(hits, rights.Erasure, func(h Reason) bool { return h.Frame == "erase+consented" }) {
		delete(best, rights.Erasure)
	}
	// "Freeze it … I don't want that profile used for anything", "I
	// withdraw my consent to the analysis … stop using it": a wish that
	// the data not be used, in a mail that asks for its restriction or
	// withdraws the consent, is that right, as within one sentence
	// (frames), not a second one; an objection named as one ("I object",
	// "invänder") stays.
	if (best[rights.Restriction] >= rightAt || best[rights.ConsentWithdrawal] >= rightAt) && best[rights.Objection] >= rightAt &&
		onlyAs(hits, rights.Objection, func(h Reason) bool { return notUsing[h.Frame] }) {
		delete(best, rights.Objection)
	}
	// Withdrawing consent to newsletters is the marketing opt-out: a bare
	// "återkallar samtycke" (often the subject) is not a second right when
	// the consent the mail names is to marketing.
	if best[rights.MarketingOptOut] >= rightAt && slices.ContainsFunc(hits, func(h Reason) bool { return strings.Contains(h.Frame, "consent+marketing") }) &&
		!slices.ContainsFunc(hits, func(h Reason) bool {
			return h.Right == rights.ConsentWithdrawal && h.Frame != "withdraw+consent" && h.Frame != "no-longer-consent"
		}) {
		delete(best, rights.ConsentWithdrawal)
	}
	// An objection to direct marketing is the opt-out; a bare "Widerspruch"
	// or "artikel 21" elsewhere in the same mail is the same objection.
	// So is a bare objection ("I object", "Widerspruch") in a mail whose
	// only other ask is to stop the marketing: nothing names profiling.
	if best[rights.MarketingOptOut] >= rightAt &&
		!slices.ContainsFunc(hits, func(h Reason) bool {
			return h.Right == rights.Objection && h.Frame != "object" && !strings.HasPrefix(h.Frame, "article")
		}) {
		delete(best, rights.Objection)
	}
	// "Ni får inte använda mina bilder … jag tar tillbaka mitt samtycke":
	// a use objected to, purpose unnamed, beside a consent withdrawn, is
	// the same withdrawal.
	if best[rights.ConsentWithdrawal] >= rightAt && !slices.ContainsFunc(hits, func(h Reason) bool {
		return h.Right == rights.Objection && h.Frame != "do-not-use+data"
	}) {
		delete(best, rights.Objection)
	}
	// A copy of one's data in a file to take elsewhere is portability; the
	// access frame the same words make is not a second right. An access
	// frame in a sentence of its own ("jag vill veta vad ni har om mig.
	// Jag vill också få dem som en fil") asks for both.
	if best[rights.Portability] >= rightAt && best[rights.Access] < 0.85 && !slices.ContainsFunc(hits, func(h Reason) bool {
		return h.Right == rights.Access && h.Confidence >= rightAt && !slices.ContainsFunc(hits, func(p Reason) bool {
			return p.Right == rights.Portability && p.sent == h.sent
		})
	}) {
		delete(best, rights.Access)
	}
	evidence := 0.0
	for _, h := range hits {
		if h.Right == "" && h.Confidence > evidence {
			evidence = h.Confidence
		}
	}
	r.best = best
	weakest := 1.0
	for _, right := range rights.All {
		if w, ok := best[right]; ok && w >= rightAt {
			r.Rights = append(r.Rights, right)
			weakest = math.Min(weakest, w)
		} else if ok && w >= 0.3 {
			r.Guess = append(r.Guess, right)
			evidence = math.Max(evidence, triageAt)
		}
	}
	for _, h := range hits {
		if (h.Right != "" && slices.Contains(r.Rights, h.Right) && h.Confidence >= rightAt) ||
			(len(r.Rights) == 0 && (h.Right == "" && h.Confidence >= triageAt || h.Right != "" && h.Confidence >= 0.3)) {
			r.Reasons = append(r.Reasons, h)
		}
	}
	slices.SortStableFunc(r.Reasons, func(a, b Reason) int { return cmp.Compare(b.Confidence, a.Confidence) })
	if len(r.Reasons) > 12 {
		r.Reasons = r.Reasons[:12]
	}
	switch {
	case len(r.Rights) > 0:
		r.IsRequest, r.Confidence = true, round(weakest)
	case evidence >= triageAt:
		r.IsRequest, r.Uncertain, r.Confidence = true, true, round(evidence)
	default:
		r.Confidence = round(1 - evidence)
	}
}

func round(x float64) float64 { return math.Round(math.Max(0, math.Min(1, x))*100) / 100 }
