package intake

import (
	"slices"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/rights"
)

// TestWhatTheWriterDidThemselvesAsksNothing: "myself" and "själv" tell of
// the writer's own deed, unless the sentence asks ("Please remove myself",
// a non-native opt-out).
func TestWhatTheWriterDidThemselvesAsksNothing(t *testing.T) {
	for text, want := range map[string][]rights.Right{
		"Please remove myself from your mailing list.":          {rights.MarketingOptOut},
		"Could you remove myself from the newsletter list?":     {rights.MarketingOptOut},
		"I deleted my account myself in the app yesterday.":     nil,
		"Adressen på Mina sidor ändrar jag själv i kväll.":      nil,
		"Jag har avregistrerat mig själv från nyhetsbrevet nu.": nil,
	} {
		r := classifyMessage(&Message{Text: text}, time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC), nil)
		if !slices.Equal(r.Rights, want) {
			t.Errorf("%q: rights %v, want %v", text, r.Rights, want)
		}
	}
}

// TestSomeoneElsesDetailIsNoRectification: a wrong detail of someone else's
// ("her number", "hans adress") is no correction of the writer's record;
// the writer's own is.
func TestSomeoneElsesDetailIsNoRectification(t *testing.T) {
	for text, want := range map[string][]rights.Right{
		"I typed her mobile number wrong on the booking, could you fix it?": nil,
		"Jag skrev hans adress fel när jag beställde presenten.":            nil,
		"Min adress är fel i kundregistret, rätta den till Nygatan 2.":      {rights.Rectification},
	} {
		r := classifyMessage(&Message{Text: text}, time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC), nil)
		if !slices.Equal(r.Rights, want) {
			t.Errorf("%q: rights %v, want %v", text, r.Rights, want)
		}
	}
}
