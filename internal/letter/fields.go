package letter

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/harmoniq/dsr/internal/deadline"
)

// kind is how a field's value is written for a reader.
type kind int

const (
	kindText    kind = iota
	kindHidden       // the systems' own keys, which say nothing about the person
	kindTime         // a time: a local date, with the time of day when it has one
	kindBool         // yes or no
	kindSEK          // an amount in kronor
	kindChannel      // a channel: of marketing, of a request, of a letter
	kindRights       // the rights a request asked for
	kindLetter       // the kind of a letter the engine sent
)

// field is one column of Harmoniq's systems as a reader of the extract
// sees it: its Swedish and English label, and how its value is written.
type field struct {
	sv, en string
	kind   kind
}

// fields labels the columns of Harmoniq's systems. A column not here is
// shown by its name and value as stored.
var fields = map[string]field{
	"id": {kind: kindHidden}, "customer_id": {kind: kindHidden}, "order_id": {kind: kindHidden},
	"client_id": {kind: kindHidden}, "treatment_id": {kind: kindHidden}, "erased_case": {kind: kindHidden},
	"personnummer":   {"Personnummer", "Personal identity number", kindText},
	"name":           {"Namn", "Name", kindText},
	"street":         {"Gatuadress", "Street address", kindText},
	"postal_code":    {"Postnummer", "Postcode", kindText},
	"city":           {"Ort", "Town", kindText},
	"email":          {"E-post", "E-mail", kindText},
	"phone":          {"Telefon", "Phone", kindText},
	"created_at":     {"Registrerad", "Recorded", kindTime},
	"updated_at":     {"Senast ändrad", "Last changed", kindTime},
	"restricted_at":  {"Behandlingen begränsad sedan", "Processing restricted since", kindTime},
	"anonymised_at":  {"Avidentifierad", "Anonymised", kindTime},
	"placed_at":      {"Beställd", "Ordered", kindTime},
	"total_sek":      {"Summa", "Total", kindSEK},
	"product":        {"Produkt", "Product", kindText},
	"quantity":       {"Antal", "Quantity", kindText},
	"price_sek":      {"Pris", "Price", kindSEK},
	"invoice_number": {"Fakturanummer", "Invoice number", kindText},
	"issued_at":      {"Utfärdad", "Issued", kindTime},
	"amount_sek":     {"Belopp", "Amount", kindSEK},
	"paid_at":        {"Betald", "Paid", kindTime},
	"kind":           {"Slag", "Kind", kindText},
	"result":         {"Resultat", "Result", kindText},
	"store":          {"Butik", "Store", kindText},
	"receipt_number": {"Kvittonummer", "Receipt number", kindText},
	"purchased_at":   {"Köpt", "Bought", kindTime},
	"treatment":      {"Behandling", "Treatment", kindText},
	"therapist":      {"Terapeut", "Therapist", kindText},
	"performed_at":   {"Utförd", "Performed", kindTime},
	"content":        {"Innehåll", "Content", kindText},
	"note":           {"Anteckning", "Note", kindText},
	"recommendation": {"Rekommendation", "Recommendation", kindText},
	"channel":        {"Kanal", "Channel", kindChannel},
	"granted":        {"Samtycke", "Consent", kindBool},
	// The engine's own records.
	"case_number": {"Ärendenummer", "Case number", kindText},
	"received_at": {"Mottaget", "Received", kindTime},
	"rights":      {"Begärt", "Asked for", kindRights},
	"letter":      {"Brev", "Letter", kindLetter},
	"sent_at":     {"Skickat", "Sent", kindTime},
	"route":       {"Väg", "Route", kindChannel},
}

