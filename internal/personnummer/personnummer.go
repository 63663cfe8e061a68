// Package personnummer parses and validates Swedish personal identity numbers
// (personnummer) and coordination numbers (samordningsnummer).
//
// A Number is kept as its 12-digit form (YYYYMMDDNNNC). Its String method masks
// the serial and check digits, so a Number that reaches a log line by mistake
// does not reveal the person.
package personnummer

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Number is a validated personnummer or samordningsnummer in 12-digit form.
type Number struct {
	digits string
}

// ErrInvalid is returned, wrapped, for any number that is not formally valid.
var ErrInvalid = errors.New("invalid personnummer")

// candidate matches the written forms: YYMMDD-NNNC, YYMMDD+NNNC, YYMMDDNNNC,
// YYYYMMDD-NNNC and YYYYMMDDNNNC. Surrounding digits are excluded so that an
// order number or a phone number is not read as a personnummer.
var candidate = regexp.MustCompile(`(?:^|[^\d])((?:\d{2})?\d{6})\s?([-+]?)\s?(\d{4})(?:$|[^\d])`)

var exact = regexp.MustCompile(`^((?:\d{2})?\d{6})([-+]?)(\d{4})$`)

// Parse validates s, written in any of the usual forms, against the date of
// birth and the Luhn check digit. now decides the century of a ten-digit form:
// the most recent year not in the future, or 100 years earlier when the
// separator is '+'.
func Parse(s string, now time.Time) (Number, error) {
	m := exact.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Number{}, fmt.Errorf("%w: not in the form YYMMDD-NNNC or YYYYMMDDNNNC", ErrInvalid)
	}
	return fromParts(m[1], m[2], m[3], now)
}

// FindAll returns every valid personnummer or samordningsnummer in text, in
// order of appearance and without repeats.
func FindAll(text string, now time.Time) []Number {
	var out []Number
	seen := map[string]bool{}
	// The expression reads only the windows around runs of six or more
	// digits: reading a long text whole costs far more.
	for _, w := range digitWindows(text) {
		for _, m := range candidate.FindAllStringSubmatchIndex(w, -1) {
			out = appendFound(out, seen, w[m[2]:m[3]], w[m[4]:m[5]], w[m[6]:m[7]], now)
		}
	}
	return out
}

// digitWindows returns the stretches of text that may hold a number:
// from the character before a run of six digits to the first character
// after the digits, separators and serial that may follow it.
func digitWindows(text string) []string {
	var out []string
	isDigit := func(b byte) bool { return b >= '0' && b <= '9' }
	for i := 0; i < len(text); {
		if !isDigit(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		if j-i < 6 {
			i = j
			continue
		}
		end := j
		// a separator, spaces and the serial may follow
		for k := 0; end < len(text) && k < 3 && (text[end] == ' ' || text[end] == '-' || text[end] == '+'); k++ {
			end++
		}
		for end < len(text) && isDigit(text[end]) {
			end++
		}
		if end < len(text) {
			end++
		}
		out = append(out, text[max(i-1, 0):end])
		i = j
	}
	return out
}

func appendFound(out []Number, seen map[string]bool, date, sep, serial string, now time.Time) []Number {
	{
		n, err := fromParts(date, sep, serial, now)
		if err != nil || seen[n.digits] {
			return out
		}
		seen[n.digits] = true
		out = append(out, n)
	}
	return out
}

func fromParts(date, sep, serial string, now time.Time) (Number, error) {
	var full string
	switch len(date) {
	case 8:
		full = date
	case 6:
		yy, _ := strconv.Atoi(date[:2])
		year := now.Year() - (now.Year()-yy)%100
		if sep == "+" {
			year -= 100
		}
		full = fmt.Sprintf("%04d%s", year, date[2:])
	default:
		return Number{}, fmt.Errorf("%w: date part has %d digits", ErrInvalid, len(date))
	}
	if !validDate(full) {
		return Number{}, fmt.Errorf("%w: no such date of birth", ErrInvalid)
	}
	if luhn(full[2:]+serial[:3]) != int(serial[3]-'0') {
		return Number{}, fmt.Errorf("%w: wrong check digit", ErrInvalid)
	}
	return Number{digits: full + serial}, nil
}

func validDate(yyyymmdd string) bool {
	y, _ := strconv.Atoi(yyyymmdd[:4])
	m, _ := strconv.Atoi(yyyymmdd[4:6])
	d, _ := strconv.Atoi(yyyymmdd[6:8])
	if d > 60 { // samordningsnummer: day of birth + 60
		d -= 60
	}
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && int(t.Month()) == m
}

// luhn returns the check digit for the nine digits YYMMDDNNN.
func luhn(nine string) int {
	sum := 0
	for i, r := range nine {
		v := int(r - '0')
		if i%2 == 0 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return (10 - sum%10) % 10
}

// Digits returns the 12-digit form YYYYMMDDNNNC, the form to store.
func (n Number) Digits() string { return n.digits }

// IsZero reports whether n holds no number.
func (n Number) IsZero() bool { return n.digits == "" }

// IsCoordination reports whether n is a samordningsnummer.
func (n Number) IsCoordination() bool {
	d, _ := strconv.Atoi(n.digits[6:8])
	return d > 60
}

// Masked returns the number with the last four digits hidden: 19900704-XXXX.
func (n Number) Masked() string {
	if n.digits == "" {
		return ""
	}
	return n.digits[:8] + "-XXXX"
}

// String returns the masked form, so that formatting a Number never leaks it.
func (n Number) String() string { return n.Masked() }

// Formatted returns the number as written on letters: YYYYMMDD-NNNC.
func (n Number) Formatted() string {
	if n.digits == "" {
		return ""
	}
	return n.digits[:8] + "-" + n.digits[8:]
}
