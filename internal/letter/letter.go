// Package letter renders the engine's letters to the public as A4 PDFs with
// an embedded font, DejaVu Sans, so å, ä, ö and é (and ł, ř, Cyrillic…)
// print on any machine.
package letter

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/text/encoding/charmap"
)

// DejaVu Sans (Bitstream Vera licence, see fonts/LICENSE) covers Swedish.
var (
	//go:embed fonts/DejaVuSans.ttf
	regularFont []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	boldFont []byte

	// The Windows-1252 part of each, as the PDF library's simple fonts:
	// metrics (.json) and the compressed font file (.z), by fonts/1252.sh.
	//go:embed fonts/DejaVuSans-1252.json
	cp1252Regular []byte
	//go:embed fonts/DejaVuSans-1252.z
	cp1252RegularFile []byte
	//go:embed fonts/DejaVuSans-Bold-1252.json
	cp1252Bold []byte
	//go:embed fonts/DejaVuSans-Bold-1252.z
	cp1252BoldFile []byte
)

// Sender is the controller's letterhead.
type Sender struct {
	Name   string
	Street string
	Postal string // "722 09 Västerås"
	Email  string
}

// DefaultSender is Harmoniq AB, as its privacy policy gives it.
var DefaultSender = Sender{Name: "HARMONIQ AB", Street: "Stora gatan 2h", Postal: "722 09 Västerås", Email: "kundservice@harmoniq.se"}

// Letter is one letter's content, already in the reader's language.
type Letter struct {
	CaseNumber string
	Date       time.Time
	Recipient  []string // name first, then the postal address lines
	Title      string
	Paragraphs []string
	// Labels are the fixed words of the layout in the letter's language.
	Labels Labels
}

// Labels are the layout's fixed words.
type Labels struct {
	Reference, Date string
	// Page is a format with one %d for the page number; {nb} stands for
	// the number of pages.
	Page string
}

// Swedish and English labels.
var (
	SwedishLabels = Labels{Reference: "Ärendenummer", Date: "Datum", Page: "Sida %d av {nb}"}
	EnglishLabels = Labels{Reference: "Case number", Date: "Date", Page: "Page %d of {nb}"}
)

// The address field sits in the window of a C5/E65 window envelope, the
// position Swedish business letters use (SIS 01 01 11): 20 mm from the left
// edge and 45 mm from the top, 90 mm wide.
const (
	windowLeft  = 20.0
	windowTop   = 45.0
	windowWidth = 90.0
)

// NewDocument returns an empty A4 document with the embedded DejaVu Sans
// registered as font family "DejaVu" (regular and bold).
func NewDocument() *gofpdf.Fpdf {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.AddUTF8FontFromBytes("DejaVu", "", regularFont)
	pdf.AddUTF8FontFromBytes("DejaVu", "B", boldFont)
	return pdf
}

// face is how a letter's text reaches the PDF: through which registration
// of DejaVu Sans, and in which encoding.
type face struct {
	text     func(string) string
	document func() *gofpdf.Fpdf
}

// faceFor picks the face of a letter that prints texts. Where
// Windows-1252 writes every character (Swedish, the Nordic and the western
// European languages: most letters) the letter is set in the Windows-1252
// part of DejaVu Sans (fonts/1252.sh), a simple font that the PDF library
// embeds as it is, in under a millisecond. Anything else (a Polish, Czech,
// Greek or Cyrillic name) is set in the whole font, as Unicode, which the
// library parses and subsets for each document (about 12 ms). Both embed
// the same typeface, so the letters look alike.
func faceFor(texts ...[]string) face {
	for _, list := range texts {
		for _, t := range list {
			for _, r := range t {
				if _, ok := charmap.Windows1252.EncodeRune(r); !ok {
					return face{text: func(s string) string { return s }, document: NewDocument}
				}
			}
		}
	}
	return face{text: func(s string) string {
		out, err := charmap.Windows1252.NewEncoder().String(s)
		if err != nil {
			return s // not reached: every character was checked above
		}
		return out
	}, document: func() *gofpdf.Fpdf {
		pdf := gofpdf.New("P", "mm", "A4", "")
		pdf.SetCompression(true)
		pdf.AddFontFromBytes("DejaVu", "", cp1252Regular, cp1252RegularFile)
		pdf.AddFontFromBytes("DejaVu", "B", cp1252Bold, cp1252BoldFile)
		return pdf
	}}
}