// words are the engine's own values in the reader's language: rights,
// letters and channels.
var words = map[string][2]string{
	"access": {"registerutdrag", "access"}, "rectification": {"rättelse", "rectification"}, "erasure": {"radering", "erasure"},
	"restriction": {"begränsning", "restriction"}, "objection": {"invändning", "objection"},
	"marketing_optout":   {"stopp för direktmarknadsföring", "no more direct marketing"},
	"consent_withdrawal": {"återkallat samtycke", "consent withdrawn"}, "portability": {"dataportabilitet", "data portability"},
	"acknowledgement": {"mottagningsbekräftelse", "acknowledgement"}, "response": {"svar", "answer"},
	"unverified": {"avslut utan bekräftad identitet", "closed without a confirmed identity"},
	"extension":  {"förlängd svarstid", "extended time limit"}, "restriction-lift": {"besked om att begränsningen hävs", "notice that the restriction is lifted"},
	"response-posted": {"besked om svar med post", "notice of the answer by post"},
	"complement":      {"begäran om komplettering", "request for more information"},
	"email":           {"e-post", "e-mail"}, "email-reply": {"e-post (svar i ärendet)", "e-mail (reply in the case)"}, "sms": {"SMS", "SMS"},
	"post": {"brev", "letter"}, "phone": {"telefon", "phone"}, "app": {"HARMONIQ APP", "HARMONIQ APP"}, "web": {"harmoniq.se", "harmoniq.se"},
	"chat": {"chatt", "chat"},
}

// word writes one of the engine's values in lang: a right, a letter's kind
// (the numbered complement-2 as a complement), a channel; an unknown value
// as it is.
func word(lang, v string) string {
	key := strings.ToLower(v)
	if strings.HasPrefix(key, "complement") {
		key = "complement"
	}
	w, ok := words[key]
	if !ok {
		return v
	}
	if lang == "en" {
		return w[1]
	}
	return w[0]
}

// fieldLabel is a column's label in lang, in lower case for use inside a
// sentence ("gatuadress"); a column without one is named as it is.
func fieldLabel(lang, column string) string {
	f, ok := fields[column]
	if !ok || f.sv == "" {
		return column
	}
	label := f.sv
	if lang == "en" {
		label = f.en
	}
	r, n := utf8.DecodeRuneInString(label)
	return string(unicode.ToLower(r)) + label[n:]
}

var swedishMonths = []string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"}

// formats are the kinds of the dataset files' formats.
var formats = map[string]kind{"text": kindText, "hidden": kindHidden, "time": kindTime, "bool": kindBool, "sek": kindSEK, "channel": kindChannel}

// readableAs writes a stored value of a column for the reader, in lang,
// labelled by the dataset's label of the column when there is one (lab),
// else the engine's own; ok is false for a column the reader is not shown.
func readableAs(lang, column, value string, lab *Label) (label, text string, ok bool) {
	f, known := fields[column]
	if lab != nil {
		en := lab.En
		if en == "" {
			en = lab.Sv
		}
		f, known = field{sv: lab.Sv, en: en, kind: formats[lab.Format]}, true
	}
	if !known {
		return column, value, value != ""
	}
	if f.kind == kindHidden || value == "" {
		return "", "", false
	}
	label = f.sv
	if lang == "en" {
		label = f.en
	}
	switch f.kind {
	case kindTime:
		return label, when(lang, value), true
	case kindBool:
		yes := value == "true" || value == "1" || value == "t"
		switch {
		case lang == "en" && yes:
			return label, "yes", true
		case lang == "en":
			return label, "no", true
		case yes:
			return label, "ja", true
		}
		return label, "nej", true
	case kindSEK:
		if lang == "en" {
			return label, "SEK " + value, true
		}
		return label, value + " kr", true
	case kindChannel, kindLetter:
		return label, word(lang, value), true
	case kindRights:
		var out []string
		for _, r := range strings.Split(value, ",") {
			out = append(out, word(lang, strings.TrimSpace(r)))
		}
		return label, strings.Join(out, ", "), true
	}
	return label, value, true
}

// when writes a stored time as a local date, "1 oktober 2017", with the
// time of day ("kl. 22.38") when it has one; a value that is no time is
// written as it is.
func when(lang, value string) string {
	t, err := time.Parse(time.RFC3339, value)
	if err != nil {
		if t, err = time.Parse(time.DateOnly, value); err != nil {
			return value
		}
	}
	dateOnly := t.UTC().Hour() == 0 && t.UTC().Minute() == 0 && t.UTC().Second() == 0
	if dateOnly {
		t = t.UTC()
	} else {
		t = t.In(deadline.Stockholm)
	}
	var day string
	if lang == "en" {
		day = fmt.Sprintf("%d %s %d", t.Day(), t.Month(), t.Year())
	} else {
		day = fmt.Sprintf("%d %s %d", t.Day(), swedishMonths[t.Month()-1], t.Year())
	}
	if dateOnly {
		return day
	}
	if lang == "en" {
		return day + ", " + t.Format("15:04")
	}
	return day + " kl. " + t.Format("15.04")
}
