package audit

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/harmoniq/dsr/internal/letter"
)

// Export is a case's full history for compliance, with the result of
// verifying it and the checkpoint that vouches for it.
type Export struct {
	Summary     CaseSummary `json:"summary"`
	Verified    bool        `json:"verified"`
	Problem     string      `json:"problem,omitempty"`
	Covering    *Checkpoint `json:"covering_checkpoint,omitempty"`
	CoveredSeq  int         `json:"covered_event,omitempty"`
	Events      []Event     `json:"events"`
	GeneratedAt time.Time   `json:"generated_at"`
}

// WriteJSON writes x as indented JSON.
func (x Export) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(x)
}

// WriteCSV writes the events, one a row, after a header.
func (x Export) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"case", "seq", "gseq", "time_utc", "actor", "action", "details", "prev_hash", "hash"})
	for _, e := range x.Events {
		cw.Write([]string{e.CaseNumber, strconv.Itoa(e.Seq), strconv.FormatInt(e.GSeq, 10), e.OccurredAt.UTC().Format(time.RFC3339Nano),
			e.Actor, e.Action, e.Details, e.PrevHash, e.Hash})
	}
	cw.Flush()
	return cw.Error()
}

// WritePDF writes the export as a printable report.
func (x Export) WritePDF(w io.Writer) error {
	pdf := letter.NewDocument()
	pdf.SetMargins(15, 15, 15)
	pdf.SetAutoPageBreak(true, 15)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-10)
		pdf.SetFont("DejaVu", "", 7)
		pdf.CellFormat(0, 4, fmt.Sprintf("%s · %s · sida %d av {nb}", x.Summary.CaseNumber, x.GeneratedAt.UTC().Format(time.RFC3339), pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	pdf.SetFont("DejaVu", "B", 14)
	pdf.CellFormat(0, 8, "Granskningslogg / audit trail: "+x.Summary.CaseNumber, "", 1, "L", false, 0, "")
	pdf.SetFont("DejaVu", "", 9)
	s := x.Summary
	line := func(label, value string) {
		pdf.SetFont("DejaVu", "B", 9)
		pdf.CellFormat(45, 5, label, "", 0, "L", false, 0, "")
		pdf.SetFont("DejaVu", "", 9)
		pdf.MultiCell(0, 5, value, "", "L", false)
	}
	verdict := "intact: every hash and link recomputed and matched"
	if !x.Verified {
		verdict = "BROKEN: " + x.Problem
	}
	line("Verification", verdict)
	if x.Covering != nil {
		line("Signed checkpoint", fmt.Sprintf("event %d, by %s %d signed %s, key %s", x.CoveredSeq, x.Covering.Scope, x.Covering.Seq, x.Covering.SignedAt.UTC().Format(time.RFC3339), x.Covering.KeyID))
	} else {
		line("Signed checkpoint", "none covers this case yet (it is signed when the case closes)")
	}
	line("Channel / rights", fmt.Sprintf("%s / %v", s.Channel, s.Rights))
	line("Received / due", fmt.Sprintf("%s / %s (legal limit %s)", s.Received, s.Due, s.LegalDue))
	line("Paused / extended", fmt.Sprintf("%d days / %v", s.PausedDays, s.Extended))
	closed := "open"
	if s.Closed {
		closed = fmt.Sprintf("%s, outcome %s, on time: %v, within the legal limit: %v", s.ClosedOn, s.Outcome, deref(s.OnTime), deref(s.WithinLaw))
	}
	line("Closed", closed)
	for _, l := range s.Letters {
		line("Letter "+l.Kind, fmt.Sprintf("%s sha256 %s", l.File, l.SHA256))
	}
	pdf.Ln(3)
	widths := []float64{10, 32, 22, 48, 68}
	pdf.SetFont("DejaVu", "B", 8)
	for i, h := range []string{"Seq", "Time (UTC)", "Actor", "Action", "Details"} {
		pdf.CellFormat(widths[i], 5, h, "B", 0, "L", false, 0, "")
	}
	pdf.Ln(-1)
	pdf.SetFont("DejaVu", "", 7)
	for _, e := range x.Events {
		if pdf.GetY() > 270 {
			pdf.AddPage()
		}
		cells := []string{strconv.Itoa(e.Seq), e.OccurredAt.UTC().Format("2006-01-02 15:04:05"), e.Actor, e.Action}
		x0 := pdf.GetX()
		for i, c := range cells {
			pdf.CellFormat(widths[i], 4, c, "", 0, "L", false, 0, "")
		}
		pdf.MultiCell(widths[4], 4, e.Details, "", "L", false)
		pdf.SetX(x0)
		pdf.SetFont("DejaVu", "", 6)
		pdf.CellFormat(0, 3, "hash "+e.Hash, "", 1, "L", false, 0, "")
		pdf.SetFont("DejaVu", "", 7)
	}
	return pdf.Output(w)
}

func deref(b *bool) string {
	if b == nil {
		return "unknown"
	}
	return strconv.FormatBool(*b)
}