// Render draws l on A4 pages under s's letterhead and returns the PDF.
// Characters its fonts cannot draw are replaced as Printable says; a name
// or an address never makes a letter fail.
func Render(s Sender, l Letter) ([]byte, error) {
	if s.Name == "" {
		s = DefaultSender
	}
	l, _ = Printable(l)
	s.Name, _ = printable(s.Name, false)
	s.Street, _ = printable(s.Street, false)
	s.Postal, _ = printable(s.Postal, false)
	s.Email, _ = printable(s.Email, false)
	// What the letter prints: the letterhead, its labels and its text.
	f := faceFor([]string{s.Name, s.Street, s.Postal, s.Email, l.CaseNumber, l.Title, l.Labels.Reference, l.Labels.Date, l.Labels.Page},
		l.Recipient, l.Paragraphs)
	pdf := f.document()
	pdf.SetMargins(windowLeft, 20, 20)
	pdf.SetAutoPageBreak(true, 25)
	pdf.AliasNbPages("{nb}")
	pdf.SetTitle(l.Title, true)
	pdf.SetAuthor(s.Name, true)
	pdf.SetCreationDate(l.Date)
	pdf.SetModificationDate(l.Date)
	pdf.SetHeaderFunc(func() {
		pdf.SetFont("DejaVu", "B", 12)
		pdf.SetXY(windowLeft, 15)
		pdf.CellFormat(0, 6, f.text(s.Name), "", 1, "L", false, 0, "")
		pdf.SetFont("DejaVu", "", 8)
		pdf.SetX(windowLeft)
		pdf.CellFormat(0, 4, f.text(fmt.Sprintf("%s, %s · %s", s.Street, s.Postal, s.Email)), "", 1, "L", false, 0, "")
		pdf.SetXY(120, 15)
		pdf.CellFormat(70, 5, f.text(l.Labels.Reference+": "+l.CaseNumber), "", 2, "R", false, 0, "")
		pdf.CellFormat(70, 5, f.text(l.Labels.Date+": "+l.Date.Format("2006-01-02")), "", 1, "R", false, 0, "")
		pdf.SetY(35)
	})
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont("DejaVu", "", 8)
		pdf.CellFormat(0, 5, f.text(fmt.Sprintf(l.Labels.Page, pdf.PageNo())), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()

	pdf.SetFont("DejaVu", "", 11)
	pdf.SetXY(windowLeft, windowTop)
	for _, line := range l.Recipient {
		pdf.SetX(windowLeft)
		pdf.CellFormat(windowWidth, 5.5, f.text(line), "", 1, "L", false, 0, "")
	}

	pdf.SetXY(windowLeft, 95)
	pdf.SetFont("DejaVu", "B", 13)
	pdf.MultiCell(0, 7, f.text(l.Title), "", "L", false)
	pdf.Ln(3)
	for _, p := range l.Paragraphs {
		switch {
		case strings.HasPrefix(p, HeadingMarker):
			pdf.Ln(2)
			pdf.SetFont("DejaVu", "B", 12)
			pdf.MultiCell(0, 6.5, f.text(strings.TrimPrefix(p, HeadingMarker)), "", "L", false)
			pdf.Ln(2)
		case strings.HasPrefix(p, SubheadingMarker):
			pdf.SetFont("DejaVu", "B", 10.5)
			pdf.MultiCell(0, 5.5, f.text(strings.TrimPrefix(p, SubheadingMarker)), "", "L", false)
			pdf.Ln(1)
		case strings.HasPrefix(p, RowMarker):
			pdf.SetFont("DejaVu", "", 8.5)
			pdf.SetX(windowLeft + 4)
			pdf.MultiCell(0, 4.2, f.text(strings.TrimPrefix(p, RowMarker)), "", "L", false)
			pdf.Ln(0.8)
		default:
			pdf.SetFont("DejaVu", "", 10.5)
			pdf.MultiCell(0, 5.5, f.text(p), "", "L", false)
			pdf.Ln(3)
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("render letter %s: %w", l.CaseNumber, err)
	}
	return buf.Bytes(), nil
}
