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
